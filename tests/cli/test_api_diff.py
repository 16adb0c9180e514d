import json
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from redraft.cli import api

PAIRS = Path(__file__).resolve().parents[1] / "data" / "tsx" / "pairs"


Invoke = Callable[..., Result]


@pytest.fixture
def run() -> Invoke:
    app = typer.Typer()
    app.add_typer(api.app, name="api")
    runner = CliRunner()

    def invoke(*args: str | Path) -> Result:
        return runner.invoke(app, ["api", "diff", *map(str, args)], catch_exceptions=False)

    return invoke


def _pair(case: str) -> tuple[Path, Path]:
    return PAIRS / case / "old.tsx", PAIRS / case / "new.tsx"


def test_prints_the_bump_and_findings_as_json(run: Invoke) -> None:
    result = run(*_pair("prop-removed"), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "bump": "major",
        "findings": [
            {
                "rule": "prop-removed",
                "bump": "major",
                "message": "prop 'disabled' removed",
                "component": "Button",
                "prop": "disabled",
                "old": "boolean",
                "new": None,
            }
        ],
        "needs_review": False,
    }


def test_prints_text_for_people(run: Invoke) -> None:
    result = run(*_pair("prop-renamed"))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "bump: major",
        "  major  prop-removed  Button.disabled: prop 'disabled' removed",
        "  minor  prop-optional-added  Button.isDisabled: optional prop 'isDisabled' added",
    ]


def test_a_changed_default_can_be_configured_to_minor(run: Invoke) -> None:
    default = json.loads(run(*_pair("default-changed"), "-f", "json").stdout)
    minor = json.loads(
        run(*_pair("default-changed"), "-f", "json", "--default-change", "minor").stdout
    )
    assert (default["bump"], minor["bump"]) == ("major", "minor")


def test_exits_zero_for_a_patch(run: Invoke) -> None:
    result = run(*_pair("surface-unchanged"), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["bump"] == "patch"


def test_a_file_that_does_not_parse_is_major_and_needs_review(run: Invoke, tmp_path: Path) -> None:
    broken = tmp_path / "Broken.tsx"
    broken.write_text("export const Button = (props: { label: string ) => null;\n")
    result = run(PAIRS / "prop-removed" / "old.tsx", broken, "--format", "json")
    output = json.loads(result.stdout)
    assert result.exit_code == 0
    assert (output["bump"], output["needs_review"]) == ("major", True)
    assert [f["rule"] for f in output["findings"]] == ["parse-error"]


def test_an_unreadable_file_is_an_error_with_exit_code_2(run: Invoke, tmp_path: Path) -> None:
    result = run(tmp_path / "missing.tsx", PAIRS / "prop-removed" / "new.tsx")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: cannot read ")
    assert "missing.tsx" in result.stderr


def test_a_file_that_is_not_utf8_is_an_error(run: Invoke, tmp_path: Path) -> None:
    binary = tmp_path / "logo.tsx"
    binary.write_bytes(b"\xff\xfe\x00binary")
    result = run(binary, binary)
    assert result.exit_code == 2
    assert "is not UTF-8 text" in result.stderr
