"""Three-way merge of hand-edited generated code with its regeneration.

base = the old pristine output, ours = the old output with hand edits, theirs = the new pristine
output. Fast paths first; the ``// @generated`` header is always the new one; formatting is
normalised; JSX attributes, object entries, ``className`` classes and imports merge by key; the
rest merges by line (diff3). No line the user added is ever dropped.
"""

from .engine import merge_texts
from .model import Choice, Conflict, LineRange, MergeLabels, MergeResult, MergeStrategy

__all__ = [
    "Choice",
    "Conflict",
    "LineRange",
    "MergeLabels",
    "MergeResult",
    "MergeStrategy",
    "merge_texts",
]
