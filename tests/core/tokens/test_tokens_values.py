import json

import pytest

from redraft.core.tokens import parse_tokens


def _values(type_: str, **values: object) -> dict[str, object]:
    """Resolved values of tokens sharing one type, keyed by name."""
    document = {"$type": type_, **{name: {"$value": v} for name, v in values.items()}}
    return {t.path: t.value for t in parse_tokens({"t.json": document}, format="dtcg")}


def test_a_colour_written_four_ways_resolves_to_one_value() -> None:
    values = _values(
        "color",
        short="#0F0",
        long="#00FF00",
        function="rgb(0, 255, 0)",
        srgb_object={"colorSpace": "srgb", "components": [0, 1, 0], "alpha": 1, "hex": "#00ff00"},
        hsl_with_hex={"colorSpace": "hsl", "components": [120, 100, 50], "hex": "#00FF00"},
    )

    assert set(values.values()) == {"#00ff00"}


@pytest.mark.parametrize(
    "written",
    [
        "#00ff0080",
        "#0F08",
        "rgba(0, 255, 0, 0.5)",
        "rgb(0 255 0 / 50%)",
        "rgba(0%, 100%, 0%, .5)",
        {"colorSpace": "srgb", "components": [0, 1, 0], "alpha": 0.5},
    ],
)
def test_translucent_colours_carry_their_alpha_as_a_fourth_byte(written: object) -> None:
    expected = "#00ff0088" if written == "#0F08" else "#00ff0080"

    assert _values("color", c=written) == {"c": expected}


def test_opaque_eight_digit_hex_drops_the_alpha_byte() -> None:
    assert _values("color", c="#AABBCCFF") == {"c": "#aabbcc"}


def test_colour_outside_srgb_without_a_hex_stays_an_object_with_sorted_keys() -> None:
    values = _values(
        "color", p3={"components": [1, 0.5, 0.0], "colorSpace": "display-p3", "alpha": 1.0}
    )

    assert values == {"p3": {"alpha": 1, "colorSpace": "display-p3", "components": [1, 0.5, 0]}}
    assert list(values["p3"]) == ["alpha", "colorSpace", "components"]


def test_missing_colour_component_counts_as_zero() -> None:
    assert _values("color", c={"colorSpace": "srgb", "components": ["none", 1, 0]}) == {
        "c": "#00ff00"
    }


def test_colour_strings_that_are_not_hex_or_rgb_are_kept_as_written() -> None:
    assert _values("color", named="rebeccapurple", hsl="hsl(120 100% 50%)") == {
        "hsl": "hsl(120 100% 50%)",
        "named": "rebeccapurple",
    }


def test_token_level_alpha_sets_the_alpha_of_the_resolved_colour() -> None:
    # Primer writes `alpha` beside $value; its build replaces the colour's alpha with it.
    tokens = parse_tokens(
        {
            "t.json": {
                "white": {"$value": "#ffffff", "$type": "color"},
                "veil": {"$value": "{white}", "$type": "color", "alpha": 0.12},
                "veiled": {"$value": "{veil}"},
            }
        }
    )

    assert tokens.tokens["veil"].value == "#ffffff1f"
    assert tokens.tokens["veiled"].value == "#ffffff1f"


@pytest.mark.parametrize(
    "written",
    ["16px", "16.0px", " 16 PX ", {"value": 16, "unit": "px"}, {"value": 16.0, "unit": "px"}, 16],
)
def test_dimension_spellings_become_one_value_and_unit_object(written: object) -> None:
    assert _values("dimension", d=written) == {"d": {"value": 16, "unit": "px"}}


def test_dimension_keeps_fractions_units_and_non_numeric_text() -> None:
    assert _values("dimension", half="0.5rem", neg="-2px", pct="50%", auto="auto") == {
        "auto": "auto",
        "half": {"value": 0.5, "unit": "rem"},
        "neg": {"value": -2, "unit": "px"},
        "pct": {"value": 50, "unit": "%"},
    }


def test_duration_spellings_become_one_value_and_unit_object() -> None:
    assert _values("duration", a="200ms", b={"value": 200, "unit": "ms"}, c="0.2s", d=200) == {
        "a": {"value": 200, "unit": "ms"},
        "b": {"value": 200, "unit": "ms"},
        "c": {"value": 0.2, "unit": "s"},
        "d": {"value": 200, "unit": "ms"},
    }


def test_numbers_stay_numbers_and_whole_floats_become_ints() -> None:
    assert _values("number", a=1.5, b=2.0, c="0.25", d=3) == {"a": 1.5, "b": 2, "c": 0.25, "d": 3}


def test_font_family_is_a_list_when_written_as_a_list_or_comma_separated() -> None:
    assert _values(
        "fontFamily",
        listed=["Inter", "sans-serif"],
        commas="'Inter', sans-serif",
        single="Inter",
        quoted='"Fira Code"',
    ) == {
        "commas": ["Inter", "sans-serif"],
        "listed": ["Inter", "sans-serif"],
        "quoted": "Fira Code",
        "single": "Inter",
    }


def test_font_weight_names_and_numeric_strings_become_numbers() -> None:
    assert _values("fontWeight", a="bold", b="Semi Bold", c="700", d=400, e="Condensed") == {
        "a": 700,
        "b": 600,
        "c": 700,
        "d": 400,
        "e": "Condensed",
    }


