from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Cli
from tests.factories import button_requirements, tokens


def create_two(cli: Cli, files: dict[str, Path], tmp_path: Path) -> None:
    cli("component", "create", "-r", str(files["requirements"]), "-t", str(files["tokens"]))
    other = tmp_path / "ghost.json"
    other.write_text(json.dumps(button_requirements("GhostButton")))
    cli("component", "create", "-r", str(other), "-t", str(files["tokens"]))


def new_tokens(tmp_path: Path, colour: str = "#2563eb") -> str:
    path = tmp_path / f"tokens-{colour.strip('#')}.json"
    path.write_text(json.dumps(tokens(blue_500=colour)))
    return str(path)


def test_regenerate_then_accept(cli: Cli, files: dict[str, Path], tmp_path: Path) -> None:
    create_two(cli, files, tmp_path)

    draft = cli.json("regenerate", "PrimaryButton", "--tokens", new_tokens(tmp_path))
    accepted = cli.json("accept", draft["version_id"])
    again = cli("accept", draft["version_id"], code=4)

    assert draft["new_version"] == "1.1.0"
    assert draft["status"] == "draft"
    assert accepted["status"] == "active"
    assert cli.json("component", "show", "PrimaryButton")["current_version"]["version"] == "1.1.0"
    assert "not a draft" in again.stderr


def test_regenerate_all_with_apply_and_reject(
    cli: Cli, files: dict[str, Path], tmp_path: Path
) -> None:
    create_two(cli, files, tmp_path)

    everything = cli.json("regenerate", "--all", "--apply", "--tokens", new_tokens(tmp_path))
    drafts = cli.json("regenerate", "--all", "--tokens", new_tokens(tmp_path, "#000000"))
    rejected = cli.json("reject", drafts["results"][0]["version_id"], "--reason", "too dark")

    assert [r["applied"] for r in everything["results"]] == [True, True]
    assert rejected["status"] == "rejected"
    assert "up to date" in cli("regenerate", "GhostButton", "--tokens", new_tokens(tmp_path)).stdout


def test_export_edit_import_and_a_conflicted_regeneration(
    cli: Cli, files: dict[str, Path], tmp_path: Path
) -> None:
    create_two(cli, files, tmp_path)
    folder = tmp_path / "src"
    cli("export", str(folder))
    code = (folder / "PrimaryButton.tsx").read_text()
    (folder / "PrimaryButton.tsx").write_text(code.replace('"#1d4ed8"', '"hotpink"'))

    imported = cli.json("import", str(folder))
    conflicted = cli(
        "regenerate", "PrimaryButton", "--tokens", new_tokens(tmp_path), "-f", "json", code=1
    )
    draft = json.loads(conflicted.stdout)
    blocked = cli("accept", draft["version_id"], code=4)
    resolved = cli.json("resolve", draft["version_id"], "--choice", "0=theirs")
    accepted = cli.json("accept", draft["version_id"])

    assert imported["imported"] == [
        {"component": "PrimaryButton", "version": "1.0.1", "id": imported["imported"][0]["id"]}
    ]
    assert len(draft["conflicts"]) == 1
    assert "unresolved" in blocked.stderr
    assert resolved["conflicts"] == []
    assert accepted["status"] == "active"


def test_regenerate_refuses_bad_usage(cli: Cli, files: dict[str, Path], tmp_path: Path) -> None:
    create_two(cli, files, tmp_path)
    assert "name one component" in cli("regenerate", code=2).stderr
    assert "name one component" in cli("regenerate", "PrimaryButton", "--all", code=2).stderr
    assert "no component" in cli("regenerate", "Nope", code=3).stderr
    assert "use INDEX" in cli("resolve", "x", "--choice", "zero=mine", code=2).stderr


def test_rollback_by_number_and_the_major_refusal(
    cli: Cli, files: dict[str, Path], tmp_path: Path
) -> None:
    create_two(cli, files, tmp_path)
    cli("regenerate", "PrimaryButton", "--apply", "--tokens", new_tokens(tmp_path))
    wider = tmp_path / "wider.json"
    spec = button_requirements(
        props=[
            {"name": "label", "type": "string", "required": True},
            {"name": "tone", "type": "string"},
        ]
    )
    wider.write_text(json.dumps(spec))
    cli("regenerate", "PrimaryButton", "--apply", "-r", str(wider))

    refused = cli("rollback", "PrimaryButton", "--to", "1.1.0", code=4)
    major = cli.json("rollback", "PrimaryButton", "--to", "1.0.0", "--confirm-major")
    patch = cli.json("rollback", "PrimaryButton", "--to", "1.2.0")

    assert "breaks its props API" in refused.stderr
    assert major["new_version"] == "2.0.0"
    assert patch["new_version"] == "2.0.1"
    assert "no version 9.9.9" in cli("rollback", "PrimaryButton", "--to", "9.9.9", code=3).stderr


def test_branch_create_list_merge_archive(cli: Cli, files: dict[str, Path], tmp_path: Path) -> None:
    create_two(cli, files, tmp_path)
    cli("branch", "create", "PrimaryButton", "dark", "--from", "1.0.0")
    cli("branch", "create", "PrimaryButton", "scratch", "--from", "1.0.0")
    on_branch = cli.json(
        "regenerate",
        "PrimaryButton",
        "--branch",
        "dark",
        "--apply",
        "--tokens",
        new_tokens(tmp_path),
    )

    listed = cli.json("branch", "list", "PrimaryButton")
    merged = cli.json("branch", "merge", "PrimaryButton", "dark")
    cli("accept", merged["version_id"])
    cli("branch", "archive", "PrimaryButton", "scratch")
    after = {b["name"]: b for b in cli.json("branch", "list", "PrimaryButton")}

    assert on_branch["new_version"] == "1.1.0-dark.1"
    assert {b["name"]: b["head"] for b in listed} == {"dark": "1.1.0-dark.1", "scratch": "1.0.0"}
    assert merged["new_version"] == "1.1.0"
    assert after["dark"]["status"] == "merged"
    assert after["scratch"]["status"] == "archived"
    assert "already archived" in cli("branch", "archive", "PrimaryButton", "scratch", code=4).stderr
