"""Create components, read their versions, tag them and package them for download.

Services flush but never commit: the request, CLI command or task owns the transaction.
"""

from __future__ import annotations

import io
import json
import threading
import uuid
import zipfile
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from redraft.codegen.base import GeneratedComponent, GenerationInputs, Generator
from redraft.codegen.render import generation_inputs
from redraft.core.semver import Bump, Version
from redraft.core.tokens.model import JsonValue, TokenSet, canonical_json
from redraft.db.blobs import BlobStore
from redraft.db.models import Component, ComponentVersion
from redraft.errors import Conflict, InvalidInput, NotFound
from redraft.features.audit import service as audit
from redraft.features.components import repository
from redraft.features.components.repository import VersionFilter
from redraft.spec.requirements import Requirements

FIRST_VERSION = Version(1, 0, 0)
DOWNLOAD_PARTS = ("code", "stories", "zip")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True, slots=True)
class VersionContent:
    """A version with its stored bodies loaded from the blob store."""

    version: ComponentVersion
    code: str
    stories: str
    pristine_code: str
    pristine_stories: str
    tokens_json: str
    requirements: dict[str, Any]
    token_usage: list[dict[str, Any]]

    @property
    def tokens(self) -> dict[str, Any]:
        """The token set as stored (canonical JSON), decoded on each access: a fresh dict.

        Decoded only when asked for: most readers want code and stories, and decoding the
        136-token demo set costs 0.3 ms.
        """
        tokens: dict[str, Any] = json.loads(self.tokens_json)
        return tokens

    def token_set(self) -> TokenSet:
        """The token set, parsed once per process for each stored set (they are immutable)."""
        return _token_set(self.version.tokens_blob, self.tokens_json)


# Parsed token sets by blob digest. A regeneration of every component reads the same stored
# set for each of them; parsing it (JSON, then 136 `Token`s) costs 0.8 ms, and hashing it
# again later 0.6 ms. A set is immutable and its digest names its content, so sharing one is
# exact. A few sets are live at a time (the old and the new one of a token change).
_TOKEN_SET_MEMO_SIZE = 8
_token_sets: OrderedDict[str, TokenSet] = OrderedDict()
_token_sets_lock = threading.Lock()


def _token_set(digest: str, text: str) -> TokenSet:
    with _token_sets_lock:
        found = _token_sets.get(digest)
        if found is not None:
            _token_sets.move_to_end(digest)
            return found
    parsed = TokenSet.from_canonical(json.loads(text))
    with _token_sets_lock:
        _token_sets[digest] = parsed
        if len(_token_sets) > _TOKEN_SET_MEMO_SIZE:
            _token_sets.popitem(last=False)
    return parsed


@dataclass(frozen=True, slots=True)
class Download:
    filename: str
    media_type: str
    body: bytes


def _now() -> datetime:
    return datetime.now(UTC)


def find_component(session: Session, key: str) -> Component | None:
    return repository.find_component(session, key)


def get_component(session: Session, key: str) -> Component:
    component = repository.find_component(session, key)
    if component is None:
        raise NotFound(f"no component {key!r}")
    return component


