"""Whether the pattern a component is generated from changed: another pattern, or a new version."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from redraft.core.semver import Bump, Version
from redraft.core.tokens.model import JsonValue
from redraft.errors import InvalidInput


class PatternChangeKind(StrEnum):
    ID_CHANGED = "id_changed"
    VERSION_CHANGED = "version_changed"


@dataclass(frozen=True, slots=True)
class PatternChange:
    """The pattern moved from ``old_id@old_version`` to ``new_id@new_version``.

    Attributes:
        kind: ``id_changed`` (another pattern) or ``version_changed`` (same pattern).
        level: for ``version_changed``, the semver level at which the versions differ
            (``MAJOR`` for 1.4.0 → 2.0.0, ``PATCH`` when only the prerelease differs);
            ``None`` for ``id_changed``, where versions of two patterns do not compare.
    """

    kind: PatternChangeKind
    old_id: str
    old_version: Version
    new_id: str
    new_version: Version
    level: Bump | None = None

    @property
    def downgrade(self) -> bool:
        """Whether the same pattern went back to an older version."""
        return (
            self.kind is PatternChangeKind.VERSION_CHANGED and self.new_version < self.old_version
        )

    @property
    def message(self) -> str:
        """One line for people, e.g. "pattern button 1.2.0 → 2.0.0 (major upgrade)"."""
        old, new = f"{self.old_id}@{self.old_version}", f"{self.new_id}@{self.new_version}"
        if self.kind is PatternChangeKind.ID_CHANGED:
            return f"pattern {old} → {new}"
        direction = "downgrade" if self.downgrade else "upgrade"
        level = self.level.label if self.level is not None else "none"
        return (
            f"pattern {self.new_id} {self.old_version} → {self.new_version} ({level} {direction})"
        )

    def to_json(self) -> dict[str, JsonValue]:
        """Plain JSON: versions as text, the level as ``major|minor|patch`` or ``None``."""
        return {
            "kind": self.kind.value,
            "old_id": self.old_id,
            "old_version": str(self.old_version),
            "new_id": self.new_id,
            "new_version": str(self.new_version),
            "level": self.level.label if self.level is not None else None,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, JsonValue]) -> PatternChange:
        """The inverse of :meth:`to_json`; raises ``InvalidInput`` on malformed data."""
        try:
            level = data.get("level")
            return cls(
                kind=PatternChangeKind(data["kind"]),
                old_id=str(data["old_id"]),
                old_version=Version.parse(str(data["old_version"])),
                new_id=str(data["new_id"]),
                new_version=Version.parse(str(data["new_version"])),
                level=Bump.parse(str(level)) if level is not None else None,
            )
        except (KeyError, ValueError) as exc:
            raise InvalidInput(f"not a pattern change: {exc}") from None


def diff_pattern(
    old_id: str, old_version: str | Version, new_id: str, new_version: str | Version
) -> PatternChange | None:
    """Compare the pattern (and its version) a component was generated from.

    Args:
        old_id: the pattern id before, e.g. ``button``.
        old_version: its version (text or :class:`Version`).
        new_id: the pattern id after.
        new_version: its version.

    Returns:
        ``None`` when both are the same, else the change.

    Raises:
        InvalidInput: a version is not a semantic version.
    """
    before, after = _version(old_version), _version(new_version)
    if old_id != new_id:
        return PatternChange(PatternChangeKind.ID_CHANGED, old_id, before, new_id, after)
    if before == after:
        return None
    return PatternChange(
        PatternChangeKind.VERSION_CHANGED, old_id, before, new_id, after, _level(before, after)
    )


def _level(old: Version, new: Version) -> Bump:
    if old.major != new.major:
        return Bump.MAJOR
    if old.minor != new.minor:
        return Bump.MINOR
    if old.patch != new.patch or old.prerelease != new.prerelease:
        return Bump.PATCH
    return Bump.NONE


def _version(value: str | Version) -> Version:
    return value if isinstance(value, Version) else Version.parse(value)
