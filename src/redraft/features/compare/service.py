"""Compare any two versions of one component, on any branches and in any status.

A comparison reads both versions' bodies and runs the same pure steps as a regeneration: the
line diff of code and stories, the change set between the inputs, the props-API comparison and
the bump they add up to. Versions are immutable except a draft's code and stories (conflict
resolution replaces them), so the computed part is cached by the digests of the bodies it
reads, never by version ids: a resolved draft has new digests and misses the cache.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy.orm import Session

from redraft.core.bump import BumpDecision, decide_bump
from redraft.core.changes import ChangeSet, summarize
from redraft.core.diff import TextDiff, diff_texts, unified_diff
from redraft.core.semver import Version
from redraft.core.tsprops import ApiDiff, ModuleApi, compare_api
from redraft.db.digests import look_up
from redraft.db.models import Component, ComponentVersion
from redraft.errors import InvalidInput
from redraft.features.components import service as components
from redraft.features.regeneration.pipeline import detect_changes
from redraft.features.regeneration.service import snapshot
from redraft.integrations.tsx import extract_api

DEFAULT_CONTEXT = 3
V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the bodies of two versions say about their difference (no metadata)."""

    code: TextDiff
    stories: TextDiff
    changes: ChangeSet
    change_lines: tuple[str, ...]
    api: ApiDiff
    decision: BumpDecision


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two versions of one component and how they differ; `from_version` is the old side."""

    component: Component
    from_version: ComponentVersion
    to_version: ComponentVersion
    context: int
    analysis: Analysis

    @property
    def identical(self) -> bool:
        """Same code, same stories and no change in the inputs the component uses."""
        a = self.analysis
        return a.code.identical and a.stories.identical and a.changes.is_empty


@dataclass(frozen=True, slots=True)
class Patch:
    """A unified diff of code and stories that `git apply` and `patch -p1` accept."""

    filename: str
    text: str


class LruCache(Generic[V]):
    """A small thread-safe LRU keyed by content: endpoints run on a thread pool."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str | int, ...], V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str | int, ...]) -> V | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: tuple[str | int, ...], value: V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


# Safe across requests and databases: entries are pure functions of content digests. Small,
# because a 3,000-line diff holds both line arrays (~0.5 MB); the review pages ask for the same
# pair a few times in a row (JSON, then the patch, then another context), not for many pairs.
CACHE: LruCache[Analysis] = LruCache(16)
# The props API of one code body, by digest: reading it is most of a cold comparison (~40 ms
# per side for 3,000 lines, measured), and walking a history compares each version twice
# (1.0→1.1, then 1.1→1.2). A few KB each.
_APIS: LruCache[ModuleApi] = LruCache(64)


def resolve_version(session: Session, component: Component, ref: str) -> ComponentVersion:
    """A version of `component` given by id or by number (`1.2.0`, `1.4.0-dark-mode.1`).

    Raises:
        NotFound: no such version.
        InvalidInput: `ref` is neither an id nor a version number, or the version belongs to
            another component.
    """
    try:
        version_id = uuid.UUID(ref)
    except ValueError:
        Version.parse(ref)  # says "not a semantic version" rather than "not found"
        return components.find_version_by_number(session, component, ref.strip())
    version = components.get_version(session, version_id)
    _check_belongs(component, version)
    return version


def compare_versions(
    session: Session,
    component: Component,
    from_version: ComponentVersion,
    to_version: ComponentVersion,
    *,
    context: int = DEFAULT_CONTEXT,
    cache: LruCache[Analysis] | None = CACHE,
) -> Comparison:
    """How `to_version` differs from `from_version` (either may be older, on any branch).

    `cache=None` computes everything afresh, the props APIs too (benchmarks time the cold
    path that way).

    Raises:
        InvalidInput: a version belongs to another component, or `context` is negative.
    """
    _check_belongs(component, from_version)
    _check_belongs(component, to_version)
    if context < 0:
        raise InvalidInput(f"context must be 0 or more lines, got {context}")
    # The bodies' digests of both versions in one query (rows hold blob ids).
    look_up(session, ids=from_version.blob_ids() | to_version.blob_ids())
    key: tuple[str | int, ...] = (*_content_key(from_version), *_content_key(to_version), context)
    analysis = cache.get(key) if cache is not None else None
    if analysis is None:
        apis = _APIS if cache is not None else None
        analysis = _analyse(session, from_version, to_version, context, apis)
        if cache is not None:
            cache.put(key, analysis)
    return Comparison(component, from_version, to_version, context, analysis)


def patch_versions(
    session: Session,
    component: Component,
    from_version: ComponentVersion,
    to_version: ComponentVersion,
    *,
    context: int = DEFAULT_CONTEXT,
) -> Patch:
    """The code and stories changes as one patch; empty text when both bodies are equal.

    Raises:
        InvalidInput: a version belongs to another component, or `context` is negative.
    """
    _check_belongs(component, from_version)
    _check_belongs(component, to_version)
    old = components.load_content(session, from_version)
    new = components.load_content(session, to_version)
    name = component.name
    parts = [
        unified_diff(
            old.code,
            new.code,
            old_label=f"a/{name}.tsx",
            new_label=f"b/{name}.tsx",
            context=context,
        ),
        unified_diff(
            old.stories,
            new.stories,
            old_label=f"a/{name}.stories.tsx",
            new_label=f"b/{name}.stories.tsx",
            context=context,
        ),
    ]
    # Component names are validated PascalCase identifiers and version strings are semver
    # (letters, digits, dots and hyphens), so the file name needs no escaping.
    filename = f"{name}-{from_version.version_string}..{to_version.version_string}.patch"
    return Patch(filename, "".join(parts))


def _analyse(
    session: Session,
    from_version: ComponentVersion,
    to_version: ComponentVersion,
    context: int,
    apis: LruCache[ModuleApi] | None,
) -> Analysis:
    old = snapshot(components.load_content(session, from_version))
    new = snapshot(components.load_content(session, to_version))
    changes = detect_changes(old, new)
    api = compare_api(
        _module_api(from_version.code_blob, old.code, apis),
        _module_api(to_version.code_blob, new.code, apis),
    )
    output_changed = (old.code, old.stories) != (new.code, new.stories)
    return Analysis(
        code=diff_texts(old.code, new.code, context=context),
        stories=diff_texts(old.stories, new.stories, context=context),
        changes=changes,
        change_lines=tuple(summarize(changes)),
        api=api,
        decision=decide_bump(changes, api, output_changed=output_changed),
    )


def _module_api(digest: str, code: str, apis: LruCache[ModuleApi] | None) -> ModuleApi:
    found = apis.get((digest,)) if apis is not None else None
    if found is None:
        found = extract_api(code)
        if apis is not None:
            apis.put((digest,), found)
    return found


def _content_key(version: ComponentVersion) -> tuple[str, ...]:
    # Everything `_analyse` reads: the bodies by digest, and the pattern (kept on the row).
    return (
        version.code_blob,
        version.stories_blob,
        version.tokens_blob,
        version.requirements_blob,
        version.token_usage_blob,
        version.pattern_id,
        version.pattern_version,
    )


def _check_belongs(component: Component, version: ComponentVersion) -> None:
    if version.component_id != component.id:
        raise InvalidInput(
            f"version {version.id} ({version.version_string}) belongs to another component, "
            f"not {component.name}"
        )
