"""Semantic versions, bumps and version constraints (a small, strict subset of semver 2.0)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum

from redraft.errors import InvalidInput

_VERSION = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?$"
)


class Bump(IntEnum):
    """How much a change moves the version; ordered so that ``max()`` picks the largest."""

    NONE = 0
    PATCH = 1
    MINOR = 2
    MAJOR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Bump:
        try:
            return cls[text.upper()]
        except KeyError:
            raise InvalidInput(f"unknown bump {text!r}: use major, minor or patch") from None


@dataclass(frozen=True, slots=True, order=False)
class Version:
    """``major.minor.patch[-prerelease]``; ordering follows semver precedence."""

    major: int
    minor: int
    patch: int
    prerelease: str = ""

    @classmethod
    def parse(cls, text: str) -> Version:
        match = _VERSION.match(text.strip())
        if match is None:
            raise InvalidInput(f"{text!r} is not a semantic version (major.minor.patch[-pre])")
        major, minor, patch, pre = match.groups()
        return cls(int(major), int(minor), int(patch), pre or "")

    def __str__(self) -> str:
        core = f"{self.major}.{self.minor}.{self.patch}"
        return f"{core}-{self.prerelease}" if self.prerelease else core

    @property
    def release(self) -> Version:
        return Version(self.major, self.minor, self.patch)

    def bump(self, bump: Bump) -> Version:
        """The next release after this one (a prerelease's suffix is dropped, as semver says)."""
        if bump is Bump.MAJOR:
            return Version(self.major + 1, 0, 0)
        if bump is Bump.MINOR:
            return Version(self.major, self.minor + 1, 0)
        if bump is Bump.PATCH:
            return Version(self.major, self.minor, self.patch + 1)
        return self

    def _key(self) -> tuple[int, int, int, int, tuple[tuple[int, int | str], ...]]:
        if not self.prerelease:
            return (self.major, self.minor, self.patch, 1, ())
        parts = tuple((0, int(p)) if p.isdigit() else (1, p) for p in self.prerelease.split("."))
        return (self.major, self.minor, self.patch, 0, parts)

    def __lt__(self, other: Version) -> bool:
        return self._key() < other._key()

    def __le__(self, other: Version) -> bool:
        return self._key() <= other._key()

    def __gt__(self, other: Version) -> bool:
        return self._key() > other._key()

    def __ge__(self, other: Version) -> bool:
        return self._key() >= other._key()


_COMPARATOR = re.compile(r"^(\^|~|>=|<=|>|<|=)?\s*(\d+(?:\.\d+){0,2}(?:-[0-9A-Za-z.-]+)?)$")


def _complete(text: str) -> tuple[Version, int]:
    """Pad a partial version (``1``, ``1.2``) with zeros; also say how many parts were given."""
    core, _, pre = text.partition("-")
    parts = core.split(".")
    given = len(parts)
    parts += ["0"] * (3 - given)
    return Version.parse(".".join(parts) + (f"-{pre}" if pre else "")), given


def satisfies(version: Version, constraint: str) -> bool:
    """Whether ``version`` meets an npm-style constraint.

    Supports ``*``, exact versions, ``^``, ``~``, comparison operators, space-separated
    conjunctions and ``||`` alternatives. Prereleases only satisfy constraints that name one.
    """
    alternatives = [alt.strip() for alt in constraint.split("||")]
    return any(_satisfies_all(version, alt) for alt in alternatives)


def check_constraint(constraint: str) -> str:
    """Raise ``InvalidInput`` unless :func:`satisfies` understands ``constraint``."""
    satisfies(Version(0, 0, 0), constraint)
    return constraint


def _satisfies_all(version: Version, conjunction: str) -> bool:
    if conjunction in ("", "*", "x", "latest"):
        return not version.prerelease
    result = True
    for item in re.split(r"\s+", conjunction):
        match = _COMPARATOR.match(item)
        if match is None:
            raise InvalidInput(f"{conjunction!r} is not a version constraint")
        operator, bound_text = match.groups()
        bound, given = _complete(bound_text)
        prerelease_allowed = bool(bound.prerelease) and bound.release == version.release
        if (version.prerelease and not prerelease_allowed) or not _compare(
            version, operator or "=", bound, given
        ):
            result = False
    return result


def _compare(version: Version, operator: str, bound: Version, given: int) -> bool:
    if operator == "^":
        if bound.major > 0 or given == 1:
            upper = Version(bound.major + 1, 0, 0)
        elif bound.minor > 0 or given == 2:
            upper = Version(0, bound.minor + 1, 0)
        else:
            upper = Version(0, 0, bound.patch + 1)
        return bound <= version < upper
    if operator == "~":
        upper = (
            Version(bound.major + 1, 0, 0)
            if given == 1
            else Version(bound.major, bound.minor + 1, 0)
        )
        return bound <= version < upper
    if operator == "=" and given < 3:
        return _compare(version, "~", bound, given)
    comparisons = {
        "=": version.release == bound.release and version.prerelease == bound.prerelease,
        ">": version > bound,
        ">=": version >= bound,
        "<": version < bound,
        "<=": version <= bound,
    }
    return comparisons[operator]
