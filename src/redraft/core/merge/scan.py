"""Just enough TSX lexing to find where strings, braces and JSX tags end."""

from __future__ import annotations

import re

NAME = re.compile(r"[A-Za-z_$][\w$.:-]*")
_OPENERS = "{[("
_CLOSERS = "}])"


def skip_string(src: str, pos: int) -> int:
    """The index after the string literal starting at ``pos``, or -1 if it does not end.

    Template literals are skipped to their closing backtick; a backtick nested inside
    ``${…}`` is rare enough in generated components to be out of scope.
    """
    quote = src[pos]
    i = pos + 1
    while i < len(src):
        char = src[i]
        if char == "\\":
            i += 2
            continue
        if char == quote:
            return i + 1
        if char == "\n" and quote != "`":
            return -1
        i += 1
    return -1


def skip_balanced(src: str, pos: int) -> int:
    """The index after the bracket group opening at ``pos``, or -1 if it is not closed."""
    depth = 0
    i = pos
    while i < len(src):
        char = src[i]
        if char in "\"'`":
            i = skip_string(src, i)
            if i < 0:
                return -1
            continue
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return -1


def split_top_level(src: str, separator: str) -> list[str] | None:
    """``src`` split on ``separator`` outside strings and brackets; None if unbalanced."""
    parts: list[str] = []
    start = i = 0
    while i < len(src):
        char = src[i]
        if char in "\"'`":
            i = skip_string(src, i)
        elif char in _OPENERS:
            i = skip_balanced(src, i)
        elif char in _CLOSERS:
            return None
        else:
            if char == separator:
                parts.append(src[start:i])
                start = i + 1
            i += 1
        if i < 0:
            return None
    parts.append(src[start:])
    return parts


def scan_tag(src: str, pos: int) -> tuple[list[str], str, int] | None:
    """Attributes of the JSX opening tag whose name ends at ``pos``.

    Returns:
        ``(attributes, closer, end)`` where ``closer`` is ``">"`` or ``"/>"`` and ``end`` is
        the index after it; None when the tag does not parse or an attribute spans lines.
    """
    attrs: list[str] = []
    while True:
        while pos < len(src) and src[pos] in " \t\n":
            pos += 1
        if pos >= len(src):
            return None
        if src.startswith("/>", pos):
            return attrs, "/>", pos + 2
        if src[pos] == ">":
            return attrs, ">", pos + 1
        end = _attribute_end(src, pos)
        if end < 0 or "\n" in src[pos:end]:
            return None
        attrs.append(src[pos:end])
        pos = end


def _attribute_end(src: str, pos: int) -> int:
    if src[pos] == "{":
        return skip_balanced(src, pos)
    match = NAME.match(src, pos)
    if match is None:
        return -1
    end = match.end()
    if end >= len(src) or src[end] != "=":
        return end
    end += 1
    if end >= len(src):
        return -1
    if src[end] in "\"'":
        return skip_string(src, end)
    if src[end] == "{":
        return skip_balanced(src, end)
    return -1
