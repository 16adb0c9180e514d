"""Content-addressed, compressed storage of text: identical content is stored once."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast

import zstandard
from sqlalchemy import BindParameter, Select, Table, bindparam, select, true
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from redraft.db.digests import Memory, Read, look_up, memory
from redraft.db.models import Blob
from redraft.db.models.blob import DELTA, FULL
from redraft.errors import NotFound

__all__ = ["DELTA", "FULL", "BlobStore"]

# Level 9 measured as the knee on generated TSX: ~2x smaller than level 3, still ~µs per file.
_LEVEL = 9
# A delta is kept only when it is under half the full compressed size: otherwise the content
# has drifted from its base, and storing it in full makes it the base for its successors.
_DELTA_MAX_SHARE = 0.5
# Skip-deltas. The n-th body of a line of versions (n = `depth`, counted from the last body
# stored in full) is compressed against its ancestor n & (n - 1): n with its lowest set bit
# cleared. That ancestor is always on the parent's own delta chain, which the caller has just
# read, and a chain is at most log2(n) deltas long. Against the full body alone (as before),
# a delta carries every change since that body and grows with the history: on a 1,000-version
# history the bodies took 605 bytes a version that way, 256 this way
# (bench/bench_storage_vs_git.py), where reading one inflates at most 10 deltas (30 µs each
# for a 20 KB token set). At this depth a line starts over with a full body.
_MAX_DEPTH = 1024
# Compressed bodies by (digest, anchor digest, depth). Compression is a pure function of them,
# so a body compressed once can be inserted again as is: a token change regenerating 500
# components stores the same 20 KB token set against the same base 500 times, and compressing
# it costs 0.36 ms (full + delta) each time. A few KB each, so 256 hold well under a megabyte.
# (Ids are not kept here: they belong to one database.)
_ROW_MEMO_SIZE = 256
_row_memo: OrderedDict[tuple[str, str | None, int], _Row] = OrderedDict()
_row_memo_lock = threading.Lock()  # the web server stores from several threads
_DIGESTS: BindParameter[list[str]] = bindparam("digests", expanding=True)
_IDS: BindParameter[list[int]] = bindparam("ids", expanding=True)
_COLUMNS = (Blob.id, Blob.digest, Blob.data, Blob.base_id, Blob.depth)


def _load_statement(
    start: BindParameter[list[str]] | BindParameter[list[int]], *, lateral: bool
) -> Select[int, str, bytes, int | None, int]:
    """Blobs and every blob their deltas need, down to a full one, in one round trip: a
    recursive query following `base_id` by primary key (chains are at most log2(depth) long,
    and acyclic: a base is always stored before the blobs compressed against it). A body two
    chains share can come back twice; the reader skips the second.

    On PostgreSQL each step is a LATERAL subquery with LIMIT 1 (which keeps the planner from
    flattening it into a join), so it runs as one primary-key look-up per blob: as a join,
    the step was hashed and the whole blobs table scanned at every level (1.0-1.6 ms for 21
    rows out of 1,362, growing with the table). SQLite has no LATERAL and needs none: it
    joins by nested loop over the primary key.
    """
    key = Blob.digest if start is _DIGESTS else Blob.id
    chain = select(*_COLUMNS).where(key.in_(start)).cte("chain", recursive=True)
    if lateral:
        base = select(*_COLUMNS).where(Blob.id == chain.c.base_id).limit(1).lateral("base")
        step = select(*base.c).select_from(chain).join(base, true())
    else:
        step = select(*_COLUMNS).join(chain, Blob.id == chain.c.base_id)
    return select(chain.union_all(step))


# Built once: building a statement costs about as much as running it on a warm SQLite.
_LOAD = {
    (dialect, key): _load_statement(start, lateral=dialect == "postgresql")
    for dialect in ("sqlite", "postgresql")
    for key, start in (("digests", _DIGESTS), ("ids", _IDS))
}
_TABLE = cast(Table, Blob.__table__)  # Core: this returns rows, not ORM objects
# Rows reference blobs by id, so storing returns the ids. On SQLite an upsert returns the ids
# of rows already stored too (a conflict rewrites the row with itself, in the single writer's
# own file): no second query. On PostgreSQL it would lock and rewrite a row other
# transactions share (a token set 500 components store): there rows already stored are
# skipped, and their ids read after (one SELECT, only when there are such rows).
_sqlite_insert = sqlite_insert(_TABLE)
_INSERT = {
    "sqlite": _sqlite_insert.on_conflict_do_update(
        index_elements=[Blob.digest], set_={"digest": _sqlite_insert.excluded.digest}
    ).returning(Blob.id, Blob.digest),
    "postgresql": pg_insert(_TABLE).on_conflict_do_nothing().returning(Blob.id, Blob.digest),
}


@dataclass(frozen=True, slots=True)
class _Row:
    """A compressed body, not yet tied to a database: `anchor` is its base's digest."""

    digest: str
    size: int
    data: bytes
    anchor: str | None
    depth: int


