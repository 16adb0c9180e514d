"""The server while its PostgreSQL is stopped, crashed or frozen under load: 503s with
`Retry-After` during the outage, `/healthz` still quick, recovery without a restart, and every
write that was answered with success still there afterwards.

The database is one this test session starts itself (`own_postgres`), never the shared one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import httpx
import pytest
from sqlalchemy.orm import Session, sessionmaker

from redraft.codegen.registry import load_generator
from redraft.config import DatabaseSettings, Settings
from redraft.core.tokens import parse_tokens
from redraft.db.engine import create_engine_for
from redraft.db.migrate import upgrade
from redraft.db.session import create_session_factory, unit_of_work
from redraft.features.components import service as components
from redraft.features.users import service as users
from redraft.spec.requirements import parse_requirements
from redraft.web.app import create_app
from tests.factories import button_requirements, tokens
from tests.live import serve
from tests.own_postgres import OwnPostgres

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

API = "/api/v1"
WRITERS = 3
# Short timeouts, so that an outage shows in seconds: connecting and answering give up after
# 2 s, and a request waits 3 s for a pooled connection (longer than a thread is needed for a
# sync /healthz to starve behind requests stuck on a frozen database).
SETTINGS = {
    "connect_timeout_seconds": 2,
    "statement_timeout_seconds": 1,
    "answer_timeout_seconds": 2,
    "pool_timeout_seconds": 3,
    "pool_size": 4,
    "pool_max_overflow": 4,
}
HEALTHZ_WITHIN_SECONDS = 1.5


@dataclass(frozen=True)
class Served:
    url: str
    headers: dict[str, str]
    component_id: str
    code: str


@dataclass(frozen=True)
class Outcome:
    at: float
    status: int
    content_type: str = ""
    retry_after: str | None = None
    version_id: str | None = None


@dataclass
class Load:
    """Writers storing hand edits without a base (never refused) until told to stop."""

    served: Served
    outcomes: list[Outcome] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def run(self, worker: int) -> None:
        with httpx.Client(base_url=self.served.url, headers=self.served.headers, timeout=60) as c:
            for n in range(1_000_000):
                if self.stop.is_set():
                    return
                response = c.put(
                    f"{API}/components/{self.served.component_id}/code",
                    json={"code": f"{self.served.code}// writer {worker}, edit {n}\n"},
                )
                ok = response.status_code == 200
                outcome = Outcome(
                    at=time.monotonic(),
                    status=response.status_code,
                    content_type=response.headers.get("content-type", ""),
                    retry_after=response.headers.get("retry-after"),
                    version_id=response.json()["id"] if ok else None,
                )
                with self.lock:
                    self.outcomes.append(outcome)
                if not ok:
                    time.sleep(0.05)  # a refused connection answers at once: do not spin

    def count(self, status: int, since: float) -> int:
        with self.lock:
            return sum(1 for o in self.outcomes if o.status == status and o.at > since)

    def wait_for(self, status: int, since: float, *, count: int = 3, within: float = 60) -> None:
        deadline = time.monotonic() + within
        while self.count(status, since) < count:
            assert time.monotonic() < deadline, (status, self.outcomes[-10:])
            time.sleep(0.05)


@pytest.fixture(scope="module")
def served(own_postgres: OwnPostgres) -> Iterator[Served]:
    upgrade(own_postgres.url)
    engine = create_engine_for(own_postgres.url)
    try:
        factory: sessionmaker[Session] = create_session_factory(engine)
        with unit_of_work(factory) as session:
            user = users.create_user(session, name="writer", role="editor")
            secret = users.issue_token(session, user).secret
            version = components.create_component(
                session,
                requirements=parse_requirements(button_requirements()),
                tokens=parse_tokens({"tokens.json": tokens()}),
                generator=load_generator(),
                actor="setup",
            )
            component_id = str(version.component_id)
            code = components.load_content(session, version).code
    finally:
        engine.dispose()
    settings = Settings(database=DatabaseSettings(url=own_postgres.url, **SETTINGS))
    with serve(create_app(settings)) as url:
        yield Served(url, {"Authorization": f"Bearer {secret}"}, component_id, code)


def quick_healthz(url: str) -> None:
    began = time.monotonic()
    response = httpx.get(f"{url}/healthz", timeout=10)
    assert response.json() == {"status": "ok"}
    assert time.monotonic() - began < HEALTHZ_WITHIN_SECONDS


def not_ready(url: str) -> None:
    response = httpx.get(f"{url}/readyz", timeout=10)
    assert response.status_code == 503
    assert response.headers["retry-after"]
    assert response.json()["checks"]["database"]["status"] == "failed"


def flood_then_healthz(served: Served) -> None:
    """With more requests stuck on the frozen database than the server has threads,
    /healthz still answers at once."""
    with ThreadPoolExecutor(60) as pool:
        futures = [
            pool.submit(
                httpx.get, f"{served.url}{API}/components", headers=served.headers, timeout=60
            )
            for _ in range(60)
        ]
        time.sleep(0.5)
        quick_healthz(served.url)
        statuses = {future.result().status_code for future in futures}
    assert statuses == {503}


FAULTS: dict[str, tuple[Callable[[OwnPostgres], None], Callable[[OwnPostgres], None]]] = {
    "stop": (OwnPostgres.stop, OwnPostgres.start),
    "crash": (OwnPostgres.crash, OwnPostgres.start),
    "freeze": (OwnPostgres.freeze, OwnPostgres.thaw),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_an_outage_answers_503_and_recovers_without_losing_an_acknowledged_write(
    own_postgres: OwnPostgres, served: Served, fault: str
) -> None:
    break_it, mend_it = FAULTS[fault]
    load = Load(served)
    writers = [threading.Thread(target=load.run, args=(n,)) for n in range(WRITERS)]
    for writer in writers:
        writer.start()
    broken = False
    try:
        load.wait_for(200, since=0)
        broken_at = time.monotonic()
        break_it(own_postgres)
        broken = True
        load.wait_for(503, since=broken_at)
        quick_healthz(served.url)
        not_ready(served.url)
        if fault == "freeze":
            flood_then_healthz(served)
        mended_at = time.monotonic()
        mend_it(own_postgres)
        broken = False
        load.wait_for(200, since=mended_at)  # the same server process, never restarted
    finally:
        load.stop.set()
        for writer in writers:
            writer.join(timeout=60)
        if broken:
            mend_it(own_postgres)

    assert {o.status for o in load.outcomes} == {200, 503}
    for outcome in load.outcomes:
        if outcome.status == 503:
            assert outcome.content_type == "application/problem+json"
            assert outcome.retry_after == "5"
    acknowledged = [o.version_id for o in load.outcomes if o.version_id is not None]
    with httpx.Client(base_url=served.url, headers=served.headers, timeout=30) as client:
        assert client.get("/readyz").status_code == 200
        for version_id in acknowledged:
            stored = client.get(f"{API}/versions/{version_id}")
            assert stored.status_code == 200, version_id
            assert stored.json()["status"] == "active"
        history = client.get(
            f"{API}/components/{served.component_id}/versions", params={"limit": 200}
        ).json()
    numbers = [v["version"] for v in history["items"]]
    assert len(numbers) == len(set(numbers))
