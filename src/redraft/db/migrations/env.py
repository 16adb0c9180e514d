"""Alembic environment: runs on the connection `redraft.db.migrate` passes in."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

import redraft.db.models  # noqa: F401  (registers every table on Base.metadata)
from redraft.db.base import Base

connection = context.config.attributes.get("connection")
if context.is_offline_mode() or not isinstance(connection, Connection):
    raise RuntimeError("run migrations through redraft.db.migrate (`redraft db upgrade`)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
