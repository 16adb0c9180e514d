"""The top level of one TSX module: its imports from React, declarations and exports."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

_MAX_ERRORS = 5


class ModuleScope:
    """Top-level names of a module: local types and values, what it exports, React imports."""

    def __init__(self, source: bytes, root: Node) -> None:
        self.source = source
        self.root = root
        self.interfaces: dict[str, Node] = {}
        self.aliases: dict[str, Node] = {}
        self.values: dict[str, Node] = {}
        self.statements: dict[str, Node] = {}  # local name -> its top-level statement (JSDoc)
        self.exports: dict[str, str | Node] = {}  # export name -> local name or expression
        self.foreign: set[str] = set()  # re-exported names and `* from` clauses
        self.react_names: dict[str, str] = {}  # local alias -> name imported from 'react'
        self.react_namespaces = {"React"}
        self.expandos: dict[str, dict[str, Node]] = {}  # `Root.Part = value;` by Root, Part
        for statement in root.named_children:
            if statement.type == "import_statement":
                self._import(statement)
            elif statement.type == "export_statement":
                self._export(statement)
            elif statement.type == "expression_statement":
                self._expando(statement)
            else:
                self._declare(statement, statement)

    def text(self, node: Node) -> str:
        return self.source[node.start_byte : node.end_byte].decode()

    def _import(self, statement: Node) -> None:
        source = statement.child_by_field_name("source")
        if source is None or self.text(source)[1:-1] != "react":
            return
        for node in walk(statement):
            if node.type == "import_specifier":
                name, alias = node.child_by_field_name("name"), node.child_by_field_name("alias")
                if name is not None:
                    self.react_names[self.text(alias or name)] = self.text(name)
            elif node.type == "namespace_import" or (
                node.type == "identifier"
                and node.parent is not None
                and node.parent.type == "import_clause"
            ):
                self.react_namespaces.add(
                    self.text(node.named_children[0] if node.named_children else node)
                )

    def _export(self, statement: Node) -> None:
        is_default = any(c.type == "default" for c in statement.children)
        declaration = statement.child_by_field_name("declaration")
        value = statement.child_by_field_name("value")
        source = statement.child_by_field_name("source")
        if declaration is not None:
            names = self._declare(declaration, statement)
            if is_default:
                self.exports["default"] = names[0] if names else declaration
            else:
                self.exports.update((n, n) for n in names)
        elif value is not None:
            self.exports["default"] = value
        for child in statement.named_children:
            if child.type == "export_clause":
                for spec in child.named_children:
                    name, alias = (
                        spec.child_by_field_name("name"),
                        spec.child_by_field_name("alias"),
                    )
                    if name is None:
                        continue
                    exported = self.text(alias or name)
                    if source is None:
                        self.exports[exported] = self.text(name)
                    else:
                        self.foreign.add(exported)
            elif child.type == "namespace_export":
                self.foreign.add(self.text(child.named_children[0]))
        if source is not None and not any(
            c.type in ("export_clause", "namespace_export") for c in statement.named_children
        ):
            self.foreign.add(f"* from {self.text(source)}")

    def _expando(self, statement: Node) -> None:
        assignment = statement.named_children[0] if statement.named_children else None
        if assignment is None or assignment.type != "assignment_expression":
            return
        left, right = (
            assignment.child_by_field_name("left"),
            assignment.child_by_field_name("right"),
        )
        if left is None or right is None or left.type != "member_expression":
            return
        owner, member = left.child_by_field_name("object"), left.child_by_field_name("property")
        if owner is not None and member is not None and owner.type == "identifier":
            self.expandos.setdefault(self.text(owner), {})[self.text(member)] = right

    def _declare(self, node: Node, statement: Node) -> list[str]:
        """Record a top-level declaration; return the names it declares."""
        name_node = node.child_by_field_name("name")
        kind = node.type
        if kind == "lexical_declaration" or kind == "variable_declaration":
            names: list[str] = []
            for declarator in node.named_children:
                if declarator.type == "variable_declarator":
                    names += self._declare(declarator, statement)
            return names
        if name_node is None:
            return []
        name = self.text(name_node)
        if kind == "interface_declaration":
            self.interfaces[name] = node
        elif kind == "type_alias_declaration":
            self.aliases[name] = node
        elif kind in (
            "function_declaration",
            "class_declaration",
            "variable_declarator",
            "abstract_class_declaration",
        ):
            self.values[name] = node
        self.statements[name] = statement
        return [name]

    def errors(self) -> tuple[str, ...]:
        if not self.root.has_error:
            return ()
        errors: list[str] = []
        for node in walk(self.root):
            if len(errors) == _MAX_ERRORS:
                break
            if node.is_missing or node.type == "ERROR":
                row, column = node.start_point
                what = (
                    f"missing {node.type!r}"
                    if node.is_missing
                    else f"unexpected {self.text(node)[:40]!r}"
                )
                errors.append(f"line {row + 1}, column {column + 1}: {what}")
        return tuple(errors) or ("syntax error",)


def walk(node: Node) -> Iterator[Node]:
    """Every node under `node` in document order (iterative: deep JSX must not overflow)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))
