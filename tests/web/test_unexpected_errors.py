"""An error nothing handled: problem+json (API) or the error page, a request id in the answer
and the log, and the connection kept open, over a real uvicorn server."""

from __future__ import annotations

import http.client
import json
import logging
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from fastapi import FastAPI, Response
from sqlalchemy import text

from redraft.config import Settings
from redraft.features.deps import SessionDep
from redraft.web.app import create_app
from tests.live import serve

# Nothing here touches the database beyond start-up: one dialect is enough.
pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def exploding_app(settings: Settings) -> FastAPI:
    app = create_app(settings)

    @app.get("/api/v1/explode")
    def explode_api() -> None:
        raise RuntimeError("kaboom in the API")

    @app.get("/explode")
    def explode_page() -> None:
        raise RuntimeError("kaboom on a page")

    @app.get("/api/v1/bad-sql")
    def bad_sql(session: SessionDep) -> None:
        session.execute(text("SELEC 1"))  # SQLite calls it an OperationalError too

    @app.get("/api/v1/bad-header")
    def bad_header() -> Response:
        # A name with a newline in a download's file name, say.
        return Response(b"zip", headers={"Content-Disposition": 'attachment; filename="a\n.zip"'})

    return app


@pytest.fixture
def connection(exploding_app: FastAPI) -> Iterator[http.client.HTTPConnection]:
    with serve(exploding_app) as url:
        parts = urlsplit(url)
        conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
        # Never reconnect behind the test's back: a dropped connection must show.
        conn.auto_open = 0
        conn.connect()
        yield conn
        conn.close()


def get(
    conn: http.client.HTTPConnection, path: str, **headers: str
) -> tuple[int, dict[str, str], str]:
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read().decode()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def test_an_unexpected_api_error_is_a_problem_with_the_request_id_and_keeps_the_connection(
    connection: http.client.HTTPConnection, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="redraft.web"):
        status, headers, body = get(connection, "/api/v1/explode", **{"X-Request-ID": "trace-42"})

    assert status == 500
    assert headers["content-type"] == "application/problem+json"
    assert headers["x-request-id"] == "trace-42"
    problem = json.loads(body)
    assert problem["status"] == 500
    assert problem["request_id"] == "trace-42"
    assert "trace-42" in problem["detail"]
    assert "kaboom" not in body  # the cause is for the log, not the caller
    logged = [r for r in caplog.records if "trace-42" in r.getMessage()]
    assert logged
    assert logged[0].exc_info is not None
    assert "kaboom in the API" in str(logged[0].exc_info[1])
    # The same connection answers the next request: nothing was dropped.
    assert headers.get("connection", "").lower() != "close"
    assert get(connection, "/healthz")[0] == 200


def test_a_response_header_that_cannot_be_sent_is_a_500_problem_not_a_dropped_connection(
    connection: http.client.HTTPConnection,
) -> None:
    status, headers, body = get(connection, "/api/v1/bad-header")

    assert status == 500
    assert headers["content-type"] == "application/problem+json"
    assert json.loads(body)["request_id"] == headers["x-request-id"]
    assert get(connection, "/healthz")[0] == 200


def test_a_wrong_query_is_a_500_not_an_outage(connection: http.client.HTTPConnection) -> None:
    status, headers, body = get(connection, "/api/v1/bad-sql")

    assert status == 500
    assert "retry-after" not in headers
    assert json.loads(body)["title"] == "Internal server error"


def test_an_unexpected_page_error_is_the_error_page_naming_the_request(
    connection: http.client.HTTPConnection,
) -> None:
    status, headers, body = get(connection, "/explode")

    assert status == 500
    assert headers["content-type"].startswith("text/html")
    assert f"request {headers['x-request-id']}" in body
    assert "kaboom" not in body
    assert get(connection, "/healthz")[0] == 200


def test_an_unsafe_incoming_request_id_is_replaced_by_a_new_one(
    connection: http.client.HTTPConnection,
) -> None:
    for sent in ("has spaces", "x" * 129, "tab\tinside", "<script>", "ctl\x01", ""):
        connection.putrequest("GET", "/healthz")
        connection.putheader("X-Request-ID", sent.encode("latin-1"))  # raw, as a hostile client
        connection.endheaders()
        response = connection.getresponse()
        response.read()

        assert response.status == 200, repr(sent)
        echoed = response.getheader("x-request-id")
        assert echoed is not None
        assert echoed != sent
        assert len(echoed) == 32
        int(echoed, 16)


def test_every_response_carries_a_request_id(connection: http.client.HTTPConnection) -> None:
    ids = {
        get(connection, path)[1]["x-request-id"]
        for path in ("/healthz", "/readyz", "/api/v1/components", "/login", "/no-such-page")
    }
    assert len(ids) == 5
