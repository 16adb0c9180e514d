"""A checker for the TypeScript type expressions that requirements may use for props.

Requirements come from people and tools, and their types are pasted verbatim into generated code;
so we accept a safe, well-defined subset rather than anything that might smuggle in code:
keywords, string/number/boolean literals, unions, intersections, arrays, tuples, parentheses,
function types, and named types from an allow-list (globals and `React.*`) with type arguments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from redraft.errors import InvalidInput

KEYWORDS = frozenset(
    {
        "string",
        "number",
        "boolean",
        "bigint",
        "void",
        "unknown",
        "never",
        "undefined",
        "null",
        "any",
        "object",
        "true",
        "false",
    }
)
NAMED = frozenset(
    {
        "Array",
        "ReadonlyArray",
        "Record",
        "Partial",
        "Readonly",
        "Required",
        "Pick",
        "Omit",
        "Date",
        "Promise",
        "Map",
        "Set",
        "Event",
        "MouseEvent",
        "KeyboardEvent",
        "FocusEvent",
        "HTMLElement",
        "HTMLButtonElement",
        "HTMLInputElement",
        "HTMLDivElement",
        "HTMLAnchorElement",
        "HTMLTextAreaElement",
        "HTMLSelectElement",
        "HTMLSpanElement",
        "HTMLFormElement",
        "HTMLDialogElement",
        "File",
        "FileList",
    }
)
_TOKEN = re.compile(
    r"\s*(?:(?P<string>'[^'\\\n]*'|\"[^\"\\\n]*\")|(?P<number>-?\d+(?:\.\d+)?)"
    r"|(?P<arrow>=>)|(?P<name>[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)*)"
    r"|(?P<punct>[|&()\[\]<>,:?]))"
)


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str
    text: str
    pos: int


def check_type(text: str) -> str:
    """Return ``text`` stripped if it is an accepted type expression; raise ``InvalidInput``."""
    source = text.strip()
    tokens = _tokenize(source)
    parser = _Parser(source, tokens)
    parser.parse_type()
    if parser.index != len(tokens):
        parser.fail("unexpected text")
    return source


def _tokenize(source: str) -> list[_Tok]:
    tokens: list[_Tok] = []
    pos = 0
    while pos < len(source):
        match = _TOKEN.match(source, pos)
        if match is None or match.end() == pos:
            if source[pos:].strip() == "":
                break
            raise InvalidInput(f"invalid TypeScript type {source!r}: unexpected {source[pos:]!r}")
        kind = match.lastgroup or ""
        tokens.append(_Tok(kind, match.group(kind), match.start(kind)))
        pos = match.end()
    if not tokens:
        raise InvalidInput("empty TypeScript type")
    return tokens


class _Parser:
    def __init__(self, source: str, tokens: list[_Tok]) -> None:
        self.source = source
        self.tokens = tokens
        self.index = 0
        self.depth = 0

    def fail(self, why: str) -> None:
        where = self.tokens[self.index].pos if self.index < len(self.tokens) else len(self.source)
        raise InvalidInput(f"invalid TypeScript type {self.source!r}: {why} at column {where + 1}")

    def peek(self, text: str) -> bool:
        return self.index < len(self.tokens) and self.tokens[self.index].text == text

    def expect(self, text: str) -> None:
        if not self.peek(text):
            self.fail(f"expected {text!r}")
        self.index += 1

    def parse_type(self) -> None:
        self.depth += 1
        if self.depth > 32:
            self.fail("type nested too deeply")
        if self.peek("|"):  # leading `|` is legal TypeScript
            self.index += 1
        self.parse_intersection()
        while self.peek("|"):
            self.index += 1
            self.parse_intersection()
        self.depth -= 1

    def parse_intersection(self) -> None:
        self.parse_postfix()
        while self.peek("&"):
            self.index += 1
            self.parse_postfix()

    def parse_postfix(self) -> None:
        self.parse_primary()
        while (
            self.peek("[")
            and self.index + 1 < len(self.tokens)
            and self.tokens[self.index + 1].text == "]"
        ):
            self.index += 2

    def parse_primary(self) -> None:
        if self.index >= len(self.tokens):
            self.fail("type expected")
        tok = self.tokens[self.index]
        if tok.kind in ("string", "number"):
            self.index += 1
        elif tok.text == "(":
            if self._looks_like_function():
                self.parse_function()
            else:
                self.index += 1
                self.parse_type()
                self.expect(")")
        elif tok.text == "[":
            self.index += 1
            if not self.peek("]"):
                self.parse_type()
                while self.peek(","):
                    self.index += 1
                    self.parse_type()
            self.expect("]")
        elif tok.kind == "name":
            self.parse_named(tok)
        else:
            self.fail("type expected")

    def parse_named(self, tok: _Tok) -> None:
        name = tok.text
        if name in KEYWORDS:
            self.index += 1
            return
        if not (name in NAMED or (name.startswith("React.") and name.count(".") == 1)):
            self.fail(f"unknown type name {name!r} (use a keyword, a global type or React.*)")
        self.index += 1
        if self.peek("<"):
            self.index += 1
            self.parse_type()
            while self.peek(","):
                self.index += 1
                self.parse_type()
            self.expect(">")

    def _looks_like_function(self) -> bool:
        depth = 0
        for position in range(self.index, len(self.tokens)):
            text = self.tokens[position].text
            if text in "([":
                depth += 1
            elif text in ")]":
                depth -= 1
                if depth == 0:
                    following = position + 1
                    return following < len(self.tokens) and self.tokens[following].text == "=>"
        return False

    def parse_function(self) -> None:
        self.expect("(")
        while not self.peek(")"):
            tok = self.tokens[self.index] if self.index < len(self.tokens) else None
            if tok is None or tok.kind != "name" or "." in tok.text:
                self.fail("parameter name expected")
            self.index += 1
            if self.peek("?"):
                self.index += 1
            self.expect(":")
            self.parse_type()
            if not self.peek(")"):
                self.expect(",")
        self.expect(")")
        self.expect("=>")
        self.parse_type()
