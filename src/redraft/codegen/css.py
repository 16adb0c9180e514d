"""Resolved token values as CSS values for React inline style objects.

Values follow the token model's normalised contract (lower-case hex colours, ``{"value", "unit"}``
dimensions and durations, composites with normalised sub-values). A value that cannot be written
as CSS raises :class:`CssValueError`; callers add the slot and token to the message.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from importlib import resources

from redraft.core.tokens.model import JsonValue

StyleScalar = str | int | float
"""A value in a React style object: React appends ``px`` to bare numbers where CSS needs a unit."""

TYPOGRAPHY_KEYS = ("fontFamily", "fontSize", "fontWeight", "letterSpacing", "lineHeight")
"""Style keys a typography token expands into, in output order."""

EXPANDING_PROPERTIES = frozenset({"typography", "font"})
"""Binding properties that take a whole typography token and expand into several style keys."""

GENERIC_FAMILIES = frozenset(
    {
        "serif",
        "sans-serif",
        "monospace",
        "cursive",
        "fantasy",
        "system-ui",
        "ui-serif",
        "ui-sans-serif",
        "ui-monospace",
        "ui-rounded",
        "math",
        "emoji",
        "fangsong",
        "inherit",
        "initial",
        "unset",
    }
)
# DTCG 2025.10 font weight names (section 8.4) to their numeric values.
FONT_WEIGHTS = {
    "thin": 100,
    "hairline": 100,
    "extra-light": 200,
    "ultra-light": 200,
    "light": 300,
    "normal": 400,
    "regular": 400,
    "book": 400,
    "medium": 500,
    "semi-bold": 600,
    "demi-bold": 600,
    "bold": 700,
    "extra-bold": 800,
    "ultra-bold": 800,
    "black": 900,
    "heavy": 900,
    "extra-black": 950,
    "ultra-black": 950,
}
# DTCG colour spaces to the CSS function that takes their components as written.
_COLOR_FUNCTIONS = {
    "hsl": "hsl",
    "hwb": "hwb",
    "lab": "lab",
    "lch": "lch",
    "oklab": "oklab",
    "oklch": "oklch",
}
_COLOR_SPACES = frozenset(
    {
        "srgb",
        "srgb-linear",
        "display-p3",
        "a98-rgb",
        "prophoto-rgb",
        "rec2020",
        "xyz-d65",
        "xyz-d50",
    }
)
# hsl and hwb take their second and third components as percentages in CSS.
_PERCENT_COMPONENTS = {"hsl": (1, 2), "hwb": (1, 2)}
_PLAIN_FAMILY = re.compile(r"^-?[A-Za-z_][A-Za-z0-9_-]*$")
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")


class CssValueError(ValueError):
    """A token value that has no CSS form (wrong shape for its type, unknown colour space…)."""


@cache
def css_properties() -> frozenset[str]:
    """The camelCase property names ``React.CSSProperties`` accepts."""
    text = (resources.files("redraft.codegen") / "css_properties.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def style_entries(
    prop: str, value: JsonValue, token_type: str | None
) -> list[tuple[str, StyleScalar]]:
    """The style keys and values one binding produces.

    ``typography``/``font`` bound to a typography token expand into its sub-properties; every
    other binding produces one entry. ``textShadow`` drops what text shadows cannot express.
    """
    kind = token_type or _infer_type(value)
    if prop in EXPANDING_PROPERTIES:
        if kind != "typography" or not isinstance(value, Mapping):
            raise CssValueError(f"{prop!r} needs a typography token, not {kind or 'a literal'}")
        return [
            (key, css_value(value[key], _TYPOGRAPHY_TYPES[key]))
            for key in TYPOGRAPHY_KEYS
            if value.get(key) is not None
        ]
    if kind == "shadow" and prop == "textShadow":
        return [(prop, _shadow(value, text=True))]
    return [(prop, css_value(value, token_type))]


def css_value(value: JsonValue, token_type: str | None) -> StyleScalar:
    """One resolved token value as a CSS value (string, or number for unitless values)."""
    kind = token_type or _infer_type(value)
    formatter = _FORMATTERS.get(kind or "")
    if formatter is not None:
        return formatter(value)
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    raise CssValueError(f"a {kind or 'value'} of this shape has no CSS form: {value!r}")


_TYPOGRAPHY_TYPES = {
    "fontFamily": "fontFamily",
    "fontSize": "dimension",
    "fontWeight": "fontWeight",
    "letterSpacing": "dimension",
    "lineHeight": "number",
}


def _infer_type(value: JsonValue) -> str | None:
    if isinstance(value, Mapping):
        if set(value) == {"value", "unit"}:
            return "dimension"
        if "colorSpace" in value:
            return "color"
    if isinstance(value, str) and _HEX.match(value):
        return "color"
    return None


def _number(value: JsonValue) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise CssValueError(f"expected a number, got {value!r}")
    if isinstance(value, int):
        return str(value)
    if value.is_integer():
        return str(int(value))
    # Six decimals is far below a device pixel and keeps float noise (0.30000000000000004) out.
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _color(value: JsonValue) -> str:
    if isinstance(value, str):
        if not _HEX.match(value):
            raise CssValueError(f"colour {value!r} is not a hex colour")
        return value.lower()
    if not isinstance(value, Mapping):
        raise CssValueError(f"colour {value!r} is neither hex nor a colour object")
    space = value.get("colorSpace")
    components = value.get("components")
    if not isinstance(components, list) or len(components) != 3:
        raise CssValueError(f"colour {value!r} needs three components")
    percent = _PERCENT_COMPONENTS.get(str(space), ())
    parts = [
        "none" if c == "none" else _number(c) + ("%" if i in percent else "")
        for i, c in enumerate(components)
    ]
    alpha = value.get("alpha", 1)
    suffix = "" if alpha in (1, None) else f" / {_number(alpha)}"
    if space in _COLOR_FUNCTIONS:
        return f"{_COLOR_FUNCTIONS[str(space)]}({' '.join(parts)}{suffix})"
    if space in _COLOR_SPACES:
        return f"color({space} {' '.join(parts)}{suffix})"
    raise CssValueError(f"unknown colour space {space!r}")


def _dimension(value: JsonValue) -> str:
    if not isinstance(value, Mapping) or not isinstance(value.get("unit"), str):
        raise CssValueError(f"expected {{value, unit}}, got {value!r}")
    return _number(value.get("value")) + str(value["unit"])


def _font_family(value: JsonValue) -> str:
    names = value if isinstance(value, list) else [value]
    if not names or not all(isinstance(name, str) and name for name in names):
        raise CssValueError(f"font family {value!r} is not a name or a list of names")
    return ", ".join(_family(str(name)) for name in names)


def _family(name: str) -> str:
    if name in GENERIC_FAMILIES or _PLAIN_FAMILY.match(name):
        return name
    # Single quotes keep the TS literal around it free of escaped double quotes.
    escaped = name.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\a ")
    return f"'{escaped}'"


def _font_weight(value: JsonValue) -> StyleScalar:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        return FONT_WEIGHTS.get(value.lower(), value)
    raise CssValueError(f"font weight {value!r} is neither a number nor a name")


def _cubic_bezier(value: JsonValue) -> str:
    if not isinstance(value, list) or len(value) != 4:
        raise CssValueError(f"cubic bezier {value!r} needs four numbers")
    return f"cubic-bezier({', '.join(_number(n) for n in value)})"


def _plain_number(value: JsonValue) -> StyleScalar:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise CssValueError(f"expected a number, got {value!r}")
    return value


def _stroke_style(value: JsonValue) -> str:
    if isinstance(value, str):
        return value
    # CSS borders cannot draw a custom dash array; DTCG lets tools fall back to a dashed line.
    if isinstance(value, Mapping) and "dashArray" in value:
        return "dashed"
    raise CssValueError(f"stroke style {value!r} is neither a keyword nor a dash object")


def _shadow(value: JsonValue, *, text: bool = False) -> str:
    layers = value if isinstance(value, list) else [value]
    if not layers:
        raise CssValueError("a shadow needs at least one layer")
    return ", ".join(_shadow_layer(layer, text=text) for layer in layers)


def _shadow_layer(layer: JsonValue, *, text: bool) -> str:
    if not isinstance(layer, Mapping):
        raise CssValueError(f"shadow layer {layer!r} is not an object")
    lengths = ["offsetX", "offsetY", "blur"] + ([] if text else ["spread"])
    parts = [_dimension(layer[key]) for key in lengths if layer.get(key) is not None]
    parts.append(_color(layer.get("color")))
    if layer.get("inset") and not text:
        parts.insert(0, "inset")
    return " ".join(parts)


def _border(value: JsonValue) -> str:
    if not isinstance(value, Mapping):
        raise CssValueError(f"border {value!r} is not an object")
    return f"{_dimension(value.get('width'))} {_stroke_style(value.get('style'))} " + _color(
        value.get("color")
    )


def _transition(value: JsonValue) -> str:
    if not isinstance(value, Mapping):
        raise CssValueError(f"transition {value!r} is not an object")
    parts = [_dimension(value.get("duration"))]
    if value.get("timingFunction") is not None:
        parts.append(_cubic_bezier(value["timingFunction"]))
    if value.get("delay") is not None:
        parts.append(_dimension(value["delay"]))
    return " ".join(parts)


def _gradient(value: JsonValue) -> str:
    if not isinstance(value, list) or not value:
        raise CssValueError(f"gradient {value!r} is not a list of stops")
    stops = []
    for stop in value:
        if not isinstance(stop, Mapping):
            raise CssValueError(f"gradient stop {stop!r} is not an object")
        position = stop.get("position")
        if position is not None and (
            isinstance(position, bool) or not isinstance(position, int | float)
        ):
            raise CssValueError(f"gradient stop position {position!r} is not a number")
        where = "" if position is None else f" {_number(position * 100)}%"
        stops.append(_color(stop.get("color")) + where)
    # DTCG gradients carry no angle; CSS's default direction (to bottom) is the neutral reading.
    return f"linear-gradient({', '.join(stops)})"


def _typography(value: JsonValue) -> str:
    # Only reached when a typography token is bound to a single property other than `font`.
    raise CssValueError(
        f"a typography token expands into several properties; bind it to 'typography': {value!r}"
    )


_FORMATTERS = {
    "color": _color,
    "dimension": _dimension,
    "duration": _dimension,
    "fontFamily": _font_family,
    "fontWeight": _font_weight,
    "cubicBezier": _cubic_bezier,
    "number": _plain_number,
    "strokeStyle": _stroke_style,
    "shadow": _shadow,
    "border": _border,
    "transition": _transition,
    "gradient": _gradient,
    "typography": _typography,
}
