"""TSX syntax highlighting: whole files through Pygments, then split into lines.

Highlighting line by line breaks on multi-line strings and comments (diff2html #526), so a
file is lexed once and each token's text is cut at newlines. Lines are cached by the body's
blob digest (content-addressed), in a small LRU shared by every request: a version's bodies
never change except a draft's when its conflicts are resolved, and that gives a new digest.
"""

from __future__ import annotations

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


def _category(ttype: _TokenType) -> str:
    for parent, css in _CATEGORIES:
        if is_token_subtype(ttype, parent):
            return css
    return ""


def highlight_lines(text: str) -> Lines:
    """The text's lines (split on ``\\n`` after CRLF → LF, as the diff does), as segments."""
    # stripnl=False keeps leading blank lines, so line numbers match the diff's.
    lexer = TsxLexer(stripnl=False, ensurenl=False)
    lines: list[tuple[Segment, ...]] = []
    current: list[Segment] = []
    for ttype, value in lexer.get_tokens(text.replace("\r\n", "\n")):
        css = _category(ttype)
        parts = value.split("\n")
        for index, part in enumerate(parts):
            if index:
                lines.append(tuple(current))
                current = []
            if part:
                if current and current[-1][0] == css:
                    current[-1] = (css, current[-1][1] + part)
                else:
                    current.append((css, part))
    if current or not text.endswith("\n"):
        lines.append(tuple(current))
    return tuple(lines)


def line_html(segments: Iterable[Segment], text: str, changes: Ranges = ()) -> Markup:
    """One line as HTML: highlighted spans, with the changed ranges wrapped in ``<mark>``.

    The segments must spell ``text``; when they do not (Pygments normalises a lone CR, for
    one), the line is shown plain rather than wrong.
    """
    segments = tuple(segments)
    if "".join(part for _css, part in segments) != text:
        segments = (("", text),) if text else ()
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

    64 entries: a 3,000-line file's lines take about 1 MB, and lexing one costs ~0.4 s.
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
