"""Times redraft's three-way merge against ``git merge-file --diff3`` in the same run.

Run: ``.venv/bin/python bench/bench_merge.py [--runs N]``. Two inputs: the merge corpus of
``tests/core/merge/corpus`` (real generator output with hand edits), and one 500-line component
(the corpus' large-inserted-block case with its style object grown to 100 parts, an entry added
by the user and one changed by the generator). git gets the same three files, written once to a
temporary directory; its time includes starting the process, which is what a caller pays.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from redraft.core.merge import merge_texts

CORPUS = Path(__file__).parents[1] / "tests" / "core" / "merge" / "corpus"
Case = tuple[str, str, str]


def corpus() -> list[Case]:
    def read(case: Path, name: str) -> str:
        return (case / f"{name}.tsx").read_bytes().decode("utf-8")

    cases = sorted(p for p in CORPUS.iterdir() if p.is_dir())
    return [(read(c, "base"), read(c, "ours"), read(c, "theirs")) for c in cases]


def large_case() -> Case:
    """About 500 lines: the large-inserted-block case with a style object of 100 parts."""
    case = CORPUS / "large-inserted-block"
    base, ours, theirs = ((case / f"{n}.tsx").read_text() for n in ("base", "ours", "theirs"))
    parts = "".join(
        f'  part{i}: {{\n    padding: "{i}px",\n    margin: "{i}px",\n  }},\n' for i in range(100)
    )
    base, ours, theirs = (
        x.replace("  icon: {},\n", parts + "  icon: {},\n") for x in (base, ours, theirs)
    )
    ours = ours.replace('    padding: "50px",\n', '    padding: "50px",\n    color: "red",\n')
    theirs = theirs.replace('    margin: "50px",\n', '    margin: "51px",\n')
    return base, ours, theirs


def redraft_conflicts(case: Case) -> int:
    return len(merge_texts(*case).conflicts)


def git_runner(cases: Sequence[Case], workdir: Path) -> list[Callable[[], int]]:
    """One callable per case that runs git on files written once, returning its conflicts."""
    git = shutil.which("git")
    if git is None:
        raise SystemExit("git not found: install git to compare")
    runners: list[Callable[[], int]] = []
    for index, (base, ours, theirs) in enumerate(cases):
        folder = workdir / str(index)
        folder.mkdir()
        for name, text in (("ours", ours), ("base", base), ("theirs", theirs)):
            (folder / name).write_bytes(text.encode())

        def run(folder: Path = folder) -> int:
            done = subprocess.run(
                [git, "merge-file", "-p", "--diff3", "ours", "base", "theirs"],
                cwd=folder,
                capture_output=True,
                check=False,
            )
            return sum(line.startswith(b"<<<<<<< ") for line in done.stdout.splitlines())

        runners.append(run)
    return runners


def timed(calls: Sequence[Callable[[], int]], runs: int) -> tuple[float, int]:
    """Seconds for ``runs`` passes over ``calls``, and the conflicts of one pass."""
    conflicts = sum(call() for call in calls)  # also warms caches and imports
    start = time.perf_counter()
    for _ in range(runs):
        for call in calls:
            call()
    return time.perf_counter() - start, conflicts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="passes over each input")
    args = parser.parse_args()

    inputs = {"corpus": corpus(), "500 lines": [large_case()]}
    rows: list[tuple[str, str, int, float, int]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, cases in inputs.items():
            ours: list[Callable[[], int]] = [lambda c=c: redraft_conflicts(c) for c in cases]
            folder = Path(tmp) / label.replace(" ", "-")
            folder.mkdir()
            theirs = git_runner(cases, folder)
            for engine, calls in (("redraft", ours), ("git merge-file", theirs)):
                seconds, conflicts = timed(calls, args.runs)
                rows.append((label, engine, len(cases) * args.runs, seconds, conflicts))

    lines = sum(len(case[1].splitlines()) for case in inputs["corpus"]) // len(inputs["corpus"])
    print(f"{len(inputs['corpus'])} corpus cases (about {lines} lines each), {args.runs} runs\n")
    head = ("input", "engine", "merges", "ms/merge", "merges/s", "conflicts")
    print("{:<10} {:<15} {:>7} {:>9} {:>9} {:>9}".format(*head))
    for label, engine, merges, seconds, conflicts in rows:
        per = seconds / merges
        cells = (label, engine, merges, f"{per * 1000:.2f}", f"{1 / per:.0f}", conflicts)
        print("{:<10} {:<15} {:>7} {:>9} {:>9} {:>9}".format(*cells))


if __name__ == "__main__":
    main()
