"""The compare page's summary, read off the compare service's analysis: what changed in the
inputs (tokens the component uses, requirements, pattern), the props API, and the bump."""

from __future__ import annotations

import re
from dataclasses import dataclass

from redraft.core.changes.jsonvalue import brief
from redraft.core.tokens.model import JsonValue
from redraft.features.compare.service import Comparison
from redraft.web.ui.present import conflicts_of, warnings_of

# Only plain hex colours become swatches: the value goes into an SVG attribute.
_HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")


@dataclass(frozen=True, slots=True)
class TokenLine:
    path: str
    kind: str
    old: str
    new: str
    old_swatch: str | None
    new_swatch: str | None
    via: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FindingLine:
    rule: str
    bump: str
    where: str
    message: str


@dataclass(frozen=True, slots=True)
class CompareSummary:
    tokens_changed: bool
    requirements_changed: bool
    pattern: str | None
    token_lines: list[TokenLine]
    requirement_lines: list[str]
    api_bump: str
    api_needs_review: bool
    api_findings: list[FindingLine]
    bump: str  # what the difference calls for, by the same rules as a regeneration
    bump_reasons: list[str]
    stored_bump: str | None  # what the newer side was published as
    stored_reasons: list[str]
    conflicts: list[str]
    warnings: list[str]


def summarize_comparison(comparison: Comparison) -> CompareSummary:
    before, after = comparison.from_version, comparison.to_version
    analysis = comparison.analysis
    changes = analysis.changes
    token_lines = [
        TokenLine(
            path=change.path if change.new_path is None else f"{change.path} → {change.new_path}",
            kind=change.kind.value.replace("_", " "),
            old=brief(change.old) if change.old is not None else "",
            new=brief(change.new) if change.new is not None else "",
            old_swatch=_swatch(change.old),
            new_swatch=_swatch(change.new),
            via=change.via,
        )
        for change in changes.tokens
    ]
    findings = [
        FindingLine(
            rule=finding.rule,
            bump=finding.bump.label,
            where=finding.component + (f".{finding.prop}" if finding.prop else ""),
            message=finding.message,
        )
        for finding in analysis.api.findings
    ]
    conflicts = conflicts_of(after)
    return CompareSummary(
        tokens_changed=before.tokens_hash != after.tokens_hash,
        requirements_changed=before.requirements_hash != after.requirements_hash,
        pattern=changes.pattern.message if changes.pattern is not None else None,
        token_lines=token_lines,
        requirement_lines=[change.message for change in changes.requirements],
        api_bump=analysis.api.bump.label,
        api_needs_review=analysis.api.needs_review,
        api_findings=findings,
        bump=analysis.decision.bump.label,
        bump_reasons=list(analysis.decision.reasons),
        stored_bump=after.bump,
        stored_reasons=[str(reason) for reason in after.bump_reasons],
        conflicts=conflicts,
        warnings=warnings_of(after),
    )


def _swatch(value: JsonValue) -> str | None:
    return value if isinstance(value, str) and _HEX_COLOUR.match(value) else None
