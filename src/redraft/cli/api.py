"""`redraft api diff`: how a component's public props API changed, and the bump it calls for."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.markup import escape

from redraft.cli.output import FormatOption, OutputFormat, console, print_json, report
from redraft.core.semver import Bump
from redraft.core.tsprops import ApiDiff, compare_api
from redraft.errors import InvalidInput, RedraftError
from redraft.integrations.tsx import extract_api

app = typer.Typer(help="Inspect the public props API of TSX components.", no_args_is_help=True)


class DefaultChange(StrEnum):
    major = "major"
    minor = "minor"


class FailOn(StrEnum):
    major = "major"
    minor = "minor"


@app.command("diff")
def diff(
    old: Path = typer.Argument(..., help="The TSX file consumers were written against."),
    new: Path = typer.Argument(..., help="The TSX file they will get."),
    fmt: OutputFormat = FormatOption,
    default_change: DefaultChange = typer.Option(
        DefaultChange.major, "--default-change", help="Bump for a changed default value."
    ),
    fail_on: FailOn | None = typer.Option(
        None,
        "--fail-on",
        help="Exit 1 when the bump reaches this level (a change that needs review is major).",
    ),
) -> None:
    """Classify every props-API change by rule and print the bump.

    Exits 0 whatever the bump is, unless `--fail-on` is given: then 1 when the bump is at
    least that level, so a CI job can gate on it.
    """
    try:
        result = compare_api(
            extract_api(_read(old)),
            extract_api(_read(new)),
            default_change=Bump.parse(default_change.value),
        )
    except RedraftError as exc:
        raise typer.Exit(report(exc)) from None
    if fmt is OutputFormat.json:
        print_json(result.to_dict())
    else:
        _print_text(result)
    if fail_on is not None and result.bump >= Bump.parse(fail_on.value):
        raise typer.Exit(1)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"{path} is not UTF-8 text") from None


def _print_text(result: ApiDiff) -> None:
    review = " (needs review)" if result.needs_review else ""
    console.print(f"bump: {result.bump.label}{review}", highlight=False, soft_wrap=True)
    for finding in result.findings:
        where = finding.component + (f".{finding.prop}" if finding.prop else "")
        line = f"  {finding.bump.label:<6} {finding.rule}  {where}: {finding.message}"
        console.print(escape(line), highlight=False, soft_wrap=True)
