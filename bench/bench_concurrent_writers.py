"""20 concurrent writers on one component, through the real services: false conflicts,
duplicate numbers, lost writes and throughput.

Run: ``.venv/bin/python bench/bench_concurrent_writers.py [--writers 20] [--rounds 10]
[--backend sqlite|postgres|both] [--compare-old-locking]``. PostgreSQL is reached at
``REDRAFT_TEST_POSTGRES_URL`` (default ``postgresql+psycopg://postgres@127.0.0.1:5432/test``);
the benchmark creates a throwaway database ``redraft_bench_<pid>`` there and drops it after.

The scenario is the concurrency test's (``tests/features/concurrent_writers.py``): each writer
thread, with a connection of its own, runs ``--rounds`` operations in turn, each in its own
unit of work: a regeneration with a new token value and ``apply``, a hand edit without a base,
a hand edit naming the head it read just before. Regenerations and base-less edits must never
be refused; an edit whose base moved on may be, with "moved on: the current version is …".
Anything else is a false conflict. Then: no two accepted versions share a number, every write
answered with success is stored (and accepted when it said so), and the accepted versions form
one line from the head back to 1.0.0.

``--compare-old-locking`` runs the same scenario again with the locking before the fix (the
head joined to the row lock in one statement, which on PostgreSQL reads the head from the
statement's snapshot after waiting), installed for that run only, side by side.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import uuid
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from backends import Backend, postgres_backend, sqlite_backend

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' scenario

from tests.features.concurrent_writers import Tally, create_subject, run_writers

from redraft.codegen.registry import load_generator
from redraft.config import DatabaseSettings
from redraft.db.engine import create_engine_for
from redraft.db.migrate import upgrade
from redraft.db.models import Component, ComponentVersion
from redraft.db.session import create_session_factory
from redraft.errors import Conflict, NotFound
from redraft.features.regeneration import service as regeneration


def old_lock_with_head(
    session: Session, key: uuid.UUID | str, branch: str
) -> tuple[Component, ComponentVersion]:
    """`lock_with_head` as it was before the fix (main branch only, as the scenario uses)."""
    assert branch == "main"
    row = (
        session.execute(
            select(Component, ComponentVersion)
            .outerjoin(ComponentVersion, Component.current_version_id == ComponentVersion.id)
            .options(joinedload(ComponentVersion.tags))
            .where(regeneration._component_is(key))
            .with_for_update(of=Component)
            .execution_options(populate_existing=True)
        )
        .unique()
        .first()
    )
    if row is None:
        raise NotFound(f"no component {str(key)!r}")
    component, head = row
    if head is None:
        raise Conflict(f"{component.name} has no current version")
    return component, head


def run(backend: Backend, writers: int, rounds: int) -> Tally:
    upgrade(backend.url)
    # A connection per writer: every writer's transaction is open at once.
    engine = create_engine_for(
        DatabaseSettings(url=backend.url, pool_size=writers, pool_max_overflow=0)
    )
    try:
        factory = create_session_factory(engine)
        create_subject(factory, load_generator())
        return run_writers(factory, writers=writers, rounds=rounds)
    finally:
        engine.dispose()


def report(label: str, tally: Tally) -> None:
    kinds: dict[str, int] = {}
    for done in tally.done:
        kinds[done.kind] = kinds.get(done.kind, 0) + 1
    print(f"  {label}")
    print(f"    operations            {tally.operations} ({kinds})")
    print(f"    stored                {tally.acknowledged}")
    print(f"    honest refusals       {tally.honest_refusals} (edits whose base moved on)")
    print(f"    false conflicts       {len(tally.false_conflicts)}")
    for detail in sorted(set(tally.false_conflicts))[:3]:
        print(f"      e.g. {detail}")
    print(f"    duplicate numbers     {sum(tally.duplicate_numbers.values())}")
    print(f"    lost writes           {len(tally.lost_writes)}")
    print(f"    chain breaks          {tally.chain_breaks}")
    print(f"    accepted versions     {tally.accepted}")
    print(f"    errors                {len(tally.errors)} {tally.errors[:1]}")
    print(f"    wall time             {tally.seconds:.2f} s")
    print(f"    throughput            {tally.per_second:.1f} operations/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--compare-old-locking", action="store_true")
    options = parser.parse_args()
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs; "
        f"{options.writers} writers x {options.rounds} rounds"
    )
    makers = {"sqlite": sqlite_backend, "postgres": postgres_backend}
    names = ["sqlite", "postgres"] if options.backend == "both" else [options.backend]
    fixed = regeneration.lock_with_head
    for name in names:
        variants = [("current locking", fixed)]
        if options.compare_old_locking:
            variants.append(("old locking (head joined to the lock)", old_lock_with_head))
        for label, lock in variants:
            regeneration.lock_with_head = lock  # type: ignore[assignment]
            try:
                with makers[name]() as backend:
                    tally = run(backend, options.writers, options.rounds)
            finally:
                regeneration.lock_with_head = fixed  # type: ignore[assignment]
            print(backend.name)
            report(label, tally)


if __name__ == "__main__":
    main()
