"""Turn tree-sitter type nodes of one TSX module into type text and props members.

Local type aliases and interfaces are expanded into the types that use them, so renaming or
moving a local type is not a change while changing its content is. Names imported from
`react` are spelled `React.X` whichever way the source imported them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from tree_sitter import Node

from redraft.core.tsprops.typeexpr import Literal, Union
from redraft.core.tsprops.typeparse import parse_type

# Leaves whose text is the whole story (and whose quotes must not be split by spacing).
_RAW = frozenset({"string", "template_literal_type", "number", "predefined_type", "literal_type"})
_IDENTIFIER = re.compile(r"[A-Za-z_$][\w$]*")
# Beyond this size an expansion stops being readable; the name is kept instead.
_MAX_EXPANSION = 4000
_UTILITIES = frozenset({"Omit", "Pick", "Partial", "Required", "Readonly", "PropsWithChildren"})


@dataclass(slots=True)
class Member:
    type: str
    optional: bool = False
    deprecated: bool = False
    readonly: bool = False
    intersected: bool = False


@dataclass(slots=True)
class Members:
    """Props found for one props type, plus what could not be looked into."""

    props: dict[str, Member] = field(default_factory=dict)
    bases: list[str] = field(default_factory=list)
    index: str | None = None
    unresolved: list[str] = field(default_factory=list)

    def merge(self, other: Members) -> None:
        self.props.update(other.props)
        self.bases += [b for b in other.bases if b not in self.bases]
        self.index = other.index or self.index
        self.unresolved += other.unresolved

    @property
    def closed(self) -> bool:
        """Every member is known: no external base, nothing unresolved."""
        return not self.bases and not self.unresolved


class TypeReader:
    """Renders and resolves the types of one module (see the module docstring)."""

    def __init__(
        self,
        source: bytes,
        *,
        interfaces: Mapping[str, Node],
        aliases: Mapping[str, Node],
        react_names: Mapping[str, str],
        react_namespaces: frozenset[str],
    ) -> None:
        self.source = source
        self.interfaces = interfaces
        self.aliases = aliases
        self.react_names = react_names
        self.react_namespaces = react_namespaces
        self._special = {*interfaces, *aliases, *react_names, *react_namespaces}

    def text(self, node: Node) -> str:
        return self.source[node.start_byte : node.end_byte].decode()

    def render(
        self, node: Node, subst: Mapping[str, str], seen: frozenset[str] = frozenset()
    ) -> str:
        """Type text for `node` with local types expanded and type parameters substituted."""
        kind = node.type
        if kind == "comment":
            return ""
        text = self.text(node)
        if not any(m in self._special or m in subst for m in _IDENTIFIER.findall(text)):
            return text  # nothing to expand: the source text is the answer (3x faster)
        if kind in _RAW or node.child_count == 0:
            return (
                self._name(self.text(node), (), subst, seen)
                if kind == "type_identifier"
                else self.text(node)
            )
        if kind == "nested_type_identifier":
            module, name = node.child_by_field_name("module"), node.child_by_field_name("name")
            if (
                module is not None
                and name is not None
                and self.text(module) in self.react_namespaces
            ):
                return f"React.{self.text(name)}"
            return self.text(node)
        if kind == "generic_type":
            name_node = node.child_by_field_name("name")
            args_node = node.child_by_field_name("type_arguments")
            if (
                name_node is not None
                and args_node is not None
                and name_node.type == "type_identifier"
            ):
                args = tuple(
                    self.render(a, subst, seen)
                    for a in args_node.named_children
                    if a.type != "comment"
                )
                return self._name(self.text(name_node), args, subst, seen)
        return " ".join(self.render(child, subst, seen) for child in node.children)

    def _name(
        self, name: str, args: tuple[str, ...], subst: Mapping[str, str], seen: frozenset[str]
    ) -> str:
        if name in subst and not args:
            return f"({subst[name]})"
        plain = f"{name}<{', '.join(args)}>" if args else name
        if name in seen:
            return plain  # a recursive type: keep the name
        expanded: str | None = None
        if name in self.aliases:
            expanded = self._expand_alias(name, args, seen | {name})
        elif name in self.interfaces:
            expanded = self._expand_interface(name, args, seen | {name})
        elif name in self.react_names:
            imported = self.react_names[name]
            return f"React.{imported}<{', '.join(args)}>" if args else f"React.{imported}"
        if expanded is None or len(expanded) > _MAX_EXPANSION:
            return plain
        return f"({expanded})"

    def _expand_alias(self, name: str, args: tuple[str, ...], seen: frozenset[str]) -> str | None:
        node = self.aliases[name]
        subst = self._bind(node, args, seen)
        value = node.child_by_field_name("value")
        if subst is None or value is None:
            return None
        return self.render(value, subst, seen)

    def _expand_interface(
        self, name: str, args: tuple[str, ...], seen: frozenset[str]
    ) -> str | None:
        members = self.interface_members(name, args, seen)
        if members is None or members.unresolved:
            return None
        parts = [
            f"{'readonly ' if m.readonly else ''}{key}{'?' if m.optional else ''}: {m.type}"
            for key, m in members.props.items()
        ]
        if members.index is not None:
            parts.append(f"[key: string]: {members.index}")
        body = "{ " + "; ".join(parts) + " }" if parts else "{}"
        return " & ".join([*members.bases, body])

    def _bind(
        self, declaration: Node, args: tuple[str, ...], seen: frozenset[str]
    ) -> dict[str, str] | None:
        """Map a generic declaration's type parameters to `args` (or their defaults)."""
        params_node = declaration.child_by_field_name("type_parameters")
        params = (
            [p for p in params_node.named_children if p.type == "type_parameter"]
            if params_node
            else []
        )
        if len(args) > len(params):
            return None
        subst: dict[str, str] = {}
        for index, param in enumerate(params):
            name_node = param.child_by_field_name("name")
            default = param.child_by_field_name("value")
            if name_node is None:
                return None
            if index < len(args):
                subst[self.text(name_node)] = args[index]
            elif default is not None and default.named_children:
                subst[self.text(name_node)] = self.render(default.named_children[0], subst, seen)
            else:
                return None
        return subst

    def interface_members(
        self, name: str, args: tuple[str, ...], seen: frozenset[str]
    ) -> Members | None:
        """Members of a local interface, its local bases merged in (its own members win)."""
        node = self.interfaces[name]
        subst = self._bind(node, args, seen)
        if subst is None:
            return None
        result = Members()
        for child in node.named_children:
            if child.type == "extends_type_clause":
                for base in child.children_by_field_name("type"):
                    result.merge(self.resolve(base, subst, seen))
        body = node.child_by_field_name("body")
        if body is not None:
            result.merge(self.members(body, subst, seen))
        return result

    def resolve(
        self, node: Node, subst: Mapping[str, str], seen: frozenset[str] = frozenset()
    ) -> Members:
        """The props a props type declares; external bases and unreadable parts recorded."""
        kind = node.type
        if kind in ("object_type", "interface_body"):
            return self.members(node, subst, seen)
        if kind == "parenthesized_type" and node.named_children:
            return self.resolve(node.named_children[0], subst, seen)
        if kind == "intersection_type":
            parts = [self.resolve(p, subst, seen) for p in node.named_children]
            result = Members()
            for index, part in enumerate(parts):
                if any(other.bases for other in parts[:index] + parts[index + 1 :]):
                    for member in part.props.values():
                        member.intersected = True
                result.merge(part)
            return result
        name, args = self._reference(node)
        if name is not None and name not in seen:
            found = self._resolve_reference(name, args, subst, seen)
            if found is not None:
                return found
        text = self.render(node, subst, seen)
        if name is not None or kind in ("nested_type_identifier", "generic_type"):
            return Members(bases=[text])
        return Members(unresolved=[text])

    def _reference(self, node: Node) -> tuple[str | None, list[Node]]:
        if node.type == "type_identifier":
            return self.text(node), []
        if node.type == "generic_type":
            name_node = node.child_by_field_name("name")
            args_node = node.child_by_field_name("type_arguments")
            args = [a for a in args_node.named_children if a.type != "comment"] if args_node else []
            if name_node is not None and name_node.type == "type_identifier":
                return self.text(name_node), args
            if name_node is not None and self._is_react(name_node, "PropsWithChildren"):
                return "PropsWithChildren", args
        return None, []

    def _is_react(self, node: Node, name: str) -> bool:
        module, member = node.child_by_field_name("module"), node.child_by_field_name("name")
        return (
            module is not None
            and member is not None
            and self.text(module) in self.react_namespaces
            and self.text(member) == name
        )

    def _resolve_reference(
        self, name: str, args: list[Node], subst: Mapping[str, str], seen: frozenset[str]
    ) -> Members | None:
        rendered = tuple(self.render(a, subst, seen) for a in args)
        if name in self.interfaces:
            return self.interface_members(name, rendered, seen | {name})
        if name in self.aliases:
            node = self.aliases[name]
            bound = self._bind(node, rendered, seen)
            value = node.child_by_field_name("value")
            if bound is None or value is None:
                return None
            return self.resolve(value, bound, seen | {name})
        if self.react_names.get(name, name) in _UTILITIES and args and name not in subst:
            return self._utility(self.react_names.get(name, name), args, rendered, subst, seen)
        return None

    def _utility(
        self,
        name: str,
        args: list[Node],
        rendered: tuple[str, ...],
        subst: Mapping[str, str],
        seen: frozenset[str],
    ) -> Members | None:
        inner = self.resolve(args[0], subst, seen)
        if inner.unresolved:
            return None
        if name == "PropsWithChildren":
            inner.props.setdefault("children", Member("React.ReactNode", optional=True))
            return inner
        if name in ("Partial", "Required", "Readonly"):
            for member in inner.props.values():
                member.optional = {"Partial": True, "Required": False}.get(name, member.optional)
                member.readonly = member.readonly or name == "Readonly"
            inner.bases = [f"{name}<{b}>" for b in inner.bases]
            return inner
        keys = _string_keys(rendered[1]) if len(rendered) == 2 else None
        if keys is None:
            return None
        omit = name == "Omit"
        inner.props = {k: m for k, m in inner.props.items() if (k in keys) != omit}
        if name == "Omit":
            inner.bases = [f"Omit<{b}, {rendered[1]}>" for b in inner.bases]
        elif inner.bases and not keys <= inner.props.keys():
            return None  # Pick of keys an external base defines: not looked into
        else:
            inner.bases = []
        return inner

    def members(self, body: Node, subst: Mapping[str, str], seen: frozenset[str]) -> Members:
        """Members of an object type or interface body."""
        result = Members()
        for child in body.named_children:
            kind = child.type
            if kind in ("property_signature", "method_signature"):
                name_node = child.child_by_field_name("name")
                if name_node is None or name_node.type == "computed_property_name":
                    result.unresolved.append(self.render(child, subst, seen))
                    continue
                key = self.text(name_node)
                key = key[1:-1] if name_node.type == "string" else key
                result.props[key] = Member(
                    self._member_type(child, subst, seen),
                    optional=any(c.type == "?" for c in child.children),
                    deprecated=jsdoc_deprecated(child),
                    readonly=any(c.type == "readonly" for c in child.children),
                )
            elif kind == "index_signature":
                value = child.child_by_field_name("type")
                result.index = (
                    self.render(value.named_children[0], subst, seen)
                    if value and value.named_children
                    else "any"
                )
            elif kind != "comment":
                result.unresolved.append(self.render(child, subst, seen))
        return result

    def _member_type(self, member: Node, subst: Mapping[str, str], seen: frozenset[str]) -> str:
        if member.type == "method_signature":
            params = member.child_by_field_name("parameters")
            returns = member.child_by_field_name("return_type")
            params_text = self.render(params, subst, seen) if params else "()"
            return_text = (
                self.render(returns.named_children[0], subst, seen)
                if returns and returns.named_children
                else "any"
            )
            return f"{params_text} => {return_text}"
        annotation = member.child_by_field_name("type")
        if annotation is None or not annotation.named_children:
            return "any"
        return self.render(annotation.named_children[0], subst, seen)


def _string_keys(text: str) -> frozenset[str] | None:
    expr = parse_type(text)
    members = expr.members if isinstance(expr, Union) else (expr,)
    if all(isinstance(m, Literal) and m.kind == "string" for m in members):
        return frozenset(m.value[1:-1] for m in members if isinstance(m, Literal))
    return None


def jsdoc_deprecated(node: Node) -> bool:
    """Whether the comment right before `node` is a JSDoc block carrying `@deprecated`."""
    previous = node.prev_named_sibling
    if previous is None or previous.type != "comment" or previous.text is None:
        return False
    return previous.text.startswith(b"/**") and b"@deprecated" in previous.text
