"""`redraft audit` and the audit trail of `redraft tag add|remove` (with `--unique`)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from redraft.cli import main
from redraft.codegen.registry import load_generator
from redraft.core.tokens import parse_tokens
from redraft.db.session import unit_of_work
from redraft.features.components import service as component_service
from redraft.features.regeneration import service as regeneration
from redraft.spec.requirements import parse_requirements
from tests.factories import button_requirements, tokens


class Redraft:
    """Runs `redraft …` in-process against the test database."""

    def __init__(self, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("REDRAFT_DATABASE__URL", db_url)
        monkeypatch.setenv("REDRAFT_ACTOR", "ci-bot")
        self.app = main.app
        self.runner = CliRunner()

    def __call__(self, *args: str, code: int = 0) -> Any:
        result = self.runner.invoke(self.app, list(args), catch_exceptions=False)
        assert result.exit_code == code, (args, result.exit_code, result.output)
        return result

    def json(self, *args: str) -> Any:
        return json.loads(self(*args, "--format", "json").stdout)


@pytest.fixture
def redraft(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Redraft:
    return Redraft(db_url, monkeypatch)


def two_versions(factory: sessionmaker[Session], name: str = "PrimaryButton") -> list[str]:
    """A component's 1.0.0 and its hand-edited, current 1.0.1, as ids."""
    with unit_of_work(factory) as session:
        first = component_service.create_component(
            session,
            requirements=parse_requirements(button_requirements(name)),
            tokens=parse_tokens({"tokens.json": tokens()}),
            generator=load_generator(),
            actor="setup",
        )
        code = component_service.load_content(session, first).code
        second = regeneration.edit_code(session, name, code=code + "// edit\n", actor="setup")
        return [str(first.id), str(second.id)]


def test_tag_changes_are_listed_by_component_action_and_actor(
    redraft: Redraft, session_factory: sessionmaker[Session]
) -> None:
    first, second = two_versions(session_factory)
    two_versions(session_factory, "GhostButton")
    redraft("tag", "add", first, "qa")
    redraft("tag", "add", second, "qa")
    redraft("tag", "remove", first, "qa")

    by_component = redraft.json("audit", "--component", "PrimaryButton")
    tags_only = redraft.json("audit", "--action", "version.tag")
    family = redraft.json("audit", "--action", "version.*", "--actor", "ci-bot")
    paged = redraft.json("audit", "--action", "version.*", "--limit", "1", "--offset", "1")

    tag_events = [
        (e["action"], e["version_id"])
        for e in by_component["items"]
        if e["action"] in ("version.tag", "version.untag")
    ]
    assert tag_events == [
        ("version.untag", first),
        ("version.tag", second),
        ("version.tag", first),
    ]
    # Plus the component's creation and the hand edit of the fixture.
    assert by_component["total"] == 5
    assert tags_only["total"] == 2
    assert {e["actor"] for e in family["items"]} == {"ci-bot"}
    assert [e["version_id"] for e in paged["items"]] == [second]
    # The three tag changes and the two fixtures' hand edits.
    assert (paged["total"], paged["limit"], paged["offset"]) == (5, 1, 1)


def test_time_bounds_select_a_window(
    redraft: Redraft, session_factory: sessionmaker[Session]
) -> None:
    first, _second = two_versions(session_factory)
    redraft("tag", "add", first, "qa")

    now = redraft.json("audit", "--since", "2000-01-01T00:00:00", "--action", "version.tag")
    before = redraft.json("audit", "--until", "2000-01-01T00:00:00")

    assert now["total"] == 1
    assert before["total"] == 0


def test_the_text_listing_shows_who_did_what(
    redraft: Redraft, session_factory: sessionmaker[Session]
) -> None:
    first, _second = two_versions(session_factory)
    redraft("tag", "add", first, "qa")

    out = redraft("audit", "--component", "PrimaryButton", "--action", "version.tag").stdout

    assert "version.tag" in out
    assert "ci-bot" in out
    assert "PrimaryButton 1.0.0" in out
    assert "1 of 1" in out


def test_unique_tags_move_unless_told_otherwise(
    redraft: Redraft, session_factory: sessionmaker[Session]
) -> None:
    first, second = two_versions(session_factory)

    redraft("tag", "add", first, "stable")
    redraft("tag", "add", second, "stable")
    redraft("tag", "add", first, "beta", "--unique")
    redraft("tag", "add", second, "beta", "--unique")
    redraft("tag", "add", first, "stable", "--no-unique")

    with session_factory() as session:
        tags = {
            version_id: [t.tag for t in component_service.get_version(session, version_id).tags]
            for version_id in (first, second)
        }
    assert tags == {first: ["stable"], second: ["beta", "stable"]}
    moved = redraft.json("audit", "--action", "version.tag", "--limit", "1", "--offset", "1")
    assert moved["items"][0]["details"] == {"tag": "beta", "unique": True, "moved_from": [first]}


def test_an_unknown_component_exits_3(redraft: Redraft) -> None:
    result = redraft("audit", "--component", "Nope", code=3)

    assert "no component 'Nope'" in result.output


def test_a_malformed_time_exits_2(redraft: Redraft) -> None:
    redraft("audit", "--since", "last tuesday", code=2)
