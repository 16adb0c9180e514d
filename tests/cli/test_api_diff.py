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


@pytest.mark.parametrize(
    ("case", "fail_on", "code"),
    [
        ("prop-removed", "major", 1),
        ("prop-removed", "minor", 1),
        ("prop-optional-added", "major", 0),
        ("prop-optional-added", "minor", 1),
        ("surface-unchanged", "minor", 0),
        ("hoc-unreadable-compatible", "major", 1),
    ],
)
def test_fail_on_exits_1_when_the_bump_reaches_the_threshold(
    run: Invoke, case: str, fail_on: str, code: int
) -> None:
    result = run(*_pair(case), "--fail-on", fail_on, "--format", "json")
    assert result.exit_code == code
    assert json.loads(result.stdout)["bump"] in ("major", "minor", "patch")


def test_without_fail_on_every_bump_exits_0(run: Invoke) -> None:
    assert run(*_pair("prop-removed")).exit_code == 0


def test_fail_on_takes_only_major_or_minor(run: Invoke) -> None:
    result = run(*_pair("prop-removed"), "--fail-on", "patch")
    assert result.exit_code == 2
    message = " ".join(result.stderr.replace("│", " ").split())
    assert "'patch' is not one of 'major', 'minor'" in message


def test_an_unreadable_compound_component_is_major_needs_review_in_text(
    run: Invoke, tmp_path: Path
) -> None:
    source = (PAIRS / "compound-callback-params-swapped" / "old.tsx").read_text()
    hidden = tmp_path / "Tabs.tsx"
    hidden.write_text(source.replace("{ Panel: TabPanel }", "{ ...{ Panel: TabPanel } }"))
    result = run(PAIRS / "compound-callback-params-swapped" / "old.tsx", hidden)
    assert result.stdout.splitlines() == [
        "bump: major (needs review)",
        "  major  component-unreadable  Tabs: cannot read 'Tabs' in the new source: "
        "...{ Panel: TabPanel } hides which parts there are",
    ]


def test_a_file_without_a_component_is_never_unchanged(run: Invoke, tmp_path: Path) -> None:
    index = tmp_path / "index.tsx"
    index.write_text("export { Button } from './button';\n")
    result = run(index, index, "--format", "json", "--fail-on", "major")
    output = json.loads(result.stdout)
    assert result.exit_code == 1
    assert (output["bump"], output["needs_review"]) == ("major", True)
    assert [f["rule"] for f in output["findings"]] == ["component-not-found"] * 2
