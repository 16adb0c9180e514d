"""ARIA attributes from requirements as JSX attributes that type-check against React's types.

Requirements give every attribute as a string; ``@types/react`` types some of them as numbers,
booleans or closed sets of keywords, so the value is checked and written in the right form here
rather than failing later in the consumer's compiler.
"""

from __future__ import annotations

import re

from redraft.codegen.escape import ts_string

_BOOLEANISH = frozenset(
    {
        "aria-atomic",
        "aria-busy",
        "aria-disabled",
        "aria-expanded",
        "aria-grabbed",
        "aria-hidden",
        "aria-modal",
        "aria-multiline",
        "aria-multiselectable",
        "aria-readonly",
        "aria-required",
        "aria-selected",
    }
)
_NUMERIC = frozenset(
    {
        "aria-colcount",
        "aria-colindex",
        "aria-colspan",
        "aria-level",
        "aria-posinset",
        "aria-rowcount",
        "aria-rowindex",
        "aria-rowspan",
        "aria-setsize",
        "aria-valuemax",
        "aria-valuemin",
        "aria-valuenow",
    }
)
_TRUE_FALSE = ("true", "false")
_KEYWORDS: dict[str, tuple[str, ...]] = {
    "aria-autocomplete": ("none", "inline", "list", "both"),
    "aria-checked": (*_TRUE_FALSE, "mixed"),
    "aria-current": (*_TRUE_FALSE, "page", "step", "location", "date", "time"),
    "aria-dropeffect": ("none", "copy", "execute", "link", "move", "popup"),
    "aria-haspopup": (*_TRUE_FALSE, "menu", "listbox", "tree", "grid", "dialog"),
    "aria-invalid": (*_TRUE_FALSE, "grammar", "spelling"),
    "aria-live": ("off", "assertive", "polite"),
    "aria-orientation": ("horizontal", "vertical"),
    "aria-pressed": (*_TRUE_FALSE, "mixed"),
    "aria-relevant": (
        "additions",
        "additions removals",
        "additions text",
        "all",
        "removals",
        "removals additions",
        "removals text",
        "text",
        "text additions",
        "text removals",
    ),
    "aria-sort": ("none", "ascending", "descending", "other"),
}
_NUMBER = re.compile(r"^-?(?:0|[1-9]\d*)(?:\.\d+)?$")


class AriaValueError(ValueError):
    """A declared ARIA attribute value that React's types would reject."""


def aria_attribute(name: str, value: str) -> str:
    """``name={…}`` for a declared ARIA attribute; raise :class:`AriaValueError` if ill-typed."""
    text = value.strip()
    if name in _NUMERIC:
        if not _NUMBER.match(text):
            raise AriaValueError(f"{name} takes a number, not {value!r}")
        return f"{name}={{{text}}}"
    allowed = _TRUE_FALSE if name in _BOOLEANISH else _KEYWORDS.get(name)
    if allowed is not None and text not in allowed:
        raise AriaValueError(f"{name} takes one of {', '.join(allowed)}; not {value!r}")
    return f"{name}={{{ts_string(value if allowed is None else text)}}}"
