"""Queries for retention and storage; only this feature's service uses them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from functools import reduce
from operator import add

from sqlalchemy import (
    ColumnElement,
    Text,
    and_,
    case,
    cast,
    distinct,
    exists,
    func,
    literal,
    select,
    union,
)
from sqlalchemy.orm import Session, aliased, selectinload

from redraft.db.models import Blob, Branch, Component, ComponentVersion, VersionTag

V = ComponentVersion
# The blobs a version references, by id (code and stories are NULL when they are the pristine
# output's).
BLOB_COLUMNS = (
    V.tokens_blob_id,
    V.requirements_blob_id,
    func.coalesce(V.code_blob_id, V.pristine_code_blob_id),
    func.coalesce(V.stories_blob_id, V.pristine_stories_blob_id),
    V.pristine_code_blob_id,
    V.pristine_stories_blob_id,
    V.token_usage_blob_id,
)
# Variable-length columns of a version row, measured as stored: characters of text, bytes of
# the inputs digest (32) and of the packed JSON.
TEXT_COLUMNS = (
    V.prerelease,
    V.branch,
    V.status,
    V.created_by,
    V.trigger,
    V.reason,
    V.inputs_hash,
    V.pattern_id,
    V.pattern_version,
    V.generator,
    V.generator_version,
    V.bump,
    V.bump_reasons,
    V.change_summary,
)
JSON_COLUMNS = (V.parameters,)
# The fixed-width part of a version row: 4 uuids (16 B each), 3 integers and 7 blob ids (4 B
# each), a timestamp (8 B), a boolean (1 B), plus PostgreSQL's 24-byte tuple header. A tag
# row: uuid, timestamp and header; its two strings are measured.
VERSION_ROW_FIXED_BYTES = 4 * 16 + 10 * 4 + 8 + 1 + 24
TAG_ROW_FIXED_BYTES = 16 + 8 + 24


@dataclass(frozen=True, slots=True)
class RowUsage:
    versions: int
    archived_versions: int
    row_bytes: int


@dataclass(frozen=True, slots=True)
class BlobUsage:
    blobs: int
    stored_bytes: int
    raw_bytes: int
    shared_blobs: int
    shared_stored_bytes: int


def archivable(cutoff: datetime) -> ColumnElement[bool]:
    """Accepted, older than `cutoff`, and nothing points at it: the versions retention retires.

    Kept: the component's current version and every branch's head (main has no branch row:
    its head is the current version); tagged versions; branch points, whether a branch row
    names them as its base (a branch with no versions yet) or a version on another branch
    names them as its parent; and merge parents.
    """
    other = aliased(ComponentVersion)
    return and_(
        V.status == "active",
        V.created_at < cutoff,
        V.id.not_in(
            select(Component.current_version_id).where(Component.current_version_id.is_not(None))
        ),
        V.id.not_in(select(Branch.head_version_id)),
        V.id.not_in(select(Branch.base_version_id)),
        V.id.not_in(select(VersionTag.version_id)),
        ~exists().where(other.parent_version_id == V.id, other.branch != V.branch),
        V.id.not_in(
            select(other.merge_parent_version_id).where(other.merge_parent_version_id.is_not(None))
        ),
    )


def find_archivable(session: Session, cutoff: datetime, *, lock: bool) -> list[ComponentVersion]:
    """The archivable versions, oldest first; with `lock`, row-locked on PostgreSQL.

    Tagging a version, naming it as a parent or base, or making it current takes a key-share
    lock on its row (a foreign key), which conflicts with this lock: such a change begun after
    the read waits until the archive commits. One in flight at the read is not seen; at worst
    a version tagged at that instant is archived, which only changes its status. SQLite
    serialises writers, so there the read is exact.
    """
    stmt = (
        select(V)
        .where(archivable(cutoff))
        .order_by(V.created_at, V.id)
        .options(selectinload(V.tags))
    )
    if lock:
        stmt = stmt.with_for_update(of=V)
    return list(session.scalars(stmt).all())


def component_names(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    rows = session.execute(select(Component.id, Component.name).where(Component.id.in_(ids)))
    return {row.id: row.name for row in rows}


def list_components(
    session: Session, component_id: uuid.UUID | None
) -> list[tuple[uuid.UUID, str]]:
    stmt = select(Component.id, Component.name).order_by(Component.name)
    if component_id is not None:
        stmt = stmt.where(Component.id == component_id)
    return [(row.id, row.name) for row in session.execute(stmt)]


def row_usage(session: Session, component_id: uuid.UUID | None) -> dict[uuid.UUID, RowUsage]:
    lengths = [func.coalesce(func.length(column), 0) for column in TEXT_COLUMNS]
    lengths += [func.coalesce(func.length(cast(column, Text)), 0) for column in JSON_COLUMNS]
    stmt = select(
        V.component_id,
        func.count(),
        func.sum(case((V.status == "archived", 1), else_=0)),
        func.sum(reduce(add, lengths) + VERSION_ROW_FIXED_BYTES),
    ).group_by(V.component_id)
    tags = select(
        V.component_id,
        func.sum(
            func.length(VersionTag.tag)
            + func.length(VersionTag.created_by)
            + literal(TAG_ROW_FIXED_BYTES)
        ),
    ).join(V, VersionTag.version_id == V.id)
    if component_id is not None:
        stmt = stmt.where(V.component_id == component_id)
        tags = tags.where(V.component_id == component_id)
    tag_bytes = {row[0]: int(row[1] or 0) for row in session.execute(tags.group_by(V.component_id))}
    return {
        cid: RowUsage(int(count), int(archived or 0), int(size or 0) + tag_bytes.get(cid, 0))
        for cid, count, archived, size in session.execute(stmt)
    }


def blob_usage(session: Session, component_id: uuid.UUID | None) -> dict[uuid.UUID, BlobUsage]:
    # (component, blob) once per pair: every body a component's versions reference...
    refs = union(
        *(select(V.component_id.label("component_id"), c.label("blob_id")) for c in BLOB_COLUMNS)
    ).cte("refs")
    # ...plus every blob a delta among them is compressed against, down to a full one: without
    # them it is unreadable (a delta's base may be a delta itself; see `db/blobs.py`).
    start = select(refs.c.component_id, refs.c.blob_id).cte("owned", recursive=True)
    owned = start.union(
        select(start.c.component_id, Blob.base_id)
        .join(Blob, Blob.id == start.c.blob_id)
        .where(Blob.base_id.is_not(None))
    )
    shared = (
        select(owned.c.blob_id)
        .group_by(owned.c.blob_id)
        .having(func.count(distinct(owned.c.component_id)) > 1)
        .cte("shared")
    )
    stored = func.length(Blob.data)
    is_shared = shared.c.blob_id.is_not(None)
    stmt = (
        select(
            owned.c.component_id,
            func.count(),
            func.sum(stored),
            func.sum(Blob.size),
            func.sum(case((is_shared, 1), else_=0)),
            func.sum(case((is_shared, stored), else_=0)),
        )
        .join(Blob, Blob.id == owned.c.blob_id)
        .outerjoin(shared, shared.c.blob_id == owned.c.blob_id)
        .group_by(owned.c.component_id)
    )
    if component_id is not None:
        stmt = stmt.where(owned.c.component_id == component_id)
    return {
        cid: BlobUsage(int(n), int(size or 0), int(raw or 0), int(n_shared), int(shared_size))
        for cid, n, size, raw, n_shared, shared_size in session.execute(stmt)
    }
