"""Which removed and added lines belong together: similar line pairs and moved blocks.

Review pages show a removed line next to the added line that replaced it, with the changed words
marked, and mark a block that moved instead of showing it deleted in one place and written anew
in another (only Review Board and Phabricator do the latter).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from redraft.core.linediff import Opcode, Ranges, diff_words

# Review Board's threshold: below it a removed/added pair is shown as unrelated lines.
PAIR_RATIO = 0.6
# How far ahead a removed line looks for its partner among the added lines of a change.
_PAIR_WINDOW = 4
_MOVE_MIN_LINES = 3
# A line repeated all over the added text is no evidence of a move; look at this many places.
_MOVE_CANDIDATES = 64
_WORDY = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class LinePair:
    """A removed line (0-based ``old``) paired with an added line (``new``) and the changed
    character ranges of each; ``whitespace_only`` when nothing but whitespace differs."""

    old: int
    new: int
    left: Ranges
    right: Ranges
    whitespace_only: bool


@dataclass(frozen=True, slots=True)
class Move:
    """A block of ``count`` lines removed at ``old_start`` and added at ``new_start`` (1-based)."""

    id: int
    old_start: int
    new_start: int
    count: int


def pair_lines(
    removed: Sequence[int], added: Sequence[int], old: Sequence[str], new: Sequence[str]
) -> list[LinePair]:
    """Pair removed with added lines of one change, in order, when similar enough.

    Args:
        removed: Indexes into ``old`` of the change's removed lines, ascending.
        added: Indexes into ``new`` of its added lines, ascending.
        old: Old lines.
        new: New lines.

    Returns:
        Pairs in order on both sides. Each removed line takes the first of the next few unpaired
        added lines whose word similarity is at least ``PAIR_RATIO``, or that differs from it
        only in whitespace.
    """
    pairs: list[LinePair] = []
    start = 0
    for i in removed:
        for k in range(start, min(start + _PAIR_WINDOW, len(added))):
            pair = _compare(i, added[k], old[i], new[added[k]])
            if pair is not None:
                pairs.append(pair)
                start = k + 1
                break
    return pairs


def find_moves(
    ops: Sequence[Opcode], old: Sequence[str], new: Sequence[str]
) -> tuple[tuple[Move, ...], dict[int, int], dict[int, int]]:
    """Find removed runs of at least three wordy lines that reappear as an added run elsewhere.

    Lines compare without surrounding whitespace, so a moved and re-indented block still counts;
    a run removed and re-added by the same opcode is an edit in place, not a move.

    Returns:
        The moves (ids from 1), and maps from 0-based old and new line index to move id.
    """
    removed = {i: n for n, op in enumerate(ops) if op[0] != "equal" for i in range(op[1], op[2])}
    added = {j: n for n, op in enumerate(ops) if op[0] != "equal" for j in range(op[3], op[4])}
    starts: dict[str, list[int]] = {}
    for j in sorted(added):
        starts.setdefault(new[j].strip(), []).append(j)
    moves: list[Move] = []
    move_of_old: dict[int, int] = {}
    move_of_new: dict[int, int] = {}
    for i in removed:
        if i in move_of_old or not _WORDY.search(old[i]):
            continue
        best_j, best_size = 0, 0
        for j in starts.get(old[i].strip(), [])[:_MOVE_CANDIDATES]:
            size = 0
            while (
                removed.get(i + size, -1) == removed[i] != added[j]
                and added.get(j + size, -1) == added[j]
                and i + size not in move_of_old
                and j + size not in move_of_new
                and old[i + size].strip() == new[j + size].strip()
            ):
                size += 1
            if size > best_size:
                best_j, best_size = j, size
        if sum(1 for line in old[i : i + best_size] if _WORDY.search(line)) >= _MOVE_MIN_LINES:
            move = Move(len(moves) + 1, i + 1, best_j + 1, best_size)
            moves.append(move)
            move_of_old.update((i + k, move.id) for k in range(best_size))
            move_of_new.update((best_j + k, move.id) for k in range(best_size))
    return tuple(moves), move_of_old, move_of_new


def _compare(i: int, j: int, left: str, right: str) -> LinePair | None:
    ws_only = left != right and "".join(left.split()) == "".join(right.split())
    # Cheap bound first: the ratio can never exceed what the shorter line allows.
    if not ws_only and 2 * min(len(left), len(right)) < PAIR_RATIO * (len(left) + len(right)):
        return None
    words = diff_words(left, right)
    if not ws_only and words.ratio < PAIR_RATIO:
        return None
    return LinePair(i, j, words.left, words.right, ws_only)
