"""Regenerate components into drafts; accept, reject and resolve drafts; store hand edits.

Services flush but never commit. Every write locks the component row first (FOR UPDATE on
PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers), so concurrent regenerations
and accepts on one component queue instead of racing; the partial unique index on accepted
version numbers is the last line of defence.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session, joinedload

from redraft.codegen.base import GeneratedComponent, GenerationInputs, Generator
from redraft.codegen.render import generation_inputs
from redraft.core.bump import decide_bump
from redraft.core.changes import ChangeSet
from redraft.core.merge import MergeLabels, MergeResult, merge_texts
from redraft.core.merge.header import split_header
from redraft.core.semver import Bump, Version
from redraft.core.tokens.model import TokenSet
from redraft.db.models import Component, ComponentVersion
from redraft.errors import Conflict, InvalidInput, NotFound, NothingChanged
from redraft.features.audit import service as audit
from redraft.features.branches import service as branches
from redraft.features.branches.service import MAIN
from redraft.features.components import service as components
from redraft.features.components.service import VersionContent, VersionMeta
from redraft.features.regeneration.pipeline import (
    Proposal,
    Snapshot,
    change_summary,
    compare_code_api,
    deprecated_tokens,
    draft_warnings,
    merge_json,
    propose,
    unchanged,
)
from redraft.spec.requirements import Requirements, parse_requirements

Choice = Literal["ours", "theirs", "both"]
MARKERS = ("<<<<<<< ", "||||||| ", ">>>>>>> ")


@dataclass(frozen=True, slots=True)
class RegenerationResult:
    component: Component
    previous: ComponentVersion
    draft: ComponentVersion | None
    proposal: Proposal | None
    applied: bool

    @property
    def up_to_date(self) -> bool:
        return self.draft is None


def _now() -> datetime:
    return datetime.now(UTC)


def _component_is(key: uuid.UUID | str) -> ColumnElement[bool]:
    if isinstance(key, uuid.UUID):
        return Component.id == key
    try:
        return Component.id == uuid.UUID(key)
    except ValueError:
        return Component.name == key


def lock_component(session: Session, key: uuid.UUID | str) -> Component:
    """Find a component by id or name and lock its row, in one query (a hot path)."""
    component = session.scalar(
        select(Component)
        .where(_component_is(key))
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if component is None:
        raise NotFound(f"no component {str(key)!r}")
    return component


def lock_with_head(
    session: Session, key: uuid.UUID | str, branch: str
) -> tuple[Component, ComponentVersion]:
    """Lock a component and read the head of `branch`; on main in one query (the hot path of
    every regeneration and edit), elsewhere through the branch row.

    The head joined to the lock is only trusted when the lock was free. A statement that had
    to wait for it gets the component row as the other writer left it, but on PostgreSQL
    (READ COMMITTED) joins it against the snapshot it started with, where the version that
    writer inserted does not exist yet: the join comes back empty (or names the old head),
    and reading the head again, now that the lock is held, sees the committed one.
    """
    if branch != MAIN:
        component = lock_component(session, key)
        branches.active_branch(session, component, branch)
        return component, branches.head_of(session, component, branch)
    row = (
        session.execute(
            select(Component, ComponentVersion)
            .outerjoin(ComponentVersion, Component.current_version_id == ComponentVersion.id)
            .options(joinedload(ComponentVersion.tags))
            .where(_component_is(key))
            .with_for_update(of=Component)
            .execution_options(populate_existing=True)
        )
        .unique()
        .first()
    )
    if row is None:
        raise NotFound(f"no component {str(key)!r}")
    component, head = row
    if head is None or head.id != component.current_version_id:
        head = current_version(session, component)
    return component, head


def current_version(session: Session, component: Component) -> ComponentVersion:
    if component.current_version_id is None:
        raise Conflict(f"{component.name} has no current version")
    return components.get_version(session, component.current_version_id)


def snapshot(content: VersionContent) -> Snapshot:
    v = content.version
    return Snapshot(
        tokens=content.token_set(),
        requirements=content.requirements,
        pattern_id=v.pattern_id,
        pattern_version=v.pattern_version,
        code=content.code,
        stories=content.stories,
        pristine_code=content.pristine_code,
        pristine_stories=content.pristine_stories,
        token_paths=frozenset(use["path"] for use in content.token_usage),
    )


def _labels(current: ComponentVersion, proposed: str) -> MergeLabels:
    return MergeLabels(
        ours=f"your edits ({current.version_string})",
        base=f"generated {current.version_string}",
        theirs=f"generated {proposed}",
    )


@dataclass(frozen=True, slots=True)
class Prepared:
    """A regeneration computed against one version and not stored yet."""

    version_id: uuid.UUID
    inputs: GenerationInputs
    proposal: Proposal
    up_to_date: bool
    # None when up to date and known to be without rendering (see `pipeline.unchanged`).
    output: GeneratedComponent | None = None
    provisional: Version | None = None


def prepare(
    session: Session,
    component: Component,
    current: ComponentVersion,
    *,
    generator: Generator,
    tokens: TokenSet | None = None,
    requirements: Requirements | None = None,
    pattern_version: str | None = None,
    branch: str = MAIN,
) -> Prepared:
    """Render and propose against `current`, writing nothing: the CPU-bound part of
    `regenerate`, which a batch runs in other processes (`regenerate(prepared=...)`)."""
    content = components.load_content(session, current)
    old = snapshot(content)
    spec = requirements or parse_requirements(content.requirements)
    if pattern_version is not None:
        spec = parse_requirements({**spec.canonical(), "pattern_version": pattern_version})
    if spec.name != component.name:
        raise InvalidInput(
            f"requirements name {spec.name!r} differs from the component {component.name!r}"
        )
    inputs = generation_inputs(
        generator, tokens or old.tokens, spec, parameters=dict(current.parameters)
    )
    if _same_generation(current, content.requirements, inputs):
        # Nothing but tokens can differ: if none the output read changed, skip the render.
        same = unchanged(old, inputs.tokens)
        if same is not None:
            return Prepared(version_id=current.id, inputs=inputs, proposal=same, up_to_date=True)
    output = generator.render(inputs)
    new = Snapshot(
        tokens=inputs.tokens,
        requirements=spec.canonical(),
        pattern_id=inputs.pattern.id,
        pattern_version=inputs.pattern.version,
        code=output.code,
        stories=output.stories,
        pristine_code=output.code,
        pristine_stories=output.stories,
        token_paths=frozenset(use.path for use in output.token_usage),
    )
    provisional = branches.next_number(session, component, branch, current, Bump.PATCH)
    proposal = propose(old, new, labels=_labels(current, str(provisional)))
    # Output that differs at most in the generator's header line (a new generator version, or
    # a version stored when the header still carried the inputs hash) is no news to review;
    # token changes it did not reach are reported by the next draft, which diffs from the
    # stored inputs. A changed requirement or pattern is kept as a draft: it records them.
    unchanged_output = (_body(output.code), _body(output.stories)) == (
        _body(old.pristine_code),
        _body(old.pristine_stories),
    )
    changes = proposal.changes
    recorded_inputs_changed = bool(changes.requirements) or changes.pattern is not None
    return Prepared(
        version_id=current.id,
        inputs=inputs,
        output=output,
        provisional=provisional,
        proposal=proposal,
        up_to_date=unchanged_output and not recorded_inputs_changed,
    )


def _same_generation(
    current: ComponentVersion, requirements: Mapping[str, Any], inputs: GenerationInputs
) -> bool:
    """Whether `inputs` ask for `current`'s generation with, at most, other token values."""
    return (
        (inputs.generator, inputs.generator_version)
        == (current.generator, current.generator_version)
        and (inputs.pattern.id, inputs.pattern.version)
        == (current.pattern_id, current.pattern_version)
        and dict(inputs.parameters) == current.parameters
        and inputs.requirements.canonical() == requirements
    )