def test_typography_parts_are_normalised_by_their_own_types() -> None:
    values = _values(
        "typography",
        body={
            "fontFamily": "Inter, sans-serif",
            "fontSize": "16px",
            "fontWeight": "regular",
            "letterSpacing": {"value": 0.0, "unit": "px"},
            "lineHeight": 1.5,
            "textCase": "none",
        },
    )

    assert values == {
        "body": {
            "fontFamily": ["Inter", "sans-serif"],
            "fontSize": {"value": 16, "unit": "px"},
            "fontWeight": 400,
            "letterSpacing": {"value": 0, "unit": "px"},
            "lineHeight": 1.5,
            "textCase": "none",
        }
    }


def test_shadow_list_is_normalised_layer_by_layer() -> None:
    values = _values(
        "shadow",
        layered=[
            {"color": "#0000001A", "offsetX": "0px", "offsetY": "1px", "blur": "2px", "spread": 0},
            {
                "color": "rgba(0,0,0,0.2)",
                "offsetX": 0,
                "offsetY": "4px",
                "blur": "8px",
                "spread": "0",
                "inset": True,
            },
        ],
    )

    zero = {"value": 0, "unit": "px"}
    assert values == {
        "layered": [
            {
                "color": "#0000001a",
                "offsetX": zero,
                "offsetY": {"value": 1, "unit": "px"},
                "blur": {"value": 2, "unit": "px"},
                "spread": zero,
            },
            {
                "color": "#00000033",
                "offsetX": zero,
                "offsetY": {"value": 4, "unit": "px"},
                "blur": {"value": 8, "unit": "px"},
                "spread": zero,
                "inset": True,
            },
        ]
    }


def test_border_transition_gradient_and_stroke_style_parts_are_normalised() -> None:
    tokens = parse_tokens(
        {
            "t.json": {
                "border": {
                    "$type": "border",
                    "$value": {
                        "color": "#ABC",
                        "width": "1px",
                        "style": {
                            "dashArray": ["2px", {"value": 4, "unit": "px"}],
                            "lineCap": "round",
                        },
                    },
                },
                "move": {
                    "$type": "transition",
                    "$value": {"duration": "200ms", "delay": 0, "timingFunction": [0.5, 0, 1.0, 1]},
                },
                "fade": {
                    "$type": "gradient",
                    "$value": [
                        {"color": "#fff", "position": 0},
                        {"color": "rgb(0,0,0)", "position": "1"},
                    ],
                },
            }
        }
    )

    assert tokens.tokens["border"].value == {
        "color": "#aabbcc",
        "width": {"value": 1, "unit": "px"},
        "style": {
            "dashArray": [{"value": 2, "unit": "px"}, {"value": 4, "unit": "px"}],
            "lineCap": "round",
        },
    }
    assert tokens.tokens["move"].value == {
        "duration": {"value": 200, "unit": "ms"},
        "delay": {"value": 0, "unit": "ms"},
        "timingFunction": [0.5, 0, 1, 1],
    }
    assert tokens.tokens["fade"].value == [
        {"color": "#ffffff", "position": 0},
        {"color": "#000000", "position": 1},
    ]


def test_composite_written_as_css_shorthand_is_kept_as_a_string() -> None:
    assert _values("border", b="1px solid #000") == {"b": "1px solid #000"}


def test_unknown_type_keeps_the_value_with_aliases_resolved() -> None:
    tokens = parse_tokens(
        {
            "t.json": {
                "bp": {"$value": "48rem", "$type": "custom-size"},
                "range": {"$value": "(max-width: {bp})", "$type": "custom-viewportRange"},
                "opts": {"$value": {"mode": "{bp}", "list": [1, "{bp}"]}, "$type": "custom-object"},
            }
        }
    )

    assert tokens.tokens["bp"].value == "48rem"
    assert tokens.tokens["range"].value == "(max-width: 48rem)"
    assert tokens.tokens["opts"].value == {"mode": "48rem", "list": [1, "48rem"]}


def test_hash_ignores_key_order_and_formatting_but_not_values() -> None:
    text = '{"color": {"$type": "color", "a": {"$value": "#FFF"}, "b": {"$value": "{color.a}"}}}'
    reordered = """
        {
          "color": {
            "b": {"$value": "{color.a}"},
            "a": {"$value": "#FFF"},
            "$type": "color"
          }
        }
    """
    changed = text.replace("#FFF", "#FFE")

    first = parse_tokens({"t.json": json.loads(text)})
    second = parse_tokens({"t.json": json.loads(reordered)})
    third = parse_tokens({"t.json": json.loads(changed)})

    assert first.sha256() == second.sha256()
    assert first.sha256() != third.sha256()


def test_hash_of_a_set_survives_a_round_trip_through_its_canonical_form() -> None:
    tokens = parse_tokens(
        {"t.json": {"a": {"$value": "4px", "$type": "dimension", "$deprecated": "old"}}}
    )

    restored = type(tokens).from_canonical(json.loads(json.dumps(tokens.canonical())))

    assert restored.sha256() == tokens.sha256()
    assert restored == tokens
