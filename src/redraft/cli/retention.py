"""`redraft archive` (retire old versions) and `redraft storage` (bytes per component)."""

from __future__ import annotations

from datetime import UTC, datetime

import typer
from rich import box
from rich.table import Column, Table

from redraft.cli.context import default_actor, transaction
from redraft.cli.output import FormatOption, OutputFormat, console, print_json
from redraft.features.components import service as components
from redraft.features.components.schemas import VersionSummary
from redraft.features.retention import service
from redraft.features.retention.schemas import ComponentStorageRead


def archive(
    older_than: str = typer.Option(
        ..., "--older-than", help="Age such as 90d, 12h or 2w (hours, days, weeks)."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="List what would be archived."),
    actor: str = typer.Option(default_actor, help="Recorded in the audit log."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Archive old versions that are not current, not tagged and not branch points."""
    age = service.parse_age(older_than)
    now = datetime.now(UTC)
    with transaction() as session:
        versions = service.archive_older_than(
            session, older_than=age, now=now, actor=actor, dry_run=dry_run
        )
        rows = [VersionSummary.of(v).model_dump(mode="json") for v in versions]
        names = {
            key: components.get_component(session, key).name
            for key in {str(v.component_id) for v in versions}
        }
    cutoff = (now - age).isoformat()
    if fmt is OutputFormat.json:
        print_json({"dry_run": dry_run, "cutoff": cutoff, "count": len(rows), "versions": rows})
        return
    verb = "would archive" if dry_run else "archived"
    console.print(f"{verb} {len(rows)} version(s) created before {cutoff}", highlight=False)
    if rows:
        # The version number names the branch too (1.4.0-dark-mode.1).
        table = Table(
            *(Column(name, no_wrap=True) for name in ("component", "version", "created", "id")),
            box=box.SIMPLE_HEAD,
        )
        for r in rows:
            table.add_row(names[r["component_id"]], r["version"], r["created_at"][:10], r["id"])
        console.print(table)


def storage(
    component: str | None = typer.Argument(None, help="Component name or id (default: all)."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Storage used per component: version rows and stored blobs, shared blobs flagged."""
    with transaction() as session:
        component_id = components.get_component(session, component).id if component else None
        report = [
            ComponentStorageRead.of(s).model_dump(mode="json")
            for s in service.storage_report(session, component_id)
        ]
    if fmt is OutputFormat.json:
        print_json(report[0] if component else {"items": report})
        return
    numbers = ("versions", "archived", "rows", "blobs", "stored", "raw")
    table = Table(
        Column("component", no_wrap=True),
        *(Column(name, justify="right", no_wrap=True) for name in numbers),
        Column("shared", no_wrap=True),
        box=box.SIMPLE_HEAD,
        padding=(0, 1, 0, 0),  # the box adds a separator per column: 80 columns fit
    )
    for r in report:
        table.add_row(
            r["name"],
            str(r["versions"]),
            str(r["archived_versions"]),
            _size(r["row_bytes"]),
            str(r["blobs"]),
            _size(r["stored_bytes"]),
            _size(r["raw_bytes"]),
            f"{r['shared_blobs']} ({r['shared_share']:.0%})",
        )
    console.print(table)
    over = [r["name"] for r in report if not r["within_budget"]]
    if over:
        console.print(f"over the 100 MB budget: {', '.join(over)}", highlight=False)


def _size(count: int) -> str:
    if count < 1000:
        return f"{count} B"
    if count < 1000**2:
        return f"{count / 1000:,.1f} KB"
    return f"{count / 1000**2:,.1f} MB"
