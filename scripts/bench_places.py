"""Benchmark of the places stage on LGL (US and world local news), with a baseline.

sitroom: the full pipeline's ``places`` (toponyms found by ``sitroom.stages.places.stage`` and resolved
with the article's context). Baseline, in the same run and on the same parsed documents:
the spaCy model's bare GPE/LOC entities, each resolved to the most populous gazetteer
entry of that name. Both are scored with ``shared/eval/score.py places``.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

import benchlib

GOLD = benchlib.DEV / "places-lgl.jsonl"
FIGURES = (
    ("span_p", "toponym P"),
    ("span_r", "toponym R"),
    ("span_f1", "toponym F1"),
    ("acc@161km", "accuracy within 161 km"),
    ("median_km", "median error km"),
)


def baseline_places(doc) -> list[dict]:
    """GPE/LOC entities as they are, each read as its most populous gazetteer namesake."""
    from sitroom.stages.places.gazetteer import load

    gazetteer, out = load(), []
    for ent in doc.ents:
        if ent.label_ not in {"GPE", "LOC"}:
            continue
        found = max(gazetteer.lookup(ent.text), key=lambda c: c.entry.population, default=None)
        place = {"span": [ent.start_char, ent.end_char], "name": ent.text}
        if found:
            place |= {"lat": found.entry.lat, "lon": found.entry.lon, "geonameid": found.entry.geonameid}
        out.append(place)
    return out


def run(gold: list[dict], folder: Path) -> tuple[Path, Path, float, float]:
    """Parse every document once; time the spaCy model and sitroom's stages apart."""
    from sitroom.config import Options
    from sitroom.pipeline import build_nlp, make_doc, to_record

    nlp = build_nlp(Options(progress=False))
    stages = [(name, proc) for name, proc in nlp.pipeline if name.startswith("sitroom_")]
    articles = list(benchlib.articles_of(gold))
    model = [name for name, _ in stages]
    t0 = time.perf_counter()
    docs = list(nlp.pipe((make_doc(nlp, a) for a in articles), disable=model))
    parse_s = time.perf_counter() - t0
    ours, base = folder / "sitroom.jsonl", folder / "baseline.jsonl"
    t1 = time.perf_counter()
    with base.open("w", encoding="utf-8") as fh:
        for article, doc in zip(articles, docs, strict=True):
            fh.write(json.dumps({"id": article.id, "places": baseline_places(doc)}) + "\n")
    base_s = parse_s + time.perf_counter() - t1
    t2 = time.perf_counter()
    with ours.open("w", encoding="utf-8") as fh:
        for article, doc in zip(articles, docs, strict=True):
            for _, proc in stages:
                doc = proc(doc)
            fh.write(json.dumps(to_record(article, doc).to_json()) + "\n")
    ours_s = parse_s + time.perf_counter() - t2
    return ours, base, ours_s, base_s


def measure() -> tuple[dict[str, float], str]:
    gold = benchlib.read_gold(GOLD)
    with tempfile.TemporaryDirectory() as tmp:
        ours, base, ours_s, base_s = run(gold, Path(tmp))
        mine, theirs = benchlib.score("places", GOLD, ours), benchlib.score("places", GOLD, base)
    rows = [f"| {label} | {_fmt(mine.get(key))} | {_fmt(theirs.get(key))} |" for key, label in FIGURES]
    rows.append(f"| docs/second | {len(gold) / ours_s:.1f} | {len(gold) / base_s:.1f} |")
    body = "\n".join(
        [
            "## Places: toponyms and geocoding (LGL dev)",
            "",
            f"`python3 shared/eval/score.py places {GOLD.name} PRED` on {len(gold)} documents, "
            f"{mine['n_gold']} gold toponyms. Baseline: bare spaCy GPE/LOC entities, each resolved to the most "
            "populous gazetteer entry of its name. docs/second counts the spaCy model's parse; sitroom's runs "
            "every stage of the pipeline.",
            "",
            "| figure | sitroom | baseline |",
            "|---|---|---|",
            *rows,
        ]
    )
    return {k: float(mine.get(k) or 0.0) for k in ("span_f1", "acc@161km")}, body


def _fmt(value) -> str:
    return "–" if value is None else f"{value:.3f}" if isinstance(value, float) and value <= 1 else f"{value:.0f}"


if __name__ == "__main__":
    benchlib.main("places", measure)
