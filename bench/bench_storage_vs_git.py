"""Storage per version of a 1,000-version history: redraft's database next to a packed git repo.

Run: ``.venv/bin/python bench/bench_storage_vs_git.py [--versions N] [--component NAME]``.

One demo component (ProductCard by default: the largest generated module) is created in a
fresh SQLite database and changed version after version through the real services, with a
fixed seed: mostly a token it uses gets a new value (regenerate, accept), sometimes a person
edits the code by hand (``edit_code``), sometimes the requirements' wording changes
(regenerate, accept; later regenerations merge the hand edits). Every accepted version's code,
stories, token set JSON and requirements JSON — the bytes redraft stores — are also committed,
one commit per version, to a ``git init`` repository in a temporary directory, which is then
packed with ``git gc --aggressive``.

redraft's size is the SQLite file after VACUUM (everything: rows, indexes, blobs, the audit
log, free pages), broken down per table and index with SQLite's ``dbstat`` into the version
history (version rows, tags, blobs and their indexes: what the git repository holds the
counterpart of), the audit log, and everything else (users, components, branches, the schema:
a page or two each however long the history); git's is ``.git/objects`` after the gc (the
pack and its index). The target is at most twice git's bytes per version; the ratio is
printed for the version history, the whole file, and the whole file less a freshly migrated
empty database.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from redraft.codegen.registry import load_generator
from redraft.core.tokens.model import TokenSet
from redraft.db.engine import create_engine_for
from redraft.db.migrate import upgrade
from redraft.db.models import ComponentVersion
from redraft.db.session import create_session_factory, unit_of_work
from redraft.errors import NothingChanged
from redraft.features.components import service as components
from redraft.features.regeneration import service as regeneration
from redraft.integrations.tokenfiles import parse_token_text
from redraft.spec.requirements import Requirements, parse_requirements

TARGET_RATIO = 2.0
BLOB_IDS = (
    "tokens_blob_id",
    "requirements_blob_id",
    "code_blob_id",
    "stories_blob_id",
    "pristine_code_blob_id",
    "pristine_stories_blob_id",
    "token_usage_blob_id",
)
DATA = resources.files("redraft.features.demo") / "data"
# What happens between two versions, by share: design changes dominate a component's history.
STEPS = [("token", 70), ("edit", 20), ("wording", 10)]


def _leaves(
    node: dict[str, Any], path: str, kind: str | None
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    kind = node.get("$type", kind)
    if "$value" in node:
        yield path, kind or "", node
        return
    for key, child in node.items():
        if not key.startswith("$") and isinstance(child, dict):
            yield from _leaves(child, f"{path}.{key}" if path else key, kind)


class Design:
    """The demo token document and requirements, changed one realistic step at a time."""

    def __init__(self, name: str, rng: random.Random) -> None:
        self.rng = rng
        self.document: dict[str, Any] = json.loads((DATA / "tokens.json").read_text("utf-8"))
        folder = DATA / "requirements"
        for file in folder.iterdir():
            data = json.loads(file.read_text("utf-8"))
            if data["name"] == name:
                self.requirements: dict[str, Any] = data
                break
        else:
            raise SystemExit(f"no demo component named {name}")
        self.revision = 0

    def tokens(self) -> TokenSet:
        return parse_token_text(json.dumps(self.document), name="tokens.json")

    def spec(self) -> Requirements:
        return parse_requirements(self.requirements)

    def change_token(self, used: set[str]) -> str:
        """Give a literal colour or dimension the component depends on a new value."""
        candidates = [
            (path, kind, node)
            for path, kind, node in _leaves(self.document, "", None)
            if path in used and kind in ("color", "dimension") and isinstance(node["$value"], dict)
        ]
        path, kind, node = self.rng.choice(candidates)
        if kind == "color":
            rgb = [self.rng.randrange(256) for _ in range(3)]
            node["$value"] = {
                "colorSpace": "srgb",
                "components": [round(c / 255, 4) for c in rgb],
                "hex": "#" + "".join(f"{c:02x}" for c in rgb),
            }
        else:
            node["$value"] = {**node["$value"], "value": self.rng.choice([2, 4, 6, 8, 12, 16, 24])}
        return path

    def change_wording(self) -> None:
        self.revision += 1
        base = self.requirements["description"].split(" (rev")[0]
        self.requirements["description"] = f"{base} (rev {self.revision})"


def hand_edit(code: str, rng: random.Random, step: int) -> str:
    """Insert a reviewer's comment after a statement or an opening brace, or drop an old one."""
    lines = code.split("\n")
    notes = [n for n, line in enumerate(lines) if line.strip().startswith("// review:")]
    if notes and rng.random() < 0.3:
        del lines[rng.choice(notes)]
        return "\n".join(lines)
    spots = [n for n, line in enumerate(lines[1:], start=1) if line.rstrip().endswith((";", "{"))]
    at = rng.choice(spots)
    indent = len(lines[at]) - len(lines[at].lstrip()) + 2
    lines.insert(at + 1, " " * indent + f"// review: checked at step {step}")
    return "\n".join(lines)