def regenerate(
    session: Session,
    component_key: str,
    *,
    generator: Generator,
    actor: str,
    tokens: TokenSet | None = None,
    requirements: Requirements | None = None,
    pattern_version: str | None = None,
    reason: str | None = None,
    trigger: str = "manual",
    apply: bool = False,
    branch: str = MAIN,
    prepared: Prepared | None = None,
) -> RegenerationResult:
    """Run the pipeline against the current version and store the outcome as a draft.

    Nothing is stored when the inputs that matter and the output are unchanged ("up to
    date"). With `apply`, a clean draft that is not major and needs no review is accepted.
    `prepared` is what `prepare` computed for the same arguments (e.g. in another process):
    it is used if the head is still the version it was computed from, else recomputed.
    """
    component, current = lock_with_head(session, component_key, branch)
    if prepared is None or prepared.version_id != current.id:
        prepared = prepare(
            session,
            component,
            current,
            generator=generator,
            tokens=tokens,
            requirements=requirements,
            pattern_version=pattern_version,
            branch=branch,
        )
    inputs, output, proposal = prepared.inputs, prepared.output, prepared.proposal
    if prepared.up_to_date:
        return RegenerationResult(component, current, None, proposal, applied=False)
    assert output is not None, "a regeneration that is not up to date was rendered"
    bump = max(proposal.decision.bump, Bump.PATCH)
    number = branches.next_number(session, component, branch, current, bump)
    if number != prepared.provisional:  # the markers name the number the draft will really have
        proposal = proposal.relabel(_labels(current, str(number)))
    supersede_open_drafts(session, component, branch=branch)
    draft = components.record_generation(
        session,
        component,
        inputs,
        output,
        code=proposal.code.text,
        stories=proposal.stories.text,
        meta=VersionMeta(
            actor=actor,
            trigger=trigger,
            number=number,
            status="draft",
            reason=reason,
            branch=branch,
            parent_version_id=current.id,
            bump=bump,
            bump_reasons=proposal.decision.reasons,
            change_summary=change_summary(proposal),
        ),
    )
    record_event(
        session,
        draft,
        component,
        actor,
        "version.regenerate",
        trigger=trigger,
        reason=reason,
        bump=bump.label,
        branch=branch,
        conflicts=proposal.conflict_count,
        from_version=current.version_string,
    )
    safe = proposal.clean and proposal.decision.bump < Bump.MAJOR
    applied = apply and safe and not proposal.decision.needs_review
    if applied:
        accept(session, draft.id, actor=actor)
    return RegenerationResult(component, current, draft, proposal, applied=applied)


