"""Train the quotes stage's two models: the attribution-cue model (``quotes_cues.json``)
and the content-span tagger (``quotes_tagger.crfsuite``), both under ``src/sitroom/data/models/``.

Reads PolNeAR train only (``shared/eval/dev/quotes-polnear-train.jsonl``): every
candidate token of the spaCy parse (see ``sitroom.attribution.is_candidate``) is an
example, labelled a cue when it falls inside a gold cue span. A logistic regression
(scikit-learn, the ``train`` extra) is fitted on the first 90% of the articles; the
decision threshold is the one that maximises cue F1 on the last 10%; the model is
then refitted on all of train and written as a JSON table of feature weights
(weights too small to change a decision are dropped). The tagger, a linear-chain CRF
(python-crfsuite) over each paragraph's tokens with BIO labels for the gold contents,
cues and sources (a cue or source label wins over the content around it), is then
trained on all of train with the new cue model's scores among its features; L1
regularisation (``CRF_C1``) prunes its features to keep the file small.
Deterministic: fixed article order, lbfgs solvers.

    python scripts/train_quotes.py [--cache FILE.spacy] [--out PATH]

``--cache`` keeps the parsed articles in a DocBin so a second run skips the parse.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import benchlib

TRAIN = benchlib.DEV / "quotes-polnear-train.jsonl"
MODELS = benchlib.ROOT / "src" / "sitroom" / "data" / "models"
OUT = MODELS / "quotes_cues.json"
TAGGER_OUT = MODELS / "quotes_tagger.crfsuite"
CRF_C1 = 2.0  # L1 strength of the tagger: prunes rare features
CRF_C2 = 0.01
CRF_ITERATIONS = 150
C = 0.3  # inverse L2 strength: chosen on the held-out tenth of train
MIN_WEIGHT = 0.1  # weights smaller than this are dropped from the shipped table
HELD_OUT = 0.1


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
    from sitroom.attribution import features, is_candidate

    cues = [(s, e) for q in article["quotes"] for s, e in q.get("cue") or []]
    xs, ys = [], []
    for tok in doc:
        if not is_candidate(tok):
            continue
        xs.append({f: 1 for f in features(tok)})
        ys.append(int(any(s <= tok.idx < e for s, e in cues)))
    return xs, ys


def fit(xs: list[dict[str, int]], ys: list[int]):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    clf = LogisticRegression(C=C, solver="lbfgs", max_iter=3000)
    clf.fit(vec.fit_transform(xs), ys)
    return vec, clf


def best_threshold(vec, clf, xs: list[dict[str, int]], ys: list[int]) -> tuple[float, float]:
    """The probability threshold with the highest cue F1 on held-out examples."""
    probs = clf.predict_proba(vec.transform(xs))[:, 1]
    best = (0.0, 0.5)
    for step in range(10, 91, 2):
        t = step / 100
        tp = sum(1 for p, y in zip(probs, ys) if p >= t and y)
        fp = sum(1 for p, y in zip(probs, ys) if p >= t and not y)
        fn = sum(1 for p, y in zip(probs, ys) if p < t and y)
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        best = max(best, (f1, t))
    return best


def tag_sequences(doc, article: dict) -> list[tuple[list[list[str]], list[str]]]:
    """Each paragraph's token features with BIO labels of the gold contents, cues and sources."""
    from sitroom.quote_tagger import doc_features

    spans = [(kind, n, s, e) for n, q in enumerate(article["quotes"])
             for kind, key in (("CON", "content"), ("SRC", "source"), ("CUE", "cue")) for s, e in q.get(key) or []]
    out = []
    for para, feats in doc_features(doc):
        labels, prev = [], None
        for tok in para:
            hits = [(kind, n, s) for kind, n, s, e in spans if s <= tok.idx < e]
            hit = max(hits, key=lambda h: ("CON", "SRC", "CUE").index(h[0]), default=None)
            labels.append("O" if hit is None else ("I-" if hit == prev else "B-") + hit[0])
            prev = hit
        out.append((feats, labels))
    return out


def train_tagger(docs, gold: list[dict], out: Path) -> None:
    """Fit the CRF on every paragraph of train and write the crfsuite binary."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for doc, article in zip(docs, gold):
        for feats, labels in tag_sequences(doc, article):
            trainer.append(feats, labels)
    trainer.set_params({"c1": CRF_C1, "c2": CRF_C2, "max_iterations": CRF_ITERATIONS,
                        "feature.possible_transitions": True})
    trainer.train(str(out))
    print(f"tagger -> {out} ({out.stat().st_size // 1024} kB)", file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, help="DocBin of the parsed train articles (made if missing)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--tagger-out", type=Path, default=TAGGER_OUT)
    ap.add_argument("--tagger-only", action="store_true", help="keep the cue model, train the tagger only")
    ap.add_argument("--limit", type=int, help="train on the first N articles only (a quick check)")
    args = ap.parse_args()
    gold = benchlib.read_gold(TRAIN)[: args.limit]
    docs = parsed_docs(gold, args.cache)
    if not args.tagger_only:
        train_cue_model(docs, gold, args.out)
    train_tagger(docs, gold, args.tagger_out)


def train_cue_model(docs, gold: list[dict], out: Path) -> None:
    """Fit the cue model on 90% of train, pick its threshold on the rest, refit on all, write it."""
    per_doc = [examples(doc, art) for doc, art in zip(docs, gold)]
    cut = int(len(per_doc) * (1 - HELD_OUT))
    flat = lambda part, k: [v for pair in part for v in pair[k]]  # noqa: E731
    vec, clf = fit(flat(per_doc[:cut], 0), flat(per_doc[:cut], 1))
    f1, threshold = best_threshold(vec, clf, flat(per_doc[cut:], 0), flat(per_doc[cut:], 1))
    print(f"held-out cue F1 {f1:.3f} at threshold {threshold:.2f}", file=sys.stderr)
    vec, clf = fit(flat(per_doc, 0), flat(per_doc, 1))
    weights = {name: round(float(w), 3) for name, w in zip(vec.get_feature_names_out(), clf.coef_[0])
               if abs(w) >= MIN_WEIGHT}
    out.write_text(json.dumps({"about": "attribution-cue logistic regression, scripts/train_quotes.py, "
                                    "PolNeAR train", "bias": round(float(clf.intercept_[0]), 4),
                                    "threshold": threshold, "held_out_f1": round(f1, 4),
                                    "weights": dict(sorted(weights.items()))}, indent=0) + "\n",
                        encoding="utf-8")
    print(f"{len(weights)} weights -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
