import pytest

from redraft.codegen.escape import (
    comment_lines,
    doc_comment,
    jsx_text,
    ts_key,
    ts_literal,
    ts_string,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", '"plain"'),
        ('say "hi"', '"say \\"hi\\""'),
        ("back\\slash", '"back\\\\slash"'),
        ("line\nbreak", '"line\\nbreak"'),
        ("`${x}` </script>", '"`${x}` </script>"'),
        ("café ✓", '"café ✓"'),
        ("sep\u2028para\u2029", '"sep\\u2028para\\u2029"'),
        ("lone \ud800 surrogate", '"lone \\ud800 surrogate"'),
    ],
)
def test_string_literals_cannot_be_broken_out_of(text: str, expected: str) -> None:
    assert ts_string(text) == expected


def test_jsx_text_escapes_braces_angles_and_ampersands() -> None:
    assert jsx_text("{a} <b> & c") == "&#123;a&#125; &lt;b&gt; &amp; c"


def test_comments_cannot_be_closed_early_and_lines_are_trimmed() -> None:
    assert comment_lines("\nfirst */ line  \r\nsecond\u2028third\n\n") == [
        "first *\\/ line",
        "second",
        "third",
    ]


def test_doc_comments_use_one_line_when_they_can() -> None:
    assert doc_comment(["only"], "  ") == ["  /** only */"]
    assert doc_comment(["a", "", "b"], "") == ["/**", " * a", " *", " * b", " */"]
    assert doc_comment([], "") == []


def test_object_keys_are_quoted_only_when_needed() -> None:
    assert ts_key("root") == "root"
    assert ts_key("root[size=sm]") == '"root[size=sm]"'


def test_literals_use_the_canonical_multi_line_layout() -> None:
    value = {"id": "a", "items": [1, 2.0, True, None], "empty": {}, "none": []}
    assert ts_literal(value) == (
        "{\n"
        '  id: "a",\n'
        "  items: [\n"
        "    1,\n"
        "    2,\n"
        "    true,\n"
        "    null,\n"
        "  ],\n"
        "  empty: {},\n"
        "  none: [],\n"
        "}"
    )
