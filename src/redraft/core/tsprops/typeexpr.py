"""TypeScript type expressions as values, and their canonical spelling.

Props-API comparison needs types as values, not text: `'md' | 'sm'` and `"sm"|"md"` must be the
same type. `typeparse` builds these values; `print_type` spells each type one way only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

KEYWORDS = frozenset(
    {
        "string",
        "number",
        "boolean",
        "bigint",
        "symbol",
        "void",
        "unknown",
        "never",
        "undefined",
        "null",
        "any",
        "object",
    }
)


@dataclass(frozen=True, slots=True)
class Keyword:
    name: str


@dataclass(frozen=True, slots=True)
class Literal:
    kind: str  # "string" | "number" | "boolean"
    value: str  # canonical source form: 'sm', -1, true


@dataclass(frozen=True, slots=True)
class Named:
    name: str
    args: tuple[TypeExpr, ...] = ()


@dataclass(frozen=True, slots=True)
class ArrayOf:
    element: TypeExpr
    readonly: bool = False


@dataclass(frozen=True, slots=True)
class Tuple:
    elements: tuple[TypeExpr, ...]
    optional: tuple[bool, ...]
    readonly: bool = False


@dataclass(frozen=True, slots=True)
class Union:
    members: tuple[TypeExpr, ...]


@dataclass(frozen=True, slots=True)
class Intersection:
    members: tuple[TypeExpr, ...]


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    type: TypeExpr
    optional: bool = False
    rest: bool = False


@dataclass(frozen=True, slots=True)
class Function:
    params: tuple[Param, ...]
    returns: TypeExpr


@dataclass(frozen=True, slots=True)
class Member:
    name: str
    type: TypeExpr
    optional: bool = False
    readonly: bool = False


@dataclass(frozen=True, slots=True)
class ObjectType:
    members: tuple[Member, ...]
    index: TypeExpr | None = None


@dataclass(frozen=True, slots=True)
class Opaque:
    text: str


TypeExpr: TypeAlias = (
    Keyword
    | Literal
    | Named
    | ArrayOf
    | Tuple
    | Union
    | Intersection
    | Function
    | ObjectType
    | Opaque
)

_TIGHT_BEFORE = frozenset({",", ")", "]", ">", ".", ";", ":", "<"})
_TIGHT_AFTER = frozenset({"(", "[", "<", "."})


def join_tokens(tokens: list[str]) -> str:
    """Print tokens compactly (`T['k']`, `typeof x`): the canonical text of an opaque type."""
    out = ""
    for token in tokens:
        tight = token in _TIGHT_BEFORE or (token == "[" and out[-1:].isalnum())
        if out and not tight and out[-1] not in _TIGHT_AFTER:
            out += " "
        out += token
    return out


def print_type(expr: TypeExpr) -> str:
    """Print a type in canonical form (sorted unions and members, single quotes)."""
    match expr:
        case Keyword(name):
            return name
        case Literal(value=value):
            return value
        case Named(name, args):
            return f"{name}<{', '.join(print_type(a) for a in args)}>" if args else name
        case ArrayOf(element, readonly):
            inner = print_type(element)
            if isinstance(element, Union | Intersection | Function):
                inner = f"({inner})"
            return f"{'readonly ' if readonly else ''}{inner}[]"
        case Tuple(elements, optional, readonly):
            items = (
                f"{print_type(e)}{'?' if o else ''}"
                for e, o in zip(elements, optional, strict=True)
            )
            return f"{'readonly ' if readonly else ''}[{', '.join(items)}]"
        case Union(members) | Intersection(members):
            sep = " | " if isinstance(expr, Union) else " & "
            return sep.join(_wrap(m, expr) for m in members)
        case Function(params, returns):
            return f"({', '.join(_print_param(p) for p in params)}) => {print_type(returns)}"
        case ObjectType(members, index):
            parts = [_print_member(m) for m in members]
            if index is not None:
                parts.append(f"[key: string]: {print_type(index)}")
            return "{ " + "; ".join(parts) + " }" if parts else "{}"
        case Opaque(text):
            return text


def _wrap(member: TypeExpr, parent: TypeExpr) -> str:
    text = print_type(member)
    needs = isinstance(member, Function) or (
        isinstance(parent, Intersection) and isinstance(member, Union)
    )
    return f"({text})" if needs else text


def _print_param(param: Param) -> str:
    mark = "?" if param.optional else ""
    return f"{'...' if param.rest else ''}{param.name}{mark}: {print_type(param.type)}"


def _print_member(member: Member) -> str:
    mark = "?" if member.optional else ""
    prefix = "readonly " if member.readonly else ""
    return f"{prefix}{member.name}{mark}: {print_type(member.type)}"


def make_union(members: list[TypeExpr]) -> TypeExpr:
    """A flattened, de-duplicated, sorted union (`true | false` is spelled `boolean`)."""
    flat: dict[str, TypeExpr] = {}
    for member in members:
        for item in member.members if isinstance(member, Union) else (member,):
            flat.setdefault(print_type(item), item)
    if "true" in flat and "false" in flat:
        del flat["true"], flat["false"]
        flat["boolean"] = Keyword("boolean")
    if len(flat) == 1:
        return next(iter(flat.values()))
    return Union(tuple(flat[key] for key in sorted(flat)))


def make_intersection(members: list[TypeExpr]) -> TypeExpr:
    flat: dict[str, TypeExpr] = {}
    for member in members:
        for item in member.members if isinstance(member, Intersection) else (member,):
            flat.setdefault(print_type(item), item)
    if len(flat) == 1:
        return next(iter(flat.values()))
    return Intersection(tuple(flat[key] for key in sorted(flat)))
