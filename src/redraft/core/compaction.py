"""Change compaction: slide changed groups to where git would show them (``xdiffi.c``).

A diff often has several equally short placements for a run of added or removed lines (an
inserted function can start at its own first line or at the blank line before it). This module
ports git's ``xdl_change_compact`` with the indent heuristic (default since git 2.14): slide each
group as far as it goes, merge it with groups it touches, line it up with a change on the other
side when it can, and otherwise choose the position whose two boundaries score best by blank
lines and indentation.
"""

from __future__ import annotations

from collections.abc import Sequence

# git's indent-heuristic tuning (xdiffi.c), kept verbatim so groups land where git puts them.
_MAX_INDENT = 200
_MAX_BLANKS = 20
_MAX_SLIDING = 100
_START_OF_FILE_PENALTY = 1
_END_OF_FILE_PENALTY = 21
_TOTAL_BLANK_WEIGHT = -30
_POST_BLANK_WEIGHT = 6
_RELATIVE_INDENT_PENALTY = -4
_RELATIVE_INDENT_WITH_BLANK_PENALTY = 10
_RELATIVE_OUTDENT_PENALTY = 24
_RELATIVE_OUTDENT_WITH_BLANK_PENALTY = 17
_RELATIVE_DEDENT_PENALTY = 23
_RELATIVE_DEDENT_WITH_BLANK_PENALTY = 17
_INDENT_WEIGHT = 60


def compact(ids: list[int], changed: list[bool], lines: Sequence[str], other: list[bool]) -> None:
    """Slide the changed groups of one side to their best positions, in place.

    Args:
        ids: Interned lines of this side (equal lines, equal ids).
        changed: Changed flags of this side plus one trailing ``False`` sentinel, which index -1
            also reaches.
        lines: This side's text, read only for indentation.
        other: The other side's changed flags, same sentinel; kept in step, never modified.
    """
    group = _Group(ids, changed, other)
    while True:
        if group.end != group.start:
            _place(group, lines)
        if not group.next():
            return


def _place(group: _Group, lines: Sequence[str]) -> None:
    # Slide up then down as far as possible, merging with groups it bumps into, until stable.
    while True:
        size = group.end - group.start
        while group.slide_up():
            pass
        earliest_end = group.end
        end_matching_other = group.end if group.o_end > group.o_start else -1
        while group.slide_down():
            if group.o_end > group.o_start:
                end_matching_other = group.end
        if size == group.end - group.start:
            break
    if group.end == earliest_end:
        return
    if end_matching_other != -1:
        # Line the group up with the last change on the other side it can face.
        while group.o_end == group.o_start:
            group.slide_up()
        return
    best = _best_shift(lines, earliest_end, group.end, group.end - group.start)
    while group.end > best:
        group.slide_up()


class _Group:
    """A run ``[start, end)`` of changed lines (possibly empty) and its twin on the other side.

    ``changed`` and ``other`` carry a trailing ``False`` sentinel, also reached as index -1. Groups
    on both sides correspond one to one: the k-th group follows the k-th unchanged line.
    """

    __slots__ = ("changed", "end", "ids", "o_end", "o_start", "other", "start")

    def __init__(self, ids: list[int], changed: list[bool], other: list[bool]) -> None:
        self.ids, self.changed, self.other = ids, changed, other
        self.start = self.end = 0
        while changed[self.end]:
            self.end += 1
        self.o_start = self.o_end = 0
        while other[self.o_end]:
            self.o_end += 1

    def next(self) -> bool:
        """Move to the next group that has lines on this side; False past the last one.

        Empty groups are stepped over here, in one loop, rather than returned one by one:
        most lines of a small edit are such groups, and a call per line was a third of a
        merge's diffing time (163,000 calls for 300 regenerations).
        """
        changed, other, last = self.changed, self.other, len(self.ids)
        start, end, o_start, o_end = self.start, self.end, self.o_start, self.o_end
        while True:
            if end == last:
                return False
            start = end = end + 1
            while changed[end]:
                end += 1
            o_start = o_end = o_end + 1
            while other[o_end]:
                o_end += 1
            if end != start:
                break
        self.start, self.end, self.o_start, self.o_end = start, end, o_start, o_end
        return True

    def slide_up(self) -> bool:
        changed, other = self.changed, self.other
        if self.start == 0 or self.ids[self.start - 1] != self.ids[self.end - 1]:
            return False
        self.start -= 1
        self.end -= 1
        changed[self.start] = True
        changed[self.end] = False
        while changed[self.start - 1]:
            self.start -= 1
        self.o_end = self.o_start - 1
        self.o_start = self.o_end
        while other[self.o_start - 1]:
            self.o_start -= 1
        return True

    def slide_down(self) -> bool:
        changed, other = self.changed, self.other
        if self.end == len(self.ids) or self.ids[self.start] != self.ids[self.end]:
            return False
        changed[self.start] = False
        changed[self.end] = True
        self.start += 1
        self.end += 1
        while changed[self.end]:
            self.end += 1
        self.o_start = self.o_end + 1
        self.o_end = self.o_start
        while other[self.o_end]:
            self.o_end += 1
        return True


