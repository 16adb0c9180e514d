import json
import os
import random
import shutil
import subprocess
from dataclasses import fields
from pathlib import Path

import pytest

from redraft.core.diff import Fold, Hunk, Line, diff_texts, split_rows, unified_diff
from redraft.errors import InvalidInput


def plain_git_env(tmp_path: Path) -> dict[str, str]:
    # No user or system config (diff.suppressBlankEmpty, diff.noprefix, ...) and no repository
    # found above the temporary directory.
    return os.environ | {
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CEILING_DIRECTORIES": str(tmp_path.parent),
    }


def numbered(count: int) -> str:
    return "".join(f"line {n}\n" for n in range(1, count + 1))


def kinds(hunk: Hunk) -> str:
    return "".join({"context": " ", "added": "+", "removed": "-"}[line.kind] for line in hunk.lines)


BUTTON = """\
import React from "react";

export interface ButtonProps {
  size: "sm" | "md";
}

export function Button({ size }: ButtonProps) {
  const classes = clsx("btn", size);
  return <button className={classes}>{size}</button>;
}
"""


def test_identical_texts_have_no_hunks_and_fold_everything() -> None:
    diff = diff_texts(BUTTON, BUTTON)
    assert diff.identical
    assert diff.hunks == ()
    assert diff.blocks == (Fold(old_start=1, new_start=1, count=10, symbol=None),)
    assert (diff.stats.added, diff.stats.removed, diff.stats.changed) == (0, 0, 0)


def test_two_empty_texts_have_no_blocks() -> None:
    diff = diff_texts("", "")
    assert diff.identical
    assert diff.blocks == ()


def test_adding_to_an_empty_file_is_one_insertion_hunk() -> None:
    diff = diff_texts("", "a\nb\n")
    (hunk,) = diff.hunks
    assert hunk.header == "@@ -0,0 +1,2 @@"
    assert [(line.kind, line.old_no, line.new_no) for line in hunk.lines] == [
        ("added", None, 1),
        ("added", None, 2),
    ]


def test_insertion_at_top_and_at_bottom_headers() -> None:
    top = diff_texts(numbered(10), "first\n" + numbered(10)).hunks[0]
    assert top.header == "@@ -1,3 +1,4 @@"
    assert kinds(top) == "+   "
    bottom = diff_texts(numbered(10), numbered(10) + "last\n").hunks[0]
    assert bottom.header == "@@ -8,3 +8,4 @@"
    assert kinds(bottom) == "   +"
    assert bottom.lines[-1].new_no == 11


def test_multi_line_edit_counts_added_removed_and_paired_lines() -> None:
    old = "a\n  size: 1,\n  color: red,\nb\n"
    new = "a\n  size: 2,\n  color: blue,\n  gap: 4,\nb\n"
    diff = diff_texts(old, new)
    (hunk,) = diff.hunks
    assert hunk.header == "@@ -1,4 +1,5 @@"
    assert kinds(hunk) == " --+++ "
    assert (diff.stats.added, diff.stats.removed, diff.stats.changed) == (3, 2, 2)
    assert [line.paired for line in hunk.lines] == [False, True, True, True, True, False, False]


def test_changes_far_apart_make_separate_hunks_with_folds_between() -> None:
    new = numbered(30).replace("line 10\n", "line ten\n").replace("line 20\n", "line twenty\n")
    diff = diff_texts(numbered(30), new)
    shapes = [
        (type(b).__name__, b.old_start, b.count if isinstance(b, Fold) else b.old_count)
        for b in diff.blocks
    ]
    assert shapes == [
        ("Fold", 1, 6),
        ("Hunk", 7, 7),
        ("Fold", 14, 3),
        ("Hunk", 17, 7),
        ("Fold", 24, 7),
    ]


