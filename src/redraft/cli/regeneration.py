"""`redraft regenerate`, `accept`, `reject`, `resolve`, `edit`, `export` and `import`."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path
from typing import Any

import typer
from rich.progress import Progress

from redraft.cli.context import default_actor, load_settings, transaction
from redraft.cli.output import FormatOption, OutputFormat, console, err_console, print_json
from redraft.codegen.registry import load_generator
from redraft.config import Settings
from redraft.db.engine import create_engine_for
from redraft.db.session import create_session_factory, unit_of_work
from redraft.errors import InvalidInput, NothingChanged
from redraft.features.components import service as components
from redraft.features.components.schemas import VersionSummary
from redraft.features.regeneration import batch, service
from redraft.features.regeneration.schemas import DraftRead, RegenerateResponse
from redraft.integrations.tokenfiles import load_token_source
from redraft.spec.requirements import parse_requirements


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"cannot read {path}: {exc}") from None


def _print_result(data: dict[str, Any], fmt: OutputFormat) -> None:
    if fmt is OutputFormat.json:
        print_json(data)
        return
    if data["up_to_date"]:
        console.print(f"up to date at {data['previous_version']}", highlight=False)
        return
    state = "accepted" if data["applied"] else data["status"]
    console.print(
        f"{data['previous_version']} → {data['new_version']} ({data['bump']}, {state}) "
        f"version {data['version_id']}",
        highlight=False,
    )
    for reason in data["bump_reasons"]:
        console.print(f"  {reason}", highlight=False)
    for warning in data["warnings"]:
        err_console.print(f"warning: {warning}", highlight=False)


def regenerate(
    component: str | None = typer.Argument(None, help="Component name or id."),
    tokens: Path | None = typer.Option(None, "--tokens", "-t", help="New token file or folder."),
    requirements: Path | None = typer.Option(
        None, "--requirements", "-r", help="New requirements."
    ),
    pattern_version: str | None = typer.Option(None, help="New pattern version constraint."),
    all_: bool = typer.Option(False, "--all", help="Regenerate every component."),
    apply: bool = typer.Option(False, help="Accept clean, non-major drafts at once."),
    branch: str = typer.Option("main", help="The branch to regenerate on."),
    reason: str | None = typer.Option(None, help="Why (kept with the version)."),
    actor: str = typer.Option(default_actor, help="Recorded as the author."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Regenerate with new inputs and propose drafts (exit 1 when any draft has conflicts)."""
    if all_ == (component is not None):
        raise InvalidInput("name one component, or use --all")
    if all_ and requirements is not None:
        raise InvalidInput("--requirements belongs to one component, not --all")
    token_set = load_token_source(tokens) if tokens is not None else None
    spec = parse_requirements(json.loads(_read_text(requirements))) if requirements else None
    settings = load_settings()
    options = batch.Options(
        actor=actor,
        tokens=token_set,
        pattern_version=pattern_version,
        reason=reason,
        trigger="manual",
        apply=apply,
        branch=branch,
    )
    if component is None:
        results = _regenerate_all(settings, options)
    else:
        with transaction(settings) as session:
            result = service.regenerate(
                session,
                component,
                generator=load_generator(settings.generator),
                requirements=spec,
                **{field.name: getattr(options, field.name) for field in fields(options)},
            )
            results = [RegenerateResponse.of(result).model_dump(mode="json")]
    if fmt is OutputFormat.json:
        print_json(results[0] if component is not None else {"results": results})
    else:
        for data in results:
            _print_result(data, OutputFormat.text)
    if any(data["conflicts"] for data in results):
        raise typer.Exit(1)


def _regenerate_all(settings: Settings, options: batch.Options) -> list[dict[str, Any]]:
    """Every component, the CPU-bound pipeline fanned out over the machine's cores."""
    from redraft.db.migrate import check_current  # alembic: only when the database is used

    engine = create_engine_for(settings.database.url)
    try:
        check_current(engine)
        factory = create_session_factory(engine)
        with unit_of_work(factory) as session:
            names = [c.name for c in components.list_components(session, limit=100_000).items]
        results: list[dict[str, Any]] = []
        with Progress(console=err_console, transient=True) as bar:
            task = bar.add_task("regenerating", total=len(names))
            for result in batch.regenerate_all(
                factory, names, generator=settings.generator, options=options
            ):
                results.append(RegenerateResponse.of(result).model_dump(mode="json"))
                bar.advance(task)
        return results
    finally:
        engine.dispose()


