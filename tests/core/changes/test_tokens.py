from __future__ import annotations

import time
from typing import Any

from redraft.core.changes import TokenChange, TokenChangeKind, TokenDiff, diff_tokens
from redraft.core.tokens import Token, TokenSet, parse_tokens


def tok(path: str, value: Any, raw: Any = None, **fields: Any) -> Token:
    """A token; a `raw` of `"{a.b}"` makes it an alias of `a.b`."""
    written = value if raw is None else raw
    refs: tuple[str, ...] = fields.pop("references", ())
    if not refs and isinstance(written, str) and written.startswith("{"):
        refs = (written.strip("{}"),)
    return Token(path, fields.pop("type", "color"), value, written, references=refs, **fields)


def tokens(*items: Token) -> TokenSet:
    return TokenSet({token.path: token for token in items})


BASE = tokens(
    tok("color.blue.500", "#1d4ed8"),
    tok("color.blue.600", "#1e40af"),
    tok("color.brand.primary", "#1d4ed8", "{color.blue.500}"),
    tok("color.button.bg", "#1d4ed8", "{color.brand.primary}"),
    tok("color.white", "#ffffff"),
)


def with_tokens(base: TokenSet, *replacements: Token) -> TokenSet:
    merged = dict(base.tokens)
    merged.update({token.path: token for token in replacements})
    return TokenSet(merged)


def kinds(diff: TokenDiff) -> list[tuple[str, str]]:
    return [(change.path, change.kind.value) for change in diff]


def test_identical_sets_have_no_changes() -> None:
    diff = diff_tokens(BASE, BASE)

    assert diff.is_empty
    assert diff.to_json() == {"changes": [], "summary": {}}
    assert diff.changed_paths() == frozenset()


def test_added_and_removed_tokens_are_reported_with_their_values() -> None:
    new = tokens(*[t for t in BASE if t.path != "color.white"], tok("color.red.500", "#ef4444"))

    diff = diff_tokens(BASE, new)

    assert [c.to_json() for c in diff] == [
        {
            "path": "color.red.500",
            "kind": "added",
            "old": None,
            "new": "#ef4444",
            "old_raw": None,
            "new_raw": "#ef4444",
            "via": [],
        },
        {
            "path": "color.white",
            "kind": "removed",
            "old": "#ffffff",
            "new": None,
            "old_raw": "#ffffff",
            "new_raw": None,
            "via": [],
        },
    ]
    assert diff.summary() == {"added": 1, "removed": 1}


def test_base_value_change_shows_on_every_alias_with_the_chain_that_carried_it() -> None:
    new = with_tokens(
        BASE,
        tok("color.blue.500", "#2563eb"),
        tok("color.brand.primary", "#2563eb", "{color.blue.500}"),
        tok("color.button.bg", "#2563eb", "{color.brand.primary}"),
    )

    diff = diff_tokens(BASE, new)

    assert [(c.path, c.kind.value, c.old, c.new, c.via) for c in diff] == [
        ("color.blue.500", "value_changed", "#1d4ed8", "#2563eb", ()),
        (
            "color.brand.primary",
            "value_changed",
            "#1d4ed8",
            "#2563eb",
            ("color.brand.primary", "color.blue.500"),
        ),
        (
            "color.button.bg",
            "value_changed",
            "#1d4ed8",
            "#2563eb",
            ("color.button.bg", "color.brand.primary", "color.blue.500"),
        ),
    ]
    assert diff.to_json()["changes"][2]["via"] == [
        "color.button.bg",
        "color.brand.primary",
        "color.blue.500",
    ]
    assert diff.changes[1].propagated
    assert not diff.changes[0].propagated


def test_alias_retargeted_to_an_equal_value_is_still_reported() -> None:
    old = tokens(tok("a", "#ffffff"), tok("b", "#ffffff"), tok("c", "#ffffff", "{a}"))
    new = tokens(tok("a", "#ffffff"), tok("b", "#ffffff"), tok("c", "#ffffff", "{b}"))

    diff = diff_tokens(old, new)

    assert [c.to_json() for c in diff] == [
        {
            "path": "c",
            "kind": "alias_retargeted",
            "old": "#ffffff",
            "new": "#ffffff",
            "old_raw": "{a}",
            "new_raw": "{b}",
            "via": [],
        }
    ]


def test_alias_retargeted_to_another_value_is_a_direct_value_change_too() -> None:
    new = with_tokens(
        BASE,
        tok("color.brand.primary", "#1e40af", "{color.blue.600}"),
        tok("color.button.bg", "#1e40af", "{color.brand.primary}"),
    )

    diff = diff_tokens(BASE, new)

    assert [(c.path, c.kind.value, c.via) for c in diff] == [
        ("color.brand.primary", "value_changed", ()),
        ("color.brand.primary", "alias_retargeted", ()),
        ("color.button.bg", "value_changed", ("color.button.bg", "color.brand.primary")),
    ]


def test_literal_replaced_by_an_alias_of_the_same_value_is_a_retarget_only() -> None:
    new = with_tokens(
        BASE, tok("color.white", "#ffffff", "{color.snow}"), tok("color.snow", "#ffffff")
    )

    diff = diff_tokens(BASE, new)

    assert kinds(diff) == [("color.snow", "added"), ("color.white", "alias_retargeted")]


