"""Decide how a prop's type moved between two versions: equal, widened, narrowed, or worse.

`assignable(source, target)` answers "is every value of `source` accepted where `target` is
expected?" with True, False or None (cannot tell). It knows the types props use in practice:
literal unions, primitives, `T | undefined`, arrays and tuples, functions (parameters
contravariant, returns covariant, `void` accepting any return), object types, `React.ReactNode`
and its members, the DOM element and React event hierarchies. Anything else is equal by
canonical text or undecidable.

`literal` says whether the consumer writes the value (a JSX attribute, a callback's return):
TypeScript then rejects excess object-literal members, so dropping an optional member of an
object type breaks the consumer although the types are structurally compatible.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum

from redraft.core.tsprops.typeexpr import (
    ArrayOf,
    Function,
    Intersection,
    Keyword,
    Literal,
    Named,
    ObjectType,
    Opaque,
    Param,
    Tuple,
    TypeExpr,
    Union,
    make_union,
)
from redraft.core.tsprops.typeparse import parse_type


class Relation(StrEnum):
    """How the new type relates to the old one, as sets of values."""

    EQUAL = "equal"
    WIDENED = "widened"  # new accepts every old value and more
    NARROWED = "narrowed"  # new accepts a subset of the old values
    INCOMPATIBLE = "incompatible"  # neither contains the other
    UNDECIDABLE = "undecidable"


REACT_NODE = Named("React.ReactNode")
_ELEMENTS = frozenset({"React.ReactElement", "JSX.Element", "React.JSX.Element"})
# What React 19's `ReactNode` is made of (the iterable and promise members are left out:
# leaving members out only makes `ReactNode <= X` answer False more often, never wrongly True).
_REACT_NODE_PARTS: tuple[TypeExpr, ...] = (
    Keyword("string"),
    Keyword("number"),
    Keyword("bigint"),
    Keyword("boolean"),
    Keyword("null"),
    Keyword("undefined"),
    Named("React.ReactElement"),
    Named("React.ReactPortal"),
)
_EVENT_PARENT = {
    "React.MouseEvent": "React.UIEvent",
    "React.PointerEvent": "React.MouseEvent",
    "React.DragEvent": "React.MouseEvent",
    "React.WheelEvent": "React.MouseEvent",
    "React.KeyboardEvent": "React.UIEvent",
    "React.TouchEvent": "React.UIEvent",
    "React.UIEvent": "React.SyntheticEvent",
    "React.FocusEvent": "React.SyntheticEvent",
    "React.ChangeEvent": "React.SyntheticEvent",
    "React.FormEvent": "React.SyntheticEvent",
    "React.InputEvent": "React.SyntheticEvent",
    "React.ClipboardEvent": "React.SyntheticEvent",
    "React.CompositionEvent": "React.SyntheticEvent",
    "React.AnimationEvent": "React.SyntheticEvent",
    "React.TransitionEvent": "React.SyntheticEvent",
    "React.ToggleEvent": "React.SyntheticEvent",
    "React.SyntheticEvent": "",
}
_DOM_PARENT = {"HTMLElement": "Element", "SVGElement": "Element", "Element": "Node", "Node": ""}
_DOM_ELEMENT = re.compile(r"^(HTML|SVG)\w*Element$")
# Named types known to be objects (never a primitive), so `string` vs one of them is decidable.
_OBJECT_NAMES = frozenset(
    {"Date", "RegExp", "Map", "Set", "Promise", "Iterable", "File", "Blob", "FormData", "URL"}
)
_COVARIANT = frozenset({"Promise", "Iterable", "React.RefObject", "Readonly"})
_PRIMITIVE_LITERAL = {"string": "string", "number": "number", "boolean": "boolean"}


def relate(old: str, new: str, *, literal: bool = True) -> Relation:
    """Compare two type texts; see the module docstring for what `literal` means."""
    return relation_of(parse_type(old), parse_type(new), literal=literal)


def relation_of(old: TypeExpr, new: TypeExpr, *, literal: bool = True) -> Relation:
    """`relate` on parsed types."""
    forward = assignable(old, new, literal=literal)
    backward = assignable(new, old, literal=literal)
    if forward and backward:
        return Relation.EQUAL
    if forward:
        return Relation.WIDENED
    if backward:
        return Relation.NARROWED
    if forward is False and backward is False:
        return Relation.INCOMPATIBLE
    return Relation.UNDECIDABLE


def without_undefined(expr: TypeExpr) -> TypeExpr:
    """`T | undefined` → `T`: an optional prop already accepts `undefined`."""
    if isinstance(expr, Union):
        kept = [m for m in expr.members if m != Keyword("undefined")]
        return make_union(kept) if kept else Keyword("undefined")
    return expr


def assignable(source: TypeExpr, target: TypeExpr, *, literal: bool = True) -> bool | None:
    """Whether every `source` value fits `target`; None when it cannot be decided."""
    if source == target:
        return True
    if isinstance(target, Keyword) and target.name in ("any", "unknown"):
        return True
    if isinstance(source, Keyword) and source.name in ("any", "never"):
        return True
    if source == Keyword("boolean"):
        source = Union((Literal("boolean", "false"), Literal("boolean", "true")))
    if target == Keyword("boolean"):
        target = Union((Literal("boolean", "false"), Literal("boolean", "true")))
    if source == REACT_NODE and not _mentions(target, REACT_NODE):
        return _every(assignable(p, target, literal=literal) for p in _REACT_NODE_PARTS)
    if isinstance(source, Union):
        return _every(assignable(m, target, literal=literal) for m in source.members)
    if isinstance(target, Union):
        return _some(assignable(source, m, literal=literal) for m in target.members)
    if isinstance(source, Intersection):
        found = _some(assignable(m, target, literal=literal) for m in source.members)
        return True if found else None
    if isinstance(target, Intersection):
        return _every(assignable(source, m, literal=literal) for m in target.members)
    if target == REACT_NODE:
        return _to_react_node(source, literal=literal)
    return _assignable_single(source, target, literal=literal)


def _assignable_single(source: TypeExpr, target: TypeExpr, *, literal: bool) -> bool | None:
    match source, target:
        case (Literal() | Keyword(), Literal() | Keyword()):
            return _primitive(source, target)
        case (ArrayOf(), ArrayOf()):
            if source.readonly and not target.readonly:
                return False
            return assignable(source.element, target.element, literal=literal)
        case (Tuple(), ArrayOf()):
            if source.readonly and not target.readonly:
                return False
            return _every(assignable(e, target.element, literal=literal) for e in source.elements)
        case (Tuple(), Tuple()):
            return _tuple(source, target, literal=literal)
        case (Function(), Function()):
            return _function(source, target, literal=literal)
        case (ObjectType(), ObjectType()):
            return _object(source, target, literal=literal)
        case (Named(), Named()):
            return _named(source, target, literal=literal)
    return _across_kinds(source, target)


def _across_kinds(source: TypeExpr, target: TypeExpr) -> bool | None:
    if isinstance(source, Opaque) or isinstance(target, Opaque):
        if isinstance(source, Opaque) and source.text.startswith("`"):
            return True if target == Keyword("string") else None
        return None
    if target == Keyword("object"):
        return not isinstance(source, Keyword | Literal)
    primitive = (isinstance(source, Keyword | Literal), isinstance(target, Keyword | Literal))
    if any(primitive):
        other = target if primitive[0] else source
        if isinstance(other, Named) and not _known_object(other):
            return None  # an unresolved name may stand for a primitive
        return False
    if isinstance(source, ObjectType) or isinstance(target, ObjectType):
        return None  # named interfaces, call signatures and array-likes are not modelled
    if isinstance(source, Named):
        return False if _known_object(source) else None
    if isinstance(target, Named):
        return False if _known_object(target) else None
    return False  # array vs function, tuple vs function, array vs tuple


def _primitive(source: Keyword | Literal, target: Keyword | Literal) -> bool:
    if isinstance(source, Literal) and isinstance(target, Keyword):
        return _PRIMITIVE_LITERAL[source.kind] == target.name
    if isinstance(source, Keyword) and isinstance(target, Keyword):
        return source.name == "undefined" and target.name == "void"
    return False  # distinct literals, or a keyword is never a single literal


def _to_react_node(source: TypeExpr, *, literal: bool) -> bool | None:
    if isinstance(source, ArrayOf):
        return assignable(source.element, REACT_NODE, literal=literal)
    if isinstance(source, Tuple):
        return _every(assignable(e, REACT_NODE, literal=literal) for e in source.elements)
    if isinstance(source, Named) and (
        source.name in _ELEMENTS or source.name == "React.ReactPortal"
    ):
        return True
    if isinstance(source, Function | ObjectType):
        return False
    return _some(assignable(source, p, literal=literal) for p in _REACT_NODE_PARTS)


def _tuple(source: Tuple, target: Tuple, *, literal: bool) -> bool | None:
    if source.readonly and not target.readonly:
        return False
    if len(source.elements) > len(target.elements):
        return False
    if any(s and not t for s, t in zip(source.optional, target.optional, strict=False)):
        return False
    if any(not o for o in target.optional[len(source.elements) :]):
        return False
    pairs = zip(source.elements, target.elements, strict=False)
    return _every(assignable(s, t, literal=literal) for s, t in pairs)


def _function(source: Function, target: Function, *, literal: bool) -> bool | None:
    if any(p.rest for p in (*source.params, *target.params)):
        return None  # rest parameters are not modelled (equal functions were caught earlier)
    required = sum(1 for p in source.params if not p.optional)
    if required > len(target.params):
        return False  # the caller would not pass every argument the source needs
    results: list[bool | None] = []
    for theirs, ours in zip(target.params, source.params, strict=False):
        # Parameters are contravariant, and their values come from the component, not the
        # consumer's literals.
        results.append(assignable(_param_type(theirs), _param_type(ours), literal=not literal))
    if target.returns not in (Keyword("void"), Keyword("any"), Keyword("unknown")):
        results.append(assignable(source.returns, target.returns, literal=literal))
    return _every(results)


def _param_type(param: Param) -> TypeExpr:
    if param.optional:
        return make_union([param.type, Keyword("undefined")])
    return param.type


def _object(source: ObjectType, target: ObjectType, *, literal: bool) -> bool | None:
    if source.index != target.index:
        return None
    theirs = {m.name: m for m in target.members}
    ours = {m.name: m for m in source.members}
    if literal and set(ours) - set(theirs) and target.index is None:
        return False  # an object literal with the extra member is rejected
    results: list[bool | None] = []
    for name, member in theirs.items():
        mine = ours.get(name)
        if mine is None:
            results.append(member.optional)
            continue
        if mine.optional and not member.optional:
            return False
        results.append(assignable(mine.type, member.type, literal=literal))
    return _every(results)


def _named(source: Named, target: Named, *, literal: bool) -> bool | None:
    if source.name in _ELEMENTS and target.name in _ELEMENTS:
        return True
    if source.name == target.name:
        if len(source.args) == len(target.args) and source.name in _COVARIANT:
            pairs = zip(source.args, target.args, strict=True)
            return _every(assignable(s, t, literal=literal) for s, t in pairs)
        return _event(source, target, literal=literal)
    if source.name in _EVENT_PARENT and target.name in _EVENT_PARENT:
        return _event(source, target, literal=literal)
    dom_source, dom_target = _dom_ancestors(source), _dom_ancestors(target)
    if dom_source and dom_target:
        return target.name in dom_source and not source.args and not target.args
    if _known_object(source) and _known_object(target):
        return False
    return None


def _event(source: Named, target: Named, *, literal: bool) -> bool | None:
    if source.name not in _EVENT_PARENT:
        return None
    ancestors, name = [], source.name
    while name:
        ancestors.append(name)
        name = _EVENT_PARENT[name]
    if target.name not in ancestors:
        return False
    # React events are covariant in their element (`currentTarget: T`), which defaults to Element.
    element = Named("Element")
    source_args = source.args or (element,)
    target_args = target.args or (element,)
    if len(source_args) != len(target_args):
        return None
    pairs = zip(source_args, target_args, strict=True)
    return _every(assignable(s, t, literal=literal) for s, t in pairs)


def _dom_ancestors(named: Named) -> list[str]:
    name = named.name
    if _DOM_ELEMENT.match(name) and name not in _DOM_PARENT:
        chain = [name]
        name = "SVGElement" if name.startswith("SVG") else "HTMLElement"
    elif name in _DOM_PARENT:
        chain = []
    else:
        return []
    while name:
        chain.append(name)
        name = _DOM_PARENT[name]
    return chain


def _known_object(named: Named) -> bool:
    return (
        named.name in _OBJECT_NAMES
        or named.name in _EVENT_PARENT
        or named.name in _ELEMENTS
        or bool(_dom_ancestors(named))
    )


def _mentions(expr: TypeExpr, part: TypeExpr) -> bool:
    return expr == part or (isinstance(expr, Union) and part in expr.members)


def _every(results: Iterable[bool | None]) -> bool | None:
    answer: bool | None = True
    for result in results:
        if result is False:
            return False
        if result is None:
            answer = None
    return answer


def _some(results: Iterable[bool | None]) -> bool | None:
    answer: bool | None = False
    for result in results:
        if result:
            return True
        if result is None:
            answer = None
    return answer
