"""`redraft demo`: a ready-to-explore workspace on SQLite, then the server."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import Progress

from redraft.cli.context import default_actor, load_settings, transaction
from redraft.cli.output import console
from redraft.cli.serve import serve_app
from redraft.codegen.registry import load_generator
from redraft.db.engine import create_engine_for
from redraft.db.migrate import upgrade
from redraft.features.demo import service as demo_service


def demo(
    workspace: Path = typer.Option(
        Path("redraft-workspace"), help="Folder for the demo database (created if missing)."
    ),
    host: str = typer.Option("127.0.0.1", help="Interface to serve on."),
    port: int = typer.Option(8000, help="Port to serve on."),
    serve: bool = typer.Option(True, help="Serve after seeding (--no-serve to only seed)."),
) -> None:
    """Create a demo workspace with a sample design system, generate it, and serve it."""
    workspace.mkdir(parents=True, exist_ok=True)
    settings = load_settings()
    settings.database.url = f"sqlite:///{(workspace / 'redraft.db').resolve()}"
    settings.server.host, settings.server.port = host, port
    engine = create_engine_for(settings.database.url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    generator = load_generator(settings.generator)
    count = len(demo_service.sample_requirements())
    with transaction(settings) as session, Progress(console=console, transient=True) as bar:
        task = bar.add_task("generating components", total=count)
        created = demo_service.seed_components(
            session,
            generator,
            actor=default_actor(),
            progress=lambda _name: bar.advance(task),
        )
        access = demo_service.grant_demo_access(session)
    console.print(
        f"workspace {workspace.resolve()}: {count} components ({len(created)} generated now)",
        highlight=False,
    )
    # On lines of their own so people and scripts can pick them out.
    print(f"URL: http://{host}:{port}", flush=True)
    print(f"API token: {access.token}", flush=True)
    print(f"User: {access.user}", flush=True)
    print(f"Password: {access.password}", flush=True)
    if serve:
        serve_app(settings)
