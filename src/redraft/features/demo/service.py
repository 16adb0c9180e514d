"""The demo workspace: a sample design system generated into components, and a user to sign in."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

from sqlalchemy.orm import Session

from redraft.codegen.base import Generator
from redraft.core.tokens.model import TokenSet
from redraft.features.components import service as components
from redraft.features.users import service as users
from redraft.integrations.tokenfiles import parse_token_text
from redraft.spec.requirements import Requirements, parse_requirements

DEMO_USER = "demo"
_DATA = resources.files("redraft.features.demo") / "data"


@dataclass(frozen=True, slots=True)
class DemoAccess:
    user: str
    password: str
    token: str


def sample_tokens() -> TokenSet:
    return parse_token_text((_DATA / "tokens.json").read_text(encoding="utf-8"), name="tokens.json")


def sample_requirements() -> list[Requirements]:
    folder = _DATA / "requirements"
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".json")), key=lambda f: f.name)
    return [parse_requirements(json.loads(f.read_text(encoding="utf-8"))) for f in files]


def seed_components(
    session: Session,
    generator: Generator,
    *,
    actor: str,
    progress: Callable[[str], None] = lambda _name: None,
) -> list[str]:
    """Generate every sample component that does not exist yet; return the names created."""
    tokens = sample_tokens()
    created: list[str] = []
    for spec in sample_requirements():
        if components.find_component(session, spec.name) is None:
            components.create_component(
                session,
                requirements=spec,
                tokens=tokens,
                generator=generator,
                actor=actor,
                reason="demo workspace",
            )
            created.append(spec.name)
        progress(spec.name)
    return created


def grant_demo_access(session: Session) -> DemoAccess:
    """An admin `demo` user with a fresh password and API token (shown once, stored hashed)."""
    password = secrets.token_urlsafe(12)
    user = users.find_user(session, DEMO_USER)
    if user is None:
        user = users.create_user(session, name=DEMO_USER, role="admin", password=password)
    else:
        users.set_password(session, user, password)
    issued = users.issue_token(session, user, name="demo")
    return DemoAccess(user=DEMO_USER, password=password, token=issued.secret)
