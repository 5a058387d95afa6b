"""What every benchmark script shares: predicting a gold set, scoring it, writing the figures.

Each ``scripts/bench_*.py`` measures one stage with ``shared/eval/score.py`` and
writes its section of ``docs/benchmarks.md`` (between ``<!-- bench:NAME -->``
markers) with the machine, the date and the command. With ``--gate`` it instead
checks what ``bench/baseline.json`` pins for it and exits 1 on a difference: first
the sha256 of each gold file it reads (figures on changed gold are not comparable
with the floors), then each figure against its floor.

``python scripts/benchlib.py --pin-gold`` rewrites the pinned digests from the
gold files as they are now, after a deliberate change to them.
"""

from __future__ import annotations

import hashlib
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
BASELINE = ROOT / "bench" / "baseline.json"
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


def half_of(doc_id: str) -> str:
    """The tuning half when the sha256 of the id is even, else the checking half (content never looked at)."""
    return "tuning" if int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "checking"


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


def baseline() -> dict:
    """``bench/baseline.json``: for each bench, its gold files' digests and its floors."""
    return json.loads(BASELINE.read_text(encoding="utf-8"))


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def changed_gold(name: str) -> list[str]:
    """One line for each gold file of this bench whose digest is not the pinned one."""
    lines = []
    for file, pinned in baseline()[name]["gold"].items():
        path = DEV / file
        now = sha256(path) if path.exists() else "missing"
        if now != pinned:
            lines.append(f"{path}: sha256 {now}, pinned {pinned}")
    return lines


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


def main(name: str, measure: Callable[[], tuple[dict[str, float], str]]) -> None:
    """Entry point of a bench script: ``--gate`` checks the gold digests then the floors, else writes the doc."""
    if not DEV.exists():
        sys.exit(f"{DEV}: gold data not found (set SITROOM_SHARED to the shared folder)")
    changed = changed_gold(name)
    if changed and "--gate" in sys.argv:
        sys.exit(
            f"gate {name} FAILED: gold data differs from what {BASELINE} pins "
            "(its floors were measured on the pinned files):\n  " + "\n  ".join(changed)
        )
    for line in changed:
        print(f"warning: {line}", file=sys.stderr)
    figures, body = measure()
    if "--gate" in sys.argv:
        sys.exit(gate(name, figures, baseline()[name]["floors"]))
    write_section(name, body)
    print(body)


def pin_gold() -> None:
    """Rewrite every pinned gold digest in bench/baseline.json from the files in DEV."""
    pins = baseline()
    for bench in pins.values():
        if isinstance(bench, dict):
            bench["gold"] = {file: sha256(DEV / file) for file in bench["gold"]}
    BASELINE.write_text(json.dumps(pins, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{BASELINE}: gold digests pinned from {DEV}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--pin-gold"]:
        sys.exit("usage: python scripts/benchlib.py --pin-gold")
    pin_gold()
