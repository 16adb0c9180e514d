"""`redraft serve`: the API (and UI) over HTTP, in one process or several."""

from __future__ import annotations

import copy
from typing import Any

import typer

from redraft.cli.context import load_settings
from redraft.config import Settings
from redraft.errors import ConfigError

# Each worker process builds its app from the environment through this factory.
APP_FACTORY = "redraft.web.app:create_app_from_environment"


def log_config() -> dict[str, Any]:
    """uvicorn's logging, with redraft's own loggers (request ids, errors) beside it."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["redraft"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config


def serve_app(settings: Settings, *, workers: int = 1) -> None:
    # Imported here: the web stack takes ~0.45 s to import, which every other command
    # (`redraft tokens diff` in a CI step, say) would otherwise pay at start-up.
    import uvicorn

    from redraft.web.app import create_app

    options: dict[str, Any] = {
        "host": settings.server.host,
        "port": settings.server.port,
        "log_level": "info",
        "log_config": log_config(),
    }
    if workers == 1:
        uvicorn.run(create_app(settings), **options)
        return
    if settings.secret_key is None:
        raise ConfigError(
            f"--workers {workers} needs REDRAFT_SECRET_KEY (32+ characters): without it each "
            "worker signs sessions with a key of its own, and a sign-in works on one worker only"
        )
    # Several processes need an import string, not an app object: each worker imports it.
    uvicorn.run(APP_FACTORY, factory=True, workers=workers, **options)


def serve(
    host: str | None = typer.Option(None, help="Interface to listen on (default 127.0.0.1)."),
    port: int | None = typer.Option(None, help="Port (default 8000)."),
    workers: int = typer.Option(
        1, min=1, max=64, help="Server processes (more than 1 needs REDRAFT_SECRET_KEY)."
    ),
) -> None:
    """Serve the REST API (OpenAPI at /docs) on the configured database."""
    settings = load_settings()
    if host is not None:
        settings.server.host = host
    if port is not None:
        settings.server.port = port
    serve_app(settings, workers=workers)
