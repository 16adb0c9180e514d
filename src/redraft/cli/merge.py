"""`redraft merge`: the three-way merge of hand edits into regenerated code, on files."""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import typer

from redraft.cli.output import FormatOption, OutputFormat, err_console, print_json, report
from redraft.core.merge import MergeLabels, MergeResult, merge_texts
from redraft.errors import InvalidInput, RedraftError

# Exit codes, as for `git merge-file`: 0 clean, 1 conflicts left in the output, 2 error.
EXIT_CLEAN, EXIT_CONFLICTS, EXIT_ERROR = 0, 1, 2


def merge(
    base: Path = typer.Argument(..., help="The pristine generated code the edits were made on."),
    ours: Path = typer.Argument(..., help="That code with your hand edits."),
    theirs: Path = typer.Argument(..., help="The newly generated code."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write the merged code here instead of to stdout."
    ),
    ours_label: str = typer.Option("your edits", help="Label after <<<<<<< in conflicts."),
    base_label: str = typer.Option("generated", help="Label after ||||||| in conflicts."),
    theirs_label: str = typer.Option("generated (new)", help="Label after >>>>>>> in conflicts."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Merge your edits into regenerated code: exit 0 when clean, 1 with conflicts, 2 on error."""
    try:
        texts = [_read(path) for path in (base, ours, theirs)]
        labels = MergeLabels(ours=ours_label, base=base_label, theirs=theirs_label)
        result = merge_texts(*texts, labels=labels)
        if output is not None:
            _write(output, result.text)
    except RedraftError as exc:
        report(exc)
        raise typer.Exit(EXIT_ERROR) from None
    if fmt is OutputFormat.json:
        print_json(_as_json(result))
    else:
        if output is None:
            sys.stdout.write(result.text)
            sys.stdout.flush()
        for note in result.notes:
            err_console.print(f"note: {note}", highlight=False, markup=False)
        if result.conflicts:
            count = len(result.conflicts)
            err_console.print(f"{count} conflict{'s' if count > 1 else ''} left", highlight=False)
    raise typer.Exit(EXIT_CLEAN if result.clean else EXIT_CONFLICTS)


def _read(path: Path) -> str:
    try:
        # Bytes, not text mode: the merge keeps the user's CRLF line ends.
        return path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"cannot read {path}: not UTF-8 text") from None


def _write(path: Path, text: str) -> None:
    try:
        path.write_bytes(text.encode("utf-8"))
    except OSError as exc:
        raise InvalidInput(f"cannot write {path}: {exc.strerror or exc}") from None


def _as_json(result: MergeResult) -> dict[str, Any]:
    return {
        "clean": result.clean,
        "strategy": result.strategy.value,
        "conflicts": [asdict(conflict) for conflict in result.conflicts],
        "notes": list(result.notes),
        "text": result.text,
    }
