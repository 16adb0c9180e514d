import pytest

from redraft.core.tokens import parse_tokens
from redraft.errors import DanglingAlias, TokenError

STUDIO_THEMES = [
    {
        "id": "t-light",
        "name": "Light",
        "group": "Mode",
        "selectedTokenSets": {"core": "source", "theme/light": "enabled", "theme/dark": "disabled"},
        "$figmaVariableReferences": {"bg.canvas": "VariableID:10:1"},
    },
    {
        "id": "t-dark",
        "name": "Dark",
        "group": "Mode",
        "selectedTokenSets": {"core": "source", "theme/light": "disabled", "theme/dark": "enabled"},
        "$figmaVariableReferences": {"bg.canvas": "VariableID:10:1"},
    },
]


def _studio_project(order: list[str]) -> dict[str, object]:
    return {
        "$metadata.json": {"tokenSetOrder": order},
        "$themes.json": STUDIO_THEMES,
        "core.json": {
            "gray": {
                "0": {"value": "#FFFFFF", "type": "color"},
                "9": {"value": "#111111", "type": "color"},
            },
            "bg": {"canvas": {"value": "{gray.0}", "type": "color"}},
        },
        "theme/light.json": {"bg": {"canvas": {"value": "{gray.0}", "type": "color"}}},
        "theme/dark.json": {"bg": {"canvas": {"value": "{gray.9}", "type": "color"}}},
    }


def test_studio_sets_are_applied_in_metadata_order_later_sets_winning() -> None:
    light_last = parse_tokens(_studio_project(["core", "theme/dark", "theme/light"]))
    dark_last = parse_tokens(_studio_project(["core", "theme/light", "theme/dark"]))

    assert light_last.tokens["bg.canvas"].value == "#ffffff"
    assert dark_last.tokens["bg.canvas"].value == "#111111"


def test_studio_sets_missing_from_the_metadata_order_come_after_it_sorted() -> None:
    # Unlisted: theme/dark then theme/light (sorted), so light wins.
    tokens = parse_tokens(_studio_project(["core"]))

    assert tokens.tokens["bg.canvas"].value == "#ffffff"


def test_studio_theme_uses_only_its_enabled_and_source_sets() -> None:
    project = _studio_project(["core", "theme/light", "theme/dark"])

    dark = parse_tokens(project, theme="Dark")
    light = parse_tokens(project, theme="t-light")
    by_group = parse_tokens(project, theme="Mode/Light")

    assert dark.tokens["bg.canvas"].value == "#111111"
    assert light.tokens["bg.canvas"].value == "#ffffff"
    assert by_group.sha256() == light.sha256()


def test_studio_theme_figma_variable_references_give_stable_ids() -> None:
    tokens = parse_tokens(_studio_project(["core"]), theme="Dark")

    assert tokens.tokens["bg.canvas"].id == "VariableID:10:1"
    assert tokens.tokens["gray.0"].id is None


def test_unknown_studio_theme_lists_the_known_ones() -> None:
    with pytest.raises(TokenError, match=r"theme 'Sepia' does not exist; themes: Dark, Light"):
        parse_tokens(_studio_project(["core"]), theme="Sepia")


def test_theme_outside_tokens_studio_is_refused() -> None:
    with pytest.raises(TokenError, match="themes exist only in the tokens-studio format"):
        parse_tokens({"t.json": {"a": {"$value": 1}}}, theme="Dark")


def test_studio_single_file_holds_sets_themes_and_metadata() -> None:
    document = {
        "global": {
            "space": {"sm": {"value": "4", "type": "spacing"}},
            "radius": {"value": "{space.sm}", "type": "borderRadius"},
        },
        "brand": {"space": {"sm": {"value": "6px", "type": "spacing"}}},
        "$themes": [],
        "$metadata": {"tokenSetOrder": ["brand", "global"]},
    }

    tokens = parse_tokens({"tokens.json": document})

    # "global" comes last in the order, so its 4 (pixels, as Tokens Studio reads it) wins.
    assert tokens.tokens["space.sm"].value == {"value": 4, "unit": "px"}
    assert tokens.tokens["radius"].value == {"value": 4, "unit": "px"}
    assert tokens.tokens["radius"].type == "dimension"


def test_studio_type_names_map_onto_dtcg_types() -> None:
    tokens = parse_tokens(
        {
            "core.json": {
                "a": {"value": "8", "type": "sizing"},
                "b": {"value": "Inter, Arial", "type": "fontFamilies"},
                "c": {"value": "Bold", "type": "fontWeights"},
                "d": {"value": "0.5", "type": "opacity"},
                "e": {"value": "uppercase", "type": "textCase"},
                "f": {"value": "2px", "type": "borderWidth", "description": "Hairline"},
            }
        },
        format="tokens-studio",
    )

    assert [(t.path, t.type, t.value) for t in tokens] == [
        ("a", "dimension", {"value": 8, "unit": "px"}),
        ("b", "fontFamily", ["Inter", "Arial"]),
        ("c", "fontWeight", 700),
        ("d", "number", 0.5),
        ("e", "textCase", "uppercase"),
        ("f", "dimension", {"value": 2, "unit": "px"}),
    ]
    assert tokens.tokens["f"].description == "Hairline"


