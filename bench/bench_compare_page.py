"""Times the web UI's compare page for two 3,000-line versions, cold and warm, unified and split.

Run: ``.venv/bin/python bench/bench_compare_page.py [--runs N] [--pairs N] [--lines N]
[--backend sqlite|postgres|both] [--profile PATH]``.

Each backend gets a fresh migrated database: SQLite in a temporary folder; PostgreSQL as a
throwaway database ``redraft_bench_page_<pid>`` on the server of ``REDRAFT_TEST_POSTGRES_URL``
(default ``postgresql+psycopg://postgres@127.0.0.1:5432/test``), dropped at the end; "both" runs
SQLite alone when that server does not answer. One real component is generated from the demo
data, then ``1 + 2 * --pairs`` pairs of versions of it are stored whose code is a
``--lines``-line module differing by scattered edits and a moved block (``bench_diff``'s
generator, one seed per pair) and whose stories differ by a word.

The app is the real one (``create_app``, which installs the UI), driven in process through
Starlette's TestClient after signing in through the form. Every figure is the wall time of one
``GET /compare?from=…&to=…`` as the client sees it; the TestClient's own round trip (a
``GET /healthz``) is printed beside it.

- **first**: the first compare request of the process (pair 0, unified). Besides the cold work
  it compiles the page's templates and Pygments' lexer rules, once per process.
- **cold**: the first request for a pair never asked for before, so the compare service's cache
  (diffs, props APIs) and the page's highlighting cache both miss; ``--pairs`` requests per
  view, the views taking turns.
- **warm**: pair 0 again, ``--runs`` times per kind, the kinds taking turns. "hide whitespace"
  diffs again on every request (by design); "all folds open" renders every line of both files.

The stage split charges each request's wall time to the functions the page calls (wrappers
installed for the run by ``stageclock``; nothing in ``src`` carries timing code).
``--profile`` writes cProfile statistics of the cold requests' page stages (routing, auth and
the TestClient left out; the cold timings then include the profiler's overhead).
``--gc-freeze`` moves everything alive after start-up out of the collector's sight: a full
collection of this process walks ~120,000 objects (60 to 85 ms on the 2-core machine), and a
cold request allocates enough to trigger one.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import platform
import random
import re
import statistics
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any

import pygments
from fastapi.testclient import TestClient
from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

import redraft.web.ui.compare as compare_page
from backends import POSTGRES_URL, Backend, postgres_backend, sqlite_backend
from bench_diff import make_file, mutate
from bench_history import percentiles
from redraft.codegen.registry import load_generator
from redraft.config import DatabaseSettings, Settings
from redraft.db.blobs import BlobStore
from redraft.db.engine import create_engine_for
from redraft.db.migrate import upgrade
from redraft.db.models import Component, ComponentVersion
from redraft.db.session import create_session_factory, unit_of_work
from redraft.features.compare import service as compare_service
from redraft.features.components import service as components
from redraft.features.demo.service import sample_requirements, sample_tokens
from redraft.features.users import service as users
from redraft.web.app import create_app
from redraft.web.ui.highlight import HighlightCache
from stageclock import StageClock

TARGET_MS = 300.0
USER, PASSWORD = "bench-reader", "a long enough bench password"
VIEWS = ("unified", "split")


@dataclass(frozen=True)
class Pair:
    old: uuid.UUID
    new: uuid.UUID
    added: int = 0
    removed: int = 0

    def url(self, view: str, extra: str = "") -> str:
        return f"/compare?from={self.old}&to={self.new}&view={view}{extra}"


def seed(factory: sessionmaker[Session], pairs: int, lines: int, salt: str) -> list[Pair]:
    """A reader, one generated component, and `pairs` pairs of big versions of it.

    Every body starts with a line naming `salt` and the pair: the compare service's caches are
    keyed by content digest and outlive an app, so a second backend's run in this process must
    not find the first one's pairs there.
    """
    with unit_of_work(factory) as session:
        users.create_user(session, name=USER, role="viewer", password=PASSWORD)
        first = components.create_component(
            session,
            requirements=sample_requirements()[0],
            tokens=sample_tokens(),
            generator=load_generator(),
            actor=USER,
        )
        stories = components.load_content(session, first).stories
        blobs = BlobStore(session)
        out = []
        for index in range(pairs):
            rng = random.Random(3000 + index)
            old = make_file(rng, lines - 1)  # and the header line
            new = mutate(rng, old)
            ids = []
            header = f"// {salt}, pair {index}"
            for side, code in enumerate(([header, *old], [header, *new])):
                version = ComponentVersion(
                    **{
                        c.key: getattr(first, c.key)
                        for c in ComponentVersion.__table__.columns
                        if c.key not in ("id", "major", "prerelease", "created_at")
                    },
                )
                version.id = uuid.uuid4()
                version.major, version.prerelease = 100 + 2 * index + side, ""
                version.created_at = datetime.now(UTC)
                version.code_blob = blobs.put("\n".join(code) + "\n")
                body = stories.replace("Primary", "Main") if side else stories
                version.stories_blob = blobs.put(f"{header}\n{body}")
                session.add(version)
                ids.append(version.id)
            session.flush()
            out.append(Pair(ids[0], ids[1]))
        component = session.get_one(Component, first.component_id)
        for k, pair in enumerate(out):
            old_v = components.get_version(session, pair.old)
            new_v = components.get_version(session, pair.new)
            stats = compare_service.compare_versions(
                session, component, old_v, new_v, cache=None
            ).analysis.code.stats
            out[k] = Pair(pair.old, pair.new, stats.added, stats.removed)
    return out


def sign_in(client: TestClient) -> None:
    form = client.get("/login").text
    found = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert found is not None, "the sign-in form has no CSRF token"
    response = client.post(
        "/login",
        data={"username": USER, "password": PASSWORD, "csrf_token": found.group(1), "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text


@dataclass
class Timings:
    samples: dict[str, list[float]] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)

    def get(self, client: TestClient, label: str, url: str) -> float:
        start = time.perf_counter()
        response = client.get(url)
        took = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, (response.status_code, response.text[:500])
        self.samples.setdefault(label, []).append(took)
        self.sizes[label] = len(response.content)
        return took


PAGE_STAGES = (
    (components, "load_content", "load both versions' bodies"),
    (compare_service, "compare_versions", "compare service (diffs, props API)"),
    (compare_page, "diff_texts", "diff again, ignoring whitespace"),
    (HighlightCache, "lines", "highlight (Pygments, cached by digest)"),
    (compare_page, "build_file_view", "build rows (line_html, intra-line marks)"),
    (compare_page, "summarize_comparison", "summary"),
    (compare_page, "render", "render the template"),
)


def stage_clock() -> StageClock:
    """Wrappers around what the page calls; `restore()` takes them off."""
    clock = StageClock()
    for owner, attribute, stage in PAGE_STAGES:
        clock.patch(owner, attribute, stage)
    return clock


@contextmanager
def profiled(profile: cProfile.Profile | None) -> Iterator[None]:
    """Profile the page's stages. They run on the server's worker thread, which a profiler
    enabled in this thread would not see, so each outermost stage call switches it on there."""
    if profile is None:
        yield
        return
    inside = threading.local()

    def wrap(fn: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            if getattr(inside, "stage", False):
                return fn(*args, **kwargs)
            inside.stage = True
            profile.enable()
            try:
                return fn(*args, **kwargs)
            finally:
                profile.disable()
                inside.stage = False

        return run

    originals = [(owner, name, getattr(owner, name)) for owner, name, _stage in PAGE_STAGES]
    for owner, attribute, original in originals:
        setattr(owner, attribute, wrap(original))
    try:
        yield
    finally:
        for owner, attribute, original in originals:
            setattr(owner, attribute, original)


def print_stages(title: str, clock: StageClock, total_ms: float, requests: int) -> None:
    print(f"\n{title}, mean ms per request over {requests}")
    for stage, seconds in sorted(clock.seconds.items(), key=lambda item: -item[1]):
        print(f"  {stage:<44} {seconds / requests * 1000:>8.1f}")
    rest = total_ms / requests - sum(clock.seconds.values()) / requests * 1000
    print(f"  {'other (routing, auth, session, TestClient)':<44} {rest:>8.1f}")


def run_backend(backend: Backend, options: argparse.Namespace) -> None:
    frozen = ", gc.freeze() after start-up" if options.gc_freeze else ""
    print(f"\n=== {backend.name}{frozen}; load average {_load()} before")
    upgrade(backend.url)
    engine = create_engine_for(backend.url)
    try:
        start = time.perf_counter()
        # Pair 0 is the first request of the process, then the warm one; then a new pair for
        # every cold request.
        pairs = seed(
            create_session_factory(engine), 1 + 2 * options.pairs, options.lines, backend.name
        )
        print(
            f"seeded {len(pairs)} pairs of {options.lines}-line versions in "
            f"{time.perf_counter() - start:.1f} s; code diff per pair "
            + ", ".join(f"+{p.added} -{p.removed}" for p in pairs[:4])
            + (" …" if len(pairs) > 4 else "")
        )
    finally:
        engine.dispose()
    app = create_app(Settings(database=DatabaseSettings(url=backend.url)))
    profile = cProfile.Profile() if options.profile else None
    with TestClient(app) as client:
        if options.gc_freeze:
            gc.collect()
            gc.freeze()
        sign_in(client)
        timings = Timings()
        for _ in range(20):
            timings.get(client, "round trip (GET /healthz)", "/healthz")
        first = timings.get(client, "first", pairs[0].url("unified"))
        cold_clock = stage_clock()
        cold_start = time.perf_counter()
        try:
            with profiled(profile):
                # Views take turns, so a burst of load on a shared machine lands on both alike.
                for index, pair in enumerate(pairs[1:]):
                    view = VIEWS[index % 2]
                    timings.get(client, f"cold {view}", pair.url(view))
        finally:
            cold_clock.restore()
        cold_ms = (time.perf_counter() - cold_start) * 1000
        warm = pairs[0]
        kinds = [
            ("warm unified", warm.url("unified")),
            ("warm split", warm.url("split")),
            ("warm unified, hide whitespace", warm.url("unified", "&ws=ignore")),
            ("warm unified, all folds open", warm.url("unified", "&expand=all")),
        ]
        for _label, url in kinds:  # once each before the timed runs
            client.get(url)
        warm_clock = stage_clock()
        warm_start = time.perf_counter()
        try:
            for _ in range(options.runs):
                for label, url in kinds:
                    timings.get(client, label, url)
        finally:
            warm_clock.restore()
        warm_ms = (time.perf_counter() - warm_start) * 1000
    print(f"load average {_load()} after")
    report(timings, first, options)
    print_stages("cold requests by stage", cold_clock, cold_ms, len(pairs) - 1)
    print_stages("warm requests by stage", warm_clock, warm_ms, options.runs * len(kinds))
    if profile is not None:
        path = f"{options.profile}.{backend.name.lower()}.prof"
        profile.dump_stats(path)
        print(f"cProfile of the cold requests' page stages written to {path}")


def report(timings: Timings, first: float, options: argparse.Namespace) -> None:
    print(f"\nGET /compare, two {options.lines}-line versions; target < {TARGET_MS:.0f} ms (ms)")
    print(f"{'request':<34} {'n':>4} {'p50':>8} {'p95':>8} {'max':>8} {'KB':>7}")
    print(f"{'first compare request of the process':<34} {1:>4} {first:>8.1f}")
    for label, samples in timings.samples.items():
        if label == "first":
            continue
        p50, p95, worst = percentiles(samples)
        flag = "" if p95 < TARGET_MS else "  MISSES TARGET"
        size = timings.sizes[label] / 1024
        figures = f"{p50:>8.1f} {p95:>8.1f} {worst:>8.1f} {size:>7.0f}"
        print(f"{label:<34} {len(samples):>4} {figures}{flag}")

    def median(label: str) -> float:
        return statistics.median(timings.samples[label])

    print("\nratios of medians")
    for view in VIEWS:
        print(f"  cold / warm, {view:<8} {median(f'cold {view}') / median(f'warm {view}'):>6.1f}x")
    print(f"  split / unified, cold  {median('cold split') / median('cold unified'):>6.2f}x")
    print(f"  split / unified, warm  {median('warm split') / median('warm unified'):>6.2f}x")


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="warm requests per kind")
    parser.add_argument(
        "--pairs", type=int, default=8, help="cold requests per view (one new pair each)"
    )
    parser.add_argument("--lines", type=int, default=3000)
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument(
        "--gc-freeze",
        action="store_true",
        help="gc.freeze() once the app has started, as a server's lifespan could: the "
        "collector then no longer walks the ~120,000 objects the imports left",
    )
    parser.add_argument("--profile", help="write cProfile stats of the cold page stages to PATH.*")
    args = parser.parse_args()
    print(
        f"redraft compare page benchmark: Python {platform.python_version()}, "
        f"Pygments {pygments.__version__}, {os.cpu_count()} CPUs, {platform.machine()}"
    )
    sqlite = partial(sqlite_backend, "redraft-bench-page-")
    postgres = partial(postgres_backend, "redraft_bench_page")
    chosen = {"sqlite": [sqlite], "postgres": [postgres]}.get(args.backend, [sqlite, postgres])
    if args.backend == "both" and not _postgres_answers():
        print(f"PostgreSQL does not answer at {POSTGRES_URL}: SQLite only")
        chosen = [sqlite]
    for make in chosen:
        with make() as backend:
            run_backend(backend, args)


def _postgres_answers() -> bool:
    engine = create_engine(POSTGRES_URL, poolclass=NullPool)
    try:
        with engine.connect():
            return True
    except OperationalError:
        return False
    finally:
        engine.dispose()


if __name__ == "__main__":
    main()
