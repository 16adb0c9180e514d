import pytest

from redraft.core.semver import Bump, Version, satisfies
from redraft.errors import InvalidInput


def test_versions_order_by_semver_precedence() -> None:
    ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0", "1.0.1"]
    assert sorted(ordered, key=Version.parse) == ordered


def test_bump_resets_lower_parts_and_drops_prerelease() -> None:
    assert str(Version.parse("1.4.2").bump(Bump.MAJOR)) == "2.0.0"
    assert str(Version.parse("1.4.2").bump(Bump.MINOR)) == "1.5.0"
    assert str(Version.parse("1.4.2-dark.3").bump(Bump.PATCH)) == "1.4.3"


@pytest.mark.parametrize(
    ("version", "constraint", "expected"),
    [
        ("1.2.3", "*", True),
        ("1.2.3", "^1.0", True),
        ("2.0.0", "^1.0", False),
        ("0.2.5", "^0.2.1", True),
        ("0.3.0", "^0.2.1", False),
        ("1.2.9", "~1.2.0", True),
        ("1.3.0", "~1.2.0", False),
        ("1.5.0", ">=1.2 <2", True),
        ("1.0.0", "1", True),
        ("3.0.0", "1 || >=3", True),
        ("1.0.0-beta", "*", False),
    ],
)
def test_constraints_follow_npm_semantics(version: str, constraint: str, expected: bool) -> None:
    assert satisfies(Version.parse(version), constraint) is expected


def test_garbage_is_a_clear_error() -> None:
    with pytest.raises(InvalidInput, match="not a semantic version"):
        Version.parse("1.2")
    with pytest.raises(InvalidInput, match="not a version constraint"):
        satisfies(Version.parse("1.0.0"), "about one")
