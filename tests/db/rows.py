"""Minimal valid rows for store tests: a component and versions whose bodies are in blobs."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from redraft.db.blobs import BlobStore
from redraft.db.models import Blob, Component, ComponentVersion

NOW = datetime(2025, 1, 1, tzinfo=UTC)


def add_component(session: Session, name: str = "PrimaryButton") -> Component:
    component = Component(name=name, type="button", created_at=NOW, created_by="tester")
    session.add(component)
    session.flush()
    return component


def add_version(
    session: Session,
    component: Component,
    number: tuple[int, int, int] = (1, 0, 0),
    *,
    status: str = "active",
    prerelease: str = "",
    tokens: str = "{}",
    requirements: str = "{}",
    code: str = "export {};\n",
    stories: str = "export default {};\n",
    token_usage: str = "[]",
    parent: ComponentVersion | None = None,
) -> ComponentVersion:
    """Bodies are stored as deltas against the parent's, as the version service stores them."""
    blobs = BlobStore(session)

    def put(text: str, column: str) -> str:
        return blobs.put(text, base=getattr(parent, column) if parent is not None else None)

    code_digest = put(code, "code_blob")
    stories_digest = put(stories, "stories_blob")
    major, minor, patch = number
    version = ComponentVersion(
        component_id=component.id,
        major=major,
        minor=minor,
        patch=patch,
        prerelease=prerelease,
        status=status,
        created_at=NOW,
        created_by="tester",
        trigger="manual",
        inputs_hash=hashlib.sha256((tokens + requirements).encode()).hexdigest(),
        pattern_id="button",
        pattern_version="1.0.0",
        generator="builtin",
        generator_version="0.1.0",
        tokens_blob=put(tokens, "tokens_blob"),
        requirements_blob=put(requirements, "requirements_blob"),
        code_blob=code_digest,
        stories_blob=stories_digest,
        pristine_code_blob=code_digest,
        pristine_stories_blob=stories_digest,
        token_usage_blob=put(token_usage, "token_usage_blob"),
        parent_version_id=parent.id if parent is not None else None,
    )
    session.add(version)
    session.flush()
    return version


def stored_blob(session: Session, digest: str) -> tuple[Blob, str | None]:
    """The row holding `digest`, and the digest of the blob it is a delta against (if any)."""
    blob = session.scalars(select(Blob).where(Blob.digest == digest)).one()
    base = session.get_one(Blob, blob.base_id).digest if blob.base_id is not None else None
    return blob, base