def test_changes_within_twice_the_context_share_a_hunk() -> None:
    new = numbered(30).replace("line 10\n", "x\n").replace("line 17\n", "y\n")
    assert len(diff_texts(numbered(30), new).hunks) == 1
    new = numbered(30).replace("line 10\n", "x\n").replace("line 18\n", "y\n")
    assert len(diff_texts(numbered(30), new).hunks) == 2
    assert len(diff_texts(numbered(30), new, context=4).hunks) == 1


def test_expanding_a_fold_gives_its_context_lines() -> None:
    diff = diff_texts(numbered(20), "line 0\n" + numbered(20))
    fold = diff.blocks[-1]
    assert isinstance(fold, Fold)
    assert (fold.old_start, fold.new_start, fold.count) == (4, 5, 17)
    lines = diff.expand(fold)
    assert len(lines) == 17
    assert (lines[0].old_no, lines[0].new_no, lines[0].text) == (4, 5, "line 4")
    assert lines[-1].text == "line 20"
    assert {line.kind for line in lines} == {"context"}


def test_file_without_final_newline_changes_its_last_line() -> None:
    diff = diff_texts("a\nb", "a\nb\n")
    assert not diff.old_final_newline
    assert diff.new_final_newline
    assert kinds(diff.hunks[0]) == " -+"
    assert unified_diff("a\nb", "a\nb\n", old_label="x", new_label="x") == (
        "--- x\n+++ x\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"
    )


def test_crlf_is_normalised_and_reported() -> None:
    crlf = BUTTON.replace("\n", "\r\n")
    diff = diff_texts(crlf, BUTTON)
    assert diff.hunks == ()
    assert diff.line_endings_changed
    assert not diff.identical
    assert not diff.whitespace_only
    edited = diff_texts(crlf, BUTTON.replace('"sm"', '"xs"'))
    assert [line.text for line in edited.hunks[0].lines if line.kind != "context"] == [
        '  size: "sm" | "md";',
        '  size: "xs" | "md";',
    ]


def test_dropping_the_final_newline_is_not_a_line_ending_change() -> None:
    assert not diff_texts("a\r\n", "a").line_endings_changed
    assert diff_texts("a\r\nb\r\n", "a\r\nb\n").line_endings_changed


def test_whitespace_only_changes_are_flagged_and_can_be_ignored() -> None:
    reindented = BUTTON.replace("  const classes", "    const classes")
    diff = diff_texts(BUTTON, reindented)
    assert diff.whitespace_only
    changed = [line for line in diff.hunks[0].lines if line.kind != "context"]
    assert [(line.kind, line.paired, line.whitespace_only) for line in changed] == [
        ("removed", True, True),
        ("added", True, True),
    ]
    assert changed[1].changes == ((0, 4),)
    assert diff_texts(BUTTON, reindented, ignore_whitespace=True).hunks == ()


def test_similar_lines_get_word_level_ranges() -> None:
    diff = diff_texts('<Button size="sm" />\n', '<Button size="md" />\n')
    removed, added = diff.hunks[0].lines
    assert removed.changes == ((14, 16),)
    assert added.changes == ((14, 16),)
    assert removed.text[14:16] == "sm"
    assert added.text[14:16] == "md"


def test_dissimilar_lines_are_not_paired() -> None:
    diff = diff_texts("const a = useMemo(() => compute(x), [x]);\n", "}\n")
    assert [(line.paired, line.changes) for line in diff.hunks[0].lines] == [
        (False, ()),
        (False, ()),
    ]
    assert diff.stats.changed == 0


def test_hunk_symbol_is_the_enclosing_declaration_not_a_local() -> None:
    diff = diff_texts(BUTTON, BUTTON.replace("{size}</button>", "{size}!</button>"))
    assert diff.hunks[0].symbol == "function Button"
    assert diff.hunks[0].header == "@@ -6,5 +6,5 @@ function Button"


