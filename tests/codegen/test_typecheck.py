"""The real TypeScript compiler on every pattern, rendered from many requirement sets."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from redraft.codegen.base import GeneratedComponent
from redraft.codegen.catalog import Pattern
from redraft.codegen.render import render_component
from redraft.core.tokens.model import TokenSet
from redraft.spec.requirements import Requirements, parse_requirements

from .samples import every_pattern, generator, maximal, minimal, pascal, sample_tokens
from .test_demo_data import demo_requirements, demo_tokens

TOOLS = Path(__file__).resolve().parents[2] / "tools"
TSC = TOOLS / "node_modules" / ".bin" / "tsc"
# Vite's React + TypeScript template (create-vite's tsconfig.app.json: strict, the unused-code
# checks, erasable syntax only, verbatim imports) plus every further check of @tsconfig/strictest
# and TypeScript's own "recommended" list: consumers turn these on, and generated code must never
# be the reason their build fails.
COMPILER_OPTIONS = {
    "target": "es2022",
    "lib": ["es2022", "dom", "dom.iterable"],
    "useDefineForClassFields": True,
    "module": "esnext",
    "types": [],
    "skipLibCheck": True,
    "moduleResolution": "bundler",
    "allowImportingTsExtensions": True,
    "verbatimModuleSyntax": True,
    "moduleDetection": "force",
    "noEmit": True,
    "jsx": "react-jsx",
    "strict": True,
    "noUnusedLocals": True,
    "noUnusedParameters": True,
    "erasableSyntaxOnly": True,
    "noFallthroughCasesInSwitch": True,
    "noUncheckedSideEffectImports": True,
    "isolatedModules": True,
    "exactOptionalPropertyTypes": True,
    "noUncheckedIndexedAccess": True,
    "noImplicitReturns": True,
    "noImplicitOverride": True,
    "noPropertyAccessFromIndexSignature": True,
    "allowUnusedLabels": False,
    "allowUnreachableCode": False,
    "forceConsistentCasingInFileNames": True,
}


def require_tsc() -> Path:
    if TSC.exists() and shutil.which("node") is not None:
        return TSC
    message = "tools/node_modules is missing: run scripts/setup to install tools/node_modules"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true: a missing tool fails, never skips)", pytrace=False)
    pytest.skip(message)


def write_project(folder: Path, cases: dict[str, GeneratedComponent]) -> None:
    for case, out in cases.items():
        target = folder / case
        target.mkdir(parents=True)
        (target / out.code_file).write_text(out.code, encoding="utf-8")
        (target / out.stories_file).write_text(out.stories, encoding="utf-8")
    (folder / "node_modules").symlink_to(TOOLS / "node_modules", target_is_directory=True)
    config = {"compilerOptions": COMPILER_OPTIONS, "include": ["**/*.tsx"]}
    (folder / "tsconfig.json").write_text(json.dumps(config, indent=2), encoding="utf-8")


def render_all(
    tokens: TokenSet, requirements: list[Requirements], prefix: str
) -> dict[str, GeneratedComponent]:
    builtin = generator()
    return {
        f"{prefix}-{index:02d}-{spec.name}": render_component(builtin, tokens, spec)
        for index, spec in enumerate(requirements)
    }


def one_state(pattern: Pattern, state: str) -> Requirements:
    """The pattern with one of its built-in states alone (a button that is never loading)."""
    return parse_requirements(
        {
            "name": f"{pascal(state)}{pascal(pattern.info.id)}",
            "pattern": pattern.info.id,
            "pattern_version": pattern.info.version,
            "states": [state],
        }
    )


def run_tsc(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(require_tsc()), "-p", str(folder / "tsconfig.json")],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.node
@pytest.mark.slow
def test_every_generated_file_type_checks_with_the_typescript_compiler(tmp_path: Path) -> None:
    require_tsc()
    patterns = every_pattern()
    cases = render_all(sample_tokens(), [minimal(p) for p in patterns], "minimal")
    cases |= render_all(sample_tokens(), [maximal(p) for p in patterns], "maximal")
    states = [one_state(p, state) for p in patterns for state in p.meta.states]
    cases |= render_all(sample_tokens(), states, "state")
    cases |= render_all(demo_tokens(), demo_requirements(), "demo")
    write_project(tmp_path, cases)

    result = run_tsc(tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert len(list(tmp_path.glob("*/*.tsx"))) == 2 * len(cases)
    assert len(states) >= 8


# What people add to generated stories by hand: every field of Storybook's `Meta` (CSF3
# component annotations) and of a story, written as Storybook's docs write them.
META_FIELDS = """\
  id: "customised",
  subcomponents: { Same: COMPONENT },
  includeStories: /^[A-Z]/,
  excludeStories: ["sampleData"],
  argTypes: {
    heading: { control: "text", description: "The heading." },
  },
  parameters: {
    layout: "centered",
    docs: { description: { component: "Hand-written docs." } },
  },
  decorators: [
    (Story) => (
      <div style={{ padding: 16 }}>
        <Story />
      </div>
    ),
  ],
  loaders: [async () => ({ sample: sampleData })],
  beforeEach: async () => {
    return () => {};
  },
  afterEach: async () => {},
  render: (args) => <COMPONENT {...args} />,
  play: async ({ canvasElement, step }) => {
    await step("it renders", async () => {
      if (canvasElement.childElementCount === 0) {
        throw new Error("nothing rendered");
      }
    });
  },
  tags: ["autodocs", "!dev"],
  globals: { theme: "dark" },
"""
STORY = """
export const sampleData = { label: "sample" };

export const Customised: Story = {
  name: "Customised by hand",
  args: {},
  argTypes: { heading: { control: false } },
  parameters: { layout: "fullscreen" },
  decorators: [(Story) => <Story />],
  loaders: [async () => ({})],
  beforeEach: async () => {},
  render: (args, { loaded }) => <COMPONENT {...args} data-loaded={Object.keys(loaded).length} />,
  play: async ({ args, canvasElement }) => {
    canvasElement.setAttribute("data-args", Object.keys(args).join(","));
  },
  tags: ["!autodocs"],
  globals: { theme: "light" },
};
"""


def with_hand_added_fields(out: GeneratedComponent, *, meta_fields: str) -> str:
    name = out.code_file.removesuffix(".tsx")
    component_line = f"  component: {name},\n"
    assert component_line in out.stories
    extra = meta_fields.replace("COMPONENT", name)
    stories = out.stories.replace(component_line, component_line + extra, 1)
    return stories + STORY.replace("COMPONENT", name)


@pytest.mark.node
@pytest.mark.slow
def test_generated_stories_accept_every_storybook_field_and_refuse_unknown_ones(
    tmp_path: Path,
) -> None:
    require_tsc()
    cases = render_all(sample_tokens(), [maximal(p) for p in every_pattern()], "fields")
    cases["misspelt"] = cases["fields-00-MaximalAlert"]
    write_project(tmp_path, cases)
    for case, out in cases.items():
        fields = (
            META_FIELDS.replace("  parameters:", "  paramters:")
            if case == "misspelt"
            else META_FIELDS
        )
        stories = with_hand_added_fields(out, meta_fields=fields)
        (tmp_path / case / out.stories_file).write_text(stories, encoding="utf-8")

    result = run_tsc(tmp_path)

    # The types are Storybook's own, not `any`: the one misspelt field is the only error.
    errors = [line for line in result.stdout.splitlines() if "error TS" in line]
    assert len(errors) == 1, result.stdout + result.stderr
    assert errors[0].startswith("misspelt/MaximalAlert.stories.tsx(")
    assert "'paramters' does not exist" in errors[0]
