from __future__ import annotations

from typing import Any

import pytest

from redraft.errors import RequirementsError
from redraft.spec.requirements import parse_requirements, requirements_json_schema
from tests.factories import button_requirements


def errors_of(data: Any) -> list[dict[str, Any]]:
    with pytest.raises(RequirementsError) as caught:
        parse_requirements(data)
    return caught.value.errors


def test_valid_requirements_round_trip_through_their_canonical_form() -> None:
    spec = parse_requirements(button_requirements())

    again = parse_requirements(spec.canonical())

    assert again == spec
    assert spec.canonical()["$schema"] == "redraft/requirements@1"
    assert spec.token_references() == [
        "color.brand.on-primary",
        "color.brand.primary",
        "radius.md",
        "space.md",
        "space.sm",
    ]


@pytest.mark.parametrize(
    ("change", "loc", "fragment"),
    [
        ({"name": "button"}, "name", "pattern"),
        ({"pattern": "Button!"}, "pattern", "pattern"),
        ({"pattern_version": "about 1"}, "pattern_version", "not a version constraint"),
        ({"props": [{"name": "label", "type": "Foo"}]}, "props.0.type", "unknown type name"),
        ({"props": [{"name": "Label", "type": "string"}]}, "props.0.name", "pattern"),
        ({"events": [{"name": "click"}]}, "events.0.name", "pattern"),
        ({"variants": {"size": []}}, "variants.size", "at least 1"),
        ({"variants": {"size": ["sm", "sm"]}}, "variants", "duplicate"),
        ({"bindings": {"root[": {"color": "red"}}}, "bindings", "style slot"),
        ({"bindings": {"root": {"background-color": "red"}}}, "bindings", "camelCase"),
        ({"bindings": {"root": {"color": "{color"}}}, "bindings", "token reference"),
        ({"bindings": {"root[size=xl]": {"color": "red"}}}, "(root)", "not a declared variant"),
        ({"bindings": {"root:hover": {"color": "red"}}}, "(root)", "not a declared state"),
        ({"unknown": 1}, "unknown", "Extra inputs"),
    ],
)
def test_errors_point_at_the_field(change: dict[str, Any], loc: str, fragment: str) -> None:
    errors = errors_of(button_requirements(**change))
    matching = [e for e in errors if e["loc"] == loc]
    assert matching, errors
    assert fragment in matching[0]["msg"]


def test_names_must_be_unique_across_props_variants_states_and_events() -> None:
    errors = errors_of(button_requirements(states=["disabled", "size"]))
    assert "duplicate prop, variant, state or event name 'size'" in errors[0]["msg"]


def test_required_props_cannot_have_defaults() -> None:
    props = [{"name": "label", "type": "string", "required": True, "default": "x"}]
    assert "cannot have a default" in errors_of(button_requirements(props=props))[0]["msg"]


def test_non_objects_are_refused() -> None:
    with pytest.raises(RequirementsError, match="JSON object"):
        parse_requirements(["not", "an", "object"])


def test_json_schema_is_exported() -> None:
    schema = requirements_json_schema()
    assert schema["title"] == "Requirements"
    assert {"name", "pattern", "props", "variants", "states", "events", "a11y", "bindings"} <= set(
        schema["properties"]
    )
    assert schema["additionalProperties"] is False
