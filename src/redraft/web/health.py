"""`/healthz` (liveness) and `/readyz` (readiness), for load balancers and orchestrators.

`/healthz` says only that the process answers: it runs on the event loop, touching no
database and no worker thread, so it answers while every thread waits on a frozen database
(restarting the process would not help then). `/readyz` runs each readiness check the app
registered (`Readiness.checks`: the database now, the job broker once there is one) in a
thread of its own limiter, so it is not queued behind requests that hold the shared pool,
and gives each `READINESS_TIMEOUT_SECONDS`; any failure answers 503 with `Retry-After`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import anyio
import anyio.to_thread
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from redraft.web.problems import problem
from redraft.web.request_context import request_id

ReadinessCheck = Callable[[], None]  # returns when the dependency answers, raises if not

READINESS_TIMEOUT_SECONDS = 3.0
RETRY_AFTER_SECONDS = 5


@dataclass(frozen=True, slots=True)
class Readiness:
    """What `/readyz` checks; made in the app's lifespan and kept on `app.state.readiness`."""

    checks: Mapping[str, ReadinessCheck]
    # Checks stuck on a frozen dependency keep their thread until it answers; a few are enough.
    threads: anyio.CapacityLimiter = field(default_factory=lambda: anyio.CapacityLimiter(4))


router = APIRouter(tags=["ops"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """Liveness: the process answers (no authentication, no database)."""
    return {"status": "ok"}


@router.get("/readyz", responses={503: {"description": "a dependency is not answering"}})
async def readyz(request: Request) -> JSONResponse:
    """Readiness: every dependency (the database) answers (no authentication)."""
    readiness: Readiness = request.app.state.readiness
    results = {
        name: await _run(check, readiness.threads) for name, check in readiness.checks.items()
    }
    if all(result["status"] == "ok" for result in results.values()):
        return JSONResponse({"status": "ready", "checks": results})
    failed = ", ".join(name for name, result in results.items() if result["status"] != "ok")
    return problem(
        503,
        "Not ready",
        f"not answering: {failed}",
        instance=request.url.path,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        request_id=request_id(request),
        checks=results,
    )


async def _run(check: ReadinessCheck, threads: anyio.CapacityLimiter) -> dict[str, Any]:
    began = time.perf_counter()
    with anyio.move_on_after(READINESS_TIMEOUT_SECONDS) as scope:
        try:
            await anyio.to_thread.run_sync(check, limiter=threads, abandon_on_cancel=True)
        except Exception as exc:  # any failure means "not ready"; the kind is for people
            return {"status": "failed", "detail": type(exc).__name__}
    if scope.cancelled_caught:
        return {"status": "failed", "detail": f"no answer within {READINESS_TIMEOUT_SECONDS:g} s"}
    return {"status": "ok", "milliseconds": round((time.perf_counter() - began) * 1000, 1)}
