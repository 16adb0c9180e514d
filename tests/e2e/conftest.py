"""Browser tests: Debian's Chromium driven by Playwright against the app served on loopback.

One browser per session and a fresh page, database and server per test. Every page a test
visits is checked with axe-core (serious and critical violations fail the test), and each
test leaves a screenshot of its last page in `test-artifacts/`.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from redraft.config import DatabaseSettings, Settings
from redraft.web.app import create_app
from redraft.web.ui import install_ui
from tests.conftest import require_service
from tests.e2e.seed import PASSWORD, Seeded, seed
from tests.live import serve

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "tools" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("REDRAFT_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SETUP = "`scripts/setup` (installs Debian's chromium, playwright and the npm tools)"

try:
    from playwright.sync_api import Browser, Dialog, Page, expect, sync_playwright
except ImportError:  # reported by the `browser` fixture: skipped, or failed under CI=true
    expect = None  # type: ignore[assignment]
    sync_playwright = None  # type: ignore[assignment]

__all__ = ["LiveServer", "Visit", "expect"]


@pytest.fixture(scope="session")
def axe_source() -> str:
    require_service(f"axe-core missing at {AXE}", AXE.is_file(), SETUP)
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    require_service("the playwright package is not installed", sync_playwright is not None, SETUP)
    found = Path(CHROMIUM).is_file() or shutil.which(CHROMIUM) is not None
    require_service(f"Chromium not found at {CHROMIUM}", found, SETUP)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class LiveServer:
    url: str
    seeded: Seeded
    factory: sessionmaker[Session]


@pytest.fixture
def live_server(db_url: str, session_factory: sessionmaker[Session]) -> Iterator[LiveServer]:
    seeded = seed(session_factory)
    settings = Settings(database=DatabaseSettings(url=db_url))
    app = create_app(settings)
    install_ui(app, settings)  # a no-op once create_app installs the UI itself
    with serve(app) as url:
        yield LiveServer(url, seeded, session_factory)


@dataclass
class Visit:
    """A page plus what a test needs around it: navigation that audits, and sign-in."""

    page: Page
    base: str
    axe: str
    javascript: bool = True
    dialogs: list[str] = field(default_factory=list)

    def goto(self, path: str) -> None:
        response = self.page.goto(self.base + path)
        assert response is not None
        self.audit()

    def audit(self) -> None:
        """Run axe-core on the page as it is now; serious or critical findings fail.

        A page without JavaScript cannot run axe, so it is audited as the same URL opened
        with the same cookies in a scripted context (the server sends the same HTML).
        """
        self.page.wait_for_load_state()
        if self.javascript:
            _assert_accessible(self.page, self.axe)
            return
        context = self.page.context
        browser = context.browser
        assert browser is not None
        twin = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            twin.add_cookies(context.cookies())  # type: ignore[arg-type]
            page = twin.new_page()
            page.goto(self.page.url)
            _assert_accessible(page, self.axe)
        finally:
            twin.close()

    def sign_in(self, name: str, password: str = PASSWORD, *, start: str = "/") -> None:
        self.goto(start)
        self.page.get_by_label("User name").fill(name)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Sign in").click()
        self.audit()


def _assert_accessible(page: Page, axe: str) -> None:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # evaluate() runs outside the page's CSP, which forbids injected script tags.
        page.evaluate(axe)
    result: dict[str, Any] = page.evaluate(
        "async () => await window.axe.run(document, {resultTypes: ['violations']})"
    )
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(str(node["target"][0]) for node in v["nodes"][:5])
        for v in result["violations"]
        if v.get("impact") in ("serious", "critical")
    ]
    assert not bad, f"axe-core on {page.url}:\n" + "\n".join(bad)


def _artifact_name(node_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", node_id.split("::")[-1]).strip("_")


@contextmanager
def open_visit(
    browser: Browser,
    server: LiveServer,
    axe: str,
    request: pytest.FixtureRequest,
    *,
    javascript: bool = True,
) -> Iterator[Visit]:
    """A fresh browser context and page; a screenshot of the last page is kept afterwards."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        accept_downloads=True,
        java_script_enabled=javascript,
    )
    # A stuck page fails the test in seconds rather than at the job's time limit.
    context.set_default_timeout(10_000)
    page = context.new_page()
    visit = Visit(page, server.url, axe, javascript=javascript)

    def on_dialog(dialog: Dialog) -> None:
        visit.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        yield visit
    finally:
        ARTIFACTS.mkdir(exist_ok=True)
        suffix = "" if javascript else "-no-js"
        name = f"{_artifact_name(request.node.nodeid)}{suffix}.png"
        page.screenshot(path=str(ARTIFACTS / name), full_page=True)
        context.close()


@pytest.fixture
def visit(
    browser: Browser, live_server: LiveServer, axe_source: str, request: pytest.FixtureRequest
) -> Iterator[Visit]:
    with open_visit(browser, live_server, axe_source, request) as current:
        yield current


@pytest.fixture
def visit_without_js(
    browser: Browser, live_server: LiveServer, axe_source: str, request: pytest.FixtureRequest
) -> Iterator[Visit]:
    with open_visit(browser, live_server, axe_source, request, javascript=False) as current:
        yield current
