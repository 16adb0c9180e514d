"""A TSX component's public props API and the semantic-version bump a change to it calls for.

`redraft.integrations.tsx.extract_api` reads a module into a `ModuleApi`; `compare_api` classifies
the differences between two of them by the rule table in `RULES`.
"""

from redraft.core.tsprops.finding import RULES, ApiDiff, Finding
from redraft.core.tsprops.model import (
    CallbackParam,
    ComponentApi,
    ComponentKind,
    GenericParam,
    ModuleApi,
    PropSig,
)
from redraft.core.tsprops.rules import compare_api

__all__ = [
    "RULES",
    "ApiDiff",
    "CallbackParam",
    "ComponentApi",
    "ComponentKind",
    "Finding",
    "GenericParam",
    "ModuleApi",
    "PropSig",
    "compare_api",
]
