from __future__ import annotations

from redraft.core.changes.jsonvalue import brief, same_json


def test_json_equality_ignores_key_order_and_array_spelling() -> None:
    assert same_json({"a": 1, "b": [1, {"c": 2}]}, {"b": ({"c": 2}, 1.0), "a": 1.0}) is False
    assert same_json({"a": 1, "b": [1, {"c": 2}]}, {"b": (1.0, {"c": 2}), "a": 1.0})


def test_json_equality_keeps_booleans_apart_from_numbers() -> None:
    assert not same_json(True, 1)
    assert not same_json([0], [False])
    assert not same_json({"x": None}, {"x": 0})
    assert not same_json("1", 1)


def test_brief_shows_dimensions_as_css_and_shortens_long_values() -> None:
    assert brief({"value": 4, "unit": "px"}) == "4px"
    assert brief(None) == "none"
    assert brief({"b": 1, "a": [1, 2]}) == '{"a":[1,2],"b":1}'
    assert brief("x" * 100) == "x" * 59 + "…"
