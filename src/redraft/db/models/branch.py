from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from redraft.db.base import Base, UTCDateTime

BRANCH_STATUSES = ("active", "archived", "merged")


class Branch(Base):
    """A line of experimental versions forked from an accepted version of a component.

    `main` has no row: its head is `Component.current_version_id`.
    """

    __tablename__ = "branches"
    __table_args__ = (
        UniqueConstraint("component_id", "name"),
        CheckConstraint("status IN ('active', 'archived', 'merged')", name="status"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    component_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("components.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(40))
    base_version_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("component_versions.id"))
    head_version_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("component_versions.id"))
    status: Mapped[str] = mapped_column(String(16), default="active")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by: Mapped[str] = mapped_column(String(64))
