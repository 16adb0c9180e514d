"""The real TypeScript compiler on every pattern, rendered from many requirement sets."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from redraft.codegen.base import GeneratedComponent
from redraft.codegen.render import render_component
from redraft.core.tokens.model import TokenSet
from redraft.spec.requirements import Requirements

from .samples import every_pattern, generator, maximal, minimal, sample_tokens
from .test_demo_data import demo_requirements, demo_tokens

TOOLS = Path(__file__).resolve().parents[2] / "tools"
TSC = TOOLS / "node_modules" / ".bin" / "tsc"
# Stricter than `--strict` alone: consumers often turn these on, and generated code must not be
# the reason their build fails.
COMPILER_OPTIONS = {
    "strict": True,
    "noEmit": True,
    "jsx": "react-jsx",
    "target": "es2022",
    "module": "esnext",
    "moduleResolution": "bundler",
    "lib": ["es2022", "dom", "dom.iterable"],
    "types": [],
    "skipLibCheck": True,
    "isolatedModules": True,
    "verbatimModuleSyntax": True,
    "noUncheckedIndexedAccess": True,
    "exactOptionalPropertyTypes": True,
    "noImplicitReturns": True,
    "noFallthroughCasesInSwitch": True,
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


@pytest.mark.node
@pytest.mark.slow
def test_every_generated_file_type_checks_with_the_typescript_compiler(tmp_path: Path) -> None:
    tsc = require_tsc()
    patterns = every_pattern()
    cases = render_all(sample_tokens(), [minimal(p) for p in patterns], "minimal")
    cases |= render_all(sample_tokens(), [maximal(p) for p in patterns], "maximal")
    cases |= render_all(demo_tokens(), demo_requirements(), "demo")
    write_project(tmp_path, cases)
    result = subprocess.run(
        [str(tsc), "-p", str(tmp_path / "tsconfig.json")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(list(tmp_path.glob("*/*.tsx"))) == 2 * len(cases)
