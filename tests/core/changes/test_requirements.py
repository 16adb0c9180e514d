from __future__ import annotations

from typing import Any

from redraft.core.changes import RequirementChange, diff_requirements
from redraft.spec.requirements import parse_requirements
from tests.factories import button_requirements


def button(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": "Button",
        "pattern": "button",
        "pattern_version": "*",
        "description": "The main call to action.",
        "props": [
            {"name": "label", "type": "string", "required": True, "default": None},
            {"name": "icon", "type": "string", "required": False, "default": None},
        ],
        "variants": {"size": ["md", "sm"], "tone": ["primary", "danger"]},
        "states": ["disabled"],
        "events": [{"name": "onClick", "params": [], "returns": "void", "required": False}],
        "a11y": {"role": None, "label": None, "attributes": {}},
        "bindings": {
            "root": {"padding": "{space.md}", "color": "{color.fg}"},
            "root[size=sm]": {"padding": "{space.sm}"},
        },
        "$schema": "redraft/requirements@1",
    }
    base.update(changes)
    return base


def rows(changes: list[RequirementChange]) -> list[tuple[str, str, str, str]]:
    return [(c.section, c.kind.value, c.key, c.message) for c in changes]


def test_identical_requirements_have_no_changes() -> None:
    assert diff_requirements(button(), button()) == []


def test_props_added_removed_and_modified_field_by_field() -> None:
    new = button(
        props=[
            {"name": "label", "type": "string | number", "required": False, "default": "OK"},
            {"name": "size", "type": "number", "required": True, "default": None},
        ]
    )

    changes = diff_requirements(button(), new)

    assert rows(changes) == [
        ("props", "removed", "icon", "prop `icon` removed"),
        ("props", "modified", "label.default", "prop `label`: default added (`OK`)"),
        ("props", "modified", "label.required", "prop `label` is now optional"),
        ("props", "modified", "label.type", "prop `label`: type `string` → `string | number`"),
        ("props", "added", "size", "prop `size` added (required)"),
    ]
    assert (changes[3].old, changes[3].new) == ("string", "string | number")
    assert changes[4].new == {"name": "size", "type": "number", "required": True, "default": None}


def test_prop_order_is_not_a_change() -> None:
    reordered = button(props=list(reversed(button()["props"])))

    assert diff_requirements(button(), reordered) == []


def test_prop_deprecation_and_description_say_what_happened() -> None:
    new = button(
        props=[
            {"name": "label", "type": "string", "required": True, "default": None},
            {
                "name": "icon",
                "type": "string",
                "required": False,
                "default": None,
                "deprecated": "use startIcon",
                "description": "An icon.",
            },
        ]
    )

    assert rows(diff_requirements(button(), new)) == [
        ("props", "modified", "icon.deprecated", "prop `icon` deprecated"),
        ("props", "modified", "icon.description", "prop `icon`: description added"),
    ]


def test_variant_axes_and_values_added_and_removed() -> None:
    new = button(variants={"size": ["md", "sm", "lg"], "shape": ["round", "square"]})

    assert rows(diff_requirements(button(), new)) == [
        ("variants", "added", "shape", "variant `shape` added (round, square)"),
        ("variants", "added", "size=lg", "variant value `size=lg` added"),
        ("variants", "removed", "tone", "variant `tone` removed"),
    ]


def test_a_new_first_variant_value_is_a_changed_default() -> None:
    new = button(variants={"size": ["sm", "md"], "tone": ["primary", "neutral", "danger"]})

    changes = diff_requirements(button(), new)

    assert rows(changes) == [
        ("variants", "modified", "size.default", "variant `size`: default `md` → `sm`"),
        ("variants", "added", "tone=neutral", "variant value `tone=neutral` added"),
    ]


def test_reordered_variant_values_with_the_same_default_are_an_order_change() -> None:
    old = button(variants={"size": ["md", "sm", "lg"]})
    new = button(variants={"size": ["md", "lg", "sm"]})

    changes = diff_requirements(old, new)

    assert rows(changes) == [
        ("variants", "modified", "size.order", "variant `size`: order md, sm, lg → md, lg, sm")
    ]


