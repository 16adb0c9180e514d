"""Escaping for values interpolated into TSX: string literals, JSX text, comments, literals.

Templates run with ``autoescape=False`` (HTML escaping is wrong for TSX), so every value that
comes from requirements, tokens or parameters goes through one of these functions instead.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence

from redraft.core.tokens.model import JsonValue

_JS_IDENTIFIER = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")
# U+2028/U+2029 end a line in older JavaScript parsers; lone surrogates cannot be written as
# UTF-8 at all. Both become \u escapes so the literal survives any tool in the chain.
_UNSAFE_IN_LITERAL = re.compile("[\u2028\u2029\ud800-\udfff]")
# Text `json.dumps` leaves alone (it escapes only quotes, backslashes and C0 controls) and
# `_UNSAFE_IN_LITERAL` does not match.
_PLAIN = re.compile(r'[^"\\\x00-\x1f\u2028\u2029\ud800-\udfff]*\Z')
_JSX_TEXT = {"{": "&#123;", "}": "&#125;", "<": "&lt;", ">": "&gt;", "&": "&amp;"}


def ts_string(text: str) -> str:
    """A double-quoted TypeScript string literal for ``text`` (JSON escaping, readable Unicode)."""
    if _PLAIN.match(text):  # nothing to escape: most of the 40 literals of a component
        return f'"{text}"'
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNSAFE_IN_LITERAL.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def jsx_text(text: str) -> str:
    """``text`` as JSX child text: braces, angle brackets and ampersands become entities."""
    return "".join(_JSX_TEXT.get(char, char) for char in text)


def comment_lines(text: str) -> list[str]:
    """Lines safe inside a ``/** … */`` block: ``*/`` cannot close it early."""
    lines = [line.rstrip().replace("*/", "*\\/") for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return lines


def doc_comment(lines: Sequence[str], indent: str) -> list[str]:
    """A JSDoc block (one line when it fits a single line of text); ``[]`` when empty."""
    if not lines:
        return []
    if len(lines) == 1:
        return [f"{indent}/** {lines[0]} */"]
    body = [f"{indent} *" + (f" {line}" if line else "") for line in lines]
    return [f"{indent}/**", *body, f"{indent} */"]


def ts_key(name: str) -> str:
    """An object-literal key: bare when it is an identifier, quoted otherwise."""
    return name if _JS_IDENTIFIER.match(name) else ts_string(name)


def ts_number(value: int | float) -> str:
    """A number literal without float noise (``16`` not ``16.0``)."""
    if isinstance(value, bool):
        raise TypeError("booleans are not numbers here")
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def ts_literal(value: JsonValue, indent: str = "") -> str:
    """A JSON value as a TypeScript literal in the canonical multi-line layout.

    Non-empty objects and arrays put one entry per line with a trailing comma; ``indent`` is the
    indentation of the line the literal starts on.
    """
    inner = indent + "  "
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return ts_number(value)
    if isinstance(value, str):
        return ts_string(value)
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        rows = [f"{inner}{ts_key(str(k))}: {ts_literal(v, inner)}," for k, v in value.items()]
        return "{\n" + "\n".join(rows) + f"\n{indent}}}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        rows = [f"{inner}{ts_literal(item, inner)}," for item in value]
        return "[\n" + "\n".join(rows) + f"\n{indent}]"
    raise TypeError(f"not a JSON value: {type(value).__name__}")
