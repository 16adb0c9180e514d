from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from redraft.db.base import Base


class Blob(Base):
    """Content stored once, addressed by the sha256 of its uncompressed bytes.

    A `zstd-delta` blob is compressed against the full blob `base_digest` names (typically
    the same body of the parent version), so a version that changes one line costs bytes,
    not a compressed copy.
    """

    __tablename__ = "blobs"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    codec: Mapped[str] = mapped_column(String(16))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    base_digest: Mapped[str | None] = mapped_column(ForeignKey("blobs.digest"), default=None)
