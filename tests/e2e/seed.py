"""A small history to look at, made through the services: users with passwords, a component
with a regeneration, a hand edit, a tag, a branch and a conflicting draft, and a second component.

Shared by the browser tests and the TestClient page tests, with the helpers both use; tests
that need more (a clean draft, a breaking change to roll back) add it with the helpers below.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy.orm import Session, sessionmaker

from redraft.codegen.registry import load_generator
from redraft.core.semver import Version
from redraft.core.tokens import parse_tokens
from redraft.features.components import service as components
from redraft.features.components import tags
from redraft.features.components.service import VersionMeta
from redraft.features.regeneration import service as regeneration
from redraft.features.users import service as users
from redraft.spec.requirements import parse_requirements
from tests.factories import button_requirements, tokens

PASSWORD = "correct horse battery"
EDITOR = "ada"
VIEWER = "vic"
# Markup that would run if any page forgot to escape it.
XSS_SCRIPT = "<script>window.__xss = 1</script>"
XSS_IMG = '"><img src=x onerror="window.__xss = 2">'
XSS = f"{XSS_SCRIPT} {XSS_IMG}"
HAND_EDIT_COMMENT = f"  // reviewed by design: {XSS}"


@functools.cache
def quick_hash() -> str:
    """An argon2 hash of PASSWORD with the cheapest parameters, made once per test run.

    Verification reads the parameters from the hash itself, so signing in checks a real
    argon2 hash in milliseconds instead of the 0.2 s the production parameters cost.
    """
    return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(PASSWORD)


@dataclass(frozen=True, slots=True)
class Seeded:
    component_id: str
    name: str
    first: str  # 1.0.0, tagged "stable"
    regenerated: str  # 1.1.0: a token change, accepted
    edited: str  # 1.1.1: a hand edit (padding, a comment), current
    branch: str  # 1.2.0-exp.1 on the "experiment" branch, from 1.1.0
    draft: str  # a regeneration over the hand edit, waiting, with a conflict
    other_id: str  # SecondaryButton, just created


def seed(factory: sessionmaker[Session]) -> Seeded:
    generator = load_generator("builtin")
    with factory() as session:
        for name, role in ((EDITOR, "editor"), (VIEWER, "viewer")):
            users.create_user(session, name=name, role=role).password_hash = quick_hash()
        spec = parse_requirements(button_requirements(description=f"The main action. {XSS}"))
        first = components.create_component(
            session,
            requirements=spec,
            tokens=parse_tokens({"tokens.json": tokens()}),
            generator=generator,
            actor=EDITOR,
        )
        tags.add_tag(session, first, "stable", actor=EDITOR)
        regenerated = regeneration.regenerate(
            session,
            "PrimaryButton",
            generator=generator,
            actor=EDITOR,
            tokens=parse_tokens({"tokens.json": tokens(blue_500="#2563eb")}),
            trigger="token_change",
        ).draft
        assert regenerated is not None
        regeneration.accept(session, regenerated.id, actor=EDITOR)
        code = components.load_content(session, regenerated).code
        edited_code = code.replace('padding: "8px"', 'padding: "10px"').replace(
            "const styles = {", f"{HAND_EDIT_COMMENT}\nconst styles = {{", 1
        )
        edited = regeneration.edit_code(
            session, "PrimaryButton", code=edited_code, actor=EDITOR, reason=f"roomier {XSS}"
        )
        branch = components.record_derived(
            session,
            components.get_component(session, "PrimaryButton"),
            regenerated,
            code=code.replace('borderRadius: "6px"', 'borderRadius: "999px"'),
            stories=components.load_content(session, regenerated).stories,
            meta=VersionMeta(
                actor="bea",
                trigger="manual_edit",
                number=Version(1, 2, 0, "exp.1"),
                status="draft",
                reason="pill shape experiment",
                branch="experiment",
                parent_version_id=regenerated.id,
            ),
        )
        changed = tokens(blue_500="#2563eb")
        changed["space"]["md"]["$value"] = {"value": 12, "unit": "px"}
        draft = regeneration.regenerate(
            session,
            "PrimaryButton",
            generator=generator,
            actor="figma-sync",
            tokens=parse_tokens({"tokens.json": changed}),
            trigger="token_change",
        ).draft
        assert draft is not None
        other = components.create_component(
            session,
            requirements=parse_requirements(button_requirements("SecondaryButton")),
            tokens=parse_tokens({"tokens.json": tokens()}),
            generator=generator,
            actor=EDITOR,
        )
        session.commit()
        return Seeded(
            component_id=str(first.component_id),
            name="PrimaryButton",
            first=str(first.id),
            regenerated=str(regenerated.id),
            edited=str(edited.id),
            branch=str(branch.id),
            draft=str(draft.id),
            other_id=str(other.component_id),
        )


def clean_draft(
    factory: sessionmaker[Session], name: str = "SecondaryButton", *, blue_500: str = "#2563eb"
) -> str:
    """A regeneration of `name` with one colour changed, waiting as a draft without conflicts
    (superseding any draft `name` had open)."""
    with factory() as session:
        draft = regeneration.regenerate(
            session,
            name,
            generator=load_generator("builtin"),
            actor="figma-sync",
            tokens=parse_tokens({"tokens.json": tokens(blue_500=blue_500)}),
            trigger="token_change",
        ).draft
        assert draft is not None
        assert not regeneration.open_conflicts(draft)
        session.commit()
        return str(draft.id)


def breaking_upgrade(factory: sessionmaker[Session], name: str = "SecondaryButton") -> str:
    """Accept a regeneration of `name` that adds a `tone` prop; returns the first version's id.

    Rolling back to that version removes the prop, which breaks the props API (major).
    """
    with factory() as session:
        first = components.get_component(session, name).current_version_id
        requirements = button_requirements(
            name,
            props=[
                {"name": "label", "type": "string", "required": True},
                {"name": "tone", "type": "'calm' | 'loud'"},
            ],
        )
        upgraded = regeneration.regenerate(
            session,
            name,
            generator=load_generator("builtin"),
            actor=EDITOR,
            requirements=parse_requirements(requirements),
            trigger="requirements_change",
        ).draft
        assert upgraded is not None
        regeneration.accept(session, upgraded.id, actor=EDITOR)
        session.commit()
        return str(first)


def csrf_token(html: str) -> str:
    """The CSRF token a page's forms carry."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found is not None, "the page has no form with a CSRF token"
    return found.group(1)


def sign_in(client: TestClient, name: str, password: str = PASSWORD) -> Response:
    """Sign `client` in through the form, as a browser would; returns the redirect."""
    token = csrf_token(client.get("/login").text)
    response = client.post(
        "/login",
        data={"username": name, "password": password, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return response
