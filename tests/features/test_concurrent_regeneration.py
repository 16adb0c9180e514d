"""Many writers on one component: nobody is refused for a lock they only had to wait for, no
two accepted versions share a number, no acknowledged write is lost."""

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
from tests.factories import tokens
from tests.features.concurrent_writers import NAME, create_subject, run_writers

THREADS = 6
ROUNDS = 4


@pytest.mark.slow
def test_parallel_regenerate_then_accept_refuses_only_accepts_of_outdated_drafts(
    session_factory: sessionmaker[Session],
) -> None:
    generator = load_generator()
    create_subject(session_factory, generator)
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
                # A regeneration waits for the lock and runs on the new head: never refused.
                with unit_of_work(session_factory) as session:
                    result = regeneration.regenerate(
                        session,
                        NAME,
                        generator=generator,
                        actor=f"w{worker}",
                        tokens=parse_tokens({"tokens.json": tokens(blue_500=colour)}),
                    )
                    assert result.draft is not None
                    draft_id = result.draft.id
                # Accepting is optimistic: a draft made against a head that has moved on since
                # (or superseded by a newer draft) is refused, and only that.
                try:
                    with unit_of_work(session_factory) as session:
                        regeneration.accept(session, draft_id, actor=f"w{worker}")
                except Conflict as exc:
                    with lock:
                        refused.append(exc.detail)
                    continue
                with lock:
                    accepted.append(str(draft_id))
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
    outdated = (f"{NAME} (main) moved on since this draft was made", "is superseded, not a draft")
    assert [r for r in refused if not any(reason in r for reason in outdated)] == []
    with unit_of_work(session_factory) as session:
        component = components.get_component(session, NAME)
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


@pytest.mark.slow
def test_concurrent_regenerations_and_edits_are_never_falsely_refused(
    session_factory: sessionmaker[Session],
) -> None:
    create_subject(session_factory, load_generator())

    tally = run_writers(session_factory, writers=20, rounds=3)

    assert tally.errors == []
    assert tally.false_conflicts == []
    assert tally.duplicate_numbers == {}
    assert tally.lost_writes == []
    assert tally.chain_breaks == 0
    assert tally.acknowledged + tally.honest_refusals == tally.operations
    # Regenerations and base-less edits all went through; with 20 writers racing, at least
    # one edit that named its base found the head moved.
    assert tally.acknowledged >= 2 * tally.operations // 3


@pytest.mark.slow
def test_concurrent_edits_from_one_base_store_one_and_name_the_new_head_to_the_rest(
    session_factory: sessionmaker[Session],
) -> None:
    create_subject(session_factory, load_generator())
    with unit_of_work(session_factory) as session:
        component = components.get_component(session, NAME)
        base_id = component.current_version_id
        code = components.load_content(
            session,
            components.get_version(session, base_id),  # type: ignore[arg-type]
        ).code
    stored: list[str] = []
    refused: list[str] = []
    failures: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def writer(worker: int) -> None:
        start.wait()
        try:
            with unit_of_work(session_factory) as session:
                version = regeneration.edit_code(
                    session,
                    NAME,
                    code=f"{code}// edit {worker}\n",
                    base_version_id=base_id,
                    actor=f"w{worker}",
                )
                number = version.version_string
            with lock:
                stored.append(number)
        except Conflict as exc:
            with lock:
                refused.append(exc.detail)
        except BaseException as exc:  # surfaced below
            with lock:
                failures.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert failures == []
    assert stored == ["1.0.1"]
    assert refused == [f"{NAME} moved on: the current version is 1.0.1"] * 7
