import itertools
import random

import pytest

from redraft.core.linediff import (
    Opcode,
    diff_words,
    group_opcodes,
    match_items,
    match_lines,
    opcodes,
    to_opcodes,
)


def apply(ops: list[Opcode], a: list[str], b: list[str]) -> list[str]:
    out: list[str] = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
            out += a[i1:i2]
        else:
            out += b[j1:j2]
    return out


def random_pair(rng: random.Random) -> tuple[list[str], list[str]]:
    alphabet = ["}", "", "  return x;", "function f() {", "a", "b", "  <div>", "  </div>"]
    a = [rng.choice(alphabet) for _ in range(rng.randint(0, 60))]
    b = list(a)
    for _ in range(rng.randint(0, 6)):
        at = rng.randint(0, len(b))
        b[at : at + rng.randint(0, 3)] = [rng.choice(alphabet) for _ in range(rng.randint(0, 3))]
    return a, b


def test_identical_inputs_match_as_one_block() -> None:
    lines = ["a", "b", "c"]
    assert match_lines(lines, list(lines)) == [(0, 0, 3)]
    assert opcodes(lines, list(lines)) == [("equal", 0, 3, 0, 3)]


def test_empty_inputs_have_no_blocks_and_no_sentinel() -> None:
    assert match_lines([], []) == []
    assert opcodes([], []) == []
    assert opcodes([], ["x"]) == [("insert", 0, 0, 0, 1)]
    assert opcodes(["x"], []) == [("delete", 0, 1, 0, 0)]


def test_changed_line_in_the_middle_is_a_replace() -> None:
    assert opcodes(["a", "b", "c"], ["a", "B", "c"]) == [
        ("equal", 0, 1, 0, 1),
        ("replace", 1, 2, 1, 2),
        ("equal", 2, 3, 2, 3),
    ]


def test_insertions_at_top_and_bottom() -> None:
    assert opcodes(["b"], ["a", "b", "c"]) == [
        ("insert", 0, 0, 0, 1),
        ("equal", 0, 1, 1, 2),
        ("insert", 1, 1, 2, 3),
    ]


def test_inserted_function_is_placed_after_the_blank_line_like_git() -> None:
    old = ["function a() {", "  return 1;", "}", "", "function c() {", "  return 3;", "}"]
    new = [*old[:4], "function b() {", "  return 2;", "}", "", *old[4:]]
    # A plain LCS is free to start the insertion at "  return 1;"/"}"; git's histogram diff with
    # the indent heuristic inserts the whole function as one block after the separating blank.
    assert opcodes(old, new) == [
        ("equal", 0, 4, 0, 4),
        ("insert", 4, 4, 4, 8),
        ("equal", 4, 7, 8, 11),
    ]


def test_inserted_block_ending_with_a_closing_brace_keeps_braces_paired() -> None:
    old = ["if (a) {", "  x();", "}", "if (b) {", "  y();", "}"]
    new = ["if (a) {", "  x();", "}", "if (c) {", "  z();", "}", "if (b) {", "  y();", "}"]
    assert opcodes(old, new)[1] == ("insert", 3, 3, 3, 6)


def test_rare_lines_anchor_the_match_over_frequent_ones() -> None:
    old = ["}", "}", "unique", "}", "}"]
    new = ["x", "unique", "}"]
    assert match_lines(old, new) == [(2, 1, 2)]


def test_ignore_whitespace_matches_reindented_lines() -> None:
    old = ["if (a) {", "x();", "}"]
    new = ["if (a) {", "    x();", "}"]
    assert match_lines(old, new) == [(0, 0, 1), (2, 2, 1)]
    assert match_lines(old, new, ignore_whitespace=True) == [(0, 0, 3)]


def test_highly_repetitive_regions_fall_back_to_myers_and_stay_correct() -> None:
    # Every common line occurs more than 64 times: the histogram finds no anchor.
    rng = random.Random(7)
    a = [rng.choice("ab") for _ in range(400)]
    b = [rng.choice("ab") for _ in range(400)]
    blocks = match_lines(a, b)
    assert apply(to_opcodes(blocks, len(a), len(b)), a, b) == b
    assert sum(size for *_, size in blocks) > 250


def test_match_items_works_on_word_tokens() -> None:
    old = ["<", "Button", " ", "size", "=", '"', "sm", '"', ">"]
    new = ["<", "Button", " ", "size", "=", '"', "md", '"', ">"]
    assert match_items(old, new) == [(0, 0, 6), (7, 7, 2)]


@pytest.mark.parametrize("seed", range(5))
def test_opcodes_rebuild_b_from_a_on_random_edits(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(200):
        a, b = random_pair(rng)
        blocks = match_lines(a, b)
        for (i, j, size), (i2, j2, _) in itertools.pairwise(blocks):
            assert size > 0
            assert i + size < i2 or j + size < j2  # maximal: neighbours are not adjacent
            assert i + size <= i2
            assert j + size <= j2
        for i, j, size in blocks:
            assert a[i : i + size] == b[j : j + size]
        ops = opcodes(a, b)
        assert apply(ops, a, b) == b
        assert [op[1:] for op in ops] == [op[1:] for op in to_opcodes(blocks, len(a), len(b))]


def test_twenty_thousand_line_files_diff_quickly() -> None:
    rng = random.Random(3)
    a = [f"  line {rng.randint(0, 5000)};" for _ in range(20000)]
    b = list(a)
    for _ in range(300):
        b[rng.randrange(len(b))] = "  changed;"
    assert apply(opcodes(a, b), a, b) == b


def test_diff_words_marks_changed_words_and_scores_similarity() -> None:
    words = diff_words('size="sm"', 'size="md"')
    assert (words.left, words.right) == (((6, 8),), ((6, 8),))
    assert words.ratio == 14 / 18
    assert diff_words("", "").ratio == 1.0
    assert diff_words("abc", "xyz").ratio == 0.0


def test_group_opcodes_cuts_hunks_with_context() -> None:
    a = [str(n) for n in range(20)]
    b = [*a[:5], "x", *a[6:15], "y", *a[16:]]
    groups = group_opcodes(opcodes(a, b), 2)
    assert [[op[0] for op in group] for group in groups] == [
        ["equal", "replace", "equal"],
        ["equal", "replace", "equal"],
    ]
    assert groups[0][0] == ("equal", 3, 5, 3, 5)
    assert [len(g) for g in group_opcodes(opcodes(a, b), 0)] == [1, 1]
    assert group_opcodes(opcodes(a, a), 3) == []
