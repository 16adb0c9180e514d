"""Reviewing in Chromium: accept and reject drafts, resolve a conflict hunk, roll back."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import LiveServer, Visit, expect
from tests.e2e.seed import EDITOR, breaking_upgrade, clean_draft

pytestmark = [
    pytest.mark.browser,
    pytest.mark.parametrize("db_url", ["sqlite"], indirect=True),
]


def current_version(visit: Visit) -> str:
    return visit.page.locator(".facts div", has_text="Current").locator("dd").inner_text()


def test_accepting_one_draft_and_rejecting_another_moves_the_current_version(
    visit: Visit, live_server: LiveServer
) -> None:
    first = clean_draft(live_server.factory)
    visit.sign_in(EDITOR, start="/drafts")

    visit.page.get_by_role("link", name="Review changes of SecondaryButton 1.1.0").click()
    visit.audit()
    expect(visit.page.get_by_role("heading", name="Review draft 1.1.0")).to_be_visible()
    visit.page.get_by_role("button", name="Accept & apply").click()
    visit.audit()

    expect(visit.page.get_by_role("heading", level=1)).to_have_text("SecondaryButton")
    expect(visit.page.get_by_role("status")).to_have_text(
        "Accepted 1.1.0: it is now the current version."
    )
    assert current_version(visit) == "1.1.0"

    second = clean_draft(live_server.factory, blue_500="#1e40af")
    visit.goto(f"/compare?from={first}&to={second}")
    visit.page.get_by_label("Reason for rejecting (optional)").fill("too dark")
    visit.page.get_by_role("button", name="Reject").click()
    visit.audit()

    expect(visit.page.get_by_role("status")).to_have_text(
        "Rejected draft 1.2.0. The current version is still 1.1.0."
    )
    assert current_version(visit) == "1.1.0"
    expect(visit.page.locator(f"#v-{second} .badge.status-rejected")).to_have_text("rejected")
    expect(visit.page.locator(f"#v-{first} .current-badge")).to_have_text("current")


def test_resolving_a_conflict_hunk_then_accepting_works_without_javascript(
    visit_without_js: Visit, live_server: LiveServer
) -> None:
    seeded = live_server.seeded
    page = visit_without_js.page
    visit_without_js.sign_in(EDITOR, start=f"/compare?from={seeded.edited}&to={seeded.draft}")

    accept = page.get_by_role("button", name="Accept & apply")
    expect(accept).to_be_disabled()
    expect(page.locator("#accept-blocked")).to_contain_text(
        "Resolve the 1 conflict below before accepting this draft."
    )
    hunk = page.locator("#code-conflict-0")
    expect(hunk.get_by_role("heading")).to_contain_text("entry padding in root")
    expect(hunk.locator("figure.base pre")).to_have_text('    padding: "8px", // {space.md}')
    expect(hunk.locator("figure.ours pre")).to_have_text('    padding: "10px", // {space.md}')
    expect(hunk.locator("figure.theirs pre")).to_have_text('    padding: "12px", // {space.md}')

    hunk.get_by_role("button", name="Keep yours").click()
    visit_without_js.audit()

    expect(page).to_have_url(re.compile(rf"to={seeded.draft}&done=resolved#review$"))
    expect(page.get_by_role("status")).to_have_text(
        "Choice applied. Every conflict is resolved: the draft can be accepted."
    )
    expect(page.locator("#conflicts")).to_have_count(0)
    # Your padding stays, so the draft no longer changes that line.
    expect(page.locator("table.diff tr", has_text='padding: "12px"')).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text("<<<<<<<")

    page.get_by_role("button", name="Accept & apply").click()
    visit_without_js.audit()

    expect(page.get_by_role("status")).to_have_text(
        "Accepted 1.2.0: it is now the current version."
    )
    expect(page.locator(f"#v-{seeded.draft} .current-badge")).to_have_text("current")


def test_rolling_back_from_the_history_publishes_a_copy_as_current(
    visit: Visit, live_server: LiveServer
) -> None:
    seeded = live_server.seeded
    visit.sign_in(EDITOR, start=f"/components/{seeded.component_id}")
    expect(visit.page.get_by_role("link", name="Roll back to 1.1.1")).to_have_count(0)  # current

    visit.page.get_by_role("link", name="Roll back to 1.0.0").click()
    visit.audit()

    expect(visit.page.get_by_role("heading", level=1)).to_have_text(
        "Roll PrimaryButton back to 1.0.0"
    )
    expect(visit.page.locator("dl.meta")).to_contain_text("1.1.2")
    visit.page.get_by_label("Reason (optional, kept in the history)").fill("back to basics")
    visit.page.get_by_role("button", name="Roll back to 1.0.0").click()
    visit.audit()

    expect(visit.page.get_by_role("status")).to_have_text(
        "Rolled back to 1.0.0: published as 1.1.2, now the current version."
    )
    assert current_version(visit) == "1.1.2"
    newest = visit.page.locator("table.history tbody tr").first
    expect(newest).to_contain_text("rollback")
    expect(newest.locator(".current-badge")).to_have_text("current")


def test_a_rollback_that_breaks_the_props_api_needs_an_explicit_confirmation(
    visit: Visit, live_server: LiveServer
) -> None:
    first = breaking_upgrade(live_server.factory)
    visit.sign_in(EDITOR, start=f"/versions/{first}")

    visit.page.get_by_role("link", name="Roll back to this version").click()
    visit.audit()
    visit.page.get_by_role("button", name="Roll back to 1.0.0").click()
    visit.audit()

    expect(visit.page.get_by_role("alert")).to_contain_text("breaks its props API")
    findings = visit.page.locator("table.findings")
    expect(findings.get_by_role("rowheader", name="prop-removed")).to_be_visible()
    expect(findings).to_contain_text("tone")
    expect(visit.page.get_by_role("button", name="Roll back to 1.0.0")).to_have_count(0)

    visit.page.get_by_role(
        "button", name="Roll back anyway (publishes a new major version)"
    ).click()
    visit.audit()

    expect(visit.page.get_by_role("status")).to_have_text(
        "Rolled back to 1.0.0: published as 2.0.0, now the current version."
    )
    assert current_version(visit) == "2.0.0"
