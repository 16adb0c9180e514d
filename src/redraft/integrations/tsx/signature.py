"""Read one component's signature: its props, ref, type parameters and destructuring defaults.

`components` decides which values are components; this module reads the function (or class)
it found into a `ComponentApi`.
"""

from __future__ import annotations

from dataclasses import replace

from tree_sitter import Node

from redraft.core.tsprops.model import ComponentApi, ComponentKind, GenericParam, PropSig
from redraft.core.tsprops.typeparse import normalize_type
from redraft.integrations.tsx.scope import ModuleScope
from redraft.integrations.tsx.typereader import Members, TypeReader

FUNCTIONS = frozenset({"arrow_function", "function_expression", "function"})
# Function-like nodes a component may be written as (a method in an object of parts, too).
_CALLABLE = frozenset({*FUNCTIONS, "function_declaration", "method_definition"})
_FC_NAMES = frozenset({"FC", "FunctionComponent", "VFC", "VoidFunctionComponent", "ComponentType"})
_REF_TYPES = frozenset({"Ref", "ForwardedRef", "RefObject", "LegacyRef"})


class SignatureReader:
    """Reads props types, refs and generics of the functions and classes of one module."""

    def __init__(self, scope: ModuleScope) -> None:
        self.text = scope.text
        self.react_names = scope.react_names
        self.types = TypeReader(
            scope.source,
            interfaces=scope.interfaces,
            aliases=scope.aliases,
            react_names=scope.react_names,
            react_namespaces=frozenset(scope.react_namespaces),
        )

    def fc_props(self, annotation: Node) -> Node | None:
        """`P` of a `React.FC<P>`-style annotation; None for any other type."""
        if annotation.type != "generic_type":
            return None
        name = annotation.child_by_field_name("name")
        args = annotation.child_by_field_name("type_arguments")
        if name is None or args is None or not args.named_children:
            return None
        last = self.text(name).rsplit(".", 1)[-1]
        imported = self.react_names.get(last, last) if name.type == "type_identifier" else last
        return args.named_children[0] if imported in _FC_NAMES else None

    def forward_ref(self, call: Node, render: Node, name: str) -> ComponentApi:
        """A `forwardRef(render)` component; `render` is a function node."""
        type_args = call.child_by_field_name("type_arguments")
        args = [a for a in type_args.named_children if a.type != "comment"] if type_args else []
        params = self._params(render)
        ref: str | None = None
        if args:
            ref = self.types.render(args[0], {})
        elif len(params) > 1:
            ref = self._ref_from_param(params[1])
        props_type = args[1] if len(args) > 1 else None
        found = self.function(
            render, name, ComponentKind.FORWARD_REF, props_type=props_type, erase=True
        )
        return replace(found, ref_type=normalize_type(ref or "unknown"))

    def _ref_from_param(self, param: Node) -> str | None:
        annotation = param.child_by_field_name("type")
        if annotation is None or not annotation.named_children:
            return None
        node = annotation.named_children[0]
        name = node.child_by_field_name("name") if node.type == "generic_type" else None
        args = node.child_by_field_name("type_arguments") if name is not None else None
        if name is None or args is None or not args.named_children:
            return None
        if self.text(name).rsplit(".", 1)[-1] not in _REF_TYPES:
            return None
        return self.types.render(args.named_children[0], {})

    def class_props(self, name: str, props_type: Node | None) -> ComponentApi:
        members = self.types.resolve(props_type, {}) if props_type else Members()
        return _build(name, ComponentKind.CLASS, members, {}, ())

    def _params(self, function: Node) -> list[Node]:
        params = function.child_by_field_name("parameters")
        if params is None:
            single = function.child_by_field_name("parameter")  # `props => …`
            return [single] if single is not None else []
        return [
            p
            for p in params.named_children
            if p.type in ("required_parameter", "optional_parameter")
        ]

    def function(
        self,
        function: Node | None,
        name: str,
        kind: ComponentKind,
        *,
        props_type: Node | None = None,
        erase: bool = False,
    ) -> ComponentApi:
        """A function component; without a function node (`const X: FC<P> = memo(…)`), the
        props are those of `props_type`."""
        if function is not None and function.type not in _CALLABLE:
            function = None
        params = self._params(function) if function is not None else []
        first = params[0] if params else None
        if props_type is None and first is not None:
            annotation = first.child_by_field_name("type")
            if annotation is not None and annotation.named_children:
                props_type = annotation.named_children[0]
        generics = self._generics(function) if function is not None else ()
        erased = {g.name: g.constraint or "unknown" for g in generics} if erase else {}
        if props_type is not None:
            members = self.types.resolve(props_type, erased)
        elif first is not None:
            members = Members(unresolved=["any"])  # an untyped props parameter
        else:
            members = Members()
        defaults = self._defaults(first)
        return _build(name, kind, members, defaults, () if erase else generics)

    def _defaults(self, param: Node | None) -> dict[str, str]:
        pattern = param.child_by_field_name("pattern") if param is not None else None
        if pattern is None or pattern.type != "object_pattern":
            return {}
        defaults: dict[str, str] = {}
        for item in pattern.named_children:
            if item.type == "object_assignment_pattern":
                left, right = item.child_by_field_name("left"), item.child_by_field_name("right")
            elif item.type == "pair_pattern":
                key, value = item.child_by_field_name("key"), item.child_by_field_name("value")
                if key is None or value is None or value.type != "assignment_pattern":
                    continue
                left, right = key, value.child_by_field_name("right")
            else:
                continue
            if left is not None and right is not None:
                defaults[self.text(left).strip("'\"")] = " ".join(self.text(right).split())
        return defaults

    def _generics(self, function: Node) -> tuple[GenericParam, ...]:
        params = function.child_by_field_name("type_parameters")
        if params is None:
            return ()
        result: list[GenericParam] = []
        for param in params.named_children:
            name = param.child_by_field_name("name")
            if param.type != "type_parameter" or name is None:
                continue
            constraint = param.child_by_field_name("constraint")
            default = param.child_by_field_name("value")
            result.append(
                GenericParam(
                    self.text(name),
                    self._type_of(constraint),
                    self._type_of(default),
                )
            )
        return tuple(result)

    def _type_of(self, wrapper: Node | None) -> str | None:
        if wrapper is None or not wrapper.named_children:
            return None
        return normalize_type(self.types.render(wrapper.named_children[0], {}))


def _build(
    name: str,
    kind: ComponentKind,
    members: Members,
    defaults: dict[str, str],
    generics: tuple[GenericParam, ...],
) -> ComponentApi:
    props = {
        key: PropSig.of(
            member.type,
            optional=member.optional,
            default=defaults.get(key),
            deprecated=member.deprecated,
            intersected=member.intersected,
        )
        for key, member in members.props.items()
    }
    return ComponentApi(
        name=name,
        kind=kind,
        props=props,
        generics=generics,
        extends=tuple(sorted({normalize_type(b) for b in members.bases})),
        index_signature=normalize_type(members.index) if members.index is not None else None,
        unresolved=tuple(sorted({normalize_type(u) for u in members.unresolved})),
    )