def _best_shift(lines: Sequence[str], earliest_end: int, end: int, size: int) -> int:
    best_shift = -1
    best = (0, 0)
    for shift in range(max(earliest_end, end - size - 1, end - _MAX_SLIDING), end + 1):
        indent1, penalty1 = _split_score(lines, shift)
        indent2, penalty2 = _split_score(lines, shift - size)
        score = (indent1 + indent2, penalty1 + penalty2)
        if best_shift == -1 or _cmp_scores(score, best) <= 0:
            best, best_shift = score, shift
    return best_shift


def _cmp_scores(s1: tuple[int, int], s2: tuple[int, int]) -> int:
    return _INDENT_WEIGHT * ((s1[0] > s2[0]) - (s1[0] < s2[0])) + (s1[1] - s2[1])


def _indent(line: str) -> int:
    """Indent width (tabs to 8), capped; -1 for a blank line."""
    width = 0
    for char in line:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 8 - width % 8
        elif char not in "\n\r\v\f":
            return width
        if width >= _MAX_INDENT:
            return _MAX_INDENT
    return -1


def _split_score(lines: Sequence[str], split: int) -> tuple[int, int]:
    """git's ``measure_split`` + ``score_add_split``: (effective indent, penalty) of a split
    just before line ``split``."""
    n = len(lines)
    end_of_file = split >= n
    indent = -1 if end_of_file else _indent(lines[split])
    pre_blank, pre_indent = 0, -1
    for i in range(split - 1, -1, -1):
        pre_indent = _indent(lines[i])
        if pre_indent != -1:
            break
        pre_blank += 1
        if pre_blank == _MAX_BLANKS:
            pre_indent = 0
            break
    post_blank, post_indent = 0, -1
    for i in range(split + 1, n):
        post_indent = _indent(lines[i])
        if post_indent != -1:
            break
        post_blank += 1
        if post_blank == _MAX_BLANKS:
            post_indent = 0
            break

    penalty = 0
    if pre_indent == -1 and pre_blank == 0:
        penalty += _START_OF_FILE_PENALTY
    if end_of_file:
        penalty += _END_OF_FILE_PENALTY
    blanks_after = 1 + post_blank if indent == -1 else 0
    total_blank = pre_blank + blanks_after
    penalty += _TOTAL_BLANK_WEIGHT * total_blank + _POST_BLANK_WEIGHT * blanks_after
    effective = indent if indent != -1 else post_indent
    any_blanks = total_blank != 0
    if effective == -1 or pre_indent == -1 or effective == pre_indent:
        pass
    elif effective > pre_indent:
        penalty += _RELATIVE_INDENT_WITH_BLANK_PENALTY if any_blanks else _RELATIVE_INDENT_PENALTY
    elif post_indent != -1 and post_indent > effective:
        penalty += _RELATIVE_OUTDENT_WITH_BLANK_PENALTY if any_blanks else _RELATIVE_OUTDENT_PENALTY
    else:
        penalty += _RELATIVE_DEDENT_WITH_BLANK_PENALTY if any_blanks else _RELATIVE_DEDENT_PENALTY
    return effective, penalty