def test_states_and_events_added_removed_and_modified() -> None:
    new = button(
        states=["loading"],
        events=[
            {
                "name": "onClick",
                "params": [{"name": "count", "type": "number"}],
                "returns": "void",
                "required": False,
            },
            {"name": "onFocus", "params": [], "returns": "void", "required": False},
        ],
    )

    assert rows(diff_requirements(button(), new)) == [
        ("states", "removed", "disabled", "state `disabled` removed"),
        ("states", "added", "loading", "state `loading` added"),
        (
            "events",
            "modified",
            "onClick.params",
            "event `onClick`: params `()` → `(count: number)`",
        ),
        ("events", "added", "onFocus", "event `onFocus` added"),
    ]


def test_a11y_role_label_and_attributes() -> None:
    new = button(a11y={"role": "link", "label": None, "attributes": {"aria-live": "polite"}})

    assert rows(diff_requirements(button(), new)) == [
        ("a11y", "added", "aria-live", "a11y `aria-live` added (`polite`)"),
        ("a11y", "added", "role", "a11y role added (`link`)"),
    ]


def test_bindings_slots_and_properties_added_removed_and_modified() -> None:
    new = button(
        bindings={
            "root": {"padding": "{space.lg}", "borderRadius": "{radius.md}"},
            "root:disabled": {"opacity": 0.5},
        }
    )

    changes = diff_requirements(button(), new)

    assert rows(changes) == [
        (
            "bindings",
            "added",
            "root.borderRadius",
            "binding `root.borderRadius` added (`{radius.md}`)",
        ),
        ("bindings", "removed", "root.color", "binding `root.color` removed"),
        (
            "bindings",
            "modified",
            "root.padding",
            "binding `root.padding`: `{space.md}` → `{space.lg}`",
        ),
        ("bindings", "added", "root:disabled", "binding slot `root:disabled` added"),
        ("bindings", "removed", "root[size=sm]", "binding slot `root[size=sm]` removed"),
    ]
    assert changes[4].old == {"padding": "{space.sm}"}


def test_name_description_and_pattern_fields_come_first() -> None:
    new = button(name="PrimaryButton", description="Press it.", pattern_version="^2")

    assert rows(diff_requirements(button(), new)) == [
        ("component", "modified", "description", "description changed"),
        ("component", "modified", "name", "name `Button` → `PrimaryButton`"),
        ("component", "modified", "pattern_version", "pattern version `*` → `^2`"),
    ]


def test_missing_sections_count_as_empty() -> None:
    changes = diff_requirements({"name": "Button"}, {"name": "Button", "states": ["open"]})

    assert rows(changes) == [("states", "added", "open", "state `open` added")]


def test_diffs_the_canonical_form_of_validated_requirements() -> None:
    old = parse_requirements(button_requirements()).canonical()
    new_doc = button_requirements()
    new_doc["bindings"]["root"]["padding"] = "{space.sm}"
    new = parse_requirements(new_doc).canonical()

    changes = diff_requirements(old, new)

    assert [c.to_json() for c in changes] == [
        {
            "section": "bindings",
            "kind": "modified",
            "key": "root.padding",
            "old": "{space.md}",
            "new": "{space.sm}",
            "message": "binding `root.padding`: `{space.md}` → `{space.sm}`",
        }
    ]
    assert RequirementChange.from_json(changes[0].to_json()) == changes[0]


def test_an_empty_description_is_no_description() -> None:
    old = button(events=[{"name": "onClick", "params": [], "returns": "void", "description": ""}])
    new = button(events=[{"name": "onClick", "params": [], "returns": "void"}], description="")

    assert rows(diff_requirements(old, new)) == [
        ("component", "removed", "description", "description removed")
    ]


def test_left_out_defaults_are_not_changes() -> None:
    old = {"props": [{"name": "size", "type": "string", "required": False, "deprecated": False}]}
    new = {"props": [{"name": "size", "type": "string"}]}

    assert diff_requirements(old, new) == []
