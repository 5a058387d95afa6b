"""Benchmark of the actor stage on the PLOVER gold standard records (dev).

Two measures. (a) Intrinsic: each gold event's source and target text is coded
with :func:`sitroom.stages.actors.references.actor_ref` in the context of its sentence, and
compared with the gold country and sector (a gold null is not counted, as the
scorer does). (b) The scorer's figures for the full pipeline (``score.py
plover``), which also depend on the events stage choosing the right spans and
top event. The shipped event classifier trained on this set, so those figures
are resubstitution; when fold models exist (``build/events-cv``, from
``scripts/train_events.py --cv 5``) the section also reports them
cross-validated, each document's top event chosen by a fold model that never
saw it. ``--gate`` checks only the intrinsic and resubstitution figures (CI has
no fold models) and skips the cross-validated run. ``--verbose`` lists the
intrinsic misses.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

import benchlib
from bench_events import CV_DIR, predict_cv

GOLD = benchlib.DEV / "plover-gsr-dev.jsonl"
LATER = ("sitroom_quantities", "sitroom_quotes", "sitroom_events")


def locate(text: str, phrase: str) -> tuple[int, int] | None:
    """The span of a gold phrase in its sentence ("A ... B" spans from A to B)."""
    pieces = [p.strip() for p in phrase.split("...") if p.strip()]
    start = text.find(pieces[0]) if pieces else -1
    end = text.find(pieces[-1], max(start, 0)) if start >= 0 else -1
    return (start, end + len(pieces[-1])) if end >= 0 else None


def intrinsic(gold: list[dict], nlp, verbose: bool) -> dict[str, float]:
    """Accuracy of coding the gold source/target phrases in their sentences."""
    from sitroom.pipeline import make_doc
    from sitroom.stages.actors.references import actor_ref

    right, total = Counter(), Counter()
    articles = {a.id: a for a in benchlib.articles_of(gold)}
    with nlp.select_pipes(disable=[p for p in LATER if p in nlp.pipe_names]):
        for doc_json in gold:
            doc = nlp(make_doc(nlp, articles[doc_json["id"]]))
            event = doc_json["events"][0]
            for role, fields in (("source", ("country", "sector")), ("target", ("country",))):
                actor = event.get(role)
                span = locate(doc.text, actor["text"]) if actor else None
                if span is None:
                    continue
                ref = actor_ref(doc, span)
                for f in fields:
                    if actor.get(f) is None:
                        continue
                    key = f"{role}_{f}"
                    total[key] += 1
                    ok = (getattr(ref, f) or "").upper() == actor[f].upper()
                    right[key] += ok
                    if verbose and not ok:
                        print(f"MISS {key}: {actor['text']!r} gold={actor[f]} got={getattr(ref, f)} | {doc.text[:110]}")
    return {k: right[k] / total[k] for k in total} | {f"n_{k}": total[k] for k in total}


def scorer_figures(gold: list[dict], nlp, folds: int) -> tuple[dict[str, float], float]:
    """``score.py plover`` on the pipeline's predictions: with the shipped classifier, or cross-validated."""
    stage = nlp.get_pipe("sitroom_events")
    shipped = stage.classifier
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        try:
            seconds = predict_cv(gold, pred, nlp, folds) if folds else benchlib.predict(gold, pred, nlp)
        finally:
            stage.classifier = shipped  # predict_cv leaves the last fold model in the stage
        scored = benchlib.score("plover", GOLD, pred)
    return {k: v for k, v in scored.items() if isinstance(v, (int, float))}, seconds


def measure() -> tuple[dict[str, float], str]:
    from sitroom.config import Options
    from sitroom.pipeline import build_nlp

    gold = benchlib.read_gold(GOLD)
    nlp = build_nlp(Options(progress=False))
    figures = intrinsic(gold, nlp, "--verbose" in sys.argv)
    resub, seconds = scorer_figures(gold, nlp, 0)
    figures |= {f"scorer_{k}": v for k, v in resub.items()}
    meta = CV_DIR / "folds.json"
    folds = 0 if "--gate" in sys.argv or not meta.exists() else json.loads(meta.read_text())["k"]
    if folds:
        figures |= {f"cv_scorer_{k}": v for k, v in scorer_figures(gold, nlp, folds)[0].items()}
    rows = [
        ("source country", "source_country", "source_country_acc"),
        ("source sector", "source_sector", "source_sector_acc"),
        ("target country", "target_country", "target_country_acc"),
    ]
    cv_head, cv_rule = (f" scorer, {folds}-fold cross-validated |", "---|") if folds else ("", "")
    body = [
        "## Actors (PLOVER GSR dev, 161 events)",
        "",
        "Intrinsic: the gold source/target text coded by `actor_ref` in its sentence. "
        "Scorer: `score.py plover` on the full pipeline's top event. With the shipped event classifier,"
        " whose heads were trained on this set among others, the figures are RESUBSTITUTION (these are gated)."
        + (
            f" Cross-validated: each document's top event chosen by the fold model of `train_events.py --cv {folds}`"
            " that never saw it."
            if folds
            else " No fold models (build/events-cv): no cross-validated column."
        ),
        "",
        f"| figure | intrinsic | n | scorer, resubstitution |{cv_head}",
        f"|---|---|---|---|{cv_rule}",
    ]
    for label, key, skey in rows:
        cv_cell = f" {figures.get('cv_scorer_' + skey, 0):.3f} |" if folds else ""
        body.append(
            f"| {label} | {figures.get(key, 0):.3f} | {figures.get('n_' + key, 0)} "
            f"| {figures.get('scorer_' + skey, 0):.3f} |{cv_cell}"
        )
    cv_type = f" ({figures.get('cv_scorer_type_acc', 0):.3f} cross-validated)" if folds else ""
    body.append(
        f"\nScorer type accuracy {figures.get('scorer_type_acc', 0):.3f}{cv_type}, "
        f"{len(gold)} documents in {seconds:.1f} s."
    )
    return figures, "\n".join(body)


if __name__ == "__main__":
    benchlib.main("actors", measure)
