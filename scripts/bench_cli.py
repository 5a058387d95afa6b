"""Start-up of the ``sitroom`` commands that read the store, beside bare Python and ``import spacy``.

Each command runs in a fresh process, ``RUNS`` times; the table gives the median
wall time, the median CPU time (user + system: steadier than wall time on a
shared machine) and the peak RSS. The store is built here by ``sitroom ingest examples``
(the one command that loads spaCy), or given with ``--db PATH``. Query commands
import neither spaCy nor torch, so they should start in under ``TARGET_S``
seconds and ``TARGET_MB`` MB.

Peak RSS is each child's own ``ru_maxrss`` (``os.wait4``). Linux carries a
parent's peak over ``exec`` into the child's, so this script imports nothing
heavy; the bare ``python -c pass`` row shows that floor.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import benchlib

RUNS = 5
TARGET_S = 1.0
TARGET_MB = 150.0


def sitroom_command() -> list[str]:
    """The installed ``sitroom`` script beside this Python, else ``python -m sitroom``."""
    script = Path(sys.executable).parent / "sitroom"
    return [str(script)] if script.exists() else [sys.executable, "-m", "sitroom"]


def run_once(argv: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one run of ``argv`` in a fresh process."""
    t0 = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - t0
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait for it again
    if child.returncode != 0:
        sys.exit(f"{' '.join(argv)}: exit status {child.returncode}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # ru_maxrss is in KB on Linux


def measure(argv: list[str]) -> tuple[float, float, float]:
    """Median wall seconds, median CPU seconds and largest peak RSS (MB) over ``RUNS`` runs."""
    runs = [run_once(argv) for _ in range(RUNS)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs), max(r[2] for r in runs)


def build_store(db: Path) -> None:
    """A small store: the bundled examples, ingested with the full pipeline."""
    subprocess.run(
        [*sitroom_command(), "ingest", "--db", str(db), "--no-progress", str(benchlib.ROOT / "examples")],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def report(db: Path) -> str:
    sitroom = sitroom_command()
    cases = [
        ("`python -c pass`", [sys.executable, "-c", "pass"], False),
        ("`python -c 'import spacy'`", [sys.executable, "-c", "import spacy"], False),
        ("`sitroom --help`", [*sitroom, "--help"], True),
        ("`sitroom stats`", [*sitroom, "stats", "--db", str(db)], True),
        ("`sitroom quotes`", [*sitroom, "quotes", "--db", str(db)], True),
        ("`sitroom events`", [*sitroom, "events", "--db", str(db)], True),
    ]
    rows = []
    for label, argv, targeted in cases:
        seconds, cpu, mb = measure(argv)
        met = ("yes" if seconds < TARGET_S and mb < TARGET_MB else "**no**") if targeted else "(baseline)"
        rows.append(f"| {label} | {seconds:.2f} | {cpu:.2f} | {mb:.0f} | {met} |")
        print(rows[-1], flush=True)
    return "\n".join(
        [
            "## Command start-up: the query commands beside bare Python and `import spacy`",
            "",
            f"Each command in a fresh process, {RUNS} runs: median wall seconds, median CPU seconds (user + system)"
            " and peak RSS (`ru_maxrss`). "
            "The query commands read the store without importing spaCy or torch; "
            f"the target is under {TARGET_S:.0f} s and {TARGET_MB:.0f} MB. Load average at the end of the run: "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall time grows with it, CPU time does not).",
            "",
            f"| command | wall s | CPU s | peak MB | under {TARGET_S:.0f} s and {TARGET_MB:.0f} MB (wall) |",
            "|---|---|---|---|---|",
            *rows,
        ]
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, help="an existing sitroom store (default: build one from examples/)")
    ap.add_argument("--gate", action="store_true", help="start-up is reported, never gated: exits 0")
    args = ap.parse_args()
    if args.gate:
        return  # shared machines are too noisy for a floor
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "bench.db"
            build_store(db)
        body = report(db)
    benchlib.write_section("cli", body)
    print(body)


if __name__ == "__main__":
    main()
