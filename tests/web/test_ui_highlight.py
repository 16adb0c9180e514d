"""Highlighting whole files, then lines; intra-line marks merged into the highlighted spans."""

from __future__ import annotations

from redraft.core.diff import diff_texts
from redraft.web.ui.highlight import HighlightCache, highlight_lines, line_html

SOURCE = """/**
 * A comment over
 * three lines
 */
const label = `a template
string`;
export function Hi() { return <b className="x">hi</b>; }
"""


def test_a_multi_line_comment_stays_a_comment_on_every_line() -> None:
    lines = highlight_lines(SOURCE)

    assert len(lines) == 7
    for number in range(4):
        assert lines[number]
        assert all(css == "c" for css, _ in lines[number])
    assert lines[5][0] == ("s", "string`")


def test_every_line_spells_its_text() -> None:
    lines = highlight_lines(SOURCE)

    assert ["".join(part for _, part in line) for line in lines] == SOURCE.splitlines()


def test_leading_blank_lines_and_crlf_keep_the_line_numbers() -> None:
    lines = highlight_lines("\n\r\nconst a = 1;\r\n")

    assert len(lines) == 3
    assert lines[2][0] == ("k", "const")


def test_a_lone_carriage_return_stays_inside_its_line_as_in_the_diff() -> None:
    text = "let a = 1;\rlet b = 2;\nconst c = 3;\n"

    lines = highlight_lines(text)

    assert len(lines) == len(diff_texts("", text).new_lines) == 2
    assert line_html(lines[1], "const c = 3;") == (
        '<span class="k">const</span> c = <span class="m">3</span>;'
    )
    assert "".join(part for _, part in lines[0]) == "let a = 1;\rlet b = 2;"


def test_a_byte_order_mark_is_kept_so_the_first_line_is_still_highlighted() -> None:
    text = "\ufeffconst a = 1;"

    html = line_html(highlight_lines(text)[0], text)

    assert html == '\ufeff<span class="k">const</span> a = <span class="m">1</span>;'


def test_a_line_without_changes_is_its_highlighted_spans() -> None:
    text = 'const a = "x"; // note'

    html = line_html(highlight_lines(text)[0], text)

    assert html == (
        '<span class="k">const</span> a = <span class="s">&#34;x&#34;</span>; '
        '<span class="c">// note</span>'
    )


def test_changed_ranges_are_marked_inside_the_highlighted_spans() -> None:
    text = 'const a = "red";'
    segments = highlight_lines(text)[0]

    html = line_html(segments, text, ((11, 14),))

    assert html == (
        '<span class="k">const</span> a = <span class="s">&#34;<mark>red</mark>&#34;</span>;'
    )


def test_a_range_across_spans_is_marked_in_each() -> None:
    text = "let x = 10;"

    html = line_html(highlight_lines(text)[0], text, ((0, 5),))

    assert html.startswith('<span class="k"><mark>let</mark></span><mark> x</mark>')


def test_markup_in_code_is_escaped() -> None:
    text = 'const s = "<script>alert(1)</script>";'

    html = line_html(highlight_lines(text)[0], text)

    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_segments_that_do_not_spell_the_line_fall_back_to_plain_text() -> None:
    assert line_html((("k", "other"),), "a < b") == "a &lt; b"


def test_the_cache_keeps_the_most_recently_used_versions() -> None:
    cache = HighlightCache(capacity=2)
    first = cache.lines("digest-1", "const a = 1;\n")
    cache.lines("digest-2", "const b = 2;\n")
    assert cache.lines("digest-1", "ignored: cached by digest") is first
    cache.lines("digest-3", "const c = 3;\n")

    assert len(cache) == 2
    assert cache.lines("digest-1", "let d;\n") is first
    assert cache.lines("digest-2", "let e;\n")[0][0] == ("k", "let")
