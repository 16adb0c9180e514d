"""`redraft` imports a command's module only when it runs, so quick commands start quickly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from redraft.cli.main import COMMANDS, app
from tests.factories import tokens

HEAVY = ("sqlalchemy", "alembic", "fastapi", "tree_sitter", "jinja2", "redraft.db")

PROBE = """
import json, sys
from redraft.cli.main import app
try:
    app(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted({m.split(".")[0] if not m.startswith("redraft.") else m
                         for m in sys.modules})))
"""


def imported_by(*args: str) -> set[str]:
    """Modules a fresh `redraft ARGS…` process has imported when the command has run."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def heavy(modules: set[str]) -> set[str]:
    return {m for m in modules if m.startswith(HEAVY)}


def test_tokens_diff_runs_without_importing_the_database_or_parsers(tmp_path: Path) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps(tokens()))
    new.write_text(json.dumps(tokens(blue_500="#ff0000")))

    modules = imported_by("tokens", "diff", str(old), str(new), "--format", "json")

    assert "redraft.core.changes" in modules  # the command really ran
    assert heavy(modules) == set()


def test_merge_and_api_diff_run_without_importing_the_database(tmp_path: Path) -> None:
    base = tmp_path / "Base.tsx"
    base.write_text("export function A(props: { a: string }) {\n  return null;\n}\n")

    merged = imported_by("merge", str(base), str(base), str(base))
    api = imported_by("api", "diff", str(base), str(base))

    assert "redraft.core.merge" in merged
    assert heavy(merged) == set()
    assert "redraft.integrations.tsx" in api
    assert heavy(api) <= {"tree_sitter", "tree_sitter_typescript"}  # the parser it needs


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_in_the_table_loads_and_has_help(name: str) -> None:
    result = CliRunner().invoke(app, [name, "--help"], prog_name="redraft")

    assert result.exit_code == 0, result.output
    assert f"redraft {name}" in result.output


def test_top_level_help_lists_every_command() -> None:
    result = CliRunner().invoke(app, ["--help"])

    assert result.exit_code == 0
    for name in COMMANDS:
        assert f" {name} " in result.output


def test_a_mistyped_command_is_refused_with_a_suggestion() -> None:
    result = CliRunner().invoke(app, ["regenrate"])

    assert result.exit_code == 2
    assert "regenerate" in result.output
