"""The `redraft` command."""

from __future__ import annotations

import typer

app = typer.Typer(help="Keep generated React components in step with a design system.")


@app.callback()
def main() -> None:
    """redraft: versioned, regenerable React components that keep their hand edits."""


def run() -> None:
    app()
