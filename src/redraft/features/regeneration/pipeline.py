"""The regeneration pipeline without storage: inputs in, a proposal out.

detect changes → (generated output) → extract props API → decide bump → merge → diff.
Every step is a pure core function except the TSX parse, which goes through tree-sitter.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from redraft.core.bump import BumpDecision, decide_bump
from redraft.core.changes import (
    ChangeSet,
    TokenChangeKind,
    TokenDiff,
    diff_pattern,
    diff_requirements,
    diff_tokens,
    summarize,
)
from redraft.core.diff import TextDiff, diff_texts
from redraft.core.merge import MergeLabels, MergeResult, merge_texts
from redraft.core.tokens.model import TokenSet
from redraft.core.tsprops import ApiDiff, compare_api
from redraft.integrations.tsx import extract_api


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One side of a regeneration: a version's inputs and bodies, as plain values."""

    tokens: TokenSet
    requirements: Mapping[str, Any]
    pattern_id: str
    pattern_version: str
    code: str
    stories: str
    pristine_code: str
    pristine_stories: str
    token_paths: frozenset[str]


@dataclass(frozen=True, slots=True)
class Proposal:
    changes: ChangeSet
    code: MergeResult
    stories: MergeResult
    api: ApiDiff
    decision: BumpDecision
    diff: TextDiff
    warnings: tuple[str, ...]
    diff_base: str

    @property
    def clean(self) -> bool:
        return self.code.clean and self.stories.clean

    @property
    def conflict_count(self) -> int:
        return len(self.code.conflicts) + len(self.stories.conflicts)

    def relabel(self, labels: MergeLabels) -> Proposal:
        code, stories = self.code.relabel(labels), self.stories.relabel(labels)
        if code.text == self.code.text and stories.text == self.stories.text:
            return replace(self, code=code, stories=stories)
        return replace(self, code=code, stories=stories, diff=diff_texts(self.diff_base, code.text))


def used_paths(tokens: Iterable[TokenSet], paths: Iterable[str]) -> frozenset[str]:
    """The token paths a component consumes, plus everything they depend on through aliases."""
    wanted = set(paths)
    for token_set in tokens:
        for path in list(wanted):
            if path in token_set:
                wanted |= token_set.dependencies(path)
    return frozenset(wanted)


# The last few whole-set token diffs, by the identity of the two sets. Regenerating every
# component after a token change diffs the same two sets once per component (0.5 ms each for
# the demo set); the stored set is shared (`VersionContent.token_set`) and so is the new one.
# The entries hold the sets, so an id is never reused while its entry lives.
_TOKEN_DIFF_MEMO_SIZE = 4
_token_diffs: deque[tuple[TokenSet, TokenSet, TokenDiff]] = deque(maxlen=_TOKEN_DIFF_MEMO_SIZE)


def _diff_tokens(old: TokenSet, new: TokenSet) -> TokenDiff:
    for before, after, diff in list(_token_diffs):
        if before is old and after is new:
            return diff
    diff = diff_tokens(old, new)
    _token_diffs.append((old, new, diff))
    return diff


def detect_changes(old: Snapshot, new: Snapshot) -> ChangeSet:
    """What changed in the inputs, restricted to the tokens the component uses."""
    used = used_paths((old.tokens, new.tokens), old.token_paths | new.token_paths)
    return ChangeSet(
        tokens=_diff_tokens(old.tokens, new.tokens).restricted_to(used),
        requirements=tuple(diff_requirements(old.requirements, new.requirements)),
        pattern=diff_pattern(
            old.pattern_id, old.pattern_version, new.pattern_id, new.pattern_version
        ),
    )


def compare_code_api(old_code: str, new_code: str) -> ApiDiff:
    old_api = extract_api(old_code)
    if not old_api.errors and _same_below_comment_line(old_code, new_code):
        # Only the `// @generated …` header moved (a component a token change did not reach):
        # a line comment's text is no part of the props API, and without syntax errors no
        # node quotes it, so the second parse (0.7 ms) would return the same API.
        return compare_api(old_api, old_api)
    return compare_api(old_api, extract_api(new_code))


def _same_below_comment_line(old: str, new: str) -> bool:
    """Whether the texts differ at most in a first line that is a `//` comment in both."""
    old_first, old_newline, old_rest = old.partition("\n")
    new_first, new_newline, new_rest = new.partition("\n")
    return (
        bool(old_newline and new_newline)
        and old_first.startswith("//")
        and new_first.startswith("//")
        and old_rest == new_rest
    )


