"""Benchmark the event stage (``make bench-events``): quad, spans, PLOVER type, ACLED type.

The classifier is trained on quad-confli-train, plover-gsr-dev and
acled-case21-dev, so figures on those sets are CROSS-VALIDATED: every document
is predicted by the fold model of ``scripts/train_events.py --cv K`` that never
saw it. spans-confli-train shares most sentences with quad-confli-train, so a
spans document is predicted by the fold model that held out its quad twin
(matched by text without spaces). Without fold models (``build/events-cv``)
the figures are resubstitution and the section says so.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import DEV, half_of, main, predict, read_gold, score
from train_events import CV_DIR, fold_of

SETS = (  # (file, task, figure reported, label)
    ("quad-confli-train.jsonl", "quad", "macro_f1", "quad macro-F1"),
    ("spans-confli-train.jsonl", "spans", None, "source/target overlap F1"),
    ("plover-gsr-dev.jsonl", "plover", "type_acc", "PLOVER type accuracy"),
    ("acled-case21-dev.jsonl", "acled", "acc", "ACLED -> PLOVER type accuracy"),
)


def squash(text: str) -> str:
    return "".join(text.split()).replace("ʼ", "'").replace("’", "'").lower()


def fold_ids(gold: list[dict], k: int) -> list[int]:
    """The held-out fold of each document (spans documents: their quad twin's)."""
    twins = {squash(d["text"]): d["id"] for d in read_gold(DEV / "quad-confli-train.jsonl")}
    return [fold_of(twins.get(squash(d["text"]), d["id"]), k) for d in gold]


def predict_cv(gold: list[dict], out: Path, nlp, k: int) -> float:
    """Predict each fold's documents with the model that did not train on them."""
    from sitroom.stages.events.classifier import EventClassifier

    folds, seconds = fold_ids(gold, k), 0.0
    stage = nlp.get_pipe("sitroom_events")
    with out.open("w", encoding="utf-8") as fh:
        for f in range(k):
            stage.classifier = EventClassifier(CV_DIR / f"fold{f}")
            part = out.with_suffix(f".{f}")
            seconds += predict([d for d, g in zip(gold, folds, strict=True) if g == f], part, nlp)
            fh.write(part.read_text(encoding="utf-8"))
    return seconds


def score_half(task: str, gold: list[dict], pred: Path, half: str, folder: Path) -> dict:
    """The scorer's figures on one half of a set: its gold and predictions written apart."""
    ids = {d["id"] for d in gold if half_of(d["id"]) == half}
    g, p = folder / f"{task}-gold-{half}.jsonl", folder / f"{task}-pred-{half}.jsonl"
    g.write_text("".join(json.dumps(d) + "\n" for d in gold if d["id"] in ids), encoding="utf-8")
    rows = [line for line in pred.read_text(encoding="utf-8").splitlines() if json.loads(line)["id"] in ids]
    p.write_text("".join(r + "\n" for r in rows), encoding="utf-8")
    return score(task, g, p)


def figures_of(task: str, res: dict) -> dict[str, float]:
    if task == "spans":
        return {
            "spans_source_f1": res.get("source_overlap_f1") or 0.0,
            "spans_target_f1": res.get("target_overlap_f1") or 0.0,
        }
    keys = {
        "quad": ["macro_f1", "acc"],
        "plover": ["type_acc", "quad_acc", "source_country_acc", "source_sector_acc", "target_country_acc"],
        "acled": ["type_acc"],
    }
    return {f"{task}_{k}": res.get(k) or 0.0 for k in keys[task]}


def measure() -> tuple[dict[str, float], str]:
    from sitroom.config import Options
    from sitroom.pipeline import build_nlp

    nlp = build_nlp(Options(progress=False))
    cv = json.loads((CV_DIR / "folds.json").read_text())["k"] if (CV_DIR / "folds.json").exists() else 0
    only = [a for a in sys.argv[1:] if not a.startswith("--")]
    figures, rows = {}, []
    with tempfile.TemporaryDirectory() as tmp:
        for name, task, _, _label in SETS:
            if only and task not in only:
                continue
            gold = read_gold(DEV / name)
            out = Path(tmp) / f"{task}.jsonl"
            secs = predict_cv(gold, out, nlp, cv) if cv else predict(gold, out, nlp)
            got = figures_of(task, score(task, DEV / name, out))
            figures |= got
            halves = {h: figures_of(task, score_half(task, gold, out, h, Path(tmp))) for h in ("tuning", "checking")}
            for k, v in got.items():
                rows.append(
                    f"| {name} | {k.split('_', 1)[1]} | {v:.3f} | {halves['tuning'][k]:.3f} | "
                    f"{halves['checking'][k]:.3f} | {len(gold)} docs, {secs:.0f} s |"
                )
                print(rows[-1], flush=True)
    how = (
        f"{cv}-fold cross-validated (each document predicted by a fold model that never saw it)"
        if cv
        else "RESUBSTITUTION: the shipped model trained on these sets (run train_events.py --cv 5)"
    )
    body = (
        "## Events (PLOVER)\n\n"
        f"Classifier figures are {how}.\n\n"
        "Each figure is given for the whole set and for its two halves by document (`half_of`: the sha256 "
        "of the id, even -> tuning, odd -> checking); rules and tables are tuned on the tuning half only.\n\n"
        "| gold set | figure (score.py) | all | tuning half | checking half | size, time |\n"
        "|---|---|---|---|---|---|\n" + "\n".join(rows)
    )
    return figures, body


if __name__ == "__main__":
    main("events", measure)
