"""`redraft diff`: how two versions of a component differ."""

from __future__ import annotations

import sys
from enum import StrEnum

import typer

from redraft.cli.context import transaction
from redraft.cli.output import print_json, report
from redraft.core.diff import TextDiff
from redraft.db.models import ComponentVersion
from redraft.errors import RedraftError
from redraft.features.compare import service
from redraft.features.compare.schemas import ComparisonRead
from redraft.features.components import service as components

# As for `diff(1)`: 0 identical, 1 different, 2 trouble.
EXIT_SAME, EXIT_DIFFERENT, EXIT_ERROR = 0, 1, 2


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    patch = "patch"


def diff(
    component: str = typer.Argument(..., metavar="COMPONENT", help="Component name or id."),
    from_ref: str = typer.Argument(..., metavar="FROM", help="Old side: version id or number."),
    to_ref: str = typer.Argument(..., metavar="TO", help="New side: version id or number."),
    fmt: DiffFormat = typer.Option(
        DiffFormat.text,
        "--format",
        "-f",
        help="text: change summary and unified diff; json: the API's comparison; patch: the "
        "unified diff alone (for git apply / patch -p1).",
    ),
    context: int = typer.Option(
        service.DEFAULT_CONTEXT, "--context", "-U", min=0, help="Unchanged lines around changes."
    ),
) -> None:
    """Compare two versions (e.g. `1.0.0 1.2.0`): exit 0 identical, 1 different, 2 on error."""
    try:
        with transaction() as session:
            found = components.get_component(session, component)
            old = service.resolve_version(session, found, from_ref)
            new = service.resolve_version(session, found, to_ref)
            comparison = service.compare_versions(session, found, old, new, context=context)
            patch = service.patch_versions(session, found, old, new, context=context)
            data = ComparisonRead.of(comparison).model_dump(mode="json")
    except RedraftError as exc:
        report(exc)
        raise typer.Exit(EXIT_ERROR) from None
    if fmt is DiffFormat.json:
        print_json(data)
    elif fmt is DiffFormat.patch:
        sys.stdout.write(patch.text)
    else:
        sys.stdout.write(_summary(comparison) + ("\n" + patch.text if patch.text else ""))
    sys.stdout.flush()
    raise typer.Exit(EXIT_SAME if comparison.identical else EXIT_DIFFERENT)


def _summary(comparison: service.Comparison) -> str:
    a = comparison.analysis
    old, new = comparison.from_version, comparison.to_version
    lines = [
        f"{comparison.component.name} {old.version_string} → {new.version_string}",
        _version_line("from", old),
        _version_line("to", new),
    ]
    if comparison.identical:
        return "\n".join([*lines, "identical"]) + "\n"
    review = " (needs review)" if a.decision.needs_review else ""
    lines.append(f"bump: {a.decision.bump.label}{review}")
    lines += [f"  {reason}" for reason in a.decision.reasons]
    if a.change_lines:
        lines.append("input changes:")
        lines += [f"  {line}" for line in a.change_lines]
    count = len(a.api.findings)
    noun = "finding" if count == 1 else "findings"
    lines.append(f"props API: {a.api.bump.label}, {count} {noun}")
    lines += [f"  {f.bump.label.upper()}: {f.message} ({f.rule})" for f in a.api.findings]
    lines.append(f"code: {_stats(a.code)} · stories: {_stats(a.stories)}")
    return "\n".join(lines) + "\n"


def _version_line(side: str, v: ComponentVersion) -> str:
    when = v.created_at.strftime("%Y-%m-%d %H:%M")
    return (
        f"  {side:<4} {v.version_string} · {v.status} · branch {v.branch} · "
        f"{v.trigger} by {v.created_by} at {when} · {v.id}"
    )


def _stats(diff: TextDiff) -> str:
    if diff.identical:
        return "identical"
    s = diff.stats
    paired = f" ({s.changed} changed)" if s.changed else ""
    return f"+{s.added} -{s.removed}{paired}"
