from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, LargeBinary
from sqlalchemy.orm import Mapped, mapped_column

from redraft.db.base import Base
from redraft.db.types import Digest

# How a blob is stored: a zstd frame of the whole text, or a zstd frame compressed against
# the text of the blob `base_id` names. Which one a row is follows from `base_id` alone, so it
# is not stored (a 10-character column cost 37 bytes a version).
FULL = "zstd"
DELTA = "zstd-delta"


class Blob(Base):
    """Content stored once, identified by the sha256 of its uncompressed bytes.

    Rows elsewhere reference a blob by its integer `id` (SQLite's rowid), which takes a few
    bytes where the digest takes 32; the digest, stored once here, stays the content's
    identity: it is unique, and what code reads (see `db/digests.py`). A delta blob is
    compressed against the blob `base_id` names: an ancestor of the same body in an earlier
    version, chosen by `depth` (see `db/blobs.py`), so a version that changes one line costs
    bytes, not a compressed copy.
    """

    __tablename__ = "blobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    digest: Mapped[str] = mapped_column(Digest(), unique=True)
    size: Mapped[int] = mapped_column(Integer)  # bytes of the uncompressed text
    data: Mapped[bytes] = mapped_column(LargeBinary)
    base_id: Mapped[int | None] = mapped_column(ForeignKey("blobs.id"), default=None)
    # How many deltas lie between this blob and the last full one of its line (0: full).
    depth: Mapped[int] = mapped_column(Integer, default=0)

    @property
    def codec(self) -> str:
        return FULL if self.base_id is None else DELTA