def _body(text: str) -> str:
    """The text without the generator-owned header line (found as the merge finds it)."""
    return "\n".join(split_header(text.split("\n")).body)


def record_event(
    session: Session,
    version: ComponentVersion,
    component: Component,
    actor: str,
    action: str,
    **details: Any,
) -> None:
    """One audit entry naming the component and version a state change touched."""
    audit.record(
        session,
        actor=actor,
        action=action,
        component_id=component.id,
        version_id=version.id,
        target=f"{component.name} {version.version_string}",
        details=details,
    )


def supersede_open_drafts(session: Session, component: Component, *, branch: str) -> None:
    open_drafts = session.scalars(
        select(ComponentVersion).where(
            ComponentVersion.component_id == component.id,
            ComponentVersion.branch == branch,
            ComponentVersion.status == "draft",
        )
    ).all()
    for draft in open_drafts:
        draft.status = "superseded"
    session.flush()


def open_conflicts(version: ComponentVersion) -> list[dict[str, Any]]:
    merge = (version.change_summary or {}).get("merge", {})
    return [
        {"file": file, **conflict}
        for file in ("code", "stories")
        for conflict in merge.get(file, {}).get("conflicts", [])
    ]


def _review(version: ComponentVersion, action: str, actor: str, reason: str | None) -> None:
    summary = dict(version.change_summary or {})
    summary["review"] = {"action": action, "by": actor, "at": _now().isoformat(), "reason": reason}
    version.change_summary = summary  # a new dict, so the JSON column is seen as changed


def _locked_draft(
    session: Session, version_id: uuid.UUID | str
) -> tuple[Component, ComponentVersion]:
    version = components.get_version(session, version_id)
    component = lock_component(session, version.component_id)
    session.refresh(version)
    if version.status != "draft":
        raise Conflict(
            f"{component.name} {version.version_string} is {version.status}, not a draft"
        )
    return component, version


