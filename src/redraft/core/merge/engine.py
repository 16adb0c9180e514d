"""``merge_texts``: fast paths, header, normalisation, diff3 + structural layer, guard."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .diff3 import Side
from .guard import added_lines, lost_lines
from .header import Split, header_notes, split_header
from .hunk import Hunk, Piece
from .model import (
    Conflict,
    LineRange,
    MergeLabels,
    MergeResult,
    MergeStrategy,
    Segment,
    render_markers,
)
from .normalize import normalize_edits, split_text
from .structural import merge_region

_RAW_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_WORD = re.compile(r"(?<![\w$])[A-Za-z_$][\w$]*")
DEFAULT_LABELS = MergeLabels()
# At most this many "no longer declared" warnings: past that the user needs the diff, not a list.
_MAX_GONE = 5


def merge_texts(
    base: str,
    ours: str,
    theirs: str,
    *,
    labels: MergeLabels = DEFAULT_LABELS,
) -> MergeResult:
    """Merge hand edits into regenerated code.

    Args:
        base: the pristine output the edits were made on.
        ours: that output with the team's hand edits.
        theirs: the new pristine output.
        labels: names for the conflict markers.

    Returns:
        The merged text and its conflicts. Every line the user added is in the text or on the
        user's side of a conflict; the ``// @generated`` header is always the new one.
    """
    newline = "\r\n" if split_text(ours).crlf else "\n"
    if ours == base:
        return _whole(_with_newline(theirs, newline), MergeStrategy.TAKE_THEIRS, labels, newline)
    if theirs == base:
        return _whole(ours, MergeStrategy.KEEP_OURS, labels, newline)
    if ours == theirs:
        return _whole(ours, MergeStrategy.IDENTICAL, labels, newline)

    b, o, t = split_text(base), split_text(ours), split_text(theirs)
    hb = split_header(b.lines)
    ho = split_header(o.lines, base_header=hb.header)
    ht = split_header(t.lines)
    ours_body, format_notes = normalize_edits(hb.body, ho.body, ht.body)
    notes = [*header_notes(hb, ho, ht), *format_notes]

    if _keys(ours_body) == _keys(hb.body):
        notes.append("your code differs from the generated code only in layout")
        text = _with_newline(theirs, newline)
        return _whole(text, MergeStrategy.TAKE_THEIRS, labels, newline, notes)
    if ht.body == hb.body or _keys(ours_body) == _keys(ht.body):
        strategy = MergeStrategy.KEEP_OURS if ht.body == hb.body else MergeStrategy.IDENTICAL
        text = _rehead(ours, ho, ht.header, newline)
        return _whole(text, strategy, labels, newline, notes)

    base_side, ours_side, theirs_side = Side.of(hb.body), Side.of(ours_body), Side.of(ht.body)
    region = merge_region(base_side, ours_side, theirs_side)
    added = added_lines(ours_side, region.to_ours)
    pieces, absorbed = region.pieces, region.absorbed
    strategy = MergeStrategy.STRUCTURAL if region.structural else MergeStrategy.LINE
    if region.structural and lost_lines(ours_side, added, pieces, absorbed):
        notes.append("the structural merge would have dropped a line of yours; merged by line")
        pieces = merge_region(base_side, ours_side, theirs_side, structural=False).pieces
        absorbed, strategy = [], MergeStrategy.LINE
    if lost_lines(ours_side, added, pieces, absorbed):
        notes.append("the line merge would have dropped a line of yours; the whole file conflicts")
        pieces = [Hunk(tuple(hb.body), tuple(ours_body), tuple(ht.body), 0, 0, 0)]
    notes.extend(_gone_notes(hb.body, ht.body, [ours_body[i] for i in added]))

    final_newline = t.final_newline if o.final_newline == b.final_newline else o.final_newline
    return _assemble(
        ht.header, pieces, (hb, ho, ht), newline, final_newline, labels, strategy, notes
    )


def _keys(lines: Sequence[str]) -> list[str]:
    return [line.strip() for line in lines]


def _with_newline(text: str, newline: str) -> str:
    lf = text.replace("\r\n", "\n")
    return lf.replace("\n", newline) if newline != "\n" else lf


def _whole(
    text: str,
    strategy: MergeStrategy,
    labels: MergeLabels,
    newline: str,
    notes: Sequence[str] = (),
) -> MergeResult:
    return MergeResult(text, (), strategy, tuple(notes), labels, (text,) if text else (), newline)


def _rehead(ours: str, split: Split, header: str | None, newline: str) -> str:
    """The user's text untouched, but for the header line, which becomes ``header``."""
    raw = _RAW_LINE.findall(ours)
    new = [header + newline] if header is not None else []
    if split.header is not None:
        raw[split.at : split.at + 1] = new
    else:
        raw[0:0] = new
    return "".join(raw)


def _gone_notes(base: list[str], theirs: list[str], added: list[str]) -> list[str]:
    """Warn about names the user's new code uses that the regeneration removed."""
    used = {word for line in added for word in _WORD.findall(line)}
    if not used:
        return []
    declared = {m.group(1) for line in base if (m := _DECLARED.match(line))}
    text = "\n".join(theirs)
    gone = sorted(
        name
        for name in used & declared
        if not re.search(rf"(?<![\w$]){re.escape(name)}(?![\w$])", text)
    )[:_MAX_GONE]
    return [
        f"your code uses `{name}`, which the regenerated code no longer declares" for name in gone
    ]


_DECLARED = re.compile(r"\s*([A-Za-z_$][\w$]*)\??(?::|,$|\s=\s)")


def _assemble(
    header: str | None,
    pieces: list[Piece],
    sides: tuple[Split, Split, Split],
    newline: str,
    final_newline: bool,
    labels: MergeLabels,
    strategy: MergeStrategy,
    notes: list[str],
) -> MergeResult:
    segments: list[Segment] = []
    conflicts: list[Conflict] = []
    run: list[str] = [header] if header is not None else []
    line = len(run)
    for piece in pieces:
        if isinstance(piece, str):
            run.append(piece)
            line += 1
            continue
        if run:
            segments.append("".join(x + newline for x in run))
            run = []
        size = 4 + len(piece.base) + len(piece.ours) + len(piece.theirs)
        conflict = Conflict(
            index=len(conflicts),
            base=_join(piece.base, newline),
            ours=_join(piece.ours, newline),
            theirs=_join(piece.theirs, newline),
            base_lines=_range(sides[0], piece.base_at, len(piece.base)),
            ours_lines=_range(sides[1], piece.ours_at, len(piece.ours)),
            theirs_lines=_range(sides[2], piece.theirs_at, len(piece.theirs)),
            merged_lines=LineRange(line, line + size),
            key=piece.key,
        )
        conflicts.append(conflict)
        segments.append(conflict)
        line += size
    if run:
        segments.append("".join(x + newline for x in run))
    last = segments[-1] if segments else None
    if not final_newline and isinstance(last, str):
        segments[-1] = last.removesuffix(newline)
    text = "".join(
        s if isinstance(s, str) else render_markers(s, labels, newline) for s in segments
    )
    return MergeResult(
        text, tuple(conflicts), strategy, tuple(notes), labels, tuple(segments), newline
    )


def _join(lines: Sequence[str], newline: str) -> str:
    return "".join(line + newline for line in lines)


def _range(split: Split, at: int, size: int) -> LineRange:
    """A body range as lines of the whole (normalised) side, header included."""

    def whole(index: int) -> int:
        return index + 1 if split.header is not None and index >= split.at else index

    start = whole(at)
    return LineRange(start, whole(at + size - 1) + 1 if size else start)
