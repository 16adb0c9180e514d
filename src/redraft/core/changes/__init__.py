"""Change detection: what changed in a component's inputs (tokens, requirements, pattern)."""

from .changeset import ChangeSet, summarize
from .pattern import PatternChange, PatternChangeKind, diff_pattern
from .requirements import SECTIONS, RequirementChange, RequirementChangeKind, diff_requirements
from .tokens import TokenChange, TokenChangeKind, TokenDiff, diff_tokens

__all__ = [
    "SECTIONS",
    "ChangeSet",
    "PatternChange",
    "PatternChangeKind",
    "RequirementChange",
    "RequirementChangeKind",
    "TokenChange",
    "TokenChangeKind",
    "TokenDiff",
    "diff_pattern",
    "diff_requirements",
    "diff_tokens",
    "summarize",
]
