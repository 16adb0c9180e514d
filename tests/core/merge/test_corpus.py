"""The merge corpus: realistic hand edits against real regenerations.

Each case is ``corpus/<case>/{base,ours,theirs,expected}.tsx``; ``expected.tsx`` holds the
reviewed result, conflict markers included where a conflict is the right answer.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from redraft.core.merge import merge_texts
from tests.conftest import require_service

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
_HEADER = re.compile(r"//\s*@generated\b")
_TOKEN = re.compile(r"[\w$-]+")


def read(case: str, name: str) -> str:
    # Bytes, not text mode: the CRLF case must reach the merge with its CRLFs.
    return (CORPUS / case / f"{name}.tsx").read_bytes().decode("utf-8")


def sides(case: str) -> tuple[str, str, str]:
    return read(case, "base"), read(case, "ours"), read(case, "theirs")


def git_conflicts(tmp_path: Path, base: str, ours: str, theirs: str) -> int:
    for name, text in (("ours", ours), ("base", base), ("theirs", theirs)):
        (tmp_path / name).write_bytes(text.encode())
    done = subprocess.run(
        ["git", "merge-file", "-p", "--diff3", "ours", "base", "theirs"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert done.returncode >= 0, done.stderr
    return sum(line.startswith(b"<<<<<<< ") for line in done.stdout.splitlines())


def test_the_corpus_has_at_least_thirty_cases_each_with_an_expected_result() -> None:
    assert len(CASES) >= 30
    assert all((CORPUS / case / "expected.tsx").is_file() for case in CASES)


@pytest.mark.parametrize("case", CASES)
def test_case_merges_as_expected(case: str) -> None:
    result = merge_texts(*sides(case))

    assert result.text == read(case, "expected")
    assert result.clean == ("<<<<<<< " not in result.text)


@pytest.mark.parametrize("case", CASES)
def test_case_loses_no_line_the_user_added(case: str) -> None:
    base, ours, theirs = sides(case)
    result = merge_texts(base, ours, theirs)

    merged = Counter(line.strip() for line in result.text.replace("\r\n", "\n").split("\n"))
    tokens = set(_TOKEN.findall(result.text))
    dropped_by_generator = set(_TOKEN.findall(base)) - set(_TOKEN.findall(theirs))
    added = Counter(line.strip() for line in ours.replace("\r\n", "\n").split("\n"))
    added -= Counter(line.strip() for line in base.split("\n"))
    lost = [
        line
        for line in added
        if line
        and not _HEADER.match(line)
        and merged[line] == 0
        # A line folded into a merged one (a class into `className`, attributes put one per
        # line) counts when its tokens are in the result, but for those the generator dropped.
        and not set(_TOKEN.findall(line)) - dropped_by_generator <= tokens
    ]
    assert lost == []


def test_the_corpus_has_fewer_conflicts_than_git_merge_file(tmp_path: Path) -> None:
    require_service("git not installed", shutil.which("git") is not None, "apt-get install git")
    ours_total = git_total = 0
    for case in CASES:
        base, ours, theirs = sides(case)
        ours_total += len(merge_texts(base, ours, theirs).conflicts)
        git_total += git_conflicts(tmp_path, base, ours, theirs)

    print(f"conflict hunks over {len(CASES)} cases: redraft {ours_total}, git {git_total}")
    assert ours_total < git_total
