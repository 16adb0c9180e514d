"""What a transaction knows about blobs, and version attributes that read blob digests.

Rows reference blobs by their integer id (a few bytes) rather than their 32-byte digest, which
is stored once, in the blob's row. Code keeps working with digests: `version.code_blob` is the
digest of the blob `version.code_blob_id` names, found in what the current transaction has
read or stored (`Memory`), or looked up. A digest assigned to such an attribute is turned into
the id when the version is flushed at the latest.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, overload

from sqlalchemy import BindParameter, Select, bindparam, event, select
from sqlalchemy.orm import Session, SessionTransaction, UOWTransaction, object_session
from sqlalchemy.orm.attributes import flag_dirty

from redraft.errors import NotFound

_SESSION_KEY = "redraft.blobs"
_PENDING = "_redraft_pending_digests"  # instance attribute: digests assigned, ids not known yet
_RESOLVED = "_redraft_digests"  # instance attribute: {column: (id, digest)} once known


@dataclass(frozen=True, slots=True)
class Read:
    """A blob read in the current transaction: its content and its place in its delta chain."""

    id: int
    raw: bytes
    base: str | None  # the digest of the blob it is a delta against; None when stored in full
    depth: int


@dataclass(slots=True)
class Memory:
    """One transaction's knowledge of blobs. `read` holds only rows read from the database;
    `ids` and `digests` also hold rows this transaction inserted, whose ids are valid in it
    (a rollback ends the transaction, and with it this memory)."""

    read: dict[str, Read] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)
    digests: dict[int, str] = field(default_factory=dict)

    def learn(self, blob_id: int, digest: str) -> None:
        self.ids[digest] = blob_id
        self.digests[blob_id] = digest


def memory(session: Session) -> Memory:
    """What the session's current transaction knows, started afresh by each new transaction."""
    transaction = session.get_transaction()
    if transaction is None:  # begin now, so what is learned next is kept for this one
        session.connection()
        transaction = session.get_transaction()
    held: tuple[SessionTransaction | None, Memory] | None = session.info.get(_SESSION_KEY)
    if held is None or held[0] is not transaction:
        held = (transaction, Memory())
        session.info[_SESSION_KEY] = held
    return held[1]


def look_up(session: Session, *, ids: Iterable[int] = (), digests: Iterable[str] = ()) -> None:
    """Learn the digests of `ids` and the ids of `digests` that this transaction does not know."""
    known = memory(session)
    want_ids = [i for i in set(ids) if i not in known.digests]
    want_digests = [d for d in set(digests) if d not in known.ids]
    by_id, by_digest = _statements()
    for statement, wanted in ((by_id, want_ids), (by_digest, want_digests)):
        if wanted:
            for blob_id, digest in session.execute(statement, {"wanted": wanted}):
                known.learn(blob_id, digest)


@cache
def _statements() -> tuple[Select[int, str], Select[int, str]]:
    """Built once (building one costs about what running it does): here, not at import,
    because the models import this module."""
    from redraft.db.models.blob import Blob

    wanted: BindParameter[list[Any]] = bindparam("wanted", expanding=True)
    return (
        select(Blob.id, Blob.digest).where(Blob.id.in_(wanted)),
        select(Blob.id, Blob.digest).where(Blob.digest.in_(wanted)),
    )


class BlobDigest:
    """`version.code_blob`: the digest of the blob the integer column `code_blob_id` names.

    With `fallback`, a NULL id reads as another attribute's digest (code equal to the pristine
    output is not referenced twice). Assigning a digest sets the id when this transaction
    knows it (the blob store learns every id it reads or inserts), else at flush.
    """

    def __init__(self, column: str, *, fallback: str | None = None) -> None:
        self.column = column
        self.fallback = fallback
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type) -> BlobDigest: ...
    @overload
    def __get__(self, instance: object, owner: type) -> str: ...
    def __get__(self, instance: object | None, owner: type) -> BlobDigest | str:
        if instance is None:
            return self
        pending: dict[str, str] = instance.__dict__.get(_PENDING, {})
        if self.name in pending:
            return pending[self.name]
        blob_id: int | None = getattr(instance, self.column)
        if blob_id is None:
            if self.fallback is not None:
                fallback: str = getattr(instance, self.fallback)
                return fallback
            raise NotFound(f"{type(instance).__name__}.{self.name} is not set")
        resolved: dict[str, tuple[int, str]] = instance.__dict__.setdefault(_RESOLVED, {})
        found = resolved.get(self.name)
        if found is not None and found[0] == blob_id:
            return found[1]
        digest = _digest_of(instance, blob_id)
        resolved[self.name] = (blob_id, digest)
        return digest

    def __set__(self, instance: object, digest: str) -> None:
        session = object_session(instance)
        blob_id = memory(session).ids.get(digest) if session is not None else None
        pending: dict[str, str] = instance.__dict__.setdefault(_PENDING, {})
        if blob_id is None:
            pending[self.name] = digest
            if session is not None:
                flag_dirty(instance)  # so the flush that resolves it sees the row
            return
        pending.pop(self.name, None)
        setattr(instance, self.column, blob_id)
        instance.__dict__.setdefault(_RESOLVED, {})[self.name] = (blob_id, digest)


def _digest_of(instance: object, blob_id: int) -> str:
    session = object_session(instance)
    if session is None:
        raise NotFound(f"blob {blob_id}: its digest is not known outside a session")
    known = memory(session)
    if blob_id not in known.digests:
        # Every blob the row references, in one query: the others are usually wanted next.
        columns = [d.column for d in type(instance).__dict__.values() if isinstance(d, BlobDigest)]
        look_up(session, ids=[blob_id, *(i for c in columns if (i := getattr(instance, c)))])
    digest = known.digests.get(blob_id)
    if digest is None:
        raise NotFound(f"blob {blob_id} is missing")
    return digest


@event.listens_for(Session, "before_flush")
def _resolve_pending(session: Session, flush: UOWTransaction, instances: Any) -> None:  # noqa: ARG001
    """Turn digests assigned to rows without a known id into ids, in one query per flush."""
    rows = [row for row in (*session.new, *session.dirty) if row.__dict__.get(_PENDING)]
    if not rows:
        return
    look_up(session, digests={d for row in rows for d in row.__dict__[_PENDING].values()})
    known = memory(session)
    for row in rows:
        pending: dict[str, str] = row.__dict__[_PENDING]
        for name, digest in list(pending.items()):
            if digest not in known.ids:
                raise NotFound(f"blob {digest} is missing")
            descriptor = type(row).__dict__[name]
            assert isinstance(descriptor, BlobDigest)
            descriptor.__set__(row, digest)
