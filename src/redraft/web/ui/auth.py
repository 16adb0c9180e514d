"""Sign-in and sign-out, the session cookie, and the guards every page and form goes through.

Pages use the same roles as the API: reading needs `viewer`, anything that changes state
`editor`. Every POST must carry the session's CSRF token in a `csrf_token` form field.
"""

from __future__ import annotations

import math
import time
import uuid
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from redraft.db.models import User
from redraft.errors import Forbidden, Unauthenticated
from redraft.features.deps import READ_METHODS, SessionDep
from redraft.features.users.service import authenticate_password, require_role
from redraft.web.ui.render import current_session, redirect, render, ui_state
from redraft.web.ui.session import (
    SESSION_COOKIE,
    SessionData,
    anonymous_session,
    password_mark,
    tokens_match,
)
from redraft.web.ui.throttle import Refused

router = APIRouter(include_in_schema=False)
CSRF_FIELD = "csrf_token"


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who is looking at a page, as the header shows it."""

    name: str
    role: str


def _now() -> int:
    return int(time.time())


def load_session(request: Request) -> SessionData | None:
    """The request's session from its cookie (verified once per request), or `None`."""
    if getattr(request.state, "ui_session_loaded", False):
        return current_session(request)
    raw = request.cookies.get(SESSION_COOKIE)
    data = ui_state(request).signer.loads(raw, now=_now()) if raw else None
    request.state.ui_session = data
    request.state.ui_session_loaded = True
    return data


def ensure_session(request: Request) -> SessionData:
    """The session, starting an anonymous one (set on the response) when there is none."""
    data = load_session(request)
    if data is None:
        data = anonymous_session(now=_now())
        store_session(request, data)
    return data


def store_session(request: Request, data: SessionData) -> None:
    request.state.ui_session = data
    request.state.ui_session_loaded = True
    request.state.ui_session_to_set = data


def signed_in_user(request: Request, session: SessionDep) -> User | None:
    data = load_session(request)
    if data is None or data.user_id is None:
        return None
    try:
        user = session.get(User, uuid.UUID(data.user_id))
    except ValueError:
        return None
    if user is None or user.disabled:
        return None
    if not tokens_match(data.password_mark or "", password_mark(user.password_hash)):
        return None  # the password changed since this session signed in
    return user


def page_user(request: Request, session: SessionDep) -> User:
    """The signed-in user, with the role the request's method needs.

    Applied to every page router, so a page added later is protected without remembering to.
    """
    user = signed_in_user(request, session)
    if user is None:
        raise Unauthenticated("sign in to continue")
    # Plain values for templates: an error rolls the session back and expires the ORM object.
    request.state.ui_user = Viewer(name=user.name, role=user.role)
    require_role(user, "viewer" if request.method in READ_METHODS else "editor")
    return user


async def check_csrf(request: Request) -> None:
    """Refuse a state-changing request whose form does not carry the session's CSRF token."""
    if request.method in READ_METHODS:
        return
    data = load_session(request)
    form = await request.form()
    given = form.get(CSRF_FIELD)
    if data is None or not isinstance(given, str) or not tokens_match(given, data.csrf):
        raise Forbidden(
            "this form's security token is missing or out of date; "
            "reload the page (with cookies enabled) and try again"
        )


PageUser = Annotated[User, Depends(page_user)]


def safe_next(value: str | None) -> str:
    """Where to go after signing in: a path on this site only, never another host."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    if any(ord(char) < 32 or ord(char) == 127 for char in value):
        return "/"
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return "/"
    return value


@router.get("/login")
def login_form(request: Request, session: SessionDep, next: str = "/") -> Response:
    target = safe_next(next)
    if signed_in_user(request, session) is not None:
        return redirect(request, target)
    ensure_session(request)
    return render(request, "login.html", title="Sign in", next=target, error=None, username="")


@router.post("/login", dependencies=[Depends(check_csrf)])
def login(
    request: Request,
    session: SessionDep,
    username: Annotated[str, Form(max_length=64)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    next: Annotated[str, Form(max_length=2048)] = "/",
) -> Response:
    target = safe_next(next)
    name = username.strip()
    throttle = ui_state(request).sign_ins
    attempt = throttle.begin(name, request.client.host if request.client else None)
    if isinstance(attempt, Refused):
        # Refused before the password is looked at: guessing on gains nothing, and costs
        # no hashing. Names that do not exist are counted alike, so this reveals none.
        response = render(
            request,
            "login.html",
            status_code=429,
            title="Sign in",
            next=target,
            error=_refusal(attempt),
            username=username,
        )
        response.headers["Retry-After"] = str(attempt.retry_after_seconds)
        return response
    try:
        user = authenticate_password(session, name, password)
    except Unauthenticated:
        return render(
            request,
            "login.html",
            status_code=401,
            title="Sign in",
            next=target,
            error="Wrong user name or password.",
            username=username,
        )
    throttle.succeeded(attempt)
    data = ensure_session(request)
    store_session(request, data.signed_in(str(user.id), user.password_hash, now=_now()))
    return redirect(request, target)


def _refusal(refused: Refused) -> str:
    minutes = math.ceil(refused.retry_after_seconds / 60)
    wait = f"{minutes} minutes" if minutes > 1 else "a minute"
    return f"Too many failed sign-ins for this user name or from this address. Try again in {wait}."


@router.post("/logout")
async def logout(request: Request) -> Response:
    # Signing out of a session that already ended needs no token: there is nothing to end.
    if load_session(request) is not None:
        await check_csrf(request)
    request.state.ui_session_cleared = True
    return redirect(request, "/login")
