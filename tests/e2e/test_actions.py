"""Actions in Chromium: tag and untag, download, and what a hostile page or payload cannot do."""

from __future__ import annotations

from pathlib import Path

import pytest

from redraft.features.components import service
from tests.e2e.conftest import LiveServer, Visit, expect
from tests.e2e.seed import EDITOR, XSS_IMG, XSS_SCRIPT

pytestmark = [
    pytest.mark.browser,
    pytest.mark.parametrize("db_url", ["sqlite"], indirect=True),
]


def test_tagging_and_untagging_a_version_from_the_history(
    visit: Visit, live_server: LiveServer
) -> None:
    seeded = live_server.seeded
    visit.sign_in(EDITOR, start=f"/components/{seeded.component_id}")
    row = visit.page.locator(f"#v-{seeded.edited}")

    row.get_by_text("Tags").click()
    row.get_by_label("Add a tag to 1.1.1").fill("release-candidate")
    row.get_by_role("button", name="Add tag").click()
    visit.audit()

    row = visit.page.locator(f"#v-{seeded.edited}")
    expect(row.locator("td.change .tag")).to_have_text(["release-candidate"])
    row.get_by_text("Tags").click()
    row.get_by_role("button", name="Remove tag release-candidate").click()
    visit.audit()
    expect(visit.page.locator(f"#v-{seeded.edited} td.change .tag")).to_have_count(0)


def test_downloading_a_version_gives_its_code(visit: Visit, live_server: LiveServer) -> None:
    seeded = live_server.seeded
    visit.sign_in(EDITOR, start=f"/versions/{seeded.edited}")

    with visit.page.expect_download() as info:
        visit.page.get_by_role("link", name="Download PrimaryButton.tsx").click()

    download = info.value
    assert download.suggested_filename == "PrimaryButton.tsx"
    with live_server.factory() as session:
        stored = service.load_content(session, service.get_version(session, seeded.edited)).code
    assert Path(download.path()).read_text(encoding="utf-8") == stored


def test_markup_in_stored_text_shows_as_text_and_runs_nothing(
    visit: Visit, live_server: LiveServer
) -> None:
    seeded = live_server.seeded
    visit.sign_in(EDITOR)
    pages = [
        f"/components/{seeded.component_id}",
        f"/versions/{seeded.edited}",
        f"/compare?from={seeded.first}&to={seeded.edited}&expand=all",
        f"/compare?from={seeded.first}&to={seeded.edited}&view=split",
    ]
    for path in pages:
        visit.goto(path)
        assert visit.page.evaluate("() => window.__xss") is None, path
        expect(visit.page.locator("img")).to_have_count(0)
        expect(visit.page.locator("main script")).to_have_count(0)
    # The hand-edited comment is on the last page, shown as the text it is.
    expect(visit.page.locator("td.code", has_text=XSS_SCRIPT).first).to_be_visible()
    expect(visit.page.locator("td.code", has_text=XSS_IMG).first).to_be_visible()

    # A tag carrying markup is refused; the error page shows it, inert.
    visit.goto(f"/versions/{seeded.edited}")
    visit.page.get_by_label("Add a tag to 1.1.1").evaluate(
        "(input) => { input.removeAttribute('pattern'); input.removeAttribute('maxlength'); }"
    )
    visit.page.get_by_label("Add a tag to 1.1.1").fill('x"><img src=x onerror=alert(1)>')
    visit.page.get_by_role("button", name="Add tag").click()
    visit.audit()
    expect(visit.page.get_by_role("heading", level=1)).to_have_text("Invalid input")
    expect(visit.page.locator("main")).to_contain_text("<img src=x onerror=alert(1)>")
    expect(visit.page.locator("img")).to_have_count(0)
    assert visit.dialogs == []


def test_forms_without_the_csrf_token_are_refused(visit: Visit, live_server: LiveServer) -> None:
    seeded = live_server.seeded
    visit.sign_in(EDITOR)
    request = visit.page.context.request  # shares the signed-in session cookie

    refused = request.post(
        f"{live_server.url}/versions/{seeded.edited}/tags", form={"tag": "sneaky"}
    )

    assert refused.status == 403
    assert "security token" in refused.text()
    visit.goto(f"/versions/{seeded.edited}")
    expect(visit.page.locator("main")).not_to_contain_text("sneaky")
