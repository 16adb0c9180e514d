"""The merge's value types: labels, conflicts, and the result that can render and resolve itself."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Literal, TypeAlias

from redraft.errors import InvalidInput

Choice: TypeAlias = Literal["ours", "theirs", "both"]


class MergeStrategy(StrEnum):
    """How a merge was decided; the fast paths never look inside the text."""

    TAKE_THEIRS = "fast-path-take-theirs"
    KEEP_OURS = "fast-path-keep-ours"
    IDENTICAL = "fast-path-identical"
    STRUCTURAL = "structural"
    LINE = "line"


@dataclass(frozen=True, slots=True)
class MergeLabels:
    """Names written after the conflict markers, e.g. ``your edits (1.4.2)``.

    Attributes:
        ours: the hand-edited code.
        base: the pristine output the edits were made on.
        theirs: the new pristine output.
    """

    ours: str = "your edits"
    base: str = "generated"
    theirs: str = "generated (new)"


@dataclass(frozen=True, slots=True)
class LineRange:
    """Lines ``start`` to ``stop`` (0-based, half-open, like a slice); empty marks a position."""

    start: int
    stop: int

    def __len__(self) -> int:
        return self.stop - self.start


@dataclass(frozen=True, slots=True)
class Conflict:
    """One unresolved hunk.

    Attributes:
        index: position among the result's conflicts, the key for :meth:`MergeResult.resolve`.
        base: the generated text the two sides started from (each line ends with a newline).
        ours: the hand-edited text.
        theirs: the new generated text.
        base_lines: where ``base`` sits in the (normalised) base input.
        ours_lines: where ``ours`` sits in the (normalised) edited input.
        theirs_lines: where ``theirs`` sits in the (normalised) new input.
        merged_lines: the marker block in :attr:`MergeResult.text`, markers included.
        key: for a structural conflict, what both sides changed (``attribute style``).
    """

    index: int
    base: str
    ours: str
    theirs: str
    base_lines: LineRange
    ours_lines: LineRange
    theirs_lines: LineRange
    merged_lines: LineRange
    key: str | None = None


Segment: TypeAlias = str | Conflict


@dataclass(frozen=True, slots=True)
class MergeResult:
    """The outcome of :func:`redraft.core.merge.merge_texts`.

    Attributes:
        text: the merged text, with diff3-style markers where conflicts remain.
        conflicts: the unresolved hunks, in text order.
        strategy: which path decided the merge.
        notes: things the user should know even when the merge is clean.
        labels: the marker labels used in ``text``.
        segments: ``text`` as resolved runs and conflicts, for :meth:`resolve`.
        newline: the line terminator of the result (the user's).
    """

    text: str
    conflicts: tuple[Conflict, ...]
    strategy: MergeStrategy
    notes: tuple[str, ...] = ()
    labels: MergeLabels = MergeLabels()
    segments: tuple[Segment, ...] = field(default=(), repr=False)
    newline: str = "\n"

    @property
    def clean(self) -> bool:
        """True when no conflict is left."""
        return not self.conflicts

    def relabel(self, labels: MergeLabels) -> MergeResult:
        """The same result with its conflict markers naming other labels (e.g. the final
        version number, known only once the merged code's API has been compared)."""
        if labels == self.labels or not self.conflicts:
            return replace(self, labels=labels)
        relabeled = replace(self, labels=labels)
        return replace(relabeled, text=relabeled.resolve({}))

    def resolve(self, choices: Mapping[int, Choice]) -> str:
        """The text with the chosen conflicts resolved; unchosen ones keep their markers.

        Args:
            choices: conflict index to ``"ours"``, ``"theirs"`` or ``"both"`` (ours, then theirs).

        Raises:
            InvalidInput: an index names no conflict, or a choice is not one of the three.
        """
        known = {c.index for c in self.conflicts}
        for index, choice in choices.items():
            if index not in known:
                raise InvalidInput(f"no conflict #{index} (there are {len(known)})")
            if choice not in ("ours", "theirs", "both"):
                raise InvalidInput(
                    f"conflict #{index}: choose ours, theirs or both, not {choice!r}"
                )
        parts: list[str] = []
        for segment in self.segments:
            if isinstance(segment, str):
                parts.append(segment)
                continue
            chosen = choices.get(segment.index)
            if chosen is None:
                parts.append(render_markers(segment, self.labels, self.newline))
            elif chosen == "ours":
                parts.append(segment.ours)
            elif chosen == "theirs":
                parts.append(segment.theirs)
            else:
                parts.append(segment.ours + segment.theirs)
        return "".join(parts)


def render_markers(conflict: Conflict, labels: MergeLabels, newline: str) -> str:
    """One conflict as a diff3-style marker block (every line ends with ``newline``)."""
    return "".join(
        [
            f"<<<<<<< {labels.ours}{newline}",
            conflict.ours,
            f"||||||| {labels.base}{newline}",
            conflict.base,
            f"======={newline}",
            conflict.theirs,
            f">>>>>>> {labels.theirs}{newline}",
        ]
    )
