"""`redraft serve`: the API (and UI) over HTTP."""

from __future__ import annotations

import typer

from redraft.cli.context import load_settings
from redraft.config import Settings


def serve_app(settings: Settings) -> None:
    # Imported here: the web stack takes ~0.45 s to import, which every other command
    # (`redraft tokens diff` in a CI step, say) would otherwise pay at start-up.
    import uvicorn

    from redraft.web.app import create_app

    uvicorn.run(
        create_app(settings),
        host=settings.server.host,
        port=settings.server.port,
        log_level="info",
    )


def serve(
    host: str | None = typer.Option(None, help="Interface to listen on (default 127.0.0.1)."),
    port: int | None = typer.Option(None, help="Port (default 8000)."),
) -> None:
    """Serve the REST API (OpenAPI at /docs) on the configured database."""
    settings = load_settings()
    if host is not None:
        settings.server.host = host
    if port is not None:
        settings.server.port = port
    serve_app(settings)