def used_paths(session: Session, version: ComponentVersion) -> set[str]:
    usage = components.load_content(session, version).token_usage
    return {path for use in usage for path in use["chain"]}


def build_history(
    factory: sessionmaker[Session], design: Design, count: int, git: GitMirror
) -> Counter[str]:
    generator = load_generator()
    steps: Counter[str] = Counter()
    with unit_of_work(factory) as session:
        first = components.create_component(
            session,
            requirements=design.spec(),
            tokens=design.tokens(),
            generator=generator,
            actor="designer",
        )
        git.commit(components.load_content(session, first), design.spec().name, 1)
    made = 1
    step = 0
    while made < count:
        step += 1
        kind = design.rng.choices([k for k, _ in STEPS], [w for _, w in STEPS])[0]
        with unit_of_work(factory) as session:
            name = design.spec().name
            current = components.get_version(
                session, components.get_component(session, name).current_version_id or ""
            )
            version = make_version(session, design, kind, current, step, generator)
            if version is None:
                steps["no-op"] += 1
                continue
            steps[kind] += 1
            content = components.load_content(session, version)
        made += 1
        git.commit(content, name, made)
    return steps


def make_version(
    session: Session,
    design: Design,
    kind: str,
    current: ComponentVersion,
    step: int,
    generator: Any,
) -> ComponentVersion | None:
    name = design.spec().name
    if kind == "edit":
        code = hand_edit(components.load_content(session, current).code, design.rng, step)
        try:
            return regeneration.edit_code(session, name, code=code, actor="developer")
        except NothingChanged:
            return None
    if kind == "token":
        design.change_token(used_paths(session, current))
    else:
        design.change_wording()
    result = regeneration.regenerate(
        session,
        name,
        generator=generator,
        actor="designer",
        tokens=design.tokens(),
        requirements=design.spec(),
    )
    draft = result.draft
    if draft is None:
        return None
    conflicts = regeneration.open_conflicts(draft)
    if conflicts:
        # The new design wins where it clashes with a hand edit, as a reviewer would choose.
        regeneration.resolve(
            session,
            draft.id,
            actor="developer",
            code_choices={c["index"]: "theirs" for c in conflicts if c["file"] == "code"},
            stories_choices={c["index"]: "theirs" for c in conflicts if c["file"] == "stories"},
        )
    return regeneration.accept(session, draft.id, actor="designer")


class GitMirror:
    """Two repositories fed the same history, one commit per version each: `files` holds the
    four files the target compares against, `full` everything redraft keeps (the pristine
    output, the token usage and the version row as JSON too), for a like-for-like figure."""

    def __init__(self, root: Path) -> None:
        self.files, self.full = root / "files", root / "full"
        for repo in (self.files, self.full):
            repo.mkdir()
            subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, check=True)

    def commit(self, content: components.VersionContent, name: str, number: int) -> None:
        files = {
            f"{name}.tsx": content.code,
            f"{name}.stories.tsx": content.stories,
            # The same bytes redraft stores: canonical JSON.
            "tokens.json": _canonical(content.tokens),
            "requirements.json": _canonical(content.requirements),
        }
        table = ComponentVersion.__table__
        version = content.version
        row = {c.key: getattr(version, c.key) for c in table.columns if c.key not in BLOB_IDS}
        # The bodies by digest, as the row means them (it holds integer blob ids).
        row |= {c.removesuffix("_id"): getattr(version, c.removesuffix("_id")) for c in BLOB_IDS}
        everything = {
            **files,
            f"{name}.pristine.tsx": content.pristine_code,
            f"{name}.pristine.stories.tsx": content.pristine_stories,
            "token-usage.json": _canonical(content.token_usage),
            "version.json": json.dumps(row, sort_keys=True, default=str),
        }
        _commit(self.files, files, number)
        _commit(self.full, everything, number)


