"""Colour spellings reduced to one form: lower-case ``#rrggbb``/``#rrggbbaa`` or an object."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from redraft.errors import TokenError

from .measure import NUMBER_PATTERN, is_number, kind, number_text, plain_number
from .model import JsonValue

_HEX = re.compile(r"^#([0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
_RGB = re.compile(r"^rgba?\((.*)\)$", re.IGNORECASE | re.DOTALL)
_CHANNEL = re.compile(rf"^({NUMBER_PATTERN})(%?)$")


def normalize_color(value: JsonValue, *, path: str) -> JsonValue:
    """A colour as lower-case hex, or a sorted colour object for spaces other than sRGB.

    Strings that are neither hex nor ``rgb()``/``rgba()`` (named colours, ``hsl()``, CSS
    functions) are kept as written.
    """
    if isinstance(value, str):
        text = value.strip()
        if _HEX.match(text):
            return _expand_hex(text)
        rgb = _parse_rgb_function(text)
        return rgb if rgb is not None else value
    if isinstance(value, dict):
        return _normalize_color_object(value, path=path)
    raise TokenError(f"{path}: a colour must be a string or an object, not {kind(value)}")


def is_color_text(text: str) -> bool:
    """True for hex and ``rgb()``/``rgba()`` strings."""
    text = text.strip()
    return bool(_HEX.match(text)) or _parse_rgb_function(text) is not None


def with_alpha(color: JsonValue, alpha: float, *, path: str) -> JsonValue:
    """The colour with its alpha replaced (Primer's token-level ``alpha`` property)."""
    if isinstance(color, str) and _HEX.match(color):
        return _hex_from_bytes(_hex_bytes(color)[:3], _alpha_byte(alpha))
    if isinstance(color, dict) and "colorSpace" in color:
        return {**color, "alpha": plain_number(alpha)}
    raise TokenError(f"{path}: cannot apply alpha {alpha} to colour {color!r}")


def color_to_css(color: Mapping[str, JsonValue]) -> str:
    """CSS ``color()`` text for a colour object kept in a space other than sRGB."""
    components = " ".join(number_text(c) for c in color["components"])
    alpha = color.get("alpha", 1)
    tail = "" if alpha == 1 else f" / {number_text(alpha)}"
    return f"color({color['colorSpace']} {components}{tail})"


def _normalize_color_object(value: Mapping[str, JsonValue], *, path: str) -> JsonValue:
    space = value.get("colorSpace")
    if not isinstance(space, str):
        raise TokenError(f"{path}: a colour object needs a string 'colorSpace'")
    alpha = value.get("alpha", 1)
    if not is_number(alpha) or not 0 <= alpha <= 1:
        raise TokenError(f"{path}: colour alpha must be a number from 0 to 1, not {alpha!r}")
    hex_text = value.get("hex")
    if hex_text is not None and not (isinstance(hex_text, str) and _HEX.match(hex_text)):
        raise TokenError(f"{path}: colour 'hex' must be a hex string, not {hex_text!r}")
    components = value.get("components")
    if space == "srgb" and components is not None:
        channels = _components(components, path=path)
        return _hex_from_bytes([_unit_byte(c) for c in channels], _alpha_byte(alpha))
    if hex_text is not None:
        # DTCG makes `hex` the sRGB fallback of the colour; its alpha lives in `alpha`.
        return _hex_from_bytes(_hex_bytes(hex_text)[:3], _alpha_byte(alpha))
    channels = _components(components, path=path)
    return {"alpha": plain_number(alpha), "colorSpace": space, "components": channels}


def _components(components: JsonValue, *, path: str) -> list[int | float]:
    if not isinstance(components, list) or len(components) != 3:
        raise TokenError(f"{path}: colour 'components' must be a list of three numbers")
    out: list[int | float] = []
    for component in components:
        if component == "none":  # CSS Color 4: a missing component computes as zero
            out.append(0)
        elif is_number(component):
            out.append(plain_number(component))
        else:
            raise TokenError(f"{path}: colour component {component!r} is not a number")
    return out


def _parse_rgb_function(text: str) -> str | None:
    match = _RGB.match(text)
    if match is None:
        return None
    body = match.group(1).strip()
    alpha_text: str | None = None
    if "/" in body:
        body, alpha_text = (part.strip() for part in body.split("/", 1))
        parts = body.split()
    else:
        parts = [p.strip() for p in body.split(",")] if "," in body else body.split()
        if len(parts) == 4:
            alpha_text = parts.pop()
    if len(parts) != 3:
        return None
    channels = [_channel_byte(part) for part in parts]
    alpha = 255 if alpha_text is None else _alpha_text_byte(alpha_text)
    if alpha is None or any(c is None for c in channels):
        return None
    return _hex_from_bytes([c for c in channels if c is not None], alpha)


def _channel_byte(text: str) -> int | None:
    match = _CHANNEL.match(text)
    if match is None:
        return None
    number = float(match.group(1))
    return _unit_byte(number / 100) if match.group(2) else _clamp_byte(number)


def _alpha_text_byte(text: str) -> int | None:
    match = _CHANNEL.match(text)
    if match is None:
        return None
    number = float(match.group(1))
    return _alpha_byte(number / 100 if match.group(2) else number)


def _expand_hex(text: str) -> str:
    digits = text[1:].lower()
    if len(digits) in (3, 4):
        digits = "".join(d * 2 for d in digits)
    if digits.endswith("ff") and len(digits) == 8:
        digits = digits[:6]
    return "#" + digits


def _hex_bytes(text: str) -> list[int]:
    digits = _expand_hex(text)[1:]
    return [int(digits[i : i + 2], 16) for i in range(0, len(digits), 2)]


def _hex_from_bytes(rgb: list[int], alpha: int) -> str:
    text = "#" + "".join(f"{c:02x}" for c in rgb)
    return text if alpha == 255 else text + f"{alpha:02x}"


def _unit_byte(value: float) -> int:
    return _clamp_byte(value * 255)


def _alpha_byte(alpha: float) -> int:
    return _clamp_byte(alpha * 255)


def _clamp_byte(value: float) -> int:
    # Half-up rounding, as CSS and Primer's build (Math.round) do; Python's round() is half-even.
    return max(0, min(255, math.floor(value + 0.5)))
