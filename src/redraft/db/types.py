"""Column types that keep Python values plain and the stored bytes few.

Measured on a 1,000-version history (bench/bench_storage_vs_git.py): SHA-256 digests as hex
text, UUIDs as 32-character text and timestamps as ISO text on SQLite, and change summaries as
plain JSON made up more than half of each version's bytes. These types store the same values
in their smallest exact form; application code still sees `str`, `uuid.UUID`, aware
`datetime` and `dict`.
"""

from __future__ import annotations

import hashlib
import json
import threading
import uuid
from datetime import UTC, datetime, timedelta
from importlib import resources
from typing import Any

import zstandard
from sqlalchemy import BigInteger, DateTime, LargeBinary, Uuid
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

DIGEST_BYTES = 32
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class Digest(TypeDecorator[str]):
    """A SHA-256 digest: 64 hex characters in Python, its 32 bytes in the database.

    Half the bytes of the hex text in the row and in every index and key that holds it.
    """

    impl = LargeBinary(DIGEST_BYTES)
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> bytes | None:  # noqa: ARG002
        if value is None:
            return None
        raw = bytes.fromhex(value)
        if len(raw) != DIGEST_BYTES:
            raise ValueError(f"not a SHA-256 digest: {value!r}")
        return raw

    def process_result_value(self, value: bytes | None, dialect: Dialect) -> str | None:  # noqa: ARG002
        return None if value is None else bytes(value).hex()


class CompactUuid(TypeDecorator[uuid.UUID]):
    """A UUID stored in 16 bytes everywhere: PostgreSQL's own `uuid`, a 16-byte BLOB on SQLite
    (SQLAlchemy's `Uuid` writes 32 hex characters there)."""

    impl = Uuid()
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(LargeBinary(16))
        return dialect.type_descriptor(Uuid())

    def process_bind_param(self, value: uuid.UUID | None, dialect: Dialect) -> Any:
        if value is None or dialect.name != "sqlite":
            return value
        return (value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))).bytes

    def process_result_value(self, value: Any, dialect: Dialect) -> uuid.UUID | None:
        if value is None or dialect.name != "sqlite":
            return value  # type: ignore[no-any-return]
        return uuid.UUID(bytes=bytes(value))


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC timestamps on every backend.

    PostgreSQL stores `timestamptz`; SQLite, which has no date type, stores microseconds since
    1970 as an integer (8 bytes, exact, ordered), not 26 characters of text.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(DateTime(timezone=True))

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        if dialect.name == "sqlite":
            return microseconds(value)
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return from_microseconds(int(value))
        moment: datetime = value
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def microseconds(moment: datetime) -> int:
    """Microseconds since 1970-01-01 UTC, exactly (no float on the way)."""
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def from_microseconds(value: int) -> datetime:
    return _EPOCH + timedelta(microseconds=value)


class PackedJSON(TypeDecorator[Any]):
    """JSON compressed with zstd against a built-in dictionary of what versions store.

    A change summary is ~900 bytes of JSON and mostly the same keys and phrases each time:
    against the dictionary it takes ~140 (bench/bench_storage_vs_git.py), read back in ~2 µs.
    The first byte names the format, so the dictionary can never change under stored rows:
    a better one would be format 2. Not queryable in SQL; nothing queries these columns.
    """

    impl = LargeBinary()
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> bytes | None:  # noqa: ARG002
        return None if value is None else pack_json(value)

    def process_result_value(self, value: bytes | None, dialect: Dialect) -> Any:  # noqa: ARG002
        return None if value is None else unpack_json(bytes(value))


_RAW = 0  # UTF-8 JSON as is: for values compression would not shrink
_ZSTD_DICT_1 = 1  # zstd, level 9, raw-content dictionary dictionaries/json-1.txt
_DICTIONARY_1_SHA256 = "7fec570aaa55228a76799d49f2f92e7cde0d50f6194355119932e5c66ee68b53"
_LEVEL = 9
_codecs = threading.local()  # zstd contexts are not thread-safe; the web server has threads


def pack_json(value: Any) -> bytes:
    # Compact separators and real UTF-8; key order is kept, as the JSON column kept it.
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()
    packed = _compressor().compress(text)
    if len(packed) < len(text):
        return bytes([_ZSTD_DICT_1]) + packed
    return bytes([_RAW]) + text


def unpack_json(stored: bytes) -> Any:
    form, body = stored[0], stored[1:]
    if form == _ZSTD_DICT_1:
        body = _decompressor().decompress(body)
    elif form != _RAW:
        raise ValueError(f"unknown packed JSON format {form}")
    return json.loads(body)


def _dictionary() -> zstandard.ZstdCompressionDict:
    found: zstandard.ZstdCompressionDict | None = getattr(_codecs, "dictionary", None)
    if found is None:
        text = (resources.files("redraft.db") / "dictionaries" / "json-1.txt").read_bytes()
        if hashlib.sha256(text).hexdigest() != _DICTIONARY_1_SHA256:
            raise RuntimeError("db/dictionaries/json-1.txt changed: stored JSON needs it as is")
        found = zstandard.ZstdCompressionDict(text, dict_type=zstandard.DICT_TYPE_RAWCONTENT)
        found.precompute_compress(level=_LEVEL)
        _codecs.dictionary = found
    return found


def _compressor() -> zstandard.ZstdCompressor:
    found: zstandard.ZstdCompressor | None = getattr(_codecs, "compressor", None)
    if found is None:
        found = zstandard.ZstdCompressor(
            level=_LEVEL, dict_data=_dictionary(), write_dict_id=False, write_checksum=False
        )
        _codecs.compressor = found
    return found


def _decompressor() -> zstandard.ZstdDecompressor:
    found: zstandard.ZstdDecompressor | None = getattr(_codecs, "decompressor", None)
    if found is None:
        found = zstandard.ZstdDecompressor(dict_data=_dictionary())
        _codecs.decompressor = found
    return found
