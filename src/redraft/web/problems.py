"""Errors as `application/problem+json` (RFC 9457): one status per error class."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from redraft import errors
from redraft.db.outage import is_outage, unavailable
from redraft.web.request_context import request_id

logger = logging.getLogger("redraft.web")

PROBLEM = "application/problem+json"

# Most specific first: the first class an error is an instance of decides its status.
STATUS: list[tuple[type[errors.RedraftError], int]] = [
    (errors.PayloadTooLarge, 413),
    (errors.InvalidInput, 422),
    (errors.GenerationError, 422),
    (errors.NotFound, 404),
    (errors.Conflict, 409),
    (errors.Unauthenticated, 401),
    (errors.Forbidden, 403),
    (errors.Unavailable, 503),
]


def status_for(exc: errors.RedraftError) -> int:
    for cls, code in STATUS:
        if isinstance(exc, cls):
            return code
    return 500


def problem(
    status: int,
    title: str,
    detail: str,
    *,
    type_: str = "about:blank",
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body: dict[str, Any] = {"type": type_, "title": title, "status": status, "detail": detail}
    body.update(extra)
    if status == 401:
        headers = {**(headers or {}), "WWW-Authenticate": 'Bearer realm="redraft"'}
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def headers_for(exc: errors.RedraftError) -> dict[str, str]:
    """Response headers an error class asks for (pages and the API alike)."""
    if isinstance(exc, errors.Unavailable):
        return {"Retry-After": str(exc.retry_after)}
    return {}


def log_server_error(request: Request, status: int, exc: BaseException) -> None:
    """A 5xx that an error class explains (the database is away) is logged, with the
    request's id, as a warning without a traceback: it is the state of the world, not a bug."""
    if status >= 500:
        logger.warning(
            "%s on %s %s [request %s]: %s",
            status,
            request.method,
            request.url.path,
            request_id(request),
            exc.__cause__ or exc,
        )


def unexpected(request: Request, exc: BaseException) -> JSONResponse:
    """The answer to an error nothing else handled: 503 if the database is away, else 500."""
    if is_outage(exc):
        return redraft_problem(request, unavailable(exc))
    rid = request_id(request)
    return problem(
        500,
        "Internal server error",
        f"something went wrong on our side; it was logged as request {rid}",
        instance=request.url.path,
        request_id=rid,
    )


def _slug(cls: type[Exception]) -> str:
    name = cls.__name__
    return "".join("-" + c.lower() if c.isupper() else c for c in name).lstrip("-")


async def _redraft_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, errors.RedraftError)
    return redraft_problem(request, exc)


def redraft_problem(request: Request, exc: errors.RedraftError) -> JSONResponse:
    status = status_for(exc)
    log_server_error(request, status, exc)
    extra = {**exc.extra, "request_id": request_id(request)} if status >= 500 else exc.extra
    return problem(
        status,
        exc.title,
        exc.detail,
        type_=f"https://redraft.dev/problems/{_slug(type(exc))}",
        instance=request.url.path,
        headers=headers_for(exc),
        **extra,
    )


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = [
        {
            "loc": ".".join(str(part) for part in err.get("loc", ())),
            "msg": err.get("msg", ""),
            "type": err.get("type", ""),
        }
        for err in exc.errors()
    ]
    if any(p["type"] == "json_invalid" for p in problems):
        return problem(
            400,
            "Malformed JSON",
            "the request body is not valid JSON",
            instance=request.url.path,
            errors=problems,
        )
    first = problems[0] if problems else {"loc": "", "msg": "invalid request"}
    return problem(
        422,
        "Invalid input",
        f"{first['loc']}: {first['msg']}" if first["loc"] else str(first["msg"]),
        instance=request.url.path,
        errors=problems,
    )


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    return problem(exc.status_code, str(exc.detail), str(exc.detail), instance=request.url.path)


def install(app: FastAPI) -> None:
    app.add_exception_handler(errors.RedraftError, _redraft_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
