"""Find a module's components among its values, in the shapes real code writes them.

A value is read as a component, as a component that cannot be read (`ComponentApi.unreadable`,
which the comparison turns into "major, needs review"), or as no component at all (`None`:
literals, contexts, lower-case names, things imported from elsewhere). What is not recognised
as either is unreadable: an unknown shape is never taken for "not a component".
"""

from __future__ import annotations

from dataclasses import replace

from tree_sitter import Node

from redraft.core.tsprops.model import ComponentApi, ComponentKind
from redraft.core.tsprops.typeparse import normalize_type
from redraft.integrations.tsx.scope import ModuleScope
from redraft.integrations.tsx.signature import FUNCTIONS, SignatureReader
from redraft.integrations.tsx.typereader import jsdoc_deprecated

_CLASS_BASES = frozenset({"Component", "PureComponent"})
_WRAPPERS = frozenset(
    {"as_expression", "satisfies_expression", "parenthesized_expression", "non_null_expression"}
)
# Values that are never components, whatever their name.
_PLAIN_VALUES = frozenset(
    {
        "string",
        "template_string",
        "number",
        "true",
        "false",
        "null",
        "undefined",
        "array",
        "regex",
        "new_expression",
        "unary_expression",
        "binary_expression",
    }
)
# Calls whose result is no component of this module: React's contexts and refs, `lazy`
# (its component lives in the module it imports), frozen constants.
_PLAIN_REACT_CALLS = frozenset({"createContext", "createRef", "lazy"})
_PLAIN_CALLS = frozenset({"Object.freeze", "Symbol"})
_SNIPPET = 60


