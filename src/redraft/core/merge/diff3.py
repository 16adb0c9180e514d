"""Line-level three-way merge: align both sides with the base and classify what lies between.

Lines are compared by their text without leading and trailing whitespace, so indentation alone
is never a change (normalisation has already put every side in the same indent unit).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from redraft.core.linediff import match_lines


class ChunkKind(StrEnum):
    STABLE = "stable"  # the same in all three
    OURS = "ours"  # only the hand edits changed it
    THEIRS = "theirs"  # only the generator changed it
    SAME = "same"  # both changed it the same way
    CONFLICT = "conflict"  # both changed it differently


@dataclass(frozen=True, slots=True)
class Side:
    """One side's lines and their comparison keys."""

    lines: Sequence[str]
    keys: Sequence[str]

    @classmethod
    def of(cls, lines: Sequence[str]) -> Side:
        return cls(lines, [line.strip() for line in lines])


@dataclass(frozen=True, slots=True)
class Chunk:
    """A region: base lines ``b0:b1``, ours ``o0:o1``, theirs ``t0:t1`` (half-open)."""

    kind: ChunkKind
    b0: int
    b1: int
    o0: int
    o1: int
    t0: int
    t1: int


def align(a: Side, b: Side) -> list[int]:
    """For each line of ``a``, the index of its partner in ``b``, or -1.

    The matcher ignores all whitespace so that git's placement heuristics still see the
    indentation; pairs whose inner whitespace differs are then unpaired, because inside a
    string literal that whitespace is content.
    """
    partner = [-1] * len(a.lines)
    for a0, b0, size in match_lines(a.lines, b.lines, ignore_whitespace=True):
        for offset in range(size):
            if a.keys[a0 + offset] == b.keys[b0 + offset]:
                partner[a0 + offset] = b0 + offset
    return partner


def diff3(
    base: Side, ours: Side, theirs: Side, to_ours: Sequence[int], to_theirs: Sequence[int]
) -> list[Chunk]:
    """Split the three sides into stable runs and the changed regions between them.

    ``to_ours`` and ``to_theirs`` are :func:`align` of the base with each side. A base line is
    stable when both sides kept it and the lines before it line up; everything between two
    stable runs is one region, so edits that merely touch (a line added right after a line the
    other side changed) form one conflict, as in ``git merge-file``.
    """
    chunks: list[Chunk] = []
    n = len(base.lines)
    pi = pj = pk = 0
    i = 0
    while i < n:
        j, k = to_ours[i], to_theirs[i]
        if j < 0 or k < 0:
            i += 1
            continue
        if pi < i or pj < j or pk < k:
            chunks.append(_classify(base, ours, theirs, pi, i, pj, j, pk, k))
        start = i
        while i < n and to_ours[i] == j + i - start and to_theirs[i] == k + i - start:
            i += 1
        size = i - start
        chunks.append(Chunk(ChunkKind.STABLE, start, i, j, j + size, k, k + size))
        pi, pj, pk = i, j + size, k + size
    if pi < n or pj < len(ours.lines) or pk < len(theirs.lines):
        chunks.append(
            _classify(base, ours, theirs, pi, n, pj, len(ours.lines), pk, len(theirs.lines))
        )
    return chunks


def _classify(
    base: Side, ours: Side, theirs: Side, b0: int, b1: int, o0: int, o1: int, t0: int, t1: int
) -> Chunk:
    b, o, t = base.keys[b0:b1], ours.keys[o0:o1], theirs.keys[t0:t1]
    if o == b and t == b:
        kind = ChunkKind.STABLE
    elif o == b:
        kind = ChunkKind.THEIRS
    elif t == b:
        kind = ChunkKind.OURS
    elif o == t:
        kind = ChunkKind.SAME
    else:
        kind = ChunkKind.CONFLICT
    return Chunk(kind, b0, b1, o0, o1, t0, t1)


def refine(chunk: Chunk, base: Side, ours: Side, theirs: Side) -> list[Chunk]:
    """Peel the lines both sides added alike off the start and end of a conflict.

    Both sides adding the same line next to different edits is common; only the part where
    they differ is classified again (it may turn out to be a one-sided change).
    """
    o0, o1, t0, t1 = chunk.o0, chunk.o1, chunk.t0, chunk.t1
    while o0 < o1 and t0 < t1 and ours.keys[o0] == theirs.keys[t0]:
        o0 += 1
        t0 += 1
    while o1 > o0 and t1 > t0 and ours.keys[o1 - 1] == theirs.keys[t1 - 1]:
        o1 -= 1
        t1 -= 1
    if (o0, o1) == (chunk.o0, chunk.o1):
        return [chunk]
    b0, b1 = chunk.b0, chunk.b1
    parts = [
        Chunk(ChunkKind.SAME, b0, b0, chunk.o0, o0, chunk.t0, t0),
        _classify(base, ours, theirs, b0, b1, o0, o1, t0, t1),
        Chunk(ChunkKind.SAME, b1, b1, o1, chunk.o1, t1, chunk.t1),
    ]
    return [p for p in parts if p.o0 < p.o1 or p.t0 < p.t1 or p.b0 < p.b1]