@pytest.mark.parametrize(
    ("declaration", "symbol"),
    [
        ("export function Button() {", "function Button"),
        ("function* steps() {", "function steps"),
        ("async function *pages() {", "function pages"),
        ("export default async function Page() {", "function Page"),
        ("export const Card = forwardRef(() => {", "const Card"),
        ("const Tabs: FC<Props> = () => {", "const Tabs"),
        ("export interface CardProps {", "interface CardProps"),
        ("export type Size =", "type Size"),
        ("type Props<T> = {", "type Props"),
        ("export default class Store {", "class Store"),
        ("export enum Tone {", "enum Tone"),
    ],
)
def test_declarations_found_for_symbols(declaration: str, symbol: str) -> None:
    old = f"{declaration}\n  a;\n  b;\n  c;\n}}\n"
    diff = diff_texts(old, old.replace("  c;", "  d;"))
    assert diff.hunks[0].symbol == symbol


def test_fold_names_the_declaration_its_first_line_is_in() -> None:
    old = "export function Big() {\n" + numbered(20) + "}\n"
    diff = diff_texts(old, old.replace("}\n", "};\n"))
    fold = diff.blocks[0]
    assert isinstance(fold, Fold)
    assert (fold.count, fold.symbol) == (18, "function Big")


def test_insertion_at_top_has_no_symbol() -> None:
    diff = diff_texts(BUTTON, "// generated\n" + BUTTON)
    assert diff.hunks[0].symbol is None


def test_split_rows_put_paired_lines_side_by_side() -> None:
    old = "a\nconst size = 1;\nb\n"
    new = "a\n// unrelated comment here\nconst size = 2;\nb\n"
    (hunk,) = diff_texts(old, new).hunks
    rows = [
        (row.left.text if row.left else None, row.right.text if row.right else None)
        for row in split_rows(hunk)
    ]
    assert rows == [
        ("a", "a"),
        (None, "// unrelated comment here"),
        ("const size = 1;", "const size = 2;"),
        ("b", "b"),
    ]


def test_split_rows_share_rows_for_unpaired_replacements() -> None:
    (hunk,) = diff_texts("x\nfoo\nbar\ny\n", "x\n{ totally: different }\ny\n").hunks
    rows = [(row.left and row.left.text, row.right and row.right.text) for row in split_rows(hunk)]
    assert rows == [("x", "x"), ("foo", "{ totally: different }"), ("bar", None), ("y", "y")]


def test_moved_block_is_detected_on_both_sides() -> None:
    helper = "function helper(a) {\n  const b = a * 2;\n  return b + 1;\n}\n"
    middle = "".join(f"const v{n} = {n};\n" for n in range(10))
    diff = diff_texts(helper + "\n" + middle, middle + "\n" + helper)
    (move,) = diff.moves
    assert (move.old_start, move.new_start, move.count) == (1, 12, 4)
    moved = [line for hunk in diff.hunks for line in hunk.lines if line.move_id == move.id]
    assert sorted(line.kind for line in moved) == ["added"] * 4 + ["removed"] * 4
    assert not any(line.paired for line in moved)


def test_reindented_block_in_place_is_not_a_move() -> None:
    old = "if (a) {\nfoo(1);\nbar(2);\nbaz(3);\n}\n"
    new = "if (a) {\n  foo(1);\n  bar(2);\n  baz(3);\n}\n"
    assert diff_texts(old, new).moves == ()


def test_to_json_is_plain_data() -> None:
    data = diff_texts(BUTTON, BUTTON.replace('"sm"', '"xs"')).to_json()
    assert json.loads(json.dumps(data)) == data
    assert [block["type"] for block in data["blocks"]] == ["hunk", "fold"]
    hunk = data["blocks"][0]
    assert hunk["header"] == "@@ -1,7 +1,7 @@ interface ButtonProps"
    removed = next(line for line in hunk["lines"] if line["kind"] == "removed")
    assert removed["changes"] == [[9, 11]]
    assert data["stats"] == {"added": 1, "removed": 1, "changed": 1}


def test_negative_context_is_rejected() -> None:
    with pytest.raises(InvalidInput):
        diff_texts("a", "b", context=-1)
    with pytest.raises(InvalidInput):
        unified_diff("a", "b", old_label="a", new_label="b", context=-1)


