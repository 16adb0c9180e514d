"""Output every command shares, with no database in sight: text or JSON, errors, exit codes.

Kept apart from `context` (settings, transactions) so that commands which never touch the
database (`tokens diff`, `api diff`, `merge`) start without importing SQLAlchemy.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Any

import typer
from rich.console import Console
from rich.text import Text

from redraft import errors

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
    (errors.Unavailable, 7),  # the configured database does not answer
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


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, default=str, ensure_ascii=False) + "\n")


def report(exc: errors.RedraftError) -> int:
    """Print the error for people (never as markup) and return the exit code."""
    err_console.print(Text.assemble(("error: ", "bold red"), exc.detail))
    for item in exc.extra.get("errors", [])[:20]:
        err_console.print(Text(f"  {item.get('loc', '')}: {item.get('msg', '')}"))
    return exit_code_for(exc)
