"""What a props base the module does not define (`React.ButtonHTMLAttributes<…>`) may declare.

Bases are kept by canonical text. `Omit<X, 'a'>` and `Pick<X, 'a'>` are understood so that
omitting fewer keys reads as widening, and so that a name the base no longer passes through is
known not to come from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from redraft.core.tsprops.domprops import HTML_PROPS, SVG_PROPS
from redraft.core.tsprops.typeexpr import Literal, Named, TypeExpr, Union, print_type
from redraft.core.tsprops.typeparse import parse_type

# React types that add only `ref` / `key`.
_REF_ONLY = frozenset({"React.RefAttributes", "React.ClassAttributes", "React.Attributes"})
_NARROWING = frozenset({"Omit", "Pick", "Partial", "Required", "Readonly"})


@dataclass(frozen=True, slots=True)
class KeySet:
    """The keys a base lets through: all but `keys` (Omit) or only `keys` (Pick)."""

    all_but: bool
    keys: frozenset[str]

    def __contains__(self, name: object) -> bool:
        return (name not in self.keys) if self.all_but else (name in self.keys)

    def __le__(self, other: KeySet) -> bool:
        if self.all_but and other.all_but:
            return other.keys <= self.keys
        if not self.all_but and not other.all_but:
            return self.keys <= other.keys
        return not self.all_but and not (self.keys & other.keys)


def split_base(base: str) -> tuple[str, KeySet | None]:
    """`Omit<X, 'a'>` → (X, all but a); `Pick<X, 'a'>` → (X, only a); X → (X, None: all)."""
    expr = parse_type(base)
    if isinstance(expr, Named) and expr.name in ("Omit", "Pick") and len(expr.args) == 2:
        keys = _literal_keys(expr.args[1])
        if keys is not None:
            return print_type(expr.args[0]), KeySet(expr.name == "Omit", keys)
    return base, None


def may_declare(base: str, name: str) -> bool:
    """Whether `base` may declare a prop called `name` (True when we cannot know)."""
    core, kept = split_base(base)
    if kept is not None and name not in kept:
        return False
    expr = parse_type(core)
    if not isinstance(expr, Named) or not expr.name.startswith("React."):
        return True  # an imported or computed base may declare anything
    if expr.name in _REF_ONLY:
        return name in ("ref", "key")
    if "SVG" in expr.name:
        return name in HTML_PROPS or name in SVG_PROPS
    if expr.name.endswith(("Attributes", "HTMLProps")) or expr.name.startswith(
        "React.ComponentProps"
    ):
        return name in HTML_PROPS or (name in SVG_PROPS and "svg" in print_type(expr).lower())
    return True


def readmitted(was: str, now: str) -> frozenset[str] | None:
    """Names `now` lets through that `was` held back; None when that is not a finite set."""
    kept_before, kept_after = split_base(was)[1], split_base(now)[1]
    if kept_before is None:
        return frozenset()
    if not kept_before.all_but:
        return None  # was a Pick: anything beyond the picked keys may come back
    if kept_after is None:
        return kept_before.keys
    if kept_after.all_but:
        return kept_before.keys - kept_after.keys
    return kept_before.keys & kept_after.keys


def _literal_keys(expr: TypeExpr) -> frozenset[str] | None:
    members = expr.members if isinstance(expr, Union) else (expr,)
    if all(isinstance(m, Literal) and m.kind == "string" for m in members):
        return frozenset(m.value[1:-1] for m in members if isinstance(m, Literal))
    return None


def from_react(base: str) -> bool:
    """Whether a base is one of React's own types (`React.HTMLAttributes<…>`), also through
    `Omit`, `Pick`, `Partial`, `Required` or `Readonly`; any other base is declared in a
    module redraft does not read."""
    expr = parse_type(base)
    while isinstance(expr, Named) and expr.name in _NARROWING and expr.args:
        expr = expr.args[0]
    return isinstance(expr, Named) and expr.name.startswith("React.")
