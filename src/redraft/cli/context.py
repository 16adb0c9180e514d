"""What every command shares: settings, a transaction, output in text or JSON, exit codes."""

from __future__ import annotations

import getpass
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Any

import typer
from rich.console import Console
from rich.text import Text
from sqlalchemy.orm import Session

from redraft import errors
from redraft.config import Settings
from redraft.db.engine import create_engine_for
from redraft.db.session import create_session_factory, unit_of_work

console = Console()
# Messages go out whole: a wrapped path or id cannot be copied or matched by scripts.
err_console = Console(stderr=True, soft_wrap=True)

# Exit codes scripts can rely on (documented in the README). 1 is reserved for
# "the answer is yes, something differs" in diff-style commands.
EXIT_CODES: list[tuple[type[errors.RedraftError], int]] = [
    (errors.PayloadTooLarge, 2),
    (errors.InvalidInput, 2),
    (errors.NotFound, 3),
    (errors.Conflict, 4),
    (errors.Unauthenticated, 5),
    (errors.Forbidden, 5),
    (errors.GenerationError, 6),
    (errors.ConfigError, 7),
]


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


FormatOption = typer.Option(
    OutputFormat.text, "--format", "-f", help="text for people, json for machines"
)


def exit_code_for(exc: errors.RedraftError) -> int:
    for cls, code in EXIT_CODES:
        if isinstance(exc, cls):
            return code
    return 1


def default_actor() -> str:
    return os.environ.get("REDRAFT_ACTOR") or f"cli:{getpass.getuser()}"


def load_settings() -> Settings:
    try:
        return Settings()
    except ValueError as exc:
        raise errors.ConfigError(f"invalid REDRAFT_ settings: {exc}") from None


@contextmanager
def transaction(settings: Settings | None = None) -> Iterator[Session]:
    """One command, one transaction: committed when the block ends, rolled back on error."""
    # Alembic (~0.15 s to import) is needed only once a command touches the database.
    from redraft.db.migrate import check_current

    engine = create_engine_for((settings or load_settings()).database.url)
    try:
        check_current(engine)
        with unit_of_work(create_session_factory(engine)) as session:
            yield session
    finally:
        engine.dispose()


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, default=str, ensure_ascii=False) + "\n")


def report(exc: errors.RedraftError) -> int:
    """Print the error for people (never as markup) and return the exit code."""
    err_console.print(Text.assemble(("error: ", "bold red"), exc.detail))
    for item in exc.extra.get("errors", [])[:20]:
        err_console.print(Text(f"  {item.get('loc', '')}: {item.get('msg', '')}"))
    return exit_code_for(exc)
