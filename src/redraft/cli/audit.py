"""`redraft audit`: who changed what, when."""

from __future__ import annotations

from datetime import datetime

import typer
from rich.text import Text

from redraft.cli.context import transaction
from redraft.cli.output import FormatOption, OutputFormat, console, print_json
from redraft.features.audit import service
from redraft.features.audit.schemas import AuditEventRead
from redraft.features.components import service as components


def audit(
    component: str | None = typer.Option(None, help="Only this component (name or id)."),
    actor: str | None = typer.Option(None, help="Only changes by this user or actor."),
    action: str | None = typer.Option(
        None, help="Only this action (version.tag) or family (version.*)."
    ),
    since: datetime | None = typer.Option(None, help="At or after (ISO 8601, UTC if no zone)."),
    until: datetime | None = typer.Option(None, help="Before (ISO 8601, UTC if no zone)."),
    limit: int = typer.Option(50, min=1, max=1000),
    offset: int = typer.Option(0, min=0),
    fmt: OutputFormat = FormatOption,
) -> None:
    """List recorded state changes, newest first."""
    with transaction() as session:
        component_id = components.get_component(session, component).id if component else None
        items, total = service.list_events(
            session,
            component_id=component_id,
            actor=actor,
            action=action,
            since=since,
            until=until,
            limit=limit,
            offset=offset,
        )
        rows = [AuditEventRead.of(e).model_dump(mode="json") for e in items]
    if fmt is OutputFormat.json:
        print_json({"items": rows, "total": total, "limit": limit, "offset": offset})
        return
    # One line per event, like a log: easy to read, grep and paste.
    for r in rows:
        details = " ".join(f"{k}={v}" for k, v in r["details"].items() if k != "version_ids")
        line = f"{r['at'][:19].replace('T', ' ')}  {r['actor']:<12} {r['action']:<18} "
        console.print(Text(line + f"{r['target'] or '-'}  {details}".rstrip()), soft_wrap=True)
    console.print(f"{len(rows)} of {total}", highlight=False)
