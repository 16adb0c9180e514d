"""Compact storage: bytes where text was, blobs by integer id, skip-delta chains.

A 1,000-version history took 5.2 KB a version on SQLite; most of it was not content
(bench/bench_storage_vs_git.py). This revision stores the same values in fewer bytes:

- SHA-256 digests as 32 raw bytes, not 64 hex characters;
- blobs keyed by an integer id (SQLite's rowid) that other rows reference, the digest kept once
  (unique) in the blob's row; `base_id` names a delta's base; `depth` (0 for a full blob, 1
  for the deltas written so far) places a blob in its delta chain; `codec` followed from the
  base and goes;
- `tokens_hash` and `requirements_hash`, always equal to their blobs' digests, go (the model
  reads them from the blobs), with the indexes nothing queried (`idx_tokens_hash`,
  `idx_status`);
- a version's code and stories reference NULL where they are its pristine output;
- change summaries, bump reasons and audit details as packed JSON (`db/types.py`);
- on SQLite, UUIDs as 16 bytes (not 32 hex characters) and timestamps as integer microseconds
  (not 26 characters); PostgreSQL's `uuid` and `timestamptz` are compact already.

SQLite cannot alter column types: every table is rebuilt (created anew, filled with the
converted rows, swapped in), with conversion functions registered on the connection for the
run. PostgreSQL alters in place; packing JSON happens in Python, a chunk at a time. The
downgrade converts everything back; blobs deeper than one delta are stored in full again (the
0003 reader follows one base only).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
import zstandard
from alembic import op

from redraft.db.types import pack_json, unpack_json

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BODIES = (
    "tokens_blob",
    "requirements_blob",
    "code_blob",
    "stories_blob",
    "pristine_code_blob",
    "pristine_stories_blob",
    "token_usage_blob",
)
# Code and stories equal to the pristine output are referenced as NULL from now on.
EDITABLE = {"code_blob": "pristine_code_blob", "stories_blob": "pristine_stories_blob"}
PACKED = {"component_versions": ("bump_reasons", "change_summary"), "audit_events": ("details",)}
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_CHUNK = 500


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _rebuild_sqlite(bind, NEW_SQLITE, _UPGRADE_SELECTS, up=True)
    else:
        _upgrade_postgresql(bind)


def downgrade() -> None:
    bind = op.get_bind()
    _store_deep_blobs_in_full(bind)
    if bind.dialect.name == "sqlite":
        _rebuild_sqlite(bind, OLD_SQLITE, _DOWNGRADE_SELECTS, up=False)
    else:
        _downgrade_postgresql(bind)


# --- SQLite: rebuild every table -------------------------------------------------------------

UUID, TIME, JSON = "redraft_uuid", "redraft_time", "redraft_json"
# Per table, the columns that change form (the rest are copied as they are).
CONVERTED: dict[str, dict[str, str]] = {
    "users": {"id": UUID, "created_at": TIME},
    "api_tokens": {
        "id": UUID,
        "user_id": UUID,
        "created_at": TIME,
        "last_used_at": TIME,
        "revoked_at": TIME,
    },
    "components": {
        "id": UUID,
        "current_version_id": UUID,
        "created_at": TIME,
        "updated_at": TIME,
    },
    "component_versions": {
        "id": UUID,
        "component_id": UUID,
        "parent_version_id": UUID,
        "merge_parent_version_id": UUID,
        "created_at": TIME,
        "bump_reasons": JSON,
        "change_summary": JSON,
    },
    "version_tags": {"version_id": UUID, "created_at": TIME},
    "audit_events": {
        "at": TIME,
        "component_id": UUID,
        "version_id": UUID,
        "details": JSON,
    },
    "branches": {
        "id": UUID,
        "component_id": UUID,
        "base_version_id": UUID,
        "head_version_id": UUID,
        "created_at": TIME,
    },
}
VERSION_COLUMNS = (
    "id, component_id, major, minor, patch, prerelease, branch, status, created_at, created_by,"
    ' "trigger", reason, inputs_hash, pattern_id, pattern_version, generator,'
    " generator_version, parameters, customized, parent_version_id, merge_parent_version_id,"
    " bump, bump_reasons, change_summary"
)


def _functions(*, up: bool) -> dict[str, Callable[[Any], Any]]:
    """Per conversion, the function from the stored form being left to the one being made."""
    if up:
        return {
            UUID: lambda v: None if v is None else uuid.UUID(v).bytes,
            TIME: lambda v: None if v is None else _microseconds(v),
            JSON: lambda v: None if v is None else pack_json(json.loads(v)),
            "redraft_unhex": lambda v: None if v is None else bytes.fromhex(v),
        }
    return {
        UUID: lambda v: None if v is None else uuid.UUID(bytes=bytes(v)).hex,
        TIME: lambda v: None if v is None else _time_text(v),
        JSON: lambda v: None if v is None else json.dumps(unpack_json(bytes(v))),
        "redraft_hex": lambda v: None if v is None else bytes(v).hex(),
    }


def _rebuild_sqlite(
    bind: sa.Connection, tables: dict[str, str], selects: dict[str, str], *, up: bool
) -> None:
    driver = bind.connection.driver_connection
    assert driver is not None
    for name, function in _functions(up=up).items():
        driver.create_function(name, 1, function, deterministic=True)
    old_columns = {
        table: [c["name"] for c in sa.inspect(bind).get_columns(table)] for table in tables
    }
    for table, ddl in tables.items():
        statements = [s.strip() for s in ddl.split(";") if s.strip()]
        bind.exec_driver_sql(statements[0].replace(f"TABLE {table} (", f"TABLE {table}_new (", 1))
    for table in tables:
        select = selects.get(table) or _copy(table, old_columns[table])
        bind.exec_driver_sql(f"INSERT INTO {table}_new {select}")
    if up:
        # Each delta's base by id, once every blob has one.
        bind.exec_driver_sql(
            "UPDATE blobs_new SET base_id = (SELECT base.id FROM blobs AS old"
            " JOIN blobs_new AS base ON base.digest = redraft_unhex(old.base_digest)"
            " WHERE old.digest = lower(hex(blobs_new.digest)))"
        )
    for table in tables:
        bind.exec_driver_sql(f"DROP TABLE {table}")
    for table, ddl in tables.items():
        bind.exec_driver_sql(f"ALTER TABLE {table}_new RENAME TO {table}")
        for index in [s.strip() for s in ddl.split(";") if s.strip()][1:]:
            bind.exec_driver_sql(index)


def _copy(table: str, columns: list[str]) -> str:
    # The functions are registered under the same names both ways (see `_functions`).
    converted = CONVERTED[table]
    names = ", ".join(f'"{c}"' for c in columns)
    values = ", ".join(f'{converted[c]}("{c}")' if c in converted else f'"{c}"' for c in columns)
    return f"({names}) SELECT {values} FROM {table}"


def _version_columns(*, up: bool) -> tuple[str, str]:
    converted = CONVERTED["component_versions"]
    names = [c.strip() for c in VERSION_COLUMNS.split(",")]
    values = []
    for name in names:
        if name == "inputs_hash":
            values.append(f"{'redraft_unhex' if up else 'redraft_hex'}(v.inputs_hash)")
        elif name.strip('"') in converted:
            values.append(f"{converted[name]}(v.{name})")
        else:
            values.append(f"v.{name}")
    return ", ".join(names), ", ".join(values)


def _upgrade_version_select() -> str:
    names, values = _version_columns(up=True)
    ids = []
    for body in BODIES:
        lookup = f"(SELECT b.id FROM blobs_new AS b WHERE b.digest = redraft_unhex(v.{body}))"
        if body in EDITABLE:
            lookup = f"CASE WHEN v.{body} = v.{EDITABLE[body]} THEN NULL ELSE {lookup} END"
        ids.append(lookup)
    columns = ", ".join(f"{body}_id" for body in BODIES)
    return f"({names}, {columns}) SELECT {values}, {', '.join(ids)} FROM component_versions AS v"


def _downgrade_version_select() -> str:
    names, values = _version_columns(up=False)
    digests = []
    for body in BODIES:
        blob_id = f"v.{body}_id"
        if body in EDITABLE:
            blob_id = f"coalesce(v.{body}_id, v.{EDITABLE[body]}_id)"
        digests.append(f"(SELECT redraft_hex(b.digest) FROM blobs AS b WHERE b.id = {blob_id})")
    columns = ", ".join(BODIES)
    return (
        f"({names}, tokens_hash, requirements_hash, {columns})"
        f" SELECT {values}, {digests[0]}, {digests[1]}, {', '.join(digests)}"
        " FROM component_versions AS v"
    )


_UPGRADE_SELECTS = {
    # Ids in the old table's order; bases are named once every row has its id.
    "blobs": (
        "(digest, size, data, base_id, depth)"
        " SELECT redraft_unhex(digest), size, data, NULL,"
        " CASE WHEN base_digest IS NULL THEN 0 ELSE 1 END FROM blobs ORDER BY rowid"
    ),
    "component_versions": _upgrade_version_select(),
}
_DOWNGRADE_SELECTS = {
    "blobs": (
        "(digest, codec, size, data, base_digest)"
        " SELECT redraft_hex(b.digest),"
        " CASE WHEN b.base_id IS NULL THEN 'zstd' ELSE 'zstd-delta' END, b.size, b.data,"
        " redraft_hex(base.digest) FROM blobs AS b LEFT JOIN blobs AS base ON base.id = b.base_id"
    ),
    "component_versions": _downgrade_version_select(),
}


def _microseconds(text: str) -> int:
    # SQLAlchemy wrote UTC as naive "YYYY-MM-DD HH:MM:SS.ffffff".
    delta = datetime.fromisoformat(text).replace(tzinfo=UTC) - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _time_text(value: int) -> str:
    return (_EPOCH + timedelta(microseconds=value)).strftime("%Y-%m-%d %H:%M:%S.%f")


# --- PostgreSQL: alter in place ---------------------------------------------------------------


def _upgrade_postgresql(bind: sa.Connection) -> None:
    run = bind.exec_driver_sql
    for body in BODIES:
        run(f"ALTER TABLE component_versions DROP CONSTRAINT fk_component_versions_{body}_blobs")
    run("ALTER TABLE blobs DROP CONSTRAINT fk_blobs_base_digest_blobs")
    run("ALTER TABLE blobs ADD COLUMN id SERIAL NOT NULL")
    run("ALTER TABLE blobs ADD COLUMN base_id INTEGER")
    run("ALTER TABLE blobs ADD COLUMN depth INTEGER NOT NULL DEFAULT 0")
    run("ALTER TABLE blobs ALTER COLUMN depth DROP DEFAULT")
    run(
        "UPDATE blobs SET base_id = base.id, depth = 1 FROM blobs AS base"
        " WHERE base.digest = blobs.base_digest"
    )
    for body in BODIES:
        run(f"ALTER TABLE component_versions ADD COLUMN {body}_id INTEGER")
    assignments = ", ".join(
        f"{body}_id = (SELECT b.id FROM blobs AS b WHERE b.digest = v.{body})" for body in BODIES
    )
    run(f"UPDATE component_versions AS v SET {assignments}")
    for body, pristine in EDITABLE.items():
        run(f"UPDATE component_versions SET {body}_id = NULL WHERE {body} = {pristine}")
    run("ALTER TABLE blobs DROP CONSTRAINT pk_blobs")
    run("ALTER TABLE blobs ADD CONSTRAINT pk_blobs PRIMARY KEY (id)")
    run("ALTER TABLE blobs ALTER COLUMN digest TYPE BYTEA USING decode(digest, 'hex')")
    run("ALTER TABLE blobs ADD CONSTRAINT uq_blobs_digest UNIQUE (digest)")
    run("ALTER TABLE blobs DROP COLUMN base_digest, DROP COLUMN codec")
    run(
        "ALTER TABLE blobs ADD CONSTRAINT fk_blobs_base_id_blobs"
        " FOREIGN KEY (base_id) REFERENCES blobs (id)"
    )
    run("DROP INDEX idx_tokens_hash")
    run("DROP INDEX idx_status")
    dropped = ", ".join(f"DROP COLUMN {c}" for c in (*BODIES, "tokens_hash", "requirements_hash"))
    run(f"ALTER TABLE component_versions {dropped}")
    for body in BODIES:
        if body not in EDITABLE:
            run(f"ALTER TABLE component_versions ALTER COLUMN {body}_id SET NOT NULL")
        run(
            f"ALTER TABLE component_versions ADD CONSTRAINT fk_component_versions_{body}_id_blobs"
            f" FOREIGN KEY ({body}_id) REFERENCES blobs (id)"
        )
    run(
        "ALTER TABLE component_versions"
        " ALTER COLUMN inputs_hash TYPE BYTEA USING decode(inputs_hash, 'hex')"
    )
    for table, columns in PACKED.items():
        for column in columns:
            _repack(bind, table, column, "BYTEA", pack_json)


def _downgrade_postgresql(bind: sa.Connection) -> None:
    run = bind.exec_driver_sql
    for table, columns in PACKED.items():
        for column in columns:
            _repack(bind, table, column, "JSON", lambda value: json.dumps(unpack_json(value)))
    run(
        "ALTER TABLE component_versions"
        " ALTER COLUMN inputs_hash TYPE VARCHAR(64) USING encode(inputs_hash, 'hex')"
    )
    for body in BODIES:
        run(f"ALTER TABLE component_versions DROP CONSTRAINT fk_component_versions_{body}_id_blobs")
        run(f"ALTER TABLE component_versions ADD COLUMN {body} VARCHAR(64)")
    for column in ("tokens_hash", "requirements_hash"):
        run(f"ALTER TABLE component_versions ADD COLUMN {column} VARCHAR(64)")
    assignments = []
    for body in BODIES:
        blob_id = f"v.{body}_id"
        if body in EDITABLE:
            blob_id = f"coalesce(v.{body}_id, v.{EDITABLE[body]}_id)"
        assignments.append(
            f"{body} = (SELECT encode(b.digest, 'hex') FROM blobs AS b WHERE b.id = {blob_id})"
        )
    run(f"UPDATE component_versions AS v SET {', '.join(assignments)}")
    run(
        "UPDATE component_versions"
        " SET tokens_hash = tokens_blob, requirements_hash = requirements_blob"
    )
    for column in (*BODIES, "tokens_hash", "requirements_hash"):
        run(f"ALTER TABLE component_versions ALTER COLUMN {column} SET NOT NULL")
    dropped = ", ".join(f"DROP COLUMN {body}_id" for body in BODIES)
    run(f"ALTER TABLE component_versions {dropped}")
    run("ALTER TABLE blobs ADD COLUMN codec VARCHAR(16)")
    run("ALTER TABLE blobs ADD COLUMN base_digest BYTEA")
    run(
        "UPDATE blobs SET base_digest = base.digest FROM blobs AS base WHERE base.id = blobs.base_id"
    )
    run("UPDATE blobs SET codec = CASE WHEN base_id IS NULL THEN 'zstd' ELSE 'zstd-delta' END")
    run("ALTER TABLE blobs ALTER COLUMN codec SET NOT NULL")
    run("ALTER TABLE blobs DROP CONSTRAINT fk_blobs_base_id_blobs")
    run("ALTER TABLE blobs DROP CONSTRAINT uq_blobs_digest")
    run("ALTER TABLE blobs DROP CONSTRAINT pk_blobs")
    run("ALTER TABLE blobs DROP COLUMN id, DROP COLUMN base_id, DROP COLUMN depth")
    run("ALTER TABLE blobs ALTER COLUMN digest TYPE VARCHAR(64) USING encode(digest, 'hex')")
    run(
        "ALTER TABLE blobs ALTER COLUMN base_digest TYPE VARCHAR(64)"
        " USING encode(base_digest, 'hex')"
    )
    run("ALTER TABLE blobs ADD CONSTRAINT pk_blobs PRIMARY KEY (digest)")
    run(
        "ALTER TABLE blobs ADD CONSTRAINT fk_blobs_base_digest_blobs"
        " FOREIGN KEY (base_digest) REFERENCES blobs (digest)"
    )
    for body in BODIES:
        run(
            f"ALTER TABLE component_versions ADD CONSTRAINT fk_component_versions_{body}_blobs"
            f" FOREIGN KEY ({body}) REFERENCES blobs (digest)"
        )
    run("CREATE INDEX idx_tokens_hash ON component_versions (tokens_hash)")
    run("CREATE INDEX idx_status ON component_versions (status)")


def _repack(
    bind: sa.Connection, table: str, column: str, new_type: str, convert: Callable[[Any], Any]
) -> None:
    """Rewrite a column in another form, a chunk of rows at a time (the work is in Python)."""
    key = "id"
    bind.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column}_new {new_type}")
    for chunk in _chunks(bind, f"SELECT {key}, {column} FROM {table} ORDER BY {key}"):
        bind.exec_driver_sql(
            f"UPDATE {table} SET {column}_new = %s WHERE {key} = %s",
            [(convert(value), row_key) for row_key, value in chunk],
        )
    bind.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN {column}")
    bind.exec_driver_sql(f"ALTER TABLE {table} RENAME COLUMN {column}_new TO {column}")
    bind.exec_driver_sql(f"ALTER TABLE {table} ALTER COLUMN {column} SET NOT NULL")


def _chunks(bind: sa.Connection, query: str) -> Iterator[list[tuple[Any, Any]]]:
    result = bind.exec_driver_sql(query)
    while rows := result.fetchmany(_CHUNK):
        yield [(row[0], row[1]) for row in rows]


# --- Downgrade: the 0003 reader follows one delta base ----------------------------------------


def _store_deep_blobs_in_full(bind: sa.Connection) -> None:
    """Blobs more than one delta from a full one, stored in full, so each delta's base is."""
    rows = {
        blob_id: (data, base_id)
        for blob_id, data, base_id in bind.exec_driver_sql(
            "SELECT id, data, base_id FROM blobs"
        ).all()
    }
    deep = [
        blob_id for (blob_id,) in bind.exec_driver_sql("SELECT id FROM blobs WHERE depth > 1").all()
    ]
    texts: dict[int, bytes] = {}

    def text(blob_id: int) -> bytes:
        if blob_id not in texts:
            data, base_id = rows[blob_id]
            if base_id is None:
                texts[blob_id] = zstandard.ZstdDecompressor().decompress(data)
            else:
                base = zstandard.ZstdCompressionDict(
                    text(base_id), dict_type=zstandard.DICT_TYPE_RAWCONTENT
                )
                texts[blob_id] = zstandard.ZstdDecompressor(dict_data=base).decompress(data)
        return texts[blob_id]

    marker = "?" if bind.dialect.name == "sqlite" else "%s"
    compress = zstandard.ZstdCompressor(level=9).compress
    for blob_id in deep:
        bind.exec_driver_sql(
            f"UPDATE blobs SET data = {marker}, base_id = NULL, depth = 0 WHERE id = {marker}",
            (compress(text(blob_id)), blob_id),
        )


