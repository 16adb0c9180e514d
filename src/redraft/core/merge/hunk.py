"""What the merge layers hand each other: merged lines, unresolved hunks, absorbed lines."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias


@dataclass(frozen=True, slots=True)
class Hunk:
    """A conflict before it is numbered: each side's lines and where they start."""

    base: tuple[str, ...]
    ours: tuple[str, ...]
    theirs: tuple[str, ...]
    base_at: int
    ours_at: int
    theirs_at: int
    key: str | None = None


# A merged line, or a conflict.
Piece: TypeAlias = str | Hunk


@dataclass(frozen=True, slots=True)
class Absorption:
    """A hand-edited line folded into a merged line (a class list, an import's names).

    The guard accepts it when every token the user added to ``base`` is in ``merged``.
    """

    base: str
    ours: str
    merged: str


def shift(line: str, by: int) -> str:
    """Indent ``line`` by ``by`` more spaces (fewer when negative, never below zero)."""
    if by == 0 or not line:
        return line
    if by > 0:
        return " " * by + line
    stripped = line.lstrip(" ")
    width = len(line) - len(stripped)
    return " " * max(0, width + by) + stripped


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