def accept(session: Session, version_id: uuid.UUID | str, *, actor: str) -> ComponentVersion:
    """Make a draft the component's current version, atomically and optimistically."""
    component, draft = _locked_draft(session, version_id)
    conflicts = open_conflicts(draft)
    if conflicts:
        raise Conflict(
            f"{component.name} {draft.version_string} has {len(conflicts)} unresolved "
            "conflict(s); resolve them first",
            extra={"conflicts": conflicts},
        )
    branches.active_branch(session, component, draft.branch)
    head = branches.head_of(session, component, draft.branch)
    if draft.parent_version_id != head.id:
        raise Conflict(
            f"{component.name} ({draft.branch}) moved on since this draft was made; "
            "regenerate to refresh it",
            extra={
                "draft_parent_version_id": str(draft.parent_version_id),
                "current_version_id": str(head.id),
            },
        )
    draft.status = "active"
    _review(draft, "accepted", actor, None)
    components.flush_or_conflict(session, f"{component.name} {draft.version_string}")
    branches.set_head(session, component, draft.branch, draft)
    record_event(session, draft, component, actor, "version.accept", branch=draft.branch)
    merged = (draft.change_summary or {}).get("merged_branch")
    if merged:
        branches.get_branch(session, component, merged).status = "merged"
        session.flush()
    return draft


def reject(
    session: Session, version_id: uuid.UUID | str, *, actor: str, reason: str | None = None
) -> ComponentVersion:
    _component, draft = _locked_draft(session, version_id)
    draft.status = "rejected"
    _review(draft, "rejected", actor, reason)
    session.flush()
    record_event(session, draft, _component, actor, "version.reject", reason=reason)
    return draft


def resolve(
    session: Session,
    version_id: uuid.UUID | str,
    *,
    actor: str,
    code_choices: dict[int, Choice] | None = None,
    stories_choices: dict[int, Choice] | None = None,
    code: str | None = None,
    stories: str | None = None,
) -> ComponentVersion:
    """Resolve a draft's conflicts per hunk (ours / theirs / both) or with uploaded text.

    The merge is redone from the stored base, ours and theirs (it is deterministic), so the
    conflict indices stay those the draft reported; choices accumulate across calls.
    """
    component, draft = _locked_draft(session, version_id)
    if draft.parent_version_id is None:
        raise InvalidInput("this draft was not made by a merge; edit its code instead")
    parent = components.get_version(session, draft.parent_version_id)
    parent_content = components.load_content(session, parent)
    code_merge, stories_merge = redo_merge(session, draft, parent_content)
    summary = dict(draft.change_summary or {})
    merge_state = dict(summary.get("merge", {}))
    texts: dict[str, str] = {}
    for file, result, choices, uploaded in (
        ("code", code_merge, code_choices, code),
        ("stories", stories_merge, stories_choices, stories),
    ):
        state = dict(merge_state.get(file, merge_json(result)))
        if uploaded is not None:
            _check_no_markers(uploaded, file)
            texts[file] = uploaded
            state["conflicts"] = []
            state["resolved_by_upload"] = True
        else:
            chosen = {int(k): v for k, v in state.get("choices", {}).items()}
            chosen.update(choices or {})
            texts[file] = result.resolve(chosen)
            state["choices"] = {str(k): v for k, v in sorted(chosen.items())}
            state["conflicts"] = [
                c for c in merge_json(result)["conflicts"] if c["index"] not in chosen
            ]
        merge_state[file] = state
    summary["merge"] = merge_state
    api = compare_code_api(parent_content.code, texts["code"])
    changes = ChangeSet.from_json(summary.get("changes", {}))
    output_changed = (texts["code"], texts["stories"]) != (
        parent_content.code,
        parent_content.stories,
    )
    decision = decide_bump(changes, api, output_changed=output_changed)
    summary["api"] = api.to_dict()
    summary["needs_review"] = decision.needs_review
    summary["resolved_by"] = actor
    remaining = len(merge_state["code"]["conflicts"]) + len(merge_state["stories"]["conflicts"])
    draft_content = components.load_content(session, draft)
    summary["warnings"] = draft_warnings(
        (*code_merge.notes, *stories_merge.notes),
        conflicts=remaining,
        needs_review=decision.needs_review,
        deprecated=deprecated_tokens(
            draft_content.token_set(), (use["path"] for use in draft_content.token_usage)
        ),
    )
    number = branches.next_number(session, component, draft.branch, parent, decision.bump)
    draft.major, draft.minor, draft.patch = number.major, number.minor, number.patch
    draft.bump = max(decision.bump, Bump.PATCH).label
    draft.bump_reasons = list(decision.reasons)
    draft.change_summary = summary
    components.replace_code(session, draft, code=texts["code"], stories=texts["stories"])
    components.flush_or_conflict(session, f"{component.name} {number}")
    record_event(
        session,
        draft,
        component,
        actor,
        "version.resolve",
        remaining=remaining,
        uploaded=code is not None or stories is not None,
    )
    return draft


