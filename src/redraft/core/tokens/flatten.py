"""Token trees walked into flat definitions keyed by dotted path (before aliases are resolved)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from redraft.errors import TokenError

from .measure import is_number, kind
from .model import JsonValue, canonical_json

Parts = tuple[str, ...]

_DTCG_TOKEN_KEYS = frozenset({"$value", "$type", "$description", "$extensions", "$deprecated"})
_DTCG_GROUP_KEYS = frozenset(
    {"$type", "$description", "$extensions", "$deprecated", "$extends", "$root", "$schema"}
)
_NO_EXTENSIONS: dict[str, JsonValue] = {}  # shared and never mutated: tokens get copies
# Group properties that say a childless object was meant to be a token.
_TOKEN_HINTS = frozenset({"$type", "$description", "$deprecated"})


@dataclass(slots=True)
class Definition:
    """One token as written, with its own (not inherited) type and deprecation."""

    parts: Parts
    raw: JsonValue
    source: str
    type: str | None = None
    description: str | None = None
    deprecated: bool | str | None = None
    extensions: Mapping[str, JsonValue] = field(default_factory=dict)
    id: str | None = None
    alpha: float | None = None
    path: str = field(init=False)

    def __post_init__(self) -> None:
        self.path = ".".join(self.parts)

    def same_value(self, other: Definition) -> bool:
        """Same value and type, so writing both is a repeat rather than a conflict."""
        return (self.type, self.alpha) == (other.type, other.alpha) and canonical_json(
            self.raw
        ) == canonical_json(other.raw)

    def completed_by(self, other: Definition) -> Definition:
        """This definition with the details it lacks taken from a repeat of it."""
        return replace(
            self,
            description=self.description if self.description is not None else other.description,
            deprecated=self.deprecated if self.deprecated is not None else other.deprecated,
            extensions={**other.extensions, **self.extensions},
            id=self.id if self.id is not None else other.id,
        )


@dataclass(frozen=True, slots=True)
class GroupInfo:
    """What a group passes to the tokens inside it."""

    source: str
    type: str | None = None
    deprecated: bool | str | None = None
    extends: str | None = None


@dataclass(slots=True)
class Flat:
    """The tokens and groups of one or more documents."""

    tokens: dict[str, Definition] = field(default_factory=dict)
    groups: dict[Parts, GroupInfo] = field(default_factory=dict)
    # Childless objects with token properties: a token missing its $value, unless another file
    # puts tokens in the group.
    childless: list[tuple[Parts, str]] = field(default_factory=list)

    def add(self, definition: Definition) -> None:
        existing = self.tokens.get(definition.path)
        if existing is not None:
            raise TokenError(
                f"{definition.path}: defined twice in {definition.source} "
                f"(as {list(existing.parts)} and {list(definition.parts)})"
            )
        self.tokens[definition.path] = definition


def walk_dtcg(document: JsonValue, *, source: str) -> Flat:
    """Flatten a W3C DTCG document (``$value``, ``$type`` … ``$root``)."""
    flat = Flat()
    _dtcg_group(document, (), source, flat)
    return flat


def walk_legacy(document: JsonValue, *, source: str, map_type: Callable[[str], str] = str) -> Flat:
    """Flatten a Tokens Studio / Style Dictionary document (``value``, ``type`` …)."""
    flat = Flat()
    _legacy_group(document, (), source, flat, map_type)
    return flat


def walk_plain(document: JsonValue, *, source: str) -> Flat:
    """Flatten plain nested JSON: every non-object leaf is a token."""
    flat = Flat()
    _plain_node(document, (), source, flat)
    return flat


def merge(flats: list[Flat], *, override: bool) -> Flat:
    """Merge by path; later documents win when ``override``, else a differing repeat is an error.

    Without ``override`` a path written twice with the same value and type is one token whose
    description, deprecation, extensions and id come from either place (the earlier first).

    Raises:
        TokenError: without ``override``, a path or a group property set differently in two files.
    """
    merged = Flat()
    for flat in flats:
        for path, definition in flat.tokens.items():
            earlier = merged.tokens.get(path)
            if earlier is None or override:
                merged.tokens[path] = definition
            elif earlier.same_value(definition):
                merged.tokens[path] = earlier.completed_by(definition)
            else:
                raise _conflict(path, earlier.source, definition.source)
        for parts, group in flat.groups.items():
            earlier_group = merged.groups.get(parts)
            if earlier_group is None or override:
                merged.groups[parts] = group
            else:
                merged.groups[parts] = _merge_groups(parts, earlier_group, group)
        merged.childless += flat.childless
    return merged


def reject_childless(flat: Flat) -> None:
    """Raise for an object that looks like a token but has no ``$value`` and no children.

    Raises:
        TokenError: names the file and path.
    """
    if not flat.childless:
        return
    parents = {d.parts[:end] for d in flat.tokens.values() for end in range(len(d.parts))}
    for parts, source in flat.childless:
        if parts not in parents:
            raise TokenError(f"{source}: {_where(parts)}: token has no $value")


def _merge_groups(parts: Parts, earlier: GroupInfo, later: GroupInfo) -> GroupInfo:
    for first, second in (
        (earlier.type, later.type),
        (earlier.deprecated, later.deprecated),
        (earlier.extends, later.extends),
    ):
        if first is not None and second is not None and first != second:
            raise _conflict(_where(parts), earlier.source, later.source, what="group")
    return replace(
        earlier,
        type=earlier.type if earlier.type is not None else later.type,
        deprecated=earlier.deprecated if earlier.deprecated is not None else later.deprecated,
        extends=earlier.extends if earlier.extends is not None else later.extends,
    )


def _conflict(path: str, first: str, second: str, *, what: str = "token") -> TokenError:
    return TokenError(
        f"{path}: {what} defined differently in {first} and {second}",
        extra={"path": path, "files": [first, second]},
    )


def token_id(extensions: Mapping[str, JsonValue], uuid: JsonValue = None) -> str | None:
    """A stable id from Figma's variable id, a Spectrum ``uuid`` or ``$extensions.id``."""
    figma = extensions.get("com.figma")
    candidates = [
        figma.get("variableId") if isinstance(figma, dict) else None,
        extensions.get("com.figma.variableId"),
        uuid,
        extensions.get("id"),
    ]
    return next((c for c in candidates if isinstance(c, str) and c), None)


