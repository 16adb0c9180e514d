"""The built-in generator: Jinja2 patterns shipped in this package."""

from __future__ import annotations

from collections.abc import Sequence

from jinja2 import Environment, PackageLoader, StrictUndefined

from redraft import __version__
from redraft.codegen.base import GeneratedComponent, GenerationInputs, PatternInfo
from redraft.codegen.catalog import Pattern, builtin_patterns, find_exact, resolve
from redraft.codegen.escape import jsx_text, ts_string
from redraft.codegen.view import build_context, used_names
from redraft.errors import GenerationError


def make_environment() -> Environment:
    """The Jinja2 environment for TSX: no HTML escaping (values are escaped by filters)."""
    env = Environment(
        loader=PackageLoader("redraft.codegen", "patterns"),
        autoescape=False,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters["ts_string"] = ts_string
    env.filters["jsx_text"] = jsx_text
    env.globals["open_tag"] = open_tag
    env.globals["used_names"] = used_names
    return env


def open_tag(tag: str, attributes: list[str], indent: int, end: str = ">") -> str:
    """A JSX opening tag: inline with one attribute, otherwise one attribute per line.

    ``indent`` is the tag's column; the returned text has no trailing newline.
    """
    pad = " " * indent
    if len(attributes) <= 1:
        inline = "".join(f" {a}" for a in attributes)
        return f"{pad}<{tag}{inline}{' />' if end == '/>' else end}"
    lines = [f"{pad}<{tag}", *(f"{pad}  {a}" for a in attributes), f"{pad}{end}"]
    return "\n".join(lines)


class BuiltinGenerator:
    """Renders ``Name.tsx`` and ``Name.stories.tsx`` from the built-in patterns.

    Attributes:
        name: ``builtin``.
        version: the redraft version; it is part of every generation's inputs.
    """

    name: str = "builtin"
    version: str = __version__

    def __init__(self) -> None:
        self._patterns: tuple[Pattern, ...] = builtin_patterns()
        self._env = make_environment()

    def patterns(self) -> Sequence[PatternInfo]:
        """Every pattern version, sorted by id then version."""
        return [pattern.info for pattern in self._patterns]

    def resolve_pattern(self, pattern_id: str, constraint: str = "*") -> PatternInfo:
        """The newest ``pattern_id`` version meeting ``constraint``; ``UnknownPattern`` if none."""
        return resolve(self._patterns, pattern_id, constraint).info

    def render(self, inputs: GenerationInputs) -> GeneratedComponent:
        """Render both files; the same inputs always give byte-identical output.

        Raises:
            UnknownPattern: the inputs name a pattern version this generator does not ship.
            RequirementsError: the requirements do not fit the pattern.
            GenerationError: a bound token is missing or has no CSS form, or the inputs were
                made for another generator.
        """
        if (inputs.generator, inputs.generator_version) != (self.name, self.version):
            raise GenerationError(
                f"inputs are for {inputs.generator}@{inputs.generator_version}, "
                f"not {self.name}@{self.version}"
            )
        if inputs.requirements.pattern != inputs.pattern.id:
            raise GenerationError(
                f"requirements ask for pattern {inputs.requirements.pattern!r}, "
                f"inputs carry {inputs.pattern.ref}"
            )
        pattern = find_exact(self._patterns, inputs.pattern)
        context = build_context(inputs, pattern)
        name = inputs.requirements.name
        return GeneratedComponent(
            code=self._render(pattern, "component.tsx.j2", context),
            stories=self._render(pattern, "stories.tsx.j2", context),
            code_file=f"{name}.tsx",
            stories_file=f"{name}.stories.tsx",
            inputs_sha256=inputs.sha256(),
            token_usage=context["token_usage"],
        )

    def _render(self, pattern: Pattern, template: str, context: dict[str, object]) -> str:
        text = self._env.get_template(pattern.template(template)).render(context)
        # Canonical text for line merges: LF, no trailing blanks, exactly one final newline.
        lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
        return "\n".join(lines).rstrip("\n") + "\n"
