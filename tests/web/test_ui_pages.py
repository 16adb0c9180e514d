"""The pages as HTML: dashboard, history with its graph and filters, version, compare, files."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from redraft.config import Settings
from redraft.features.components import service
from redraft.features.regeneration.service import edit_code
from redraft.web.app import create_app
from redraft.web.ui import install_ui
from redraft.web.ui.compare import VIEW_COOKIE
from tests.e2e.seed import EDITOR, XSS_IMG, XSS_SCRIPT, Seeded, seed, sign_in


@pytest.fixture(autouse=True)
def seeded(session_factory: sessionmaker[Session]) -> Seeded:
    return seed(session_factory)


@pytest.fixture
def ui(settings: Settings) -> Iterator[TestClient]:
    app = create_app(settings)
    install_ui(app, settings)
    with TestClient(app) as client:
        sign_in(client, EDITOR)
        yield client


def code_of(factory: sessionmaker[Session], version_id: str) -> str:
    with factory() as session:
        return service.load_content(session, service.get_version(session, version_id)).code


def rows(html: str, css: str) -> list[str]:
    return re.findall(rf'<tr[^>]*class="[^"]*\b{css}\b[^"]*"', html)


def test_the_dashboard_shows_each_component_with_its_state(ui: TestClient) -> None:
    html = ui.get("/").text

    primary = html[html.index(">PrimaryButton<") : html.index(">SecondaryButton<")]
    assert "Conflicts" in primary  # the open draft could not merge the hand edit
    assert "2 drafts" in primary
    assert "Up to date" in html[html.index(">SecondaryButton<") :]
    assert "Recent activity" in html


def test_the_drafts_page_lists_open_drafts_with_their_conflicts(
    ui: TestClient, seeded: Seeded
) -> None:
    html = ui.get("/drafts").text

    assert "1.2.0-exp.1" in html
    assert "1 conflict" in html
    assert f"to={seeded.draft}" in html


def test_the_history_has_a_graph_piece_and_compare_radios_per_row(
    ui: TestClient, seeded: Seeded
) -> None:
    html = ui.get(f"/components/{seeded.component_id}").text

    assert html.count('class="graph-row"') == 5
    assert html.count('name="from"') == html.count('name="to"') == 5
    assert ">experiment</li>" in html  # a lane per branch, in the legend
    assert "stable" in html
    # The newest version and its parent are preselected for comparing.
    assert f'id="to-{seeded.draft}" value="{seeded.draft}" checked' in html
    assert f'id="from-{seeded.edited}" value="{seeded.edited}" checked' in html


def test_filters_dim_what_does_not_match_instead_of_hiding_it(
    ui: TestClient, seeded: Seeded
) -> None:
    html = ui.get(f"/components/{seeded.component_id}?author=figma-sync").text

    assert html.count('class="graph-row"') == 5
    assert len(rows(html, "dim")) == 4
    assert len(rows(html, "match")) == 1
    assert "1 of 5 versions match" in html


@pytest.mark.parametrize(
    ("query", "matching"),
    [("tag=stable", 1), ("trigger=manual_edit", 2), ("branch=experiment", 1), ("status=draft", 2)],
)
def test_each_filter_picks_its_versions(
    ui: TestClient, seeded: Seeded, query: str, matching: int
) -> None:
    html = ui.get(f"/components/{seeded.component_id}?{query}").text

    assert len(rows(html, "match")) == matching


def test_a_date_range_covers_whole_days(ui: TestClient, seeded: Seeded) -> None:
    page = f"/components/{seeded.component_id}"

    past = ui.get(f"{page}?until=2000-01-01").text
    now = ui.get(f"{page}?since=2000-01-01&until=2999-12-31").text
    bad = ui.get(f"{page}?since=yesterday")

    assert len(rows(past, "dim")) == 5
    assert not rows(now, "dim")
    assert bad.status_code == 422
    assert "is not a date" in bad.text


def test_compare_shows_the_summary_and_both_files_unified_by_default(
    ui: TestClient, seeded: Seeded
) -> None:
    html = ui.get(f"/compare?from={seeded.first}&to={seeded.edited}").text

    assert "PrimaryButton: 1.0.0 → 1.1.1" in html
    assert "color.blue.500" in html
    assert 'fill="#2563eb"' in html
    assert "surface-unchanged" in html  # the props-API rule
    assert 'class="diff diff-unified"' in html
    assert html.count('<tbody class="hunk">') >= 1
    # Intra-line: only the changed word of the padding line is marked.
    assert "<mark>8px</mark>" in html
    assert "<mark>10px</mark>" in html
    assert 'PrimaryButton.stories.tsx</h2>\n  <p class="muted">No changes.</p>' in html


def test_split_view_is_remembered_until_asked_otherwise(ui: TestClient, seeded: Seeded) -> None:
    url = f"/compare?from={seeded.first}&to={seeded.edited}"

    split = ui.get(url + "&view=split")
    remembered = ui.get(url).text
    unified = ui.get(url + "&view=unified").text

    assert 'class="diff diff-split"' in split.text
    assert ui.cookies[VIEW_COOKIE] == "unified"
    assert 'class="diff diff-split"' in remembered
    assert 'class="diff diff-unified"' in unified


def test_a_fold_opens_by_its_key_and_all_open_at_once(ui: TestClient, seeded: Seeded) -> None:
    url = f"/compare?from={seeded.first}&to={seeded.edited}"

    closed = ui.get(url).text
    one = ui.get(url + "&expand=code-fold-0").text
    every = ui.get(url + "&expand=all").text
    split = ui.get(url + "&view=split&expand=code-fold-0").text

    assert 'id="code-fold-0" class="fold"' in closed
    assert 'id="code-fold-0" class="fold-open"' in one
    assert 'id="code-fold-1" class="fold"' in one
    assert 'class="fold"' not in every
    assert 'id="code-fold-0" class="fold-open"' in split
    assert "expand=code-fold-0&amp;expand=code-fold-1" in one  # expanding more keeps it open


def test_hiding_whitespace_changes_drops_reindented_lines(
    ui: TestClient, seeded: Seeded, session_factory: sessionmaker[Session]
) -> None:
    code = code_of(session_factory, seeded.edited).replace("  label: string;", "label: string;")
    with session_factory() as session:
        reindented = str(edit_code(session, "PrimaryButton", code=code, actor=EDITOR).id)
        session.commit()
    url = f"/compare?from={seeded.edited}&to={reindented}"

    shown = ui.get(url).text
    hidden = ui.get(url + "&ws=ignore").text

    assert "ws-only" in shown
    assert "whitespace changed" in shown
    assert "No changes apart from whitespace" in hidden


def test_versions_of_different_components_do_not_compare(ui: TestClient, seeded: Seeded) -> None:
    other = ui.get(f"/components/{seeded.other_id}").text
    other_version = re.search(r'id="to-([0-9a-f-]{36})"', other)
    assert other_version is not None

    response = ui.get(f"/compare?from={seeded.first}&to={other_version.group(1)}")

    assert response.status_code == 422
    assert "belongs to another component" in response.text


def test_downloads_carry_the_stored_files(
    ui: TestClient, seeded: Seeded, session_factory: sessionmaker[Session]
) -> None:
    code = ui.get(f"/versions/{seeded.edited}/download?what=code")
    bundle = ui.get(f"/versions/{seeded.edited}/download?what=zip")
    patch = ui.get(f"/compare/patch?from={seeded.first}&to={seeded.edited}")

    assert code.text == code_of(session_factory, seeded.edited)
    assert 'filename="PrimaryButton.tsx"' in code.headers["content-disposition"]
    names = zipfile.ZipFile(io.BytesIO(bundle.content)).namelist()
    assert names == ["PrimaryButton/PrimaryButton.tsx", "PrimaryButton/PrimaryButton.stories.tsx"]
    assert patch.text.startswith("--- a/PrimaryButton.tsx\n+++ b/PrimaryButton.tsx\n")
    assert "+++ b/PrimaryButton.stories.tsx\n" not in patch.text  # the stories did not change
    assert '+    padding: "10px", // {space.md}' in patch.text


def test_the_version_page_highlights_the_whole_file(ui: TestClient, seeded: Seeded) -> None:
    html = ui.get(f"/versions/{seeded.edited}").text

    assert '<span class="k">export</span>' in html
    assert html.count('<span class="line">') == len(
        re.findall(r"\n", ui.get(f"/versions/{seeded.edited}/download?what=code").text)
    ) + len(re.findall(r"\n", ui.get(f"/versions/{seeded.edited}/download?what=stories").text))


def test_markup_in_stored_text_is_escaped_everywhere(ui: TestClient, seeded: Seeded) -> None:
    # The payload is in the description (so in the code), a hand-edited comment and a reason.
    carrying = [
        f"/versions/{seeded.edited}",
        f"/compare?from={seeded.first}&to={seeded.edited}&expand=all",
        f"/compare?from={seeded.first}&to={seeded.edited}&view=split&expand=all",
    ]
    for page in ["/", "/drafts", f"/components/{seeded.component_id}", *carrying]:
        html = ui.get(page).text
        assert XSS_SCRIPT not in html, page
        assert XSS_IMG not in html, page
        if page in carrying:
            assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in html, page


def test_unknown_pages_and_versions_are_html_not_found_pages(ui: TestClient) -> None:
    for path in ("/no/such/page", "/versions/not-a-uuid", "/components/NoSuchThing"):
        response = ui.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"].startswith("text/html"), path
