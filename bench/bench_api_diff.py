"""Times reading a module's props API (`extract_api`) and comparing two (`compare_api`).

Run: ``.venv/bin/python bench/bench_api_diff.py [--rounds 7] [--against /path/to/other/checkout]``

Inputs (the same for every tree measured):
- the 11 demo components as the generator renders them from the demo tokens, which is what
  every regeneration reads twice (the current and the proposed code);
- the old and new files of the tsc-checked pair corpus (``tests/data/tsx/pairs``): the
  hand-written shapes (compound components, wrappers, generics, render props) redraft reads;
- a 500-line module (the corpus's ``surface-unchanged`` button with 480 JSX rows added): how
  reading grows with a long hand-edited file (it was a timed unit test, which failed on loaded
  machines; its correctness half stays in tests/integrations/test_tsx.py).

Each round runs one fresh process per tree; with ``--against`` the rounds alternate between
this checkout and the other one (its ``src`` first on ``PYTHONPATH``), so both are measured
side by side under the same load. Figures are CPU milliseconds per call (process time, which a
busy shared machine disturbs less than wall time), medians over rounds of the per-call mean.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "tests" / "data" / "tsx" / "pairs"


def measure(repeat: int) -> dict[str, float]:
    """Per-call milliseconds in this process, for the redraft that `import` finds."""
    from redraft.codegen.registry import load_generator
    from redraft.codegen.render import render_component
    from redraft.core.tsprops import compare_api
    from redraft.features.demo.service import sample_requirements, sample_tokens
    from redraft.integrations.tsx import extract_api

    generated = [
        render_component(load_generator(), sample_tokens(), spec).code
        for spec in sample_requirements()
    ]
    pairs = [
        ((case / "old.tsx").read_text(), (case / "new.tsx").read_text())
        for case in sorted(PAIRS.iterdir())
    ]
    written = [text for pair in pairs for text in pair]
    for text in generated + written:  # warm the caches the first parse fills
        extract_api(text)

    def per_call(texts: list[str]) -> float:
        started = time.process_time()
        for _ in range(repeat):
            for text in texts:
                extract_api(text)
        return (time.process_time() - started) / (repeat * len(texts)) * 1000

    long_module = five_hundred_line_module()
    apis = [(extract_api(old), extract_api(new)) for old, new in pairs]
    started = time.process_time()
    for _ in range(repeat):
        for old_api, new_api in apis:
            compare_api(old_api, new_api)
    compare_ms = (time.process_time() - started) / (repeat * len(apis)) * 1000
    return {
        "extract_generated": per_call(generated),
        "extract_written": per_call(written),
        "extract_500_lines": per_call([long_module]),
        "compare_pairs": compare_ms,
        "generated_lines": statistics.mean(text.count("\n") for text in generated),
        "written_files": len(written),
    }


def five_hundred_line_module() -> str:
    source = (PAIRS / "surface-unchanged" / "new.tsx").read_text()
    body = "\n".join(f"      <div className='row-{i}'>{{label}} {i}</div>" for i in range(480))
    return source.replace("{label}\n", "{label}\n" + body + "\n")


def run_tree(tree: Path, repeat: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    output = subprocess.run(
        [sys.executable, __file__, "--measure", "--repeat", str(repeat)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    figures: dict[str, float] = json.loads(output)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=20, help="calls per input per round")
    parser.add_argument("--against", type=Path, help="another checkout to measure alongside")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure:
        sys.stdout.write(json.dumps(measure(options.repeat)))
        return
    trees = [ROOT] + ([options.against.resolve()] if options.against else [])
    runs: dict[Path, list[dict[str, float]]] = {tree: [] for tree in trees}
    for _ in range(options.rounds):
        for tree in trees:
            runs[tree].append(run_tree(tree, options.repeat))
    first = runs[ROOT][0]
    print(
        f"{options.rounds} rounds x {options.repeat} calls; "
        f"{int(first['written_files'])} hand-written files, "
        f"11 generated components of {first['generated_lines']:.0f} lines on average"
    )
    keys = ("extract_generated", "extract_written", "extract_500_lines", "compare_pairs")
    print(f"  {'tree':<40} " + " ".join(f"{k + ' ms':>19}" for k in keys))
    medians = {}
    for tree, figures in runs.items():
        medians[tree] = [statistics.median(f[k] for f in figures) for k in keys]
        print(f"  {tree!s:<40} " + " ".join(f"{m:>19.3f}" for m in medians[tree]))
    if options.against:
        ratios = [a / b for a, b in zip(medians[ROOT], medians[trees[1]], strict=True)]
        print(f"  {'this / other':<40} " + " ".join(f"{r:>19.2f}" for r in ratios))


if __name__ == "__main__":
    main()
