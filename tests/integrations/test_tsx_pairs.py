"""The rule table checked against the TypeScript compiler.

Each directory under tests/data/tsx/pairs holds `old.tsx`, `new.tsx` and `use.tsx`, a consumer
written against the old props (every prop passed, callbacks using every parameter, defaults
relied on, refs attached). tsc compiles the consumer against both versions; a consumer that
stops compiling must come out major, and every minor or patch pair must still compile.
A component redraft cannot read is major (needs review) whether or not tsc breaks: the
`hoc-unreadable` pairs hide a breaking and a compatible change behind the same wrapper.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from redraft.core.semver import Bump
from redraft.core.tsprops import ApiDiff, compare_api
from redraft.integrations.tsx import extract_api

ROOT = Path(__file__).resolve().parents[2]
PAIRS = ROOT / "tests" / "data" / "tsx" / "pairs"
NODE_MODULES = ROOT / "tools" / "node_modules"
TSC = NODE_MODULES / ".bin" / "tsc"
_ERROR = re.compile(
    r"^(?P<case>[^/\\(]+)[/\\](?P<side>old|new)[/\\](?P<file>[^(]+)\(\d+,\d+\): error"
)

# case: (bump, whether the consumer stops compiling against `new`, rule ids found)
EXPECTED: dict[str, tuple[str, bool, set[str]]] = {
    "alias-refactor": ("patch", False, {"surface-unchanged"}),
    "callback-param-added-trailing": ("minor", False, {"callback-param-added-trailing"}),
    "callback-param-changed": ("major", True, {"callback-param-changed"}),
    "callback-param-narrowed": ("minor", False, {"callback-param-narrowed"}),
    "callback-param-removed": ("major", True, {"callback-param-removed"}),
    "callback-param-widened": ("major", True, {"callback-param-widened"}),
    "callback-params-reordered": ("major", True, {"callback-params-reordered"}),
    "callback-return-narrowed": ("major", True, {"callback-return-narrowed"}),
    "callback-return-widened": ("minor", False, {"callback-return-widened"}),
    "callback-union-widened": ("major", True, {"undecidable"}),
    "children-narrowed": ("major", True, {"children-narrowed"}),
    "children-widened": ("minor", False, {"prop-type-widened"}),
    "class-to-function": ("patch", False, {"surface-unchanged"}),
    "component-deprecated": ("minor", False, {"component-deprecated"}),
    "compound-callback-params-swapped": ("major", True, {"callback-params-reordered"}),
    "compound-part-added": ("minor", False, {"export-added"}),
    "compound-part-removed": ("major", True, {"export-removed"}),
    "compound-unchanged": ("patch", False, {"surface-unchanged"}),
    "default-anonymous-required-added": ("major", True, {"prop-required-added"}),
    "default-changed": ("major", False, {"default-changed"}),
    "default-export-widened": ("minor", False, {"prop-type-widened"}),
    "event-element-widened": ("major", True, {"callback-param-widened"}),
    "event-handler-alias": ("patch", False, {"surface-unchanged"}),
    "expando-part-prop-optional-added": ("minor", False, {"prop-optional-added"}),
    "export-added": ("minor", False, {"export-added"}),
    "export-removed": ("major", True, {"export-removed"}),
    "export-renamed": ("major", True, {"export-added", "export-removed"}),
    "extends-added": ("minor", False, {"extends-added"}),
    "extends-added-clash": ("major", True, {"undecidable"}),
    "extends-reduced": ("major", True, {"extends-reduced"}),
    "extends-removed": ("major", True, {"extends-removed"}),
    "extends-widened": ("minor", False, {"extends-widened"}),
    "fc-to-function": ("patch", False, {"surface-unchanged"}),
    "forward-ref-added": ("minor", False, {"forward-ref-added"}),
    "forward-ref-named-render-narrowed": ("major", True, {"prop-type-narrowed"}),
    "forward-ref-removed": ("major", True, {"forward-ref-removed"}),
    "forward-ref-to-ref-prop": ("patch", False, {"surface-unchanged"}),
    "generic-arrow-prop-widened": ("minor", False, {"prop-type-widened"}),
    "generic-constraint-narrowed": ("major", True, {"generic-constraint-narrowed"}),
    "generic-constraint-widened": ("minor", False, {"generic-constraint-widened"}),
    "generic-removed": ("major", True, {"generic-removed", "undecidable"}),
    "generic-render-prop-return-narrowed": ("major", True, {"callback-return-narrowed"}),
    "generic-required-added": ("major", True, {"generic-required-added", "prop-optional-added"}),
    "generic-with-default-added": (
        "minor",
        False,
        {"generic-with-default-added", "prop-optional-added"},
    ),
    "hoc-unreadable": ("major", True, {"component-unreadable"}),
    "hoc-unreadable-compatible": ("major", False, {"component-unreadable"}),
    "index-signature-added": ("minor", False, {"index-signature-added"}),
    "index-signature-removed": ("major", True, {"index-signature-removed"}),
    "intersection-member-removed": ("major", True, {"prop-removed"}),
    "item-type-field-added": ("minor", False, {"prop-type-widened"}),
    "memo-drops-parts": ("major", True, {"export-removed"}),
    "memo-erases-generic": (
        "major",
        True,
        {"callback-param-widened", "generic-removed", "prop-type-widened"},
    ),
    "memo-forward-ref-unwrapped": ("minor", False, {"prop-type-widened"}),
    "memo-wrap": ("patch", False, {"surface-unchanged"}),
    "namespace-part-prop-removed": ("major", True, {"prop-removed"}),
    "object-member-removed": ("major", True, {"prop-type-narrowed"}),
    "pick-drops-prop": ("major", True, {"prop-removed"}),
    "prop-added-beside-base": ("minor", False, {"prop-optional-added"}),
    "prop-added-shadows-base": ("major", True, {"undecidable"}),
    "prop-deprecated": ("minor", False, {"prop-deprecated"}),
    "prop-made-optional": ("minor", False, {"prop-made-optional"}),
    "prop-made-required": ("major", True, {"prop-made-required"}),
    "prop-optional-added": ("minor", False, {"prop-optional-added"}),
    "prop-removed": ("major", True, {"prop-removed"}),
    "prop-renamed": ("major", True, {"prop-optional-added", "prop-removed"}),
    "prop-required-added": ("major", True, {"prop-required-added"}),
    "prop-type-changed": ("major", True, {"prop-type-changed"}),
    "prop-type-narrowed": ("major", True, {"prop-type-narrowed"}),
    "prop-type-widened": ("minor", False, {"prop-type-widened"}),
    "re-export-alias-unchanged": ("patch", False, {"surface-unchanged"}),
    "ref-type-changed": ("major", True, {"ref-type-changed"}),
    "render-prop-narrowed": ("major", True, {"callback-return-narrowed"}),
    "render-prop-state-narrowed": ("minor", False, {"callback-param-narrowed"}),
    "surface-unchanged": ("patch", False, {"surface-unchanged"}),
    "type-export-removed": ("major", True, {"export-removed"}),
    "union-props-changed": ("major", True, {"undecidable"}),
}
_TSCONFIG = {
    "compilerOptions": {
        "strict": True,
        "noEmit": True,
        "jsx": "react-jsx",
        "target": "es2022",
        "module": "esnext",
        "moduleResolution": "bundler",
        "skipLibCheck": True,
        "types": [],
    }
}


def _diff(case: str) -> ApiDiff:
    old, new = ((PAIRS / case / f"{side}.tsx").read_text() for side in ("old", "new"))
    return compare_api(extract_api(old), extract_api(new))


def test_every_pair_has_an_expectation() -> None:
    assert sorted(p.name for p in PAIRS.iterdir()) == sorted(EXPECTED)
    assert len(EXPECTED) >= 25


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_pair_is_classified_by_the_rule_table(case: str) -> None:
    bump, _, rules = EXPECTED[case]
    diff = _diff(case)
    assert (diff.bump.label, {f.rule for f in diff.findings}) == (bump, rules)


@pytest.fixture(scope="module")
def tsc_errors(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    """Files with tsc errors per side ("old" / "new"), as `case/file`, from one run a side."""
    if not TSC.exists():
        message = "run scripts/setup to install tools/node_modules"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI=true: a missing tool fails, never skips)", pytrace=False)
        pytest.skip(message)
    work = tmp_path_factory.mktemp("tsc")
    (work / "node_modules").symlink_to(NODE_MODULES, target_is_directory=True)
    for case in EXPECTED:
        for side in ("old", "new"):
            folder = work / case / side
            folder.mkdir(parents=True)
            (folder / "component.tsx").write_text((PAIRS / case / f"{side}.tsx").read_text())
            (folder / "use.tsx").write_text((PAIRS / case / "use.tsx").read_text())
    # Two batched runs side by side: each loads React's types once (~2 s) for all its files.
    runs = {}
    for side in ("old", "new"):
        config = work / f"tsconfig.{side}.json"
        config.write_text(json.dumps({**_TSCONFIG, "include": [f"*/{side}/*.tsx"]}))
        runs[side] = subprocess.Popen(
            [str(TSC), "-p", config.name, "--pretty", "false"],
            cwd=work,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
    errors: dict[str, set[str]] = {"old": set(), "new": set()}
    for side, run in runs.items():
        output, _ = run.communicate(timeout=120)
        for line in output.splitlines():
            match = _ERROR.match(line)
            if match:
                errors[match["side"]].add(f"{match['case']}/{match['file']}")
            elif line.startswith("error") or " error TS" in line:
                pytest.fail(f"tsc ({side}) failed outside the fixtures: {line}")
    return errors


@pytest.mark.node
def test_every_consumer_and_component_compiles_against_the_old_version(
    tsc_errors: dict[str, set[str]],
) -> None:
    assert tsc_errors["old"] == set()


@pytest.mark.node
def test_new_components_compile_and_consumers_break_exactly_where_expected(
    tsc_errors: dict[str, set[str]],
) -> None:
    expected = {f"{case}/use.tsx" for case, (_, breaks, _) in EXPECTED.items() if breaks}
    assert tsc_errors["new"] == expected


@pytest.mark.node
def test_a_consumer_tsc_rejects_is_major_and_minor_or_patch_pairs_compile(
    tsc_errors: dict[str, set[str]],
) -> None:
    broken = {case for case in EXPECTED if f"{case}/use.tsx" in tsc_errors["new"]}
    bumps = {case: _diff(case).bump for case in EXPECTED}
    assert sorted(case for case in broken if bumps[case] is not Bump.MAJOR) == []
    assert all(case not in broken for case, bump in bumps.items() if bump < Bump.MAJOR)
