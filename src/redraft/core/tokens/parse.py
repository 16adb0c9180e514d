"""The entry point: decoded token documents in, a resolved :class:`TokenSet` out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from redraft.errors import TokenError

from .flatten import Flat, merge, reject_childless, walk_dtcg, walk_legacy, walk_plain
from .formats import FORMATS, detect_format, studio_project, studio_type
from .group import apply_extends
from .model import JsonValue, TokenSet
from .resolve import resolve


def parse_tokens(
    documents: Mapping[str, JsonValue],
    *,
    format: str | None = None,
    theme: str | None = None,
) -> TokenSet:
    """Parse, merge and resolve token documents.

    Args:
        documents: decoded JSON keyed by relative file name (``"color/base.json"``,
            ``"$themes.json"``); the names are used in messages and as Tokens Studio set names.
        format: ``"dtcg"``, ``"tokens-studio"`` or ``"plain"``; detected when ``None``.
        theme: a Tokens Studio theme (id, name or ``group/name``) whose sets to use; all sets
            are used when ``None``.

    Returns:
        Every token, flattened to dotted paths, with aliases resolved and values normalised.

    Raises:
        AliasCycle: aliases refer to each other in a loop.
        DanglingAlias: an alias names a token that does not exist.
        TokenError: anything else malformed, named by file and path.
    """
    chosen = format if format is not None else detect_format(documents)
    if chosen not in FORMATS:
        raise TokenError(f"unknown token format {chosen!r}; use one of {', '.join(FORMATS)}")
    if theme is not None and chosen != "tokens-studio":
        raise TokenError("themes exist only in the tokens-studio format")
    if chosen == "tokens-studio":
        return TokenSet(resolve(_studio(documents, theme)))
    names = sorted(documents)
    if chosen == "plain":
        flat = merge([walk_plain(documents[n], source=n) for n in names], override=False)
        return TokenSet(resolve(flat, infer_types=True))
    flat = apply_extends(merge([walk_dtcg(documents[n], source=n) for n in names], override=False))
    reject_childless(flat)
    return TokenSet(resolve(flat))


def _studio(documents: Mapping[str, JsonValue], theme: str | None) -> Flat:
    project = studio_project(documents, theme=theme)
    flats = [walk_legacy(s.tree, source=s.source, map_type=studio_type) for s in project.sets]
    flat = merge(flats, override=True)
    for path, definition in flat.tokens.items():
        if definition.id is None and path in project.ids:
            flat.tokens[path] = replace(definition, id=project.ids[path])
    return flat
