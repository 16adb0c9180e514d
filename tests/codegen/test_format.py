"""The canonical layout that keeps three-way merges of generated files clean."""

from __future__ import annotations

import re

import pytest
import tree_sitter_typescript
from tree_sitter import Language, Node, Parser

from redraft.codegen.base import GeneratedComponent
from redraft.codegen.render import render_component

from .samples import HOSTILE, every_pattern, generator, maximal, minimal, sample_tokens

TSX = Parser(Language(tree_sitter_typescript.language_tsx()))
MULTI_LINE_LISTS = {"object", "object_pattern", "array"}
ENTRY_NODES = {
    "pair",
    "spread_element",
    "shorthand_property",
    "shorthand_property_identifier",
    "shorthand_property_identifier_pattern",
    "pair_pattern",
    "object_assignment_pattern",
}


def outputs() -> list[tuple[str, GeneratedComponent]]:
    tokens, builtin = sample_tokens(), generator()
    rendered = []
    for pattern in every_pattern():
        for requirements in (minimal(pattern), maximal(pattern)):
            out = render_component(
                builtin, tokens, requirements, parameters={"story_title_prefix": HOSTILE}
            )
            rendered.append((f"{pattern.info.ref}:{requirements.name}", out))
    return rendered


OUTPUTS = outputs()
FILES = [
    pytest.param(text, id=f"{case}:{kind}")
    for case, out in OUTPUTS
    for kind, text in (("code", out.code), ("stories", out.stories))
]


def walk(node: Node) -> list[Node]:
    found = [node]
    for child in node.children:
        found.extend(walk(child))
    return found


@pytest.mark.parametrize("text", FILES)
def test_text_is_lf_only_with_one_final_newline_and_no_trailing_blanks(text: str) -> None:
    assert "\r" not in text
    assert text.endswith("\n")
    assert not text.endswith("\n\n")
    assert "\t" not in text
    for line in text.split("\n"):
        assert line == line.rstrip()
        indent = len(line) - len(line.lstrip(" "))
        assert indent % 2 == 0 or line.lstrip().startswith("*"), line


@pytest.mark.parametrize("text", FILES)
def test_output_parses_as_tsx_without_errors(text: str) -> None:
    tree = TSX.parse(text.encode())
    assert not tree.root_node.has_error


@pytest.mark.parametrize("text", FILES)
def test_elements_with_several_attributes_put_each_on_its_own_line(text: str) -> None:
    for node in walk(TSX.parse(text.encode()).root_node):
        if node.type not in ("jsx_opening_element", "jsx_self_closing_element"):
            continue
        attributes = [c for c in node.children if c.type == "jsx_attribute"]
        if len(attributes) < 2:
            continue
        rows = [a.start_point[0] for a in attributes]
        assert len(set(rows)) == len(rows), node.text
        assert node.start_point[0] not in rows
        assert node.end_point[0] not in rows


@pytest.mark.parametrize("text", FILES)
def test_multi_line_literals_have_one_entry_per_line_and_trailing_commas(text: str) -> None:
    for node in walk(TSX.parse(text.encode()).root_node):
        if node.type not in MULTI_LINE_LISTS:
            continue
        entries = [c for c in node.named_children if c.type != "comment"]
        one_line = node.start_point[0] == node.end_point[0]
        if node.type != "array" and len(entries) > 1:
            assert not one_line, node.text
        if one_line or not entries:
            continue
        rows = [e.start_point[0] for e in entries]
        assert len(set(rows)) == len(rows), node.text
        assert node.start_point[0] not in rows, node.text
        following = entries[-1].next_sibling
        assert following is not None, node.text
        assert following.type == ",", node.text


@pytest.mark.parametrize("text", FILES)
def test_imports_are_one_per_line_and_strings_use_double_quotes(text: str) -> None:
    root = TSX.parse(text.encode()).root_node
    for node in walk(root):
        if node.type == "import_statement":
            assert node.start_point[0] == node.end_point[0]
            names = [n for n in walk(node) if n.type == "import_specifier"]
            assert len(names) <= 1
        if node.type == "string" and node.is_named:
            assert (node.text or b"").startswith(b'"'), node.text


@pytest.mark.parametrize(("case", "out"), OUTPUTS, ids=[case for case, _ in OUTPUTS])
def test_hostile_text_stays_inside_literals_and_comments(
    case: str, out: GeneratedComponent
) -> None:
    del case
    name = out.code_file.removesuffix(".tsx")
    for text, allowed in (
        (out.code, {"comment", "import_statement", "export_statement", "lexical_declaration"}),
        (
            out.stories,
            {
                "comment",
                "import_statement",
                "export_statement",
                "lexical_declaration",
                "type_alias_declaration",
            },
        ),
    ):
        root = TSX.parse(text.encode()).root_node
        assert {n.type for n in root.named_children} <= allowed
        inert = [
            (n.start_byte, n.end_byte)
            for n in walk(root)
            if n.type in ("string", "comment") and n.is_named
        ]
        raw = text.encode()
        for needle in (b"</script>", b"${alert", b"*/ y", b"{braces}"):
            for found in re.finditer(re.escape(needle), raw):
                assert any(start <= found.start() < end for start, end in inert), needle
        for node in walk(root):
            if node.type == "comment" and node.text is not None and node.text.startswith(b"/*"):
                assert node.text.count(b"*/") == 1
    exported = {
        declared.text.decode()
        for node in walk(TSX.parse(out.code.encode()).root_node)
        if node.type == "export_statement"
        for declared in [node.named_children[0].child_by_field_name("name")]
        if declared is not None and declared.text is not None
    }
    assert exported - {"TabItem"} == {name, f"{name}Props"}


def test_every_pattern_is_covered() -> None:
    covered = {case.split(":")[0] for case, _ in OUTPUTS}
    assert covered == {p.info.ref for p in every_pattern()}