def _dtcg_group(node: JsonValue, parts: Parts, source: str, flat: Flat) -> None:
    if isinstance(node, dict) and "$value" in node:
        if not parts:
            raise TokenError(f"{source}: the document itself cannot be a token")
        flat.add(_dtcg_token(node, parts, source))
        return
    where = _where(parts)
    if not isinstance(node, dict):
        raise TokenError(
            f"{source}: {where}: expected a token or a group (an object), not {kind(node)}"
        )
    unknown = sorted(k for k in node if k.startswith("$") and k not in _DTCG_GROUP_KEYS)
    if unknown:
        raise TokenError(f"{source}: {where}: unknown property {unknown[0]!r}")
    children = [k for k in node if not k.startswith("$")]
    if parts and not children and "$root" not in node and _TOKEN_HINTS & set(node):
        flat.childless.append((parts, source))
    extends = node.get("$extends")
    if extends is not None and not (isinstance(extends, str) and extends.startswith("{")):
        raise TokenError(f"{source}: {where}: $extends must be a '{{group}}' reference")
    info = GroupInfo(
        source=source,
        type=_optional_str(node, "$type", parts, source),
        deprecated=_deprecation(node.get("$deprecated"), parts, source),
        extends=extends.strip("{} ") if isinstance(extends, str) else None,
    )
    _optional_str(node, "$description", parts, source)
    _extensions(node, parts, source)
    if info != GroupInfo(source=source):
        flat.groups[parts] = info
    if "$root" in node:
        root = node["$root"]
        if not (isinstance(root, dict) and "$value" in root):
            raise TokenError(f"{source}: {where}.$root: a $root must be a token with $value")
        flat.add(_dtcg_token(root, (*parts, "$root"), source))
    for key in children:
        _dtcg_group(node[key], (*parts, _name(key, parts, source)), source, flat)


def _dtcg_token(node: Mapping[str, JsonValue], parts: Parts, source: str) -> Definition:
    for key, value in node.items():
        if key.startswith("$") and key not in _DTCG_TOKEN_KEYS:
            raise TokenError(f"{source}: {_where(parts)}: unknown token property {key!r}")
        if not key.startswith("$") and isinstance(value, dict):
            raise TokenError(f"{source}: {_where(parts)}: a token cannot contain {key!r}")
    return _definition(node, parts, source, prefix="$")


