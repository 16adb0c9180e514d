"""Every ORM model, imported here so `Base.metadata` is complete for Alembic and tests."""

from redraft.db.models.audit import AuditEvent
from redraft.db.models.blob import Blob
from redraft.db.models.branch import Branch
from redraft.db.models.component import Component, ComponentVersion, VersionTag
from redraft.db.models.user import ApiToken, User

__all__ = [
    "ApiToken",
    "AuditEvent",
    "Blob",
    "Branch",
    "Component",
    "ComponentVersion",
    "User",
    "VersionTag",
]
