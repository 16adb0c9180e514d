"""Find a module's components and read their props, ref, type parameters and defaults."""

from __future__ import annotations

from dataclasses import replace

from tree_sitter import Node

from redraft.core.tsprops.model import ComponentApi, ComponentKind, GenericParam, PropSig
from redraft.core.tsprops.typeparse import normalize_type
from redraft.integrations.tsx.scope import ModuleScope
from redraft.integrations.tsx.typereader import Members, TypeReader, jsdoc_deprecated

_FC_NAMES = frozenset({"FC", "FunctionComponent", "VFC", "VoidFunctionComponent"})
_CLASS_BASES = frozenset({"Component", "PureComponent"})
_REF_TYPES = frozenset({"Ref", "ForwardedRef", "RefObject", "LegacyRef"})
_WRAPPERS = frozenset(
    {"as_expression", "satisfies_expression", "parenthesized_expression", "non_null_expression"}
)
_FUNCTIONS = frozenset({"arrow_function", "function_expression", "function"})


class ComponentReader:
    """Recognises components among a module's values (see the package docstring)."""

    def __init__(self, scope: ModuleScope) -> None:
        self.scope = scope
        self.text = scope.text
        self.react_names = scope.react_names
        self.react_namespaces = scope.react_namespaces
        self.types = TypeReader(
            scope.source,
            interfaces=scope.interfaces,
            aliases=scope.aliases,
            react_names=scope.react_names,
            react_namespaces=frozenset(scope.react_namespaces),
        )

    def component(
        self, target: str | Node, *, default: bool, seen: frozenset[str], erase: bool = False
    ) -> ComponentApi | None:
        """The component `target` names or is; `erase` drops its type parameters, as wrapping
        it in `memo` or `forwardRef` does (their types infer the props once, as `unknown`)."""
        if isinstance(target, str):
            node = self.scope.values.get(target)
            if node is None or target in seen or not (default or target[:1].isupper()):
                return None
            found = self._declaration(node, target, seen | {target}, erase)
            statement = self.scope.statements.get(target)
            if found is not None and statement is not None and jsdoc_deprecated(statement):
                return replace(found, deprecated=True)
            return found
        return self._expression(target, "default", seen)

    def _declaration(
        self, node: Node, name: str, seen: frozenset[str], erase: bool
    ) -> ComponentApi | None:
        if node.type in ("class_declaration", "abstract_class_declaration"):
            return self._class(node, name)
        if node.type == "function_declaration":
            return self._function(node, name, ComponentKind.FUNCTION, erase=erase)
        annotation = node.child_by_field_name("type")
        value = node.child_by_field_name("value")
        if annotation is not None and annotation.named_children:
            props = self._fc_props(annotation.named_children[0])
            if props is not None:
                return self._function(value, name, ComponentKind.FC, props_type=props)
        return None if value is None else self._expression(value, name, seen, erase)

    def _expression(
        self, node: Node, name: str, seen: frozenset[str], erase: bool = False
    ) -> ComponentApi | None:
        cast: str | None = None
        while node.type in _WRAPPERS and node.named_children:
            target = node.named_children[-1] if node.type == "as_expression" else None
            if target is not None and target.type == "type_query" and target.named_children:
                # `memo(X) as typeof X` keeps X's own (generic) signature.
                return self._expression(target.named_children[0], name, seen)
            if target is not None:
                cast = self.text(target)
            node = node.named_children[0]
        found = self._unwrapped(node, name, seen, erase)
        if found is not None and cast is not None:
            # The cast type is the public API, and we do not read arbitrary types.
            return replace(found, unresolved=(*found.unresolved, normalize_type(cast)))
        return found

    def _unwrapped(
        self, node: Node, name: str, seen: frozenset[str], erase: bool
    ) -> ComponentApi | None:
        if node.type in _FUNCTIONS:
            return self._function(node, name, ComponentKind.FUNCTION, erase=erase)
        if node.type == "identifier":
            return self.component(self.text(node), default=True, seen=seen, erase=erase)
        if node.type == "class":
            return self._class(node, name)
        if node.type != "call_expression":
            return None
        callee = self._callee(node)
        arguments = node.child_by_field_name("arguments")
        first = arguments.named_children[0] if arguments and arguments.named_children else None
        if callee == "forwardRef" and first is not None:
            return self._forward_ref(node, first, name)
        if callee == "memo" and first is not None:
            inner = self._expression(first, name, seen, erase=True)
            return None if inner is None else replace(inner, kind=ComponentKind.MEMO)
        return None

    def _callee(self, call: Node) -> str | None:
        function = call.child_by_field_name("function")
        if function is None:
            return None
        if function.type == "identifier":
            return self.react_names.get(self.text(function))
        obj, prop = function.child_by_field_name("object"), function.child_by_field_name("property")
        if (
            function.type == "member_expression"
            and obj
            and prop
            and self.text(obj) in self.react_namespaces
        ):
            return self.text(prop)
        return None

    def _fc_props(self, annotation: Node) -> Node | None:
        if annotation.type != "generic_type":
            return None
        name = annotation.child_by_field_name("name")
        args = annotation.child_by_field_name("type_arguments")
        if name is None or args is None or not args.named_children:
            return None
        last = self.text(name).rsplit(".", 1)[-1]
        imported = self.react_names.get(last, last) if name.type == "type_identifier" else last
        return args.named_children[0] if imported in _FC_NAMES else None

    def _forward_ref(self, call: Node, render: Node, name: str) -> ComponentApi | None:
        while render.type in _WRAPPERS and render.named_children:
            render = render.named_children[0]
        if render.type not in _FUNCTIONS:
            return None
        type_args = call.child_by_field_name("type_arguments")
        args = [a for a in type_args.named_children if a.type != "comment"] if type_args else []
        params = self._params(render)
        ref: str | None = None
        if args:
            ref = self.types.render(args[0], {})
        elif len(params) > 1:
            ref = self._ref_from_param(params[1])
        props_type = args[1] if len(args) > 1 else None
        found = self._function(
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

    def _class(self, node: Node, name: str) -> ComponentApi | None:
        heritage = [c for c in node.named_children if c.type == "class_heritage"]
        for clause in heritage[0].named_children if heritage else []:
            if clause.type == "extends_clause":
                value = clause.child_by_field_name("value")
                args = clause.child_by_field_name("type_arguments")
                base = self.text(value).rsplit(".", 1)[-1] if value is not None else ""
                if self.react_names.get(base, base) not in _CLASS_BASES:
                    return None
                props_type = args.named_children[0] if args and args.named_children else None
                members = self.types.resolve(props_type, {}) if props_type else Members()
                return _build(name, ComponentKind.CLASS, members, {}, ())
        return None

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

    def _function(
        self,
        function: Node | None,
        name: str,
        kind: ComponentKind,
        *,
        props_type: Node | None = None,
        erase: bool = False,
    ) -> ComponentApi:
        if function is not None and function.type not in (*_FUNCTIONS, "function_declaration"):
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
