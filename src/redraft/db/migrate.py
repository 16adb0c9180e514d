"""Alembic, configured in code: the migrations ship inside the package, no alembic.ini."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine

from redraft.db.engine import create_engine_for
from redraft.errors import ConfigError

MIGRATIONS = Path(__file__).parent / "migrations"
# Any constant both processes agree on: serialises concurrent upgrades of one PostgreSQL DB.
_PG_UPGRADE_LOCK = 0x7265647261667400  # "redraft\0"
# Alembic's `context` and `op` are process-wide proxies: one run at a time per process.
_ALEMBIC = threading.Lock()


def alembic_config(connection: Connection | None = None) -> Config:
    """Config for Alembic commands; `env.py` runs them on `connection` (required online)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # Revisions are numbered by hand (--rev-id 0002) and named NNNN_slug.py.
    config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(target: Engine | str, revision: str = "head") -> None:
    _run(target, lambda config: command.upgrade(config, revision))


def downgrade(target: Engine | str, revision: str) -> None:
    _run(target, lambda config: command.downgrade(config, revision))


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise ConfigError(f"no migrations found in {MIGRATIONS}")
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def check_current(engine: Engine) -> None:
    """Refuse to run against a database whose schema is not this code's head revision."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return
    extra = {"current": current, "head": head}
    if current is not None and not _is_known(current):
        raise ConfigError(
            f"database is at revision {current}, which this redraft does not know "
            "(migrated by a newer version?)",
            extra=extra,
        )
    raise ConfigError("database is not migrated; run `redraft db upgrade`", extra=extra)


def _is_known(revision: str) -> bool:
    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except CommandError:
        return False


def _run(target: Engine | str, alembic_command: Callable[[Config], None]) -> None:
    engine = target if isinstance(target, Engine) else create_engine_for(target)
    try:
        with (
            _ALEMBIC,
            engine.connect() as connection,
            _sqlite_foreign_keys_off(connection),
            connection.begin(),
        ):
            if connection.dialect.name == "postgresql":
                # Two processes starting at once (demo + worker) would both create tables;
                # the second waits here, then finds the schema at head and does nothing.
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_UPGRADE_LOCK})")
            alembic_command(alembic_config(connection))
            _check_foreign_keys(connection)
    finally:
        if engine is not target:
            engine.dispose()


@contextmanager
def _sqlite_foreign_keys_off(connection: Connection) -> Iterator[None]:
    # SQLite batch migrations copy a table, DROP the old one and rename the copy. With foreign
    # keys on, that DROP deletes the rows first and fires ON DELETE CASCADE into the children.
    # Alembic's advice: keys off while migrating, `foreign_key_check` before commit. The pragma
    # is ignored inside a transaction, so it goes to the driver before SQLAlchemy begins one.
    if connection.dialect.name != "sqlite":
        yield
        return
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        driver.execute("PRAGMA foreign_keys=ON")


def _check_foreign_keys(connection: Connection) -> None:
    if connection.dialect.name != "sqlite":
        return
    violations = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if violations:
        raise RuntimeError(f"migration left rows breaking foreign keys: {violations[:10]}")
