"""The component's public props: the pattern's own props and events merged with the requirements.

The pattern's props and events come first (their types are fixed by the template that uses them;
requirements may re-declare them to change the description, default or requiredness), then the
requirements' props, variant axes (by name), states (declared order) and events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from redraft.codegen.catalog import Pattern
from redraft.codegen.escape import comment_lines, doc_comment, ts_literal, ts_string
from redraft.errors import RequirementsError
from redraft.spec.requirements import Requirements

# Names that cannot be a destructured binding, or that would shadow what the module needs.
_KEYWORDS = """abstract arguments await boolean break case catch class const continue debugger
default delete do else enum eval export extends false finally for function if implements import
in instanceof interface let new null package private protected public return static super switch
this throw true try typeof undefined var void while with yield NaN Infinity"""
RESERVED = frozenset([*_KEYWORDS.split(), "React", "styles", "props"])
REACT_RESERVED = frozenset({"key", "ref"})
_TYPE_PIECE = re.compile(r"""'[^']*'|"[^"]*"|\s+|[^'"\s]+""")
_LINE_BREAKS = frozenset("\r\n\u2028\u2029")


@dataclass(frozen=True, slots=True)
class Member:
    """One prop of the interface and its binding in the component's parameter list."""

    name: str
    local: str
    type: str
    optional: bool
    default: str | None
    doc: tuple[str, ...]
    kind: str  # "prop", "variant", "state" or "event"

    def interface_lines(self) -> list[str]:
        """The member's JSDoc (if any) and ``name?: type;`` inside ``NameProps``."""
        mark = "?" if self.optional else ""
        return [*doc_comment(self.doc, "  "), f"  {self.name}{mark}: {self.type};"]

    def binding_line(self) -> str:
        """``name: local = default,`` in the destructured parameter list."""
        target = self.name if self.local == self.name else f"{self.name}: {self.local}"
        return f"  {target}," if self.default is None else f"  {target} = {self.default},"


def canonical_type(text: str) -> str:
    """A type expression with single spaces and double-quoted literals (the canonical layout)."""
    pieces: list[str] = []
    for match in _TYPE_PIECE.finditer(text.strip()):
        piece = match.group()
        if piece.isspace():
            pieces.append(" ")
        elif piece[0] in "'\"":
            if _LINE_BREAKS & set(piece):
                raise RequirementsError(f"type {text!r}: a string literal type spans lines")
            pieces.append(ts_string(piece[1:-1]))
        else:
            pieces.append(piece)
    return "".join(pieces)


def _same_type(left: str, right: str) -> bool:
    return canonical_type(left).replace(" ", "") == canonical_type(right).replace(" ", "")


def _doc(description: str | None, deprecated: bool | str = False) -> tuple[str, ...]:
    lines = comment_lines(description or "")
    if deprecated:
        reason = comment_lines(deprecated) if isinstance(deprecated, str) else []
        lines.append("@deprecated" + (f" {reason[0]}" if reason else ""))
        lines.extend(reason[1:])
    return tuple(lines)


def _fail(loc: str, detail: str) -> RequirementsError:
    return RequirementsError(detail, errors=[{"loc": loc, "msg": detail}])


def build_members(requirements: Requirements, pattern: Pattern) -> list[Member]:
    """Every prop of ``NameProps`` in interface order, with local names that cannot clash.

    Raises:
        RequirementsError: a name clashes with the pattern's own props, a re-declared pattern
            prop or event changes its type, or a prop is named ``key``/``ref``.
    """
    _check_names(requirements, pattern)
    members = _provided_props(requirements, pattern)
    provided = {p.name for p in pattern.meta.props}
    members.extend(
        Member(
            name=prop.name,
            local=prop.name,
            type=canonical_type(prop.type),
            optional=not prop.required,
            default=None if prop.default is None else ts_literal(prop.default),
            doc=_doc(prop.description, prop.deprecated),
            kind="prop",
        )
        for prop in requirements.props
        if prop.name not in provided
    )
    for axis in sorted(requirements.variants):
        values = requirements.variants[axis]
        members.append(
            Member(
                name=axis,
                local=axis,
                type=" | ".join(ts_string(value) for value in values),
                optional=True,
                default=ts_string(values[0]),
                doc=(),
                kind="variant",
            )
        )
    members.extend(
        Member(state, state, "boolean", True, "false", (), "state")
        for state in requirements.states
        if state not in pattern.meta.item_states
    )
    members.extend(_events(requirements, pattern))
    return _with_locals(members, pattern)


