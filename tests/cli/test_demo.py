"""The README's first command: `redraft demo` seeds a SQLite workspace and serves it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def read_line_starting(process: subprocess.Popen[str], prefix: str, deadline: float) -> str:
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        if line.startswith(prefix):
            return line.removeprefix(prefix).strip()
    raise AssertionError(f"demo printed no line starting {prefix!r}")


@pytest.mark.slow
def test_demo_serves_every_sample_component_at_1_0_0(tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("REDRAFT_")}
    with subprocess.Popen(
        [
            sys.executable,
            "-m",
            "redraft",
            "demo",
            "--workspace",
            str(tmp_path / "ws"),
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=tmp_path,
    ) as process:
        try:
            run_demo_checks(process, port)
        finally:
            process.terminate()
            process.wait(timeout=20)


def run_demo_checks(process: subprocess.Popen[str], port: int) -> None:
    deadline = time.monotonic() + 60
    url = read_line_starting(process, "URL: ", deadline)
    token = read_line_starting(process, "API token: ", deadline)
    assert url == f"http://127.0.0.1:{port}"
    headers = {"Authorization": f"Bearer {token}"}
    while True:
        try:
            response = httpx.get(f"{url}/api/v1/components?limit=100", headers=headers)
            break
        except httpx.ConnectError:
            assert time.monotonic() < deadline, "the demo server never answered"
            time.sleep(0.2)
    components = response.json()["items"]
    assert len(components) >= 8
    assert {c["current_version"]["version"] for c in components} == {"1.0.0"}
    assert len({c["type"] for c in components}) >= 6


def test_demo_is_repeatable_and_prints_fresh_access(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from redraft.cli.main import app

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    first = runner.invoke(app, ["demo", "--workspace", "ws", "--no-serve"], catch_exceptions=False)
    second = runner.invoke(app, ["demo", "--workspace", "ws", "--no-serve"], catch_exceptions=False)

    assert first.exit_code == second.exit_code == 0, first.output + second.output
    tokens = [
        line.removeprefix("API token: ")
        for result in (first, second)
        for line in result.stdout.splitlines()
        if line.startswith("API token: ")
    ]
    assert len(tokens) == 2
    assert tokens[0] != tokens[1]
    assert "0 generated now" in second.stdout
