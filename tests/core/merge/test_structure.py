from __future__ import annotations

import pytest

from redraft.core.merge.blocks import BlockKind, find_blocks, item_key, parse_items
from redraft.core.merge.diff3 import ChunkKind, Side, align, diff3, refine
from redraft.core.merge.guard import lost_lines
from redraft.core.merge.hunk import Absorption, Hunk
from redraft.core.merge.sets import merge_class_name, merge_import, merge_set, parse_import

CODE = [
    "export interface Props {",  # 0
    "  /** The label. */",
    "  label: string;",
    "  onClick?: () => void;",
    "}",
    "",  # 5
    "export function A({",
    "  label,",
    '  size = "md",',
    "}: Props) {",
    "  return (",  # 10
    "    <button",
    '      type="button"',
    "      onClick={() => {",
    "        go();",
    "      }}",  # 15
    "    >",
    "      {label}",
    "    </button>",
    "  );",
    "}",  # 20
]


def test_find_blocks_finds_keyed_blocks_only() -> None:
    assert sorted(find_blocks(CODE)) == [
        (0, 4, BlockKind.ENTRIES),
        (6, 9, BlockKind.ENTRIES),
        (11, 16, BlockKind.ATTRS),
    ]


def test_items_carry_their_comments_and_continuation_lines() -> None:
    interface = parse_items(CODE[1:4], 1, BlockKind.ENTRIES)
    attrs = parse_items(CODE[12:16], 12, BlockKind.ATTRS)

    assert interface is not None
    assert attrs is not None
    assert [(i.key, i.lead, i.at) for i in interface.items] == [
        ("label", ("  /** The label. */",), 1),
        ("onClick", (), 3),
    ]
    assert [(i.key, len(i.body)) for i in attrs.items] == [("type", 1), ("onClick", 3)]


def test_items_with_a_repeated_key_do_not_parse() -> None:
    assert parse_items(["  a: 1,", "  a: 2,"], 0, BlockKind.ENTRIES) is None


@pytest.mark.parametrize(
    ("line", "kind", "key"),
    [
        ("disabled={disabled}", BlockKind.ATTRS, "disabled"),
        ('aria-hidden="true"', BlockKind.ATTRS, "aria-hidden"),
        ("{...rest}", BlockKind.ATTRS, "{...rest}"),
        ('"root[size=sm]": {', BlockKind.ENTRIES, "root[size=sm]"),
        ("onClick?: (e: Event) => void;", BlockKind.ENTRIES, "onClick"),
        ('size = "md",', BlockKind.ENTRIES, "size"),
        ("...styles.root,", BlockKind.ENTRIES, "...styles.root"),
        ("return x;", BlockKind.ENTRIES, None),
        ("export const Default: Story = {};", BlockKind.TOP, "Default"),
        ('import { a } from "./a";', BlockKind.TOP, "./a (value)"),
    ],
)
def test_item_keys(line: str, kind: BlockKind, key: str | None) -> None:
    assert item_key(line, kind) == key


def test_set_merge_applies_removals_and_appends_additions() -> None:
    assert merge_set(["a", "b", "c"], ["a", "c", "d"], ["a", "b", "e"]) == ["a", "e", "d"]


def test_class_name_merge_keeps_the_users_indent() -> None:
    merged = merge_class_name('  className="a b"', '    className="a b c"', '  className="a x"')

    assert merged == '    className="a x c"'


def test_import_parse_and_render_round_trip() -> None:
    line = 'import type Foo, { a, b as c } from "./foo";'
    parsed = parse_import(line)

    assert parsed is not None
    assert (parsed.type_only, parsed.default, parsed.named, parsed.key) == (
        True,
        "Foo",
        ("a", "b as c"),
        "./foo (type)",
    )
    assert parsed.render() == line


def test_imports_whose_default_both_sides_changed_do_not_merge() -> None:
    assert merge_import('import A from "x";', 'import B from "x";', 'import C from "x";') is None


def test_diff3_puts_an_addition_next_to_a_change_into_one_conflict() -> None:
    base = Side.of(["a", "b", "c"])
    ours = Side.of(["a", "b", "new", "c"])
    theirs = Side.of(["a", "B", "c"])

    chunks = diff3(base, ours, theirs, align(base, ours), align(base, theirs))

    assert [(c.kind, c.b0, c.b1, c.o0, c.o1) for c in chunks] == [
        (ChunkKind.STABLE, 0, 1, 0, 1),
        (ChunkKind.CONFLICT, 1, 2, 1, 3),
        (ChunkKind.STABLE, 2, 3, 3, 4),
    ]


def test_diff3_compares_lines_without_their_indentation() -> None:
    base = Side.of(["a {", "  b", "}"])
    ours = Side.of(["a {", "      b", "}"])

    chunks = diff3(base, ours, base, align(base, ours), align(base, base))

    assert [c.kind for c in chunks] == [ChunkKind.STABLE]


def test_refine_peels_lines_both_sides_added_alike() -> None:
    base, ours, theirs = Side.of(["x"]), Side.of(["same", "o"]), Side.of(["same", "t"])
    conflict = diff3(base, ours, theirs, align(base, ours), align(base, theirs))[0]

    parts = refine(conflict, base, ours, theirs)

    assert [(p.kind, p.o0, p.o1) for p in parts] == [
        (ChunkKind.SAME, 0, 1),
        (ChunkKind.CONFLICT, 1, 2),
    ]


def test_the_guard_reports_a_user_line_missing_from_the_merge() -> None:
    ours = Side.of(["a", "mine", "b"])

    assert lost_lines(ours, [1], ["a", "b"], []) == ["mine"]
    assert lost_lines(ours, [1], ["a", Hunk((), ("mine",), (), 0, 1, 0), "b"], []) == []


def test_the_guard_accepts_a_folded_line_only_with_all_the_users_tokens() -> None:
    ours = Side.of(['className="a b c"'])
    kept = Absorption('className="a b"', 'className="a b c"', 'className="a x c"')
    dropped = Absorption('className="a b"', 'className="a b c"', 'className="a x"')

    assert lost_lines(ours, [0], ['className="a x c"'], [kept]) == []
    assert lost_lines(ours, [0], ['className="a x"'], [dropped]) == ['className="a b c"']
