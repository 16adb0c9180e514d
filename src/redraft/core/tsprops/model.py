"""The public props API of a TSX module, as plain values (built by `integrations.tsx`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from redraft.core.tsprops.typecompare import without_undefined
from redraft.core.tsprops.typeexpr import Function, print_type
from redraft.core.tsprops.typeparse import parse_type


class ComponentKind(StrEnum):
    """How a component is declared; informative only (the props surface decides the bump)."""

    FUNCTION = "function"
    FC = "FC"
    FORWARD_REF = "forwardRef"
    MEMO = "memo"
    CLASS = "class"
    NAMESPACE = "namespace"  # an object of components (`{ Root, Item }`), not itself one


@dataclass(frozen=True, slots=True)
class CallbackParam:
    """One parameter of a callback prop; `type` is canonical type text."""

    name: str
    type: str
    optional: bool = False


@dataclass(frozen=True, slots=True)
class PropSig:
    """One prop: its canonical type, whether it may be omitted, and its destructuring default.

    For a callback (a prop whose type, without `undefined`, is a function) `params` and
    `returns` describe the function. `intersected` says the prop is declared beside an external
    base in an intersection (`Base & { … }`), so a same-named base member would combine with
    it rather than be replaced by it (as an interface's own member replaces a base's).
    """

    type: str
    optional: bool = False
    default: str | None = None
    deprecated: bool = False
    is_callback: bool = False
    params: tuple[CallbackParam, ...] = ()
    returns: str | None = None
    intersected: bool = False

    @classmethod
    def of(
        cls,
        type_text: str,
        *,
        optional: bool = False,
        default: str | None = None,
        deprecated: bool = False,
        intersected: bool = False,
    ) -> PropSig:
        """Build a prop from its declared type text, normalising it and reading callbacks."""
        expr = parse_type(type_text)
        function = without_undefined(expr)
        if not isinstance(function, Function):
            return cls(
                print_type(expr),
                optional=optional,
                default=default,
                deprecated=deprecated,
                intersected=intersected,
            )
        params = tuple(
            CallbackParam(p.name, print_type(p.type), p.optional or p.rest) for p in function.params
        )
        return cls(
            print_type(expr),
            optional=optional,
            default=default,
            deprecated=deprecated,
            is_callback=True,
            params=params,
            returns=print_type(function.returns),
            intersected=intersected,
        )


@dataclass(frozen=True, slots=True)
class GenericParam:
    """A type parameter of a generic component (`<T extends string = 'a'>`)."""

    name: str
    constraint: str | None = None
    default: str | None = None


@dataclass(frozen=True)
class ComponentApi:
    """One exported component's public surface.

    Attributes:
        name: the local name (`Button`), which may differ from the export name.
        extends: canonical texts of bases the props take but this file does not define
            (`React.ButtonHTMLAttributes<HTMLButtonElement>`, `Omit<X, 'type'>`).
        index_signature: the value type of a `[key: string]: T` member, if any.
        ref_type: the element type a `forwardRef` component's ref points at; None without one.
        unresolved: canonical texts of props types that could not be read (a union of object
            types, a mapped type); any change to them is undecidable.
        parts: the components reachable as members (`Tabs.Panel`), from
            `Object.assign(Root, { Panel })`, `Root.Panel = …` or a namespace object.
        unreadable: why the export, although a component, could not be read (an unknown
            wrapper, a render function defined elsewhere); None when it was read.
    """

    name: str
    kind: ComponentKind = ComponentKind.FUNCTION
    props: Mapping[str, PropSig] = field(default_factory=dict)
    generics: tuple[GenericParam, ...] = ()
    extends: tuple[str, ...] = ()
    index_signature: str | None = None
    ref_type: str | None = None
    deprecated: bool = False
    unresolved: tuple[str, ...] = ()
    parts: Mapping[str, ComponentApi] = field(default_factory=dict)
    unreadable: str | None = None


@dataclass(frozen=True)
class ModuleApi:
    """What a TSX module exports: components by export name (`default` for the default export),
    those it could not read among them (`ComponentApi.unreadable`), every other exported name
    (types, values, `* from './x'`, components defined elsewhere), and syntax errors found."""

    components: Mapping[str, ComponentApi] = field(default_factory=dict)
    exports: frozenset[str] = frozenset()
    errors: tuple[str, ...] = ()
