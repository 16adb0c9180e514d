"""Revision 0004 converts data written at 0003: versions read back the same, and back again."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
import zstandard
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from redraft.db.blobs import BlobStore
from redraft.db.engine import create_engine_for
from redraft.db.migrate import downgrade, upgrade
from redraft.db.models import ApiToken, AuditEvent, Branch, Component, User
from redraft.db.session import create_session_factory
from redraft.features.components import service as components
from tests.db.rows import stored_blob
from tests.db.sample import component_code, version_content

T0 = datetime(2025, 3, 4, 5, 6, 7, 123456, tzinfo=UTC)
# The tables as 0003 made them, with the types 0003's models wrote through.
M = sa.MetaData()
UUID, TIME, DIGEST = sa.Uuid(), sa.DateTime(timezone=True), sa.String(64)
USERS = sa.Table(
    "users",
    M,
    *(sa.Column(n, t) for n, t in [("id", UUID), ("name", sa.String), ("role", sa.String)]),
    sa.Column("password_hash", sa.String),
    sa.Column("disabled", sa.Boolean),
    sa.Column("created_at", TIME),
)
TOKENS = sa.Table(
    "api_tokens",
    M,
    *(sa.Column(n, UUID) for n in ("id", "user_id")),
    *(sa.Column(n, sa.String) for n in ("name", "prefix", "secret_hash")),
    *(sa.Column(n, TIME) for n in ("created_at", "last_used_at", "revoked_at")),
)
BLOBS = sa.Table(
    "blobs",
    M,
    sa.Column("digest", DIGEST),
    sa.Column("codec", sa.String),
    sa.Column("size", sa.Integer),
    sa.Column("data", sa.LargeBinary),
    sa.Column("base_digest", DIGEST),
)
COMPONENTS = sa.Table(
    "components",
    M,
    *(sa.Column(n, sa.String) for n in ("name", "type", "policy", "created_by")),
    *(sa.Column(n, UUID) for n in ("id", "current_version_id")),
    *(sa.Column(n, TIME) for n in ("created_at", "updated_at")),
)
BODIES = (
    "tokens_blob",
    "requirements_blob",
    "code_blob",
    "stories_blob",
    "pristine_code_blob",
    "pristine_stories_blob",
    "token_usage_blob",
)
VERSIONS = sa.Table(
    "component_versions",
    M,
    *(sa.Column(n, UUID) for n in ("id", "component_id", "parent_version_id")),
    sa.Column("merge_parent_version_id", UUID),
    *(sa.Column(n, sa.Integer) for n in ("major", "minor", "patch")),
    *(sa.Column(n, sa.String) for n in ("prerelease", "branch", "status", "created_by")),
    *(sa.Column(n, sa.String) for n in ("trigger", "reason", "pattern_id", "pattern_version")),
    *(sa.Column(n, sa.String) for n in ("generator", "generator_version", "bump")),
    sa.Column("created_at", TIME),
    *(sa.Column(n, DIGEST) for n in ("tokens_hash", "requirements_hash", "inputs_hash")),
    *(sa.Column(n, DIGEST) for n in BODIES),
    sa.Column("customized", sa.Boolean),
    *(sa.Column(n, sa.JSON) for n in ("parameters", "bump_reasons", "change_summary")),
)
TAGS = sa.Table(
    "version_tags",
    M,
    sa.Column("version_id", UUID),
    sa.Column("tag", sa.String),
    sa.Column("created_at", TIME),
    sa.Column("created_by", sa.String),
)
BRANCHES = sa.Table(
    "branches",
    M,
    *(sa.Column(n, UUID) for n in ("id", "component_id", "base_version_id", "head_version_id")),
    *(sa.Column(n, sa.String) for n in ("name", "status", "created_by")),
    sa.Column("created_at", TIME),
)
EVENTS = sa.Table(
    "audit_events",
    M,
    sa.Column("id", sa.Integer),
    sa.Column("at", TIME),
    *(sa.Column(n, sa.String) for n in ("actor", "action", "target")),
    *(sa.Column(n, UUID) for n in ("component_id", "version_id")),
    sa.Column("details", sa.JSON),
)
SUMMARY = {
    "lines": ["color.brand.primary: #1d4ed8 → #1e40af"],
    "api": {"bump": "patch", "findings": []},
    "needs_review": False,
    "merge": {"code": {"strategy": "line", "clean": True, "notes": [], "conflicts": []}},
    "review": {"action": "accepted", "by": "dana", "at": T0.isoformat(), "reason": None},
}


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class Legacy:
    """Rows as 0003's code wrote them: bodies compressed in full, or as a delta against a
    full blob (its only kind of delta)."""

    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection
        self.texts: dict[str, str] = {}
        self.anchors: dict[str, str] = {}  # the full blob a delta against this one is taken from

    def blob(self, text: str, base: str | None = None) -> str:
        key = digest(text)
        if key in self.texts:
            return key
        self.texts[key] = text
        base = self.anchors[base] if base is not None else None
        self.anchors[key] = base or key
        if base is None:
            data, codec = zstandard.ZstdCompressor(level=9).compress(text.encode()), "zstd"
        else:
            raw = zstandard.ZstdCompressionDict(
                self.texts[base].encode(), dict_type=zstandard.DICT_TYPE_RAWCONTENT
            )
            data = zstandard.ZstdCompressor(level=9, dict_data=raw).compress(text.encode())
            codec = "zstd-delta"
        row = {"digest": key, "codec": codec, "size": len(text.encode()), "data": data}
        self.connection.execute(BLOBS.insert(), {**row, "base_digest": base})
        return key


@pytest.fixture
def legacy_engine(empty_db_url: str) -> Iterator[Engine]:
    engine = create_engine_for(empty_db_url)
    upgrade(engine, "0003")
    yield engine
    engine.dispose()


def write_history_at_0003(engine: Engine) -> dict[str, Any]:
    """A component with two accepted versions (the second hand-edited and tagged), a branch,
    a user with a token, and audit events, written as 0003 stored them."""
    ids = {name: uuid.uuid4() for name in ("user", "token", "component", "v1", "v2", "branch")}
    first, second = version_content("#1d4ed8"), version_content("#1e40af")
    edited = second.code.replace("export", "// reviewed\nexport", 1)
    with engine.begin() as connection:
        legacy = Legacy(connection)
        connection.execute(
            USERS.insert(),
            {
                "id": ids["user"],
                "name": "dana",
                "role": "editor",
                "password_hash": None,
                "disabled": False,
                "created_at": T0,
            },
        )
        connection.execute(
            TOKENS.insert(),
            {
                "id": ids["token"],
                "user_id": ids["user"],
                "name": "ci",
                "prefix": "rd_abc",
                "secret_hash": digest("secret"),
                "created_at": T0,
                "last_used_at": T0 + timedelta(days=1),
                "revoked_at": None,
            },
        )
        connection.execute(
            COMPONENTS.insert(),
            {
                "id": ids["component"],
                "name": "PrimaryButton",
                "type": "button",
                "policy": "notify",
                "current_version_id": None,
                "created_at": T0,
                "updated_at": None,
                "created_by": "dana",
            },
        )
        rows = []
        for key, content, code, parent, n in (
            ("v1", first, first.code, None, 0),
            ("v2", second, edited, rows, 1),
        ):
            previous = rows[0] if parent else {}
            bodies = {
                "tokens_blob": legacy.blob(content.tokens, previous.get("tokens_blob")),
                "requirements_blob": legacy.blob(content.requirements),
                "pristine_code_blob": legacy.blob(content.code, previous.get("pristine_code_blob")),
                "pristine_stories_blob": legacy.blob(content.stories),
                "token_usage_blob": legacy.blob(content.token_usage),
            }
            bodies["code_blob"] = legacy.blob(code, bodies["pristine_code_blob"])
            bodies["stories_blob"] = bodies["pristine_stories_blob"]
            row = {
                "id": ids[key],
                "component_id": ids["component"],
                "parent_version_id": ids["v1"] if n else None,
                "merge_parent_version_id": None,
                "major": 1,
                "minor": n,
                "patch": 0,
                "prerelease": "",
                "branch": "main",
                "status": "active",
                "created_by": "dana",
                "trigger": "token_change" if n else "create",
                "reason": "Brand «blue» ✓" if n else None,
                "pattern_id": "button",
                "pattern_version": "1.0.0",
                "generator": "builtin",
                "generator_version": "0.1.0",
                "bump": "minor" if n else None,
                "created_at": T0 + timedelta(minutes=n, microseconds=n),
                "tokens_hash": bodies["tokens_blob"],
                "requirements_hash": bodies["requirements_blob"],
                "inputs_hash": digest(f"inputs {n}"),
                **bodies,
                "customized": bool(n),
                "parameters": {"size": "md"},
                "bump_reasons": ["MINOR: 1 token changed"] if n else [],
                "change_summary": SUMMARY if n else {},
            }
            connection.execute(VERSIONS.insert(), row)
            rows.append(row)
        connection.execute(
            COMPONENTS.update().where(COMPONENTS.c.id == ids["component"]),
            {"current_version_id": ids["v2"], "updated_at": T0 + timedelta(hours=1)},
        )
        connection.execute(
            TAGS.insert(),
            {"version_id": ids["v2"], "tag": "stable", "created_at": T0, "created_by": "dana"},
        )
        connection.execute(
            BRANCHES.insert(),
            {
                "id": ids["branch"],
                "component_id": ids["component"],
                "base_version_id": ids["v1"],
                "head_version_id": ids["v1"],
                "name": "dark-mode",
                "status": "active",
                "created_by": "dana",
                "created_at": T0,
            },
        )
        connection.execute(
            EVENTS.insert(),
            [
                {
                    "id": n + 1,
                    "at": T0 + timedelta(seconds=n),
                    "actor": "dana",
                    "action": action,
                    "target": f"PrimaryButton 1.{n}.0",
                    "component_id": ids["component"],
                    "version_id": ids[f"v{n + 1}"],
                    "details": details,
                }
                for n, (action, details) in enumerate(
                    [
                        ("component.create", {"pattern": "button@1.0.0", "reason": None}),
                        ("version.regenerate", {"trigger": "token_change", "conflicts": 0}),
                    ]
                )
            ],
        )
    return {"ids": ids, "versions": rows, "texts": legacy.texts, "code": edited}


def old_rows(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    with engine.connect() as connection:
        return {
            table.name: sorted(
                (dict(row._mapping) for row in connection.execute(sa.select(table))), key=repr
            )
            for table in (USERS, TOKENS, COMPONENTS, VERSIONS, TAGS, BRANCHES, EVENTS)
        }


def test_versions_written_at_0003_read_back_the_same_after_the_upgrade(
    legacy_engine: Engine,
) -> None:
    written = write_history_at_0003(legacy_engine)
    ids, (v1_row, v2_row) = written["ids"], written["versions"]

    upgrade(legacy_engine)

    with Session(legacy_engine) as session:
        component = components.get_component(session, "PrimaryButton")
        assert (component.id, component.current_version_id) == (ids["component"], ids["v2"])
        assert component.updated_at == T0 + timedelta(hours=1)
        for key, row in (("v1", v1_row), ("v2", v2_row)):
            version = components.get_version(session, ids[key])
            content = components.load_content(session, version)
            texts = written["texts"]
            assert content.code == texts[row["code_blob"]]
            assert content.stories == texts[row["stories_blob"]]
            assert content.pristine_code == texts[row["pristine_code_blob"]]
            assert content.tokens_json == texts[row["tokens_blob"]]
            assert content.requirements == json.loads(texts[row["requirements_blob"]])
            assert content.token_usage == json.loads(texts[row["token_usage_blob"]])
            assert {body: getattr(version, body) for body in BODIES} == {
                body: row[body] for body in BODIES
            }
            assert (version.tokens_hash, version.requirements_hash, version.inputs_hash) == (
                row["tokens_hash"],
                row["requirements_hash"],
                row["inputs_hash"],
            )
            assert version.created_at == row["created_at"]
            assert version.change_summary == row["change_summary"]
            assert list(version.change_summary) == list(row["change_summary"])
            assert version.bump_reasons == row["bump_reasons"]
            assert (version.reason, version.parameters) == (row["reason"], row["parameters"])
            assert version.parent_version_id == row["parent_version_id"]
        assert content.code == written["code"]
        assert [t.tag for t in components.get_version(session, ids["v2"]).tags] == ["stable"]
        branch = session.get_one(Branch, ids["branch"])
        assert (branch.name, branch.base_version_id, branch.created_at) == (
            "dark-mode",
            ids["v1"],
            T0,
        )
        user = session.get_one(User, ids["user"])
        token = session.get_one(ApiToken, ids["token"])
        assert (user.name, user.created_at) == ("dana", T0)
        assert (token.user_id, token.last_used_at) == (ids["user"], T0 + timedelta(days=1))
        events = session.scalars(sa.select(AuditEvent).order_by(AuditEvent.id)).all()
        assert [(e.action, e.at, e.version_id, e.details) for e in events] == [
            ("component.create", T0, ids["v1"], {"pattern": "button@1.0.0", "reason": None}),
            (
                "version.regenerate",
                T0 + timedelta(seconds=1),
                ids["v2"],
                {"trigger": "token_change", "conflicts": 0},
            ),
        ]


def test_a_body_stored_after_the_upgrade_takes_its_delta_against_the_converted_chain(
    legacy_engine: Engine,
) -> None:
    written = write_history_at_0003(legacy_engine)
    v2 = written["versions"][1]
    upgrade(legacy_engine)
    third = component_code("#1e3a8a")

    factory = create_session_factory(legacy_engine)
    with factory() as session:
        # v2's pristine code is a 0003 delta (depth 1) against v1's full one: depth 2 goes
        # against that full blob.
        stored = BlobStore(session).put(third, base=v2["pristine_code_blob"])
        session.commit()
        blob, base = stored_blob(session, stored)
        assert (blob.depth, base) == (2, written["versions"][0]["pristine_code_blob"])
    with factory() as session:
        assert BlobStore(session).get(stored) == third


def test_downgrading_restores_what_0003_stored(legacy_engine: Engine) -> None:
    written = write_history_at_0003(legacy_engine)
    before = old_rows(legacy_engine)
    upgrade(legacy_engine)
    # Bodies stored since are deeper in their chains than 0003 can read: they come back full.
    deep = [component_code(f"#1e3a{n:02x}") for n in range(4)]
    factory = create_session_factory(legacy_engine)
    with factory() as session:
        base = written["versions"][1]["pristine_code_blob"]
        for text in deep:
            base = BlobStore(session).put(text, base=base)
        session.commit()

    downgrade(legacy_engine, "0003")

    assert old_rows(legacy_engine) == before
    with legacy_engine.connect() as connection:
        blobs = {row.digest: row for row in connection.execute(sa.select(BLOBS))}
    texts = {**written["texts"], **{digest(text): text for text in deep}}
    assert set(blobs) == set(texts)
    for key, row in blobs.items():
        if row.codec == "zstd":
            assert row.base_digest is None
            raw = zstandard.ZstdDecompressor().decompress(row.data)
        else:
            base_row = blobs[row.base_digest]
            assert base_row.codec == "zstd"  # 0003 reads one base deep, no more
            dictionary = zstandard.ZstdCompressionDict(
                zstandard.ZstdDecompressor().decompress(base_row.data),
                dict_type=zstandard.DICT_TYPE_RAWCONTENT,
            )
            raw = zstandard.ZstdDecompressor(dict_data=dictionary).decompress(row.data)
        assert raw.decode() == texts[key]
    upgrade(legacy_engine)
    with Session(legacy_engine) as session:
        version = components.get_version(session, written["ids"]["v2"])
        assert components.load_content(session, version).code == written["code"]
        assert session.get_one(Component, written["ids"]["component"]).name == "PrimaryButton"