def test_type_change_and_value_change_are_two_changes() -> None:
    old = tokens(tok("size.gap", "4", type="number"))
    new = tokens(tok("size.gap", {"value": 4, "unit": "px"}, "4px", type="dimension"))

    diff = diff_tokens(old, new)

    assert [(c.kind.value, c.old, c.new) for c in diff] == [
        ("type_changed", "number", "dimension"),
        ("value_changed", "4", {"value": 4, "unit": "px"}),
    ]


def test_deprecation_is_reported_both_ways_and_a_new_reason_is_metadata() -> None:
    old = tokens(
        tok("a", "#000000"),
        tok("b", "#000000", deprecated=True),
        tok("c", "#000000", deprecated="use a"),
    )
    new = tokens(
        tok("a", "#000000", deprecated="use x"),
        tok("b", "#000000"),
        tok("c", "#000000", deprecated="use b"),
    )

    diff = diff_tokens(old, new)

    assert [(c.path, c.kind.value, c.old, c.new) for c in diff] == [
        ("a", "deprecated", False, "use x"),
        ("b", "undeprecated", True, False),
        ("c", "metadata_changed", {"deprecated": "use a"}, {"deprecated": "use b"}),
    ]


def test_value_and_description_changes_are_separate_changes_in_kind_order() -> None:
    old = tokens(tok("a", "#000000", description="Ink"))
    new = tokens(tok("a", "#111111", description="Softer ink"))

    diff = diff_tokens(old, new)

    assert [(c.kind.value, c.old, c.new) for c in diff] == [
        ("value_changed", "#000000", "#111111"),
        ("metadata_changed", {"description": "Ink"}, {"description": "Softer ink"}),
    ]
    assert diff.summary() == {"value_changed": 1, "metadata_changed": 1}


def test_extension_change_is_metadata_and_key_order_in_extensions_is_not() -> None:
    old = tokens(
        tok("a", "#000000", extensions={"org.x": {"k": 1, "j": 2}}),
        tok("b", "#000000", extensions={"org.x": {"scopes": ["fill"]}}),
    )
    new = tokens(
        tok("a", "#000000", extensions={"org.x": {"j": 2, "k": 1}}),
        tok("b", "#000000", extensions={"org.x": {"scopes": ["stroke"]}}),
    )

    diff = diff_tokens(old, new)

    assert [(c.path, c.kind.value, c.old, c.new) for c in diff] == [
        (
            "b",
            "metadata_changed",
            {"extensions": {"org.x": {"scopes": ["fill"]}}},
            {"extensions": {"org.x": {"scopes": ["stroke"]}}},
        )
    ]


def test_empty_and_missing_descriptions_are_the_same() -> None:
    diff = diff_tokens(tokens(tok("a", "#000000", description="")), tokens(tok("a", "#000000")))

    assert diff.is_empty


def test_removed_and_added_token_with_the_same_id_is_one_rename() -> None:
    old = tokens(
        tok("color.primary", "#000000", id="VariableID:1:2"), tok("color.other", "#ffffff")
    )
    new = tokens(tok("color.brand", "#000000", id="VariableID:1:2"), tok("color.other", "#ffffff"))

    diff = diff_tokens(old, new)

    assert [c.to_json() for c in diff] == [
        {
            "path": "color.primary",
            "kind": "renamed",
            "old": "#000000",
            "new": "#000000",
            "old_raw": "#000000",
            "new_raw": "#000000",
            "via": [],
            "new_path": "color.brand",
        }
    ]
    assert diff.summary() == {"renamed": 1}
    assert diff.changed_paths() == frozenset({"color.primary", "color.brand"})


def test_renamed_token_reports_its_other_changes_on_the_new_path() -> None:
    old = tokens(tok("a", "#000000", id="u-1"), tok("ref", "#000000", "{a}"))
    new = tokens(tok("b", "#111111", id="u-1"), tok("ref", "#111111", "{b}"))

    diff = diff_tokens(old, new)

    assert [(c.path, c.kind.value, c.new_path, c.via) for c in diff] == [
        ("a", "renamed", "b", ()),
        ("b", "value_changed", None, ()),
        ("ref", "value_changed", None, ()),
        ("ref", "alias_retargeted", None, ()),
    ]


def test_ids_shared_by_several_tokens_are_not_taken_as_renames() -> None:
    old = tokens(tok("a", "#000000", id="dup"), tok("b", "#000000", id="dup"))
    new = tokens(tok("c", "#000000", id="dup"))

    diff = diff_tokens(old, new)

    assert kinds(diff) == [("a", "removed"), ("b", "removed"), ("c", "added")]


def test_key_order_in_composite_values_is_not_a_change() -> None:
    old = tokens(
        tok("border", {"width": {"value": 1, "unit": "px"}, "color": "#000000"}, type="border")
    )
    new = tokens(
        tok("border", {"color": "#000000", "width": {"unit": "px", "value": 1}}, type="border")
    )

    assert diff_tokens(old, new).is_empty


