"""What every benchmark script shares: predicting a gold set, scoring it, writing the figures.

Each ``scripts/bench_*.py`` measures one stage with ``shared/eval/score.py`` and
writes its section of ``docs/benchmarks.md`` (between ``<!-- bench:NAME -->``
markers) with the machine, the date and the command. With ``--gate`` it instead
checks the figures against the floors pinned in the script and exits 1 if any
figure dropped below its floor.
"""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SITROOM_SHARED", ROOT.parent / "shared"))
DEV = SHARED / "eval" / "dev"
SCORER = SHARED / "eval" / "score.py"
DOC = ROOT / "docs" / "benchmarks.md"
sys.path.insert(0, str(ROOT / "src"))


def read_gold(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def articles_of(gold: Iterable[dict]):
    """The gold documents as sitroom Articles (gold keys ignored)."""
    from sitroom.record import Article

    for doc in gold:
        pub = date.fromisoformat(doc["published"]) if doc.get("published") else None
        yield Article(id=doc["id"], text=doc["text"], published=pub)


def predict(gold: list[dict], out: Path, nlp=None) -> float:
    """Run sitroom on every gold document, write predictions; return seconds taken."""
    from sitroom.config import Options
    from sitroom.pipeline import build_nlp, extract_many

    options = Options(progress=False)
    nlp = nlp or build_nlp(options)
    t0 = time.perf_counter()
    with out.open("w", encoding="utf-8") as fh:
        for record in extract_many(nlp, articles_of(gold), options):
            fh.write(json.dumps(record.to_json()) + "\n")
    return time.perf_counter() - t0


def score(task: str, gold: Path, pred: Path) -> dict:
    """The scorer's figures as a dict (``score.py --json``)."""
    out = subprocess.run(
        [sys.executable, str(SCORER), task, str(gold), str(pred), "--json"], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.node()} · {os.cpu_count()} cores · {cpu} · Python {platform.python_version()}"


def write_section(name: str, body: str) -> None:
    """Replace (or append) this benchmark's section of docs/benchmarks.md."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    command = "make " + os.environ.get("BENCH_TARGET", f"bench-{name}")
    section = (
        f"<!-- bench:{name} -->\n{body.rstrip()}\n\n"
        f"_Measured {stamp} on {machine()} with `{command}`._\n<!-- /bench:{name} -->"
    )
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"<!-- bench:{re.escape(name)} -->.*?<!-- /bench:{re.escape(name)} -->", re.S)
    text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip() + "\n\n" + section + "\n"
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(text, encoding="utf-8")


def gate(name: str, figures: dict[str, float], floors: dict[str, float]) -> int:
    """Exit status 1 (and say which) when a figure is below its pinned floor."""
    failed = [
        f"{k}={figures.get(k, 0):.3f} < floor {v:.3f}" for k, v in floors.items() if figures.get(k, 0.0) + 1e-9 < v
    ]
    for k, v in floors.items():
        print(f"gate {name}: {k} = {figures.get(k, 0.0):.3f} (floor {v:.3f})")
    if failed:
        print(f"gate {name} FAILED: " + "; ".join(failed))
        return 1
    return 0


def main(name: str, measure: Callable[[], tuple[dict[str, float], str]], floors: dict[str, float]) -> None:
    """Entry point of a bench script: ``--gate`` checks floors, else writes the doc."""
    if not DEV.exists():
        sys.exit(f"{DEV}: gold data not found (set SITROOM_SHARED to the shared folder)")
    figures, body = measure()
    if "--gate" in sys.argv:
        sys.exit(gate(name, figures, floors))
    write_section(name, body)
    print(body)
