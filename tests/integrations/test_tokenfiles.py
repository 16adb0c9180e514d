import json
import os
from pathlib import Path

import json5
import pytest

from redraft.core.tokens import TokenSet, parse_tokens
from redraft.errors import TokenError
from redraft.integrations.tokenfiles import decode_token_text, load_token_source, parse_token_text

DATA = Path(__file__).resolve().parents[1] / "data" / "tokens"
PRIMER = Path(__file__).resolve().parents[2] / "tools" / "node_modules" / "@primer" / "primitives"


def test_directory_loads_every_token_file_and_resolves_across_files() -> None:
    tokens = load_token_source(DATA / "dtcg")

    assert [t.path for t in tokens] == [
        "color.accent",
        "color.blue.500",
        "color.onAccent",
        "color.white",
        "focus",
        "space.lg",
        "space.md",
    ]
    assert tokens.tokens["color.accent"].value == "#0969da"
    assert tokens.tokens["color.accent"].description == "Links and focus rings"
    assert tokens.tokens["color.blue.500"].id == "VariableID:1:5"
    assert tokens.tokens["focus"].value == {
        "color": "#0969da",
        "width": {"value": 2, "unit": "px"},
        "style": "solid",
    }
    assert tokens.tokens["space.lg"].value == "calc(16px * 2)"


def test_directory_skips_package_config_node_modules_and_hidden_folders() -> None:
    # package.json, tsconfig.json, node_modules/ and .cache/ hold JSON that is not tokens;
    # reading them as plain JSON would add "name", "compilerOptions.strict" or "not".
    tokens = load_token_source(DATA / "dtcg")

    assert not any(t.path.startswith(("name", "version", "compilerOptions", "not")) for t in tokens)


def test_single_file_is_named_by_its_file_name(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text('{"gap": {"$value": "8px", "$type": "dimension"}}', encoding="utf-8")

    tokens = load_token_source(path)

    assert tokens.tokens["gap"].value == {"value": 8, "unit": "px"}


def test_studio_directory_with_a_theme_uses_that_themes_sets() -> None:
    light = load_token_source(DATA / "studio", theme="Light")
    dark = load_token_source(DATA / "studio", theme="Dark")

    assert (light.tokens["bg.canvas"].value, dark.tokens["bg.canvas"].value) == (
        "#ffffff",
        "#1f2328",
    )
    assert light.tokens["fg.default"].id == "VariableID:2:2"
    assert light.tokens["space.md"].value == "4px * 2"


def test_studio_directory_without_a_theme_applies_sets_in_metadata_order() -> None:
    tokens = load_token_source(DATA / "studio")

    assert tokens.tokens["bg.canvas"].value == "#1f2328"  # theme/dark is last in the order


def test_json_syntax_error_names_the_file_and_line() -> None:
    with pytest.raises(TokenError) as caught:
        load_token_source(DATA / "broken" / "bad.json")

    assert caught.value.detail.startswith("bad.json, line 3: not valid JSON: ")
    assert caught.value.extra == {"file": "bad.json", "line": 3}


def test_json5_syntax_error_names_the_file_and_line() -> None:
    with pytest.raises(TokenError) as caught:
        load_token_source(DATA / "broken" / "bad.json5")

    assert caught.value.detail.startswith("bad.json5, line 3: not valid JSON: ")
    assert caught.value.extra == {"file": "bad.json5", "line": 3}


def test_syntax_error_in_a_directory_names_the_relative_path() -> None:
    with pytest.raises(TokenError, match=r"^bad.json, line 3"):
        load_token_source(DATA / "broken")


def test_missing_path_and_empty_directory_are_token_errors(tmp_path: Path) -> None:
    with pytest.raises(TokenError, match="no such file or directory"):
        load_token_source(tmp_path / "absent")
    with pytest.raises(TokenError, match=r"no token files \(\*.json, \*.json5, \*.tokens\) found"):
        load_token_source(tmp_path)


def test_file_that_is_not_utf8_is_a_token_error(tmp_path: Path) -> None:
    (tmp_path / "latin1.json").write_bytes(b'{"caf\xe9": {"$value": 1}}')

    with pytest.raises(TokenError, match=r"^latin1.json: not UTF-8 text$"):
        load_token_source(tmp_path)


def test_uploaded_text_resolves_like_the_same_file_on_disk() -> None:
    text = (DATA / "dtcg" / "size.tokens.json").read_text(encoding="utf-8")
    base = (DATA / "dtcg" / "color" / "base.json").read_text(encoding="utf-8")
    combined = json.loads(text) | {"color": json.loads(base)["color"]}
    combined["color"]["accent"] = {"$value": "{color.blue.500}"}

    uploaded = parse_token_text(json.dumps(combined, indent=4), name="upload.json")
    compact = parse_token_text(json.dumps(combined, separators=(",", ":")))

    assert uploaded.tokens["focus"].value["color"] == "#0969da"
    assert uploaded.sha256() == compact.sha256()


def test_uploaded_json5_and_json_with_comments_are_accepted() -> None:
    json5_text = "{gap: {$value: '8px', $type: 'dimension',},} // trailing comment"
    commented = '{\n  // hand-edited\n  "gap": {"$value": "8px", "$type": "dimension"},\n}'

    first = parse_token_text(json5_text, name="tokens.json5")
    second = parse_token_text(commented)

    assert first.tokens["gap"].value == {"value": 8, "unit": "px"}
    assert first.sha256() == second.sha256()


@pytest.mark.parametrize(
    "text",
    [
        "{a: 'it\\'s \"quoted\"', b: [1, 2,], /* block */ 'c-d': -1.5e3, e: true, f: null,}",
        "{'$value': 'a\\\\b', x: \"\\u00e9\\n\"}",
        "{a: Infinity, b: -Infinity}",
        "{a: 0x1F, b: .5, c: +1, d: 5.}",
        "{a: 'line \\\n continued'}",
        "[1, 2, 3,]",
        '{"plain": "json", "n": [1.5, -0, 2e-3]}',
    ],
)
def test_json5_decoding_matches_the_json5_package(text: str) -> None:
    assert decode_token_text(text, name="t.json5") == json5.loads(text)


# --- A real published token package: @primer/primitives (DTCG written in JSON5) ---------------

# Everything that is not colour: base and functional size, spacing, typography and motion.
# size-coarse.json5 is left out: it defines the same paths as size-fine.json5 for touch screens.
PRIMER_NON_COLOUR = [
    "base/motion/easing.json5",
    "base/motion/timing.json5",
    "base/size/size.json5",
    "base/size/z-index.json5",
    "base/typography/typography.json5",
    "functional/motion/motion.json5",
    "functional/size/border.json5",
    "functional/size/breakpoints.json5",
    "functional/size/radius.json5",
    "functional/size/size-fine.json5",
    "functional/size/size.json5",
    "functional/size/viewport.json5",
    "functional/size/z-index.json5",
    "functional/spacing/space.json5",
    "functional/typography/font-stack.json5",
    "functional/typography/typography.json5",
]


PRIMER_FUNCTIONAL_DIRS = ("motion", "size", "spacing", "typography")


@pytest.fixture(scope="module")
def primer() -> Path:
    if not (PRIMER / "src" / "tokens").is_dir():
        message = "run scripts/setup to install tools/node_modules"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI=true: a missing tool fails, never skips)", pytrace=False)
        pytest.skip(message)
    return PRIMER