class BlobStore:
    """Put and get text by sha256 digest within the caller's transaction.

    Blobs read in a transaction are remembered for the rest of it (`db.digests.Memory`):
    storing a version takes each body's delta against an ancestor of the parent version's
    same body, which the caller has just read with its whole delta chain, so neither a second
    SELECT nor a second inflate is needed, and a body equal to one read is known to be stored
    already. Rows this store inserts are remembered by id only (the version that references
    them needs it), never as read, so a rolled-back insert is never taken for stored content;
    a new transaction starts with nothing remembered.
    """

    def __init__(self, session: Session) -> None:
        self.session = session

    def put(self, text: str, *, base: str | None = None) -> str:
        """Store `text` once; `base` (e.g. the parent version's same body) enables a delta."""
        return self.put_many([(text, base)])[0]

    def put_many(self, items: Sequence[tuple[str, str | None]]) -> list[str]:
        """Store several texts (each with an optional delta base) in one INSERT.

        No look-up first: compressing a few KB costs tens of µs, a SELECT per body costs more,
        and the insert skips content that is already stored (also a concurrent writer's).
        """
        known = memory(self.session)
        encoded = [(text.encode(), base) for text, base in items]
        digests = [hashlib.sha256(raw).hexdigest() for raw, _ in encoded]
        # The bases in one round trip (they are usually the parent version's bodies, already
        # read when the caller loaded it): one SELECT per base cost 0.5 ms a version.
        self._load(digests={base for _, base in encoded if base is not None} - known.read.keys())
        rows: dict[str, dict[str, object]] = {}
        for digest, (raw, base) in zip(digests, encoded, strict=True):
            # A body read or stored in this transaction needs no row: e.g. requirements a
            # token change left alone, whose digest is the parent's.
            if digest not in rows and digest not in known.ids:
                row = self._row(digest, raw, base)
                rows[digest] = {
                    "digest": row.digest,
                    "size": row.size,
                    "data": row.data,
                    "base_id": known.ids[row.anchor] if row.anchor is not None else None,
                    "depth": row.depth,
                }
        if rows:
            dialect = self.session.get_bind().dialect.name
            # Every row has the same keys, so the rows go in one statement, which compiles
            # once and stays cached.
            for blob_id, digest in self.session.execute(_INSERT[dialect], list(rows.values())):
                known.learn(blob_id, digest)
            # Content another transaction stored is skipped on PostgreSQL: its id is needed.
            look_up(self.session, digests=rows.keys() - known.ids.keys())
        return digests

    def _row(self, digest: str, raw: bytes, base: str | None) -> _Row:
        anchor, depth = self._anchor(base) if base is not None and base != digest else (None, 0)
        key = (digest, anchor, depth)
        with _row_memo_lock:
            row = _row_memo.get(key)
            if row is not None:
                _row_memo.move_to_end(key)
                return row
        anchor_raw = memory(self.session).read[anchor].raw if anchor is not None else None
        row = _compress(digest, raw, anchor, anchor_raw, depth)
        with _row_memo_lock:
            _row_memo[key] = row
            if len(_row_memo) > _ROW_MEMO_SIZE:
                _row_memo.popitem(last=False)
        return row

    def get(self, digest: str) -> str:
        read = memory(self.session).read
        if digest not in read:
            self._load(digests={digest})
            if digest not in read:
                raise NotFound(f"blob {digest} is missing")
        return read[digest].raw.decode()

    def get_many(self, digests: set[str]) -> dict[str, str]:
        read = memory(self.session).read
        self._load(digests=digests - read.keys())
        missing = digests - read.keys()
        if missing:
            raise NotFound(f"blobs missing: {sorted(missing)}")
        return {digest: read[digest].raw.decode() for digest in digests}

    def get_by_ids(self, ids: set[int]) -> dict[int, str]:
        """Texts by blob id (what rows reference); their digests are learned on the way."""
        known = memory(self.session)
        self._load(ids={i for i in ids if known.digests.get(i) not in known.read})
        found = {
            i: known.read[d].raw.decode() for i in ids if (d := known.digests.get(i)) in known.read
        }
        missing = ids - found.keys()
        if missing:
            raise NotFound(f"blobs missing: {sorted(missing)}")
        return found

    def _anchor(self, base: str) -> tuple[str | None, int]:
        """What a delta following `base` is taken against, and the depth it gets.

        Depth n (the base's plus one) goes against the blob of depth n & (n - 1) on the
        base's chain (see `_MAX_DEPTH`); at the maximum depth the body is stored in full.
        """
        read = memory(self.session).read
        if base not in read:
            self._load(digests={base})
            if base not in read:
                raise NotFound(f"base blob {base} is missing")
        depth = read[base].depth + 1
        if depth >= _MAX_DEPTH:
            return None, 0
        target = depth & (depth - 1)
        anchor = base
        # Depths fall along a chain, so this stops; rows written before skip-deltas have
        # depth 0 (full) or 1 (a delta against a full blob), which fits the same rule.
        while read[anchor].depth > target and (below := read[anchor].base) is not None:
            anchor = below
        return anchor, depth

    def _load(self, *, digests: Iterable[str] = (), ids: Iterable[int] = ()) -> None:
        """Read blobs, with every blob their deltas need, into this transaction's memory."""
        found: dict[int, tuple[int, str, bytes, int | None, int]] = {}
        dialect = self.session.get_bind().dialect.name
        for key, wanted in (("digests", list(set(digests))), ("ids", list(set(ids)))):
            if wanted:
                statement = _LOAD[dialect, key]
                for blob_id, digest, data, base_id, depth in self.session.execute(
                    statement, {key: wanted}
                ):
                    found[blob_id] = (blob_id, digest, data, base_id, depth)
        known = memory(self.session)
        for blob_id, digest, _, _, _ in found.values():
            known.learn(blob_id, digest)
        # Bases first: a delta inflates against its base's content, and a base is always
        # shallower than the blobs taken against it.
        for blob_id, digest, data, base_id, depth in sorted(found.values(), key=lambda r: r[4]):
            if digest in known.read:
                continue
            base = _base_of(known, digest, base_id)
            raw = _inflate(data, base.raw if base is not None else None)
            base_digest = known.digests[base_id] if base_id is not None else None
            known.read[digest] = Read(blob_id, raw, base_digest, depth)


