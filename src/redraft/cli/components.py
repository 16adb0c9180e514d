"""`redraft component`, `versions`, `download`, `tag` and `schema`."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from redraft.cli.context import default_actor, load_settings, transaction
from redraft.cli.output import FormatOption, OutputFormat, console, print_json
from redraft.codegen.registry import load_generator
from redraft.db.models import Component, ComponentVersion
from redraft.errors import InvalidInput
from redraft.features.components import service, tags
from redraft.features.components.repository import VersionFilter
from redraft.features.components.schemas import ComponentRead, VersionSummary
from redraft.integrations.tokenfiles import load_token_source
from redraft.spec.requirements import parse_requirements, requirements_json_schema


class DownloadWhat(StrEnum):
    code = "code"
    stories = "stories"
    zip = "zip"


component_app = typer.Typer(help="Create and inspect components.", no_args_is_help=True)
tag_app = typer.Typer(help="Tag versions (stable, experimental, …).", no_args_is_help=True)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror}") from None
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"{path}: malformed JSON at line {exc.lineno}: {exc.msg}") from None


def _summary_row(v: ComponentVersion) -> dict[str, Any]:
    return VersionSummary.of(v).model_dump(mode="json")


@component_app.command("create")
def create(
    requirements: Path = typer.Option(..., "--requirements", "-r", help="Requirements JSON file."),
    tokens: Path = typer.Option(..., "--tokens", "-t", help="Token file or directory."),
    actor: str = typer.Option(default_actor, help="Recorded as the author."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Create a component and generate version 1.0.0."""
    spec = parse_requirements(_read_json(requirements))
    token_set = load_token_source(tokens)
    settings = load_settings()
    with transaction(settings) as session:
        version = service.create_component(
            session,
            requirements=spec,
            tokens=token_set,
            generator=load_generator(settings.generator),
            actor=actor,
        )
        row = _summary_row(service.get_version(session, version.id))
    if fmt is OutputFormat.json:
        print_json(row)
    else:
        console.print(f"created {spec.name} {row['version']} ({row['id']})", highlight=False)


def _component_json(session: Any, c: Component) -> dict[str, Any]:
    current = service.get_version(session, c.current_version_id) if c.current_version_id else None
    return ComponentRead.of(c, current).model_dump(mode="json")


@component_app.command("list")
def list_(
    pattern: str | None = typer.Option(None, help="Only this pattern."),
    limit: int = typer.Option(100, min=1, max=1000),
    fmt: OutputFormat = FormatOption,
) -> None:
    """List components with their current version."""
    with transaction() as session:
        page = service.list_components(session, pattern=pattern, limit=limit)
        rows = [_component_json(session, c) for c in page.items]
    if fmt is OutputFormat.json:
        print_json({"items": rows, "total": page.total})
        return
    table = Table("name", "pattern", "version", "policy", "updated")
    for r in rows:
        current = r["current_version"] or {}
        table.add_row(
            r["name"],
            r["type"],
            current.get("version", "-"),
            r["policy"],
            (r["updated_at"] or r["created_at"])[:19],
        )
    console.print(table)


@component_app.command("show")
def show(
    component: str = typer.Argument(..., help="Component name or id."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Show a component and its current version."""
    with transaction() as session:
        data = _component_json(session, service.get_component(session, component))
    if fmt is OutputFormat.json:
        print_json(data)
        return
    current = data["current_version"] or {}
    console.print(
        f"{data['name']} ({data['type']}) id {data['id']}\n"
        f"current {current.get('version', '-')} · policy {data['policy']} · "
        f"created by {data['created_by']}",
        highlight=False,
    )


def versions(
    component: str = typer.Argument(..., help="Component name or id."),
    status: str | None = typer.Option(None, help="draft, active, rejected, superseded, archived"),
    tag: str | None = None,
    trigger: str | None = None,
    author: str | None = None,
    branch: str | None = None,
    since: datetime | None = typer.Option(None, help="Created at or after (ISO 8601)."),
    until: datetime | None = typer.Option(None, help="Created before (ISO 8601)."),
    limit: int = typer.Option(50, min=1, max=1000),
    offset: int = typer.Option(0, min=0),
    fmt: OutputFormat = FormatOption,
) -> None:
    """List a component's versions, newest first."""
    flt = VersionFilter(status, tag, trigger, author, branch, _aware(since), _aware(until))
    with transaction() as session:
        page = service.list_versions(
            session, service.get_component(session, component), flt, limit=limit, offset=offset
        )
        rows = [_summary_row(v) for v in page.items]
    if fmt is OutputFormat.json:
        print_json({"items": rows, "total": page.total, "limit": limit, "offset": offset})
        return
    table = Table("version", "status", "branch", "trigger", "author", "created", "tags", "id")
    for r in rows:
        table.add_row(
            r["version"],
            r["status"],
            r["branch"],
            r["trigger"],
            r["created_by"],
            r["created_at"][:19],
            ", ".join(r["tags"]),
            r["id"],
        )
    console.print(table)
    console.print(f"{len(rows)} of {page.total}", highlight=False)


def _aware(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def download(
    version: str = typer.Argument(..., help="Version id."),
    what: DownloadWhat = typer.Option(DownloadWhat.code, help="What to download."),
    output: Path | None = typer.Option(None, "--output", "-o", help="File or directory."),
) -> None:
    """Write a version's code, stories or both (zip) to a file or stdout."""
    with transaction() as session:
        file = service.download(session, service.get_version(session, version), what.value)
    if output is None:
        sys.stdout.buffer.write(file.body)
        return
    target = output / file.filename if output.is_dir() else output
    target.write_bytes(file.body)
    console.print(f"wrote {target}", highlight=False)


@tag_app.command("add")
def tag_add(
    version: str,
    tag: str,
    unique: bool | None = typer.Option(
        None,
        "--unique/--no-unique",
        help="Move the tag here from the component's other versions "
        "(default: unique for stable and latest).",
    ),
    actor: str = typer.Option(default_actor),
) -> None:
    """Add a tag to a version."""
    with transaction() as session:
        tags.add_tag(
            session, service.get_version(session, version), tag, actor=actor, unique=unique
        )
    console.print(f"tagged {version} {tag}", highlight=False)


@tag_app.command("remove")
def tag_remove(version: str, tag: str, actor: str = typer.Option(default_actor)) -> None:
    """Remove a tag from a version."""
    with transaction() as session:
        tags.remove_tag(session, service.get_version(session, version), tag, actor=actor)
    console.print(f"untagged {version} {tag}", highlight=False)


def schema() -> None:
    """Print the JSON Schema of requirements documents."""
    print_json(requirements_json_schema())
