"""Times redraft's line diff against difflib on realistic generated TSX files.

Run: ``.venv/bin/python bench/bench_diff.py [--runs N]``. Inputs are built from a fixed seed, so
every run diffs the same files: component modules with scattered edits (about 5 % of lines
changed, inserted or deleted) and one component moved to another place in the file.
"""

from __future__ import annotations

import argparse
import difflib
import random
import statistics
import time
from collections.abc import Callable, Sequence

from redraft.core.diff import diff_texts, unified_diff
from redraft.core.linediff import match_lines, opcodes

_WORDS = ["primary", "secondary", "ghost", "danger", "compact", "wide", "muted", "active"]
_TAGS = ["div", "span", "button", "section", "label", "p"]


def _component(rng: random.Random, index: int) -> list[str]:
    name = f"Widget{index}"
    props = [f"{w}{index}" for w in rng.sample(_WORDS, rng.randint(2, 5))]
    lines = [f"export interface {name}Props {{"]
    lines += [f"  {p}?: {rng.choice(['string', 'number', 'boolean'])};" for p in props]
    lines += ["  children?: React.ReactNode;", "}", ""]
    lines += [f"export function {name}({{ {', '.join(props)}, children }}: {name}Props) {{"]
    lines += [f"  const [state{index}, setState{index}] = useState(false);"]
    lines += ["  const style = {"]
    lines += [f"    padding: {rng.randint(1, 8) * 4}," for _ in range(rng.randint(1, 3))]
    lines += [f'    color: "var(--{rng.choice(_WORDS)}-{rng.randint(1, 9)}00)",', "  };"]
    lines += ["", "  return ("]
    tag = rng.choice(_TAGS)
    lines += [f'    <{tag} className="{name.lower()}" style={{style}}>']
    for p in props:
        inner = rng.choice(_TAGS)
        lines += [f'      <{inner} className="{name.lower()}__{p}">', f"        {{{p}}}"]
        lines += [f"      </{inner}>"]
    lines += ["      {children}", f"    </{tag}>", "  );", "}", ""]
    return lines


def make_file(rng: random.Random, lines: int) -> list[str]:
    """A TSX module of about ``lines`` lines: imports, then components."""
    out = ['import React, { useState } from "react";', 'import clsx from "clsx";', ""]
    index = 0
    while len(out) < lines:
        out += _component(rng, index)
        index += 1
    return out[:lines]


def mutate(rng: random.Random, lines: list[str], rate: float = 0.05) -> list[str]:
    """Edit about ``rate`` of the lines in place, insert and delete a few, move one block."""
    out = list(lines)
    for _ in range(int(len(out) * rate)):
        at = rng.randrange(len(out))
        roll = rng.random()
        if roll < 0.6:
            out[at] = out[at].replace("className", "class").replace(";", ",") + " // edited"
        elif roll < 0.8:
            out.insert(at, f"  // note {rng.randint(0, 10**6)}")
        else:
            del out[at]
    start = rng.randrange(len(out) // 4)
    block = out[start : start + 40]
    del out[start : start + 40]
    target = rng.randrange(len(out) // 2, len(out))
    out[target:target] = block
    return out


def timed_ms(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and best wall time of ``fn`` over ``runs`` calls, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, min(times) * 1000


def _changed_lines(ops: Sequence[tuple[str, int, int, int, int]]) -> int:
    return sum(i2 - i1 + j2 - j1 for tag, i1, i2, j1, j2 in ops if tag != "equal")


def _cases(
    old: list[str], new: list[str]
) -> list[tuple[str, Callable[[], object], Callable[[], object]]]:
    """(label, redraft call, difflib call) pairs doing comparable work on the same input."""
    old_text, new_text = "\n".join(old) + "\n", "\n".join(new) + "\n"
    old_ends, new_ends = old_text.splitlines(True), new_text.splitlines(True)
    return [
        (
            "match_lines vs get_matching_blocks",
            lambda: match_lines(old, new),
            lambda: difflib.SequenceMatcher(None, old, new).get_matching_blocks(),
        ),
        (
            "opcodes vs get_opcodes",
            lambda: opcodes(old, new),
            lambda: difflib.SequenceMatcher(None, old, new).get_opcodes(),
        ),
        (
            "opcodes vs get_opcodes(autojunk=False)",
            lambda: opcodes(old, new),
            lambda: difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes(),
        ),
        (
            "diff_texts vs unified_diff lines",
            lambda: diff_texts(old_text, new_text),
            lambda: list(difflib.unified_diff(old, new, lineterm="")),
        ),
        (
            "unified_diff vs unified_diff text",
            lambda: unified_diff(old_text, new_text, old_label="a", new_label="b"),
            lambda: "".join(difflib.unified_diff(old_ends, new_ends)),
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description="Time redraft's line diff against difflib.")
    parser.add_argument("--runs", type=int, default=7, help="runs per measurement (3000 lines)")
    args = parser.parse_args()
    print("median (best) of N runs; speedup = difflib median / redraft median")
    print(f"{'lines':>6} {'case':<38} {'redraft ms':>16} {'difflib ms':>18} {'speedup':>8}")
    for size in (3000, 20000):
        rng = random.Random(20240601 + size)
        old = make_file(rng, size)
        new = mutate(rng, old)
        # difflib needs seconds per call on 20,000 lines: fewer runs there.
        runs = args.runs if size <= 3000 else max(1, args.runs // 3)
        for label, ours, theirs in _cases(old, new):
            (mine, mine_best), (base, base_best) = timed_ms(ours, runs), timed_ms(theirs, runs)
            print(
                f"{size:>6} {label:<38} {mine:>8.1f} ({mine_best:>5.1f}) "
                f"{base:>9.1f} ({base_best:>6.1f}) {base / mine:>7.1f}x"
            )
        # Size of the edit script: a smaller one means fewer lines for a reviewer to read. With
        # its default autojunk, difflib ignores lines frequent in the new file (`}`, `</div>`).
        ours_changed = _changed_lines(opcodes(old, new))
        for autojunk in (True, False):
            matcher = difflib.SequenceMatcher(None, old, new, autojunk=autojunk)
            theirs_changed = _changed_lines(matcher.get_opcodes())
            label = f"+/- lines in the diff (autojunk={autojunk})"
            print(f"{size:>6} {label:<38} {ours_changed:>12} {theirs_changed:>18}")


if __name__ == "__main__":
    main()
