"""The built-in pattern catalogue: ``patterns/<id>/<version>/pattern.json`` plus its templates.

Every version is a directory of its own and is never edited once released, so an old pattern
version keeps rendering as it did (the generator version still records template-helper changes).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from redraft.codegen.base import PatternInfo
from redraft.core.semver import Version, satisfies
from redraft.errors import UnknownPattern

PATTERN_FILE = "pattern.json"
TEMPLATES = ("component.tsx.j2", "stories.tsx.j2")
_Name = Annotated[str, Field(pattern=r"^[a-z][A-Za-z0-9]*$")]


class _Meta(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ProvidedProp(_Meta):
    """A prop the template always declares and uses (``children``, ``open``…)."""

    name: _Name
    type: str
    required: bool = False
    default: str | int | float | bool | None = None
    description: str


class ProvidedParam(_Meta):
    """A parameter the template passes to one of the pattern's own events."""

    name: _Name
    type: str


class ProvidedEvent(_Meta):
    """A callback the template calls with exactly these parameters."""

    name: Annotated[str, Field(pattern=r"^on[A-Z][A-Za-z0-9]*$")]
    params: list[ProvidedParam] = []
    description: str


class PatternMeta(_Meta):
    """The contents of ``pattern.json``.

    Attributes:
        states: states with built-in behaviour (``disabled`` → native attribute) when declared.
        item_states: states the template applies per item (a selected tab), never props.
        root_role: the root's ARIA role when the requirements do not name one.
        managed_attributes: ARIA attributes the template sets itself; requirements may not.
        locals: names the component body declares; props with these names are renamed locally.
        story_args: the stories' default args.
        state_story_args: extra args for a state's story (an error message when invalid).
    """

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
    version: str
    description: str
    parts: Annotated[list[_Name], Field(min_length=1)]
    props: Annotated[list[ProvidedProp], Field(min_length=1)]
    events: list[ProvidedEvent] = []
    states: list[_Name] = []
    item_states: list[_Name] = []
    root_role: str | None = None
    managed_attributes: list[str] = []
    locals: list[str] = []
    story_args: dict[str, Any] = {}
    state_story_args: dict[str, dict[str, Any]] = {}


@dataclass(frozen=True, slots=True)
class Pattern:
    """A pattern version: its public info, its metadata and where its templates live."""

    info: PatternInfo
    meta: PatternMeta
    template_dir: str

    def template(self, name: str) -> str:
        """The loader name of one of this version's templates."""
        return f"{self.template_dir}/{name}"


def _pattern_root() -> Traversable:
    return resources.files("redraft.codegen") / "patterns"


@cache
def builtin_patterns() -> tuple[Pattern, ...]:
    """Every pattern version shipped in the package, sorted by id then version."""
    found: list[Pattern] = []
    for pattern_dir in _pattern_root().iterdir():
        if not pattern_dir.is_dir() or pattern_dir.name.startswith("_"):
            continue
        for version_dir in pattern_dir.iterdir():
            meta_file = version_dir / PATTERN_FILE
            if not meta_file.is_file():
                continue
            meta = PatternMeta.model_validate_json(meta_file.read_text(encoding="utf-8"))
            if (meta.id, meta.version) != (pattern_dir.name, version_dir.name):
                raise ValueError(f"{meta_file}: id/version must match its directory")
            Version.parse(meta.version)
            info = PatternInfo(meta.id, meta.version, meta.description, tuple(meta.parts))
            found.append(Pattern(info, meta, f"{meta.id}/{meta.version}"))
    return tuple(sorted(found, key=lambda p: (p.info.id, Version.parse(p.info.version))))


def resolve(patterns: Iterable[Pattern], pattern_id: str, constraint: str = "*") -> Pattern:
    """The newest version of ``pattern_id`` meeting ``constraint``.

    Raises:
        UnknownPattern: no such pattern, or no version meets the constraint; the message and
            ``extra["available"]`` list what there is.
    """
    every = list(patterns)
    versions = [p for p in every if p.info.id == pattern_id]
    if not versions:
        available = sorted({p.info.id for p in every})
        raise UnknownPattern(
            f"unknown pattern {pattern_id!r}; available: {', '.join(available)}",
            extra={"available": [p.info.ref for p in every]},
        )
    matching = [p for p in versions if satisfies(Version.parse(p.info.version), constraint)]
    if not matching:
        refs = [p.info.ref for p in versions]
        raise UnknownPattern(
            f"no version of pattern {pattern_id!r} meets {constraint!r}; available: "
            + ", ".join(refs),
            extra={"available": refs},
        )
    return max(matching, key=lambda p: Version.parse(p.info.version))


def find_exact(patterns: Iterable[Pattern], info: PatternInfo) -> Pattern:
    """The catalogue entry for ``info``; ``UnknownPattern`` if this generator does not ship it."""
    every = list(patterns)
    for pattern in every:
        if pattern.info.ref == info.ref:
            return pattern
    raise UnknownPattern(
        f"pattern {info.ref} is not shipped by this generator; available: "
        + ", ".join(p.info.ref for p in every),
        extra={"available": [p.info.ref for p in every]},
    )