def _copy_subset(primer: Path, names: list[str], into: Path) -> Path:
    for name in names:
        target = into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((primer / "src" / "tokens" / name).read_bytes())
    return into


def _primer_docs(primer: Path, *patterns: str) -> dict[str, dict[str, object]]:
    """Primer's own build output (Style Dictionary), keyed by dotted path."""
    entries: dict[str, dict[str, object]] = {}
    docs = primer / "dist" / "docs"
    for path in sorted(p for pattern in patterns for p in docs.glob(pattern)):
        for entry in json.loads(path.read_text(encoding="utf-8")).values():
            entries[".".join(entry["path"])] = entry
    return entries


@pytest.mark.node
def test_primer_sizes_typography_and_motion_load_and_match_primers_own_build(
    primer: Path, tmp_path: Path
) -> None:
    tokens = load_token_source(_copy_subset(primer, PRIMER_NON_COLOUR, tmp_path))

    sources = {f"src/tokens/{name}" for name in PRIMER_NON_COLOUR}
    built = {
        path: entry
        for path, entry in _primer_docs(
            primer, "base/*/*.json", *(f"functional/{d}/*.json" for d in PRIMER_FUNCTIONAL_DIRS)
        ).items()
        if entry["filePath"] in sources
    }
    assert len(tokens) == len(built) == 235
    assert {t.path for t in tokens} == set(built)
    for token in tokens:
        expected = built[token.path]["value"]
        if token.type in ("number", "fontWeight", "duration", "cubicBezier", "transition"):
            assert token.value == expected, token.path
        elif token.type == "dimension" and isinstance(token.value, dict):
            assert _as_rem(token.value) == expected, token.path


def _as_rem(dimension: dict[str, object]) -> str:
    # Primer's build writes px as rem (16px to the rem), other units as they are, zero as "0".
    value, unit = dimension["value"], dimension["unit"]
    assert isinstance(value, int | float)
    if unit == "px":
        value, unit = value / 16, "rem"
    return "0" if value == 0 else f"{value:.10g}{unit}"


@pytest.mark.node
def test_primer_keeps_its_extensions_verbatim(primer: Path, tmp_path: Path) -> None:
    tokens = load_token_source(_copy_subset(primer, PRIMER_NON_COLOUR, tmp_path))
    source = json5.loads(
        (primer / "src/tokens/functional/motion/motion.json5").read_text(encoding="utf-8")
    )

    written = source["motion"]["duration"]["micro"]
    assert tokens.tokens["motion.duration.micro"].extensions == written["$extensions"]
    assert "org.primer.llm" in written["$extensions"]


@pytest.mark.node
def test_primer_light_theme_colours_match_primers_own_build(primer: Path) -> None:
    root = primer / "src" / "tokens"
    names = sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*.json5")
        if "/dark/" not in p.as_posix()
        and "high-contrast" not in p.name
        and p.name != "size-coarse.json5"
    )
    tokens: TokenSet = parse_tokens(
        {n: decode_token_text((root / n).read_text(encoding="utf-8"), name=n) for n in names}
    )
    built = _primer_docs(primer, "functional/themes/light.json")

    # Primer's light build applies per-theme values kept in $extensions["org.primer.overrides"]
    # (modes); redraft keeps those verbatim, so tokens depending on a light override differ.
    overridden = {t.path for t in tokens if "light" in t.extensions.get("org.primer.overrides", {})}
    comparable = [
        path
        for path, entry in built.items()
        if entry["type"] == "color" and not ({path} | tokens.dependencies(path)) & overridden
    ]
    assert set(built) <= {t.path for t in tokens}
    assert len(comparable) == 907  # of 915 colours; 8 follow a light-mode override
    assert [p for p in comparable if tokens.tokens[p].value != built[p]["value"].lower()] == []
