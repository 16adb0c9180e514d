"""Regeneration skips the render when no token the output read changed, and is right to.

`pipeline.unchanged` answers "up to date" from the stored token usage alone. That is safe only
if the generator's output depends on nothing else among the tokens: checked here against real
renders of every demo component, one changed token at a time.
"""

from __future__ import annotations

import copy
import dataclasses
import json
from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from redraft.codegen.base import GeneratedComponent, GenerationInputs
from redraft.codegen.builtin import BuiltinGenerator
from redraft.codegen.registry import load_generator
from redraft.codegen.render import generation_inputs
from redraft.core.merge.header import split_header
from redraft.core.tokens import TokenSet, parse_tokens
from redraft.db.session import unit_of_work
from redraft.features.components import service as components
from redraft.features.demo.service import sample_requirements
from redraft.features.regeneration import service as regeneration
from redraft.features.regeneration.pipeline import Snapshot, unchanged, used_paths
from redraft.spec.requirements import Requirements, parse_requirements
from tests.factories import button_requirements, tokens

DOCUMENT: dict[str, Any] = json.loads(
    (resources.files("redraft.features.demo") / "data" / "tokens.json").read_text("utf-8")
)


def literal_leaves(node: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Paths of tokens whose value is written out (not an alias) and that we can change."""
    if not isinstance(node, dict):
        return
    if "$value" in node:
        if changed(node["$value"]) is not None:
            yield path
        return
    for key, child in node.items():
        if not key.startswith("$"):
            yield from literal_leaves(child, (*path, key))


def changed(value: Any) -> Any:
    """Another value of the same kind, or None for kinds this test leaves alone."""
    if isinstance(value, dict) and "hex" in value:
        return "#123457" if value["hex"].lower() != "#123457" else "#123458"
    if isinstance(value, dict) and "unit" in value:
        return {**value, "value": value["value"] + 1}
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value + 1
    return None


def with_change(path: tuple[str, ...]) -> TokenSet:
    document = copy.deepcopy(DOCUMENT)
    node = document
    for key in path:
        node = node[key]
    node["$value"] = changed(node["$value"])
    return parse_tokens({"tokens.json": document})


def body(text: str) -> list[str]:
    return split_header(text.split("\n")).body


def snapshot(tokens: TokenSet, spec: Requirements) -> Snapshot:
    generator = load_generator()
    output = generator.render(generation_inputs(generator, tokens, spec))
    return Snapshot(
        tokens=tokens,
        requirements=spec.canonical(),
        pattern_id=spec.pattern,
        pattern_version=output_pattern_version(spec),
        code=output.code,
        stories=output.stories,
        pristine_code=output.code,
        pristine_stories=output.stories,
        token_paths=frozenset(use.path for use in output.token_usage),
    )


def output_pattern_version(spec: Requirements) -> str:
    return load_generator().resolve_pattern(spec.pattern, spec.pattern_version).version


@pytest.mark.slow
def test_skipping_the_render_never_misses_an_output_change() -> None:
    generator = load_generator()
    before = parse_tokens({"tokens.json": DOCUMENT})
    specs = sample_requirements()
    olds = [snapshot(before, spec) for spec in specs]
    paths = list(literal_leaves(DOCUMENT))
    assert len(paths) > 40
    skipped = rendered = 0

    for path in paths:
        after = with_change(path)
        for spec, old in zip(specs, olds, strict=True):
            fast = unchanged(old, after)
            new = generator.render(generation_inputs(generator, after, spec))
            same_output = (body(new.code), body(new.stories)) == (
                body(old.pristine_code),
                body(old.pristine_stories),
            )
            if fast is None:
                rendered += 1
                continue
            skipped += 1
            assert same_output, (".".join(path), spec.name)
            assert fast.changes.is_empty
            assert fast.code.text == old.code
            assert fast.stories.text == old.stories
            assert fast.diff.identical

    # Both answers really occur: most changes reach few components.
    assert skipped > rendered > 0


class CountingGenerator(BuiltinGenerator):
    """The built-in generator, counting its renders."""

    def __init__(self) -> None:
        super().__init__()
        self.renders = 0

    def render(self, inputs: GenerationInputs) -> GeneratedComponent:
        self.renders += 1
        return super().render(inputs)


def test_a_change_to_a_token_the_component_never_reads_is_up_to_date_without_a_render(
    session_factory: sessionmaker[Session],
) -> None:
    generator = CountingGenerator()
    before = parse_tokens({"tokens.json": tokens()})
    with unit_of_work(session_factory) as session:
        created = components.create_component(
            session,
            requirements=parse_requirements(button_requirements("Cta")),
            tokens=before,
            generator=generator,
            actor="setup",
        )
        usage = components.load_content(session, created).token_usage
    used = used_paths([before], [use["path"] for use in usage])
    assert "color.blue.500" in used  # through color.brand.primary
    assert "color.blue.600" not in used
    generator.renders = 0

    def regenerate(**changed: str) -> regeneration.RegenerationResult:
        with unit_of_work(session_factory) as session:
            return regeneration.regenerate(
                session,
                "Cta",
                generator=generator,
                actor="ci",
                tokens=parse_tokens({"tokens.json": tokens(**changed)}),
            )

    unread = regenerate(blue_600="#000001")
    assert unread.up_to_date
    assert generator.renders == 0

    read = regenerate(blue_500="#000001")
    assert read.draft is not None
    assert generator.renders == 1


def with_metadata(tokens: TokenSet) -> TokenSet:
    """Every token described, scoped and deprecated: what `unchanged` may skip a render for."""
    return TokenSet(
        {
            token.path: dataclasses.replace(
                token,
                description=f"{token.path}, described",
                extensions={"com.figma.scopes": ["ALL_SCOPES"]},
                deprecated="Use something else.",
            )
            for token in tokens
        }
    )


def test_token_metadata_is_no_part_of_any_output() -> None:
    generator = load_generator()
    before = parse_tokens({"tokens.json": DOCUMENT})
    after = with_metadata(before)
    for spec in sample_requirements():
        old = snapshot(before, spec)
        new = generator.render(generation_inputs(generator, after, spec))
        assert (new.code, new.stories) == (old.pristine_code, old.pristine_stories), spec.name
        fast = unchanged(old, after)
        assert fast is not None, spec.name
        assert not fast.changes.tokens.is_empty
        assert fast.code.text == old.code
