"""The `redraft` command: one Typer app whose sub-commands are imported when they are run.

Importing every command module costs ~0.8 s (SQLAlchemy, tree-sitter, the codegen registry);
`redraft tokens diff` needs none of it. So the table below names each command's module and
attribute, and a command is imported only when it is run (or when help lists them all).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import Any

import typer
from typer.core import TyperGroup

from redraft import errors
from redraft.cli.output import report

# name → "module:attribute"; a Typer attribute is a group of commands, a function one command.
COMMANDS: dict[str, str] = {
    "db": "redraft.cli.db:app",
    "user": "redraft.cli.users:user_app",
    "token": "redraft.cli.users:token_app",
    "component": "redraft.cli.components:component_app",
    "tag": "redraft.cli.components:tag_app",
    "tokens": "redraft.cli.tokens:app",
    "api": "redraft.cli.api:app",
    "versions": "redraft.cli.components:versions",
    "download": "redraft.cli.components:download",
    "schema": "redraft.cli.components:schema",
    "merge": "redraft.cli.merge:merge",
    "regenerate": "redraft.cli.regeneration:regenerate",
    "accept": "redraft.cli.regeneration:accept",
    "reject": "redraft.cli.regeneration:reject",
    "resolve": "redraft.cli.regeneration:resolve",
    "export": "redraft.cli.regeneration:export",
    "import": "redraft.cli.regeneration:import_edits",
    "rollback": "redraft.cli.history:rollback",
    "branch": "redraft.cli.history:branch_app",
    "audit": "redraft.cli.audit:audit",
    "diff": "redraft.cli.compare:diff",
    "archive": "redraft.cli.retention:archive",
    "storage": "redraft.cli.retention:storage",
    "demo": "redraft.cli.demo:demo",
    "serve": "redraft.cli.serve:serve",
}


def load_command(name: str, target: str) -> Any:
    """The Click command for `name`, built from the Typer app or function `target` names."""
    module, attribute = target.split(":")
    found = getattr(importlib.import_module(module), attribute)
    if isinstance(found, typer.Typer):
        command: Any = typer.main.get_group(found)  # a group even when it has one command
    else:
        single = typer.Typer()
        single.command(name)(found)
        command = typer.main.get_command(single)
    command.name = name
    return command


class _LazyCommands(Mapping[str, Any]):
    """The command table as Click sees it: names known up front, each loaded on first use."""

    def __init__(self, targets: Mapping[str, str]) -> None:
        self._targets = dict(targets)
        self._loaded: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._loaded:
            self._loaded[name] = load_command(name, self._targets[name])
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._targets)

    def __len__(self) -> int:
        return len(self._targets)


class _Group(TyperGroup):
    """Loads commands lazily and turns every expected error into a message and an exit code."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _LazyCommands(COMMANDS)  # type: ignore[assignment]

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except errors.RedraftError as exc:
            raise typer.Exit(report(exc)) from None


app = typer.Typer(
    cls=_Group,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def main() -> None:
    """Keep generated React components in step with a design system."""


def run() -> None:
    app()
