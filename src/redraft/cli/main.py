"""The `redraft` command: one Typer app with a sub-command per group."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from redraft import errors
from redraft.cli import (
    api,
    audit,
    compare,
    components,
    db,
    demo,
    history,
    merge,
    regeneration,
    retention,
    serve,
    tokens,
    users,
)
from redraft.cli.context import report


class _Group(TyperGroup):
    """Turns every expected error into a message on stderr and a meaningful exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except errors.RedraftError as exc:
            raise typer.Exit(report(exc)) from None


app = typer.Typer(
    cls=_Group,
    help="Keep generated React components in step with a design system.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(db.app, name="db")
app.add_typer(users.user_app, name="user")
app.add_typer(users.token_app, name="token")
app.add_typer(components.component_app, name="component")
app.add_typer(components.tag_app, name="tag")
app.add_typer(tokens.app, name="tokens")
app.add_typer(api.app, name="api")
app.command("versions")(components.versions)
app.command("download")(components.download)
app.command("schema")(components.schema)
app.command("merge")(merge.merge)
app.command("regenerate")(regeneration.regenerate)
app.command("accept")(regeneration.accept)
app.command("reject")(regeneration.reject)
app.command("resolve")(regeneration.resolve)
app.command("export")(regeneration.export)
app.command("import")(regeneration.import_edits)
app.command("rollback")(history.rollback)
app.add_typer(history.branch_app, name="branch")
app.command("audit")(audit.audit)
app.command("diff")(compare.diff)
app.command("archive")(retention.archive)
app.command("storage")(retention.storage)
app.command("demo")(demo.demo)
app.command("serve")(serve.serve)


def run() -> None:
    app()
