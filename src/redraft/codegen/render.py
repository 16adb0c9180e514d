"""One call from tokens + requirements to generated files."""

from __future__ import annotations

from collections.abc import Mapping

from redraft.codegen.base import GeneratedComponent, GenerationInputs, Generator
from redraft.core.tokens.model import JsonValue, TokenSet
from redraft.spec.requirements import Requirements


def generation_inputs(
    generator: Generator,
    tokens: TokenSet,
    requirements: Requirements,
    *,
    parameters: Mapping[str, JsonValue] | None = None,
) -> GenerationInputs:
    """The inputs for ``requirements``, with the newest pattern version its constraint allows."""
    pattern = generator.resolve_pattern(requirements.pattern, requirements.pattern_version)
    return GenerationInputs(
        tokens=tokens,
        requirements=requirements,
        pattern=pattern,
        generator=generator.name,
        generator_version=generator.version,
        parameters=dict(sorted((parameters or {}).items())),
    )


def render_component(
    generator: Generator,
    tokens: TokenSet,
    requirements: Requirements,
    *,
    parameters: Mapping[str, JsonValue] | None = None,
) -> GeneratedComponent:
    """Resolve the pattern, build the inputs and render.

    Raises:
        UnknownPattern: no version of the requirements' pattern meets ``pattern_version``.
        RequirementsError: the requirements do not fit the pattern.
        GenerationError: a bound token is missing or cannot be written as CSS.
    """
    inputs = generation_inputs(generator, tokens, requirements, parameters=parameters)
    return generator.render(inputs)
