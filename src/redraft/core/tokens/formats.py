"""Which format a set of documents is in, and Tokens Studio's sets, order and themes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from redraft.errors import TokenError

from .model import JsonValue

FORMATS = ("dtcg", "tokens-studio", "plain")

_STUDIO_FILES = frozenset({"$themes", "$metadata"})
_EXTENSIONS = (".tokens.json", ".json5", ".json", ".tokens")
_ACTIVE = frozenset({"enabled", "source"})
_DTCG_MARKS = frozenset({"$value", "$root", "$extends"})

# Tokens Studio type names that have an obvious DTCG counterpart; others are kept as written.
STUDIO_TYPES = {
    "color": "color",
    "sizing": "dimension",
    "spacing": "dimension",
    "borderRadius": "dimension",
    "borderWidth": "dimension",
    "dimension": "dimension",
    "fontSizes": "dimension",
    "letterSpacing": "dimension",
    "paragraphSpacing": "dimension",
    "paragraphIndent": "dimension",
    "fontFamilies": "fontFamily",
    "fontWeights": "fontWeight",
    "boxShadow": "shadow",
    "typography": "typography",
    "border": "border",
    "opacity": "number",
    "number": "number",
    "duration": "duration",
}


@dataclass(frozen=True, slots=True)
class TokenSetSource:
    """One Tokens Studio set: its name, tree and where it came from (for messages)."""

    name: str
    tree: JsonValue
    source: str


@dataclass(slots=True)
class StudioProject:
    """Tokens Studio sets in override order (later wins) and the stable ids themes carry."""

    sets: list[TokenSetSource] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)


def detect_format(documents: Mapping[str, JsonValue]) -> str:
    """The format of a set of documents, one of :data:`FORMATS`.

    ``$themes``/``$metadata`` make it Tokens Studio whatever the token syntax; otherwise any
    ``$value`` key means DTCG, any legacy ``value`` key Tokens Studio, and neither plain JSON.
    """
    for name, document in documents.items():
        if _studio_file(name) is not None or _is_single_file_project(document):
            return "tokens-studio"
    legacy = False
    stack = list(documents.values())
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if _DTCG_MARKS & node.keys():
                return "dtcg"
            # {"value", "unit"} is a DTCG dimension object, not a legacy token.
            legacy = legacy or ("value" in node and set(node) != {"value", "unit"})
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return "tokens-studio" if legacy else "plain"


def studio_type(name: str) -> str:
    """The DTCG name for a Tokens Studio type, or the name itself."""
    return STUDIO_TYPES.get(name, name)


def set_name(document_name: str) -> str:
    """``"theme/light.json"`` → ``"theme/light"`` (Tokens Studio names a set by its path)."""
    for suffix in _EXTENSIONS:
        if document_name.endswith(suffix):
            return document_name[: -len(suffix)]
    return document_name


def studio_project(documents: Mapping[str, JsonValue], *, theme: str | None) -> StudioProject:
    """Sets ordered by ``$metadata.tokenSetOrder`` (unlisted sets after, sorted), narrowed to the
    sets a theme enables or uses as source when ``theme`` is given.

    Raises:
        TokenError: malformed ``$themes``/``$metadata``, or an unknown theme.
    """
    sets: dict[str, TokenSetSource] = {}
    themes: list[JsonValue] = []
    order: list[str] = []
    for name, document in documents.items():
        special = _studio_file(name)
        if special == "$themes":
            themes.extend(_themes(document, name))
        elif special == "$metadata":
            order.extend(_set_order(document, name))
        elif _is_single_file_project(document):
            for key, tree in document.items():
                if key == "$themes":
                    themes.extend(_themes(tree, name))
                elif key == "$metadata":
                    order.extend(_set_order(tree, name))
                elif not key.startswith("$"):
                    _add_set(sets, TokenSetSource(key, tree, f"{name} (set {key})"))
        else:
            _add_set(sets, TokenSetSource(set_name(name), document, name))
    names = [n for n in dict.fromkeys(order) if n in sets]
    names += sorted(n for n in sets if n not in names)
    chosen = themes if theme is None else [_find_theme(themes, theme)]
    if theme is not None:
        selected = chosen[0].get("selectedTokenSets") or {}
        names = [n for n in names if selected.get(n) in _ACTIVE]
    return StudioProject(sets=[sets[n] for n in names], ids=_variable_ids(chosen))


def _studio_file(name: str) -> str | None:
    """``"$themes"`` or ``"$metadata"`` when the document is one of those files, in any folder."""
    base = set_name(name).rsplit("/", 1)[-1]
    return base if base in _STUDIO_FILES else None


def _is_single_file_project(document: JsonValue) -> bool:
    return isinstance(document, dict) and bool(_STUDIO_FILES & set(document))


def _add_set(sets: dict[str, TokenSetSource], token_set: TokenSetSource) -> None:
    if token_set.name in sets:
        raise TokenError(
            f"token set {token_set.name!r} is defined in both {sets[token_set.name].source} "
            f"and {token_set.source}"
        )
    sets[token_set.name] = token_set


def _themes(document: JsonValue, name: str) -> list[Mapping[str, JsonValue]]:
    if not isinstance(document, list) or not all(isinstance(t, dict) for t in document):
        raise TokenError(f"{name}: $themes must be a list of theme objects")
    for theme in document:
        selected = theme.get("selectedTokenSets", {})
        if not isinstance(selected, dict):
            raise TokenError(
                f"{name}: theme {theme.get('name')!r}: selectedTokenSets must be an object"
            )
    return list(document)


def _set_order(document: JsonValue, name: str) -> list[str]:
    order = document.get("tokenSetOrder", []) if isinstance(document, dict) else None
    if not isinstance(order, list) or not all(isinstance(n, str) for n in order):
        raise TokenError(f"{name}: $metadata.tokenSetOrder must be a list of set names")
    return order


def _find_theme(themes: list[Mapping[str, JsonValue]], wanted: str) -> Mapping[str, JsonValue]:
    matches = [
        t
        for t in themes
        if wanted in (t.get("id"), t.get("name"), f"{t.get('group')}/{t.get('name')}")
    ]
    if len(matches) != 1:
        known = ", ".join(sorted(str(t.get("name")) for t in themes)) or "none"
        problem = "is ambiguous" if matches else "does not exist"
        raise TokenError(f"theme {wanted!r} {problem}; themes: {known}")
    return matches[0]


def _variable_ids(themes: list[Mapping[str, JsonValue]]) -> dict[str, str]:
    # Every theme of a Figma collection names the same variable for a path; the first one wins.
    ids: dict[str, str] = {}
    for theme in themes:
        references = theme.get("$figmaVariableReferences")
        if isinstance(references, dict):
            for path, variable in references.items():
                if isinstance(variable, str):
                    ids.setdefault(path, variable)
    return ids
