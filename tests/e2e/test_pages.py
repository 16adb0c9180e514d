"""The pages in Chromium: sign in, the history and its filters, compare, folds."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import LiveServer, Visit, expect
from tests.e2e.seed import EDITOR, VIEWER

pytestmark = [
    pytest.mark.browser,
    # SQLite only: the pages call the services the API tests already run on PostgreSQL.
    pytest.mark.parametrize("db_url", ["sqlite"], indirect=True),
]


def compare_path(live_server: LiveServer) -> str:
    return f"/compare?from={live_server.seeded.first}&to={live_server.seeded.edited}"


def test_signing_in_refuses_a_wrong_password_then_opens_the_dashboard(visit: Visit) -> None:
    visit.goto("/")
    expect(visit.page).to_have_url(re.compile(r"/login\?next=%2F$"))
    visit.page.get_by_label("User name").fill(EDITOR)
    visit.page.get_by_label("Password").fill("not the password")
    visit.page.get_by_role("button", name="Sign in").click()
    visit.audit()
    expect(visit.page.get_by_role("alert")).to_have_text("Wrong user name or password.")

    visit.sign_in(EDITOR, start="/login")

    expect(visit.page.get_by_role("heading", level=1)).to_have_text("Components")
    primary = visit.page.get_by_role("row", name=re.compile("PrimaryButton"))
    expect(primary).to_contain_text("Conflicts")
    secondary = visit.page.get_by_role("row", name=re.compile("SecondaryButton"))
    expect(secondary).to_contain_text("Up to date")


def test_a_component_shows_its_history_beside_the_branch_graph(visit: Visit) -> None:
    visit.sign_in(VIEWER)
    visit.page.get_by_role("rowheader", name="PrimaryButton").get_by_role("link").click()
    visit.audit()

    rows = visit.page.locator("table.history tbody tr")
    expect(rows).to_have_count(5)
    # One SVG piece per row, exactly as tall as its row: the graph stays aligned with the list.
    for index in range(5):
        row_box = rows.nth(index).bounding_box()
        svg_box = rows.nth(index).locator("svg.graph-row").bounding_box()
        assert row_box is not None
        assert svg_box is not None
        assert abs(row_box["height"] - svg_box["height"]) < 1.5
    expect(visit.page.get_by_role("list", name="Branches")).to_contain_text("experiment")
    expect(visit.page.get_by_role("button", name="Add tag")).to_have_count(0)  # a viewer


def test_filtering_the_history_dims_what_does_not_match(
    visit: Visit, live_server: LiveServer
) -> None:
    visit.sign_in(EDITOR, start=f"/components/{live_server.seeded.component_id}")

    visit.page.get_by_label("Trigger").select_option("manual_edit")
    visit.page.get_by_role("button", name="Apply filters").click()
    visit.audit()

    expect(visit.page.get_by_role("status")).to_have_text(
        "2 of 5 versions match; the others are dimmed."
    )
    expect(visit.page.locator("table.history tbody tr")).to_have_count(5)
    expect(visit.page.locator("table.history tbody tr.dim")).to_have_count(3)
    expect(visit.page.locator("tr.dim").first).to_contain_text("does not match the filters")


def test_comparing_two_versions_in_unified_and_split_view(
    visit: Visit, live_server: LiveServer
) -> None:
    visit.sign_in(EDITOR, start=f"/components/{live_server.seeded.component_id}")

    visit.page.get_by_label("Compare from 1.0.0").check()
    visit.page.get_by_label("Compare to 1.1.1").check()
    visit.page.get_by_role("button", name="Compare selected").click()
    visit.audit()

    expect(visit.page.get_by_role("heading", level=1)).to_have_text("PrimaryButton: 1.0.0 → 1.1.1")
    code = visit.page.locator("table.diff").first
    colour = code.locator("tr.removed", has_text="backgroundColor")
    expect(colour.locator("mark")).to_have_text("1d4ed8")  # intra-line: just the changed word
    expect(colour.locator("td.sign")).to_contain_text("removed")  # not colour alone
    expect(code.locator("tr.added", has_text="reviewed by design")).to_have_count(1)

    visit.page.get_by_role("link", name="Split").click()
    visit.audit()
    split = visit.page.locator("table.diff-split").first
    row = split.locator("tr", has_text="backgroundColor").filter(has=visit.page.locator("mark"))
    expect(row.locator("td.code.removed mark")).to_have_text("1d4ed8")
    expect(row.locator("td.code.added mark")).to_have_text("2563eb")  # the pair on one row

    visit.goto(compare_path(live_server))  # the choice is remembered
    expect(visit.page.locator("table.diff-split")).to_have_count(1)  # stories: no changes


def unchanged_lines(link_text: str) -> int:
    found = re.search(r"Show (\d+) unchanged line", link_text)
    assert found is not None, link_text
    return int(found.group(1))


def test_expanding_a_fold_swaps_its_lines_in_place(visit: Visit, live_server: LiveServer) -> None:
    visit.sign_in(EDITOR, start=compare_path(live_server))
    before = visit.page.url
    link = visit.page.locator("#code-fold-1").get_by_role("link")
    count = unchanged_lines(link.inner_text())

    link.click()

    expect(visit.page.locator("#code-fold-1")).to_have_class("fold-open")
    expect(visit.page.locator("#code-fold-1 tr")).to_have_count(count)
    assert visit.page.url == before  # fetched and swapped in by the script, no navigation
    visit.audit()


def test_folds_expand_without_javascript(visit_without_js: Visit, live_server: LiveServer) -> None:
    page = visit_without_js.page
    visit_without_js.sign_in(EDITOR, start=compare_path(live_server))
    link = page.locator("#code-fold-0").get_by_role("link")
    count = unchanged_lines(link.inner_text())

    link.click()
    visit_without_js.audit()

    expect(page).to_have_url(re.compile(r"expand=code-fold-0#code-fold-0$"))
    expect(page.locator("#code-fold-0 tr")).to_have_count(count)
