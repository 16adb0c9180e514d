"""Many writers on one component: no duplicate version numbers, no lost accepted version."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from sqlalchemy.orm import Session, sessionmaker

from redraft.codegen.registry import load_generator
from redraft.core.tokens import parse_tokens
from redraft.db.session import unit_of_work
from redraft.errors import Conflict
from redraft.features.components import service as components
from redraft.features.components.repository import VersionFilter
from redraft.features.regeneration import service as regeneration
from redraft.spec.requirements import parse_requirements
from tests.factories import button_requirements, tokens

THREADS = 6
ROUNDS = 4


@pytest.mark.slow
def test_parallel_regenerate_and_accept_never_duplicate_or_lose_versions(
    session_factory: sessionmaker[Session],
) -> None:
    generator = load_generator()
    with unit_of_work(session_factory) as session:
        components.create_component(
            session,
            requirements=parse_requirements(button_requirements()),
            tokens=parse_tokens({"tokens.json": tokens()}),
            generator=generator,
            actor="setup",
        )
    accepted: list[str] = []
    refused: list[str] = []
    failures: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(THREADS)

    def writer(worker: int) -> None:
        start.wait()
        for round_ in range(ROUNDS):
            colour = f"#{worker:02x}{round_:02x}ff"
            try:
                with unit_of_work(session_factory) as session:
                    result = regeneration.regenerate(
                        session,
                        "PrimaryButton",
                        generator=generator,
                        actor=f"w{worker}",
                        tokens=parse_tokens({"tokens.json": tokens(blue_500=colour)}),
                    )
                    assert result.draft is not None
                    draft_id = result.draft.id
                with unit_of_work(session_factory) as session:
                    regeneration.accept(session, draft_id, actor=f"w{worker}")
                with lock:
                    accepted.append(str(draft_id))
            except Conflict as exc:
                with lock:
                    refused.append(exc.detail)
            except BaseException as exc:  # surfaced below with the thread's traceback
                with lock:
                    failures.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not failures, failures
    assert accepted, refused
    with unit_of_work(session_factory) as session:
        component = components.get_component(session, "PrimaryButton")
        page = components.list_versions(
            session, component, VersionFilter(status="active"), limit=1000
        )
        numbers = Counter(v.version_string for v in page.items)
        ids = {str(v.id) for v in page.items}
        by_id = {v.id: v for v in page.items}
        current = by_id[component.current_version_id]  # type: ignore[index]
        chain_length = 1
        while current.parent_version_id is not None:
            current = by_id[current.parent_version_id]
            chain_length += 1

    assert max(numbers.values()) == 1, numbers
    assert set(accepted) <= ids  # every accept that answered success is there, active
    assert len(ids) == len(accepted) + 1  # plus 1.0.0
    assert chain_length == len(ids)  # one unbroken line: each accept built on the last
    assert len(accepted) + len(refused) == THREADS * ROUNDS
