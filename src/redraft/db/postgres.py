"""PostgreSQL connections that give up instead of hanging: on connecting (libpq's
`connect_timeout`), on a slow statement (the server's `statement_timeout`), and on a server that
stops answering altogether.

The last needs the client: a frozen server (a stopped process, a hung host) cannot enforce its
own statement timeout, and on a frozen process the kernel still acknowledges every packet, so
TCP keepalives and `tcp_user_timeout` never fire either. psycopg waits for each answer in
`Connection.wait`; `AnswerDeadline` gives that wait a deadline and, when it passes, closes the
connection (its state is unknown) and raises `OperationalError`, which SQLAlchemy treats as a
disconnect and drops from its pool.
"""

from __future__ import annotations

from typing import Any, TypeVar

import psycopg
from psycopg.abc import PQGen
from sqlalchemy.engine import URL

RV = TypeVar("RV")


class AnswerDeadline(psycopg.Connection[Any]):
    # Seconds the server may stay silent during one operation; None waits for ever.
    answer_timeout: float | None = None

    def wait(self, gen: PQGen[RV], interval: float = 0.1, timeout: float | None = None) -> RV:
        imposed = timeout is None and bool(self.answer_timeout)
        try:
            return super().wait(gen, interval, self.answer_timeout if imposed else timeout)
        except psycopg.errors._WaitTimeout:  # the only signal psycopg gives for it (3.3)
            if not imposed:
                raise  # the caller's own timeout (LISTEN/NOTIFY, cancel): theirs to handle
            self.pgconn.finish()
            raise psycopg.OperationalError(
                f"PostgreSQL sent no answer within {self.answer_timeout:g} s; "
                "the connection was closed"
            ) from None


def connect_args(url: URL, *, connect_timeout: int, statement_timeout: float) -> dict[str, Any]:
    """libpq parameters for the timeouts, keeping any `options` the URL already sets."""
    args: dict[str, Any] = {"connect_timeout": connect_timeout}
    if statement_timeout:
        given = url.query.get("options")
        options = [given] if isinstance(given, str) else list(given or ())
        options.append(f"-c statement_timeout={round(statement_timeout * 1000)}")
        args["options"] = " ".join(options)
    return args


def connect(cparams: dict[str, Any], *, answer_timeout: float) -> AnswerDeadline:
    connection = AnswerDeadline.connect(**cparams)
    connection.answer_timeout = answer_timeout or None
    return connection
