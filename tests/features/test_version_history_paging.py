"""A component's history pages: every page reports the same total, whatever its length."""

from __future__ import annotations

from sqlalchemy.orm import Session

from redraft.codegen.registry import load_generator
from redraft.core.tokens import parse_tokens
from redraft.features.components import service as components
from redraft.features.components.repository import VersionFilter
from redraft.features.regeneration import service as regeneration
from redraft.spec.requirements import parse_requirements
from tests.factories import button_requirements, tokens


def _history(session: Session, edits: int) -> None:
    """1.0.0 by alice, then `edits` hand edits alternating between bob and carol."""
    first = components.create_component(
        session,
        requirements=parse_requirements(button_requirements()),
        tokens=parse_tokens({"tokens.json": tokens()}),
        generator=load_generator(),
        actor="alice",
    )
    code = components.load_content(session, first).code
    for n in range(edits):
        code += f"// edit {n}\n"
        actor = "bob" if n % 2 == 0 else "carol"
        regeneration.edit_code(session, "PrimaryButton", code=code, actor=actor)


def test_full_short_and_overshot_pages_report_the_same_total(session: Session) -> None:
    _history(session, 4)
    component = components.get_component(session, "PrimaryButton")

    pages = [
        components.list_versions(session, component, VersionFilter(), limit=2, offset=offset)
        for offset in (0, 2, 4, 6)
    ]

    assert [(len(p.items), p.total) for p in pages] == [(2, 5), (2, 5), (1, 5), (0, 5)]
    numbers = [v.version_string for p in pages for v in p.items]
    assert numbers == ["1.0.4", "1.0.3", "1.0.2", "1.0.1", "1.0.0"]


def test_filtered_pages_count_only_matching_versions(session: Session) -> None:
    _history(session, 5)
    component = components.get_component(session, "PrimaryButton")

    def page(author: str, limit: int, offset: int) -> tuple[int, int]:
        found = components.list_versions(
            session, component, VersionFilter(author=author), limit=limit, offset=offset
        )
        return len(found.items), found.total

    assert page("bob", 50, 0) == (3, 3)
    assert page("bob", 2, 0) == (2, 3)
    assert page("bob", 2, 2) == (1, 3)
    assert page("carol", 2, 4) == (0, 2)
    assert page("nobody", 10, 0) == (0, 0)