def _commit(repo: Path, files: dict[str, str], number: int) -> None:
    for file, text in files.items():
        (repo / file).write_text(text, encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(
        ["git", "-c", "user.name=b", "-c", "user.email=b@b", "commit", "-q", "-m", f"v{number}"],
        cwd=repo,
        check=True,
    )


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def git_bytes(git: Path) -> tuple[int, int]:
    """Bytes under .git/objects after an aggressive gc, and how many of them are in packs."""
    subprocess.run(["git", "gc", "--aggressive", "--prune=now", "-q"], cwd=git, check=True)
    objects = git / ".git" / "objects"
    total = sum(f.stat().st_size for f in objects.rglob("*") if f.is_file())
    packed = sum(f.stat().st_size for f in (objects / "pack").iterdir() if f.is_file())
    return total, packed


# What the history is (the rows a version adds, their indexes and its bodies), what logs it,
# and the rest (users, components, branches, the schema: a page or two each, whatever the
# history's length).
GROUPS = {
    "version history": ("blobs", "component_versions", "version_tags"),
    "audit log": ("audit_events",),
}


@dataclass(frozen=True, slots=True)
class Sizes:
    file: int  # the SQLite file after VACUUM
    names: dict[str, int]  # bytes of pages per table and index (dbstat)
    groups: dict[str, dict[str, int]]  # the same, by GROUPS (and "everything else")
    blob_bytes: int  # compressed bodies as stored
    anatomy: list[tuple[str, float]]  # average stored bytes per version by what they hold


def sqlite_sizes(path: Path, versions: int) -> Sizes:
    db = sqlite3.connect(path)
    try:
        db.execute("VACUUM")
        names = dict(db.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name").fetchall())
        owner = dict(db.execute("SELECT name, tbl_name FROM sqlite_master").fetchall())
        groups: dict[str, dict[str, int]] = {group: {} for group in (*GROUPS, "everything else")}
        for name, size in names.items():
            table = owner.get(name, name)
            group = next((g for g, tables in GROUPS.items() if table in tables), None)
            groups[group or "everything else"][name] = size
        blob_bytes = db.execute("SELECT SUM(length(data)) FROM blobs").fetchone()[0]
        anatomy = row_anatomy(db, versions)
    finally:
        db.close()
    return Sizes(path.stat().st_size, names, groups, blob_bytes, anatomy)


def row_anatomy(db: sqlite3.Connection, versions: int) -> list[tuple[str, float]]:
    """Average stored bytes per version by what they hold, before page and index overhead."""
    columns = [row[1] for row in db.execute("PRAGMA table_info(component_versions)")]
    # Integers and blobs at their stored size (SQLite varints), text at its length.
    size = " + ".join(
        f"coalesce(CASE typeof({c}) WHEN 'integer' THEN {_int_bytes(c)}"
        f" ELSE length(CAST({c} AS BLOB)) END, 0)"
        for c in columns
    )
    refs = " + ".join(_int_bytes(c) for c in columns if c.endswith("_blob_id"))
    row, summary, reasons, ref_bytes = db.execute(
        f"SELECT avg({size}), avg(length(change_summary)), avg(length(bump_reasons)),"
        f" avg({refs}) FROM component_versions"
    ).fetchone()
    count, data = db.execute("SELECT count(*), sum(length(data)) FROM blobs").fetchone()
    events, details = db.execute(
        "SELECT count(*), sum(length(details)) FROM audit_events"
    ).fetchone()
    return [
        ("version row, column bytes", row),
        ("  of which change summary (packed JSON)", summary),
        ("  of which bump reasons (packed JSON)", reasons),
        ("  of which 7 blob references (integer ids)", ref_bytes),
        ("  of which inputs digest", 32.0),
        (f"new blobs per version: {count / versions:.1f}, compressed data", data / versions),
        ("  their digests (32 bytes each, stored once)", 32 * count / versions),
        (f"audit events per version: {events / versions:.1f}, packed details", details / versions),
    ]


def _int_bytes(column: str) -> str:
    """SQL for the bytes SQLite stores an integer in (0 for NULL; 0/1 are free too)."""
    return (
        f"(CASE WHEN {column} IS NULL OR {column} IN (0, 1) THEN 0"
        f" WHEN abs({column}) < 128 THEN 1 WHEN abs({column}) < 32768 THEN 2"
        f" WHEN abs({column}) < 8388608 THEN 3 WHEN abs({column}) < 2147483648 THEN 4"
        f" WHEN abs({column}) < 140737488355328 THEN 6 ELSE 8 END)"
    )


def empty_database_bytes(root: Path) -> int:
    """A freshly migrated database after VACUUM: a page or two per table and index."""
    path = root / "empty.db"
    upgrade(f"sqlite:///{path}")
    db = sqlite3.connect(path)
    try:
        db.execute("VACUUM")
    finally:
        db.close()
    return path.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description="redraft's storage per version next to git's.")
    parser.add_argument("--versions", type=int, default=1000)
    parser.add_argument("--component", default="ProductCard")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="redraft-bench-storage-") as tmp:
        root = Path(tmp)
        db_path = root / "redraft.db"
        git = GitMirror(root)
        url = f"sqlite:///{db_path}"
        upgrade(url)
        engine = create_engine_for(url)
        start = time.perf_counter()
        steps = build_history(
            create_session_factory(engine),
            Design(args.component, random.Random(7)),
            args.versions,
            git,
        )
        engine.dispose()
        took = time.perf_counter() - start
        sizes = sqlite_sizes(db_path, args.versions)
        empty = empty_database_bytes(root)
        git_total, git_packed = git_bytes(git.files)
        git_full, _ = git_bytes(git.full)
        raw = sum(f.stat().st_size for f in git.files.iterdir() if f.is_file())
    report(
        args.component,
        args.versions,
        took,
        steps,
        raw,
        sizes,
        empty,
        git_total,
        git_packed,
        git_full,
    )


