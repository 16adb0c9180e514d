"""`redraft tokens diff`: what changed between two token sets, on resolved values."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table
from rich.text import Text

from redraft import errors
from redraft.cli.output import FormatOption, OutputFormat, console, print_json, report
from redraft.core.changes import TokenChange, TokenChangeKind, TokenDiff, diff_tokens
from redraft.core.changes.jsonvalue import brief
from redraft.integrations.tokenfiles import load_token_source

# Diff-style exit codes: 1 means "they differ", so every error is 2, whatever its class.
EXIT_SAME, EXIT_DIFFERENT, EXIT_ERROR = 0, 1, 2
# Rich renders a table row in about 0.5 ms: 5,000 rows took 2.4-3.9 s. Text output therefore
# folds alias rows into their cause and shows a limited number of rows per kind; JSON lists all.
_ROW_LIMIT = 200
_REACH_NAMES = 3


class TokenFormat(StrEnum):
    dtcg = "dtcg"
    tokens_studio = "tokens-studio"
    plain = "plain"


app = typer.Typer(help="Inspect design token sets.", no_args_is_help=True)


@app.command("diff")
def diff(
    old: Path = typer.Argument(..., help="Token file or directory before."),
    new: Path = typer.Argument(..., help="Token file or directory after."),
    output: OutputFormat = FormatOption,
    tokens_format: TokenFormat | None = typer.Option(
        None, "--tokens-format", help="Format of both sources; detected when left out."
    ),
    theme: str | None = typer.Option(
        None, "--theme", help="Tokens Studio theme whose sets to compare."
    ),
    aliases: bool = typer.Option(
        False, "--aliases", help="Text: a row for every token a change reached through aliases."
    ),
    limit: int = typer.Option(
        _ROW_LIMIT, "--limit", min=0, help="Text: at most this many rows per kind (0: all)."
    ),
) -> None:
    """Compare two token sets on resolved values; exit 0 if equal, 1 if they differ, 2 on error.

    A change to a base token is listed on every token that aliases it, with the chain it came
    through (in text, folded into the base token's row unless --aliases is given).
    """
    chosen = tokens_format.value if tokens_format is not None else None
    try:
        before = load_token_source(old, format=chosen, theme=theme)
        after = load_token_source(new, format=chosen, theme=theme)
    except errors.RedraftError as exc:
        report(exc)
        raise typer.Exit(EXIT_ERROR) from None
    result = diff_tokens(before, after)
    if output is OutputFormat.json:
        print_json(result.to_json())
    else:
        _print_text(result, fold=not aliases, limit=limit)
    raise typer.Exit(EXIT_SAME if result.is_empty else EXIT_DIFFERENT)


def _print_text(result: TokenDiff, *, fold: bool, limit: int) -> None:
    if result.is_empty:
        console.print("No token changes.")
        return
    causes = {c.path for c in result if c.kind is TokenChangeKind.VALUE_CHANGED and not c.via}
    reached: dict[str, list[str]] = {}
    groups: dict[TokenChangeKind, list[TokenChange]] = {}
    for change in result:
        if fold and change.via and change.via[-1] in causes:
            reached.setdefault(change.via[-1], []).append(change.path)
        else:
            groups.setdefault(change.kind, []).append(change)
    totals = result.summary()
    for kind in TokenChangeKind:
        if kind in groups:
            total = totals[kind.value]
            console.print(_table(kind, groups[kind], total=total, reached=reached, limit=limit))
    counts = ", ".join(f"{count} {kind}" for kind, count in totals.items())
    noun = "change" if len(result) == 1 else "changes"
    console.print(Text(f"{len(result)} {noun}: {counts}"))


def _table(
    kind: TokenChangeKind,
    changes: Sequence[TokenChange],
    *,
    total: int,
    reached: Mapping[str, Sequence[str]],
    limit: int,
) -> Table:
    shown = changes[:limit] if limit else changes
    with_via = any(change.via for change in shown)
    with_reach = any(change.path in reached for change in shown)
    table = Table(title=f"{kind.value} ({total})", title_justify="left")
    for name in _COLUMNS.get(kind, ("token", "old", "new")):
        table.add_column(name, overflow="fold")
    if with_via:
        table.add_column("via", overflow="fold")
    if with_reach:
        table.add_column("reached through aliases", overflow="fold")
    for change in shown:
        cells = [Text(text) for text in _cells(change)]
        if with_via:
            cells.append(Text(" → ".join(change.via[1:])))
        if with_reach:
            cells.append(Text(_reach(reached.get(change.path, ()))))
        table.add_row(*cells)
    if len(shown) < len(changes):
        more = len(changes) - len(shown)
        table.add_row(Text(f"… {more} more (--limit 0 shows all)", style="dim"))
    return table


_COLUMNS = {
    TokenChangeKind.ADDED: ("token", "value"),
    TokenChangeKind.REMOVED: ("token", "value"),
    TokenChangeKind.RENAMED: ("token", "new path", "value"),
}


def _cells(change: TokenChange) -> list[str]:
    kind = change.kind
    if kind is TokenChangeKind.ADDED:
        return [change.path, brief(change.new)]
    if kind is TokenChangeKind.REMOVED:
        return [change.path, brief(change.old)]
    if kind is TokenChangeKind.RENAMED:
        return [change.path, change.new_path or "", brief(change.new)]
    if kind is TokenChangeKind.ALIAS_RETARGETED:
        # The reference is the news here; the resolved values may well be equal.
        return [change.path, brief(change.old_raw), brief(change.new_raw)]
    if kind is TokenChangeKind.METADATA_CHANGED:
        return [change.path, _fields(change.old), _fields(change.new)]
    return [change.path, brief(change.old), brief(change.new)]


def _fields(value: object) -> str:
    if not isinstance(value, Mapping):
        return brief(value)
    return "; ".join(f"{key}: {brief(part)}" for key, part in value.items())


def _reach(paths: Sequence[str]) -> str:
    if not paths:
        return ""
    named = ", ".join(paths[:_REACH_NAMES])
    rest = len(paths) - _REACH_NAMES
    noun = "token" if len(paths) == 1 else "tokens"
    return f"{len(paths)} {noun}: {named}" + (f", … ({rest} more)" if rest > 0 else "")
