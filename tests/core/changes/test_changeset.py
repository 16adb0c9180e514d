from __future__ import annotations

from redraft.core.changes import (
    ChangeSet,
    TokenChange,
    TokenChangeKind,
    TokenDiff,
    diff_pattern,
    diff_requirements,
    diff_tokens,
    summarize,
)
from redraft.core.tokens import Token, TokenSet

K = TokenChangeKind


def test_an_empty_change_set_is_empty_and_says_nothing() -> None:
    change_set = ChangeSet()

    assert change_set.is_empty
    assert summarize(change_set) == []
    assert change_set.to_json() == {
        "tokens": {"changes": [], "summary": {}},
        "requirements": [],
        "pattern": None,
    }


def test_a_base_change_is_one_line_that_counts_its_aliases() -> None:
    def base(value: str) -> TokenSet:
        paths = ["color.brand.primary", "color.link", "color.focus"]
        aliases = [
            Token(p, "color", value, "{color.blue.500}", references=("color.blue.500",))
            for p in paths
        ]
        return TokenSet(
            {t.path: t for t in [Token("color.blue.500", "color", value, value), *aliases]}
        )

    change_set = ChangeSet(tokens=diff_tokens(base("#1d4ed8"), base("#2563eb")))

    assert summarize(change_set) == ["color.blue.500: #1d4ed8 → #2563eb (and 3 tokens aliasing it)"]


def test_a_carried_change_whose_cause_is_not_in_the_set_gets_its_own_line() -> None:
    carried = TokenChange(
        "color.link",
        K.VALUE_CHANGED,
        "#1d4ed8",
        "#2563eb",
        "{color.blue.500}",
        "{color.blue.500}",
        via=("color.link", "color.blue.500"),
    )

    lines = summarize(ChangeSet(tokens=TokenDiff((carried,))))

    assert lines == ["color.link: #1d4ed8 → #2563eb (via color.blue.500)"]


def test_every_kind_of_token_change_has_a_line() -> None:
    diff = TokenDiff(
        (
            TokenChange("a", K.ADDED, None, {"value": 4, "unit": "px"}),
            TokenChange("b", K.REMOVED, "#000000", None),
            TokenChange("c", K.RENAMED, "#000000", "#000000", new_path="d"),
            TokenChange("e", K.TYPE_CHANGED, "number", "dimension"),
            TokenChange("f", K.ALIAS_RETARGETED, "#fff", "#fff", "{white}", "{snow}"),
            TokenChange("g", K.DEPRECATED, False, "use h"),
            TokenChange("h", K.UNDEPRECATED, True, False),
            TokenChange("i", K.METADATA_CHANGED, {"description": "x"}, {"description": "y"}),
        )
    )

    assert summarize(ChangeSet(tokens=diff)) == [
        "a added (4px)",
        "b removed",
        "c renamed to d",
        "e: type number → dimension",
        "f: alias {white} → {snow}",
        "g deprecated: use h",
        "h no longer deprecated",
        "i: description changed",
    ]


def test_requirement_and_pattern_lines_follow_token_lines_without_repeating_the_pattern() -> None:
    old_req = {"name": "Button", "pattern": "button", "props": []}
    new_req = {
        "name": "Button",
        "pattern": "link",
        "props": [{"name": "size", "type": "string", "required": False}],
    }
    change_set = ChangeSet(
        tokens=TokenDiff((TokenChange("space.md", K.VALUE_CHANGED, "8px", "12px"),)),
        requirements=tuple(diff_requirements(old_req, new_req)),
        pattern=diff_pattern("button", "1.0.0", "link", "1.0.0"),
    )

    assert summarize(change_set) == [
        "space.md: 8px → 12px",
        "prop `size` added",
        "pattern button@1.0.0 → link@1.0.0",
    ]
    assert not change_set.is_empty


def test_change_set_json_round_trips() -> None:
    change_set = ChangeSet(
        tokens=TokenDiff((TokenChange("c", K.RENAMED, "#000000", "#000000", new_path="d"),)),
        requirements=tuple(diff_requirements({"states": []}, {"states": ["open"]})),
        pattern=diff_pattern("button", "1.0.0", "button", "1.1.0"),
    )

    assert ChangeSet.from_json(change_set.to_json()) == change_set