def redo_merge(
    session: Session, draft: ComponentVersion, parent: VersionContent
) -> tuple[MergeResult, MergeResult]:
    """Run the draft's three-way merges again (they are deterministic).

    A regeneration merged base = the parent's pristine output, ours = the parent's code,
    theirs = the draft's pristine output; a branch merge records its three versions under
    `merge_sides` (base = the branch point, ours = main, theirs = the branch head).
    """
    sides = (draft.change_summary or {}).get("merge_sides")
    if sides is None:
        pristine = components.load_content(session, draft)
        labels = _labels(parent.version, draft.version_string)
        code_sides = (parent.pristine_code, parent.code, pristine.pristine_code)
        stories_sides = (parent.pristine_stories, parent.stories, pristine.pristine_stories)
    else:
        base, ours, theirs = (
            components.load_content(session, components.get_version(session, sides[key]))
            for key in ("base", "ours", "theirs")
        )
        labels = MergeLabels(**sides["labels"])
        code_sides = (base.code, ours.code, theirs.code)
        stories_sides = (base.stories, ours.stories, theirs.stories)
    return (
        merge_texts(*code_sides, labels=labels),
        merge_texts(*stories_sides, labels=labels),
    )


def _check_no_markers(text: str, file: str) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(MARKERS) or line.rstrip() == "=======":
            raise InvalidInput(f"the uploaded {file} still has a conflict marker on line {number}")


def edit_code(
    session: Session,
    component_key: str,
    *,
    code: str,
    stories: str | None = None,
    base_version_id: uuid.UUID | None = None,
    actor: str,
    reason: str | None = None,
    branch: str = MAIN,
) -> ComponentVersion:
    """Store hand-edited code as the new current version (trigger `manual_edit`).

    Its pristine output stays that of the generation it came from, so the next regeneration
    merges these edits. `base_version_id`, when given, must still be the current version.
    """
    component, current = lock_with_head(session, component_key, branch)
    if base_version_id is not None and base_version_id != current.id:
        raise Conflict(
            f"{component.name} moved on: the current version is {current.version_string}",
            extra={"current_version_id": str(current.id)},
        )
    content = components.load_content(session, current)
    new_stories = content.stories if stories is None else stories
    _check_no_markers(code, "code")
    _check_no_markers(new_stories, "stories")
    if (code, new_stories) == (content.code, content.stories):
        raise NothingChanged(f"the code is the same as {component.name} {current.version_string}")
    api = compare_code_api(content.code, code)
    decision = decide_bump(ChangeSet(), api, output_changed=True)
    bump = max(decision.bump, Bump.PATCH)
    version = components.record_derived(
        session,
        component,
        current,
        code=code,
        stories=new_stories,
        meta=VersionMeta(
            actor=actor,
            trigger="manual_edit",
            number=branches.next_number(session, component, branch, current, bump),
            status="active",
            reason=reason,
            branch=branch,
            parent_version_id=current.id,
            bump=bump,
            bump_reasons=decision.reasons,
            change_summary={"api": api.to_dict(), "needs_review": decision.needs_review},
        ),
    )
    branches.set_head(session, component, branch, version)
    record_event(
        session,
        version,
        component,
        actor,
        "version.edit",
        reason=reason,
        bump=bump.label,
        branch=branch,
    )
    return version
