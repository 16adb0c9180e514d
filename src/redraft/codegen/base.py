"""The generator contract: inputs, outputs and the protocol every generator back-end implements."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from redraft.core.tokens.model import JsonValue, TokenSet, canonical_json
from redraft.spec.requirements import Requirements


@dataclass(frozen=True, slots=True)
class PatternInfo:
    """A versioned template for one kind of component (``button@1.2.0``).

    Attributes:
        id: pattern id (``button``).
        version: exact semver of the pattern.
        description: one line for people.
        parts: the style slots' parts this pattern renders (``root``, ``label``…).
    """

    id: str
    version: str
    description: str
    parts: tuple[str, ...]

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"


@dataclass(frozen=True, slots=True)
class GenerationInputs:
    """Everything a generation depends on; :meth:`sha256` identifies it for reproducibility."""

    tokens: TokenSet
    requirements: Requirements
    pattern: PatternInfo
    generator: str
    generator_version: str
    parameters: Mapping[str, JsonValue] = field(default_factory=dict)

    def canonical(self) -> dict[str, Any]:
        return {
            "tokens_sha256": self.tokens.sha256(),
            "requirements": self.requirements.canonical(),
            "pattern": self.pattern.ref,
            "generator": f"{self.generator}@{self.generator_version}",
            "parameters": dict(self.parameters),
        }

    def sha256(self) -> str:
        return hashlib.sha256(canonical_json(self.canonical()).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class TokenUse:
    """A token the output consumed: where (``root.backgroundColor``) and through which aliases."""

    path: str
    chain: tuple[str, ...]
    slots: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GeneratedComponent:
    """The pristine output of one generation."""

    code: str
    stories: str
    code_file: str
    stories_file: str
    inputs_sha256: str
    token_usage: tuple[TokenUse, ...] = ()


class Generator(Protocol):
    """A generator back-end, found through the ``redraft.generators`` entry-point group."""

    name: str
    version: str

    def patterns(self) -> Sequence[PatternInfo]:
        """Every pattern version this generator can render."""
        ...

    def resolve_pattern(self, pattern_id: str, constraint: str = "*") -> PatternInfo:
        """The newest pattern version meeting ``constraint``; ``UnknownPattern`` if none."""
        ...

    def render(self, inputs: GenerationInputs) -> GeneratedComponent:
        """Deterministic render; ``GenerationError`` (or ``RequirementsError``) on bad inputs.

        The output may depend on the tokens only through the values of those it lists in
        ``token_usage`` (never on a description, extensions or deprecation): regeneration
        skips the render (up to date) when none of them changed and nothing else in the
        inputs did. The inputs' hash is no part of the output; only the header line names
        the generator and pattern versions.
        """
        ...