def list_components(
    session: Session,
    *,
    pattern: str | None = None,
    query: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[Component]:
    items, total = repository.list_components(
        session, pattern=pattern, query=query, limit=limit, offset=offset
    )
    return Page(items, total, limit, offset)


def get_version(session: Session, version_id: uuid.UUID | str) -> ComponentVersion:
    try:
        key = version_id if isinstance(version_id, uuid.UUID) else uuid.UUID(version_id)
    except ValueError:
        raise NotFound(f"no version {version_id!r}") from None
    version = repository.get_version_with_tags(session, key)
    if version is None:
        raise NotFound(f"no version {version_id}")
    return version


def find_version_by_number(session: Session, component: Component, number: str) -> ComponentVersion:
    """A version given as `1.2.0` (the accepted one, else the newest with that number)."""
    try:
        wanted = Version.parse(number)
    except InvalidInput:
        raise NotFound(f"{component.name} has no version {number!r}") from None
    matches = repository.versions_numbered(session, component.id, wanted)
    if not matches:
        raise NotFound(f"{component.name} has no version {number}")
    accepted = [v for v in matches if v.status in ("active", "archived")]
    return (accepted or matches)[0]


def list_versions(
    session: Session, component: Component, flt: VersionFilter, *, limit: int = 50, offset: int = 0
) -> Page[ComponentVersion]:
    if limit < 1 or offset < 0:
        raise InvalidInput("limit must be at least 1 and offset at least 0")
    items, total = repository.list_versions(session, component.id, flt, limit=limit, offset=offset)
    return Page(items, total, limit, offset)


@dataclass(frozen=True, slots=True)
class VersionMeta:
    """Who made a version, why, what number and status it gets, and where it sits."""

    actor: str
    trigger: str
    number: Version
    status: str
    reason: str | None = None
    branch: str = "main"
    parent_version_id: uuid.UUID | None = None
    merge_parent_version_id: uuid.UUID | None = None
    bump: Bump | None = None
    bump_reasons: tuple[str, ...] = ()
    change_summary: Mapping[str, Any] | None = None


def create_component(
    session: Session,
    *,
    requirements: Requirements,
    tokens: TokenSet,
    generator: Generator,
    actor: str,
    parameters: Mapping[str, JsonValue] | None = None,
    reason: str | None = None,
) -> ComponentVersion:
    """Generate a new component's first version (1.0.0, active and current)."""
    if repository.find_component(session, requirements.name) is not None:
        raise Conflict(f"a component named {requirements.name!r} already exists")
    inputs = generation_inputs(generator, tokens, requirements, parameters=parameters)
    output = generator.render(inputs)
    now = _now()
    component = Component(
        name=requirements.name, type=inputs.pattern.id, created_at=now, created_by=actor
    )
    session.add(component)
    session.flush()
    meta = VersionMeta(
        actor=actor, trigger="create", number=FIRST_VERSION, status="active", reason=reason
    )
    version = record_generation(
        session, component, inputs, output, code=output.code, stories=output.stories, meta=meta
    )
    component.current_version_id = version.id
    component.updated_at = now
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="component.create",
        component_id=component.id,
        version_id=version.id,
        target=f"{component.name} {version.version_string}",
        details={"pattern": f"{inputs.pattern.id}@{inputs.pattern.version}", "reason": reason},
    )
    return version


def record_generation(
    session: Session,
    component: Component,
    inputs: GenerationInputs,
    output: GeneratedComponent,
    *,
    code: str,
    stories: str,
    meta: VersionMeta,
) -> ComponentVersion:
    """Store a version made by the generator: new inputs, pristine output, and its code."""
    requirements_json = canonical_json(inputs.requirements.canonical())
    usage = [
        {"path": use.path, "chain": list(use.chain), "slots": list(use.slots)}
        for use in output.token_usage
    ]

    bodies = {
        "tokens_blob": inputs.tokens.canonical_text(),
        "requirements_blob": requirements_json,
        "pristine_code_blob": output.code,
        "pristine_stories_blob": output.stories,
        "token_usage_blob": canonical_json(usage),
    }
    # The token set's and the requirements' hashes are the digests of their blobs (sha256 of
    # the same canonical JSON), so they are not stored twice: see `ComponentVersion`.
    version = ComponentVersion(
        inputs_hash=output.inputs_sha256,
        pattern_id=inputs.pattern.id,
        pattern_version=inputs.pattern.version,
        generator=inputs.generator,
        generator_version=inputs.generator_version,
        parameters=dict(inputs.parameters),
    )
    return _finish_version(
        session,
        component,
        version,
        code=code,
        stories=stories,
        meta=meta,
        pristine=(output.code, output.stories),
        bodies=bodies,
    )


def record_derived(
    session: Session,
    component: Component,
    source: ComponentVersion,
    *,
    code: str,
    stories: str,
    meta: VersionMeta,
) -> ComponentVersion:
    """Store a version that keeps `source`'s inputs and pristine output (an edit, a rollback)."""
    bodies = BlobStore(session).get_by_ids(
        {source.pristine_code_blob_id, source.pristine_stories_blob_id}
    )
    version = ComponentVersion(
        inputs_hash=source.inputs_hash,
        pattern_id=source.pattern_id,
        pattern_version=source.pattern_version,
        generator=source.generator,
        generator_version=source.generator_version,
        parameters=dict(source.parameters),
        tokens_blob_id=source.tokens_blob_id,
        requirements_blob_id=source.requirements_blob_id,
        pristine_code_blob_id=source.pristine_code_blob_id,
        pristine_stories_blob_id=source.pristine_stories_blob_id,
        token_usage_blob_id=source.token_usage_blob_id,
    )
    return _finish_version(
        session,
        component,
        version,
        code=code,
        stories=stories,
        meta=meta,
        pristine=(
            bodies[source.pristine_code_blob_id],
            bodies[source.pristine_stories_blob_id],
        ),
    )


