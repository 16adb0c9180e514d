"""`redraft rollback` and `redraft branch`."""

from __future__ import annotations

import uuid

import typer
from rich.table import Table
from sqlalchemy.orm import Session

from redraft.cli.context import default_actor, transaction
from redraft.cli.output import FormatOption, OutputFormat, console, print_json
from redraft.features.branches import merge as merge_service
from redraft.features.branches import service as branches
from redraft.features.branches.schemas import BranchRead
from redraft.features.components import service as components
from redraft.features.history import rollback as rollback_service
from redraft.features.history.schemas import RollbackResponse
from redraft.features.regeneration.schemas import RegenerateResponse


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


branch_app = typer.Typer(
    help="Branches for experiments (prerelease versions).", no_args_is_help=True
)


@branch_app.command("create")
def branch_create(
    component: str = typer.Argument(..., help="Component name or id."),
    name: str = typer.Argument(..., help="Branch name (lower-case, digits, '-')."),
    from_: str = typer.Option(..., "--from", help="Branch point: version id or number."),
    actor: str = typer.Option(default_actor),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Fork a branch from an accepted version."""
    with transaction() as session:
        item = components.get_component(session, component)
        created = branches.create_branch(
            session,
            item,
            name=name,
            from_version_id=version_id_of(session, component, from_),
            actor=actor,
        )
        data = BranchRead.of(created).model_dump(mode="json")
    if fmt is OutputFormat.json:
        print_json(data)
    else:
        console.print(f"branch {name} created from {from_}", highlight=False)


@branch_app.command("list")
def branch_list(
    component: str = typer.Argument(..., help="Component name or id."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """List a component's branches."""
    with transaction() as session:
        item = components.get_component(session, component)
        rows = []
        for found in branches.list_branches(session, item):
            row = BranchRead.of(found).model_dump(mode="json")
            row["head"] = components.get_version(session, found.head_version_id).version_string
            rows.append(row)
    if fmt is OutputFormat.json:
        print_json(rows)
        return
    table = Table("branch", "status", "head", "created by")
    for row in rows:
        table.add_row(row["name"], row["status"], row["head"], row["created_by"])
    console.print(table)


@branch_app.command("merge")
def branch_merge(
    component: str = typer.Argument(..., help="Component name or id."),
    name: str = typer.Argument(..., help="Branch to merge into main."),
    reason: str | None = typer.Option(None),
    actor: str = typer.Option(default_actor),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Propose a branch's work as a draft on main (exit 1 when it has conflicts)."""
    with transaction() as session:
        result = merge_service.merge_branch(
            session, component, name=name, actor=actor, reason=reason
        )
        data = RegenerateResponse.of(result).model_dump(mode="json")
    if fmt is OutputFormat.json:
        print_json(data)
    else:
        console.print(
            f"draft {data['new_version']} on main ({data['bump']}) version {data['version_id']}",
            highlight=False,
        )
    if data["conflicts"]:
        raise typer.Exit(1)


@branch_app.command("archive")
def branch_archive(
    component: str = typer.Argument(..., help="Component name or id."),
    name: str = typer.Argument(..., help="Branch to close."),
    actor: str = typer.Option(default_actor),
) -> None:
    """Close a branch: no new versions; its open draft is superseded."""
    with transaction() as session:
        item = components.get_component(session, component)
        branches.archive_branch(session, item, name, actor=actor)
    console.print(f"branch {name} archived", highlight=False)
