"""What groups give their tokens: an inherited ``$type``/``$deprecated`` and DTCG ``$extends``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from redraft.errors import AliasCycle, DanglingAlias, TokenError

from .flatten import Definition, Flat, GroupInfo, Parts


class Inheritance:
    """The ``$type`` and ``$deprecated`` each group passes down, memoised per group."""

    def __init__(self, groups: Mapping[Parts, GroupInfo]) -> None:
        self._groups = groups
        self._types: dict[Parts, str | None] = {}
        self._deprecations: dict[Parts, bool | str] = {}
        self._any_deprecated = any(g.deprecated is not None for g in groups.values())

    def type(self, parts: Parts) -> str | None:
        """The ``$type`` of the nearest group enclosing ``parts`` that declares one."""
        group = parts[:-1]
        if group not in self._types:
            info = self._groups.get(group)
            if info is not None and info.type is not None:
                self._types[group] = info.type
            else:
                self._types[group] = self.type(group) if group else None
        return self._types[group]

    def deprecation(self, parts: Parts) -> bool | str:
        """The ``$deprecated`` of the nearest group enclosing ``parts`` that states one."""
        if not self._any_deprecated:
            return False
        group = parts[:-1]
        if group not in self._deprecations:
            info = self._groups.get(group)
            if info is not None and info.deprecated is not None:
                self._deprecations[group] = info.deprecated
            else:
                self._deprecations[group] = self.deprecation(group) if group else False
        return self._deprecations[group]


def apply_extends(flat: Flat) -> Flat:
    """Copy each ``$extends`` target's tokens and groups into the extending group.

    The extending group's own tokens win; copied tokens keep their raw values (aliases inside them
    still name the original paths), as DTCG 2025.10 specifies.

    Raises:
        AliasCycle: groups extend each other in a loop.
        DanglingAlias: the target group does not exist.
        TokenError: the target is a token, not a group.
    """
    pending = {parts: group.extends for parts, group in flat.groups.items() if group.extends}
    done: set[Parts] = set()
    for parts in sorted(pending):
        _extend(flat, parts, pending, done, [])
    return flat


def _extend(
    flat: Flat, parts: Parts, pending: dict[Parts, str], done: set[Parts], chain: list[Parts]
) -> None:
    if parts in done:
        return
    if parts in chain:
        loop = chain[chain.index(parts) :]
        raise AliasCycle([".".join(p) for p in [*loop, parts]])
    target_path = pending[parts]
    target = tuple(target_path.split("."))
    if target_path in flat.tokens:
        raise TokenError(f"{'.'.join(parts)}: $extends names a token, not a group: {target_path}")
    if target in pending:
        _extend(flat, target, pending, done, [*chain, parts])
    copied = [
        d
        for d in list(flat.tokens.values())
        if len(d.parts) > len(target) and d.parts[: len(target)] == target
    ]
    if not copied and target not in flat.groups:
        raise DanglingAlias([".".join(parts)], target_path)
    for definition in copied:
        _copy_token(flat, definition, (*parts, *definition.parts[len(target) :]))
    for group_parts, group in list(flat.groups.items()):
        if group_parts[: len(target)] == target:
            _copy_group(flat, group, (*parts, *group_parts[len(target) :]))
    done.add(parts)


def _copy_token(flat: Flat, definition: Definition, parts: Parts) -> None:
    if ".".join(parts) not in flat.tokens:
        flat.add(replace(definition, parts=parts))


def _copy_group(flat: Flat, group: GroupInfo, parts: Parts) -> None:
    own = flat.groups.get(parts)
    if own is None:
        flat.groups[parts] = replace(group, extends=None)
        return
    flat.groups[parts] = replace(
        own,
        type=own.type if own.type is not None else group.type,
        deprecated=own.deprecated if own.deprecated is not None else group.deprecated,
        extends=None,
    )
