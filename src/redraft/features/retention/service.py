"""Archive old versions nobody points at; report the storage each component uses.

Archiving changes a version's status only: nothing is deleted, archived versions stay
readable and comparable, and their numbers stay taken. Services never commit.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from redraft.db.models import ComponentVersion
from redraft.errors import InvalidInput
from redraft.features.audit import service as audit
from redraft.features.retention import repository

# The brief's metric: "version storage < 100 MB per component" (decimal megabytes).
STORAGE_BUDGET_BYTES = 100 * 1000 * 1000
_AGE = re.compile(r"^\s*(\d{1,6})\s*([hdw])\s*$")
_AGE_UNITS = {"h": timedelta(hours=1), "d": timedelta(days=1), "w": timedelta(weeks=1)}


@dataclass(frozen=True, slots=True)
class ComponentStorage:
    """What one component's history occupies. Sizes are bytes."""

    component_id: uuid.UUID
    name: str
    versions: int
    archived_versions: int
    # Estimate of the version and tag rows: fixed-width columns at their PostgreSQL widths plus
    # the character length of every text and JSON column, summed per row.
    row_bytes: int
    # Distinct blobs the versions reference (each counted once per component), with the full
    # blobs their deltas are compressed against.
    blobs: int
    stored_bytes: int  # compressed, as stored
    raw_bytes: int  # uncompressed
    # Of those, the blobs that another component references too (identical token sets,
    # requirements or code): counted in full here and in every other component using them.
    shared_blobs: int
    shared_stored_bytes: int

    @property
    def total_bytes(self) -> int:
        return self.row_bytes + self.stored_bytes

    @property
    def shared_share(self) -> float:
        """The fraction of `stored_bytes` in blobs other components reference too."""
        return self.shared_stored_bytes / self.stored_bytes if self.stored_bytes else 0.0

    @property
    def within_budget(self) -> bool:
        return self.total_bytes < STORAGE_BUDGET_BYTES


def parse_age(text: str) -> timedelta:
    """`90d`, `12h` or `2w` as a positive duration; anything else is `InvalidInput`."""
    match = _AGE.match(text)
    if match is None:
        raise InvalidInput(
            f"invalid age {text!r}: a whole number and a unit, h (hours), d (days) or w (weeks), "
            "e.g. 90d"
        )
    age = int(match.group(1)) * _AGE_UNITS[match.group(2)]
    if age <= timedelta(0):
        raise InvalidInput(f"invalid age {text!r}: it must be more than zero")
    return age


def archive_older_than(
    session: Session,
    *,
    older_than: timedelta,
    now: datetime,
    actor: str,
    dry_run: bool = False,
) -> list[ComponentVersion]:
    """Archive accepted versions created before `now - older_than` that nothing points at.

    Kept: every component's current version, each branch's head, tagged versions, branch
    points and merge parents (see `repository.archivable`). Returns the versions archived
    (or, with `dry_run`, that would be), oldest first. A real run records one audit event.
    """
    if older_than <= timedelta(0):
        raise InvalidInput(f"the age must be positive, not {older_than}")
    if now.tzinfo is None:
        raise InvalidInput("`now` needs a time zone")
    cutoff = now - older_than
    versions = repository.find_archivable(session, cutoff, lock=not dry_run)
    if dry_run:
        return versions
    for version in versions:
        version.status = "archived"
    session.flush()
    names = repository.component_names(session, {v.component_id for v in versions})
    per_component = Counter(names[v.component_id] for v in versions)
    audit.record(
        session,
        actor=actor,
        action="versions.archive",
        target=f"{len(versions)} version(s) created before {cutoff:%Y-%m-%d %H:%M}",
        details={
            "count": len(versions),
            "older_than_seconds": int(older_than.total_seconds()),
            "cutoff": cutoff.isoformat(),
            "per_component": dict(sorted(per_component.items())),
            "version_ids": [str(v.id) for v in versions],
        },
    )
    return versions


def storage_report(
    session: Session, component_id: uuid.UUID | None = None
) -> list[ComponentStorage]:
    """Storage per component (one component when `component_id` is given), by name.

    Rows: `row_bytes` estimates the component's version and tag rows. Blobs: the distinct
    digests referenced by any of the component's versions' seven body columns, plus the base
    each delta blob is compressed against (it cannot be read without it); `stored_bytes` sums
    their stored (compressed) data, `raw_bytes` their uncompressed size. A blob referenced
    by several components is counted in each of them and reported in `shared_blobs` and
    `shared_stored_bytes`, so the figures per component add up to more than the database
    holds exactly by the shared part.
    """
    rows = repository.row_usage(session, component_id)
    blobs = repository.blob_usage(session, component_id)
    report = []
    for cid, name in repository.list_components(session, component_id):
        row = rows.get(cid, repository.RowUsage(0, 0, 0))
        blob = blobs.get(cid, repository.BlobUsage(0, 0, 0, 0, 0))
        report.append(
            ComponentStorage(
                component_id=cid,
                name=name,
                versions=row.versions,
                archived_versions=row.archived_versions,
                row_bytes=row.row_bytes,
                blobs=blob.blobs,
                stored_bytes=blob.stored_bytes,
                raw_bytes=blob.raw_bytes,
                shared_blobs=blob.shared_blobs,
                shared_stored_bytes=blob.shared_stored_bytes,
            )
        )
    return report
