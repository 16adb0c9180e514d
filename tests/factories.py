"""Small, valid inputs shared by tests: a DTCG token document and button requirements."""

from __future__ import annotations

import copy
from typing import Any

TOKENS: dict[str, Any] = {
    "color": {
        "$type": "color",
        "blue": {"500": {"$value": "#1d4ed8"}, "600": {"$value": "#1e40af"}},
        "white": {"$value": "#ffffff"},
        "brand": {
            "primary": {"$value": "{color.blue.500}"},
            "on-primary": {"$value": "{color.white}"},
        },
    },
    "space": {
        "$type": "dimension",
        "sm": {"$value": {"value": 4, "unit": "px"}},
        "md": {"$value": {"value": 8, "unit": "px"}},
    },
    "radius": {"$type": "dimension", "md": {"$value": {"value": 6, "unit": "px"}}},
}


def tokens(**overrides: str) -> dict[str, Any]:
    """The token document with some colour values replaced (`blue_500="#000000"`)."""
    doc = copy.deepcopy(TOKENS)
    for key, value in overrides.items():
        group, name = key.split("_", 1)
        doc["color"][group][name]["$value"] = value
    return doc


def button_requirements(name: str = "PrimaryButton", **extra: Any) -> dict[str, Any]:
    req: dict[str, Any] = {
        "name": name,
        "pattern": "button",
        "description": "The main call to action.",
        "props": [{"name": "label", "type": "string", "required": True}],
        "variants": {"size": ["md", "sm"]},
        "states": ["disabled"],
        "bindings": {
            "root": {
                "backgroundColor": "{color.brand.primary}",
                "color": "{color.brand.on-primary}",
                "borderRadius": "{radius.md}",
                "padding": "{space.md}",
            },
            "root[size=sm]": {"padding": "{space.sm}"},
            "root:disabled": {"opacity": 0.5},
        },
    }
    req.update(extra)
    return req