def test_unified_diff_of_equal_texts_is_empty() -> None:
    assert unified_diff(BUTTON, BUTTON, old_label="a", new_label="b") == ""


PATCH_CASES = [
    pytest.param(BUTTON, BUTTON.replace("size }", "size, onClick }"), id="edit"),
    pytest.param("", BUTTON, id="from-empty"),
    pytest.param(BUTTON, "", id="to-empty"),
    pytest.param("a\nb", "a\nc", id="no-final-newline"),
    pytest.param("a\nb\n", "a\nb", id="drop-final-newline"),
    pytest.param(BUTTON.replace("\n", "\r\n"), BUTTON.replace("\n", "\r\n") + "x\r\n", id="crlf"),
    pytest.param(
        numbered(40), numbered(40).replace("line 5\n", "").replace("9\n", "9!\n"), id="two"
    ),
]


@pytest.mark.skipif(shutil.which("patch") is None, reason="GNU patch is not installed")
@pytest.mark.parametrize(("old", "new"), PATCH_CASES)
def test_unified_diff_applies_with_patch(tmp_path: Path, old: str, new: str) -> None:
    target = tmp_path / "Button.tsx"
    target.write_bytes(old.encode())
    text = unified_diff(old, new, old_label="Button.tsx", new_label="Button.tsx")
    subprocess.run(
        ["patch", "-p0", "--quiet", "--binary"],
        input=text.encode(),
        cwd=tmp_path,
        check=True,
    )
    assert target.read_bytes() == new.encode()


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize(("old", "new"), PATCH_CASES)
def test_unified_diff_applies_with_git_apply(tmp_path: Path, old: str, new: str) -> None:
    target = tmp_path / "Button.tsx"
    target.write_bytes(old.encode())
    text = unified_diff(old, new, old_label="a/Button.tsx", new_label="b/Button.tsx")
    subprocess.run(
        ["git", "apply", "-"],
        input=text.encode(),
        cwd=tmp_path,
        env=plain_git_env(tmp_path),
        check=True,
    )
    assert target.read_bytes() == new.encode()


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_unified_diff_hunks_match_git_histogram_diff(tmp_path: Path) -> None:
    rng = random.Random(11)
    alphabet = ["function f() {", "  return 1;", "}", "", "const x = 1;", "  if (a) {", "  }"]
    for _ in range(15):
        old = [rng.choice(alphabet) for _ in range(rng.randint(0, 40))]
        new = list(old)
        for _ in range(rng.randint(1, 4)):
            at = rng.randint(0, len(new))
            new[at : at + rng.randint(0, 3)] = rng.choices(alphabet, k=rng.randint(0, 4))
        old_text, new_text = "".join(f"{x}\n" for x in old), "".join(f"{x}\n" for x in new)
        (tmp_path / "a").write_text(old_text)
        (tmp_path / "b").write_text(new_text)
        git = subprocess.run(
            ["git", "diff", "--no-index", "--no-color", "--histogram", "a", "b"],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=plain_git_env(tmp_path),
            check=False,
        ).stdout
        body = git.split("+++ b/b\n", 1)[1] if git else ""
        ours = unified_diff(old_text, new_text, old_label="a/a", new_label="b/b")
        # git appends the enclosing function to each @@ line; compare the ranges only.
        assert (ours.split("+++ b/b\n", 1)[1] if ours else "") == strip_function(body)


def strip_function(body: str) -> str:
    return "".join(
        line[: line.index("@@", 2) + 2] + "\n" if line.startswith("@@") else line + "\n"
        for line in body.splitlines()
    )


def test_json_lines_carry_every_field_of_the_line_model() -> None:
    blocks = diff_texts("a\nb\n", "a\nc\n").to_json()["blocks"]
    line = next(b for b in blocks if b["type"] == "hunk")["lines"][0]

    assert set(line) == {f.name for f in fields(Line)}
