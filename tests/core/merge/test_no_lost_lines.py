"""Random hand edits and regenerations of the corpus files: no merge may drop a user's line.

The edits are drawn from a fixed seed, so every run checks the same few hundred merges: lines
added, deleted, duplicated with a change, re-indented, swapped; attributes, entries, imports
and spreads inserted; CRLF line ends.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pytest

from redraft.core.merge import merge_texts

CORPUS = Path(__file__).parent / "corpus"
_HEADER = re.compile(r"//\s*@generated\b")
_INSERTS = [
    "      onFocus={track}",
    '    cursor: "pointer",',
    'import { track } from "./track";',
    "  {...rest}",
    "  /** Added by hand. */",
    "",
]


def _mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(lines))
        roll = rng.random()
        if roll < 0.3:
            lines.insert(at, rng.choice(lines).replace("a", "e", 1) + rng.choice(["", ","]))
        elif roll < 0.5:
            del lines[at]
        elif roll < 0.7:
            lines.insert(at, rng.choice(_INSERTS))
        elif roll < 0.85:
            lines[at] = "  " + lines[at]
        else:
            other = rng.randrange(len(lines))
            lines[at], lines[other] = lines[other], lines[at]
    return "\n".join(lines)


def _cases(count: int, seed: int) -> list[tuple[str, str, str]]:
    rng = random.Random(seed)
    files = sorted(CORPUS.glob("*/base.tsx"))
    cases = []
    for _ in range(count):
        base = rng.choice(files).read_text(encoding="utf-8")
        ours = _mutate(base, rng)
        if rng.random() < 0.1:
            ours = ours.replace("\n", "\r\n")
        cases.append((base, ours, _mutate(base, rng)))
    return cases


@pytest.mark.parametrize("seed", range(4))
def test_random_edits_never_lose_a_user_line(seed: int) -> None:
    lost: list[str] = []
    for base, ours, theirs in _cases(100, seed):
        result = merge_texts(base, ours, theirs)
        merged = Counter(line.strip() for line in result.text.replace("\r\n", "\n").split("\n"))
        added = Counter(line.strip() for line in ours.replace("\r\n", "\n").split("\n"))
        added -= Counter(line.strip() for line in base.split("\n"))
        lost += [
            line
            for line, count in added.items()
            if line and not _HEADER.match(line) and merged[line] < count
        ]
    assert lost == []


@pytest.mark.parametrize("seed", range(2))
def test_choosing_a_side_for_every_conflict_leaves_no_markers(seed: int) -> None:
    for base, ours, theirs in _cases(100, seed):
        result = merge_texts(base, ours, theirs)
        for choice in ("ours", "theirs", "both"):
            resolved = result.resolve(dict.fromkeys((c.index for c in result.conflicts), choice))
            assert "<<<<<<< " not in resolved
