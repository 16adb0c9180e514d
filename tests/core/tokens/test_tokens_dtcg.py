import pytest

from redraft.core.tokens import parse_tokens
from redraft.errors import AliasCycle, DanglingAlias, TokenError


def test_nested_groups_flatten_to_dotted_paths() -> None:
    tokens = parse_tokens(
        {"t.json": {"color": {"brand": {"primary": {"$value": "#336699", "$type": "color"}}}}}
    )

    assert [t.path for t in tokens] == ["color.brand.primary"]
    assert tokens.find("color.brand.primary") is not None


def test_type_is_inherited_from_the_nearest_enclosing_group() -> None:
    tokens = parse_tokens(
        {
            "t.json": {
                "size": {
                    "$type": "dimension",
                    "small": {"$value": "4px"},
                    "line": {"$type": "number", "tight": {"$value": 1.2}},
                    "own": {"$value": 2, "$type": "number"},
                }
            }
        }
    )

    assert tokens.tokens["size.small"].type == "dimension"
    assert tokens.tokens["size.small"].value == {"value": 4, "unit": "px"}
    assert tokens.tokens["size.line.tight"].type == "number"
    assert tokens.tokens["size.own"].type == "number"


def test_group_type_applies_to_tokens_written_in_another_file() -> None:
    tokens = parse_tokens(
        {
            "a.json": {"space": {"$type": "dimension"}},
            "b.json": {"space": {"md": {"$value": "8px"}}},
        }
    )

    assert tokens.tokens["space.md"].type == "dimension"


def test_alias_without_a_type_takes_its_targets_type() -> None:
    tokens = parse_tokens(
        {
            "t.json": {
                "base": {"blue": {"$value": "#00F", "$type": "color"}},
                "accent": {"$value": "{base.blue}"},
            }
        }
    )

    assert tokens.tokens["accent"].type == "color"
    assert tokens.tokens["accent"].value == "#0000ff"


def test_extensions_are_kept_verbatim() -> None:
    extensions = {
        "org.primer.figma": {"collection": "mode", "scopes": ["bgColor"]},
        "org.primer.overrides": {"dark": "{base.black}", "dark-dimmed": {"$value": "#111"}},
        "com.example": [1, {"nested": None}],
    }
    tokens = parse_tokens(
        {
            "t.json": {
                "base": {"black": {"$value": "#000", "$type": "color"}},
                "bg": {"$value": "#fff", "$type": "color", "$extensions": extensions},
            }
        }
    )

    assert tokens.tokens["bg"].extensions == {
        "org.primer.figma": {"collection": "mode", "scopes": ["bgColor"]},
        "org.primer.overrides": {"dark": "{base.black}", "dark-dimmed": {"$value": "#111"}},
        "com.example": [1, {"nested": None}],
    }
    # Aliases inside extensions are data, not dependencies.
    assert tokens.tokens["bg"].references == ()


def test_description_and_deprecated_are_read_and_groups_pass_on_deprecation() -> None:
    tokens = parse_tokens(
        {
            "t.json": {
                "old": {
                    "$deprecated": "Use color.new",
                    "$type": "color",
                    "red": {"$value": "#f00", "$description": "Alarm red"},
                    "kept": {"$value": "#0f0", "$deprecated": False},
                },
                "gone": {"$value": "#00f", "$type": "color", "$deprecated": True},
                "fine": {"$value": "#fff", "$type": "color"},
            }
        }
    )

    assert tokens.tokens["old.red"].description == "Alarm red"
    assert tokens.tokens["old.red"].deprecated == "Use color.new"
    assert tokens.tokens["old.kept"].deprecated is False
    assert tokens.tokens["gone"].deprecated is True
    assert tokens.tokens["fine"].deprecated is False


def test_stable_ids_come_from_figma_variable_ids_uuids_or_extension_ids() -> None:
    tokens = parse_tokens(
        {
            "t.json": {
                "$type": "number",
                "a": {"$value": 1, "$extensions": {"com.figma": {"variableId": "VariableID:1:2"}}},
                "b": {"$value": 2, "$extensions": {"com.figma.variableId": "VariableID:3:4"}},
                "c": {"$value": 3, "uuid": "6d8f3b0e-0000-4000-8000-000000000001"},
                "d": {"$value": 4, "$extensions": {"id": "tok-4"}},
                "e": {"$value": 5},
            }
        }
    )

    assert [t.id for t in tokens] == [
        "VariableID:1:2",
        "VariableID:3:4",
        "6d8f3b0e-0000-4000-8000-000000000001",
        "tok-4",
        None,
    ]


def test_raw_keeps_the_value_as_written() -> None:
    tokens = parse_tokens(
        {
            "t.json": {
                "$type": "dimension",
                "base": {"$value": {"value": 16.0, "unit": "px"}},
                "double": {"$value": "calc({base} * 2)"},
            }
        }
    )

    assert tokens.tokens["base"].raw == {"value": 16.0, "unit": "px"}
    assert tokens.tokens["base"].value == {"value": 16, "unit": "px"}
    assert tokens.tokens["double"].raw == "calc({base} * 2)"
    assert tokens.tokens["double"].value == "calc(16px * 2)"


def test_root_token_sits_beside_the_groups_children() -> None:
    tokens = parse_tokens(
        {
            "t.json": {
                "accent": {
                    "$type": "color",
                    "$root": {"$value": "#0969da"},
                    "light": {"$value": "#54aeff"},
                },
                "link": {"$value": "{accent.$root}"},
            }
        }
    )

    assert tokens.tokens["accent.$root"].value == "#0969da"
    assert tokens.tokens["link"].value == "#0969da"


