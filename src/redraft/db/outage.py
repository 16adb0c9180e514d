"""Telling a database that is away (stopped, restarting, frozen, overloaded) from a bug, and
saying so as `Unavailable`, which the API answers with 503 and `Retry-After`."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from redraft.errors import Unavailable

RETRY_AFTER_SECONDS = 5
# SQLSTATE classes of a server that cannot serve now: connection exception, insufficient
# resources, operator intervention (shutdown, statement timeout, "starting up"), system error.
_POSTGRES_OUTAGE_CLASSES = frozenset({"08", "53", "57", "58"})
# SQLite result codes (primary, low byte) of a file that is busy or cannot be reached.
_SQLITE_OUTAGE_CODES = frozenset({5, 6, 10, 14})  # BUSY, LOCKED, IOERR, CANTOPEN


def is_outage(exc: BaseException) -> bool:
    """Whether `exc` says the database is unreachable or too busy, rather than that a query
    is wrong: the pool had no connection to give, a connection broke or could not be made,
    the server is shutting down or starting, a statement timed out."""
    if isinstance(exc, PoolTimeout):
        return True
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        return True
    cause = exc.orig
    # A psycopg error exists only once psycopg is imported: SQLite users never import it.
    psycopg = sys.modules.get("psycopg")
    if psycopg is not None and isinstance(cause, psycopg.Error):
        state = cause.sqlstate
        if state is None:  # raised by the client: refused, closed, no answer
            return isinstance(cause, psycopg.OperationalError)
        return str(state)[:2] in _POSTGRES_OUTAGE_CLASSES
    if isinstance(cause, sqlite3.Error):
        return (getattr(cause, "sqlite_errorcode", 0) & 0xFF) in _SQLITE_OUTAGE_CODES
    return False


def unavailable(exc: BaseException) -> Unavailable:
    """The `Unavailable` error that explains the outage `exc`."""
    if isinstance(exc, PoolTimeout):
        detail = "the database is busy: no connection came free in time; try again shortly"
    else:
        detail = "the database is not answering; try again shortly"
    error = Unavailable(detail, retry_after=RETRY_AFTER_SECONDS)
    error.__cause__ = exc
    return error


@contextmanager
def outages_as_unavailable() -> Iterator[None]:
    """Re-raise a database outage inside the block as `Unavailable`; anything else as is."""
    try:
        yield
    except (DBAPIError, PoolTimeout) as exc:
        if not is_outage(exc):
            raise
        raise unavailable(exc) from exc
