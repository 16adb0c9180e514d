"""Regenerate many components with the CPU-bound part spread over processes.

One process regenerating the benchmark's 500 demo components spends ~8 ms on each: ~4 ms
rendering, merging, diffing and reading the props API, ~2 ms reading, ~2 ms storing, on one
core (124 components/s on SQLite). Worker processes (one per core by default) read heads in
chunks through their own connection and `prepare` them; this process stores every
prepared regeneration through `service.regenerate(prepared=...)`, each in its own unit of work
and in the order given, as a sequential run would. Workers read in autocommit mode: no
transaction is held while they compute, so on SQLite they never take the write lock, and
readers do not block the writer (WAL). A component that moved on after its worker read it is
recomputed here, under its lock, so what is stored is what a sequential run would store; a
worker that fails leaves the component to this process too, which raises the same error at the
same point a sequential run would.

Stored regenerations share a transaction, `GROUP` at a time: a commit waits for the disk
(0.4 to 4 ms measured on PostgreSQL), and this process is the serial part. If anything in a group
fails, the group is rolled back and stored again one unit of work per component, so what is
stored, and where an error stops the run, is still what a sequential run gives.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from redraft.codegen.base import Generator
from redraft.codegen.registry import load_generator
from redraft.core.tokens.model import TokenSet
from redraft.db.blobs import BlobStore
from redraft.db.engine import create_engine_for
from redraft.db.models import Component, ComponentVersion
from redraft.db.session import create_session_factory, unit_of_work
from redraft.features.branches import service as branches
from redraft.features.branches.service import MAIN
from redraft.features.components import service as components
from redraft.features.regeneration import service
from redraft.features.regeneration.service import Prepared, RegenerationResult

# Below this many components a pool costs more than it saves (starting and stopping two
# workers by fork takes ~10 ms; one component takes ~8 ms).
MIN_FOR_POOL = 16
# Components per task: a task's round trip costs ~0.3 ms, so a few per task keep it small
# against their ~25 ms of work without leaving a worker idle at the end.
CHUNK = 4
# Tasks in flight per worker: enough to keep workers busy while this process stores, few
# enough that prepared results (tens of KB each) do not pile up on a long run.
AHEAD = 4
# This process, which stores, is the serial part: workers give way to it when the cores are
# short (2 workers and the storer on 2 cores: 183 components/s at niceness 0, 194 at 10).
_NICENESS = 10
# Regenerations stored per transaction (one commit for the group).
GROUP = 8


@dataclass(frozen=True, slots=True)
class Options:
    """What every component is regenerated with (the arguments of `service.regenerate`)."""

    actor: str
    tokens: TokenSet | None = None
    pattern_version: str | None = None
    reason: str | None = None
    trigger: str = "manual"
    apply: bool = False
    branch: str = MAIN


@dataclass(frozen=True, slots=True)
class _Done:
    prepared: Prepared | None
    # The inputs' token set was the batch's own and was left out of the message: pickling the
    # 136-token demo set costs more than the rest of a prepared regeneration.
    shared_tokens: bool = False


def regenerate_all(
    factory: sessionmaker[Session],
    names: Sequence[str],
    *,
    generator: str,
    options: Options,
    workers: int | None = None,
) -> Iterator[RegenerationResult]:
    """Regenerate `names` in order, one unit of work each, yielding each result once stored.

    `generator` is the registered name (`load_generator`); every worker loads its own.
    `workers` defaults to the number of CPUs; with one, or few components, everything runs
    in this process.
    """
    local = load_generator(generator)
    count = (os.cpu_count() or 1) if workers is None else workers
    if count <= 1 or len(names) < MIN_FOR_POOL:
        for start in range(0, len(names), GROUP):
            group = [(name, None) for name in names[start : start + GROUP]]
            yield from _store_group(factory, local, options, group)
        return
    engine: Engine = factory.kw["bind"]
    url = engine.url.render_as_string(hide_password=False)
    context = _context()
    # A forked worker inherits this generator, templates compiled (~50 ms saved per worker);
    # a spawned one would have to pickle it, so it loads its own.
    inherited = local if context.get_start_method() == "fork" else None
    with ProcessPoolExecutor(
        max_workers=count,
        mp_context=context,
        initializer=_start_worker,
        initargs=(url, generator, options, inherited),
    ) as pool:
        chunks = [list(names[i : i + CHUNK]) for i in range(0, len(names), CHUNK)]
        pending: deque[tuple[list[str], Future[list[_Done]]]] = deque()
        ready: list[tuple[str, Prepared | None]] = []
        for chunk in chunks:
            pending.append((chunk, pool.submit(_prepare_chunk, chunk)))
            if len(pending) < count * AHEAD:
                continue
            ready += _received(options, *pending.popleft())
            if len(ready) >= GROUP:
                yield from _store_group(factory, local, options, ready)
                ready = []
        while pending:
            ready += _received(options, *pending.popleft())
            if len(ready) >= GROUP or not pending:
                yield from _store_group(factory, local, options, ready)
                ready = []


def _context() -> Any:
    # fork starts a worker in milliseconds with everything imported; spawn re-imports redraft
    # (~1 s per worker). The inherited connections of the parent's pool are never used by a
    # worker, and a worker exits with os._exit, so they are not closed under the parent.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _received(
    options: Options, chunk: list[str], future: Future[list[_Done]]
) -> list[tuple[str, Prepared | None]]:
    """A worker's chunk, in order, with the batch's token set put back where it was left out."""
    received: list[tuple[str, Prepared | None]] = []
    for name, done in zip(chunk, future.result(), strict=True):
        prepared = done.prepared
        if prepared is not None and done.shared_tokens and options.tokens is not None:
            prepared = replace(prepared, inputs=replace(prepared.inputs, tokens=options.tokens))
        received.append((name, prepared))
    return received


def _store_group(
    factory: sessionmaker[Session],
    generator: Generator,
    options: Options,
    group: Sequence[tuple[str, Prepared | None]],
) -> Iterator[RegenerationResult]:
    """Store `group` in one transaction; on any error, again one unit of work each."""
    if len(group) > 1:
        results: list[RegenerationResult] | None
        try:
            with unit_of_work(factory) as session:
                results = [_regenerate(session, n, generator, options, p) for n, p in group]
        except Exception:
            results = None  # rolled back; stored one by one below, raising where it must
        if results is not None:
            yield from results
            return
    for name, prepared in group:
        yield _store(factory, name, generator, options, prepared)


def _store(
    factory: sessionmaker[Session],
    name: str,
    generator: Generator,
    options: Options,
    prepared: Prepared | None,
) -> RegenerationResult:
    with unit_of_work(factory) as session:
        return _regenerate(session, name, generator, options, prepared)


def _regenerate(
    session: Session,
    name: str,
    generator: Generator,
    options: Options,
    prepared: Prepared | None,
) -> RegenerationResult:
    return service.regenerate(
        session,
        name,
        generator=generator,
        actor=options.actor,
        tokens=options.tokens,
        pattern_version=options.pattern_version,
        reason=options.reason,
        trigger=options.trigger,
        apply=options.apply,
        branch=options.branch,
        prepared=prepared,
    )


@dataclass(frozen=True, slots=True)
class _Worker:
    factory: sessionmaker[Session]
    generator: Generator
    options: Options


_worker: _Worker | None = None


def _start_worker(
    url: str, generator: str, options: Options, inherited: Generator | None = None
) -> None:
    global _worker
    os.nice(_NICENESS)
    # Autocommit: each read is its own statement-level transaction, so nothing is held while
    # the worker computes (on SQLite, a transaction would begin with the write lock).
    engine = create_engine_for(url).execution_options(isolation_level="AUTOCOMMIT")
    loaded = inherited if inherited is not None else load_generator(generator)
    _worker = _Worker(create_session_factory(engine), loaded, options)


def _prepare_chunk(names: list[str]) -> list[_Done]:
    assert _worker is not None, "the pool's initializer sets up every worker"
    with _worker.factory() as session:
        heads = _main_heads(session, names) if _worker.options.branch == MAIN else {}
        return [_prepare_one(session, name, heads.get(name)) for name in names]


def _main_heads(
    session: Session, names: list[str]
) -> dict[str, tuple[Component, ComponentVersion]]:
    """The chunk's components with their current versions in one query, and every body of
    those versions in one more (kept by the session's blob store for `load_content`).

    Four queries a component became two a chunk: reading was a third of a worker's time. A
    head read here that is not the storing process's head (the component moved on, or
    `head_of` came to mean more) is caught there and recomputed under the lock.
    """
    rows = session.execute(
        select(Component, ComponentVersion)
        .join(ComponentVersion, Component.current_version_id == ComponentVersion.id)
        .where(Component.name.in_(names))
    ).all()
    heads = {component.name: (component, version) for component, version in rows}
    BlobStore(session).get_by_ids(
        {blob_id for _, version in heads.values() for blob_id in version.blob_ids()}
    )
    return heads


def _prepare_one(
    session: Session, name: str, head: tuple[Component, ComponentVersion] | None
) -> _Done:
    assert _worker is not None, "the pool's initializer sets up every worker"
    options = _worker.options
    try:
        if head is None:
            component = components.get_component(session, name)
            branches.active_branch(session, component, options.branch)
            current = branches.head_of(session, component, options.branch)
        else:
            component, current = head
        prepared = service.prepare(
            session,
            component,
            current,
            generator=_worker.generator,
            tokens=options.tokens,
            pattern_version=options.pattern_version,
            branch=options.branch,
        )
    except Exception:  # the storing process recomputes it and raises, in order
        session.rollback()
        return _Done(None)
    if options.tokens is not None and prepared.inputs.tokens is options.tokens:
        return _Done(replace(prepared, inputs=replace(prepared.inputs, tokens=_EMPTY)), True)
    return _Done(prepared)


_EMPTY = TokenSet({})
