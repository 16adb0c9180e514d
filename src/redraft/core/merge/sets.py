"""Merges of lines that hold sets: a ``className`` string and an import's names."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_CLASS_NAME = re.compile(r"className=\"([^\"]*)\"")
_IMPORT = re.compile(r"import (type )?(.+?) from (\"[^\"]*\"|'[^']*');?")
_SIDE_EFFECT = re.compile(r"import (\"[^\"]*\"|'[^']*');?")
_DEFAULT = re.compile(r"[A-Za-z_$][\w$]*")
_NAMED = re.compile(r"(?:type )?[A-Za-z_$][\w$]*(?: as [A-Za-z_$][\w$]*)?")


def merge_set(base: Sequence[str], ours: Sequence[str], theirs: Sequence[str]) -> list[str]:
    """Three-way set merge in theirs' order: ours' removals apply, ours' additions follow."""
    removed = set(base) - set(ours)
    merged = [x for x in theirs if x not in removed]
    merged += [x for x in ours if x not in base and x not in merged]
    return merged


def class_names(line: str) -> list[str] | None:
    """The classes of a ``className="…"`` attribute line, or None for any other line."""
    match = _CLASS_NAME.fullmatch(line.strip())
    return match.group(1).split() if match else None


def merge_class_name(base: str | None, ours: str, theirs: str) -> str | None:
    """``className`` merged as a class set, indented like ``ours``; None if not all parse."""
    b = class_names(base) if base is not None else []
    o, t = class_names(ours), class_names(theirs)
    if b is None or o is None or t is None:
        return None
    indent = ours[: len(ours) - len(ours.lstrip())]
    return f'{indent}className="{" ".join(merge_set(b, o, t))}"'


@dataclass(frozen=True, slots=True)
class ImportLine:
    """``import [type] Default, { a, b as c } from "source";`` taken apart."""

    type_only: bool
    default: str | None
    named: tuple[str, ...]
    namespace: str | None
    source: str

    @property
    def key(self) -> str:
        """Identity across sides: the source, and how it is imported."""
        how = "type" if self.type_only else "value"
        if self.default is None and self.namespace is None and not self.named:
            how = "side effect"
        elif self.namespace is not None:
            how += f" * as {self.namespace}"
        return f"{self.source.strip(chr(34) + chr(39))} ({how})"

    def render(self) -> str:
        clause: list[str] = []
        if self.default:
            clause.append(self.default)
        if self.namespace is not None:
            clause.append(f"* as {self.namespace}")
        if self.named:
            clause.append("{ " + ", ".join(self.named) + " }")
        if not clause:
            return f"import {self.source};"
        kind = "type " if self.type_only else ""
        return f"import {kind}{', '.join(clause)} from {self.source};"


def parse_import(line: str) -> ImportLine | None:
    """A one-line import statement, or None for anything else."""
    stripped = line.strip()
    side_effect = _SIDE_EFFECT.fullmatch(stripped)
    if side_effect:
        return ImportLine(False, None, (), None, side_effect.group(1))
    match = _IMPORT.fullmatch(stripped)
    if match is None:
        return None
    clause = match.group(2).strip()
    default: str | None = None
    namespace: str | None = None
    named: tuple[str, ...] = ()
    if "{" in clause:
        head, _, rest = clause.partition("{")
        inner, _, after = rest.partition("}")
        if after.strip():
            return None
        named = tuple(n.strip() for n in inner.split(",") if n.strip())
        if not all(_NAMED.fullmatch(n) for n in named):
            return None
        clause = head.strip().rstrip(",").strip()
    if clause.startswith("* as "):
        namespace = clause[5:].strip()
    elif clause:
        default = clause
    if default is not None and not _DEFAULT.fullmatch(default):
        return None
    return ImportLine(bool(match.group(1)), default, named, namespace, match.group(3))


def merge_import(base: str | None, ours: str, theirs: str) -> str | None:
    """An import both sides changed, merged by name; None if the default import clashes."""
    b = parse_import(base) if base is not None else None
    o, t = parse_import(ours), parse_import(theirs)
    if o is None or t is None or (base is not None and b is None):
        return None
    b_default = b.default if b is not None else None
    b_named = b.named if b is not None else ()
    if o.default == b_default:
        default = t.default
    elif t.default in (b_default, o.default):
        default = o.default
    else:
        return None
    named = tuple(merge_set(b_named, o.named, t.named))
    return ImportLine(t.type_only, default, named, t.namespace, t.source).render()


def import_key(line: str) -> str:
    """The key of an import line in a keyed merge (its text when it does not parse)."""
    parsed = parse_import(line)
    return parsed.key if parsed is not None else line.strip()