def propose(old: Snapshot, new: Snapshot, *, labels: MergeLabels) -> Proposal:
    """Merge the current code's hand edits into the new output and explain the result.

    base = the current version's pristine output, ours = its code, theirs = the new pristine
    output. The props API is compared between the current code and the proposed code; when
    conflicts remain, the new pristine code stands in for the proposal (and the conflicts
    already block acceptance).
    """
    changes = detect_changes(old, new)
    code = merge_texts(old.pristine_code, old.code, new.pristine_code, labels=labels)
    stories = merge_texts(old.pristine_stories, old.stories, new.pristine_stories, labels=labels)
    proposed_code = code.text if code.clean else new.pristine_code
    api = compare_code_api(old.code, proposed_code)
    output_changed = (code.text, stories.text) != (old.code, old.stories)
    return _proposal(old, new, changes, code, stories, api, output_changed=output_changed)


# Token changes that leave every value alone: a generator reads only values (`Generator.render`).
_METADATA_ONLY = frozenset(
    {
        TokenChangeKind.METADATA_CHANGED,
        TokenChangeKind.DEPRECATED,
        TokenChangeKind.UNDEPRECATED,
    }
)


def _may_change_output(changes: ChangeSet) -> bool:
    """Whether `changes` holds anything a generator's output may depend on.

    A token's description, extensions (Figma scopes among them) or deprecation is no part of
    any output; everything else (values, types, aliases, requirements, the pattern) may be.
    """
    return (
        bool(changes.requirements)
        or changes.pattern is not None
        or any(change.kind not in _METADATA_ONLY for change in changes.tokens)
    )


def unchanged(old: Snapshot, tokens: TokenSet) -> Proposal | None:
    """The proposal without rendering, when no token value `old`'s output read changed.

    For a regeneration whose requirements, pattern, generator and parameters are those of
    `old` (the caller checks), the generator's output is a function of the values of the
    tokens it reports in `token_usage`; if none of them changed (their metadata may have),
    the new output would be `old`'s, and so is the proposal: nothing to merge, no API change,
    up to date. None when something the component reads did change.
    """
    new = replace(old, tokens=tokens)
    changes = detect_changes(old, new)
    if _may_change_output(changes):
        return None
    code = merge_texts(old.pristine_code, old.code, old.pristine_code)
    stories = merge_texts(old.pristine_stories, old.stories, old.pristine_stories)
    return _proposal(old, new, changes, code, stories, ApiDiff(), output_changed=False)


def _proposal(
    old: Snapshot,
    new: Snapshot,
    changes: ChangeSet,
    code: MergeResult,
    stories: MergeResult,
    api: ApiDiff,
    *,
    output_changed: bool,
) -> Proposal:
    decision = decide_bump(changes, api, output_changed=output_changed)
    warnings = draft_warnings(
        (*code.notes, *stories.notes),
        conflicts=len(code.conflicts) + len(stories.conflicts),
        needs_review=decision.needs_review,
        deprecated=deprecated_tokens(new.tokens, new.token_paths),
    )
    return Proposal(
        changes=changes,
        code=code,
        stories=stories,
        api=api,
        decision=decision,
        diff=diff_texts(old.code, code.text),
        warnings=tuple(warnings),
        diff_base=old.code,
    )


def draft_warnings(
    notes: Iterable[str], *, conflicts: int, needs_review: bool, deprecated: Iterable[str]
) -> list[str]:
    """What a draft warns about: merge notes, open conflicts, review, deprecated tokens."""
    warnings = list(notes)
    if conflicts:
        warnings.append(f"{conflicts} conflict(s) with your edits: resolve them before accepting")
    if needs_review:
        warnings.append("the props API change could not be fully decided: review it by hand")
    deprecated = sorted(deprecated)
    if deprecated:
        warnings.append("uses deprecated tokens: " + ", ".join(deprecated))
    return warnings


def deprecated_tokens(tokens: TokenSet, paths: Iterable[str]) -> list[str]:
    return [path for path in paths if (t := tokens.find(path)) is not None and t.deprecated]


def change_summary(proposal: Proposal) -> dict[str, Any]:
    """What a draft stores about how it was made (JSON)."""
    return {
        "changes": proposal.changes.to_json(),
        "lines": summarize(proposal.changes),
        "api": proposal.api.to_dict(),
        "needs_review": proposal.decision.needs_review,
        "merge": {
            "code": merge_json(proposal.code),
            "stories": merge_json(proposal.stories),
        },
        "warnings": list(proposal.warnings),
    }


def merge_json(result: MergeResult) -> dict[str, Any]:
    return {
        "strategy": str(result.strategy),
        "clean": result.clean,
        "notes": list(result.notes),
        "conflicts": [conflict_json(c) for c in result.conflicts],
    }


def conflict_json(conflict: Any) -> dict[str, Any]:
    return {
        "index": conflict.index,
        "key": conflict.key,
        "base": conflict.base,
        "ours": conflict.ours,
        "theirs": conflict.theirs,
        "base_lines": [conflict.base_lines.start, conflict.base_lines.stop],
        "ours_lines": [conflict.ours_lines.start, conflict.ours_lines.stop],
        "theirs_lines": [conflict.theirs_lines.start, conflict.theirs_lines.stop],
        "merged_lines": [conflict.merged_lines.start, conflict.merged_lines.stop],
    }
