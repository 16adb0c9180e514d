from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from redraft.db.base import Base, UTCDateTime
from redraft.db.types import PackedJSON


class AuditEvent(Base):
    """One state change: who did what, when, to which component or version, with details.

    Append-only. The integer id grows with insertion, so `(at, id)` orders events even when
    two share a timestamp. `version_id` has no foreign key on purpose: the record of what
    happened to a version outlives the version. `component_id` is nulled when the component
    goes; `target` keeps its name ("PrimaryButton 1.2.0") for that case.
    """

    __tablename__ = "audit_events"
    __table_args__ = (
        # Every listing is newest first, filtered by at most a few of these columns.
        Index("ix_audit_events_at_id", "at", "id"),
        Index("ix_audit_events_component_at", "component_id", "at", "id"),
        Index("ix_audit_events_actor_at", "actor", "at", "id"),
        Index("ix_audit_events_action_at", "action", "at", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    component_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("components.id", ondelete="SET NULL"), default=None
    )
    version_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    target: Mapped[str | None] = mapped_column(String(128), default=None)
    details: Mapped[dict[str, Any]] = mapped_column(PackedJSON(), default=dict)
