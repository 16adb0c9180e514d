"""Numbers and measures (dimension, duration) reduced to one spelling."""

from __future__ import annotations

import math
import re
from typing import TypeGuard

from redraft.errors import TokenError

from .model import JsonValue

NUMBER_PATTERN = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
_NUMBER = re.compile(rf"^\s*{NUMBER_PATTERN}\s*$")
_MEASURE = re.compile(rf"^\s*({NUMBER_PATTERN})\s*([a-zA-Z]+|%)\s*$")


def is_number(value: object) -> TypeGuard[int | float]:
    """True for finite JSON numbers (``bool`` is not a number here)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def plain_number(value: int | float) -> int | float:
    """``16.0`` becomes ``16``; other numbers are returned unchanged."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def number_text(value: int | float) -> str:
    """The shortest text for a number (``16``, ``0.5``)."""
    return str(plain_number(value))


def parse_number(text: str) -> int | float | None:
    """The number a numeric string spells, or ``None``."""
    if not _NUMBER.match(text):
        return None
    number = float(text)
    return plain_number(number) if math.isfinite(number) else None


def normalize_number(value: JsonValue, *, path: str) -> JsonValue:
    """A number (numeric strings converted); other strings are kept as written."""
    if is_number(value):
        return plain_number(value)
    if isinstance(value, str):
        number = parse_number(value)
        return value if number is None else number
    raise TokenError(f"{path}: expected a number, not {kind(value)}")


def normalize_measure(value: JsonValue, *, path: str, unit: str | None = None) -> JsonValue:
    """``{"value": <number>, "unit": <unit>}`` for a dimension or duration.

    ``"16px"``, ``"0.5rem"``, ``"200ms"`` and DTCG ``{"value", "unit"}`` objects are converted;
    a bare number takes ``unit`` (Tokens Studio reads unitless sizes as pixels) or stays a number
    when ``unit`` is ``None``; other strings (``auto``, ``calc(…)``) are kept as written.
    """
    if isinstance(value, dict):
        number, written_unit = value.get("value"), value.get("unit")
        if isinstance(number, str):
            number = parse_number(number)
        if (
            set(value) != {"value", "unit"}
            or not is_number(number)
            or not isinstance(written_unit, str)
        ):
            raise TokenError(f"{path}: a measure needs a numeric 'value' and a string 'unit'")
        return {"value": plain_number(number), "unit": written_unit.lower()}
    if is_number(value):
        return _with_unit(plain_number(value), unit)
    if isinstance(value, str):
        match = _MEASURE.match(value)
        if match is None:
            number = parse_number(value)
            return value if number is None else _with_unit(number, unit)
        return {"value": plain_number(float(match.group(1))), "unit": match.group(2).lower()}
    raise TokenError(f"{path}: expected a dimension or duration, not {kind(value)}")


def _with_unit(number: int | float, unit: str | None) -> JsonValue:
    return number if unit is None else {"value": number, "unit": unit}


def measure_unit(value: JsonValue) -> str | None:
    """The unit of a string like ``12px``, or ``None`` when it is not a single measure."""
    if isinstance(value, str):
        match = _MEASURE.match(value)
        if match is not None:
            return match.group(2).lower()
    return None


def kind(value: JsonValue) -> str:
    """A JSON type name for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"
