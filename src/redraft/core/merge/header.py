"""The generator-owned header line: always regenerated, never merged."""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADER = re.compile(r"//\s*@generated\b.*")
# A user may put a line or two (a lint pragma) above the header; it is looked for that far down.
_SEARCH_DEPTH = 3


@dataclass(frozen=True, slots=True)
class Split:
    """A side with its header line taken out.

    Attributes:
        header: the header line, or None.
        at: its index in the side's lines (0 when absent).
        body: the other lines, in order.
    """

    header: str | None
    at: int
    body: list[str]


def split_header(lines: list[str], *, base_header: str | None = None) -> Split:
    """Take out the ``// @generated …`` line near the top.

    Args:
        lines: one side's lines.
        base_header: the base's header; when given, an edited header that lost its
            ``@generated`` tag is still recognised on the line the base had it on.
    """
    for at, line in enumerate(lines[:_SEARCH_DEPTH]):
        if _HEADER.fullmatch(line.strip()):
            return Split(line, at, lines[:at] + lines[at + 1 :])
    if base_header is not None and lines and _looks_like_header(lines[0]):
        return Split(lines[0], 0, lines[1:])
    return Split(None, 0, list(lines))


def _looks_like_header(line: str) -> bool:
    # Only a comment that still names the generator: anything else is a line the user wrote.
    return line.startswith("//") and ("generated" in line.lower() or "redraft" in line.lower())


def header_notes(base: Split, ours: Split, theirs: Split) -> list[str]:
    """What the user should hear about their header line."""
    if ours.header is None and base.header is not None and theirs.header is not None:
        return ["the header line you removed was put back by the regeneration"]
    if ours.header is not None and ours.header != base.header and ours.header != theirs.header:
        return ["your edit to the header line was replaced by the regenerated header"]
    return []
