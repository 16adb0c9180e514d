from importlib import resources

import pytest

from redraft.codegen.api import RESERVED
from redraft.codegen.builtin import BuiltinGenerator
from redraft.codegen.catalog import TEMPLATES, Pattern, builtin_patterns
from redraft.errors import UnknownPattern

REQUIRED_PATTERNS = {"button", "card", "text-input", "badge", "alert", "modal", "tabs"}


def test_every_required_pattern_is_shipped_with_semver_versions() -> None:
    refs = [info.ref for info in BuiltinGenerator().patterns()]
    assert {ref.split("@")[0] for ref in refs} >= REQUIRED_PATTERNS
    assert "button@1.0.0" in refs
    assert "button@1.1.0" in refs
    assert refs == sorted(refs, key=lambda r: (r.split("@")[0], r))


@pytest.mark.parametrize(
    ("constraint", "expected"),
    [("*", "1.1.0"), ("^1.0", "1.1.0"), ("~1.0.0", "1.0.0"), ("1.0.0", "1.0.0"), ("<1.1", "1.0.0")],
)
def test_resolution_picks_the_newest_version_meeting_the_constraint(
    constraint: str, expected: str
) -> None:
    assert BuiltinGenerator().resolve_pattern("button", constraint).version == expected


def test_an_unknown_pattern_lists_the_available_ones() -> None:
    with pytest.raises(UnknownPattern) as caught:
        BuiltinGenerator().resolve_pattern("carousel")
    assert "carousel" in caught.value.detail
    assert "button" in caught.value.detail
    assert "tabs@1.0.0" in caught.value.extra["available"]


def test_a_constraint_no_version_meets_lists_the_versions() -> None:
    with pytest.raises(UnknownPattern) as caught:
        BuiltinGenerator().resolve_pattern("button", "^2")
    assert "button@1.0.0, button@1.1.0" in caught.value.detail
    assert caught.value.extra["available"] == ["button@1.0.0", "button@1.1.0"]


@pytest.mark.parametrize("pattern", builtin_patterns(), ids=lambda p: p.info.ref)
def test_pattern_metadata_is_consistent_with_its_templates(pattern: Pattern) -> None:
    meta = pattern.meta
    folder = resources.files("redraft.codegen") / "patterns" / meta.id / meta.version
    for template in TEMPLATES:
        assert (folder / template).is_file()
    own = [p.name for p in meta.props] + [e.name for e in meta.events]
    # The templates use the pattern's own names as they are, so none may need renaming.
    assert not set(own) & (RESERVED | set(meta.locals))
    assert not {f"{part}Style" for part in meta.parts} & set(own)
    assert len(set(own)) == len(own)
    required = {p.name for p in meta.props if p.required and p.default is None}
    assert required <= set(meta.story_args)
    assert meta.root_role is None or "role" not in meta.managed_attributes