def _check_names(requirements: Requirements, pattern: Pattern) -> None:
    ref = pattern.info.ref
    provided_props = {p.name for p in pattern.meta.props}
    provided = provided_props | {e.name for e in pattern.meta.events}
    clashes = [
        *((f"states.{i}", "state", name) for i, name in enumerate(requirements.states)),
        *((f"variants.{axis}", "variant", axis) for axis in requirements.variants),
        *(
            (f"events.{i}", "event", e.name)
            for i, e in enumerate(requirements.events)
            if e.name in provided_props
        ),
        *(
            (f"props.{i}", "prop", p.name)
            for i, p in enumerate(requirements.props)
            if p.name not in provided_props
        ),
    ]
    for loc, what, name in clashes:
        if name in provided:
            raise _fail(loc, f"{what} {name!r} clashes with {ref}'s own prop {name!r}")
    for index, prop in enumerate(requirements.props):
        if prop.name in REACT_RESERVED:
            raise _fail(f"props.{index}.name", f"prop name {prop.name!r} is reserved by React")


def _provided_props(requirements: Requirements, pattern: Pattern) -> list[Member]:
    own_props = {p.name: p for p in requirements.props}
    members: list[Member] = []
    for provided in pattern.meta.props:
        own = own_props.get(provided.name)
        if own is not None and not _same_type(own.type, provided.type):
            raise _fail(
                f"props.{requirements.props.index(own)}.type",
                f"prop {provided.name!r} is {pattern.info.ref}'s own prop of type "
                f"{provided.type}; re-declare it with that type or leave it out",
            )
        required = own.required if own is not None else provided.required
        default = own.default if own is not None and own.default is not None else provided.default
        description = (own.description if own is not None else None) or provided.description
        members.append(
            Member(
                name=provided.name,
                local=provided.name,
                type=canonical_type(provided.type),
                optional=not required,
                default=None if default is None or required else ts_literal(default),
                doc=_doc(description, own.deprecated if own is not None else False),
                kind="prop",
            )
        )
    return members


def _events(requirements: Requirements, pattern: Pattern) -> list[Member]:
    members: list[Member] = []
    for provided in pattern.meta.events:
        own = next((e for e in requirements.events if e.name == provided.name), None)
        expected = [p.type for p in provided.params]
        if own is not None:
            declared = [p.type for p in own.params]
            if len(declared) != len(expected) or not all(
                _same_type(a, b) for a, b in zip(declared, expected, strict=True)
            ):
                signature = ", ".join(f"{p.name}: {p.type}" for p in provided.params)
                raise _fail(
                    f"events.{requirements.events.index(own)}.params",
                    f"event {provided.name!r}: {pattern.info.ref} calls it as ({signature}); "
                    "declare the same parameter types or leave it out",
                )
        names = [p.name for p in (own.params if own is not None else provided.params)]
        params = ", ".join(
            f"{name}: {canonical_type(kind)}" for name, kind in zip(names, expected, strict=True)
        )
        returns = canonical_type(own.returns) if own is not None else "void"
        required = own.required if own is not None else False
        description = (own.description if own is not None else None) or provided.description
        members.append(
            Member(
                provided.name,
                provided.name,
                f"({params}) => {returns}",
                not required,
                None,
                _doc(description),
                "event",
            )
        )
    provided_names = {e.name for e in pattern.meta.events}
    for event in requirements.events:
        if event.name in provided_names:
            continue
        params = ", ".join(f"{p.name}: {canonical_type(p.type)}" for p in event.params)
        members.append(
            Member(
                event.name,
                event.name,
                f"({params}) => {canonical_type(event.returns)}",
                not event.required,
                None,
                _doc(event.description),
                "event",
            )
        )
    return members


def _with_locals(members: list[Member], pattern: Pattern) -> list[Member]:
    clashing = RESERVED | set(pattern.meta.locals) | {f"{p}Style" for p in pattern.info.parts}
    taken = set(clashing) | {m.name for m in members}
    out: list[Member] = []
    for member in members:
        if member.name not in clashing:
            out.append(member)
            continue
        local = f"{member.name}Prop"
        while local in taken:
            local += "_"
        taken.add(local)
        out.append(replace(member, local=local))
    return out
