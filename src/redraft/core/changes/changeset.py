"""Everything that changed in one regeneration's inputs, and the lines that tell people."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from redraft.core.tokens.model import JsonValue
from redraft.errors import InvalidInput

from .jsonvalue import brief
from .pattern import PatternChange, PatternChangeKind
from .requirements import RequirementChange
from .tokens import TokenChange, TokenChangeKind, TokenDiff


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """The token diff, requirement changes and pattern change between two generations.

    Attributes:
        tokens: changes to the token set.
        requirements: changes to the requirements, in :func:`diff_requirements` order.
        pattern: the pattern's change, or ``None`` when the pattern and version stayed.
    """

    tokens: TokenDiff = field(default_factory=TokenDiff)
    requirements: tuple[RequirementChange, ...] = ()
    pattern: PatternChange | None = None

    @property
    def is_empty(self) -> bool:
        """Whether nothing at all changed."""
        return self.tokens.is_empty and not self.requirements and self.pattern is None

    def to_json(self) -> dict[str, JsonValue]:
        """``{"tokens": {"changes", "summary"}, "requirements": [...], "pattern": … or None}``."""
        return {
            "tokens": self.tokens.to_json(),
            "requirements": [change.to_json() for change in self.requirements],
            "pattern": self.pattern.to_json() if self.pattern is not None else None,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, JsonValue]) -> ChangeSet:
        """The inverse of :meth:`to_json` (for change sets stored with a version)."""
        tokens = data.get("tokens") or {"changes": []}
        requirements = data.get("requirements") or []
        pattern = data.get("pattern")
        if not isinstance(tokens, Mapping) or not isinstance(requirements, list):
            raise InvalidInput("a change set needs a 'tokens' object and a 'requirements' list")
        return cls(
            tokens=TokenDiff.from_json(tokens),
            requirements=tuple(RequirementChange.from_json(c) for c in requirements),
            pattern=PatternChange.from_json(pattern) if pattern is not None else None,
        )


def summarize(change_set: ChangeSet) -> list[str]:
    """Short lines for people: token changes, then requirement changes, then the pattern.

    A change carried through aliases is folded into its cause's line ("… (and 3 tokens
    aliasing it)"); it gets a line of its own only when its cause is not in the change set
    (e.g. a diff restricted to the tokens one component uses).

    Args:
        change_set: the changes to describe.

    Returns:
        One line per change, e.g. ``color.blue.500: #1d4ed8 → #2563eb (and 3 tokens aliasing
        it)`` or ``prop `size` added``.
    """
    lines = _token_lines(change_set.tokens)
    pattern = change_set.pattern
    renamed_pattern = pattern is not None and pattern.kind is PatternChangeKind.ID_CHANGED
    for change in change_set.requirements:
        # The requirements' `pattern` field and the pattern change say the same thing.
        if renamed_pattern and change.section == "component" and change.key == "pattern":
            continue
        lines.append(change.message)
    if pattern is not None:
        lines.append(pattern.message)
    return lines


def _token_lines(diff: TokenDiff) -> list[str]:
    causes = {
        change.path
        for change in diff
        if change.kind is TokenChangeKind.VALUE_CHANGED and not change.via
    }
    carried = Counter(
        change.via[-1]
        for change in diff
        if change.kind is TokenChangeKind.VALUE_CHANGED and change.via
    )
    lines: list[str] = []
    for change in diff:
        if change.kind is TokenChangeKind.VALUE_CHANGED and change.via:
            if change.via[-1] in causes:
                continue
            lines.append(f"{_value_line(change)} (via {change.via[-1]})")
        elif change.kind is TokenChangeKind.VALUE_CHANGED:
            count = carried[change.path]
            if count:
                noun = "token" if count == 1 else "tokens"
                lines.append(f"{_value_line(change)} (and {count} {noun} aliasing it)")
            else:
                lines.append(_value_line(change))
        else:
            lines.append(_other_line(change))
    return lines


def _value_line(change: TokenChange) -> str:
    return f"{change.path}: {brief(change.old)} → {brief(change.new)}"


def _other_line(change: TokenChange) -> str:
    path, kind = change.path, change.kind
    if kind is TokenChangeKind.ADDED:
        return f"{path} added ({brief(change.new)})"
    if kind is TokenChangeKind.REMOVED:
        return f"{path} removed"
    if kind is TokenChangeKind.RENAMED:
        return f"{path} renamed to {change.new_path}"
    if kind is TokenChangeKind.TYPE_CHANGED:
        return f"{path}: type {brief(change.old)} → {brief(change.new)}"
    if kind is TokenChangeKind.ALIAS_RETARGETED:
        return f"{path}: alias {brief(change.old_raw)} → {brief(change.new_raw)}"
    if kind is TokenChangeKind.DEPRECATED:
        reason = f": {change.new}" if isinstance(change.new, str) else ""
        return f"{path} deprecated{reason}"
    if kind is TokenChangeKind.UNDEPRECATED:
        return f"{path} no longer deprecated"
    fields = ", ".join(sorted(change.new)) if isinstance(change.new, Mapping) else "metadata"
    return f"{path}: {fields} changed"
