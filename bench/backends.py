"""The databases a benchmark runs on: a SQLite file in a temporary folder, or a throwaway
PostgreSQL database on the server of ``REDRAFT_TEST_POSTGRES_URL``, dropped afterwards."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

POSTGRES_URL = os.environ.get(
    "REDRAFT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@dataclass(frozen=True)
class Backend:
    name: str
    url: str


@contextmanager
def sqlite_backend(prefix: str = "redraft-bench-") -> Iterator[Backend]:
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        yield Backend("SQLite", f"sqlite:///{folder}/bench.db")


@contextmanager
def postgres_backend(prefix: str = "redraft_bench") -> Iterator[Backend]:
    """A database ``<prefix>_<pid>`` made for the run and dropped after it."""
    server = make_url(POSTGRES_URL)
    admin = create_engine(server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    name = f"{prefix}_{os.getpid()}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield Backend("PostgreSQL", server.set(database=name).render_as_string(hide_password=False))
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()