# --- The SQLite tables, as 0004 makes them and as 0003 had them -------------------------------

NEW_SQLITE = {
    "users": """CREATE TABLE users (
        id BLOB NOT NULL, name VARCHAR(64) NOT NULL, role VARCHAR(16) NOT NULL,
        password_hash VARCHAR(255), disabled BOOLEAN NOT NULL, created_at BIGINT NOT NULL,
        CONSTRAINT pk_users PRIMARY KEY (id),
        CONSTRAINT ck_users_role CHECK (role IN ('viewer', 'editor', 'admin')),
        CONSTRAINT uq_users_name UNIQUE (name))""",
    "api_tokens": """CREATE TABLE api_tokens (
        id BLOB NOT NULL, user_id BLOB NOT NULL, name VARCHAR(64) NOT NULL,
        prefix VARCHAR(16) NOT NULL, secret_hash VARCHAR(64) NOT NULL,
        created_at BIGINT NOT NULL, last_used_at BIGINT, revoked_at BIGINT,
        CONSTRAINT pk_api_tokens PRIMARY KEY (id),
        CONSTRAINT fk_api_tokens_user_id_users FOREIGN KEY(user_id) REFERENCES users (id)
            ON DELETE CASCADE,
        CONSTRAINT uq_api_tokens_prefix UNIQUE (prefix))""",
    "blobs": """CREATE TABLE blobs (
        id INTEGER NOT NULL, digest BLOB NOT NULL, size INTEGER NOT NULL, data BLOB NOT NULL,
        base_id INTEGER, depth INTEGER NOT NULL,
        CONSTRAINT pk_blobs PRIMARY KEY (id),
        CONSTRAINT uq_blobs_digest UNIQUE (digest),
        CONSTRAINT fk_blobs_base_id_blobs FOREIGN KEY(base_id) REFERENCES blobs (id))""",
    "components": """CREATE TABLE components (
        id BLOB NOT NULL, name VARCHAR(64) NOT NULL, type VARCHAR(64) NOT NULL,
        policy VARCHAR(16) NOT NULL, current_version_id BLOB, created_at BIGINT NOT NULL,
        updated_at BIGINT, created_by VARCHAR(64) NOT NULL,
        CONSTRAINT pk_components PRIMARY KEY (id),
        CONSTRAINT ck_components_policy CHECK (policy IN ('auto', 'notify', 'manual')),
        CONSTRAINT uq_components_name UNIQUE (name),
        CONSTRAINT fk_components_current_version_id_component_versions
            FOREIGN KEY(current_version_id) REFERENCES component_versions (id)
            ON DELETE SET NULL)""",
    "component_versions": """CREATE TABLE component_versions (
        id BLOB NOT NULL, component_id BLOB NOT NULL, major INTEGER NOT NULL,
        minor INTEGER NOT NULL, patch INTEGER NOT NULL, prerelease VARCHAR(64) NOT NULL,
        branch VARCHAR(64) NOT NULL, status VARCHAR(16) NOT NULL, created_at BIGINT NOT NULL,
        created_by VARCHAR(64) NOT NULL, "trigger" VARCHAR(32) NOT NULL, reason TEXT,
        inputs_hash BLOB NOT NULL, pattern_id VARCHAR(64) NOT NULL,
        pattern_version VARCHAR(32) NOT NULL, generator VARCHAR(64) NOT NULL,
        generator_version VARCHAR(32) NOT NULL, parameters JSON NOT NULL,
        tokens_blob_id INTEGER NOT NULL, requirements_blob_id INTEGER NOT NULL,
        code_blob_id INTEGER, stories_blob_id INTEGER, pristine_code_blob_id INTEGER NOT NULL,
        pristine_stories_blob_id INTEGER NOT NULL, token_usage_blob_id INTEGER NOT NULL,
        customized BOOLEAN NOT NULL, parent_version_id BLOB, merge_parent_version_id BLOB,
        bump VARCHAR(8), bump_reasons BLOB NOT NULL, change_summary BLOB NOT NULL,
        CONSTRAINT pk_component_versions PRIMARY KEY (id),
        CONSTRAINT ck_component_versions_status
            CHECK (status IN ('draft', 'active', 'rejected', 'superseded', 'archived')),
        CONSTRAINT ck_component_versions_version_numbers
            CHECK (major >= 0 AND minor >= 0 AND patch >= 0),
        CONSTRAINT fk_component_versions_component_id_components
            FOREIGN KEY(component_id) REFERENCES components (id) ON DELETE CASCADE,
        CONSTRAINT fk_component_versions_tokens_blob_id_blobs
            FOREIGN KEY(tokens_blob_id) REFERENCES blobs (id),
        CONSTRAINT fk_component_versions_requirements_blob_id_blobs
            FOREIGN KEY(requirements_blob_id) REFERENCES blobs (id),
        CONSTRAINT fk_component_versions_code_blob_id_blobs
            FOREIGN KEY(code_blob_id) REFERENCES blobs (id),
        CONSTRAINT fk_component_versions_stories_blob_id_blobs
            FOREIGN KEY(stories_blob_id) REFERENCES blobs (id),
        CONSTRAINT fk_component_versions_pristine_code_blob_id_blobs
            FOREIGN KEY(pristine_code_blob_id) REFERENCES blobs (id),
        CONSTRAINT fk_component_versions_pristine_stories_blob_id_blobs
            FOREIGN KEY(pristine_stories_blob_id) REFERENCES blobs (id),
        CONSTRAINT fk_component_versions_token_usage_blob_id_blobs
            FOREIGN KEY(token_usage_blob_id) REFERENCES blobs (id),
        CONSTRAINT fk_component_versions_parent_version_id_component_versions
            FOREIGN KEY(parent_version_id) REFERENCES component_versions (id) ON DELETE SET NULL,
        CONSTRAINT fk_component_versions_merge_parent_version_id_component_versions
            FOREIGN KEY(merge_parent_version_id) REFERENCES component_versions (id)
            ON DELETE SET NULL);
    CREATE INDEX idx_component_id_version
        ON component_versions (component_id, major, minor, patch);
    CREATE INDEX ix_component_versions_component_created
        ON component_versions (component_id, created_at, id);
    CREATE UNIQUE INDEX uq_component_versions_number_accepted
        ON component_versions (component_id, major, minor, patch, prerelease)
        WHERE status IN ('active', 'archived')""",
    "version_tags": """CREATE TABLE version_tags (
        version_id BLOB NOT NULL, tag VARCHAR(64) NOT NULL, created_at BIGINT NOT NULL,
        created_by VARCHAR(64) NOT NULL,
        CONSTRAINT pk_version_tags PRIMARY KEY (version_id, tag),
        CONSTRAINT fk_version_tags_version_id_component_versions
            FOREIGN KEY(version_id) REFERENCES component_versions (id) ON DELETE CASCADE);
    CREATE INDEX ix_version_tags_tag ON version_tags (tag)""",
    "audit_events": """CREATE TABLE audit_events (
        id INTEGER NOT NULL, at BIGINT NOT NULL, actor VARCHAR(64) NOT NULL,
        action VARCHAR(64) NOT NULL, component_id BLOB, version_id BLOB,
        target VARCHAR(128), details BLOB NOT NULL,
        CONSTRAINT pk_audit_events PRIMARY KEY (id),
        CONSTRAINT fk_audit_events_component_id_components
            FOREIGN KEY(component_id) REFERENCES components (id) ON DELETE SET NULL);
    CREATE INDEX ix_audit_events_at_id ON audit_events (at, id);
    CREATE INDEX ix_audit_events_component_at ON audit_events (component_id, at, id);
    CREATE INDEX ix_audit_events_actor_at ON audit_events (actor, at, id);
    CREATE INDEX ix_audit_events_action_at ON audit_events (action, at, id)""",
    "branches": """CREATE TABLE branches (
        id BLOB NOT NULL, component_id BLOB NOT NULL, name VARCHAR(40) NOT NULL,
        base_version_id BLOB NOT NULL, head_version_id BLOB NOT NULL,
        status VARCHAR(16) NOT NULL, created_at BIGINT NOT NULL,
        created_by VARCHAR(64) NOT NULL,
        CONSTRAINT pk_branches PRIMARY KEY (id),
        CONSTRAINT ck_branches_status CHECK (status IN ('active', 'archived', 'merged')),
        CONSTRAINT fk_branches_base_version_id_component_versions
            FOREIGN KEY(base_version_id) REFERENCES component_versions (id),
        CONSTRAINT fk_branches_component_id_components
            FOREIGN KEY(component_id) REFERENCES components (id) ON DELETE CASCADE,
        CONSTRAINT fk_branches_head_version_id_component_versions
            FOREIGN KEY(head_version_id) REFERENCES component_versions (id),
        CONSTRAINT uq_branches_component_id_name UNIQUE (component_id, name));
    CREATE INDEX ix_branches_component_id ON branches (component_id)""",
}