def report(
    component: str,
    versions: int,
    took: float,
    steps: Counter[str],
    raw: int,
    sizes: Sizes,
    empty: int,
    git_total: int,
    git_packed: int,
    git_full: int,
) -> None:
    print(f"{component}: {versions:,} versions in {took:.0f} s; steps {dict(steps)}")
    print(f"one version's four files: {raw:,} bytes uncompressed\n")
    print(f"{'where (SQLite pages after VACUUM, dbstat)':<56} {'bytes':>11} {'per version':>12}")
    totals = {}
    for group, names in sizes.groups.items():
        totals[group] = sum(names.values())
        print(f"  {group:<54} {totals[group]:>11,} {totals[group] / versions:>12,.0f}")
        for name, size in sorted(names.items(), key=lambda item: -item[1]):
            if size >= 8192 or group != "everything else":
                print(f"    {name:<52} {size:>11,} {size / versions:>12,.0f}")
    history = totals["version history"]
    rows = [
        ("redraft: SQLite file after VACUUM (everything)", sizes.file),
        ("redraft: version history (rows, indexes, blobs)", history),
        ("redraft: stored blob bytes (compressed bodies)", sizes.blob_bytes),
        ("redraft: a freshly migrated, empty database", empty),
        ("git: .git/objects after gc --aggressive", git_total),
        ("git: of which packs", git_packed),
        ("git, like for like: + pristine, usage, row as JSON", git_full),
    ]
    print()
    for label, size in rows:
        print(f"{label:<56} {size:>11,} {size / versions:>12,.0f}")
    print("\nwhere a version's bytes go (SQLite, before page and index overhead)")
    for label, size in sizes.anatomy:
        print(f"  {label:<54} {size:>12,.0f}")
    print()
    for label, size in (
        ("version history", history),
        ("whole file", sizes.file),
        ("whole file less the empty database", sizes.file - empty),
    ):
        ratio = size / git_total
        verdict = "meets" if ratio <= TARGET_RATIO else "MISSES"
        print(f"ratio redraft / git, {label:<36} {ratio:5.2f}x ({verdict} the 2x target)")
    print(
        f"like for like: redraft / git {sizes.file / git_full:.2f}x; stored bodies alone "
        f"{sizes.blob_bytes / git_total:.2f}x git's four files"
    )


if __name__ == "__main__":
    main()
