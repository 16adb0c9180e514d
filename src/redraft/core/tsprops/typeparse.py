"""Parse TypeScript type text into `typeexpr` values.

The parser understands the type syntax props use in practice (keywords, literals, unions,
intersections, arrays, tuples, functions, object types, named types with arguments) and keeps
anything else (conditional, mapped, `keyof`, `typeof`, template literals) as an `Opaque` token
run, compared by text only. It never raises: malformed text becomes `Opaque`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from redraft.core.tsprops.typeexpr import (
    KEYWORDS,
    ArrayOf,
    Function,
    Keyword,
    Literal,
    Member,
    Named,
    ObjectType,
    Opaque,
    Param,
    Tuple,
    TypeExpr,
    join_tokens,
    make_intersection,
    make_union,
    print_type,
)

_TOKEN = re.compile(
    r"""\s+|//[^\n]*|/\*.*?\*/
    |(?P<tok>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`
      |\d+(?:\.\d+)?|[A-Za-z_$][\w$]*|=>|\.\.\.|[^\s\w])""",
    re.VERBOSE | re.DOTALL,
)
# React's `XEventHandler<T = Element>` aliases, expanded so a handler prop is seen as the
# function it is (`(event: React.XEvent<T>) => void`), whichever spelling the source used.
_HANDLER = re.compile(r"^React\.(\w+)EventHandler$")


def tokenize(text: str) -> list[str]:
    """Split type text into tokens, dropping whitespace and comments."""
    return [m.group("tok") for m in _TOKEN.finditer(text) if m.group("tok")]


# Props repeat the same few types (`string`, `boolean`, `React.ReactNode`) and the values are
# immutable, so parses are shared: this halves the time to read a module's API.
@lru_cache(maxsize=4096)
def parse_type(text: str) -> TypeExpr:
    """Parse type text; anything not understood becomes an `Opaque` part."""
    tokens = tokenize(text)
    if not tokens:
        return Opaque("")
    parser = _Parser(tokens)
    try:
        result = parser.type()
    except _Unparsable:
        return Opaque(join_tokens(tokens))
    if parser.pos != len(tokens):
        return Opaque(join_tokens(tokens))
    return result


def normalize_type(text: str) -> str:
    """The canonical spelling of a type: one text per type, whatever the source's style."""
    return print_type(parse_type(text))


class _Unparsable(Exception):
    pass


class _Parser:
    """Recursive descent over tokens; `_Unparsable` aborts to an `Opaque` of the whole text."""

    def __init__(self, tokens: list[str]) -> None:
        # Empty-string sentinels let `peek` look ahead without a bounds check (it is the
        # hottest call when reading a module).
        self.tokens = [*tokens, "", "", ""]
        self.pos = 0
        self.depth = 0

    def peek(self, offset: int = 0) -> str:
        return self.tokens[self.pos + offset]

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if not token or (expected is not None and token != expected):
            raise _Unparsable
        self.pos += 1
        return token

    def accept(self, token: str) -> bool:
        if self.peek() == token:
            self.pos += 1
            return True
        return False

    def type(self) -> TypeExpr:
        self.depth += 1
        if self.depth > 64:
            raise _Unparsable
        start = self.pos
        result = self.union()
        if self.peek() == "extends" and self.peek(1) != "":
            # A conditional type: keep it whole, compared by text.
            self.take()
            self.union()
            self.take("?")
            self.type()
            self.take(":")
            self.type()
            result = Opaque(join_tokens(self.tokens[start : self.pos]))
        self.depth -= 1
        return result

    def union(self) -> TypeExpr:
        self.accept("|")
        members = [self.intersection()]
        while self.accept("|"):
            members.append(self.intersection())
        return make_union(members) if len(members) > 1 else members[0]

    def intersection(self) -> TypeExpr:
        self.accept("&")
        members = [self.postfix()]
        while self.accept("&"):
            members.append(self.postfix())
        return make_intersection(members) if len(members) > 1 else members[0]

    def postfix(self) -> TypeExpr:
        start = self.pos
        if self.peek() in ("keyof", "typeof", "unique", "infer") and self.peek(1) not in _ENDS:
            self.take()
            self.postfix()
            return Opaque(join_tokens(self.tokens[start : self.pos]))
        if self.peek() == "readonly" and self.peek(1) not in _ENDS:
            self.take()
            inner = self.postfix()
            if isinstance(inner, ArrayOf):
                return ArrayOf(inner.element, readonly=True)
            if isinstance(inner, Tuple):
                return Tuple(inner.elements, inner.optional, readonly=True)
            raise _Unparsable
        result = self.primary()
        while self.peek() == "[":
            self.take()
            if self.accept("]"):
                result = ArrayOf(result)
            else:
                self.type()
                self.take("]")
                result = Opaque(join_tokens(self.tokens[start : self.pos]))
        return result

    def primary(self) -> TypeExpr:
        token = self.peek()
        if token[:1] in ("'", '"'):
            self.take()
            return Literal("string", _single_quoted(token[1:-1]))
        if token[:1] == "`":
            self.take()
            return Opaque(token)
        if token == "-" and self.peek(1)[:1].isdigit():
            self.take()
            return Literal("number", "-" + self.take())
        if token[:1].isdigit():
            return Literal("number", self.take())
        if token in ("true", "false"):
            return Literal("boolean", self.take())
        if token in KEYWORDS:
            self.take()
            return Keyword(token)
        if token == "(":
            return self.function() if self._arrow_follows() else self._parenthesised()
        if token in ("<", "new", "abstract"):
            return self._opaque_function()
        if token == "[":
            return self.tuple()
        if token == "{":
            return self.object()
        if token[:1].isalpha() or token[:1] in ("_", "$"):
            return self.named()
        raise _Unparsable

    def _parenthesised(self) -> TypeExpr:
        self.take("(")
        inner = self.type()
        self.take(")")
        return inner

    def _arrow_follows(self) -> bool:
        depth = 0
        for index in range(self.pos, len(self.tokens)):
            token = self.tokens[index]
            if token in ("(", "[", "{"):
                depth += 1
            elif token in (")", "]", "}"):
                depth -= 1
                if depth == 0:
                    return self.peek(index + 1 - self.pos) == "=>"
        return False

    def _opaque_function(self) -> TypeExpr:
        start = self.pos
        self.accept("abstract")
        self.accept("new")
        if self.accept("<"):
            self._skip_balanced("<", ">")
        self.function()
        return Opaque(join_tokens(self.tokens[start : self.pos]))

    def _skip_balanced(self, opening: str, closing: str) -> None:
        depth = 1
        while depth:
            token = self.take()
            depth += (token == opening) - (token == closing)

    def function(self) -> TypeExpr:
        params = self.params()
        self.take("=>")
        if self.peek(1) == "is" or self.peek() == "asserts":
            raise _Unparsable
        return Function(params, self.type())

    def params(self) -> tuple[Param, ...]:
        self.take("(")
        params: list[Param] = []
        while not self.accept(")"):
            rest = self.accept("...")
            if self.peek() in ("{", "["):
                closing = "}" if self.peek() == "{" else "]"
                self._skip_balanced(self.take(), closing)
                name = f"arg{len(params)}"
            else:
                name = self.take()
            optional = self.accept("?")
            kind = self.type() if self.accept(":") else Keyword("any")
            if name != "this":
                params.append(Param(name, kind, optional, rest))
            if not self.accept(","):
                self.take(")")
                break
        return tuple(params)

    def tuple(self) -> TypeExpr:
        self.take("[")
        elements: list[TypeExpr] = []
        optional: list[bool] = []
        while not self.accept("]"):
            labelled = self.peek(1) == ":" or (self.peek(1) == "?" and self.peek(2) == ":")
            if self.peek() == "..." or labelled:
                raise _Unparsable  # rest elements and labelled tuples stay opaque
            elements.append(self.type())
            optional.append(self.accept("?"))
            if not self.accept(","):
                self.take("]")
                break
        return Tuple(tuple(elements), tuple(optional))

    def object(self) -> TypeExpr:
        self.take("{")
        members: dict[str, Member] = {}
        index: TypeExpr | None = None
        while not self.accept("}"):
            readonly = self.peek() == "readonly" and self.peek(1) not in ("?", ":", "(")
            if readonly:
                self.take()
            if self.peek() == "[":
                if self.peek(2) != ":":
                    raise _Unparsable  # mapped types and computed keys stay opaque
                self.take()
                self.take()
                self.take(":")
                self.type()
                self.take("]")
                self.take(":")
                index = self.type()
            else:
                member = self.member(readonly)
                members[member.name] = member
            if not (self.accept(";") or self.accept(",")) and self.peek() != "}":
                raise _Unparsable
        return ObjectType(tuple(members[k] for k in sorted(members)), index)

    def member(self, readonly: bool) -> Member:
        token = self.take()
        if token in ("(", "<", "new", "get", "set") and self.peek() not in ("?", ":", "("):
            raise _Unparsable  # call, construct signatures and accessors stay opaque
        name = _single_quoted(token[1:-1]) if token[:1] in ("'", '"') else token
        optional = self.accept("?")
        if self.peek() == "(":
            params = self.params()
            returns = self.type() if self.accept(":") else Keyword("any")
            return Member(name, Function(params, returns), optional, readonly)
        self.take(":")
        return Member(name, self.type(), optional, readonly)

    def named(self) -> TypeExpr:
        name = self.take()
        while self.peek() == "." and self.peek(1):
            self.take()
            name += "." + self.take()
        if name == "import":
            raise _Unparsable
        args: list[TypeExpr] = []
        if self.accept("<"):
            args.append(self.type())
            while self.accept(","):
                args.append(self.type())
            self.take(">")
        return _named(name, tuple(args))


_ENDS = frozenset({"", ",", ")", "]", ">", "|", "&", ";", "}", "=", "?", ":"})


def _named(name: str, args: tuple[TypeExpr, ...]) -> TypeExpr:
    if name == "Array" and len(args) == 1:
        return ArrayOf(args[0])
    if name == "ReadonlyArray" and len(args) == 1:
        return ArrayOf(args[0], readonly=True)
    if name == "React.Key" and not args:
        return make_union([Keyword("string"), Keyword("number"), Keyword("bigint")])
    handler = _HANDLER.match(name)
    if handler and len(args) <= 1:
        event = Named(f"React.{handler.group(1)}Event", args)
        return Function((Param("event", event),), Keyword("void"))
    return Named(name, args)


def _single_quoted(body: str) -> str:
    # Source escapes are kept except quotes, so 'it\'s' and "it's" print the same.
    unescaped = body.replace("\\'", "'").replace('\\"', '"')
    return "'" + unescaped.replace("'", "\\'") + "'"
