"""Design tokens: parse DTCG, Tokens Studio and plain JSON into a resolved :class:`TokenSet`."""

from .model import JsonValue, Token, TokenSet, canonical_json
from .parse import parse_tokens

__all__ = ["JsonValue", "Token", "TokenSet", "canonical_json", "parse_tokens"]