def _legacy_group(
    node: JsonValue, parts: Parts, source: str, flat: Flat, map_type: Callable[[str], str]
) -> None:
    if not isinstance(node, dict):
        raise TokenError(
            f"{source}: {_where(parts)}: expected a token or a group (an object), not {kind(node)}"
        )
    if "value" in node or "$value" in node:
        if not parts:
            raise TokenError(f"{source}: the document itself cannot be a token")
        prefix = "$" if "$value" in node else ""
        definition = _definition(node, parts, source, prefix=prefix)
        if definition.type is not None:
            definition = replace(definition, type=map_type(definition.type))
        flat.add(definition)
        return
    group_type = _optional_str(node, "$type", parts, source)
    deprecated = _deprecation(node.get("$deprecated"), parts, source)
    if group_type is not None or deprecated is not None:
        flat.groups[parts] = GroupInfo(
            source=source,
            type=map_type(group_type) if group_type is not None else None,
            deprecated=deprecated,
        )
    for key, child in node.items():
        if not key.startswith("$"):
            _legacy_group(child, (*parts, _name(key, parts, source)), source, flat, map_type)


def _plain_node(node: JsonValue, parts: Parts, source: str, flat: Flat) -> None:
    if isinstance(node, dict) and not _is_value_object(node):
        for key, child in node.items():
            if not key.startswith("$"):  # "$schema" and the like are not tokens
                _plain_node(child, (*parts, _name(key, parts, source)), source, flat)
        return
    if not parts:
        raise TokenError(f"{source}: plain token JSON must be an object")
    if node is None:
        raise TokenError(f"{source}: {_where(parts)}: a token value cannot be null")
    flat.add(Definition(parts=parts, raw=node, source=source))


def _is_value_object(node: Mapping[str, JsonValue]) -> bool:
    # DTCG's dimension and colour objects are one value in plain JSON, not a group of two.
    return set(node) == {"value", "unit"} or {"colorSpace", "components"} <= set(node)


def _definition(
    node: Mapping[str, JsonValue], parts: Parts, source: str, *, prefix: str
) -> Definition:
    raw = node[prefix + "value"]
    if raw is None:
        raise TokenError(f"{source}: {_where(parts)}: a token value cannot be null")
    extensions = _extensions(node, parts, source)
    alpha = node.get("alpha")
    if alpha is not None and not (is_number(alpha) and 0 <= alpha <= 1):
        raise TokenError(f"{source}: {_where(parts)}: 'alpha' must be a number from 0 to 1")
    deprecated = _deprecation(node.get(prefix + "deprecated"), parts, source)
    comment = node.get("deprecated_comment")  # Spectrum's reason for a deprecation
    if deprecated is True and isinstance(comment, str) and comment:
        deprecated = comment
    uuid = node.get("uuid")
    return Definition(
        parts=parts,
        raw=raw,
        source=source,
        type=_optional_str(node, prefix + "type", parts, source),
        description=_optional_str(node, prefix + "description", parts, source),
        deprecated=deprecated,
        extensions=extensions,
        id=token_id(extensions, uuid) if extensions or uuid is not None else None,
        alpha=alpha,
    )


def _optional_str(node: Mapping[str, JsonValue], key: str, parts: Parts, source: str) -> str | None:
    value = node.get(key)
    if value is not None and not isinstance(value, str):
        raise TokenError(f"{source}: {_where(parts)}: {key} must be a string, not {kind(value)}")
    return value


def _deprecation(value: JsonValue, parts: Parts, source: str) -> bool | str | None:
    if value is None or isinstance(value, bool | str):
        return value
    raise TokenError(f"{source}: {_where(parts)}: $deprecated must be true, false or a string")


def _extensions(
    node: Mapping[str, JsonValue], parts: Parts, source: str
) -> Mapping[str, JsonValue]:
    value = node.get("$extensions", _NO_EXTENSIONS)
    if not isinstance(value, dict):
        raise TokenError(
            f"{source}: {_where(parts)}: $extensions must be an object, not {kind(value)}"
        )
    return value


def _name(key: str, parts: Parts, source: str) -> str:
    if "{" in key or "}" in key:
        raise TokenError(f"{source}: {_where(parts)}: name {key!r} contains a brace")
    return key


def _where(parts: Parts) -> str:
    return ".".join(parts) if parts else "(root)"
