from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from tests.cli.conftest import Cli
from tests.factories import button_requirements


def test_create_list_show_and_versions(cli: Cli, files: dict[str, Path]) -> None:
    created = cli.json(
        "component", "create", "-r", str(files["requirements"]), "-t", str(files["tokens"])
    )

    listing = cli.json("component", "list")
    shown = cli.json("component", "show", "PrimaryButton")
    versions = cli.json("versions", "PrimaryButton")

    assert created["version"] == "1.0.0"
    assert created["created_by"] == "ci-bot"
    assert [c["name"] for c in listing["items"]] == ["PrimaryButton"]
    assert shown["current_version"]["id"] == created["id"]
    assert [v["id"] for v in versions["items"]] == [created["id"]]
    assert "PrimaryButton" in cli("component", "list").stdout


def test_tags_filter_versions(cli: Cli, files: dict[str, Path]) -> None:
    created = cli.json(
        "component", "create", "-r", str(files["requirements"]), "-t", str(files["tokens"])
    )

    cli("tag", "add", created["id"], "stable")
    tagged = cli.json("versions", "PrimaryButton", "--tag", "stable")
    cli("tag", "remove", created["id"], "stable")
    untagged = cli.json("versions", "PrimaryButton", "--tag", "stable")

    assert [v["tags"] for v in tagged["items"]] == [["stable"]]
    assert untagged["items"] == []


def test_download_writes_code_and_zip(cli: Cli, files: dict[str, Path], tmp_path: Path) -> None:
    created = cli.json(
        "component", "create", "-r", str(files["requirements"]), "-t", str(files["tokens"])
    )
    out = tmp_path / "out"
    out.mkdir()

    cli("download", created["id"], "-o", str(out))
    cli("download", created["id"], "--what", "zip", "-o", str(out))
    printed = cli("download", created["id"], "--what", "stories").stdout

    code = (out / "PrimaryButton.tsx").read_text()
    assert "export function PrimaryButton" in code
    with zipfile.ZipFile(io.BytesIO((out / "PrimaryButton-1.0.0.zip").read_bytes())) as archive:
        assert archive.read("PrimaryButton/PrimaryButton.tsx").decode() == code
    assert "PrimaryButton" in printed


def test_users_and_tokens(cli: Cli) -> None:
    user = cli.json("user", "create", "alice", "--role", "viewer")
    token = cli.json("token", "create", "alice")

    assert user["role"] == "viewer"
    assert token["token"].startswith("rdft_")
    assert "already exists" in cli("user", "create", "alice", code=4).stderr
    assert "unknown role" in cli("user", "create", "bob", "--role", "root", code=2).stderr
    assert "no user" in cli("token", "create", "nobody", code=3).stderr


def test_bad_input_exits_non_zero_with_a_message_and_changes_nothing(
    cli: Cli, files: dict[str, Path], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"name": ')
    invalid = tmp_path / "invalid.json"
    invalid.write_text(json.dumps(button_requirements(props=[{"name": "x", "type": "Foo"}])))
    tokens = str(files["tokens"])

    malformed = cli("component", "create", "-r", str(broken), "-t", tokens, code=2)
    bad_type = cli("component", "create", "-r", str(invalid), "-t", tokens, code=2)
    missing = cli("component", "show", "Nope", code=3)

    assert "malformed JSON" in malformed.stderr
    assert "props.0.type" in bad_type.stderr
    assert "no component" in missing.stderr
    assert cli.json("component", "list")["items"] == []


def test_schema_prints_the_requirements_json_schema(cli: Cli) -> None:
    schema = json.loads(cli("schema").stdout)
    assert schema["title"] == "Requirements"
    assert "bindings" in schema["properties"]
