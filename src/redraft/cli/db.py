"""`redraft db`: database migrations."""

from __future__ import annotations

import typer

from redraft.cli.context import load_settings
from redraft.cli.output import console
from redraft.db.engine import create_engine_for
from redraft.db.migrate import current_revision, upgrade

app = typer.Typer(help="Database schema management.", no_args_is_help=True)


@app.command("upgrade")
def upgrade_command(
    revision: str = typer.Argument("head", help="Alembic revision to upgrade to."),
) -> None:
    """Apply the migrations shipped with redraft to the configured database."""
    settings = load_settings()
    engine = create_engine_for(settings.database.url)
    try:
        upgrade(engine, revision)
        console.print(f"database at revision {current_revision(engine)}", highlight=False)
    finally:
        engine.dispose()