def _draft_json(session: Any, version_id: Any) -> dict[str, Any]:
    version = components.get_version(session, version_id)
    summary = version.change_summary or {}
    return DraftRead(
        **VersionSummary.of(version).model_dump(),
        conflicts=service.open_conflicts(version),
        warnings=summary.get("warnings", []),
        change_lines=summary.get("lines", []),
    ).model_dump(mode="json")


def accept(
    version: str = typer.Argument(..., help="Draft version id."),
    actor: str = typer.Option(default_actor),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Accept a draft: it becomes the component's current version."""
    with transaction() as session:
        draft = service.accept(session, version, actor=actor)
        data = _draft_json(session, draft.id)
    _report_review(data, "accepted", fmt)


def reject(
    version: str = typer.Argument(..., help="Draft version id."),
    reason: str | None = typer.Option(None),
    actor: str = typer.Option(default_actor),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Reject a draft; the current version stays."""
    with transaction() as session:
        draft = service.reject(session, version, actor=actor, reason=reason)
        data = _draft_json(session, draft.id)
    _report_review(data, "rejected", fmt)


def _report_review(data: dict[str, Any], verb: str, fmt: OutputFormat) -> None:
    if fmt is OutputFormat.json:
        print_json(data)
    else:
        console.print(f"{verb} {data['version']} ({data['id']})", highlight=False)


def resolve(
    version: str = typer.Argument(..., help="Draft version id."),
    choice: list[str] = typer.Option(
        [], "--choice", "-c", help="INDEX=ours|theirs|both for a code conflict (repeatable)."
    ),
    code: Path | None = typer.Option(None, help="A file with the fully resolved code."),
    actor: str = typer.Option(default_actor),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Resolve a draft's conflicts per hunk or with a resolved file."""
    choices: dict[int, Any] = {}
    for item in choice:
        index, _, pick = item.partition("=")
        if not index.isdigit() or pick not in ("ours", "theirs", "both"):
            raise InvalidInput(f"--choice {item!r}: use INDEX=ours|theirs|both")
        choices[int(index)] = pick
    if not choices and code is None:
        raise InvalidInput("give --choice or --code")
    with transaction() as session:
        draft = service.resolve(
            session,
            version,
            actor=actor,
            code_choices=choices,
            code=_read_text(code) if code is not None else None,
        )
        data = _draft_json(session, draft.id)
    if fmt is OutputFormat.json:
        print_json(data)
    else:
        console.print(
            f"{data['version']}: {len(data['conflicts'])} conflict(s) left", highlight=False
        )


def export(
    folder: Path = typer.Argument(..., help="Folder to write Name.tsx and Name.stories.tsx into."),
    component: list[str] = typer.Option([], "--component", "-c", help="Only these (repeatable)."),
) -> None:
    """Write every component's current code and stories to a folder, for editing."""
    folder.mkdir(parents=True, exist_ok=True)
    with transaction() as session:
        wanted = component or [
            c.name for c in components.list_components(session, limit=100_000).items
        ]
        for name in wanted:
            item = components.get_component(session, name)
            if item.current_version_id is None:
                continue
            content = components.load_content(
                session, components.get_version(session, item.current_version_id)
            )
            (folder / f"{item.name}.tsx").write_text(content.code, encoding="utf-8")
            (folder / f"{item.name}.stories.tsx").write_text(content.stories, encoding="utf-8")
    console.print(f"exported {len(wanted)} component(s) to {folder}", highlight=False)


def import_edits(
    folder: Path = typer.Argument(..., help="Folder of edited Name.tsx / Name.stories.tsx files."),
    reason: str | None = typer.Option(None),
    actor: str = typer.Option(default_actor),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Store edited files as new versions (trigger manual_edit); unchanged files are skipped."""
    if not folder.is_dir():
        raise InvalidInput(f"{folder} is not a folder")
    rows: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.tsx")):
        if path.name.endswith(".stories.tsx"):
            continue
        name = path.stem
        stories_path = folder / f"{name}.stories.tsx"
        stories = _read_text(stories_path) if stories_path.exists() else None
        try:
            with transaction() as session:
                version = service.edit_code(
                    session,
                    name,
                    code=_read_text(path),
                    stories=stories,
                    actor=actor,
                    reason=reason,
                )
                rows.append(
                    {"component": name, "version": version.version_string, "id": str(version.id)}
                )
        except NothingChanged:
            continue
    if fmt is OutputFormat.json:
        print_json({"imported": rows})
    else:
        for row in rows:
            console.print(f"{row['component']} → {row['version']}", highlight=False)
        console.print(f"{len(rows)} component(s) changed", highlight=False)
