"""Keyed blocks: JSX attribute lists and object-like bodies, split into items with keys.

A block is an opener line (``<button``, ``const styles = {``, ``export interface P {``,
``export function F({``), items one indent deeper, and a closer at the opener's indent
(``>``, ``/>``, ``}``, ``}: P) {``). An item is one attribute, entry or member with the comment
and blank lines above it; it may run over several lines (a nested object, an arrow function).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from .hunk import indent_of
from .sets import import_key

_JSX_OPENER = re.compile(r"<[A-Za-z][\w.:-]*")
# Object literals, interface and type bodies and destructured parameters; not function or
# `case` bodies (`) {`, `=> {`, `case 1: {`), whose statements must keep their order.
_ENTRIES_OPENER = re.compile(
    r"(?!case\b|default\s*:)(?:.*(?:[=:(,]|\breturn)|(?:export\s+)?(?:declare\s+)?interface\b.*)"
    r"\s*\{"
)
_ATTR_KEY = re.compile(r"([A-Za-z_$][\w$.:-]*)(?:=|$)")
_ENTRY_KEY = re.compile(
    r"(?:readonly\s+)?([A-Za-z_$][\w$]*|\"[^\"]*\"|'[^']*')\??(?::\s|:$|\s=\s|,$|$|\(|<|;$)"
)
_DECLARATION = re.compile(
    r"(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:async\s+)?"
    r"(?:const|let|var|function\*?|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)"
)
_CLOSING = "}])"


class BlockKind(StrEnum):
    ATTRS = "attribute"
    ENTRIES = "entry"
    IMPORTS = "import"
    TOP = "statement"  # the file's top level: imports and declarations


@dataclass(frozen=True, slots=True)
class Item:
    """One keyed item of a block.

    Attributes:
        key: what identifies it across sides (attribute or property name, import source).
        lead: comment and blank lines above it.
        body: its own lines.
        at: index of its first line (lead included) in the side's lines.
        anonymous: keyed by its own text (a spread, a bare statement), so an edit to it
            reads as a removal plus an addition.
    """

    key: str
    lead: tuple[str, ...]
    body: tuple[str, ...]
    at: int
    anonymous: bool = False

    @property
    def lines(self) -> tuple[str, ...]:
        return self.lead + self.body


@dataclass(frozen=True, slots=True)
class Items:
    """A block's items, the comment lines after the last one, and the item indent."""

    items: tuple[Item, ...]
    tail: tuple[str, ...]
    indent: int


def opener_kind(line: str) -> BlockKind | None:
    """The kind of keyed block a line opens, if any."""
    stripped = line.strip()
    if _JSX_OPENER.fullmatch(stripped):
        return BlockKind.ATTRS
    if _ENTRIES_OPENER.fullmatch(stripped):
        return BlockKind.ENTRIES
    return None


def find_blocks(lines: Sequence[str]) -> list[tuple[int, int, BlockKind]]:
    """Every keyed block as ``(opener, closer, kind)``, by indentation.

    A block closes on the first later line at the opener's indent, if that line starts with a
    closing bracket (or is ``>`` / ``/>`` for a tag); unkeyed openers are tracked too so that
    their closers are not taken for someone else's.
    """
    blocks: list[tuple[int, int, BlockKind]] = []
    stack: list[tuple[int, int, BlockKind | None]] = []
    for index, line in enumerate(lines):
        stripped = line.lstrip(" ")
        if not stripped:
            continue
        width = len(line) - len(stripped)
        while stack and stack[-1][0] > width:
            stack.pop()
        if stack and stack[-1][0] == width:
            _, start, kind = stack.pop()
            closes = stripped[0] in _CLOSING or stripped in (">", "/>")
            if closes and kind is not None:
                blocks.append((start, index, kind))
        # Cheap test first: keyed openers end with `{` or start a tag.
        if stripped[-1] in "{([" or stripped[0] == "<":
            kind = opener_kind(stripped)
            if kind is not None or stripped[-1] in "{([":
                stack.append((width, index, kind))
    return blocks


def parse_items(lines: Sequence[str], start: int, kind: BlockKind) -> Items | None:
    """Split ``lines`` (which begin at index ``start`` of their side) into keyed items.

    Returns None when a line fits no item, a key cannot be read, or a key repeats: the caller
    then leaves the region to the line merge.
    """
    roles = _roles(lines)
    if roles is None:
        return None
    groups: list[tuple[list[int], list[int]]] = []  # (lead, body) line offsets per item
    pending: list[int] = []
    for offset, role in enumerate(roles):
        if role is _Role.TRIVIA:
            pending.append(offset)
        elif role is _Role.MORE:
            if not groups:
                return None
            groups[-1][1].extend([*pending, offset])
            pending = []
        else:
            groups.append((pending, [offset]))
            pending = []
    items: list[Item] = []
    for lead, body in groups:
        first = lines[body[0]].strip()
        key = item_key(first, kind)
        if key is None:
            return None
        at = start + (lead[0] if lead else body[0])
        own = tuple(lines[i] for i in body)
        anonymous = key in (first, first.rstrip(",;"))
        items.append(Item(key, tuple(lines[i] for i in lead), own, at, anonymous))
    if len({item.key for item in items}) != len(items):
        return None
    indent = indent_of(lines[groups[0][1][0]]) if groups else 0
    return Items(tuple(items), tuple(lines[i] for i in pending), indent)


class _Role(StrEnum):
    TRIVIA = "trivia"  # blank or comment: leads the next item
    MORE = "more"  # continues the current item
    START = "start"  # begins an item


def _roles(lines: Sequence[str]) -> list[_Role] | None:
    """Each line's role, by indentation; None if a line sits shallower than the items."""
    roles: list[_Role] = []
    in_comment = False
    item_indent = -1
    for line in lines:
        stripped = line.lstrip(" ")
        width = len(line) - len(stripped)
        if item_indent < 0 and stripped:
            item_indent = width
        if not stripped or in_comment:
            roles.append(_Role.TRIVIA)
            in_comment = in_comment and "*/" not in stripped
        elif width > item_indent or (width == item_indent and stripped[0] in _CLOSING):
            roles.append(_Role.MORE)
        elif width != item_indent:
            return None
        elif stripped.startswith(("//", "/*")):
            roles.append(_Role.TRIVIA)
            in_comment = stripped.startswith("/*") and "*/" not in stripped
        else:
            roles.append(_Role.START)
    return roles


def item_key(stripped: str, kind: BlockKind) -> str | None:
    """The key of an item starting with ``stripped``, or None if it has none."""
    if kind is BlockKind.TOP:
        if stripped.startswith("import "):
            return import_key(stripped)
        declaration = _DECLARATION.match(stripped)
        return declaration.group(1) if declaration else stripped
    if kind is BlockKind.ATTRS:
        if stripped.startswith("{"):
            return stripped  # a spread or a comment: keyed by its text
        match = _ATTR_KEY.match(stripped)
        return match.group(1) if match else None
    if stripped.startswith(("...", "[")):
        return stripped.rstrip(",;")
    match = _ENTRY_KEY.match(stripped)
    return match.group(1).strip("\"'") if match else None
