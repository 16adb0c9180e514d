"""What changed between two requirements documents (their canonical JSON form).

Core cannot import the pydantic schema, so this works on plain mappings shaped like
``Requirements.canonical()``; missing sections count as empty.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from redraft.core.tokens.model import JsonValue
from redraft.errors import InvalidInput

from .jsonvalue import brief, same_json

# Sections in the order changes are listed; within a section, changes are sorted by key.
SECTIONS = ("component", "props", "variants", "states", "events", "a11y", "bindings")
_COMPONENT_FIELDS = ("name", "description", "pattern", "pattern_version")


class RequirementChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    MODIFIED = "modified"


@dataclass(frozen=True, slots=True)
class RequirementChange:
    """One change to a component's requirements.

    Attributes:
        section: one of :data:`SECTIONS`.
        kind: added, removed or modified.
        key: what changed within the section: a prop or event name (``size``), one of its
            fields (``size.type``), a variant value (``size=sm``), a binding
            (``root[size=sm].padding``), an a11y field or attribute, a component field (``name``).
        old: the value before (``None`` when added).
        new: the value after (``None`` when removed).
        message: one line for people, e.g. "prop `size` added".
    """

    section: str
    kind: RequirementChangeKind
    key: str
    old: JsonValue = None
    new: JsonValue = None
    message: str = ""

    def to_json(self) -> dict[str, JsonValue]:
        """Plain JSON with every attribute."""
        return {
            "section": self.section,
            "kind": self.kind.value,
            "key": self.key,
            "old": self.old,
            "new": self.new,
            "message": self.message,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, JsonValue]) -> RequirementChange:
        """The inverse of :meth:`to_json`; raises ``InvalidInput`` on malformed data."""
        try:
            return cls(
                section=str(data["section"]),
                kind=RequirementChangeKind(data["kind"]),
                key=str(data["key"]),
                old=data.get("old"),
                new=data.get("new"),
                message=str(data.get("message", "")),
            )
        except (KeyError, ValueError) as exc:
            raise InvalidInput(f"not a requirement change: {exc}") from None


def diff_requirements(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[RequirementChange]:
    """Compare two requirements documents in canonical JSON form.

    Props and events are matched by name and compared field by field; variants by axis and
    value (a changed first value is a changed default); bindings by slot and CSS property.
    The order of props, events and states is not a change.

    Args:
        old: the requirements before, as ``Requirements.canonical()`` gives them.
        new: the requirements after.

    Returns:
        The changes, by section (see :data:`SECTIONS`), then key.
    """
    found: list[RequirementChange] = []
    for field in _COMPONENT_FIELDS:
        before, after = old.get(field), new.get(field)
        if field == "description":
            found.extend(_prose("component", field, before, after, "description"))
        else:
            found.extend(_scalar("component", field, before, after, field.replace("_", " ")))
    found.extend(_named("props", "prop", old.get("props"), new.get("props")))
    found.extend(_variants(_mapping(old, "variants"), _mapping(new, "variants")))
    found.extend(_states(old.get("states") or [], new.get("states") or []))
    found.extend(_named("events", "event", old.get("events"), new.get("events")))
    found.extend(_a11y(_mapping(old, "a11y"), _mapping(new, "a11y")))
    found.extend(_bindings(_mapping(old, "bindings"), _mapping(new, "bindings")))
    order = {section: index for index, section in enumerate(SECTIONS)}
    found.sort(key=lambda change: (order[change.section], change.key))
    return found


def _mapping(document: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = document.get(key)
    return value if isinstance(value, Mapping) else {}


def _scalar(
    section: str,
    key: str,
    old: JsonValue,
    new: JsonValue,
    label: str,
    show: Callable[[JsonValue], str] | None = None,
) -> list[RequirementChange]:
    if same_json(old, new):
        return []
    render = show or _quoted
    if old is None:
        kind, message = RequirementChangeKind.ADDED, f"{label} added ({render(new)})"
    elif new is None:
        kind, message = RequirementChangeKind.REMOVED, f"{label} removed"
    else:
        # "binding `root.padding`: `a` → `b`" but "prop `size`: type `a` → `b`".
        sep = ": " if label.endswith("`") else " "
        kind, message = RequirementChangeKind.MODIFIED, f"{label}{sep}{render(old)} → {render(new)}"
    return [RequirementChange(section, kind, key, old, new, message)]


def _named(section: str, noun: str, old: Any, new: Any) -> list[RequirementChange]:
    """Props or events: matched by name, then compared field by field."""
    before = {item["name"]: item for item in old or []}
    after = {item["name"]: item for item in new or []}
    found: list[RequirementChange] = []
    for name, spec in after.items():
        if name not in before:
            required = " (required)" if spec.get("required") else ""
            message = f"{noun} `{name}` added{required}"
            found.append(
                RequirementChange(section, RequirementChangeKind.ADDED, name, None, spec, message)
            )
    for name, spec in before.items():
        if name not in after:
            message = f"{noun} `{name}` removed"
            found.append(
                RequirementChange(section, RequirementChangeKind.REMOVED, name, spec, None, message)
            )
            continue
        other = after[name]
        for field in sorted(set(spec) | set(other)):
            found.extend(_field(section, noun, name, field, spec.get(field), other.get(field)))
    return found


def _field(
    section: str, noun: str, name: str, field: str, old: JsonValue, new: JsonValue
) -> list[RequirementChange]:
    """One field of a prop or event: always ``modified``, since the prop itself stays."""
    # Canonical documents spell every field; partial ones leave defaults out.
    if field == "description":
        old, new = old or None, new or None
    elif field in ("required", "deprecated"):
        old, new = old or False, new or False
    if same_json(old, new):
        return []
    key = f"{name}.{field}"
    what = f"{noun} `{name}`"
    if field == "required":
        message = f"{what} is now {'required' if new else 'optional'}"
    elif field == "deprecated" and not (old and new):
        message = f"{what} deprecated" if new else f"{what} no longer deprecated"
    elif field == "description":
        message = _prose(section, key, old, new, f"{what}: description")[0].message
    else:
        show = _params if field == "params" else None
        message = _scalar(section, key, old, new, f"{what}: {field}", show)[0].message
    return [RequirementChange(section, RequirementChangeKind.MODIFIED, key, old, new, message)]


def _variants(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[RequirementChange]:
    found: list[RequirementChange] = []
    for axis, values in new.items():
        if axis not in old:
            message = f"variant `{axis}` added ({', '.join(values)})"
            found.append(
                RequirementChange(
                    "variants", RequirementChangeKind.ADDED, axis, None, values, message
                )
            )
    for axis, values in old.items():
        if axis not in new:
            message = f"variant `{axis}` removed"
            found.append(
                RequirementChange(
                    "variants", RequirementChangeKind.REMOVED, axis, values, None, message
                )
            )
        else:
            found.extend(_variant_values(axis, list(values), list(new[axis])))
    return found


def _variant_values(axis: str, old: list[str], new: list[str]) -> list[RequirementChange]:
    found: list[RequirementChange] = []
    for value in new:
        if value not in old:
            key = f"{axis}={value}"
            message = f"variant value `{key}` added"
            found.append(
                RequirementChange(
                    "variants", RequirementChangeKind.ADDED, key, None, value, message
                )
            )
    for value in old:
        if value not in new:
            key = f"{axis}={value}"
            message = f"variant value `{key}` removed"
            found.append(
                RequirementChange(
                    "variants", RequirementChangeKind.REMOVED, key, value, None, message
                )
            )
    # The generator makes the first value the default, and orders style rules by position.
    if old and new and old[0] != new[0]:
        found.extend(
            _scalar("variants", f"{axis}.default", old[0], new[0], f"variant `{axis}`: default")
        )
    else:
        kept_old = [value for value in old if value in new]
        kept_new = [value for value in new if value in old]
        if kept_old != kept_new:
            message = f"variant `{axis}`: order {', '.join(old)} → {', '.join(new)}"
            found.append(
                RequirementChange(
                    "variants", RequirementChangeKind.MODIFIED, f"{axis}.order", old, new, message
                )
            )
    return found


def _states(old: Sequence[str], new: Sequence[str]) -> list[RequirementChange]:
    added = [
        RequirementChange(
            "states", RequirementChangeKind.ADDED, state, None, state, f"state `{state}` added"
        )
        for state in new
        if state not in old
    ]
    removed = [
        RequirementChange(
            "states", RequirementChangeKind.REMOVED, state, state, None, f"state `{state}` removed"
        )
        for state in old
        if state not in new
    ]
    return added + removed


def _a11y(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[RequirementChange]:
    found: list[RequirementChange] = []
    for field in ("role", "label"):
        found.extend(_scalar("a11y", field, old.get(field), new.get(field), f"a11y {field}"))
    before, after = _mapping(old, "attributes"), _mapping(new, "attributes")
    for name in sorted(set(before) | set(after)):
        found.extend(_scalar("a11y", name, before.get(name), after.get(name), f"a11y `{name}`"))
    return found


def _bindings(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[RequirementChange]:
    found: list[RequirementChange] = []
    for slot, styles in new.items():
        if slot not in old:
            message = f"binding slot `{slot}` added"
            found.append(
                RequirementChange(
                    "bindings", RequirementChangeKind.ADDED, slot, None, styles, message
                )
            )
    for slot, styles in old.items():
        if slot not in new:
            message = f"binding slot `{slot}` removed"
            found.append(
                RequirementChange(
                    "bindings", RequirementChangeKind.REMOVED, slot, styles, None, message
                )
            )
            continue
        other = new[slot]
        for prop in sorted(set(styles) | set(other)):
            key = f"{slot}.{prop}"
            found.extend(
                _scalar("bindings", key, styles.get(prop), other.get(prop), f"binding `{key}`")
            )
    return found


def _prose(
    section: str, key: str, old: JsonValue, new: JsonValue, label: str
) -> list[RequirementChange]:
    """Descriptions: the message says one changed; the change itself holds the text."""
    old, new = old or None, new or None
    if old == new:
        return []
    if old is None:
        kind, message = RequirementChangeKind.ADDED, f"{label} added"
    elif new is None:
        kind, message = RequirementChangeKind.REMOVED, f"{label} removed"
    else:
        kind, message = RequirementChangeKind.MODIFIED, f"{label} changed"
    return [RequirementChange(section, kind, key, old, new, message)]


def _quoted(value: JsonValue) -> str:
    return "none" if value is None else f"`{brief(value)}`"


def _params(value: JsonValue) -> str:
    if not isinstance(value, list):
        return _quoted(value)
    inner = ", ".join(f"{p.get('name')}: {p.get('type')}" for p in value if isinstance(p, Mapping))
    return f"`({inner})`"
