"""TSX syntax highlighting: whole files through Pygments, then split into lines.

Highlighting line by line breaks on multi-line strings and comments (diff2html #526), so a
file is lexed once and each token's text is cut at newlines. Lines are cached by the body's
blob digest (content-addressed), in a small LRU shared by every request: a version's bodies
never change except a draft's when its conflicts are resolved, and that gives a new digest.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from itertools import pairwise

from markupsafe import Markup, escape
from pygments.lexers import TsxLexer
from pygments.token import (
    Comment,
    Keyword,
    Literal,
    Name,
    Number,
    String,
    _TokenType,
    is_token_subtype,
)

# (CSS class, text); an empty class is plain text.
Segment = tuple[str, str]
Lines = tuple[tuple[Segment, ...], ...]
Ranges = Sequence[tuple[int, int]]

# A few calm categories rather than Pygments' sixty classes: fewer spans, and a palette whose
# every colour keeps 4.5:1 contrast on the added/removed backgrounds (checked by axe-core).
_CATEGORIES: tuple[tuple[_TokenType, str], ...] = (
    (Comment, "c"),
    (String, "s"),
    (Number, "m"),
    (Literal, "s"),
    (Keyword, "k"),
    (Name.Tag, "t"),
    (Name.Attribute, "a"),
    (Name.Builtin, "b"),
)


@functools.cache
def _category(ttype: _TokenType) -> str:
    # Memoised: 3,000 lines of TSX are ~18,000 tokens of a dozen types, and walking the
    # categories with `is_token_subtype` for each token took a third of the file's time.
    for parent, css in _CATEGORIES:
        if is_token_subtype(ttype, parent):
            return css
    return ""


def highlight_lines(text: str) -> Lines:
    """The text's lines (split on ``\\n`` after CRLF → LF, as the diff does), as segments."""
    # Pygments' `get_tokens` would also turn a lone CR into a line break (shifting every later
    # line against the diff's numbers) and strip a byte-order mark; the lexer's own loop keeps
    # every character where it is, and skips a generator layer per token.
    tokens = TsxLexer().get_tokens_unprocessed(text.replace("\r\n", "\n"))
    category = _category
    lines: list[tuple[Segment, ...]] = []
    current: list[Segment] = []  # the line being built
    run_css = ""
    run: list[str] = []  # pieces of the line's last segment: adjacent tokens of one class
    for _index, ttype, value in tokens:
        css = category(ttype)
        if css != run_css:
            if run:
                current.append((run_css, "".join(run)))
                run = []
            run_css = css
        if "\n" not in value:
            if value:
                run.append(value)
            continue
        *ended, rest = value.split("\n")
        for part in ended:
            if part:
                run.append(part)
            if run:
                current.append((run_css, "".join(run)))
                run = []
            lines.append(tuple(current))
            current = []
        if rest:
            run.append(rest)
    if run:
        current.append((run_css, "".join(run)))
    if current or not text.endswith("\n"):
        lines.append(tuple(current))
    return tuple(lines)


def line_html(segments: Iterable[Segment], text: str, changes: Ranges = ()) -> Markup:
    """One line as HTML: highlighted spans, with the changed ranges wrapped in ``<mark>``.

    The segments must spell ``text``; when they do not (segments of another version of the
    line, say), the line is shown plain rather than wrong.
    """
    segments = tuple(segments)
    if "".join([part for _css, part in segments]) != text:
        segments = (("", text),) if text else ()
    if not changes:
        # Most lines a page shows are context lines: one escape per segment, nothing to cut.
        return Markup(
            "".join(
                [
                    f'<span class="{css}">{escape(part)}</span>' if css else escape(part)
                    for css, part in segments
                ]
            )
        )
    cuts = sorted({point for start, end in changes for point in (start, end)})
    out: list[str] = []
    position = 0
    for css, part in segments:
        end = position + len(part)
        inner = [position, *(c for c in cuts if position < c < end), end]
        pieces = []
        for start, stop in pairwise(inner):
            chunk = str(escape(text[start:stop]))
            if any(a <= start and stop <= b for a, b in changes):
                chunk = f"<mark>{chunk}</mark>"
            pieces.append(chunk)
        body = "".join(pieces)
        out.append(f'<span class="{css}">{body}</span>' if css else body)
        position = end
    return Markup("".join(out))


class HighlightCache:
    """Highlighted lines by content digest; thread-safe, least recently used out.

    64 entries: a 3,000-line file's lines take about 1 MB, and highlighting one costs ~50 ms
    on the 2-core bench machine, nearly all of it in Pygments' lexer.
    """

    def __init__(self, capacity: int = 64) -> None:
        self.capacity = capacity
        self._items: OrderedDict[str, Lines] = OrderedDict()
        self._lock = threading.Lock()

    def lines(self, key: str, text: str) -> Lines:
        """The lines of `text`, whose content digest is `key`."""
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        # Lexing outside the lock: two requests may both lex a new file, never block each other.
        lines = highlight_lines(text)
        with self._lock:
            self._items[key] = lines
            self._items.move_to_end(key)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)
        return lines

    def __len__(self) -> int:
        return len(self._items)
