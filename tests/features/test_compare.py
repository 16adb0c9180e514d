"""Comparing any two versions of a component, on SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from redraft.codegen.registry import load_generator
from redraft.core.diff import Fold, TextDiff
from redraft.core.semver import Version
from redraft.core.tokens import parse_tokens
from redraft.db.models import Component, ComponentVersion
from redraft.db.session import unit_of_work
from redraft.errors import InvalidInput, NotFound
from redraft.features.compare import service as compare
from redraft.features.components import service as components
from redraft.features.components.service import VersionMeta
from redraft.features.regeneration import service as regeneration
from redraft.spec.requirements import parse_requirements
from tests.factories import button_requirements, tokens


@dataclass(frozen=True)
class History:
    """PrimaryButton 1.0.0 → 1.1.0 (token change, accepted) → 1.1.1 (hand edit), plus a draft
    adding an optional prop; GhostButton 1.0.0 alongside."""

    first: uuid.UUID
    recoloured: uuid.UUID
    edited: uuid.UUID
    draft: uuid.UUID
    other_component: uuid.UUID


@pytest.fixture
def history(session_factory: sessionmaker[Session]) -> History:
    generator = load_generator()
    with unit_of_work(session_factory) as session:
        first = components.create_component(
            session,
            requirements=parse_requirements(button_requirements()),
            tokens=parse_tokens({"tokens.json": tokens()}),
            generator=generator,
            actor="alice",
        )
        ghost = components.create_component(
            session,
            requirements=parse_requirements(button_requirements("GhostButton")),
            tokens=parse_tokens({"tokens.json": tokens()}),
            generator=generator,
            actor="alice",
        )
        recoloured = regeneration.regenerate(
            session,
            "PrimaryButton",
            generator=generator,
            actor="bob",
            tokens=parse_tokens({"tokens.json": tokens(blue_500="#2563eb")}),
        ).draft
        assert recoloured is not None
        regeneration.accept(session, recoloured.id, actor="bob")
        code = components.load_content(session, recoloured).code
        edited = regeneration.edit_code(
            session,
            "PrimaryButton",
            code=code.replace(
                '      type="button"\n', '      type="button"\n      className="cta"\n'
            ),
            actor="carol",
        )
        with_icon = button_requirements(
            props=[
                {"name": "label", "type": "string", "required": True},
                {"name": "tooltip", "type": "string"},
            ]
        )
        draft = regeneration.regenerate(
            session,
            "PrimaryButton",
            generator=generator,
            actor="dave",
            requirements=parse_requirements(with_icon),
        ).draft
        assert draft is not None
        return History(first.id, recoloured.id, edited.id, draft.id, ghost.component_id)


def _compare(
    session: Session, from_id: uuid.UUID, to_id: uuid.UUID, *, context: int = 3
) -> compare.Comparison:
    component = components.get_component(session, "PrimaryButton")
    old = components.get_version(session, from_id)
    new = components.get_version(session, to_id)
    return compare.compare_versions(session, component, old, new, context=context)


def _lines(diff: TextDiff, kind: str) -> list[str]:
    return [line.text for hunk in diff.hunks for line in hunk.lines if line.kind == kind]


def test_a_token_change_shows_as_paired_lines_input_changes_and_a_minor_bump(
    session: Session, history: History
) -> None:
    result = _compare(session, history.first, history.recoloured)

    code = result.analysis.code
    removed = [line for hunk in code.hunks for line in hunk.lines if line.kind == "removed"]
    colour = next(line for line in removed if "#1d4ed8" in line.text)
    assert colour.paired
    assert colour.old_no is not None
    assert [colour.text[start:end] for start, end in colour.changes] == ["1d4ed8"]
    assert any("#2563eb" in text for text in _lines(code, "added"))
    folds = [block for block in code.blocks if isinstance(block, Fold)]
    assert folds
    assert all(fold.count > 0 for fold in folds)
    assert [c.path for c in result.analysis.changes.tokens] == [
        "color.blue.500",
        "color.brand.primary",
    ]
    assert any("color.blue.500" in line for line in result.analysis.change_lines)
    assert [f.rule for f in result.analysis.api.findings] == ["surface-unchanged"]
    assert result.analysis.decision.bump.label == "minor"
    assert not result.identical


def test_comparing_backwards_reverses_the_change(session: Session, history: History) -> None:
    result = _compare(session, history.recoloured, history.first)

    change = next(c for c in result.analysis.changes.tokens if c.path == "color.blue.500")
    assert (change.old, change.new) == ("#2563eb", "#1d4ed8")
    assert any("#1d4ed8" in text for text in _lines(result.analysis.code, "added"))


def test_a_version_compared_with_itself_is_identical(session: Session, history: History) -> None:
    result = _compare(session, history.edited, history.edited)

    assert result.identical
    assert result.analysis.code.hunks == ()
    assert result.analysis.decision.bump.label == "none"


def test_a_draft_is_compared_with_a_hand_edited_version_across_statuses(
    session: Session, history: History
) -> None:
    result = _compare(session, history.first, history.draft)

    assert result.from_version.status == "active"
    assert result.to_version.status == "draft"
    assert "prop-optional-added" in [f.rule for f in result.analysis.api.findings]
    assert result.analysis.decision.bump.label == "minor"
    assert any("tooltip" in line for line in result.analysis.change_lines)
    edit = _compare(session, history.recoloured, history.edited)
    assert _lines(edit.analysis.code, "added") == ['      className="cta"']
    assert edit.analysis.stories.identical
    assert edit.analysis.changes.is_empty


def test_versions_on_another_branch_compare_and_resolve_by_number(
    session: Session, history: History
) -> None:
    component = components.get_component(session, "PrimaryButton")
    source = components.get_version(session, history.recoloured)
    content = components.load_content(session, source)
    branched = components.record_derived(
        session,
        component,
        source,
        code=content.code.replace("#2563eb", "#111827"),
        stories=content.stories,
        meta=VersionMeta(
            actor="erin",
            trigger="manual_edit",
            number=Version(1, 2, 0, "dark.1"),
            status="active",
            branch="dark",
            parent_version_id=source.id,
        ),
    )
    session.flush()

    old = compare.resolve_version(session, component, "1.0.0")
    new = compare.resolve_version(session, component, "1.2.0-dark.1")
    result = compare.compare_versions(session, component, old, new)

    assert new.id == branched.id
    assert result.to_version.branch == "dark"
    assert any("#111827" in text for text in _lines(result.analysis.code, "added"))


def test_unknown_and_foreign_versions_are_refused(session: Session, history: History) -> None:
    component = components.get_component(session, "PrimaryButton")
    foreign = components.get_component(session, "GhostButton")
    assert foreign.id == history.other_component
    assert foreign.current_version_id is not None

    with pytest.raises(NotFound):
        compare.resolve_version(session, component, str(uuid.uuid4()))
    with pytest.raises(NotFound):
        compare.resolve_version(session, component, "9.9.9")
    with pytest.raises(InvalidInput, match="not a semantic version"):
        compare.resolve_version(session, component, "latest")
    with pytest.raises(InvalidInput, match="another component"):
        compare.resolve_version(session, component, str(foreign.current_version_id))
    ghost = components.get_version(session, foreign.current_version_id)
    mine = components.get_version(session, history.first)
    with pytest.raises(InvalidInput, match="another component"):
        compare.compare_versions(session, component, mine, ghost)
    with pytest.raises(InvalidInput, match="context"):
        compare.compare_versions(session, component, mine, mine, context=-1)


def test_context_controls_the_lines_around_each_change(session: Session, history: History) -> None:
    tight = _compare(session, history.recoloured, history.edited, context=0)
    wide = _compare(session, history.recoloured, history.edited, context=5)

    assert [line.kind for hunk in tight.analysis.code.hunks for line in hunk.lines] == ["added"]
    assert sum(len(h.lines) for h in wide.analysis.code.hunks) == 11


def test_a_draft_whose_code_is_replaced_is_compared_afresh(
    session: Session, history: History
) -> None:
    before = _compare(session, history.first, history.draft)
    draft = components.get_version(session, history.draft)
    content = components.load_content(session, draft)
    components.replace_code(
        session, draft, code=content.code + "// reviewed\n", stories=content.stories
    )
    session.flush()

    after = _compare(session, history.first, history.draft)

    assert "// reviewed" not in _lines(before.analysis.code, "added")
    assert "// reviewed" in _lines(after.analysis.code, "added")


def test_the_patch_turns_the_old_files_into_the_new_ones(
    session: Session, history: History, tmp_path: Path
) -> None:
    component = components.get_component(session, "PrimaryButton")
    old = components.get_version(session, history.first)
    new = components.get_version(session, history.draft)
    for name, text in _files(session, component, old).items():
        (tmp_path / name).write_text(text)

    patch = compare.patch_versions(session, component, old, new)
    (tmp_path / "change.patch").write_text(patch.text)
    subprocess.run(["git", "apply", "change.patch"], cwd=tmp_path, check=True)

    assert patch.filename == f"PrimaryButton-1.0.0..{new.version_string}.patch"
    for name, text in _files(session, component, new).items():
        assert (tmp_path / name).read_text() == text
    assert compare.patch_versions(session, component, new, new).text == ""


def _files(session: Session, component: Component, version: ComponentVersion) -> dict[str, str]:
    content = components.load_content(session, version)
    return {f"{component.name}.tsx": content.code, f"{component.name}.stories.tsx": content.stories}
