"""Users with roles, API tokens (only a hash is stored) and password sign-in."""

from __future__ import annotations

import functools
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from redraft.db.models import ApiToken, User
from redraft.db.models.user import ROLES
from redraft.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthenticated
from redraft.features.audit import service as audit

ROLE_RANK = {role: rank for rank, role in enumerate(ROLES)}
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$")
# `rdft_<prefix>_<secret>`: the prefix finds the row, the whole token is compared by hash.
_TOKEN = re.compile(r"^rdft_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$")
_hasher = PasswordHasher()
TOKEN_USE_RECORD_EVERY = timedelta(hours=1)
# Compared against when a token's prefix is unknown, so that path costs the same as a real check.
_DUMMY_HASH = hashlib.sha256(b"redraft-no-such-token").hexdigest()


@dataclass(frozen=True, slots=True)
class IssuedToken:
    token: ApiToken
    secret: str


def _now() -> datetime:
    return datetime.now(UTC)


def check_role(role: str) -> str:
    if role not in ROLE_RANK:
        raise InvalidInput(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    return role


def require_role(user: User, needed: str) -> None:
    """Raise `Forbidden` unless the user's role is at least `needed`."""
    if ROLE_RANK[user.role] < ROLE_RANK[needed]:
        raise Forbidden(f"this needs the {needed} role; {user.name} is {user.role}")


def create_user(
    session: Session,
    *,
    name: str,
    role: str,
    password: str | None = None,
    actor: str | None = None,
) -> User:
    if not _NAME.match(name):
        raise InvalidInput(f"invalid user name {name!r}: letters, digits, _ . @ - (max 64)")
    check_role(role)
    if session.scalar(select(User.id).where(User.name == name)) is not None:
        raise Conflict(f"user {name!r} already exists")
    user = User(name=name, role=role, created_at=_now())
    if password is not None:
        user.password_hash = hash_password(password)
    session.add(user)
    session.flush()
    audit.record(
        session, actor=actor or "system", action="user.create", target=name, details={"role": role}
    )
    return user


def find_user(session: Session, name: str) -> User | None:
    return session.scalar(select(User).where(User.name == name))


def get_user(session: Session, name: str) -> User:
    user = find_user(session, name)
    if user is None:
        raise NotFound(f"no user named {name!r}")
    return user


def set_password(session: Session, user: User, password: str) -> None:
    user.password_hash = hash_password(password)
    session.flush()


def hash_password(password: str) -> str:
    if len(password) < 8:
        raise InvalidInput("a password needs at least 8 characters")
    return _hasher.hash(password)


def authenticate_password(session: Session, name: str, password: str) -> User:
    user = find_user(session, name)
    stored = user.password_hash if user is not None else None
    try:
        # Verify against a real hash even for unknown users so timing does not reveal names.
        ok: bool = _hasher.verify(stored or _dummy_password_hash(), password)
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok or user is None or stored is None or user.disabled:
        raise Unauthenticated("wrong user name or password")
    return user


@functools.cache
def _dummy_password_hash() -> str:
    return _hasher.hash(secrets.token_urlsafe(16))


def issue_token(
    session: Session, user: User, *, name: str = "default", actor: str | None = None
) -> IssuedToken:
    """A new API token for `user`; `actor` is who issued it (its owner when not given)."""
    prefix = secrets.token_hex(6)
    secret = f"rdft_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken(
        user_id=user.id,
        name=name[:64],
        prefix=prefix,
        secret_hash=hashlib.sha256(secret.encode()).hexdigest(),
        created_at=_now(),
    )
    session.add(token)
    session.flush()
    audit.record(
        session,
        actor=actor or user.name,
        action="token.issue",
        target=user.name,
        details={"user": user.name, "token": token.name, "prefix": prefix},
    )
    return IssuedToken(token=token, secret=secret)


def authenticate_token(session: Session, secret: str) -> User:
    """The user a bearer token belongs to; `Unauthenticated` for anything else."""
    match = _TOKEN.match(secret)
    row = None
    if match is not None:
        row = session.scalar(select(ApiToken).where(ApiToken.prefix == match.group(1)))
    expected = row.secret_hash if row is not None else _DUMMY_HASH
    given = hashlib.sha256(secret.encode()).hexdigest()
    if not hmac.compare_digest(expected, given) or row is None or row.revoked_at is not None:
        raise Unauthenticated("invalid or revoked API token")
    user = session.get(User, row.user_id)
    if user is None or user.disabled:
        raise Unauthenticated("the token's user is disabled")
    now = _now()
    # Recorded at most hourly: every request writing a row would drown the audit log.
    if row.last_used_at is None or now - row.last_used_at > TOKEN_USE_RECORD_EVERY:
        row.last_used_at = now
        audit.record(
            session,
            actor=user.name,
            action="token.use",
            target=user.name,
            details={"token": row.name, "prefix": row.prefix},
        )
    return user
