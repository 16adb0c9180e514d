"""Formatting normalisation, so that a reformat is never mistaken for an edit.

Every side loses its CR line ends and trailing whitespace. The hand-edited side is then put back
into the generator's layout, one rule at a time, and only where a rule is safe: a rule applies
only if it leaves both generated sides untouched, i.e. it reproduces the generator's own layout.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .scan import scan_tag, split_top_level

_TAG_START = re.compile(r"<([A-Za-z][\w.:-]*)")
_INLINE_OBJECT = re.compile(
    r"(?P<key>[A-Za-z_$][\w$]*|\"[^\"]*\"|'[^']*'): \{ ?(?P<inner>.+?) ?\}(?P<comma>,?)$"
)
_ENTRY = re.compile(r"([A-Za-z_$][\w$]*|\"[^\"]*\"|'[^']*'): \S")
_IMPORT_OPEN = re.compile(r"import (type )?([A-Za-z_$][\w$]*, )?\{$")
_IMPORT_CLOSE = re.compile(r"\} from (\"[^\"]*\"|'[^']*');?$")
_SPECIFIER = re.compile(r"(?:type )?[A-Za-z_$][\w$]*(?: as [A-Za-z_$][\w$]*)?")
# How far a tag or an import is followed before giving up: generated tags are far shorter.
_MAX_SPAN = 60


@dataclass(frozen=True, slots=True)
class Text:
    """A side as lines without terminators or trailing whitespace."""

    lines: list[str]
    crlf: bool
    final_newline: bool


def split_text(text: str) -> Text:
    """Split into lines, noting whether the text used CRLF and ended with a newline."""
    crlf = text.count("\r\n") * 2 > text.count("\n")
    body = text.replace("\r\n", "\n").replace("\r", "\n")
    final_newline = body.endswith("\n")
    if final_newline:
        body = body[:-1]
    lines = [line.rstrip() for line in body.split("\n")] if text else []
    return Text(lines, crlf, final_newline)


def normalize_edits(
    base: list[str], ours: list[str], theirs: list[str]
) -> tuple[list[str], list[str]]:
    """Put the hand-edited lines into the generator's layout where that is safe.

    Returns:
        The normalised ``ours`` and a note for each kind of reformat that was undone.
    """
    notes: list[str] = []
    unit = indent_unit(base)
    reindented = _reindent(ours, unit) if unit else ours
    if reindented != ours:
        notes.append(f"your indentation was put back to the generator's {unit}-space layout")
        ours = reindented
    rules: list[tuple[Callable[[list[str], int], list[str]], str]] = [
        (_join_imports, "imports you split over several lines were joined"),
        (_split_tags, "JSX attributes were put one per line"),
        (_split_inline_objects, "object entries were put one per line"),
    ]
    unit = unit or 2
    for rule, note in rules:
        changed = rule(ours, unit)
        if changed == ours or rule(base, unit) != base or rule(theirs, unit) != theirs:
            continue
        notes.append(note)
        ours = changed
    return ours, notes


def indent_width(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def indent_unit(lines: Sequence[str]) -> int:
    """The indent step of space-indented lines (0 when nothing is indented).

    JSDoc continuation lines (`` * text``) sit one space deeper and are left out.
    """
    widths: set[int] = set()
    for line in lines:
        stripped = line.lstrip(" ")
        if stripped and stripped[0] not in "*\t":
            widths.add(len(line) - len(stripped))
    return math.gcd(*widths) if widths else 0


def _reindent(lines: list[str], unit: int) -> list[str]:
    """Rescale tab or 4/8-space indentation to ``unit`` spaces; anything odder is left alone."""
    uses_tabs = any(line.startswith("\t") for line in lines)
    own = indent_unit(lines)
    if not uses_tabs and (own in (0, unit) or own % unit or own not in (4, 8)):
        return lines
    step = own if own and not own % unit else unit
    out: list[str] = []
    for line in lines:
        stripped = line.lstrip(" \t")
        lead = line[: len(line) - len(stripped)]
        width = lead.count("\t") * step + lead.count(" ")
        out.append(" " * ((width // step) * unit + width % step) + stripped)
    return out


def _join_imports(lines: list[str], unit: int) -> list[str]:  # noqa: ARG001 - rule signature
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        opens = line.startswith("import") and _IMPORT_OPEN.fullmatch(line)
        joined = _joined_import(lines, i) if opens else None
        if joined is None:
            out.append(lines[i])
            i += 1
        else:
            text, i = joined
            out.append(text)
    return out


def _joined_import(lines: list[str], i: int) -> tuple[str, int] | None:
    for j in range(i + 1, min(len(lines), i + _MAX_SPAN)):
        closed = _IMPORT_CLOSE.fullmatch(lines[j].strip())
        if closed is None:
            continue
        names = [n.strip() for line in lines[i + 1 : j] for n in line.split(",") if n.strip()]
        if not names or not all(_SPECIFIER.fullmatch(n) for n in names):
            return None
        return f"{lines[i][:-1]}{{ {', '.join(names)} }} from {closed.group(1)};", j + 1
    return None


def _split_tags(lines: list[str], unit: int) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        start = _TAG_START.match(stripped) if stripped[:1] == "<" else None
        rewritten = _canonical_tag(lines, i, start, unit) if start else None
        if rewritten is None:
            out.append(line)
            i += 1
            continue
        new_lines, i = rewritten
        out.extend(new_lines)
    return out


def _canonical_tag(
    lines: list[str], i: int, start: re.Match[str], unit: int
) -> tuple[list[str], int] | None:
    indent = " " * indent_width(lines[i])
    src = "\n".join(line.strip() for line in lines[i : i + _MAX_SPAN])
    scanned = scan_tag(src, start.end())
    if scanned is None:
        return None
    attrs, closer, end = scanned
    if end < len(src) and src[end] != "\n":
        return None  # children on the same line: leave the line as the user wrote it
    last = i + src.count("\n", 0, end)
    name = start.group(1)
    if len(attrs) < 2:
        if last != i:
            return None
        return [lines[i]], i + 1
    rendered = [f"{indent}<{name}", *(f"{indent}{' ' * unit}{a}" for a in attrs), indent + closer]
    return rendered, last + 1


def _split_inline_objects(lines: list[str], unit: int) -> list[str]:
    out: list[str] = []
    for line in lines:
        stripped = line.lstrip(" ")
        match = _INLINE_OBJECT.fullmatch(stripped) if ": {" in stripped else None
        entries = split_top_level(match.group("inner"), ",") if match else None
        if match is None or entries is None:
            out.append(line)
            continue
        entries = [e.strip() for e in entries if e.strip()]
        if not entries or not all(_ENTRY.match(e) for e in entries):
            out.append(line)
            continue
        indent = " " * indent_width(line)
        out.append(f"{indent}{match.group('key')}: {{")
        out.extend(f"{indent}{' ' * unit}{entry}," for entry in entries)
        out.append(f"{indent}}}{match.group('comma')}")
    return out
