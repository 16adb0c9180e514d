"""Token sets and requirements for the codegen tests, built directly from the token model."""

from __future__ import annotations

from typing import Any

from redraft.codegen.builtin import BuiltinGenerator
from redraft.codegen.catalog import Pattern, builtin_patterns
from redraft.core.tokens.model import JsonValue, Token, TokenSet
from redraft.spec.requirements import Requirements, parse_requirements

HOSTILE = 'x */ y </script> `${alert(1)}` "quoted" \\ {braces} <b>&amp;</b>\n@param z'


def _px(value: float) -> dict[str, JsonValue]:
    return {"value": value, "unit": "px"}


def _alias(path: str, kind: str, target: str, value: JsonValue) -> Token:
    return Token(path, kind, value, "{" + target + "}", references=(target,))


def _plain(path: str, kind: str, value: JsonValue) -> Token:
    return Token(path, kind, value, value)


def sample_tokens() -> TokenSet:
    """A small resolved set with alias chains, composites and every type codegen formats."""
    shadow = {
        "color": "#0000001f",
        "offsetX": _px(0),
        "offsetY": _px(1),
        "blur": _px(3),
        "spread": _px(0),
    }
    typography = {
        "fontFamily": ["Inter Variable", "system-ui", "sans-serif"],
        "fontSize": {"value": 1, "unit": "rem"},
        "fontWeight": 500,
        "letterSpacing": _px(0.25),
        "lineHeight": 1.5,
    }
    tokens = [
        _plain("color.blue.600", "color", "#1d4ed8"),
        _alias("color.brand.primary", "color", "color.blue.600", "#1d4ed8"),
        _alias("color.action.background", "color", "color.brand.primary", "#1d4ed8"),
        _plain("color.white", "color", "#ffffff"),
        _alias("color.text.inverse", "color", "color.white", "#ffffff"),
        _plain("color.shadow", "color", "#0000001f"),
        _plain(
            "color.wide",
            "color",
            {"colorSpace": "display-p3", "components": [0.1, 0.2, 0.3], "alpha": 0.5},
        ),
        _plain("space.2", "dimension", _px(8)),
        _plain("space.4", "dimension", _px(16)),
        _alias("space.inset", "dimension", "space.4", _px(16)),
        _plain("radius.md", "dimension", _px(6)),
        _plain("font.family.sans", "fontFamily", typography["fontFamily"]),
        _plain("font.weight.bold", "fontWeight", "bold"),
        Token(
            "typography.body",
            "typography",
            typography,
            {**typography, "fontFamily": "{font.family.sans}"},
            references=("font.family.sans",),
        ),
        Token(
            "shadow.raised",
            "shadow",
            shadow,
            {**shadow, "color": "{color.shadow}"},
            references=("color.shadow",),
        ),
        _plain("border.default", "border", {"color": "#d0d5dd", "width": _px(1), "style": "solid"}),
        _plain("duration.fast", "duration", {"value": 150, "unit": "ms"}),
        _plain("easing.standard", "cubicBezier", [0.2, 0, 0, 1]),
        _plain(
            "transition.control",
            "transition",
            {
                "duration": {"value": 150, "unit": "ms"},
                "delay": {"value": 0, "unit": "ms"},
                "timingFunction": [0.2, 0, 0, 1],
            },
        ),
        _plain("opacity.disabled", "number", 0.5),
        _plain(
            "gradient.brand",
            "gradient",
            [{"color": "#1d4ed8", "position": 0}, {"color": "#9333ea", "position": 1}],
        ),
    ]
    return TokenSet({token.path: token for token in tokens})


def generator() -> BuiltinGenerator:
    return BuiltinGenerator()


def pascal(pattern_id: str) -> str:
    return "".join(piece.capitalize() for piece in pattern_id.split("-"))


