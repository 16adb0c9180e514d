from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Cli
from tests.factories import tokens


def recoloured(cli: Cli, files: dict[str, Path], tmp_path: Path) -> dict[str, str]:
    """PrimaryButton 1.0.0 and an accepted 1.1.0 with a new brand colour; returns their ids."""
    first = cli.json(
        "component", "create", "-r", str(files["requirements"]), "-t", str(files["tokens"])
    )
    new_tokens = tmp_path / "tokens-new.json"
    new_tokens.write_text(json.dumps(tokens(blue_500="#2563eb")))
    draft = cli.json("regenerate", "PrimaryButton", "--tokens", str(new_tokens))
    cli("accept", draft["version_id"])
    return {"1.0.0": first["id"], "1.1.0": draft["version_id"]}


def test_text_output_summarises_then_shows_the_diff_and_exits_1(
    cli: Cli, files: dict[str, Path], tmp_path: Path
) -> None:
    recoloured(cli, files, tmp_path)

    out = cli("diff", "PrimaryButton", "1.0.0", "1.1.0", code=1).stdout

    head, _, patch = out.partition("\n--- a/PrimaryButton.tsx\n")
    assert head.startswith("PrimaryButton 1.0.0 → 1.1.0\n")
    assert "bump: minor" in head
    assert "color.blue.500: #1d4ed8 → #2563eb" in head
    assert "props API: patch" in head
    assert '+    backgroundColor: "#2563eb", // {color.brand.primary}' in patch


def test_identical_versions_exit_0(cli: Cli, files: dict[str, Path], tmp_path: Path) -> None:
    ids = recoloured(cli, files, tmp_path)

    out = cli("diff", "PrimaryButton", ids["1.1.0"], "1.1.0").stdout

    assert out.rstrip().endswith("identical")
    assert "---" not in out


def test_json_and_patch_formats(cli: Cli, files: dict[str, Path], tmp_path: Path) -> None:
    ids = recoloured(cli, files, tmp_path)

    data = json.loads(
        cli("diff", "PrimaryButton", ids["1.0.0"], ids["1.1.0"], "--format", "json", code=1).stdout
    )
    patch = cli("diff", "PrimaryButton", "1.0.0", "1.1.0", "-f", "patch", "-U", "0", code=1).stdout

    assert data["from_version"]["id"] == ids["1.0.0"]
    assert data["bump"]["bump"] == "minor"
    assert data["identical"] is False
    assert patch.startswith("--- a/PrimaryButton.tsx\n+++ b/PrimaryButton.tsx\n@@ -")
    assert "@generated" not in patch  # the header line does not move with the tokens
    assert "PrimaryButton.stories.tsx" not in patch  # nor do stories a recolour leaves alone
    assert " import" not in patch  # no context lines with -U 0


def test_errors_exit_2_with_a_message(cli: Cli, files: dict[str, Path], tmp_path: Path) -> None:
    recoloured(cli, files, tmp_path)

    missing = cli("diff", "PrimaryButton", "1.0.0", "4.0.0", code=2)
    no_component = cli("diff", "Nope", "1.0.0", "1.1.0", code=2)
    garbage = cli("diff", "PrimaryButton", "1.0.0", "latest", code=2)

    assert "error: PrimaryButton has no version 4.0.0" in missing.stderr
    assert "no component 'Nope'" in no_component.stderr
    assert "not a semantic version" in garbage.stderr