def test_extends_copies_the_target_groups_tokens_and_keeps_local_overrides() -> None:
    tokens = parse_tokens(
        {
            "t.json": {
                "button": {
                    "$type": "color",
                    "bg": {"$value": "#eeeeee"},
                    "fg": {"$value": "#111111"},
                },
                "danger": {"$extends": "{button}", "bg": {"$value": "#ff0000", "$type": "color"}},
            }
        }
    )

    assert tokens.tokens["danger.bg"].value == "#ff0000"
    assert tokens.tokens["danger.fg"].value == "#111111"
    assert tokens.tokens["danger.fg"].type == "color"


def test_same_path_with_the_same_value_in_two_files_is_one_token() -> None:
    tokens = parse_tokens(
        {
            "a.json": {"gap": {"$value": "8px", "$type": "dimension", "$description": "Gap"}},
            "b.json": {"gap": {"$value": "8px", "$type": "dimension", "$extensions": {"x": 1}}},
        }
    )

    assert len(tokens) == 1
    assert tokens.tokens["gap"].description == "Gap"
    assert tokens.tokens["gap"].extensions == {"x": 1}


def test_same_path_with_different_values_in_two_files_names_both_files() -> None:
    with pytest.raises(TokenError) as caught:
        parse_tokens(
            {
                "color/base.json": {"blue": {"$value": "#00f", "$type": "color"}},
                "color/brand.json": {"blue": {"$value": "#00e", "$type": "color"}},
            }
        )

    assert "blue" in caught.value.detail
    assert "color/base.json" in caught.value.detail
    assert "color/brand.json" in caught.value.detail
    assert caught.value.extra["files"] == ["color/base.json", "color/brand.json"]


def test_groups_with_different_types_in_two_files_are_an_error() -> None:
    with pytest.raises(TokenError, match=r"space: group defined differently in a.json and b.json"):
        parse_tokens(
            {
                "a.json": {"space": {"$type": "dimension"}},
                "b.json": {"space": {"$type": "number", "x": {"$value": 1}}},
            }
        )


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"color": {"red": {"$type": "color"}}}, r"color.red: token has no \$value"),
        (
            {"color": {"red": "#f00"}},
            r"color.red: expected a token or a group \(an object\), not a string",
        ),
        ({"color": ["#f00"]}, r"color: expected a token or a group \(an object\), not a list"),
        ({"red": {"$value": "#f00", "$type": 5}}, r"red: \$type must be a string"),
        ({"red": {"$value": "#f00", "$description": []}}, r"red: \$description must be a string"),
        ({"red": {"$value": 1, "$deprecated": 1}}, r"red: \$deprecated must be true, false"),
        ({"red": {"$value": 1, "$extensions": "x"}}, r"red: \$extensions must be an object"),
        ({"red": {"$value": None}}, r"red: a token value cannot be null"),
        ({"red": {"$valeu": "#f00"}}, r"red: unknown property '\$valeu'"),
        ({"red": {"$value": 1, "$typo": "number"}}, r"red: unknown token property '\$typo'"),
        ({"red": {"$value": 1, "dark": {"$value": 2}}}, r"red: a token cannot contain 'dark'"),
        ({"a{b}": {"$value": 1}}, r"name 'a\{b\}' contains a brace"),
        ({"$value": 1}, r"the document itself cannot be a token"),
    ],
)
def test_bad_structure_is_a_token_error_naming_the_file_and_path(
    document: dict[str, object], message: str
) -> None:
    with pytest.raises(TokenError, match=message) as caught:
        parse_tokens({"bad.json": {"$schema": "x", **document}}, format="dtcg")

    assert caught.value.detail.startswith("bad.json: ")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"$value": True, "$type": "dimension"}, r"size: expected a dimension or duration"),
        ({"$value": {"value": "x", "unit": "px"}, "$type": "dimension"}, r"size: a measure"),
        ({"$value": 12, "$type": "color"}, r"size: a colour must be a string or an object"),
        ({"$value": {"components": [1, 0, 0]}, "$type": "color"}, r"size: a colour object"),
        ({"$value": [1, 2], "$type": "cubicBezier"}, r"size: a cubic Bézier must be"),
        ({"$value": 400, "$type": "typography"}, r"size: a typography must be an object"),
        ({"$value": {"fontSize": True}, "$type": "typography"}, r"size.fontSize: expected"),
    ],
)
def test_value_of_the_wrong_kind_for_its_type_is_a_token_error(
    value: dict[str, object], message: str
) -> None:
    with pytest.raises(TokenError, match=message):
        parse_tokens({"t.json": {"size": value}})


def test_unknown_format_is_refused() -> None:
    with pytest.raises(TokenError, match="unknown token format 'yaml'"):
        parse_tokens({"t.json": {}}, format="yaml")


def test_no_documents_give_an_empty_set() -> None:
    assert len(parse_tokens({})) == 0


def test_groups_extending_each_other_are_a_cycle() -> None:
    with pytest.raises(AliasCycle) as caught:
        parse_tokens(
            {
                "t.json": {
                    "a": {"$extends": "{b}", "x": {"$value": 1, "$type": "number"}},
                    "b": {"$extends": "{a}", "y": {"$value": 2, "$type": "number"}},
                }
            }
        )

    assert caught.value.chain == ["a", "b", "a"]


def test_extending_a_missing_group_is_dangling_and_a_token_is_refused() -> None:
    with pytest.raises(DanglingAlias) as caught:
        parse_tokens({"t.json": {"a": {"$extends": "{nowhere}"}}})
    assert (caught.value.chain, caught.value.missing) == (["a"], "nowhere")

    with pytest.raises(TokenError, match=r"a: \$extends names a token, not a group: b"):
        parse_tokens({"t.json": {"a": {"$extends": "{b}"}, "b": {"$value": 1}}})
