"""The sign-in session: a signed (not encrypted) cookie holding the user id and a CSRF token.

The cookie carries no secret worth hiding (a user id, a CSRF token that is also in every
page, a fingerprint of the password hash), so signing is enough; an HMAC over the payload
stops anyone forging or editing it. Changing a user's password changes the fingerprint and
so ends their other sessions.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass, replace
from typing import Any

from pydantic import SecretStr

SESSION_COOKIE = "redraft_session"
# Sign-in lasts a working day; the cookie and the signed issue time both enforce it.
SESSION_MAX_AGE = 12 * 60 * 60


@dataclass(frozen=True, slots=True)
class SessionData:
    """What the cookie holds: anonymous visitors get one too, for the sign-in form's CSRF."""

    csrf: str
    issued_at: int
    user_id: str | None = None
    password_mark: str | None = None

    def signed_in(self, user_id: str, password_hash: str | None, *, now: int) -> SessionData:
        # A fresh CSRF token at sign-in: a token seen before signing in is not trusted after.
        return replace(
            self,
            csrf=new_csrf_token(),
            issued_at=now,
            user_id=user_id,
            password_mark=password_mark(password_hash),
        )


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def anonymous_session(*, now: int) -> SessionData:
    return SessionData(csrf=new_csrf_token(), issued_at=now)


def password_mark(password_hash: str | None) -> str:
    return hashlib.sha256((password_hash or "").encode()).hexdigest()[:16]


def tokens_match(given: str, expected: str) -> bool:
    """Constant-time comparison, so response timing does not leak the token byte by byte."""
    return hmac.compare_digest(given.encode(), expected.encode())


class CookieSigner:
    """Serialises `SessionData` to `payload.signature` and back, rejecting anything tampered."""

    def __init__(self, secret: bytes, *, max_age: int = SESSION_MAX_AGE) -> None:
        # A key derived for this one purpose, so the configured secret can serve others too.
        self._key = hmac.new(secret, b"redraft-ui-session-v1", hashlib.sha256).digest()
        self.max_age = max_age

    def dumps(self, data: SessionData) -> str:
        body: dict[str, Any] = {"c": data.csrf, "t": data.issued_at}
        if data.user_id is not None:
            body["u"] = data.user_id
            body["p"] = data.password_mark
        payload = _b64(json.dumps(body, separators=(",", ":")).encode())
        return f"{payload}.{self._sign(payload)}"

    def loads(self, value: str, *, now: int) -> SessionData | None:
        payload, _, signature = value.partition(".")
        if not payload or not hmac.compare_digest(signature, self._sign(payload)):
            return None
        try:
            body = json.loads(_unb64(payload))
            data = SessionData(
                csrf=str(body["c"]),
                issued_at=int(body["t"]),
                user_id=str(body["u"]) if "u" in body else None,
                password_mark=str(body["p"]) if "p" in body else None,
            )
        except (ValueError, KeyError, TypeError):
            return None
        if not data.csrf or not 0 <= now - data.issued_at <= self.max_age:
            return None
        return data

    def _sign(self, payload: str) -> str:
        return _b64(hmac.new(self._key, payload.encode(), hashlib.sha256).digest())


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def secret_from(secret_key: SecretStr | None) -> bytes:
    """The configured secret key (`REDRAFT_SECRET_KEY`), else a per-process one.

    A per-process secret means sessions end when the server restarts and are not shared by
    several worker processes; configure `REDRAFT_SECRET_KEY` to keep them.
    """
    if secret_key is not None and secret_key.get_secret_value():
        return secret_key.get_secret_value().encode()
    return secrets.token_bytes(32)
