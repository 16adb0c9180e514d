import pytest

from redraft.codegen.css import CssValueError, css_properties, css_value, style_entries


def px(value: float) -> dict[str, object]:
    return {"value": value, "unit": "px"}


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        ("#1d4ed8", "color", "#1d4ed8"),
        ("#1D4ED8CC", "color", "#1d4ed8cc"),
        (
            {"colorSpace": "srgb", "components": [1, 0.5, 0], "alpha": 1},
            "color",
            "color(srgb 1 0.5 0)",
        ),
        (
            {"colorSpace": "oklch", "components": [0.7, 0.1, 250], "alpha": 0.5},
            "color",
            "oklch(0.7 0.1 250 / 0.5)",
        ),
        ({"colorSpace": "hsl", "components": [210, 50, 40]}, "color", "hsl(210 50% 40%)"),
        ({"colorSpace": "lab", "components": ["none", 20, -30]}, "color", "lab(none 20 -30)"),
        (px(16), "dimension", "16px"),
        ({"value": 1.5, "unit": "rem"}, "dimension", "1.5rem"),
        (px(0.1 + 0.2), "dimension", "0.3px"),
        ({"value": 200, "unit": "ms"}, "duration", "200ms"),
        ([0.2, 0, 0, 1], "cubicBezier", "cubic-bezier(0.2, 0, 0, 1)"),
        (1.5, "number", 1.5),
        (600, "fontWeight", 600),
        ("semi-bold", "fontWeight", 600),
        ("condensed-ish", "fontWeight", "condensed-ish"),
        (
            ["Inter", "Helvetica Neue", "sans-serif"],
            "fontFamily",
            "Inter, 'Helvetica Neue', sans-serif",
        ),
        ("It's Mono", "fontFamily", "'It\\'s Mono'"),
        ("solid", "strokeStyle", "solid"),
        ({"dashArray": [px(2), px(4)], "lineCap": "round"}, "strokeStyle", "dashed"),
        ({"color": "#d0d5dd", "width": px(1), "style": "solid"}, "border", "1px solid #d0d5dd"),
        (
            {
                "duration": {"value": 150, "unit": "ms"},
                "delay": {"value": 0, "unit": "ms"},
                "timingFunction": [0.2, 0, 0, 1],
            },
            "transition",
            "150ms cubic-bezier(0.2, 0, 0, 1) 0ms",
        ),
        (
            [{"color": "#000000", "position": 0}, {"color": "#ffffff", "position": 0.5}],
            "gradient",
            "linear-gradient(#000000 0%, #ffffff 50%)",
        ),
        ("auto", None, "auto"),
        (px(4), None, "4px"),
    ],
)
def test_token_values_become_css_values(value: object, kind: str | None, expected: object) -> None:
    assert css_value(value, kind) == expected


def test_shadow_lists_join_layers_and_inset_leads() -> None:
    layers = [
        {"color": "#00000033", "offsetX": px(0), "offsetY": px(1), "blur": px(2), "spread": px(0)},
        {
            "color": "#0000001a",
            "offsetX": px(0),
            "offsetY": px(4),
            "blur": px(8),
            "spread": px(-2),
            "inset": True,
        },
    ]
    assert css_value(layers, "shadow") == (
        "0px 1px 2px 0px #00000033, inset 0px 4px 8px -2px #0000001a"
    )


def test_text_shadow_drops_spread_and_inset() -> None:
    layer = {
        "color": "#000000",
        "offsetX": px(1),
        "offsetY": px(1),
        "blur": px(2),
        "spread": px(3),
        "inset": True,
    }
    assert style_entries("textShadow", layer, "shadow") == [("textShadow", "1px 1px 2px #000000")]


def test_typography_expands_into_font_properties_in_fixed_order() -> None:
    value = {
        "lineHeight": 1.4,
        "fontWeight": "bold",
        "fontSize": {"value": 1, "unit": "rem"},
        "fontFamily": ["Inter", "sans-serif"],
        "letterSpacing": px(0),
    }
    expected = [
        ("fontFamily", "Inter, sans-serif"),
        ("fontSize", "1rem"),
        ("fontWeight", 700),
        ("letterSpacing", "0px"),
        ("lineHeight", 1.4),
    ]
    assert style_entries("typography", value, "typography") == expected
    assert style_entries("font", value, "typography") == expected


@pytest.mark.parametrize(
    ("prop", "value", "kind"),
    [
        ("fontSize", {"fontFamily": "Inter"}, "typography"),
        ("typography", "#ffffff", "color"),
        ("color", "red", "color"),
        ("color", {"colorSpace": "cmyk", "components": [0, 0, 0]}, "color"),
        ("padding", {"value": 4}, "dimension"),
        ("transitionTimingFunction", [0, 1], "cubicBezier"),
        ("color", {"nested": True}, None),
    ],
)
def test_values_without_a_css_form_are_refused(prop: str, value: object, kind: str | None) -> None:
    with pytest.raises(CssValueError):
        style_entries(prop, value, kind)


def test_known_css_properties_include_common_and_svg_ones() -> None:
    known = css_properties()
    assert {"backgroundColor", "paddingInline", "gap", "fill", "stroke"} <= known
    assert "colour" not in known
