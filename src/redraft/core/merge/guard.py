"""The guard: a merge may never lose a line the user added.

A line counts as kept when it is in the merged text or on the user's side of a conflict; a line
the structural layer folded into another (a class added to ``className``) counts when every
token the user added is in the merged line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from .diff3 import Side
from .hunk import Absorption, Piece

_TOKEN = re.compile(r"[\w$-]+")


def added_lines(ours: Side, to_ours: Sequence[int]) -> list[int]:
    """Indexes of the user's lines that have no partner in the base."""
    partnered = set(to_ours)
    return [i for i in range(len(ours.lines)) if i not in partnered and ours.keys[i]]


def lost_lines(
    ours: Side, added: Iterable[int], pieces: Sequence[Piece], absorbed: Sequence[Absorption]
) -> list[str]:
    """The user's added lines (stripped) that the merged pieces do not keep."""
    wanted = Counter(ours.keys[i] for i in added)
    kept: Counter[str] = Counter()
    for piece in pieces:
        if isinstance(piece, str):
            kept[piece.strip()] += 1
        else:
            kept.update(line.strip() for line in piece.ours)
    present = set(kept)
    for fold in absorbed:
        in_output = fold.merged.strip() in present
        if in_output and _tokens(fold.ours) - _tokens(fold.base) <= _tokens(fold.merged):
            kept[fold.ours.strip()] += 1
    return [line for line, count in wanted.items() if kept[line] < count]


def _tokens(line: str) -> set[str]:
    return set(_TOKEN.findall(line))
