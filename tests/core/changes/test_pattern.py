from __future__ import annotations

import pytest

from redraft.core.changes import PatternChange, PatternChangeKind, diff_pattern
from redraft.core.semver import Bump, Version
from redraft.errors import InvalidInput


def test_same_pattern_and_version_is_no_change() -> None:
    assert diff_pattern("button", "1.2.0", "button", Version(1, 2, 0)) is None


def test_another_pattern_is_an_id_change_without_a_level() -> None:
    change = diff_pattern("button", "1.2.0", "link", "1.0.0")

    assert change is not None
    assert change.kind is PatternChangeKind.ID_CHANGED
    assert change.level is None
    assert change.message == "pattern button@1.2.0 → link@1.0.0"


@pytest.mark.parametrize(
    ("old", "new", "level"),
    [
        ("1.4.2", "2.0.0", Bump.MAJOR),
        ("1.4.2", "1.5.0", Bump.MINOR),
        ("1.4.2", "1.4.3", Bump.PATCH),
        ("2.0.0-rc.1", "2.0.0", Bump.PATCH),
        ("2.0.0", "1.9.0", Bump.MAJOR),
    ],
)
def test_version_change_carries_the_level_at_which_versions_differ(
    old: str, new: str, level: Bump
) -> None:
    change = diff_pattern("button", old, "button", new)

    assert change is not None
    assert change.kind is PatternChangeKind.VERSION_CHANGED
    assert change.level is level


def test_a_version_going_back_is_a_downgrade() -> None:
    change = diff_pattern("button", "2.0.0", "button", "1.9.0")

    assert change is not None
    assert change.downgrade
    assert change.message == "pattern button 2.0.0 → 1.9.0 (major downgrade)"
    assert change.to_json() == {
        "kind": "version_changed",
        "old_id": "button",
        "old_version": "2.0.0",
        "new_id": "button",
        "new_version": "1.9.0",
        "level": "major",
    }
    assert PatternChange.from_json(change.to_json()) == change


def test_a_malformed_version_is_invalid_input() -> None:
    with pytest.raises(InvalidInput, match="not a semantic version"):
        diff_pattern("button", "1.2", "button", "1.3.0")
