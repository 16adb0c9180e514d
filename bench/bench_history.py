"""Times paging through a 10,000-version history on PostgreSQL, and comparing two big versions.

Run: ``.venv/bin/python bench/bench_history.py [--versions N] [--runs N] [--explain]
[--try-indexes]``.

The script creates a throwaway database ``redraft_bench_hist_<pid>`` on the server of
``REDRAFT_TEST_POSTGRES_URL`` (default ``postgresql+psycopg://postgres@127.0.0.1:5432/test``),
migrates it, and drops it at the end. One real component is generated from the demo data; its
first version's row is the template for the rest, bulk-inserted with SQLAlchemy Core (they share
its blobs: storage is not what this measures). Authors, triggers, branches, statuses and tags
are drawn from skewed distributions with a fixed seed, and ``created_at`` advances by 30 min to
8 h per version, so the history spans years.

Every query goes through ``features.components.service.list_versions``, the function the API
calls, in a fresh session per call (a pooled connection, as a request gets). ``--explain``
prints PostgreSQL's EXPLAIN ANALYZE for every statement each query kind runs;
``--try-indexes`` times everything again after adding ``PROPOSED_INDEXES``. It also times
resolving a version number (``redraft diff C 1.2.0 …`` and ``?from=1.2.0`` do that).

The second part stores two 3,000-line versions whose code differs by scattered edits and a
moved block (``bench_diff``'s generator) and times ``features.compare.service.compare_versions``
cold (no cache), per stage, and warm, plus the API's JSON serialisation of the result.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, create_engine, event, insert, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from bench_diff import make_file, mutate
from redraft.codegen.registry import load_generator
from redraft.core.diff import diff_texts
from redraft.db.blobs import BlobStore
from redraft.db.engine import create_engine_for
from redraft.db.migrate import upgrade
from redraft.db.models import Component, ComponentVersion, VersionTag
from redraft.db.session import create_session_factory, unit_of_work
from redraft.features.compare import service as compare
from redraft.features.compare.schemas import ComparisonRead
from redraft.features.components import service as components
from redraft.features.components.repository import VersionFilter
from redraft.features.components.schemas import VersionPage
from redraft.features.components.service import Page
from redraft.features.demo.service import sample_requirements, sample_tokens
from stageclock import StageClock

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
TARGET_MS = 20.0
PAGE = 50
BRANCHES = [("main", 80), ("dark-mode", 8), ("compact", 5), ("rtl", 4), ("exp-a11y", 3)]
STATUSES = [("active", 55), ("archived", 20), ("rejected", 10), ("superseded", 10), ("draft", 5)]
TRIGGERS = [
    ("token_update", 35),
    ("manual", 20),
    ("manual_edit", 15),
    ("requirements_update", 10),
    ("figma_webhook", 10),
    ("merge", 4),
    ("rollback", 3),
    ("watcher", 3),
]
AUTHORS = [f"designer-{k:02d}" for k in range(40)]
# Zipf-like: a few people make most versions, as in any team.
AUTHOR_WEIGHTS = [1 / (k + 1) for k in range(len(AUTHORS))]
START = datetime(2022, 1, 3, 9, 0, tzinfo=UTC)
EXTRA_TAGS = [("experimental", 0.02), ("qa-passed", 0.01), ("release-candidate", 0.01)]
# Indexes `--try-indexes` adds (not in the migrations unless the README says so): one per
# equality filter of the history page, ending in the page order, so a filtered first page is
# read in order and its count is an index-only scan instead of a scan of the whole history.
PROPOSED_INDEXES = {
    "ix_component_versions_component_branch_created": "branch",
    "ix_component_versions_component_status_created": "status",
    "ix_component_versions_component_created_by_created": "created_by",
    "ix_component_versions_component_trigger_created": "trigger",
}


@dataclass(frozen=True)
class Seeded:
    component_id: uuid.UUID
    first: datetime
    last: datetime


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


def seed_history(factory: sessionmaker[Session], count: int, rng: random.Random) -> Seeded:
    """One generated component, then `count - 1` more versions cloned from its first row."""
    with unit_of_work(factory) as session:
        spec = sample_requirements()[0]
        first = components.create_component(
            session,
            requirements=spec,
            tokens=sample_tokens(),
            generator=load_generator(),
            actor=AUTHORS[0],
        )
        component_id = first.component_id
        table = ComponentVersion.__table__
        template = dict(session.execute(select(table).where(table.c.id == first.id)).one()._mapping)
    versions: list[dict[str, Any]] = []
    tags: list[dict[str, Any]] = []
    at = START
    parent = template["id"]
    for i in range(1, count):
        at += timedelta(minutes=rng.randint(30, 8 * 60))
        branch = _pick(rng, BRANCHES)
        status = _pick(rng, STATUSES)
        trigger = _pick(rng, TRIGGERS)
        author = rng.choices(AUTHORS, AUTHOR_WEIGHTS)[0]
        # Unique numbers for every i: the partial unique index covers accepted versions.
        major, minor, patch = 1 + i // 2000, (i // 40) % 50, i % 40
        row = {
            **template,
            "id": uuid.uuid4(),
            "major": major,
            "minor": minor,
            "patch": patch,
            "prerelease": "" if branch == "main" else f"{branch}.{i}",
            "branch": branch,
            "status": status,
            "created_at": at,
            "created_by": author,
            "trigger": trigger,
            "reason": rng.choice([None, None, "brand refresh", "a11y review", "fix padding"]),
            "parent_version_id": parent,
            "bump": rng.choice(["patch", "minor", "minor", "major"]),
            "bump_reasons": ["MINOR: 1 token changed"],
            "change_summary": {"lines": [f"color.blue.500: #{i:06x} → #{i + 1:06x}"]},
        }
        versions.append(row)
        parent = row["id"]
        names = [t for t, share in EXTRA_TAGS if rng.random() < share]
        names += ["rollback"] if trigger == "rollback" else []
        tags += [
            {"version_id": parent, "tag": t, "created_at": at, "created_by": author} for t in names
        ]
    last = {"version_id": parent, "tag": "stable", "created_at": at, "created_by": AUTHORS[0]}
    tags.append(last)
    with unit_of_work(factory) as session:
        for chunk in range(0, len(versions), 2000):
            session.execute(insert(ComponentVersion), versions[chunk : chunk + 2000])
        session.execute(insert(VersionTag), tags)
        component = session.get_one(Component, component_id)
        component.current_version_id = versions[-1]["id"]
    return Seeded(component_id, START, at)


@dataclass(frozen=True)
class Query:
    label: str
    flt: VersionFilter
    offset: int = 0


def query_kinds(seeded: Seeded) -> list[Query]:
    span = seeded.last - seeded.first
    middle = seeded.first + span / 2
    return [
        Query("newest first, page 1", VersionFilter()),
        Query("page 2 (offset 50)", VersionFilter(), 50),
        Query("deep page (offset 5,000)", VersionFilter(), 5000),
        Query("last page (offset 9,950)", VersionFilter(), 9950),
        Query(
            "date range 30 days",
            VersionFilter(created_after=middle, created_before=middle + timedelta(days=30)),
        ),
        Query(
            "date range 1 year, page 3",
            VersionFilter(created_after=middle, created_before=middle + timedelta(days=365)),
            100,
        ),
        Query("author (most active)", VersionFilter(author=AUTHORS[0])),
        Query("author (most active), offset 1,000", VersionFilter(author=AUTHORS[0]), 1000),
        Query("author (rare)", VersionFilter(author=AUTHORS[-1])),
        Query("trigger figma_webhook", VersionFilter(trigger="figma_webhook")),
        Query("tag experimental", VersionFilter(tag="experimental")),
        Query("tag stable (one version)", VersionFilter(tag="stable")),
        Query("branch dark-mode", VersionFilter(branch="dark-mode")),
        Query("status draft", VersionFilter(status="draft")),
        Query("status archived, offset 1,000", VersionFilter(status="archived"), 1000),
        Query(
            "branch+status+1 year",
            VersionFilter(
                status="active",
                branch="main",
                created_after=middle,
                created_before=middle + timedelta(days=365),
            ),
        ),
        Query(
            "author+trigger+tag",
            VersionFilter(author=AUTHORS[1], trigger="rollback", tag="rollback"),
        ),
    ]


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95, ordered[-1]


def time_queries(
    factory: sessionmaker[Session],
    component_id: uuid.UUID,
    kinds: list[Query],
    runs: int,
    schema: str,
) -> None:
    print(f"\nlist_versions, {schema}: page size {PAGE}, {runs} runs per kind (ms)")
    print(f"target p95 < {TARGET_MS:.0f} ms; '+json' adds the API's serialisation of the page")
    print(
        f"{'query':<38} {'rows':>6} {'total':>6} {'p50':>7} {'p95':>7} {'max':>7}  {'+json p50':>9}"
    )
    samples: dict[str, list[float]] = {kind.label: [] for kind in kinds}
    serial: dict[str, list[float]] = {kind.label: [] for kind in kinds}
    pages: dict[str, Page[ComponentVersion]] = {}
    # Kinds take turns within each round, so a burst of load on a shared machine lands on all
    # of them alike instead of on whichever kind ran at that moment.
    for run in range(runs + 3):
        for kind in kinds:
            with factory() as session:
                start = time.perf_counter()
                component = components.get_component(session, str(component_id))
                page = components.list_versions(
                    session, component, kind.flt, limit=PAGE, offset=kind.offset
                )
                took = time.perf_counter() - start
                VersionPage.of(page).model_dump_json()
                with_json = time.perf_counter() - start
            pages[kind.label] = page
            if run >= 3:  # the first rounds warm the statement cache and the pool
                samples[kind.label].append(took * 1000)
                serial[kind.label].append(with_json * 1000)
    for kind in kinds:
        p50, p95, worst = percentiles(samples[kind.label])
        flag = "" if p95 < TARGET_MS else "  MISSES TARGET"
        page = pages[kind.label]
        print(
            f"{kind.label:<38} {len(page.items):>6} {page.total:>6} {p50:>7.2f} {p95:>7.2f} "
            f"{worst:>7.2f}  {statistics.median(serial[kind.label]):>9.2f}{flag}"
        )


@contextmanager
def captured(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    statements: list[tuple[str, Any]] = []

    def keep(
        _conn: Any, _cursor: Any, statement: str, parameters: Any, _ctx: Any, _many: bool
    ) -> None:
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", keep)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", keep)


def explain(
    engine: Engine, factory: sessionmaker[Session], component_id: uuid.UUID, kinds: list[Query]
) -> None:
    for kind in kinds:
        with captured(engine) as statements, factory() as session:
            component = components.get_component(session, str(component_id))
            components.list_versions(session, component, kind.flt, limit=PAGE, offset=kind.offset)
        print(f"\n=== {kind.label}")
        for statement, parameters in statements:
            if "component_versions" not in statement and "version_tags" not in statement:
                continue
            with engine.connect() as connection:
                plan = connection.exec_driver_sql(
                    "EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters
                )
                print("\n".join(row[0] for row in plan))
            print("---")


def big_pair(
    factory: sessionmaker[Session], component_id: uuid.UUID, lines: int
) -> tuple[uuid.UUID, uuid.UUID]:
    """Two versions of the component whose code is `lines` lines long and differs by ~5 %."""
    rng = random.Random(3000)
    old = make_file(rng, lines)
    new = mutate(rng, old)
    with unit_of_work(factory) as session:
        component = session.get_one(Component, component_id)
        current = components.get_version(session, component.current_version_id or uuid.uuid4())
        stories = components.load_content(session, current).stories
        blobs = BlobStore(session)
        ids = []
        for n, code in enumerate(("\n".join(old) + "\n", "\n".join(new) + "\n")):
            version = ComponentVersion(
                **{
                    c.key: getattr(current, c.key)
                    for c in ComponentVersion.__table__.columns
                    if c.key not in ("id", "major", "prerelease", "created_at")
                },
            )
            version.id = uuid.uuid4()
            version.major, version.prerelease = 90 + n, ""
            version.created_at = datetime.now(UTC)
            version.code_blob = blobs.put(code)
            version.stories_blob = blobs.put(stories.replace("Primary", "Primary" * (n + 1)))
            session.add(version)
            ids.append(version.id)
        session.flush()
    return ids[0], ids[1]


def time_compare(factory: sessionmaker[Session], component_id: uuid.UUID, runs: int) -> None:
    old_id, new_id = big_pair(factory, component_id, 3000)
    with factory() as session:
        component = session.get_one(Component, component_id)
        old = components.get_version(session, old_id)
        new = components.get_version(session, new_id)
        codes = (
            components.load_content(session, old).code,
            components.load_content(session, new).code,
        )

        def cold() -> compare.Comparison:
            return compare.compare_versions(session, component, old, new, cache=None)

        def warm() -> compare.Comparison:
            return compare.compare_versions(session, component, old, new)

        rows: list[tuple[str, Callable[[], object]]] = [
            ("diff_texts, code only (the diff part)", lambda: diff_texts(*codes)),
            ("compare_versions, cold (no cache)", cold),
            ("compare_versions, warm (cached)", warm),
            (
                "JSON of the comparison (API body)",
                lambda: ComparisonRead.of(warm()).model_dump_json(),
            ),
            (
                "patch_versions (format=patch)",
                lambda: compare.patch_versions(session, component, old, new),
            ),
        ]
        result = cold()
        stats = result.analysis.code.stats
        print(
            f"\ncompare two {len(codes[0].splitlines())}-line versions "
            f"(+{stats.added} -{stats.removed}, {len(result.analysis.code.hunks)} hunks, "
            f"{len(result.analysis.api.findings)} API findings), {runs} runs (ms)"
        )
        print(f"{'step':<40} {'p50':>7} {'p95':>7} {'max':>7}")
        for label, fn in rows:
            samples = []
            fn()
            for _ in range(runs):
                start = time.perf_counter()
                fn()
                samples.append((time.perf_counter() - start) * 1000)
            p50, p95, worst = percentiles(samples)
            print(f"{label:<40} {p50:>7.2f} {p95:>7.2f} {worst:>7.2f}")
        clock = StageClock()
        for owner, attribute, stage in (
            (components, "load_content", "load both versions' blobs"),
            (compare, "snapshot", "parse token sets (snapshot)"),
            (compare, "detect_changes", "input change set"),
            (compare, "extract_api", "props API: read both sides (tree-sitter)"),
            (compare, "compare_api", "props API: compare"),
            (compare, "diff_texts", "line diffs (code + stories)"),
        ):
            clock.patch(owner, attribute, stage)
        try:
            start = time.perf_counter()
            for _ in range(runs):
                cold()
            total = time.perf_counter() - start
        finally:
            clock.restore()
        print(f"\ncold compare by stage, mean of {runs} (ms)")
        for stage, seconds in sorted(clock.seconds.items(), key=lambda item: -item[1]):
            print(f"  {stage:<38} {seconds / runs * 1000:>7.2f}")
        print(f"  {'other':<38} {(total - sum(clock.seconds.values())) / runs * 1000:>7.2f}")


def add_proposed_indexes(engine: Engine) -> None:
    with engine.execution_options(isolation_level="AUTOCOMMIT").connect() as connection:
        for name, column in PROPOSED_INDEXES.items():
            connection.exec_driver_sql(
                f"CREATE INDEX IF NOT EXISTS {name} ON component_versions "
                f"(component_id, {column}, created_at, id)"
            )
        connection.exec_driver_sql("ANALYZE component_versions")


def time_resolve(factory: sessionmaker[Session], component_id: uuid.UUID, runs: int) -> None:
    """`redraft diff C 1.2.0 …` and `?from=1.2.0` resolve numbers through the components
    service's `find_version_by_number`."""
    with factory() as session:
        component = session.get_one(Component, component_id)
        number = components.list_versions(session, component, VersionFilter(), limit=1).items[0]
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            compare.resolve_version(session, component, number.version_string)
            samples.append((time.perf_counter() - start) * 1000)
    p50, p95, worst = percentiles(samples)
    print(f"\nresolve a version number ({number.version_string}), {runs} runs (ms)")
    print(f"{'find_version_by_number':<40} {p50:>7.2f} {p95:>7.2f} {worst:>7.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Time history paging and compare on PostgreSQL.")
    parser.add_argument("--versions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=200, help="repetitions per query kind")
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE per kind")
    parser.add_argument(
        "--try-indexes", action="store_true", help="time the queries again with PROPOSED_INDEXES"
    )
    args = parser.parse_args()
    base = make_url(os.environ.get("REDRAFT_TEST_POSTGRES_URL", DEFAULT_URL))
    name = f"redraft_bench_hist_{os.getpid()}"
    url = base.set(database=name).render_as_string(hide_password=False)
    admin = create_engine(base, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine: Engine | None = None
    try:
        upgrade(url)
        engine = create_engine_for(url)
        factory = create_session_factory(engine)
        start = time.perf_counter()
        seeded = seed_history(factory, args.versions, random.Random(20240611))
        # Fresh statistics, as autovacuum would have them on a server (VACUUM needs autocommit).
        with engine.execution_options(isolation_level="AUTOCOMMIT").connect() as connection:
            connection.exec_driver_sql("VACUUM ANALYZE")
        took = time.perf_counter() - start
        print(f"seeded {args.versions:,} versions of one component in {took:.1f} s")
        kinds = query_kinds(seeded)
        time_queries(factory, seeded.component_id, kinds, args.runs, "as migrated")
        if args.explain:
            explain(engine, factory, seeded.component_id, kinds)
        if args.try_indexes:
            add_proposed_indexes(engine)
            time_queries(factory, seeded.component_id, kinds, args.runs, "with PROPOSED_INDEXES")
            if args.explain:
                explain(engine, factory, seeded.component_id, kinds)
        time_resolve(factory, seeded.component_id, max(5, args.runs // 20))
        time_compare(factory, seeded.component_id, max(5, args.runs // 10))
    finally:
        if engine is not None:
            engine.dispose()
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


if __name__ == "__main__":
    main()