class ComponentReader:
    """Recognises components among a module's values (see the module docstring)."""

    def __init__(self, scope: ModuleScope) -> None:
        self.scope = scope
        self.text = scope.text
        self.react_names = scope.react_names
        self.react_namespaces = scope.react_namespaces
        self.signatures = SignatureReader(scope)

    def component(
        self, target: str | Node, *, any_name: bool, seen: frozenset[str], erase: bool = False
    ) -> ComponentApi | None:
        """The component `target` names or is; a local name must be PascalCase unless
        `any_name`; `erase` drops its type parameters, as wrapping it in `memo` or
        `forwardRef` does (their types infer the props once, as `unknown`)."""
        if isinstance(target, str):
            node = self.scope.values.get(target)
            if node is None or target in seen or not (any_name or target[:1].isupper()):
                return None
            inner = seen | {target}
            found = self._declaration(node, target, inner, erase)
            if found is None or found.unreadable is not None:
                return found
            found = self._with_expandos(found, target, inner)
            statement = self.scope.statements.get(target)
            if statement is not None and jsdoc_deprecated(statement):
                return replace(found, deprecated=True)
            return found
        return self._expression(target, "default", seen)

    def _declaration(
        self, node: Node, name: str, seen: frozenset[str], erase: bool
    ) -> ComponentApi | None:
        if node.type in ("class_declaration", "abstract_class_declaration"):
            return self._class(node, name)
        if node.type == "function_declaration":
            return self.signatures.function(node, name, ComponentKind.FUNCTION, erase=erase)
        annotation = node.child_by_field_name("type")
        value = node.child_by_field_name("value")
        declared = (
            annotation.named_children[0] if annotation and annotation.named_children else None
        )
        if declared is not None:
            props = self.signatures.fc_props(declared)
            if props is not None:
                return self.signatures.function(value, name, ComponentKind.FC, props_type=props)
        found = None if value is None else self._expression(value, name, seen, erase)
        if found is not None and found.unreadable is None and declared is not None:
            # The declared type is the public API, and we do not read arbitrary types.
            unresolved = (*found.unresolved, normalize_type(self.text(declared)))
            return replace(found, unresolved=unresolved)
        return found

    def _with_expandos(self, found: ComponentApi, name: str, seen: frozenset[str]) -> ComponentApi:
        """Parts assigned as `Root.Part = value;` (TypeScript types them on a function)."""
        assigned = self.scope.expandos.get(name, {})
        parts = dict(found.parts)
        for key, value in assigned.items():
            part = self._part(value, key, seen) if key[:1].isupper() else None
            if part is not None:
                parts[key] = part
        return replace(found, parts=parts) if parts != found.parts else found

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
        if found is not None and found.unreadable is None and cast is not None:
            # The cast type is the public API, and we do not read arbitrary types.
            return replace(found, unresolved=(*found.unresolved, normalize_type(cast)))
        return found

    def _unwrapped(
        self, node: Node, name: str, seen: frozenset[str], erase: bool
    ) -> ComponentApi | None:
        kind = node.type
        if kind in FUNCTIONS:
            return self.signatures.function(node, name, ComponentKind.FUNCTION, erase=erase)
        if kind in ("identifier", "shorthand_property_identifier"):
            return self.component(self.text(node), any_name=True, seen=seen, erase=erase)
        if kind == "class":
            return self._class(node, name)
        if kind == "call_expression":
            return self._call(node, name, seen, erase)
        if kind == "object":
            return self._namespace(node, name, seen)
        if kind == "member_expression":
            return self._member(node, name, seen)
        if kind in _PLAIN_VALUES:
            return None
        return self._unreadable(name, node, "is not a component shape redraft reads")

    def _call(
        self, call: Node, name: str, seen: frozenset[str], erase: bool
    ) -> ComponentApi | None:
        callee = self._callee(call)
        arguments = call.child_by_field_name("arguments")
        args = [a for a in arguments.named_children if a.type != "comment"] if arguments else []
        if callee == "forwardRef" and args:
            return self._forward_ref(call, args[0], name)
        if callee == "memo" and args:
            inner = self._expression(args[0], name, seen, erase=True)
            if inner is None:
                return self._unreadable(name, args[0], "is memoised but not defined here")
            if inner.unreadable is not None:
                return inner
            # `memo` returns a new object: parts assigned to its argument do not come along.
            return replace(inner, kind=ComponentKind.MEMO, parts={})
        if callee in _PLAIN_REACT_CALLS:
            return None
        function = call.child_by_field_name("function")
        spelled = self.text(function) if function is not None else ""
        if spelled == "Object.assign" and args:
            return self._compound(args, name, seen, erase)
        if spelled in _PLAIN_CALLS:
            return None
        return self._unreadable(name, call, "is not a component shape redraft reads")

    def _callee(self, call: Node) -> str | None:
        """The name a call's function was imported as from React, if it was."""
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

    def _forward_ref(self, call: Node, render: Node, name: str) -> ComponentApi:
        while render.type in _WRAPPERS and render.named_children:
            render = render.named_children[0]
        function: Node | None = render if render.type in FUNCTIONS else None
        if render.type == "identifier":  # `forwardRef(ButtonImpl)`
            function = _function_of(self.scope.values.get(self.text(render)))
        if function is None:
            return self._unreadable(name, render, "is not a render function defined here")
        return self.signatures.forward_ref(call, function, name)

    def _compound(
        self, args: list[Node], name: str, seen: frozenset[str], erase: bool
    ) -> ComponentApi:
        """`Object.assign(Root, { Part, … })`: the root's props, and the parts beside them."""
        root = self._expression(args[0], name, seen, erase)
        if root is None:
            return self._unreadable(name, args[0], "is the root of Object.assign but no component")
        if root.unreadable is not None:
            return root
        parts = dict(root.parts)
        for source in args[1:]:
            while source.type in _WRAPPERS and source.named_children:
                source = source.named_children[0]
            if source.type != "object":
                return self._unreadable(name, source, "is assigned as parts but is no object")
            found, hidden = self._object_parts(source, seen, strict=True)
            if hidden is not None:
                return self._unreadable(name, hidden, "hides which parts there are")
            parts.update(found)
        return replace(root, parts=parts)

    def _namespace(self, node: Node, name: str, seen: frozenset[str]) -> ComponentApi | None:
        """`{ Root: MenuRoot, Item: MenuItem }`: components reached as members only."""
        parts, hidden = self._object_parts(node, seen, strict=False)
        if not any(part.unreadable is None for part in parts.values()):
            return None  # a plain object (settings, constants), not components
        if hidden is not None:
            return self._unreadable(name, hidden, "hides which parts there are")
        return ComponentApi(name, kind=ComponentKind.NAMESPACE, parts=parts)

    def _object_parts(
        self, node: Node, seen: frozenset[str], *, strict: bool
    ) -> tuple[dict[str, ComponentApi], Node | None]:
        """The PascalCase members of an object literal that are components, and the first
        member that hides names (a spread, a computed key). Not `strict` (a free-standing
        object), only values shaped like components count; beside a root, every member does."""
        parts: dict[str, ComponentApi] = {}
        hidden: Node | None = None
        for member in node.named_children:
            if member.type == "spread_element" or (
                member.type == "pair"
                and (key_node := member.child_by_field_name("key")) is not None
                and key_node.type == "computed_property_name"
            ):
                hidden = hidden or member
                continue
            key, value = self._member_of(member)
            if key is None or value is None or not key[:1].isupper():
                continue
            if not strict and not self._component_shaped(value):
                continue
            part = self._part(value, key, seen)
            if part is not None:
                parts[key] = part
        return parts, hidden

    def _member_of(self, member: Node) -> tuple[str | None, Node | None]:
        if member.type == "shorthand_property_identifier":
            return self.text(member), member
        if member.type == "method_definition":
            name = member.child_by_field_name("name")
            return (self.text(name) if name is not None else None), member
        if member.type != "pair":
            return None, None
        key, value = member.child_by_field_name("key"), member.child_by_field_name("value")
        if key is None:
            return None, value
        text = self.text(key)
        return (text[1:-1] if key.type == "string" else text), value

    def _part(self, value: Node, key: str, seen: frozenset[str]) -> ComponentApi | None:
        if value.type == "method_definition":
            return self.signatures.function(value, key, ComponentKind.FUNCTION)
        return self._expression(value, key, seen)

    def _component_shaped(self, value: Node) -> bool:
        while value.type in _WRAPPERS and value.named_children:
            value = value.named_children[0]
        if value.type in (*FUNCTIONS, "method_definition", "class"):
            return True
        if value.type in ("identifier", "shorthand_property_identifier"):
            return self.text(value)[:1].isupper()
        if value.type == "call_expression":
            function = value.child_by_field_name("function")
            spelled = self.text(function) if function is not None else ""
            return self._callee(value) in ("forwardRef", "memo") or spelled == "Object.assign"
        return False

    def _member(self, node: Node, name: str, seen: frozenset[str]) -> ComponentApi | None:
        """`Tabs.Panel`: a part of a component defined here."""
        owner_node, prop = node.child_by_field_name("object"), node.child_by_field_name("property")
        if owner_node is None or prop is None:
            return self._unreadable(name, node, "is not a component shape redraft reads")
        owner = self._expression(owner_node, name, seen)
        if owner is None or owner.unreadable is not None:
            return owner
        return owner.parts.get(self.text(prop))

    def _class(self, node: Node, name: str) -> ComponentApi | None:
        heritage = [c for c in node.named_children if c.type == "class_heritage"]
        for clause in heritage[0].named_children if heritage else []:
            if clause.type == "extends_clause":
                value = clause.child_by_field_name("value")
                args = clause.child_by_field_name("type_arguments")
                base = self.text(value).rsplit(".", 1)[-1] if value is not None else ""
                if self.react_names.get(base, base) in _CLASS_BASES:
                    props = args.named_children[0] if args and args.named_children else None
                    return self.signatures.class_props(name, props)
                if value is not None and _renders(node):
                    return self._unreadable(name, value, "is a base class redraft cannot read")
        return None

    def _unreadable(self, name: str, node: Node, why: str) -> ComponentApi:
        text = " ".join(self.text(node).split())
        snippet = text if len(text) <= _SNIPPET else text[: _SNIPPET - 1] + "…"
        return ComponentApi(name, unreadable=f"{snippet} {why}")


def _function_of(node: Node | None) -> Node | None:
    """The function a top-level declaration defines, if it is one."""
    if node is None or node.type == "function_declaration":
        return node
    value = node.child_by_field_name("value") if node.type == "variable_declarator" else None
    while value is not None and value.type in _WRAPPERS and value.named_children:
        value = value.named_children[0]
    return value if value is not None and value.type in FUNCTIONS else None


def _renders(node: Node) -> bool:
    """Whether a class has a `render` method (and so is a component of some base)."""
    body = node.child_by_field_name("body")
    for member in body.named_children if body is not None else []:
        name = member.child_by_field_name("name") if member.type == "method_definition" else None
        if name is not None and name.text == b"render":
            return True
    return False
