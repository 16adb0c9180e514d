"""Merging a branch into main: a draft on main, accepted or rejected like any draft."""

from __future__ import annotations

from sqlalchemy.orm import Session

from redraft.core.bump import decide_bump
from redraft.core.diff import diff_texts
from redraft.core.merge import MergeLabels, merge_texts
from redraft.core.semver import Bump
from redraft.errors import InvalidInput
from redraft.features.branches import service as branches
from redraft.features.branches.service import MAIN
from redraft.features.components import service as components
from redraft.features.components.service import VersionMeta
from redraft.features.regeneration import pipeline
from redraft.features.regeneration.service import (
    RegenerationResult,
    lock_component,
    record_event,
    snapshot,
    supersede_open_drafts,
)


def merge_branch(
    session: Session, component_key: str, *, name: str, actor: str, reason: str | None = None
) -> RegenerationResult:
    """Propose the branch's work on main as a draft.

    Three-way merge with the branch point as base, main's current code as ours and the
    branch head as theirs; the bump is computed against main's current version and the
    prerelease suffix is dropped. The draft keeps the branch head's inputs and pristine
    output (the merge base for later regenerations) and records it as its merge parent.
    """
    component = lock_component(session, component_key)
    branch = branches.active_branch(session, component, name)
    if branch is None:
        raise InvalidInput("main cannot be merged into itself")
    head = branches.head_of(session, component, name)
    if head.id == branch.base_version_id:
        raise InvalidInput(f"branch {name!r} has no versions yet")
    main = branches.head_of(session, component, MAIN)
    base_content = components.load_content(
        session, components.get_version(session, branch.base_version_id)
    )
    main_content = components.load_content(session, main)
    head_content = components.load_content(session, head)
    labels = MergeLabels(
        ours=f"main ({main.version_string})",
        base=f"branch point ({base_content.version.version_string})",
        theirs=f"{name} ({head.version_string})",
    )
    code = merge_texts(base_content.code, main_content.code, head_content.code, labels=labels)
    stories = merge_texts(
        base_content.stories, main_content.stories, head_content.stories, labels=labels
    )
    changes = pipeline.detect_changes(snapshot(main_content), snapshot(head_content))
    api = pipeline.compare_code_api(
        main_content.code, code.text if code.clean else head_content.code
    )
    decision = decide_bump(changes, api, output_changed=True)
    number = branches.next_number(session, component, MAIN, main, decision.bump)
    warnings = [*code.notes, *stories.notes]
    conflicts = len(code.conflicts) + len(stories.conflicts)
    if conflicts:
        warnings.append(f"{conflicts} conflict(s) between main and {name}: resolve them first")
    proposal = pipeline.Proposal(
        changes=changes,
        code=code,
        stories=stories,
        api=api,
        decision=decision,
        diff=diff_texts(main_content.code, code.text),
        warnings=tuple(warnings),
        diff_base=main_content.code,
    )
    summary = pipeline.change_summary(proposal)
    summary["merged_branch"] = name
    summary["merge_sides"] = {
        "base": str(branch.base_version_id),
        "ours": str(main.id),
        "theirs": str(head.id),
        "labels": {"ours": labels.ours, "base": labels.base, "theirs": labels.theirs},
    }
    supersede_open_drafts(session, component, branch=MAIN)
    draft = components.record_derived(
        session,
        component,
        head,
        code=code.text,
        stories=stories.text,
        meta=VersionMeta(
            actor=actor,
            trigger="merge",
            number=number,
            status="draft",
            reason=reason,
            branch=MAIN,
            parent_version_id=main.id,
            merge_parent_version_id=head.id,
            bump=max(decision.bump, Bump.PATCH),
            bump_reasons=decision.reasons,
            change_summary=summary,
        ),
    )
    record_event(
        session,
        draft,
        component,
        actor,
        "branch.merge",
        branch=name,
        branch_head=head.version_string,
        conflicts=proposal.conflict_count,
    )
    return RegenerationResult(component, main, draft, proposal, applied=False)
