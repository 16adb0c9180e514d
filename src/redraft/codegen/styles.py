"""The style table: requirement bindings resolved against tokens, in a fixed, merge-friendly order.

Every part of the pattern gets a base block (empty when unbound) followed by its overrides:
variant overrides (axes by name, values in declared order), then state overrides (states in
declared order), then variant-and-state overrides. Later blocks win when merged, so declaring
``disabled`` after ``hover`` makes the disabled look win. Keys inside a block are sorted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from redraft.codegen.base import TokenUse
from redraft.codegen.catalog import Pattern
from redraft.codegen.css import (
    EXPANDING_PROPERTIES,
    CssValueError,
    StyleScalar,
    css_properties,
    style_entries,
)
from redraft.codegen.escape import ts_key, ts_number, ts_string
from redraft.core.tokens.model import TokenSet
from redraft.errors import GenerationError, RequirementsError
from redraft.spec.requirements import SLOT, TOKEN_REF, Requirements, StyleValue


@dataclass(frozen=True, slots=True)
class StyleEntry:
    """One ``key: value,`` line; ``token`` names the token it came from, for a trailing comment."""

    key: str
    value: str
    token: str | None


@dataclass(frozen=True, slots=True)
class StyleBlock:
    """The styles of one slot (``root``, ``root[size=sm]``, ``root:disabled``)."""

    slot: str
    part: str
    axis: str | None
    value: str | None
    state: str | None
    entries: tuple[StyleEntry, ...]

    @property
    def key(self) -> str:
        """The key in the ``styles`` object (quoted when it is not an identifier)."""
        return ts_key(self.slot)

    @property
    def access(self) -> str:
        """The expression that reads this block from ``styles``."""
        return f"styles.{self.slot}" if self.key == self.slot else f"styles[{ts_string(self.slot)}]"


@dataclass(frozen=True, slots=True)
class StyleSheet:
    """Every style block in output order, and the tokens they consumed."""

    blocks: tuple[StyleBlock, ...]
    token_usage: tuple[TokenUse, ...]

    def layers(self, part: str) -> tuple[StyleBlock, ...]:
        """The part's blocks in merge order (the base first)."""
        return tuple(block for block in self.blocks if block.part == part)


def build_styles(requirements: Requirements, tokens: TokenSet, pattern: Pattern) -> StyleSheet:
    """Resolve every binding of ``requirements`` against ``tokens`` for ``pattern``'s parts.

    Raises:
        RequirementsError: a slot names a part the pattern lacks, or a property is not CSS.
        GenerationError: a binding names a missing token, or a token value has no CSS form.
    """
    parsed = {slot: _parse_slot(slot, pattern) for slot in requirements.bindings}
    usage: dict[str, set[str]] = defaultdict(set)
    blocks: list[StyleBlock] = []
    axes = sorted(requirements.variants)
    states = list(requirements.states)
    for part in pattern.info.parts:
        slots = [slot for slot, (owner, *_rest) in parsed.items() if owner == part]
        slots.sort(key=lambda slot: _order(parsed[slot], axes, requirements.variants, states))
        if part not in requirements.bindings:
            blocks.append(StyleBlock(part, part, None, None, None, ()))
        for slot in slots:
            entries = _entries(slot, requirements.bindings[slot], tokens, usage)
            _owner, axis, value, state = parsed[slot]
            blocks.append(StyleBlock(slot, part, axis, value, state, entries))
    token_usage = tuple(
        TokenUse(path, tokens.alias_chain(path), tuple(sorted(slots)))
        for path, slots in sorted(usage.items())
    )
    return StyleSheet(tuple(blocks), token_usage)


_Slot = tuple[str, str | None, str | None, str | None]


def _parse_slot(slot: str, pattern: Pattern) -> _Slot:
    match = SLOT.match(slot)
    if match is None:  # the requirements schema already rejects these
        raise RequirementsError(f"bad style slot {slot!r}")
    part, axis, value, state = match.group("part", "axis", "value", "state")
    if part not in pattern.info.parts:
        detail = (
            f"binding slot {slot!r} names part {part!r}, which pattern {pattern.info.ref} "
            f"does not have; its parts: {', '.join(pattern.info.parts)}"
        )
        raise RequirementsError(detail, errors=[{"loc": f"bindings.{slot}", "msg": detail}])
    return part, axis, value, state


def _order(
    slot: _Slot, axes: list[str], variants: Mapping[str, list[str]], states: list[str]
) -> tuple[int, int, int, int]:
    _part, axis, value, state = slot
    axis_index = axes.index(axis) if axis is not None else -1
    value_index = variants[axis].index(value) if axis is not None and value is not None else -1
    state_index = states.index(state) if state is not None else -1
    group = (axis is not None) + 2 * (state is not None)  # base, variant, state, both
    return (group, axis_index, value_index, state_index)


def _entries(
    slot: str,
    bindings: Mapping[str, StyleValue],
    tokens: TokenSet,
    usage: dict[str, set[str]],
) -> tuple[StyleEntry, ...]:
    known = css_properties()
    explicit: dict[str, StyleEntry] = {}
    expanded: dict[str, StyleEntry] = {}
    for prop in sorted(bindings):
        if prop not in known and prop not in EXPANDING_PROPERTIES:
            detail = f"binding {slot}.{prop}: {prop!r} is not a CSS property React knows"
            raise RequirementsError(
                detail, errors=[{"loc": f"bindings.{slot}.{prop}", "msg": detail}]
            )
        raw = bindings[prop]
        ref = TOKEN_REF.match(raw) if isinstance(raw, str) else None
        if ref is None:
            if prop in EXPANDING_PROPERTIES:
                raise RequirementsError(
                    f"binding {slot}.{prop}: {prop!r} takes a typography token reference"
                )
            explicit[prop] = StyleEntry(prop, _literal(raw), None)
            continue
        path = ref.group(1)
        token = tokens.find(path)
        if token is None:
            raise GenerationError(
                f"binding {slot}.{prop} refers to token {path!r}, which the token set lacks",
                extra={"slot": f"{slot}.{prop}", "token": path},
            )
        try:
            values = style_entries(prop, token.value, token.type)
        except CssValueError as exc:
            raise GenerationError(
                f"binding {slot}.{prop}: token {path!r} ({token.type or 'untyped'}): {exc}",
                extra={"slot": f"{slot}.{prop}", "token": path},
            ) from None
        usage[path].add(f"{slot}.{prop}")
        target = expanded if prop in EXPANDING_PROPERTIES else explicit
        for key, value in values:
            target[key] = StyleEntry(key, _literal(value), path)
    # A property bound by name beats the same property coming out of a typography expansion.
    merged = {**expanded, **explicit}
    return tuple(merged[key] for key in sorted(merged))


def _literal(value: StyleScalar) -> str:
    if isinstance(value, str):
        return ts_string(value)
    return ts_number(value)
