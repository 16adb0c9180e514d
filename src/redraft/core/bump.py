"""The semantic-version bump of a regeneration, with the reasons behind it."""

from __future__ import annotations

from dataclasses import dataclass

from redraft.core.changes import ChangeSet, PatternChangeKind
from redraft.core.semver import Bump
from redraft.core.tsprops import ApiDiff


@dataclass(frozen=True, slots=True)
class BumpDecision:
    """The bump and every reason that reached it, largest first.

    Attributes:
        bump: the largest bump any reason asks for (``Bump.NONE`` when nothing changed).
        reasons: lines such as ``MAJOR: prop `size` removed (prop-removed)``.
        needs_review: something could not be decided; never publish it unattended.
    """

    bump: Bump
    reasons: tuple[str, ...]
    needs_review: bool = False


def decide_bump(changes: ChangeSet, api: ApiDiff, *, output_changed: bool) -> BumpDecision:
    """Combine input changes and props-API findings into one bump.

    The bump is the maximum of: the props-API findings (peers.md rule table); a pattern id
    change (major); a pattern version change (its own level, at most minor — breaking API
    effects show up as findings); token or requirement changes (minor); and any other change
    to the output (patch).

    Args:
        changes: what changed in the inputs (restricted to what the component uses).
        api: the props-API comparison of the current code and the proposed code.
        output_changed: whether the proposed code or stories differ from the current ones.
    """
    reasons: list[tuple[Bump, str]] = [
        (finding.bump, f"{finding.message} ({finding.rule})")
        for finding in api.findings
        if finding.bump > Bump.PATCH
    ]
    pattern = changes.pattern
    if pattern is not None:
        if pattern.kind is PatternChangeKind.ID_CHANGED:
            reasons.append((Bump.MAJOR, pattern.message))
        else:
            level = min(pattern.level or Bump.PATCH, Bump.MINOR)
            reasons.append((level, pattern.message))
    token_count = len(changes.tokens.changed_paths())
    if token_count:
        noun = "token" if token_count == 1 else "tokens"
        reasons.append((Bump.MINOR, f"{token_count} {noun} changed"))
    reasons.extend((Bump.MINOR, change.message) for change in changes.requirements)
    if not reasons and output_changed:
        reasons.append((Bump.PATCH, "code changed; props API unchanged"))
    reasons.sort(key=lambda item: -item[0])
    bump = reasons[0][0] if reasons else Bump.NONE
    return BumpDecision(
        bump=bump,
        reasons=tuple(f"{level.name}: {text}" for level, text in reasons),
        needs_review=api.needs_review,
    )
