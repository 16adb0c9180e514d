"""Alias resolution: dependency order, cycle and dangling checks, then one pass of substitution.

Each token is resolved once, after everything it refers to (a topological order found with an
iterative depth-first search), so a set resolves in time linear in its size and alias chains of
any length cannot exhaust the call stack.
"""

from __future__ import annotations

from collections.abc import Mapping

from redraft.errors import AliasCycle, DanglingAlias

from .alias import AliasReader, Reference, copy_json, dangling_inside, value_at, whole_alias
from .color import with_alpha
from .flatten import Definition, Flat
from .group import Inheritance
from .model import JsonValue, Token
from .normalize import infer_type, normalize_value

_VISITING, _DONE = 1, 2


def resolve(flat: Flat, *, infer_types: bool = False) -> dict[str, Token]:
    """Resolve every definition's aliases and normalise its value.

    Args:
        flat: the merged definitions and groups.
        infer_types: guess a type for untyped literals (plain JSON) instead of leaving ``None``.

    Raises:
        AliasCycle: aliases loop; the chain names the loop, first path repeated at the end.
        DanglingAlias: an alias names a missing token; the chain leads to it.
        TokenError: a value cannot take its type.
    """
    definitions = flat.tokens
    reader = AliasReader(definitions)
    references = {path: reader.references(d.raw, path=path) for path, d in definitions.items()}
    values: dict[str, JsonValue] = {}
    substituted: dict[str, JsonValue] = {}
    types: dict[str, str | None] = {}
    tokens: dict[str, Token] = {}
    inheritance = Inheritance(flat.groups)
    current = [""]  # the path being resolved, for value_of's error message

    def value_of(ref: Reference) -> JsonValue:
        if not ref.inside:
            return values[ref.path]
        try:
            return value_at(substituted[ref.path], ref.inside)
        except KeyError:
            raise dangling_inside(current, ref) from None

    for path in _dependency_order(definitions, references):
        definition = definitions[path]
        current[0] = path
        substituted[path] = reader.substitute(definition.raw, path=path, value_of=value_of)
        type_ = _type_of(definition, references[path], inheritance, types)
        if type_ is None and infer_types:
            type_ = infer_type(substituted[path])
        value = normalize_value(type_, substituted[path], path=path)
        if definition.alpha is not None and type_ == "color":
            value = with_alpha(value, definition.alpha, path=path)
        values[path] = value
        types[path] = type_
        tokens[path] = _token(definition, type_, value, references[path], inheritance)
    return tokens


def _type_of(
    definition: Definition,
    references: tuple[Reference, ...],
    inheritance: Inheritance,
    types: Mapping[str, str | None],
) -> str | None:
    # DTCG order: the token's own $type, then its whole-value alias target's, then its groups'.
    if definition.type is not None:
        return definition.type
    target = whole_alias(definition.raw)
    if isinstance(definition.raw, dict) and "$ref" in definition.raw:
        target = references[0].path if not references[0].inside else None
    if target is not None and types.get(target) is not None:
        return types[target]
    return inheritance.type(definition.parts)


def _token(
    definition: Definition,
    type_: str | None,
    value: JsonValue,
    references: tuple[Reference, ...],
    inheritance: Inheritance,
) -> Token:
    deprecated = definition.deprecated
    if deprecated is None:
        deprecated = inheritance.deprecation(definition.parts)
    return Token(
        path=definition.path,
        type=type_,
        value=value,
        raw=definition.raw if isinstance(definition.raw, str) else copy_json(definition.raw),
        description=definition.description,
        deprecated=deprecated,
        extensions=copy_json(definition.extensions) if definition.extensions else {},
        references=(
            tuple(dict.fromkeys(ref.path for ref in references))
            if len(references) > 1
            else tuple(ref.path for ref in references)
        ),
        id=definition.id,
    )


def _dependency_order(
    definitions: Mapping[str, Definition], references: Mapping[str, tuple[Reference, ...]]
) -> list[str]:
    state: dict[str, int] = {}
    order: list[str] = []
    for root in sorted(definitions):
        if root in state:
            continue
        state[root] = _VISITING
        chain = [root]
        pending = [iter(references[root])]
        while pending:
            ref = next(pending[-1], None)
            if ref is None:
                done = chain.pop()
                pending.pop()
                state[done] = _DONE
                order.append(done)
                continue
            target = ref.path
            if target not in definitions:
                raise DanglingAlias(chain, target)
            seen = state.get(target)
            if seen == _VISITING:
                raise AliasCycle([*chain[chain.index(target) :], target])
            if seen is None:
                state[target] = _VISITING
                chain.append(target)
                pending.append(iter(references[target]))
    return order
