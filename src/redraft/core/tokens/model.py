"""Value types for a resolved token set: the contract between the parsers, the diff and codegen."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias

JsonValue: TypeAlias = Any
"""A JSON value (None, bool, int, float, str, list, dict with str keys)."""


@dataclass(frozen=True, slots=True)
class Token:
    """One design token, flattened to its dotted path, with aliases resolved.

    Attributes:
        path: dotted path, e.g. ``color.brand.primary``.
        type: DTCG ``$type`` (inherited from groups) or ``None`` when unknown.
        value: resolved value, aliases replaced and colours normalised (lower-case hex).
        raw: the value as written in the source (alias strings and ``$ref`` objects kept).
        description: ``$description`` if any.
        deprecated: ``$deprecated`` (``True`` or an explanation string) or ``False``.
        extensions: ``$extensions`` kept verbatim.
        references: paths this token's raw value refers to directly, in order of appearance.
        id: a stable identity from the source (Figma variable id, Spectrum uuid…) if any.
    """

    path: str
    type: str | None
    value: JsonValue
    raw: JsonValue
    description: str | None = None
    deprecated: bool | str = False
    extensions: Mapping[str, JsonValue] = field(default_factory=dict)
    references: tuple[str, ...] = ()
    id: str | None = None

    def canonical(self) -> dict[str, JsonValue]:
        """A plain-JSON form with only meaningful fields (stable across formatting)."""
        out: dict[str, JsonValue] = {"type": self.type, "value": self.value, "raw": self.raw}
        if self.description:
            out["description"] = self.description
        if self.deprecated:
            out["deprecated"] = self.deprecated
        if self.extensions:
            out["extensions"] = dict(self.extensions)
        if self.references:
            out["references"] = list(self.references)
        if self.id is not None:
            out["id"] = self.id
        return out

    @classmethod
    def from_canonical(cls, path: str, data: Mapping[str, JsonValue]) -> Token:
        return cls(
            path=path,
            type=data.get("type"),
            value=data.get("value"),
            raw=data.get("raw"),
            description=data.get("description"),
            deprecated=data.get("deprecated", False),
            extensions=dict(data.get("extensions") or {}),
            references=tuple(data.get("references") or ()),
            id=data.get("id"),
        )


@dataclass(frozen=True, slots=True)
class TokenSet:
    """A snapshot of resolved tokens keyed by path (iteration is in sorted path order)."""

    tokens: Mapping[str, Token]
    # Filled on first use: hashing a big set costs milliseconds and every render asks for it.
    _sha256: str | None = field(default=None, init=False, repr=False, compare=False)
    # The canonical JSON text, also filled on first use: storing a version writes it, and for
    # the 136-token demo set it costs 0.56 ms, as much as a whole merge.
    _text: str | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ordered = {path: self.tokens[path] for path in sorted(self.tokens)}
        object.__setattr__(self, "tokens", ordered)

    def __len__(self) -> int:
        return len(self.tokens)

    def __iter__(self) -> Iterator[Token]:
        return iter(self.tokens.values())

    def __contains__(self, path: object) -> bool:
        return path in self.tokens

    def find(self, path: str) -> Token | None:
        return self.tokens.get(path)

    def alias_chain(self, path: str) -> tuple[str, ...]:
        """The chain a whole-value alias follows: ``(path, target, target's target, …)``.

        A token whose raw value is not a single alias has the chain ``(path,)``.
        """
        chain = [path]
        seen = {path}
        current = self.tokens.get(path)
        while current is not None and _is_single_alias(current):
            target = current.references[0]
            if target in seen:  # cannot happen for a resolved set; guard against bad canonical data
                break
            chain.append(target)
            seen.add(target)
            current = self.tokens.get(target)
        return tuple(chain)

    def dependencies(self, path: str) -> frozenset[str]:
        """Every path the token's value depends on, transitively (not including itself)."""
        found: set[str] = set()
        stack = list(self.tokens[path].references) if path in self.tokens else []
        while stack:
            ref = stack.pop()
            if ref in found:
                continue
            found.add(ref)
            token = self.tokens.get(ref)
            if token is not None:
                stack.extend(token.references)
        found.discard(path)
        return frozenset(found)

    def canonical(self) -> dict[str, JsonValue]:
        """Plain JSON keyed by path; the stored form and the input to :meth:`sha256`."""
        return {path: token.canonical() for path, token in self.tokens.items()}

    @classmethod
    def from_canonical(cls, data: Mapping[str, Mapping[str, JsonValue]]) -> TokenSet:
        return cls({path: Token.from_canonical(path, body) for path, body in data.items()})

    def canonical_text(self) -> str:
        """``canonical_json(self.canonical())``, computed once per set."""
        if self._text is None:
            object.__setattr__(self, "_text", canonical_json(self.canonical()))
        assert self._text is not None
        return self._text

    def sha256(self) -> str:
        """Hash of the canonical form: independent of source key order and formatting."""
        if self._sha256 is None:
            digest = hashlib.sha256(self.canonical_text().encode()).hexdigest()
            object.__setattr__(self, "_sha256", digest)
        assert self._sha256 is not None
        return self._sha256


def canonical_json(value: JsonValue) -> str:
    """Deterministic JSON text: sorted keys, no insignificant whitespace, UTF-8 kept."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _is_single_alias(token: Token) -> bool:
    raw = token.raw
    if isinstance(raw, str):
        return len(token.references) == 1 and raw.strip() == "{" + token.references[0] + "}"
    if isinstance(raw, Mapping):
        return len(token.references) == 1 and set(raw) == {"$ref"}
    return False