def _finish_version(
    session: Session,
    component: Component,
    version: ComponentVersion,
    *,
    code: str,
    stories: str,
    meta: VersionMeta,
    pristine: tuple[str, str],
    bodies: Mapping[str, str] | None = None,
) -> ComponentVersion:
    """Number, describe, store and flush `version`; `bodies` are further blob columns to store
    (column name → text), put in the same INSERT as the code and stories."""
    parent = _parent_of(session, meta)
    version.component_id = component.id
    version.major, version.minor, version.patch = (
        meta.number.major,
        meta.number.minor,
        meta.number.patch,
    )
    version.prerelease = meta.number.prerelease
    version.branch = meta.branch
    version.status = meta.status
    version.created_at = _now()
    version.created_by = meta.actor
    version.trigger = meta.trigger
    version.reason = meta.reason
    texts = {**(bodies or {}), "code_blob": code, "stories_blob": stories}
    blobs = BlobStore(session)
    if parent is not None:
        # Usually read already (no query); in a batch's storing process, read here in the one
        # round trip that reading the delta bases would take anyway.
        blobs.get_by_ids(parent.blob_ids())
    # Each body is stored against the parent's same body: a one-token change costs bytes, not
    # KB. Code equal to the pristine output keeps the pristine row (listed first), as before.
    digests = blobs.put_many(
        [(text, getattr(parent, column) if parent else None) for column, text in texts.items()]
    )
    for column, digest in zip(texts, digests, strict=True):
        setattr(version, column, digest)
    version.customized = (code, stories) != pristine
    version.parent_version_id = meta.parent_version_id
    version.merge_parent_version_id = meta.merge_parent_version_id
    version.bump = meta.bump.label if meta.bump is not None else None
    version.bump_reasons = list(meta.bump_reasons)
    version.change_summary = dict(meta.change_summary or {})
    version.tags = []  # a new version has none; saves a query (the relationship raises)
    session.add(version)
    flush_or_conflict(session, f"{component.name} {meta.number}")
    return version


def replace_code(session: Session, version: ComponentVersion, *, code: str, stories: str) -> None:
    """Change a draft's code and stories (after conflict resolution); accepted versions are
    immutable."""
    if version.status != "draft":
        raise Conflict(f"version {version.version_string} is {version.status}; only drafts change")
    blobs = BlobStore(session)
    version.code_blob, version.stories_blob = blobs.put_many(
        [(code, version.pristine_code_blob), (stories, version.pristine_stories_blob)]
    )
    pristine = blobs.get_many({version.pristine_code_blob, version.pristine_stories_blob})
    version.customized = (code, stories) != (
        pristine[version.pristine_code_blob],
        pristine[version.pristine_stories_blob],
    )


def _parent_of(session: Session, meta: VersionMeta) -> ComponentVersion | None:
    if meta.parent_version_id is None:
        return None
    return session.get(ComponentVersion, meta.parent_version_id)


def flush_or_conflict(session: Session, what: str) -> None:
    """Flush; a unique-constraint race (two writers, one number) becomes a `Conflict`."""
    try:
        session.flush()
    except IntegrityError as exc:
        raise Conflict(f"{what} was taken by a concurrent change; reload and try again") from exc


def load_content(session: Session, version: ComponentVersion) -> VersionContent:
    blobs = BlobStore(session)
    blobs.get_by_ids(version.blob_ids())  # one round trip; the digests below are then known
    bodies = blobs.get_many(
        {
            version.code_blob,
            version.stories_blob,
            version.pristine_code_blob,
            version.pristine_stories_blob,
            version.tokens_blob,
            version.requirements_blob,
            version.token_usage_blob,
        }
    )
    return VersionContent(
        version=version,
        code=bodies[version.code_blob],
        stories=bodies[version.stories_blob],
        pristine_code=bodies[version.pristine_code_blob],
        pristine_stories=bodies[version.pristine_stories_blob],
        tokens_json=bodies[version.tokens_blob],
        requirements=json.loads(bodies[version.requirements_blob]),
        token_usage=json.loads(bodies[version.token_usage_blob]),
    )


def download(session: Session, version: ComponentVersion, part: str) -> Download:
    """The version's code, stories or both as a zip, under safe file names."""
    if part not in DOWNLOAD_PARTS:
        raise InvalidInput(
            f"download part must be one of {', '.join(DOWNLOAD_PARTS)}, not {part!r}"
        )
    component = session.get(Component, version.component_id)
    if component is None:
        raise NotFound(f"version {version.id} has no component")
    content = load_content(session, version)
    # Component names are validated PascalCase identifiers, so they are safe as file names.
    base = component.name
    if part == "code":
        return Download(f"{base}.tsx", "text/plain; charset=utf-8", content.code.encode())
    if part == "stories":
        return Download(
            f"{base}.stories.tsx", "text/plain; charset=utf-8", content.stories.encode()
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        # A fixed timestamp keeps the archive byte-identical for the same version.
        for name, text in ((f"{base}.tsx", content.code), (f"{base}.stories.tsx", content.stories)):
            info = zipfile.ZipInfo(f"{base}/{name}", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text)
    return Download(f"{base}-{version.version_string}.zip", "application/zip", buffer.getvalue())
