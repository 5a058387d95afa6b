"""Train the quotes stage's two rule models: the attribution-cue model (``cue_model.json``)
and the found-quote filter (``filter.json``), both under ``src/sitroom/knowledge/data/models/quotes/``.
The cue encoder has its own script (``train_cue_encoder.py``).

Reads PolNeAR train only (``shared/eval/dev/quotes-polnear-train.jsonl``): every
candidate token of the spaCy parse (see ``sitroom.stages.quotes.cue_model.is_candidate``) is an
example, labelled a cue when it falls inside a gold cue span. A logistic regression
(scikit-learn, the ``train`` extra) is fitted on the first 90% of the articles; the
decision threshold is the one that maximises cue F1 on the last 10%; the model is
then refitted on all of train and written as a JSON table of feature weights
(weights too small to change a decision are dropped).
Then the quote rules run on every train article with that model, and the filter
(``sitroom.stages.quotes.filter``), a logistic regression over features of each quote the cue rules
find, learns which are right (matched to a gold content at overlap 0.3); its threshold is the
one that maximises quote F1 on out-of-fold probabilities (``FOLDS`` folds over train).
Deterministic: fixed article order, lbfgs solvers.

    python scripts/train_quotes.py [--cache FILE.spacy] [--filter-only]

``--cache`` keeps the parsed articles in a DocBin so a second run skips the parse.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import benchlib

TRAIN = benchlib.DEV / "quotes-polnear-train.jsonl"
MODELS = benchlib.ROOT / "src" / "sitroom" / "knowledge" / "data" / "models" / "quotes"
OUT = MODELS / "cue_model.json"
FILTER_OUT = MODELS / "filter.json"
MATCH = 0.3  # a found quote is right where it overlaps a gold content this much (the scorer's threshold)
FILTER_C = 0.3  # inverse L2 strength of the quote filter
FOLDS = 5  # the filter's threshold is chosen on out-of-fold probabilities over all of train
C = 0.3  # inverse L2 strength of the cue model: chosen on the held-out tenth of train
MIN_WEIGHT = 0.1  # weights smaller than this are dropped from the shipped table
HELD_OUT = 0.1  # the share of train (its last articles) the cue model's threshold is chosen on
# The learned alternatives measured against these two models and the rules (a CRF content tagger, a BiLSTM
# extractor, the filter moved after the join with the encoder) were not kept: docs/decisions.md.


def parsed_docs(gold: list[dict], cache: Path | None):
    """The spaCy parse (model only, no sitroom stage) of every train article."""
    from spacy.tokens import DocBin

    from sitroom.config import Options
    from sitroom.pipeline import STAGES, build_nlp, make_doc

    nlp = build_nlp(Options(progress=False))
    if cache is not None and cache.exists():
        return list(DocBin().from_disk(cache).get_docs(nlp.vocab))[: len(gold)]
    with nlp.select_pipes(disable=list(STAGES)):
        docs = list(nlp.pipe((make_doc(nlp, a) for a in benchlib.articles_of(gold)), batch_size=16))
    if cache is not None:
        DocBin(docs=docs).to_disk(cache)
    return docs


def examples(doc, article: dict) -> tuple[list[dict[str, int]], list[int]]:
    """Feature dicts and labels of the article's candidate tokens (a cue: inside a gold cue span)."""
    from sitroom.stages.quotes.cue_model import cue_features, is_candidate

    cues = [(s, e) for q in article["quotes"] for s, e in q.get("cue") or []]
    xs, ys = [], []
    for tok in doc:
        if not is_candidate(tok):
            continue
        xs.append(dict.fromkeys(cue_features(tok), 1))
        ys.append(int(any(s <= tok.idx < e for s, e in cues)))
    return xs, ys


def fit(xs: list[dict[str, int]], ys: list[int], c: float = C):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    clf = LogisticRegression(C=c, solver="lbfgs", max_iter=3000)
    clf.fit(vec.fit_transform(xs), ys)
    return vec, clf


def best_threshold(vec, clf, xs: list[dict[str, int]], ys: list[int]) -> tuple[float, float]:
    """The probability threshold with the highest cue F1 on held-out examples."""
    probs = clf.predict_proba(vec.transform(xs))[:, 1]
    best = (0.0, 0.5)
    for step in range(10, 91, 2):
        t = step / 100
        tp = sum(1 for p, y in zip(probs, ys, strict=True) if p >= t and y)
        fp = sum(1 for p, y in zip(probs, ys, strict=True) if p >= t and not y)
        fn = sum(1 for p, y in zip(probs, ys, strict=True) if p < t and y)
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        best = max(best, (f1, t))
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, help="DocBin of the parsed train articles (made if missing)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--filter-out", type=Path, default=FILTER_OUT)
    ap.add_argument("--filter-only", action="store_true", help="keep the cue model, train the filter")
    ap.add_argument("--limit", type=int, help="train on the first N articles only (a quick check)")
    args = ap.parse_args()
    gold = benchlib.read_gold(TRAIN)[: args.limit]
    docs = parsed_docs(gold, args.cache)
    if not args.filter_only:
        train_cue_model(docs, gold, args.out)
    train_filter(docs, gold, args.filter_out)


def overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> float:
    """Shared characters / characters in the union of two lists of pieces (the scorer's measure)."""
    chars = lambda pieces: {i for s, e in pieces for i in range(s, e)}  # noqa: E731
    ca, cb = chars(a), chars(b)
    return len(ca & cb) / len(ca | cb) if ca | cb else 0.0


