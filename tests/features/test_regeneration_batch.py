"""Regenerating many components over worker processes stores what one at a time stores."""

from __future__ import annotations

import math
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from redraft.codegen.registry import load_generator
from redraft.core.tokens import parse_tokens
from redraft.db.session import unit_of_work
from redraft.errors import NotFound
from redraft.features.branches.service import MAIN
from redraft.features.components import service as components
from redraft.features.regeneration import batch
from redraft.features.regeneration import service as regeneration
from redraft.spec.requirements import parse_requirements
from tests.factories import button_requirements, tokens

COUNT = batch.MIN_FOR_POOL + 2  # enough for the pool to be used
NAMES = [f"Button{n:02d}" for n in range(COUNT)]
NEW_TOKENS = parse_tokens({"tokens.json": tokens(blue_500="#123456")})


def _seed(factory: sessionmaker[Session], names: list[str]) -> None:
    generator = load_generator()
    with unit_of_work(factory) as session:
        for name in names:
            components.create_component(
                session,
                requirements=parse_requirements(button_requirements(name)),
                tokens=parse_tokens({"tokens.json": tokens()}),
                generator=generator,
                actor="setup",
            )
    with unit_of_work(factory) as session:  # every other component carries a hand edit
        for name in names[::2]:
            _edit(session, name, "style={rootStyle}", 'style={rootStyle}\n      className="cta"')


def _edit(session: Session, name: str, old: str, new: str) -> None:
    component = components.get_component(session, name)
    assert component.current_version_id is not None
    code = components.load_content(
        session, components.get_version(session, component.current_version_id)
    ).code
    assert old in code
    regeneration.edit_code(session, name, code=code.replace(old, new, 1), actor="setup")


def _drafts(factory: sessionmaker[Session], names: list[str]) -> list[dict[str, Any]]:
    """What each component's open draft holds: number, bodies, why, and its parent."""
    rows = []
    with unit_of_work(factory) as session:
        for name in names:
            component = components.get_component(session, name)
            page = components.list_versions(
                session, component, components.VersionFilter(status="draft"), limit=10
            )
            assert len(page.items) == 1, name
            draft = page.items[0]
            content = components.load_content(session, draft)
            rows.append(
                {
                    "name": name,
                    "number": draft.version_string,
                    "parent": draft.parent_version_id,
                    "code": content.code,
                    "stories": content.stories,
                    "pristine": (content.pristine_code, content.pristine_stories),
                    "bump": (draft.bump, draft.bump_reasons),
                    "summary": draft.change_summary,
                }
            )
    return rows


def _one_at_a_time(factory: sessionmaker[Session], names: list[str]) -> None:
    generator = load_generator()
    for name in names:
        with unit_of_work(factory) as session:
            regeneration.regenerate(
                session, name, generator=generator, actor="bench", tokens=NEW_TOKENS
            )


@pytest.mark.slow
@pytest.mark.parametrize("workers", [2, 1])
def test_a_batch_stores_the_drafts_one_at_a_time_stores(
    session_factory: sessionmaker[Session], workers: int
) -> None:
    _seed(session_factory, NAMES)
    _one_at_a_time(session_factory, NAMES)
    expected = _drafts(session_factory, NAMES)

    results = list(
        batch.regenerate_all(
            session_factory,
            NAMES,
            generator="builtin",
            options=batch.Options(actor="bench", tokens=NEW_TOKENS),
            workers=workers,
        )
    )

    assert [r.component.name for r in results] == NAMES
    assert all(r.draft is not None and r.draft.status == "draft" for r in results)
    assert _drafts(session_factory, NAMES) == expected  # the first drafts were superseded


@pytest.mark.slow
def test_a_batch_stops_at_a_failing_component_after_storing_those_before_it(
    session_factory: sessionmaker[Session],
) -> None:
    _seed(session_factory, NAMES)
    names = [*NAMES[:3], "Missing", *NAMES[3:]]

    run = batch.regenerate_all(
        session_factory,
        names,
        generator="builtin",
        options=batch.Options(actor="bench", tokens=NEW_TOKENS),
        workers=2,
    )

    stored = [next(run).component.name for _ in range(3)]
    with pytest.raises(NotFound, match="Missing"):
        next(run)

    assert stored == NAMES[:3]
    with unit_of_work(session_factory) as session:
        later = components.get_component(session, NAMES[3])
        drafts = components.list_versions(
            session, later, components.VersionFilter(status="draft"), limit=10
        )
        assert drafts.total == 0


def test_a_regeneration_prepared_before_the_component_moved_on_is_recomputed(
    session_factory: sessionmaker[Session],
) -> None:
    _seed(session_factory, NAMES[:1])
    generator = load_generator()
    with unit_of_work(session_factory) as session:
        component = components.get_component(session, NAMES[0])
        assert component.current_version_id is not None
        head = components.get_version(session, component.current_version_id)
        stale = regeneration.prepare(
            session, component, head, generator=generator, tokens=NEW_TOKENS, branch=MAIN
        )
    with unit_of_work(session_factory) as session:
        _edit(session, NAMES[0], '      className="cta"\n', '      className="cta wide"\n')

    with unit_of_work(session_factory) as session:
        result = regeneration.regenerate(
            session,
            NAMES[0],
            generator=generator,
            actor="bench",
            tokens=NEW_TOKENS,
            prepared=stale,
        )
        assert result.draft is not None
        assert result.draft.parent_version_id == result.previous.id != stale.version_id
        assert 'className="cta wide"' in components.load_content(session, result.draft).code


@pytest.mark.slow
def test_a_batch_commits_once_per_group_not_once_per_component(
    session_factory: sessionmaker[Session],
) -> None:
    _seed(session_factory, NAMES)
    commits: list[None] = []
    engine = session_factory.kw["bind"]

    def count(_connection: Any) -> None:
        commits.append(None)

    event.listen(engine, "commit", count)
    try:
        results = list(
            batch.regenerate_all(
                session_factory,
                NAMES,
                generator="builtin",
                options=batch.Options(actor="bench", tokens=NEW_TOKENS),
                workers=1,
            )
        )
    finally:
        event.remove(engine, "commit", count)
    assert all(r.draft is not None for r in results)
    assert len(commits) == math.ceil(len(NAMES) / batch.GROUP)
