"""Benchmark of the time stage on TempEval-3 TBAQ, beside a dateparser-only baseline.

Predicts ``shared/eval/dev/times-tbaq.jsonl`` with the sitroom pipeline and with
``dateparser.search.search_dates`` alone (its matched strings as spans, its dates
as day values, the publication date as the relative base), scores both with
``score.py times`` and writes them side by side into docs/benchmarks.md.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
import warnings
from datetime import datetime
from datetime import time as clock
from pathlib import Path

import benchlib

GOLD = benchlib.DEV / "times-tbaq.jsonl"
ROWS = (
    ("span strict F1", "strict_f1"),
    ("span relaxed F1", "relaxed_f1"),
    ("type F1", "type_f1"),
    ("value P", "value_p"),
    ("value R", "value_r"),
    ("value F1", "value_f1"),
)


def dateparser_times(doc: dict) -> list[dict]:
    """What dateparser finds alone: each matched string located in order, its date as the value."""
    from dateparser.search import search_dates

    settings = {"RETURN_AS_TIMEZONE_AWARE": False}
    if doc.get("published"):
        settings["RELATIVE_BASE"] = datetime.fromisoformat(doc["published"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(doc["text"], languages=["en"], settings=settings) or []
    out, cursor = [], 0
    for string, when in found:
        at = doc["text"].find(string, cursor)
        if at < 0 or not string.strip():
            continue
        cursor = at + len(string)
        timed = when.time() != clock(0) and re.search(r"\d:\d\d|[ap]\.?m\b|noon|midnight", string, re.I)
        value = when.strftime("%Y-%m-%dT%H:%M") if timed else when.date().isoformat()
        out.append({"span": [at, at + len(string)], "type": "TIME" if timed else "DATE", "value": value})
    return out


def predict_baseline(gold: list[dict], out: Path) -> float:
    t0 = time.perf_counter()
    with out.open("w", encoding="utf-8") as fh:
        for doc in gold:
            fh.write(json.dumps({"id": doc["id"], "times": dateparser_times(doc)}) + "\n")
    return time.perf_counter() - t0


def measure() -> tuple[dict[str, float], str]:
    gold = benchlib.read_gold(GOLD)
    with tempfile.TemporaryDirectory() as tmp:
        ours, base = Path(tmp) / "sitroom.jsonl", Path(tmp) / "dateparser.jsonl"
        secs = {"sitroom": benchlib.predict(gold, ours), "dateparser": predict_baseline(gold, base)}
        scores = {"sitroom": benchlib.score("times", GOLD, ours), "dateparser": benchlib.score("times", GOLD, base)}
    n = len(gold)
    lines = [
        "## Times: TempEval-3 TBAQ (dev)",
        "",
        f"`score.py times` on `dev/times-tbaq.jsonl` ({n} documents, {scores['sitroom']['n_gold']} gold timexes);"
        " the baseline is dateparser's `search_dates` alone (spans from its matches, day values from its dates,"
        " the publication date as the relative base). HeidelTime, the best system at TempEval-3, reached value F1 0.776.",
        "",
        "| figure | sitroom | dateparser |",
        "|---|---|---|",
    ]
    for label, key in ROWS:
        lines.append(f"| {label} | {scores['sitroom'][key]:.3f} | {scores['dateparser'][key]:.3f} |")
    lines.append(f"| docs/second | {n / secs['sitroom']:.1f} (whole pipeline) | {n / secs['dateparser']:.1f} |")
    figures = {k: float(v) for k, v in scores["sitroom"].items() if isinstance(v, (int, float))}
    return figures, "\n".join(lines)


if __name__ == "__main__":
    benchlib.main("times", measure)
