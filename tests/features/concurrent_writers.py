"""Many writers on one component at once, through the real services: the scenario behind the
concurrency tests and `bench/bench_concurrent_writers.py`.

Each writer runs `rounds` operations, each in its own unit of work, cycling through
three kinds: a regeneration with a token value no one else uses (`apply=True`, as
automation would), a hand edit without `base_version_id`, and a hand edit whose base is the
head the writer read just before. The first two must never be refused: they wait for the lock
and run against whatever the head is then. The third may be refused, but only honestly
("… moved on: the current version is …", naming a real accepted version). Anything else is
a false conflict.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy.orm import Session, sessionmaker

from redraft.codegen.base import Generator
from redraft.codegen.registry import load_generator
from redraft.core.tokens import parse_tokens
from redraft.db.models import ComponentVersion
from redraft.db.session import unit_of_work
from redraft.errors import Conflict
from redraft.features.components import service as components
from redraft.features.components.repository import VersionFilter
from redraft.features.regeneration import service as regeneration
from redraft.spec.requirements import parse_requirements
from tests.factories import button_requirements, tokens

NAME = "PrimaryButton"
Kind = Literal["regenerate", "edit", "edit_with_base"]
KINDS: tuple[Kind, ...] = ("regenerate", "edit", "edit_with_base")


@dataclass(frozen=True, slots=True)
class Done:
    """One operation that answered: a stored version (with the status it should keep) or a
    refusal."""

    kind: Kind
    version_id: uuid.UUID | None = None
    applied: bool = False
    refused: str | None = None


@dataclass(slots=True)
class Tally:
    operations: int = 0
    seconds: float = 0.0
    done: list[Done] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)
    false_conflicts: list[str] = field(default_factory=list)
    honest_refusals: int = 0
    duplicate_numbers: dict[str, int] = field(default_factory=dict)
    lost_writes: list[str] = field(default_factory=list)
    chain_breaks: int = 0
    accepted: int = 0

    @property
    def acknowledged(self) -> int:
        return sum(1 for d in self.done if d.version_id is not None)

    @property
    def per_second(self) -> float:
        return self.operations / self.seconds if self.seconds else 0.0


def create_subject(session_factory: sessionmaker[Session], generator: Generator) -> None:
    with unit_of_work(session_factory) as session:
        components.create_component(
            session,
            requirements=parse_requirements(button_requirements(NAME)),
            tokens=parse_tokens({"tokens.json": tokens()}),
            generator=generator,
            actor="setup",
        )


def _head(session_factory: sessionmaker[Session]) -> tuple[uuid.UUID, str]:
    with unit_of_work(session_factory) as session:
        component = components.get_component(session, NAME)
        assert component.current_version_id is not None
        current = components.get_version(session, component.current_version_id)
        return current.id, components.load_content(session, current).code


def _operate(
    session_factory: sessionmaker[Session], generator: Generator, kind: Kind, label: str
) -> Done:
    if kind == "regenerate":
        # A colour no other operation uses, so no regeneration is "up to date".
        colour = "#" + uuid.uuid5(uuid.NAMESPACE_DNS, label).hex[:6]
        with unit_of_work(session_factory) as session:
            result = regeneration.regenerate(
                session,
                NAME,
                generator=generator,
                actor=label,
                tokens=parse_tokens({"tokens.json": tokens(blue_500=colour)}),
                apply=True,
            )
            assert result.draft is not None, f"{label}: a new colour came out up to date"
            return Done(kind, result.draft.id, applied=result.applied)
    base_id, code = _head(session_factory)
    with unit_of_work(session_factory) as session:
        version = regeneration.edit_code(
            session,
            NAME,
            code=f"{code}// edited by {label}\n",
            base_version_id=base_id if kind == "edit_with_base" else None,
            actor=label,
        )
        return Done(kind, version.id, applied=True)


def run_writers(session_factory: sessionmaker[Session], *, writers: int, rounds: int) -> Tally:
    """Run the scenario on a database holding `create_subject`'s component; check it."""
    generator = load_generator()
    tally = Tally(operations=writers * rounds)
    lock = threading.Lock()
    start = threading.Barrier(writers + 1)

    def writer(worker: int) -> None:
        start.wait()
        for round_ in range(rounds):
            kind = KINDS[(worker + round_) % len(KINDS)]
            try:
                done = _operate(session_factory, generator, kind, f"w{worker}r{round_}")
            except Conflict as exc:
                done = Done(kind, refused=exc.detail)
            except BaseException as exc:  # reported with the thread's traceback
                with lock:
                    tally.errors.append(exc)
                continue
            with lock:
                tally.done.append(done)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join(timeout=300)
    tally.seconds = time.perf_counter() - began
    _check(session_factory, tally)
    return tally


def _check(session_factory: sessionmaker[Session], tally: Tally) -> None:
    with unit_of_work(session_factory) as session:
        component = components.get_component(session, NAME)
        page = components.list_versions(session, component, VersionFilter(), limit=100_000)
        by_id: dict[uuid.UUID, ComponentVersion] = {v.id: v for v in page.items}
        accepted = {v.id: v for v in page.items if v.status in ("active", "archived")}
        assert component.current_version_id is not None
        head_id = component.current_version_id
    numbers = Counter(v.version_string for v in accepted.values())
    tally.accepted = len(accepted)
    tally.duplicate_numbers = {n: c for n, c in numbers.items() if c > 1}
    honest = f"{NAME} moved on: the current version is "
    for done in tally.done:
        if done.refused is None:
            if done.version_id not in by_id or (done.applied and done.version_id not in accepted):
                tally.lost_writes.append(f"{done.kind} {done.version_id}")
        elif (
            done.kind == "edit_with_base"
            and done.refused.startswith(honest)
            and done.refused.removeprefix(honest) in numbers
        ):
            tally.honest_refusals += 1
        else:
            tally.false_conflicts.append(f"{done.kind}: {done.refused}")
    # Every accepted version sits on one line from the head back to 1.0.0: each write ran
    # against the head the one before it left.
    length, cursor = 0, accepted.get(head_id)
    while cursor is not None and cursor.parent_version_id is not None:
        length += 1
        cursor = accepted.get(cursor.parent_version_id)
    length += cursor is not None  # 1.0.0, which has no parent
    tally.chain_breaks = len(accepted) - length
