"""Alias syntax: ``{group.token}`` (whole value or inside a string) and JSON-Pointer ``$ref``."""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass

from redraft.errors import DanglingAlias, TokenError

from .model import JsonValue
from .normalize import css_text

_ALIAS = re.compile(r"\{([^{}]+)\}")
_WHOLE_ALIAS = re.compile(r"^\s*\{([^{}]+)\}\s*$")


@dataclass(frozen=True, slots=True)
class Reference:
    """One alias in a raw value.

    Attributes:
        path: the token referred to (may be missing; the resolver reports it).
        inside: for a ``$ref`` into a value, the pointer segments below ``$value``.
    """

    path: str
    inside: tuple[str, ...] = ()


ValueOf = Callable[[Reference], JsonValue]


class AliasReader:
    """Finds and replaces aliases; knows the token paths so ``$ref`` pointers can be split."""

    def __init__(self, paths: Container[str]) -> None:
        self._paths = paths

    def references(self, raw: JsonValue, *, path: str) -> tuple[Reference, ...]:
        """The aliases in ``raw`` in order of appearance, without repeats."""
        found: dict[Reference, None] = {}
        self._collect(raw, path, found)
        return tuple(found)

    def substitute(self, raw: JsonValue, *, path: str, value_of: ValueOf) -> JsonValue:
        """A new value with every alias replaced by ``value_of`` its reference."""
        if isinstance(raw, str):
            if "{" not in raw:
                return raw
            whole = _WHOLE_ALIAS.match(raw)
            if whole is not None:
                return copy_json(value_of(Reference(whole.group(1).strip())))

            def replace(match: re.Match[str]) -> str:
                target = match.group(1).strip()
                return css_text(value_of(Reference(target)), path=path, target=target)

            return _ALIAS.sub(replace, raw)
        if isinstance(raw, dict):
            if "$ref" in raw:
                return copy_json(value_of(self._pointer(raw, path)))
            return {key: self.substitute(v, path=path, value_of=value_of) for key, v in raw.items()}
        if isinstance(raw, list):
            return [self.substitute(v, path=path, value_of=value_of) for v in raw]
        return raw

    def _collect(self, raw: JsonValue, path: str, found: dict[Reference, None]) -> None:
        if isinstance(raw, str):
            if "{" not in raw:
                return
            for match in _ALIAS.finditer(raw):
                found.setdefault(Reference(match.group(1).strip()))
        elif isinstance(raw, dict):
            if "$ref" in raw:
                found.setdefault(self._pointer(raw, path))
                return
            for value in raw.values():
                self._collect(value, path, found)
        elif isinstance(raw, list):
            for value in raw:
                self._collect(value, path, found)

    def _pointer(self, ref: Mapping[str, JsonValue], path: str) -> Reference:
        pointer = ref["$ref"]
        if set(ref) != {"$ref"} or not isinstance(pointer, str):
            raise TokenError(f"{path}: a $ref object must hold only a '$ref' string")
        if not pointer.startswith("#/"):
            raise TokenError(f"{path}: only same-document $ref pointers ('#/…') are supported")
        segments = [s.replace("~1", "/").replace("~0", "~") for s in pointer[2:].split("/")]
        for end in range(len(segments), 0, -1):
            target = ".".join(segments[:end])
            if target in self._paths:
                rest = segments[end:]
                if rest and rest[0] != "$value":
                    raise TokenError(f"{path}: $ref {pointer} must point at a token or its $value")
                return Reference(target, tuple(rest[1:]))
        dotted = ".".join(s for s in segments if s != "$value")
        return Reference(dotted)


def whole_alias(raw: JsonValue) -> str | None:
    """The target when ``raw`` is a string holding nothing but one ``{alias}``."""
    if isinstance(raw, str):
        match = _WHOLE_ALIAS.match(raw)
        return match.group(1).strip() if match else None
    return None


def value_at(value: JsonValue, segments: tuple[str, ...]) -> JsonValue:
    """The part of ``value`` a pointer's segments lead to.

    Raises:
        KeyError: the segments lead nowhere.
    """
    for segment in segments:
        if isinstance(value, dict) and segment in value:
            value = value[segment]
        elif isinstance(value, list) and segment.isdigit() and int(segment) < len(value):
            value = value[int(segment)]
        else:
            raise KeyError(segment)
    return value


def dangling_inside(chain: list[str], ref: Reference) -> DanglingAlias:
    """The error for a ``$ref`` whose token exists but whose pointer leads nowhere inside it."""
    return DanglingAlias(chain, ref.path + "/$value/" + "/".join(ref.inside))


def copy_json(value: JsonValue) -> JsonValue:
    """A deep copy of a JSON value, so tokens never share mutable parts."""
    if isinstance(value, dict):
        return {key: copy_json(v) for key, v in value.items()}
    if isinstance(value, list):
        return [copy_json(v) for v in value]
    return value
