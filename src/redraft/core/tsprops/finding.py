"""The outcome of a props-API comparison: rule ids with their bumps, findings, the diff."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from redraft.core.semver import Bump

MAJOR, MINOR, PATCH = Bump.MAJOR, Bump.MINOR, Bump.PATCH
RULES: Mapping[str, Bump] = {
    "parse-error": MAJOR,
    "component-not-found": MAJOR,
    "component-unreadable": MAJOR,
    "undecidable": MAJOR,
    "export-removed": MAJOR,
    "prop-removed": MAJOR,
    "prop-required-added": MAJOR,
    "prop-made-required": MAJOR,
    "prop-type-narrowed": MAJOR,
    "prop-type-changed": MAJOR,
    "children-narrowed": MAJOR,
    "callback-param-widened": MAJOR,
    "callback-param-changed": MAJOR,
    "callback-param-removed": MAJOR,
    "callback-params-reordered": MAJOR,
    "callback-return-narrowed": MAJOR,
    "callback-return-changed": MAJOR,
    "extends-removed": MAJOR,
    "extends-reduced": MAJOR,
    "index-signature-removed": MAJOR,
    "index-signature-narrowed": MAJOR,
    "generic-required-added": MAJOR,
    "generic-removed": MAJOR,
    "generic-constraint-narrowed": MAJOR,
    "forward-ref-removed": MAJOR,
    "ref-type-changed": MAJOR,
    "default-changed": MAJOR,  # the default; `compare_api(default_change=...)` overrides it
    "export-added": MINOR,
    "prop-optional-added": MINOR,
    "prop-made-optional": MINOR,
    "prop-type-widened": MINOR,
    "callback-param-narrowed": MINOR,
    "callback-param-added-trailing": MINOR,
    "callback-return-widened": MINOR,
    "extends-added": MINOR,
    "extends-widened": MINOR,
    "index-signature-added": MINOR,
    "index-signature-widened": MINOR,
    "generic-with-default-added": MINOR,
    "generic-constraint-widened": MINOR,
    "forward-ref-added": MINOR,
    "prop-deprecated": MINOR,
    "component-deprecated": MINOR,
    "surface-unchanged": PATCH,
}
# Findings that mean "we could not tell": major, and never accepted without a person.
REVIEW_RULES = frozenset(
    {"parse-error", "component-not-found", "component-unreadable", "undecidable"}
)


@dataclass(frozen=True, slots=True)
class Finding:
    """One classified change; `old` and `new` are the texts compared (types, defaults, names).

    `component` is the export name (`default` for the default export), or `*` for a finding
    about the whole module (a parse error, an unchanged module without components).
    """

    rule: str
    bump: Bump
    message: str
    component: str
    prop: str | None = None
    old: str | None = None
    new: str | None = None


@dataclass(frozen=True)
class ApiDiff:
    """Every finding, the bump they add up to (the maximum), and whether a person must look."""

    findings: list[Finding] = field(default_factory=list)
    bump: Bump = PATCH
    needs_review: bool = False

    def to_dict(self) -> dict[str, object]:
        """The JSON shape the CLI and API print: bumps as `major` / `minor` / `patch`."""
        return {
            "bump": self.bump.label,
            "findings": [
                {
                    "rule": f.rule,
                    "bump": f.bump.label,
                    "message": f.message,
                    "component": f.component,
                    "prop": f.prop,
                    "old": f.old,
                    "new": f.new,
                }
                for f in self.findings
            ],
            "needs_review": self.needs_review,
        }
