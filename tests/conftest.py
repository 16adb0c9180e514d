"""Suite-wide fixtures: migrated databases on SQLite and PostgreSQL; the missing-service rule."""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

import redraft.db.models  # noqa: F401  (registers every table on Base.metadata)
from redraft.db.base import Base
from redraft.db.engine import create_engine_for
from redraft.db.migrate import upgrade
from redraft.db.session import create_session_factory
from tests.own_postgres import BIN_GLOB, OwnPostgres, find_binaries

POSTGRES_URL = os.environ.get(
    "REDRAFT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
POSTGRES_HOW_TO_START = "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`"

DIALECTS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]


def require_service(name: str, ok: bool, how_to_start: str) -> None:
    """Skip the calling test when a service it needs is missing; with CI=true, fail it instead.

    `name` says what is missing, e.g. "PostgreSQL not reachable at 127.0.0.1:5432"; the
    message reads "<name>: start it with <how_to_start>".
    """
    if ok:
        return
    message = f"{name}: start it with {how_to_start}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true: a missing service fails, never skips)", pytrace=False)
    pytest.skip(message)


class PostgresServer:
    """One migrated database per test process, emptied after each test, plus scratch schemas.

    A database per test, even copied from a migrated template, costs 0.2 s (create + drop)
    on an idle disk and over 1 s on a busy one (CREATE DATABASE writes the 7.5 MB catalog
    through the WAL and fsyncs); emptying the tables costs ~15 ms. A test that changes the
    schema is caught by a fingerprint of the catalog and the database is rebuilt.
    """

    def __init__(self, url: URL) -> None:
        self.url = url
        # CREATE/DROP DATABASE refuse to run inside a transaction.
        self.admin = create_engine(
            url, isolation_level="AUTOCOMMIT", poolclass=NullPool, connect_args=_CONNECT
        )
        self.database = f"redraft_test_{os.getpid()}"
        self.database_url = url.set(database=self.database).render_as_string(hide_password=False)
        self.own = create_engine(self.database_url, poolclass=NullPool, connect_args=_CONNECT)
        self._fingerprint = ""
        self._schemas = itertools.count(1)

    def reachable(self) -> bool:
        try:
            with self.admin.connect():
                return True
        except OperationalError:
            return False

    def drop_stale(self) -> None:
        """Drop databases of test processes on this machine that died before cleaning up."""
        if self.url.host not in (None, "localhost", "127.0.0.1", "::1"):
            return  # the process ids in the names belong to other machines
        with self.admin.connect() as connection:
            names = connection.exec_driver_sql(
                "SELECT datname FROM pg_database WHERE datname ~ '^redraft_test_[0-9]+$'"
            ).scalars()
            stale = [name for name in names if not _alive(int(name.rpartition("_")[2]))]
        for name in stale:
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def prepare(self) -> None:
        self.own.dispose()
        self._admin(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        self._admin(f'CREATE DATABASE "{self.database}"')
        upgrade(self.database_url)
        self._fingerprint = self._read_fingerprint()

    def reset(self) -> None:
        """Make the database as migrated and empty again, whatever the last test did."""
        try:
            with self.own.begin() as connection:
                # Sessions a test left behind (a thread, an undisposed engine) may hold locks.
                connection.exec_driver_sql(_TERMINATE_OTHERS)
            intact = self._read_fingerprint() == self._fingerprint
        except DBAPIError:  # the test dropped the database, or alembic_version with the rest
            intact = False
        if not intact:
            self.prepare()
            return
        with self.own.begin() as connection:
            for table in reversed(Base.metadata.sorted_tables):
                connection.execute(table.delete())

    def create_empty_schema(self) -> str:
        """A URL whose default schema is new and empty: a database nothing has migrated yet."""
        name = f"empty_{next(self._schemas)}"
        with self.own.begin() as connection:
            connection.exec_driver_sql(f'CREATE SCHEMA "{name}"')
        return self.url.set(
            database=self.database, query={"options": f"-csearch_path={name}"}
        ).render_as_string(hide_password=False)

    def drop_schema(self, url: str) -> None:
        options = make_url(url).query["options"]
        assert isinstance(options, str)
        name = options.removeprefix("-csearch_path=")
        with self.own.begin() as connection:
            connection.exec_driver_sql(_TERMINATE_OTHERS)
            connection.exec_driver_sql(f'DROP SCHEMA "{name}" CASCADE')

    def close(self) -> None:
        self.own.dispose()
        self._admin(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        self.admin.dispose()

    def _read_fingerprint(self) -> str:
        with self.own.connect() as connection:
            return str(connection.exec_driver_sql(_FINGERPRINT).scalar_one())

    def _admin(self, sql: str) -> None:
        with self.admin.connect() as connection:
            connection.exec_driver_sql(sql)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # alive, run by another user
    return True


_CONNECT = {"connect_timeout": 3}
_TERMINATE_OTHERS = (
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
)
# Everything a migration could change in the public schema: relations, columns, constraints,
# index definitions and the recorded revision.
_FINGERPRINT = """
SELECT md5(string_agg(item, ';' ORDER BY item)) FROM (
    SELECT c.relname || ':' || c.relkind::text || ':' || coalesce(pg_get_indexdef(c.oid), '')
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
  UNION ALL
    SELECT a.attrelid::regclass || '.' || a.attname || ':' || format_type(a.atttypid, a.atttypmod)
        || ':' || a.attnotnull
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped
  UNION ALL
    SELECT co.conname || ':' || pg_get_constraintdef(co.oid)
    FROM pg_constraint co JOIN pg_namespace n ON n.oid = co.connamespace
    WHERE n.nspname = 'public'
  UNION ALL
    SELECT 'revision:' || version_num FROM public.alembic_version
) AS catalog(item)
"""


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    server = PostgresServer(make_url(POSTGRES_URL))
    if not server.reachable():
        server.admin.dispose()
        where = f"{server.url.host or 'localhost'}:{server.url.port or 5432}"
        require_service(f"PostgreSQL not reachable at {where}", False, POSTGRES_HOW_TO_START)
    server.drop_stale()
    server.prepare()
    yield server
    server.close()


@pytest.fixture(scope="session")
def own_postgres() -> Iterator[OwnPostgres]:
    """A PostgreSQL server of this test session's own, running, with an empty database
    `redraft`, for tests that stop, crash or freeze it (see tests/own_postgres.py)."""
    binaries = find_binaries()
    require_service(
        f"PostgreSQL binaries not found under {BIN_GLOB}",
        binaries is not None,
        "`apt-get install postgresql`",
    )
    assert binaries is not None
    server = OwnPostgres(binaries)
    try:
        server.start()
        server.create_database()
        yield server
    finally:
        server.close()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    # Upgrading by URL disposes the engine, which checkpoints the WAL into the file: the one
    # file is then the whole migrated database, ready to copy.
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(params=DIALECTS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated database that is this test's alone: empty at the start, discarded after."""
    if request.param == "sqlite":
        path = tmp_path / "redraft.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    yield server.database_url
    server.reset()


@pytest.fixture(params=DIALECTS)
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database with no tables at all, for tests of migrating itself."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.create_empty_schema()
    yield url
    server.drop_schema(url)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = create_engine_for(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session_factory(engine: Engine) -> sessionmaker[Session]:
    return create_session_factory(engine)


@pytest.fixture
def session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session the test may commit; whatever it leaves uncommitted is rolled back."""
    with session_factory() as session:
        yield session
