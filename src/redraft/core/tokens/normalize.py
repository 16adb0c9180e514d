"""Resolved values reduced to one spelling per type, so equal values compare equal.

The shapes here are the contract codegen relies on: colours are lower-case hex (``#rrggbbaa``
only when translucent) or a sorted colour object; dimensions and durations are
``{"value": <number>, "unit": <unit>}``; composites hold their parts in those same shapes.
Every function is idempotent, because an alias target's already-normalised value is normalised
again under the alias's own type.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from redraft.errors import TokenError

from .color import color_to_css, is_color_text, normalize_color
from .measure import (
    is_number,
    kind,
    measure_unit,
    normalize_measure,
    normalize_number,
    number_text,
    parse_number,
    plain_number,
)
from .model import JsonValue

_LENGTH_UNITS = frozenset(
    {"px", "rem", "em", "%", "vh", "vw", "vmin", "vmax", "pt", "pc", "ch", "ex", "cm", "mm", "in"}
)
_TIME_UNITS = frozenset({"ms", "s"})

# DTCG's named weights; keys have case, spaces, hyphens and underscores removed.
_FONT_WEIGHTS = {
    "thin": 100,
    "hairline": 100,
    "extralight": 200,
    "ultralight": 200,
    "light": 300,
    "normal": 400,
    "regular": 400,
    "book": 400,
    "medium": 500,
    "semibold": 600,
    "demibold": 600,
    "bold": 700,
    "extrabold": 800,
    "ultrabold": 800,
    "black": 900,
    "heavy": 900,
    "extrablack": 950,
    "ultrablack": 950,
}

_TYPOGRAPHY_PARTS = {
    "fontFamily": "fontFamily",
    "fontSize": "dimension",
    "fontWeight": "fontWeight",
    "letterSpacing": "dimension",
    "lineHeight": "lineHeight",
    "paragraphSpacing": "dimension",
    "paragraphIndent": "dimension",
}
_SHADOW_PARTS = {
    "color": "color",
    "offsetX": "dimension",
    "offsetY": "dimension",
    "blur": "dimension",
    "spread": "dimension",
    "alpha": "number",
}
_BORDER_PARTS = {"color": "color", "width": "dimension", "style": "strokeStyle"}
_TRANSITION_PARTS = {"duration": "duration", "delay": "duration", "timingFunction": "cubicBezier"}
_GRADIENT_STOP_PARTS = {"color": "color", "position": "number"}


def normalize_value(type_: str | None, value: JsonValue, *, path: str) -> JsonValue:
    """The value in the canonical shape for ``type_``; unknown types are returned unchanged.

    Raises:
        TokenError: the value has a JSON type the token type cannot take (names ``path``).
    """
    handler = _HANDLERS.get(type_ or "")
    return value if handler is None else handler(value, path)


def infer_type(value: JsonValue) -> str | None:
    """A loose guess for plain JSON leaves: colour, dimension, duration or number."""
    if is_number(value):
        return "number"
    if isinstance(value, dict):
        if "colorSpace" in value:
            return "color"
        unit = value.get("unit")
        return _measure_type(unit) if set(value) == {"value", "unit"} else None
    if not isinstance(value, str):
        return None
    if is_color_text(value):
        return "color"
    return _measure_type(measure_unit(value))


def _measure_type(unit: JsonValue) -> str | None:
    if unit in _LENGTH_UNITS:
        return "dimension"
    if unit in _TIME_UNITS:
        return "duration"
    return None


def css_text(value: JsonValue, *, path: str, target: str) -> str:
    """Text for a resolved value placed inside a string, e.g. ``calc({space.md} * 2)``.

    Raises:
        TokenError: the value is a composite that has no single-string form.
    """
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if is_number(value):
        return number_text(value)
    if isinstance(value, dict):
        if set(value) == {"value", "unit"} and is_number(value["value"]):
            return number_text(value["value"]) + str(value["unit"])
        if set(value) == {"alpha", "colorSpace", "components"}:
            return color_to_css(value)
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return ", ".join(css_text(v, path=path, target=target) for v in value)
    raise TokenError(f"{path}: {{{target}}} has a composite value that cannot be put in a string")


def _normalize_font_family(value: JsonValue, path: str) -> JsonValue:
    if isinstance(value, list):
        if not all(isinstance(name, str) for name in value):
            raise TokenError(f"{path}: a font family list must hold strings")
        return [_unquote(name) for name in value]
    if isinstance(value, str):
        names = [_unquote(name) for name in value.split(",")]
        return names if len(names) > 1 else names[0]
    raise TokenError(f"{path}: a font family must be a string or a list, not {kind(value)}")


def _unquote(name: str) -> str:
    name = name.strip()
    if len(name) >= 2 and name[0] == name[-1] and name[0] in "'\"":
        return name[1:-1]
    return name


def _normalize_font_weight(value: JsonValue, path: str) -> JsonValue:
    if is_number(value):
        return plain_number(value)
    if isinstance(value, str):
        number = parse_number(value)
        if number is not None:
            return number
        return _FONT_WEIGHTS.get(re.sub(r"[\s_-]", "", value).lower(), value)
    raise TokenError(f"{path}: a font weight must be a number or a string, not {kind(value)}")


def _normalize_cubic_bezier(value: JsonValue, path: str) -> JsonValue:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and len(value) == 4:
        return [normalize_number(v, path=f"{path}[{i}]") for i, v in enumerate(value)]
    raise TokenError(f"{path}: a cubic Bézier must be a list of four numbers")


def _normalize_stroke_style(value: JsonValue, path: str) -> JsonValue:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        out = dict(value)
        dashes = value.get("dashArray")
        if isinstance(dashes, list):
            out["dashArray"] = [
                normalize_measure(d, path=f"{path}.dashArray[{i}]", unit="px")
                for i, d in enumerate(dashes)
            ]
        return out
    raise TokenError(f"{path}: a stroke style must be a string or an object, not {kind(value)}")


def _normalize_shadow(value: JsonValue, path: str) -> JsonValue:
    if isinstance(value, list):
        return [_normalize_one_shadow(v, f"{path}[{i}]") for i, v in enumerate(value)]
    return _normalize_one_shadow(value, path)


def _normalize_one_shadow(value: JsonValue, path: str) -> JsonValue:
    if isinstance(value, dict) and ("x" in value or "y" in value):
        value = _shadow_from_tokens_studio(value)
    return _composite(value, path, _SHADOW_PARTS, "shadow")


def _shadow_from_tokens_studio(value: Mapping[str, JsonValue]) -> dict[str, JsonValue]:
    # Tokens Studio writes {x, y, type: dropShadow|innerShadow}; DTCG {offsetX, offsetY, inset}.
    renames = {"x": "offsetX", "y": "offsetY"}
    out = {renames.get(key, key): part for key, part in value.items() if key != "type"}
    if value.get("type") in ("innerShadow", "dropShadow"):
        out["inset"] = value["type"] == "innerShadow"
    elif "type" in value:
        out["type"] = value["type"]
    return out


def _normalize_gradient(value: JsonValue, path: str) -> JsonValue:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return [
            _composite(stop, f"{path}[{i}]", _GRADIENT_STOP_PARTS, "gradient stop")
            for i, stop in enumerate(value)
        ]
    raise TokenError(f"{path}: a gradient must be a list of stops, not {kind(value)}")


def _composite_handler(
    parts: Mapping[str, str], name: str
) -> Callable[[JsonValue, str], JsonValue]:
    def handle(value: JsonValue, path: str) -> JsonValue:
        return _composite(value, path, parts, name)

    return handle


def _composite(value: JsonValue, path: str, parts: Mapping[str, str], name: str) -> JsonValue:
    # A CSS shorthand string ("1px solid #000") is a legitimate way to write a composite.
    if isinstance(value, str):
        return value
    if not isinstance(value, dict):
        raise TokenError(f"{path}: a {name} must be an object, not {kind(value)}")
    return {
        key: normalize_value(parts.get(key), part, path=f"{path}.{key}")
        for key, part in value.items()
    }


def _dimension(value: JsonValue, path: str) -> JsonValue:
    return normalize_measure(value, path=path, unit="px")


def _duration(value: JsonValue, path: str) -> JsonValue:
    return normalize_measure(value, path=path, unit="ms")


def _line_height(value: JsonValue, path: str) -> JsonValue:
    # A unitless line height is a multiple of the font size, not a length.
    return normalize_measure(value, path=path)


def _number(value: JsonValue, path: str) -> JsonValue:
    return normalize_number(value, path=path)


def _color(value: JsonValue, path: str) -> JsonValue:
    return normalize_color(value, path=path)


_HANDLERS: dict[str, Callable[[JsonValue, str], JsonValue]] = {
    "color": _color,
    "dimension": _dimension,
    "duration": _duration,
    "lineHeight": _line_height,
    "number": _number,
    "fontFamily": _normalize_font_family,
    "fontWeight": _normalize_font_weight,
    "cubicBezier": _normalize_cubic_bezier,
    "strokeStyle": _normalize_stroke_style,
    "shadow": _normalize_shadow,
    "gradient": _normalize_gradient,
    "typography": _composite_handler(_TYPOGRAPHY_PARTS, "typography"),
    "border": _composite_handler(_BORDER_PARTS, "border"),
    "transition": _composite_handler(_TRANSITION_PARTS, "transition"),
}
