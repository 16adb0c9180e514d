"""`redraft serve`: several worker processes (with the secret key they must share), and a
database that does not answer."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from redraft.cli.main import app
from redraft.db.migrate import upgrade
from tests.cli.test_demo import free_port

SECRET = "s" * 40


def test_several_workers_without_a_secret_key_is_a_configuration_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("REDRAFT_SECRET_KEY", raising=False)

    result = CliRunner().invoke(app, ["serve", "--workers", "2", "--port", str(free_port())])

    assert result.exit_code == 7
    assert "--workers 2 needs REDRAFT_SECRET_KEY" in result.stderr


def test_a_database_that_refuses_connections_is_reported_with_exit_7(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Port 1 on loopback: nothing listens, the connection is refused at once.
    monkeypatch.setenv("REDRAFT_DATABASE__URL", "postgresql://nobody@127.0.0.1:1/none")

    result = CliRunner().invoke(app, ["component", "list"])

    assert result.exit_code == 7
    assert "the database is not answering" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_serve_with_two_workers_answers_from_both_processes(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'redraft.db'}"
    upgrade(database)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("REDRAFT_")}
    env |= {"REDRAFT_DATABASE__URL": database, "REDRAFT_SECRET_KEY": SECRET}
    with subprocess.Popen(
        [sys.executable, "-m", "redraft", "serve", "--workers", "2", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=tmp_path,
    ) as process:
        try:
            # Two processes importing the whole stack at once: seconds on an idle machine,
            # 40 s seen on one shared with other test runs.
            deadline = time.monotonic() + 180
            while True:
                try:
                    ready = httpx.get(f"http://127.0.0.1:{port}/readyz")
                    break
                except httpx.ConnectError:
                    assert process.poll() is None, "the server exited"
                    assert time.monotonic() < deadline, "the server never answered"
                    time.sleep(0.2)
            assert ready.status_code == 200
            assert ready.json()["checks"]["database"]["status"] == "ok"
            # Both workers run their lifespan (and so check the database) before either
            # says it is ready; wait until both have said so.
            log = ""
            assert process.stdout is not None
            while len(set(re.findall(r"Started server process \[(\d+)\]", log))) < 2:
                assert time.monotonic() < deadline, log
                log += process.stdout.readline()
        finally:
            process.terminate()
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                raise