def test_a_number_becoming_a_boolean_is_a_change_though_python_says_equal() -> None:
    old = tokens(tok("flag", 1, type=None))
    new = tokens(tok("flag", True, type=None))

    assert kinds(diff_tokens(old, new)) == [("flag", "value_changed")]


def test_composite_value_change_through_a_part_names_the_part_it_came_through() -> None:
    old = tokens(
        tok("color.line", "#000000"),
        tok("size.line", {"value": 1, "unit": "px"}, type="dimension"),
        tok(
            "border.default",
            {"color": "#000000", "width": {"value": 1, "unit": "px"}},
            {"color": "{color.line}", "width": "{size.line}"},
            type="border",
            references=("color.line", "size.line"),
        ),
    )
    new = with_tokens(
        old,
        tok("size.line", {"value": 2, "unit": "px"}, type="dimension"),
        tok(
            "border.default",
            {"color": "#000000", "width": {"value": 2, "unit": "px"}},
            {"color": "{color.line}", "width": "{size.line}"},
            type="border",
            references=("color.line", "size.line"),
        ),
    )

    diff = diff_tokens(old, new)

    assert [(c.path, c.via) for c in diff] == [
        ("border.default", ("border.default", "size.line")),
        ("size.line", ()),
    ]


def test_equal_values_in_different_spellings_parse_to_no_changes() -> None:
    old = parse_tokens(
        {
            "tokens.json": {
                "color": {
                    "$type": "color",
                    "white": {"$value": "#FFF"},
                    "ink": {
                        "$value": {"colorSpace": "srgb", "components": [0, 0, 0], "hex": "#000000"}
                    },
                    "paper": {"$value": {"$ref": "#/color/white"}},
                },
                "line": {
                    "$type": "border",
                    "$value": {"width": "1px", "style": "solid", "color": "{color.ink}"},
                },
            }
        }
    )
    new = parse_tokens(
        {
            "tokens.json": {
                "line": {
                    "$value": {
                        "color": "{color.ink}",
                        "style": "solid",
                        "width": {"value": 1, "unit": "px"},
                    },
                    "$type": "border",
                },
                "color": {
                    "$type": "color",
                    "ink": {"$value": "#000000"},
                    "paper": {"$value": "{color.white}"},
                    "white": {"$value": "#ffffff"},
                },
            }
        }
    )

    assert diff_tokens(old, new).is_empty


def test_parsed_base_change_reaches_aliases_in_another_file() -> None:
    base = {"color": {"$type": "color", "blue": {"500": {"$value": "#1d4ed8"}}}}
    semantic = {
        "brand": {"$type": "color", "primary": {"$value": "{color.blue.500}"}},
        "button": {"$type": "color", "bg": {"$value": "{brand.primary}"}},
    }
    changed = {"color": {"$type": "color", "blue": {"500": {"$value": "#2563EB"}}}}

    diff = diff_tokens(
        parse_tokens({"base.json": base, "semantic.json": semantic}),
        parse_tokens({"base.json": changed, "semantic.json": semantic}),
    )

    assert [(c.path, c.new, c.via) for c in diff] == [
        ("brand.primary", "#2563eb", ("brand.primary", "color.blue.500")),
        ("button.bg", "#2563eb", ("button.bg", "brand.primary", "color.blue.500")),
        ("color.blue.500", "#2563eb", ()),
    ]


def test_restricting_a_diff_keeps_only_changes_on_the_given_paths() -> None:
    new = with_tokens(
        BASE,
        tok("color.blue.500", "#2563eb"),
        tok("color.brand.primary", "#2563eb", "{color.blue.500}"),
        tok("color.button.bg", "#2563eb", "{color.brand.primary}"),
    )

    restricted = diff_tokens(BASE, new).restricted_to(["color.button.bg", "color.white"])

    assert kinds(restricted) == [("color.button.bg", "value_changed")]


def test_diff_json_round_trips() -> None:
    old = tokens(tok("a", "#000000", id="u-1"), tok("b", "#000000"), tok("c", "#000000", "{b}"))
    new = tokens(tok("z", "#000000", id="u-1"), tok("b", "#ffffff"), tok("c", "#ffffff", "{b}"))
    diff = diff_tokens(old, new)

    assert TokenDiff.from_json(diff.to_json()) == diff
    assert TokenChange.from_json(diff.changes[0].to_json()).kind is TokenChangeKind.RENAMED


def test_five_thousand_tokens_diff_in_well_under_a_tenth_of_a_second() -> None:
    def build(shade: str) -> TokenSet:
        items = [tok(f"base.{i}", f"#{i:04x}{shade}") for i in range(2500)]
        items += [tok(f"alias.{i}", f"#{i:04x}{shade}", f"{{base.{i}}}") for i in range(2500)]
        return tokens(*items)

    old, new = build("00"), build("ff")
    timings = []
    # CPU time, best of five: other processes on a busy machine must not fail the test.
    for _ in range(5):
        started = time.process_time()
        diff = diff_tokens(old, new)
        timings.append(time.process_time() - started)

    assert diff.summary() == {"value_changed": 5000}
    assert min(timings) < 0.1
