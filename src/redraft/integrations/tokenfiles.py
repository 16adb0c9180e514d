"""Token files on disk or in an upload, decoded and handed to the pure token parser."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import json5

from redraft.core.tokens import JsonValue, TokenSet, parse_tokens
from redraft.errors import TokenError

_SUFFIXES = (".tokens.json", ".json", ".json5", ".tokens")
# Tooling configuration that sits beside token files and is never a token set.
_NOT_TOKENS = frozenset({"package.json", "package-lock.json", "tsconfig.json", "jsconfig.json"})
_SKIPPED_DIRS = frozenset({"node_modules"})
_JSON5_LINE = re.compile(r"^<string>:(\d+)\s*(.*)$", re.DOTALL)
# The JSON5 that token files use (comments, unquoted keys, single quotes, trailing commas) in
# tokens that map one-to-one onto JSON; anything else falls back to the json5 package.
_JSON5_TOKEN = re.compile(
    r"""(?P<space>(?:\s+|//[^\n]*|/\*.*?\*/)+)
    |(?P<string>"(?:[^"\\\n]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*")
    |(?P<quoted>'(?:[^'\\\n]|\\['"\\/bfnrt]|\\u[0-9a-fA-F]{4})*')
    |(?P<name>[A-Za-z_$][A-Za-z0-9_$]*)
    |(?P<number>-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)
    |(?P<mark>[{}\[\]:,])""",
    re.VERBOSE | re.DOTALL,
)
_SINGLE_QUOTED_PART = re.compile(r'\\(.)|"')


def load_token_source(
    path: Path, *, format: str | None = None, theme: str | None = None
) -> TokenSet:
    """Read a token file, or every token file under a directory, and resolve the set.

    A directory contributes ``*.json``, ``*.json5``, ``*.tokens`` and ``*.tokens.json`` files
    (recursively, sorted; ``package.json``-style config, ``node_modules`` and hidden folders
    skipped), each named by its path relative to the directory.

    Raises:
        TokenError: a file is unreadable or not JSON/JSON5 (named with its line), or the
            tokens do not parse.
    """
    if path.is_dir():
        files = _token_files(path)
        if not files:
            raise TokenError(f"{path}: no token files (*.json, *.json5, *.tokens) found")
        documents = {name: _read(path / name, name=name) for name in files}
    elif path.is_file():
        documents = {path.name: _read(path, name=path.name)}
    else:
        raise TokenError(f"{path}: no such file or directory")
    return parse_tokens(documents, format=format, theme=theme)


def parse_token_text(
    text: str,
    *,
    name: str = "tokens.json",
    format: str | None = None,
    theme: str | None = None,
) -> TokenSet:
    """Resolve an uploaded token document (JSON, or JSON5 when ``name`` ends in ``.json5``)."""
    return parse_tokens({name: decode_token_text(text, name=name)}, format=format, theme=theme)


def decode_token_text(text: str, *, name: str) -> JsonValue:
    """JSON text decoded; JSON5 for ``.json5`` names and as the fallback for the rest.

    Raises:
        TokenError: neither decoder accepts the text; names the file and the line.
    """
    if not name.endswith(".json5"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            json_error = error
        # JSON5 also takes comments and trailing commas, which hand-written token files have.
        fast = _json5_via_json(text)
        if fast is not _NOT_FAST:
            return fast
        try:
            return json5.loads(text)
        except ValueError:
            raise _decode_error(name, json_error.lineno, json_error.msg) from None
    fast = _json5_via_json(text)
    if fast is not _NOT_FAST:
        return fast
    try:
        return json5.loads(text)
    except ValueError as error:
        match = _JSON5_LINE.match(str(error))
        line, message = (int(match.group(1)), match.group(2)) if match else (None, str(error))
        raise _decode_error(name, line, message) from None


_NOT_FAST = object()


def _json5_via_json(text: str) -> JsonValue:
    """JSON5 rewritten as JSON and decoded by the C decoder, or ``_NOT_FAST``.

    json5 0.17 is a pure-Python PEG parser: Primer's 61 token files (700 kB) took 13 s with it
    and take well under a second this way.
    """
    tokens: list[tuple[str, str]] = []
    position = 0
    while position < len(text):
        match = _JSON5_TOKEN.match(text, position)
        if match is None:
            return _NOT_FAST
        position = match.end()
        if match.lastgroup != "space":
            tokens.append((match.lastgroup or "", match.group()))
    out: list[str] = []
    for index, (kind, token) in enumerate(tokens):
        if kind == "name":
            is_key = index + 1 < len(tokens) and tokens[index + 1][1] == ":"
            if not is_key and token not in ("true", "false", "null"):
                return _NOT_FAST  # Infinity, NaN or a stray word: let json5 judge it
            token = f'"{token}"' if is_key else token
        elif kind == "quoted":
            token = '"' + _SINGLE_QUOTED_PART.sub(_requote, token[1:-1]) + '"'
        elif token in "}]" and out and out[-1] == ",":
            out.pop()  # JSON5 allows a trailing comma
        out.append(token)
    try:
        return json.loads("".join(out))
    except json.JSONDecodeError:
        return _NOT_FAST


def _requote(match: re.Match[str]) -> str:
    escaped = match.group(1)
    if escaped is None:
        return '\\"'
    return "'" if escaped == "'" else "\\" + escaped


def _token_files(root: Path) -> list[str]:
    found = []
    # os.walk rather than rglob so skipped folders (node_modules) are never descended into.
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [d for d in subfolders if d not in _SKIPPED_DIRS and not d.startswith(".")]
        base = Path(folder).relative_to(root)
        found += [
            (base / n).as_posix()
            for n in names
            if n.endswith(_SUFFIXES) and n not in _NOT_TOKENS and not n.startswith(".")
        ]
    return sorted(found)


def _read(path: Path, *, name: str) -> JsonValue:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise TokenError(f"{name}: cannot read: {error.strerror}") from None
    except UnicodeDecodeError:
        raise TokenError(f"{name}: not UTF-8 text") from None
    return decode_token_text(text, name=name)


def _decode_error(name: str, line: int | None, message: str) -> TokenError:
    where = f"{name}, line {line}" if line is not None else name
    return TokenError(f"{where}: not valid JSON: {message}", extra={"file": name, "line": line})
