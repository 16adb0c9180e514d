"""Times `redraft tokens diff` on a real published token set, as a fresh process and in parts.

Run: ``.venv/bin/python bench/bench_tokens_diff.py [--runs N]`` after ``scripts/setup`` (it reads
GitHub Primer's tokens from ``tools/node_modules/@primer/primitives``). A subset of Primer (the
light theme, sizes, typography, motion, functional and component tokens: ~1,500 resolved tokens
in 55 JSON5 files) is copied twice, and ``base.color.black`` changes in the second copy.

Side by side in one run:
- ``redraft tokens diff OLD NEW --format json`` as a new process (what a user or CI waits for);
- the same with every command module imported first, as ``redraft`` did before commands were
  loaded lazily, to show what start-up costs;
- ``python -c pass``, the floor;
- in-process: importing the command, reading and resolving each side, diffing.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PRIMER = Path(__file__).parents[1] / "tools/node_modules/@primer/primitives/src/tokens"
SUBSET = [
    "base/color/light/light.json5",
    "base/color/light/display-light.json5",
    "base/size",
    "base/typography",
    "base/motion",
    "functional",
    "component",
]
BLACK = "          components: [213.3, 12.7, 13.9],\n          hex: '#1f2328',"
EAGER = (
    "import redraft.cli.main as m, importlib, sys\n"
    "for target in m.COMMANDS.values(): importlib.import_module(target.split(':')[0])\n"
    "try: m.app(sys.argv[1:])\n"
    "except SystemExit: pass\n"
)


def copy_subset(target: Path) -> Path:
    for part in SUBSET:
        source = PRIMER / part
        if source.is_dir():
            # Coarse and fine pointer sizes are alternatives that define the same paths.
            skip = shutil.ignore_patterns("size-coarse.json5")
            shutil.copytree(source, target / part, ignore=skip)
        else:
            (target / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target / part)
    return target


def wall(command: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return times


def in_process(old: Path, new: Path) -> dict[str, float]:
    start = time.perf_counter()
    from redraft.cli import tokens  # noqa: F401  (what the command imports)
    from redraft.core.changes import diff_tokens
    from redraft.integrations.tokenfiles import load_token_source

    imported = time.perf_counter()
    before = load_token_source(old)
    read_old = time.perf_counter()
    after = load_token_source(new)
    read_new = time.perf_counter()
    changes = diff_tokens(before, after)
    done = time.perf_counter()
    return {
        "tokens": float(len(before)),
        "changes": float(len(changes.changes)),
        "import": imported - start,
        "read old": read_old - imported,
        "read new": read_new - read_old,
        "diff": done - read_new,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    if not PRIMER.is_dir():
        sys.exit("tools/node_modules is missing: run scripts/setup first")
    with tempfile.TemporaryDirectory() as folder:
        old, new = copy_subset(Path(folder) / "old"), copy_subset(Path(folder) / "new")
        light = new / SUBSET[0]
        light.write_text(light.read_text().replace(BLACK, BLACK.replace("#1f2328", "#000000")))
        redraft = [str(Path(sys.executable).parent / "redraft")]
        diff_args = ["tokens", "diff", str(old), str(new), "--format", "json"]
        output = subprocess.run([*redraft, *diff_args], capture_output=True, text=True)
        assert output.returncode == 1, output.stderr
        listed = len(json.loads(output.stdout)["changes"])

        rows = []
        # Interleaved, so that load on the machine touches every command alike.
        lazy, eager, floor = [], [], []
        for _ in range(args.runs):
            lazy += wall([*redraft, *diff_args], 1)
            eager += wall([sys.executable, "-c", EAGER, *diff_args], 1)
            floor += wall([sys.executable, "-c", "pass"], 1)
        for label, times in [
            ("redraft tokens diff (process)", lazy),
            ("same, every command module imported first", eager),
            ("python -c pass", floor),
        ]:
            rows.append((label, statistics.median(times), max(times)))
        parts = in_process(old, new)

    print(f"Primer subset: {parts['tokens']:.0f} tokens a side, {listed} changes listed")
    print(f"{'':44} {'median s':>9} {'max s':>7}")
    for label, median, worst in rows:
        print(f"{label:44} {median:9.3f} {worst:7.3f}")
    print(f"ratio eager / lazy start-up: {rows[1][1] / rows[0][1]:.2f}x")
    print(
        "in process (s): "
        + ", ".join(f"{k} {v:.3f}" for k, v in parts.items() if k not in {"tokens", "changes"})
    )


if __name__ == "__main__":
    main()
