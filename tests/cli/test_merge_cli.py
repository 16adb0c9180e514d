from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from redraft.cli.merge import merge

CORPUS = Path(__file__).parents[1] / "core" / "merge" / "corpus"


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Makes `merge` a sub-command, as in the real `redraft` app."""

    app.command("merge")(merge)
    return app


def paths(case: str) -> list[str]:
    return [str(CORPUS / case / f"{name}.tsx") for name in ("base", "ours", "theirs")]


def unwrapped(text: str) -> str:
    """Messages as one line: rich wraps them at the terminal width (paths break anywhere)."""
    return "".join(text.splitlines()).replace("  ", " ")


def expected(case: str) -> str:
    return (CORPUS / case / "expected.tsx").read_text(encoding="utf-8")


def test_a_clean_merge_prints_the_result_and_exits_0(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["merge", *paths("adjacent-attribute")])

    assert result.exit_code == 0, result.output
    assert result.stdout == expected("adjacent-attribute")


def test_conflicts_print_markers_and_exit_1(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["merge", *paths("same-style-value-both")])

    assert result.exit_code == 1
    assert result.stdout == expected("same-style-value-both")
    assert "1 conflict left" in result.stderr


def test_labels_name_the_versions_in_the_markers(app: typer.Typer) -> None:
    labels = ["--ours-label", "your edits (1.4.2)", "--base-label", "generated 1.4.0"]
    labels += ["--theirs-label", "generated 1.5.0"]

    result = CliRunner().invoke(app, ["merge", *paths("same-style-value-both"), *labels])

    assert "<<<<<<< your edits (1.4.2)\n" in result.stdout
    assert "||||||| generated 1.4.0\n" in result.stdout
    assert ">>>>>>> generated 1.5.0\n" in result.stdout


def test_output_file_gets_the_merge_with_the_users_crlf(app: typer.Typer, tmp_path: Path) -> None:
    out = tmp_path / "Merged.tsx"

    result = CliRunner().invoke(app, ["merge", *paths("crlf"), "-o", str(out)])

    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert out.read_bytes() == (CORPUS / "crlf" / "expected.tsx").read_bytes()


def test_json_lists_the_structured_conflicts(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["merge", *paths("same-style-value-both"), "--format", "json"])

    data = json.loads(result.stdout)
    assert result.exit_code == 1
    assert (data["clean"], data["strategy"], data["text"]) == (
        False,
        "structural",
        expected("same-style-value-both"),
    )
    assert data["conflicts"] == [
        {
            "index": 0,
            "base": '    backgroundColor: "#1d4ed8", // {color.brand.primary}\n',
            "ours": '    backgroundColor: "#111827", // {color.brand.primary}\n',
            "theirs": '    backgroundColor: "#2563eb", // {color.brand.primary}\n',
            "base_lines": {"start": 17, "stop": 18},
            "ours_lines": {"start": 17, "stop": 18},
            "theirs_lines": {"start": 17, "stop": 18},
            "merged_lines": {"start": 17, "stop": 24},
            "key": "entry backgroundColor in root",
        }
    ]


def test_notes_go_to_stderr(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["merge", *paths("header-edited")])

    assert result.exit_code == 0
    assert "note: your edit to the header line was replaced" in unwrapped(result.stderr)


def test_an_unreadable_file_is_an_error_with_exit_2(app: typer.Typer, tmp_path: Path) -> None:
    base, _, theirs = paths("crlf")

    result = CliRunner().invoke(app, ["merge", base, str(tmp_path / "missing.tsx"), theirs])

    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"error: cannot read {tmp_path / 'missing.tsx'}:" in unwrapped(result.stderr)


def test_a_file_that_is_not_utf8_is_an_error_with_exit_2(app: typer.Typer, tmp_path: Path) -> None:
    latin1 = tmp_path / "ours.tsx"
    latin1.write_bytes("const café = 1;\n".encode("latin-1"))
    base, _, theirs = paths("crlf")

    result = CliRunner().invoke(app, ["merge", base, str(latin1), theirs])

    assert result.exit_code == 2
    assert f"error: cannot read {latin1}: not UTF-8 text" in unwrapped(result.stderr)
