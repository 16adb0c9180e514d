"""What database commands share: settings, the acting user and one transaction per command.

Output (text or JSON, errors, exit codes) lives in `redraft.cli.output`.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from redraft import errors
from redraft.config import Settings
from redraft.db.engine import create_engine_for
from redraft.db.outage import outages_as_unavailable
from redraft.db.session import create_session_factory, unit_of_work


def default_actor() -> str:
    return os.environ.get("REDRAFT_ACTOR") or f"cli:{getpass.getuser()}"


def load_settings() -> Settings:
    try:
        return Settings()
    except ValueError as exc:
        raise errors.ConfigError(f"invalid REDRAFT_ settings: {exc}") from None


@contextmanager
def transaction(settings: Settings | None = None) -> Iterator[Session]:
    """One command, one transaction: committed when the block ends, rolled back on error."""
    # Alembic (~0.15 s to import) is needed only once a command touches the database.
    from redraft.db.migrate import check_current

    engine = create_engine_for(settings or load_settings())
    try:
        with outages_as_unavailable():
            check_current(engine)
        with unit_of_work(create_session_factory(engine)) as session:
            yield session
    finally:
        engine.dispose()
