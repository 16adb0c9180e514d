from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from redraft.cli.main import app


def test_db_upgrade_prepares_a_fresh_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REDRAFT_DATABASE__URL", f"sqlite:///{tmp_path / 'fresh.db'}")
    runner = CliRunner()

    before = runner.invoke(app, ["component", "list"])
    upgraded = runner.invoke(app, ["db", "upgrade"])
    again = runner.invoke(app, ["db", "upgrade"])
    after = runner.invoke(app, ["component", "list", "--format", "json"])

    assert before.exit_code == 7
    assert "redraft db upgrade" in before.stderr
    assert upgraded.exit_code == 0, upgraded.output
    assert "database at revision" in upgraded.stdout
    assert again.exit_code == 0
    assert after.exit_code == 0, after.output
    assert '"total": 0' in after.stdout


def test_unsupported_database_url_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDRAFT_DATABASE__URL", "mysql://localhost/x")
    result = CliRunner().invoke(app, ["component", "list"])
    assert result.exit_code == 7
    assert "REDRAFT_" in result.stderr


def test_every_command_has_help() -> None:
    runner = CliRunner()
    groups = {
        "db": ["upgrade"],
        "user": ["create"],
        "token": ["create"],
        "component": ["create", "list", "show"],
        "tag": ["add", "remove"],
    }
    groups |= {
        "tokens": ["diff"],
        "api": ["diff"],
        "branch": ["create", "list", "merge", "archive"],
    }
    singles = [
        "versions",
        "download",
        "schema",
        "demo",
        "serve",
        "merge",
        "regenerate",
        "accept",
        "reject",
        "resolve",
        "export",
        "import",
    ]
    invocations = [[g, c, "--help"] for g, cs in groups.items() for c in cs]
    invocations += [[s, "--help"] for s in singles] + [["--help"]]
    for args in invocations:
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
        assert "Usage" in result.stdout