# As 0001-0003 made them (frozen: later model changes must not change what this restores).
OLD_SQLITE = {
    "users": """CREATE TABLE users (
        id CHAR(32) NOT NULL, name VARCHAR(64) NOT NULL, role VARCHAR(16) NOT NULL,
        password_hash VARCHAR(255), disabled BOOLEAN NOT NULL, created_at DATETIME NOT NULL,
        CONSTRAINT pk_users PRIMARY KEY (id),
        CONSTRAINT ck_users_role CHECK (role IN ('viewer', 'editor', 'admin')),
        CONSTRAINT uq_users_name UNIQUE (name))""",
    "api_tokens": """CREATE TABLE api_tokens (
        id CHAR(32) NOT NULL, user_id CHAR(32) NOT NULL, name VARCHAR(64) NOT NULL,
        prefix VARCHAR(16) NOT NULL, secret_hash VARCHAR(64) NOT NULL,
        created_at DATETIME NOT NULL, last_used_at DATETIME, revoked_at DATETIME,
        CONSTRAINT pk_api_tokens PRIMARY KEY (id),
        CONSTRAINT fk_api_tokens_user_id_users FOREIGN KEY(user_id) REFERENCES users (id)
            ON DELETE CASCADE,
        CONSTRAINT uq_api_tokens_prefix UNIQUE (prefix))""",
    "blobs": """CREATE TABLE blobs (
        digest VARCHAR(64) NOT NULL, codec VARCHAR(16) NOT NULL, size INTEGER NOT NULL,
        data BLOB NOT NULL, base_digest VARCHAR(64),
        CONSTRAINT pk_blobs PRIMARY KEY (digest),
        CONSTRAINT fk_blobs_base_digest_blobs FOREIGN KEY(base_digest) REFERENCES blobs (digest))""",
    "components": """CREATE TABLE components (
        id CHAR(32) NOT NULL, name VARCHAR(64) NOT NULL, type VARCHAR(64) NOT NULL,
        policy VARCHAR(16) NOT NULL, current_version_id CHAR(32), created_at DATETIME NOT NULL,
        updated_at DATETIME, created_by VARCHAR(64) NOT NULL,
        CONSTRAINT pk_components PRIMARY KEY (id),
        CONSTRAINT fk_components_current_version_id_component_versions
            FOREIGN KEY(current_version_id) REFERENCES component_versions (id)
            ON DELETE SET NULL,
        CONSTRAINT ck_components_policy CHECK (policy IN ('auto', 'notify', 'manual')),
        CONSTRAINT uq_components_name UNIQUE (name))""",
    "component_versions": """CREATE TABLE component_versions (
        id CHAR(32) NOT NULL, component_id CHAR(32) NOT NULL, major INTEGER NOT NULL,
        minor INTEGER NOT NULL, patch INTEGER NOT NULL, prerelease VARCHAR(64) NOT NULL,
        branch VARCHAR(64) NOT NULL, status VARCHAR(16) NOT NULL, created_at DATETIME NOT NULL,
        created_by VARCHAR(64) NOT NULL, "trigger" VARCHAR(32) NOT NULL, reason TEXT,
        tokens_hash VARCHAR(64) NOT NULL, requirements_hash VARCHAR(64) NOT NULL,
        inputs_hash VARCHAR(64) NOT NULL, pattern_id VARCHAR(64) NOT NULL,
        pattern_version VARCHAR(32) NOT NULL, generator VARCHAR(64) NOT NULL,
        generator_version VARCHAR(32) NOT NULL, parameters JSON NOT NULL,
        tokens_blob VARCHAR(64) NOT NULL, requirements_blob VARCHAR(64) NOT NULL,
        code_blob VARCHAR(64) NOT NULL, stories_blob VARCHAR(64) NOT NULL,
        pristine_code_blob VARCHAR(64) NOT NULL, pristine_stories_blob VARCHAR(64) NOT NULL,
        token_usage_blob VARCHAR(64) NOT NULL, customized BOOLEAN NOT NULL,
        parent_version_id CHAR(32), merge_parent_version_id CHAR(32), bump VARCHAR(8),
        bump_reasons JSON NOT NULL, change_summary JSON NOT NULL,
        CONSTRAINT pk_component_versions PRIMARY KEY (id),
        CONSTRAINT ck_component_versions_status
            CHECK (status IN ('draft', 'active', 'rejected', 'superseded', 'archived')),
        CONSTRAINT ck_component_versions_version_numbers
            CHECK (major >= 0 AND minor >= 0 AND patch >= 0),
        CONSTRAINT fk_component_versions_component_id_components
            FOREIGN KEY(component_id) REFERENCES components (id) ON DELETE CASCADE,
        CONSTRAINT fk_component_versions_parent_version_id_component_versions
            FOREIGN KEY(parent_version_id) REFERENCES component_versions (id) ON DELETE SET NULL,
        CONSTRAINT fk_component_versions_merge_parent_version_id_component_versions
            FOREIGN KEY(merge_parent_version_id) REFERENCES component_versions (id)
            ON DELETE SET NULL,
        CONSTRAINT fk_component_versions_tokens_blob_blobs
            FOREIGN KEY(tokens_blob) REFERENCES blobs (digest),
        CONSTRAINT fk_component_versions_requirements_blob_blobs
            FOREIGN KEY(requirements_blob) REFERENCES blobs (digest),
        CONSTRAINT fk_component_versions_code_blob_blobs
            FOREIGN KEY(code_blob) REFERENCES blobs (digest),
        CONSTRAINT fk_component_versions_stories_blob_blobs
            FOREIGN KEY(stories_blob) REFERENCES blobs (digest),
        CONSTRAINT fk_component_versions_pristine_code_blob_blobs
            FOREIGN KEY(pristine_code_blob) REFERENCES blobs (digest),
        CONSTRAINT fk_component_versions_pristine_stories_blob_blobs
            FOREIGN KEY(pristine_stories_blob) REFERENCES blobs (digest),
        CONSTRAINT fk_component_versions_token_usage_blob_blobs
            FOREIGN KEY(token_usage_blob) REFERENCES blobs (digest));
    CREATE INDEX idx_component_id_version
        ON component_versions (component_id, major, minor, patch);
    CREATE INDEX idx_tokens_hash ON component_versions (tokens_hash);
    CREATE INDEX idx_status ON component_versions (status);
    CREATE INDEX ix_component_versions_component_created
        ON component_versions (component_id, created_at, id);
    CREATE UNIQUE INDEX uq_component_versions_number_accepted
        ON component_versions (component_id, major, minor, patch, prerelease)
        WHERE status IN ('active', 'archived')""",
    "version_tags": """CREATE TABLE version_tags (
        version_id CHAR(32) NOT NULL, tag VARCHAR(64) NOT NULL, created_at DATETIME NOT NULL,
        created_by VARCHAR(64) NOT NULL,
        CONSTRAINT pk_version_tags PRIMARY KEY (version_id, tag),
        CONSTRAINT fk_version_tags_version_id_component_versions
            FOREIGN KEY(version_id) REFERENCES component_versions (id) ON DELETE CASCADE);
    CREATE INDEX ix_version_tags_tag ON version_tags (tag)""",
    "audit_events": """CREATE TABLE audit_events (
        id INTEGER NOT NULL, at DATETIME NOT NULL, actor VARCHAR(64) NOT NULL,
        action VARCHAR(64) NOT NULL, component_id CHAR(32), version_id CHAR(32),
        target VARCHAR(128), details JSON NOT NULL,
        CONSTRAINT pk_audit_events PRIMARY KEY (id),
        CONSTRAINT fk_audit_events_component_id_components
            FOREIGN KEY(component_id) REFERENCES components (id) ON DELETE SET NULL);
    CREATE INDEX ix_audit_events_at_id ON audit_events (at, id);
    CREATE INDEX ix_audit_events_component_at ON audit_events (component_id, at, id);
    CREATE INDEX ix_audit_events_actor_at ON audit_events (actor, at, id);
    CREATE INDEX ix_audit_events_action_at ON audit_events (action, at, id)""",
    "branches": """CREATE TABLE branches (
        id CHAR(32) NOT NULL, component_id CHAR(32) NOT NULL, name VARCHAR(40) NOT NULL,
        base_version_id CHAR(32) NOT NULL, head_version_id CHAR(32) NOT NULL,
        status VARCHAR(16) NOT NULL, created_at DATETIME NOT NULL,
        created_by VARCHAR(64) NOT NULL,
        CONSTRAINT pk_branches PRIMARY KEY (id),
        CONSTRAINT ck_branches_status CHECK (status IN ('active', 'archived', 'merged')),
        CONSTRAINT fk_branches_base_version_id_component_versions
            FOREIGN KEY(base_version_id) REFERENCES component_versions (id),
        CONSTRAINT fk_branches_component_id_components
            FOREIGN KEY(component_id) REFERENCES components (id) ON DELETE CASCADE,
        CONSTRAINT fk_branches_head_version_id_component_versions
            FOREIGN KEY(head_version_id) REFERENCES component_versions (id),
        CONSTRAINT uq_branches_component_id_name UNIQUE (component_id, name));
    CREATE INDEX ix_branches_component_id ON branches (component_id)""",
}