def right_quotes(found, article: dict) -> list[int]:
    """1 for each found quote matched to a gold content at ``MATCH`` (one-to-one, best overlap first)."""
    golds = [[tuple(p) for p in q["content"]] for q in article["quotes"]]
    pairs = sorted(
        ((-overlap(g, q.content), gi, pi) for gi, g in enumerate(golds) for pi, q in enumerate(found)), key=lambda x: x
    )
    used_g, used_p = set(), set()
    for neg, gi, pi in pairs:
        if -neg >= MATCH and gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
    return [int(pi in used_p) for pi in range(len(found))]


def filter_examples(docs, gold: list[dict]) -> list[dict]:
    """Per article: the features and labels of the quotes the filter checks, the gold count, and the
    right and total count of the quotes it keeps as found (all are matched together, as the scorer
    does). The stages before the quotes stage run first, as in the pipeline."""
    from sitroom.config import Options
    from sitroom.pipeline import STAGES, build_nlp
    from sitroom.stages.actors import references
    from sitroom.stages.quotes import filter as quote_filter
    from sitroom.stages.quotes import rules as quotes

    nlp = build_nlp(Options(progress=False))
    out = []
    for doc, article in zip(docs, gold, strict=True):
        for name in STAGES[: STAGES.index("sitroom_quotes")]:
            doc = nlp.get_pipe(name)(doc)
        found = quotes.found_quotes(doc)
        right = right_quotes(found, article)
        checked = [quote_filter.is_checked(q) for q in found]
        out.append(
            {
                "xs": [
                    dict.fromkeys(quote_filter.quote_features(doc, q), 1)
                    for q, c in zip(found, checked, strict=True)
                    if c
                ],
                "ys": [y for y, c in zip(right, checked, strict=True) if c],
                "gold": len(article["quotes"]),
                "kept_right": sum(y for y, c in zip(right, checked, strict=True) if not c),
                "kept": checked.count(False),
            }
        )
        references.forget_ents(doc)
    return out


def filter_threshold(probs, rows: list[dict]) -> tuple[float, float]:
    """The probability under which a checked quote is dropped that gives the best quote F1 over the articles."""
    ys = [y for row in rows for y in row["ys"]]
    fixed_tp, fixed_n = sum(row["kept_right"] for row in rows), sum(row["kept"] for row in rows)
    n_gold = sum(row["gold"] for row in rows)
    best = (0.0, 0.0)
    for step in range(0, 81, 2):
        t = step / 100
        tp = fixed_tp + sum(1 for p, y in zip(probs, ys, strict=True) if p >= t and y)
        kept = fixed_n + sum(1 for p in probs if p >= t)
        best = max(best, (2 * tp / (kept + n_gold), t))
    return best


def train_filter(docs, gold: list[dict], out: Path) -> None:
    """Out-of-fold probabilities for every train article (``FOLDS`` folds) pick the filter's threshold;
    the filter is then fitted on all of train and written."""
    import numpy as np

    rows = filter_examples(docs, gold)
    flat = lambda part, key: [v for row in part for v in row[key]]  # noqa: E731
    probs = []
    for k in range(FOLDS):
        fold = [row for n, row in enumerate(rows) if n % FOLDS == k]
        vec, clf = fit(
            flat([row for n, row in enumerate(rows) if n % FOLDS != k], "xs"),
            flat([row for n, row in enumerate(rows) if n % FOLDS != k], "ys"),
            FILTER_C,
        )
        probs.append((fold, clf.predict_proba(vec.transform(flat(fold, "xs")))[:, 1]))
    ordered = [row for fold, _ in probs for row in fold]
    oof = np.concatenate([p for _, p in probs])
    f1, threshold = filter_threshold(oof, ordered)
    unfiltered = filter_threshold(np.ones_like(oof), ordered)[0]
    print(f"filter: out-of-fold quote F1 {unfiltered:.3f} -> {f1:.3f} at threshold {threshold:.2f}", file=sys.stderr)
    vec, clf = fit(flat(rows, "xs"), flat(rows, "ys"), FILTER_C)
    write_weights(out, vec, clf, threshold, f1, "found-quote filter logistic regression")


def write_weights(out: Path, vec, clf, threshold: float, f1: float, about: str) -> None:
    """A logistic regression as a JSON table of its weights (those too small to matter dropped)."""
    weights = {
        name: round(float(w), 3)
        for name, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True)
        if abs(w) >= MIN_WEIGHT
    }
    out.write_text(
        json.dumps(
            {
                "about": f"{about}, scripts/train_quotes.py, PolNeAR train",
                "bias": round(float(clf.intercept_[0]), 4),
                "threshold": threshold,
                "held_out_f1": round(f1, 4),
                "weights": dict(sorted(weights.items())),
            },
            indent=0,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(weights)} weights -> {out}", file=sys.stderr)


def train_cue_model(docs, gold: list[dict], out: Path) -> None:
    """Fit the cue model on 90% of train, pick its threshold on the rest, refit on all, write it."""
    per_doc = [examples(doc, art) for doc, art in zip(docs, gold, strict=True)]
    cut = int(len(per_doc) * (1 - HELD_OUT))
    flat = lambda part, k: [v for pair in part for v in pair[k]]  # noqa: E731
    vec, clf = fit(flat(per_doc[:cut], 0), flat(per_doc[:cut], 1))
    f1, threshold = best_threshold(vec, clf, flat(per_doc[cut:], 0), flat(per_doc[cut:], 1))
    print(f"held-out cue F1 {f1:.3f} at threshold {threshold:.2f}", file=sys.stderr)
    vec, clf = fit(flat(per_doc, 0), flat(per_doc, 1))
    write_weights(out, vec, clf, threshold, f1, "attribution-cue logistic regression")


if __name__ == "__main__":
    main()