def _base_of(known: Memory, digest: str, base_id: int | None) -> Read | None:
    if base_id is None:
        return None
    base = known.read.get(known.digests.get(base_id, ""))
    if base is None:
        raise NotFound(f"blob {digest}: its base {base_id} is missing")
    return base


def _compress(
    digest: str, raw: bytes, anchor: str | None, anchor_raw: bytes | None, depth: int
) -> _Row:
    data = zstandard.ZstdCompressor(level=_LEVEL).compress(raw)
    if anchor is not None and anchor_raw is not None:
        delta = zstandard.ZstdCompressor(level=_LEVEL, dict_data=_dictionary(anchor_raw)).compress(
            raw
        )
        if len(delta) < len(data) * _DELTA_MAX_SHARE:
            return _Row(digest, len(raw), delta, anchor, depth)
    return _Row(digest, len(raw), data, None, 0)


def _dictionary(base: bytes) -> zstandard.ZstdCompressionDict:
    # Raw-content dictionary: zstd matches the new text against the base text verbatim.
    return zstandard.ZstdCompressionDict(base, dict_type=zstandard.DICT_TYPE_RAWCONTENT)


def _inflate(data: bytes, base: bytes | None) -> bytes:
    if base is None:
        return bytes(zstandard.ZstdDecompressor().decompress(data))
    return bytes(zstandard.ZstdDecompressor(dict_data=_dictionary(base)).decompress(data))
