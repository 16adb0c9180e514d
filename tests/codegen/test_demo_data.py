"""The sample design system that `redraft demo` generates."""

from __future__ import annotations

import json
from importlib import resources

from redraft.codegen.render import render_component
from redraft.core.tokens.model import TokenSet
from redraft.integrations.tokenfiles import parse_token_text
from redraft.spec.requirements import Requirements, parse_requirements

from .samples import every_pattern, generator

DATA = resources.files("redraft.features.demo") / "data"


def demo_tokens() -> TokenSet:
    return parse_token_text((DATA / "tokens.json").read_text(encoding="utf-8"), name="tokens.json")


def demo_requirements() -> list[Requirements]:
    folder = DATA / "requirements"
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".json")), key=lambda f: f.name)
    return [parse_requirements(json.loads(f.read_text(encoding="utf-8"))) for f in files]


def test_the_sample_tokens_are_a_rich_dtcg_set_with_aliases() -> None:
    document = json.loads((DATA / "tokens.json").read_text(encoding="utf-8"))
    assert "color" in document
    tokens = demo_tokens()
    assert len(tokens) >= 60
    types = {token.type for token in tokens}
    assert {
        "color",
        "dimension",
        "typography",
        "shadow",
        "border",
        "duration",
        "fontFamily",
        "fontWeight",
        "cubicBezier",
        "transition",
        "number",
    } <= types
    aliases = [t.path for t in tokens if len(tokens.alias_chain(t.path)) > 1]
    assert len(aliases) >= 20
    assert len(tokens.alias_chain("color.action.primary.text")) == 3
    shadow = tokens.find("shadow.raised")
    assert shadow is not None
    assert "color.shadow.ambient" in shadow.references


def test_the_sample_requirements_cover_every_pattern() -> None:
    specs = demo_requirements()
    assert len(specs) >= 8
    assert len({spec.name for spec in specs}) == len(specs)
    assert {spec.pattern for spec in specs} == {p.info.id for p in every_pattern()}
    assert any(spec.variants for spec in specs)
    assert any(spec.states for spec in specs)
    assert any(spec.events for spec in specs)
    assert any(spec.a11y.attributes for spec in specs)


def test_every_sample_component_renders_and_uses_only_semantic_tokens() -> None:
    tokens, builtin = demo_tokens(), generator()
    refs: set[str] = set()
    for spec in demo_requirements():
        out = render_component(builtin, tokens, spec)
        assert out.token_usage
        refs.add(builtin.resolve_pattern(spec.pattern, spec.pattern_version).ref)
        for use in out.token_usage:
            assert not use.path.startswith("color.base."), (spec.name, use.path)
    assert {"button@1.0.0", "button@1.1.0"} <= refs