def test_studio_box_shadow_becomes_a_dtcg_shadow() -> None:
    tokens = parse_tokens(
        {
            "core.json": {
                "shadow": {
                    "value": [
                        {
                            "x": "0",
                            "y": "2",
                            "blur": "4",
                            "spread": "0",
                            "color": "#0000001a",
                            "type": "dropShadow",
                        },
                        {
                            "x": "0",
                            "y": "1",
                            "blur": "0",
                            "spread": "0",
                            "color": "#000",
                            "type": "innerShadow",
                        },
                    ],
                    "type": "boxShadow",
                }
            }
        }
    )

    px = [{"value": n, "unit": "px"} for n in range(5)]
    assert tokens.tokens["shadow"].type == "shadow"
    assert tokens.tokens["shadow"].value == [
        {
            "offsetX": px[0],
            "offsetY": px[2],
            "blur": px[4],
            "spread": px[0],
            "color": "#0000001a",
            "inset": False,
        },
        {
            "offsetX": px[0],
            "offsetY": px[1],
            "blur": px[0],
            "spread": px[0],
            "color": "#000000",
            "inset": True,
        },
    ]


def test_legacy_tokens_read_uuid_and_spectrum_deprecation() -> None:
    tokens = parse_tokens(
        {
            "spectrum.json": {
                "gray-100": {"value": "rgb(248, 248, 248)", "uuid": "f3c2-0001"},
                "old-gray": {
                    "value": "{gray-100}",
                    "deprecated": True,
                    "deprecated_comment": "Use gray-100",
                },
            }
        }
    )

    assert tokens.tokens["gray-100"].id == "f3c2-0001"
    assert tokens.tokens["gray-100"].value == "rgb(248, 248, 248)"  # untyped: kept as written
    assert tokens.tokens["old-gray"].deprecated == "Use gray-100"


def test_studio_set_defined_twice_is_an_error() -> None:
    with pytest.raises(TokenError, match=r"token set 'core' is defined in both"):
        parse_tokens({"core.json": {"a": {"value": 1}}, "core.json5": {"a": {"value": 2}}})


def test_studio_metadata_order_must_list_names() -> None:
    with pytest.raises(TokenError, match=r"\$metadata.json: \$metadata.tokenSetOrder must be"):
        parse_tokens({"$metadata.json": {"tokenSetOrder": "core"}, "core.json": {}})


def test_plain_json_leaves_are_tokens_with_loosely_inferred_types() -> None:
    tokens = parse_tokens(
        {
            "theme.json": {
                "$schema": "https://example.com/schema.json",
                "colors": {"primary": "#3366FF", "overlay": "rgba(0, 0, 0, 0.5)", "name": "ocean"},
                "spacing": {"0.5": "2px", "md": "1.5rem", "scale": [0, 4, 8]},
                "motion": {"fast": "150ms"},
                "opacity": {"half": 0.5},
                "flags": {"dense": False},
                "link": "{colors.primary}",
            }
        }
    )

    assert [(t.path, t.type, t.value) for t in tokens] == [
        ("colors.name", None, "ocean"),
        ("colors.overlay", "color", "#00000080"),
        ("colors.primary", "color", "#3366ff"),
        ("flags.dense", None, False),
        ("link", "color", "#3366ff"),
        ("motion.fast", "duration", {"value": 150, "unit": "ms"}),
        ("opacity.half", "number", 0.5),
        ("spacing.0.5", "dimension", {"value": 2, "unit": "px"}),
        ("spacing.md", "dimension", {"value": 1.5, "unit": "rem"}),
        ("spacing.scale", None, [0, 4, 8]),
    ]
    assert tokens.tokens["link"].references == ("colors.primary",)


def test_plain_json_dimension_objects_are_single_tokens() -> None:
    tokens = parse_tokens({"t.json": {"gap": {"value": 8, "unit": "px"}}})

    assert [(t.path, t.value) for t in tokens] == [("gap", {"value": 8, "unit": "px"})]


def test_plain_json_dangling_alias_is_reported() -> None:
    with pytest.raises(DanglingAlias) as caught:
        parse_tokens({"t.json": {"a": "{b.c}"}}, format="plain")

    assert (caught.value.chain, caught.value.missing) == (["a"], "b.c")


def test_plain_json_path_written_twice_in_one_file_is_an_error() -> None:
    with pytest.raises(TokenError, match=r"a.b: defined twice in t.json"):
        parse_tokens({"t.json": {"a.b": 1, "a": {"b": 2}}}, format="plain")


@pytest.mark.parametrize(
    ("documents", "expected"),
    [
        ({"a.json": {"x": {"$value": 1}}}, "dtcg"),
        ({"a.json": {"x": {"value": 1, "type": "number"}}}, "tokens-studio"),
        ({"a.json": {"x": {"$value": 1}}, "$themes.json": []}, "tokens-studio"),
        ({"a.json": {"x": {"value": 1, "unit": "px"}}}, "plain"),
        ({"a.json": {"x": "#fff"}}, "plain"),
    ],
)
def test_format_is_detected_from_the_documents(documents: dict[str, object], expected: str) -> None:
    detected = parse_tokens(documents)

    assert detected.sha256() == parse_tokens(documents, format=expected).sha256()


def test_studio_project_written_with_dtcg_keys_is_read_as_studio_sets() -> None:
    # Tokens Studio can store tokens as $value/$type while keeping its sets and themes.
    tokens = parse_tokens(
        {
            "$metadata.json": {"tokenSetOrder": ["base", "brand"]},
            "base.json": {"radius": {"$value": "4", "$type": "borderRadius"}},
            "brand.json": {"radius": {"$value": "6", "$type": "borderRadius"}},
        }
    )

    assert tokens.tokens["radius"].value == {"value": 6, "unit": "px"}
    assert tokens.tokens["radius"].type == "dimension"
