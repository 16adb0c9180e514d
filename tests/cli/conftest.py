from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from redraft.cli.main import app


class Cli:
    """Runs `redraft …` in-process against the test database."""

    def __init__(self, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("REDRAFT_DATABASE__URL", db_url)
        monkeypatch.setenv("REDRAFT_ACTOR", "ci-bot")
        self.runner = CliRunner()

    def __call__(self, *args: str, code: int = 0) -> Any:
        result = self.runner.invoke(app, list(args), catch_exceptions=False)
        assert result.exit_code == code, (args, result.exit_code, result.output)
        return result

    def json(self, *args: str) -> Any:
        return json.loads(self(*args, "--format", "json").stdout)


@pytest.fixture
def cli(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Cli:
    return Cli(db_url, monkeypatch)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    from tests.factories import button_requirements, tokens

    req = tmp_path / "button.json"
    req.write_text(json.dumps(button_requirements()))
    tok = tmp_path / "tokens.json"
    tok.write_text(json.dumps(tokens()))
    return {"requirements": req, "tokens": tok}
