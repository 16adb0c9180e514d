"""Errors on pages: an HTML page with the error class's status (never a 500 for expected errors),
and a redirect to the sign-in form when the visitor is not signed in.

The API's problem+json handlers stay in charge of `/api`, the docs and the health check; these
handlers wrap them and take every other path.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from redraft import errors
from redraft.db.outage import is_outage, unavailable
from redraft.web.problems import headers_for, log_server_error, status_for, unexpected
from redraft.web.request_context import request_id
from redraft.web.ui.render import error_page, redirect

NOT_PAGES = frozenset(
    {"/healthz", "/readyz", "/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"}
)
Handler = Callable[[Request, Exception], Any]
HTTP_TITLES = {404: "Page not found", 405: "Method not allowed", 403: "Forbidden"}


def is_page(request: Request) -> bool:
    path = request.url.path
    return not (path == "/api" or path.startswith("/api/") or path in NOT_PAGES)


def login_redirect(request: Request) -> Response:
    # Only a GET can be replayed after signing in; a form post lands on the dashboard.
    target = request.url.path
    if request.url.query:
        target += "?" + request.url.query
    if request.method != "GET":
        target = "/"
    return redirect(request, "/login?" + urlencode({"next": target}))


def install_error_pages(app: FastAPI) -> None:
    def wrap(kind: type[Exception], on_page: Callable[[Request, Exception], Response]) -> None:
        previous: Handler | None = app.exception_handlers.get(kind)

        async def handle(request: Request, exc: Exception) -> Response:
            if is_page(request) or previous is None:
                return on_page(request, exc)
            result = previous(request, exc)
            answer: Response = await result if inspect.isawaitable(result) else result
            return answer

        app.add_exception_handler(kind, handle)

    wrap(errors.RedraftError, _redraft_error)
    wrap(RequestValidationError, _validation_error)
    wrap(StarletteHTTPException, _http_error)


def _redraft_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, errors.RedraftError)
    if isinstance(exc, errors.Unauthenticated):
        return login_redirect(request)
    status = status_for(exc)
    log_server_error(request, status, exc)
    detail = exc.detail
    if status >= 500:
        detail += f" (request {request_id(request)})"
    response = error_page(request, status, exc.title, detail)
    response.headers.update(headers_for(exc))
    return response


def respond_unexpected(request: Request, exc: BaseException) -> Response:
    """An error nothing else handled: the error page on pages, problem+json elsewhere."""
    if not is_page(request):
        return unexpected(request, exc)
    if is_outage(exc):
        return _redraft_error(request, unavailable(exc))
    return error_page(
        request,
        500,
        "Something went wrong",
        f"This is a fault on our side, logged as request {request_id(request)}.",
    )


def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    details = []
    for err in exc.errors():
        where = ".".join(str(part) for part in err.get("loc", ())[1:])
        details.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg")))
    return error_page(request, 422, "Invalid input", "; ".join(details) or "invalid request")


def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    title = HTTP_TITLES.get(exc.status_code, str(exc.detail))
    detail = "There is nothing at this address." if exc.status_code == 404 else str(exc.detail)
    response = error_page(request, exc.status_code, title, detail)
    if exc.headers:
        response.headers.update(exc.headers)
    return response