def minimal(pattern: Pattern) -> Requirements:
    """The smallest requirements for ``pattern``: a name and the exact pattern version."""
    return parse_requirements(
        {
            "name": f"Minimal{pascal(pattern.info.id)}",
            "pattern": pattern.info.id,
            "pattern_version": pattern.info.version,
        }
    )


def maximal_document(pattern: Pattern) -> dict[str, Any]:
    """Requirements using every feature at once, with hostile text wherever text goes."""
    meta = pattern.meta
    parts = list(pattern.info.parts)
    states = [*meta.states, *meta.item_states, "hover"]
    own_props = [
        {
            "name": p.name,
            "type": p.type,
            "required": False,
            "description": HOSTILE,
            **({"default": p.default} if p.default is not None else {}),
        }
        for p in meta.props
        if "TabItem" not in p.type  # not a type requirements may name
    ]
    bindings: dict[str, dict[str, Any]] = {
        part: {"color": "{color.text.inverse}", "padding": "{space.inset}"} for part in parts
    }
    bindings[parts[0]] = {
        "backgroundColor": "{color.action.background}",
        "border": "{border.default}",
        "borderRadius": "{radius.md}",
        "boxShadow": "{shadow.raised}",
        "fontSize": 13,
        "gap": "{space.2}",
        "outlineColor": "{color.wide}",
        "transition": "{transition.control}",
        "typography": "{typography.body}",
    }
    bindings[f"{parts[0]}[size=sm]"] = {"padding": "{space.2}"}
    bindings[f"{parts[0]}[tone=x-large-2]"] = {"fontWeight": "{font.weight.bold}"}
    bindings[f"{parts[-1]}:hover"] = {"backgroundImage": "{gradient.brand}"}
    bindings[f"{parts[0]}[size=lg]:hover"] = {"opacity": "{opacity.disabled}"}
    for state in states:
        bindings.setdefault(f"{parts[-1]}:{state}", {"opacity": 0.75})
    document: dict[str, Any] = {
        "name": f"Maximal{pascal(pattern.info.id)}",
        "pattern": pattern.info.id,
        "pattern_version": pattern.info.version,
        "description": HOSTILE,
        "props": [
            *own_props,
            {"name": "heading", "type": "string", "required": True, "description": HOSTILE},
            {"name": "count", "type": "number", "default": 3},
            {"name": "flag", "type": "boolean", "deprecated": "Use `heading` */ instead."},
            {"name": "tone2", "type": "'a' | \"b\"", "required": True},
            {"name": "tags", "type": "Array<string>", "default": None},
            {"name": "render", "type": "(value: string) => React.ReactNode"},
            {"name": "default", "type": "string", "default": HOSTILE},
            {"name": "styles", "type": "Record<string, number>"},
            {"name": "rootStyle", "type": "string"},
            {"name": "new", "type": "number"},
        ],
        "variants": {"tone": ["x-large-2", "plain"], "size": ["md", "sm", "lg"]},
        "states": states,
        "events": [
            *(
                {
                    "name": e.name,
                    "params": [{"name": f"p{i}", "type": p.type} for i, p in enumerate(e.params)],
                    "required": True,
                    "description": HOSTILE,
                }
                for e in meta.events
            ),
            {
                "name": "onPick",
                "params": [
                    {"name": "id", "type": "string"},
                    {"name": "meta", "type": "Record<string, unknown>"},
                ],
                "returns": "boolean | Promise<boolean>",
                "description": HOSTILE,
            },
        ],
        "a11y": {
            "label": HOSTILE,
            "attributes": {
                name: value
                for name, value in {
                    "aria-describedby": "help-" + HOSTILE,
                    "aria-level": "2",
                    "aria-live": "polite",
                }.items()
                if name not in meta.managed_attributes
            },
        },
        "bindings": bindings,
    }
    if "role" not in meta.managed_attributes:
        document["a11y"]["role"] = "region"
    return document


def maximal(pattern: Pattern) -> Requirements:
    return parse_requirements(maximal_document(pattern))


def every_pattern() -> tuple[Pattern, ...]:
    return builtin_patterns()
