"""Content-addressed, compressed storage of text: identical content is stored once."""

from __future__ import annotations

import hashlib

import zstandard
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from redraft.db.models import Blob
from redraft.errors import NotFound

# Level 9 measured as the knee on generated TSX: ~2x smaller than level 3, still ~µs per file.
_LEVEL = 9


class BlobStore:
    """Put and get text by sha256 digest within the caller's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def put(self, text: str) -> str:
        raw = text.encode()
        digest = hashlib.sha256(raw).hexdigest()
        if self.session.get(Blob, digest) is not None:
            return digest
        data = zstandard.ZstdCompressor(level=_LEVEL).compress(raw)
        values = {"digest": digest, "codec": "zstd", "size": len(raw), "data": data}
        dialect = self.session.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        # Two writers may store the same content at once; the second insert is a no-op.
        self.session.execute(insert(Blob).values(values).on_conflict_do_nothing())
        return digest

    def get(self, digest: str) -> str:
        blob = self.session.get(Blob, digest)
        if blob is None:
            raise NotFound(f"blob {digest} is missing")
        return self._decode(blob)

    def get_many(self, digests: set[str]) -> dict[str, str]:
        rows = self.session.scalars(select(Blob).where(Blob.digest.in_(digests))).all()
        found = {blob.digest: self._decode(blob) for blob in rows}
        missing = digests - found.keys()
        if missing:
            raise NotFound(f"blobs missing: {sorted(missing)}")
        return found

    @staticmethod
    def _decode(blob: Blob) -> str:
        if blob.codec != "zstd":
            raise NotFound(f"blob {blob.digest} has unknown codec {blob.codec!r}")
        return zstandard.ZstdDecompressor().decompress(blob.data).decode()
