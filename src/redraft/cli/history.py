"""`redraft rollback` and `redraft branch`."""

from __future__ import annotations

import uuid

import typer
from sqlalchemy.orm import Session

from redraft.cli.context import (
    FormatOption,
    OutputFormat,
    console,
    default_actor,
    print_json,
    transaction,
)
from redraft.features.components import service as components
from redraft.features.history import rollback as rollback_service
from redraft.features.history.schemas import RollbackResponse


def version_id_of(session: Session, component: str, version: str) -> uuid.UUID:
    """A version given by id or by number (`1.2.0`) within the component."""
    try:
        return uuid.UUID(version)
    except ValueError:
        item = components.get_component(session, component)
        return components.find_version_by_number(session, item, version).id


def rollback(
    component: str = typer.Argument(..., help="Component name or id."),
    to: str = typer.Option(..., "--to", help="Target version: id or number (1.2.0)."),
    confirm_major: bool = typer.Option(
        False, "--confirm-major", help="Publish as a new major version if the API breaks."
    ),
    reason: str | None = typer.Option(None, help="Why (kept with the version)."),
    actor: str = typer.Option(default_actor),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Roll a component back to an earlier accepted version (a new version; nothing is lost)."""
    with transaction() as session:
        result = rollback_service.rollback(
            session,
            component,
            target_version_id=version_id_of(session, component, to),
            actor=actor,
            reason=reason,
            confirm_major=confirm_major,
        )
        data = RollbackResponse.of(result).model_dump(mode="json")
    if fmt is OutputFormat.json:
        print_json(data)
        return
    console.print(
        f"{data['previous_version']} → {data['new_version']} "
        f"(copy of {data['rolled_back_to']}, {data['bump']})",
        highlight=False,
    )
