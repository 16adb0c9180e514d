"""Every request gets an id, and no request ends in a dropped connection.

The id is the caller's `X-Request-ID` when it is sane (a proxy's or client's trace id), else a
new one; it goes back in the response's `X-Request-ID` and into every log line about the
request. An exception that nothing else handled is logged with the id and answered in the
request's own format (problem+json for the API, the error page for pages): 503 when the
database is away, else 500. Starlette's own last-resort handler answers plain text and then
re-raises, and uvicorn closes the connection.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable, Iterable

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger("redraft.web")

REQUEST_ID_HEADER = "X-Request-ID"
# Ids that are safe to echo in a header and a log line: no spaces, no control characters.
_SANE_ID = re.compile(r"[A-Za-z0-9._:/+=@-]{1,128}")

ErrorResponder = Callable[[Request, BaseException], Response]


# What uvicorn refuses to send. It refuses after marking the response started, so it can
# only close the connection; checked here first, the request still gets a proper 500.
_HEADER_NAME = re.compile(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_BAD_HEADER_VALUE = re.compile(rb"[\x00-\x08\x0a-\x1f\x7f]")


class InvalidResponseHeader(ValueError):
    pass


def check_headers(headers: Iterable[tuple[bytes, bytes]]) -> None:
    for name, value in headers:
        if not _HEADER_NAME.fullmatch(name) or _BAD_HEADER_VALUE.search(value):
            raise InvalidResponseHeader(f"unsendable response header {name!r}: {value!r}")


def request_id(request: Request) -> str:
    """The id `RequestContext` gave this request ("" outside one)."""
    return str(getattr(request.state, "request_id", ""))


def incoming_or_new(raw: bytes | None) -> str:
    if raw is not None:
        text = raw.decode("latin-1")
        if _SANE_ID.fullmatch(text):
            return text
    return uuid.uuid4().hex


class RequestContext:
    """The outermost middleware: `respond` renders an error nothing else handled."""

    def __init__(self, app: ASGIApp, *, respond: ErrorResponder) -> None:
        self.app = app
        self.respond = respond

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = incoming_or_new(dict(scope.get("headers") or []).get(b"x-request-id"))
        scope.setdefault("state", {})["request_id"] = rid
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = rid
                check_headers(message["headers"])
            await send(message)
            if message["type"] == "http.response.start":
                started = True

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:
            request = Request(scope)
            logger.error(
                "unhandled error on %s %s [request %s]",
                request.method,
                request.url.path,
                rid,
                exc_info=exc,
            )
            if started:
                # Part of the body is out: the only honest end is the end of the connection.
                raise
            try:
                response = self.respond(request, exc)
            except Exception:  # rendering the error page failed too: answer in plain JSON
                logger.exception("the error response failed [request %s]", rid)
                response = JSONResponse(
                    {"title": "Internal server error", "status": 500, "request_id": rid},
                    status_code=500,
                    media_type="application/problem+json",
                )
            await response(scope, receive, send_with_id)
