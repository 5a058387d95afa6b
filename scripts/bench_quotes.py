"""Benchmark of the quotes stage on PolNeAR dev, beside textacy's direct_quotations.

Both systems read the same spaCy docs: the spaCy model runs once, then sitroom's
stages run on each doc and textacy's ``direct_quotations`` runs on the same doc.
Each prediction file is scored with ``shared/eval/score.py quotes``; speed is given
for each quote extractor alone and with the shared spaCy parse included.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

import benchlib

GOLD = benchlib.DEV / "quotes-polnear-dev.jsonl"


def parse(gold: list[dict]):
    """The pipeline, the docs after the spaCy model only, the articles, and the parse time."""
    from sitroom.config import Options
    from sitroom.pipeline import STAGES, build_nlp, make_doc

    options = Options(progress=False)
    nlp = build_nlp(options)
    articles = list(benchlib.articles_of(gold))
    t0 = time.perf_counter()
    with nlp.select_pipes(disable=list(STAGES)):
        docs = list(nlp.pipe((make_doc(nlp, a) for a in articles), batch_size=options.batch_size))
    return nlp, docs, articles, time.perf_counter() - t0


def run_sitroom(nlp, docs, articles, out: Path) -> float:
    """sitroom's stages on each parsed doc; returns the seconds the quotes stage took."""
    from sitroom.pipeline import STAGES, to_record

    spent = 0.0
    with out.open("w", encoding="utf-8") as fh:
        for doc, article in zip(docs, articles, strict=True):
            for name in STAGES:
                t0 = time.perf_counter()
                doc = nlp.get_pipe(name)(doc)
                if name == "sitroom_quotes":
                    spent += time.perf_counter() - t0
            fh.write(json.dumps(to_record(article, doc).to_json()) + "\n")
    return spent


def run_textacy(docs, articles, out: Path, bailed: list[str]) -> float | None:
    """textacy's direct_quotations on the same docs; None when textacy is not installed.

    textacy refuses a document with unbalanced quotation marks (a quote reopened at a
    new paragraph is one); such documents count as giving nothing, listed in ``bailed``."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        return None
    spent = 0.0
    with out.open("w", encoding="utf-8") as fh:
        for doc, article in zip(docs, articles, strict=True):
            t0 = time.perf_counter()
            try:
                triples = list(direct_quotations(doc))
            except ValueError:  # textacy bails out on an odd number of quotation marks
                triples = []
                bailed.append(article.id)
            spent += time.perf_counter() - t0
            quotes = []
            for speaker, cue, content in triples:
                quote = {"content": [[content.start_char, content.end_char]]}
                if speaker:
                    quote["speaker"] = {
                        "name": " ".join(t.text for t in speaker),
                        "span": [speaker[0].idx, speaker[-1].idx + len(speaker[-1].text)],
                    }
                if cue:
                    quote["cue"] = [cue[0].idx, cue[-1].idx + len(cue[-1].text)]
                quotes.append(quote)
            fh.write(json.dumps({"id": article.id, "quotes": quotes}) + "\n")
    return spent


def row(name: str, s: dict, n: int, alone: float, with_parse: float) -> str:
    return (
        f"| {name} | {s['content_p@0.3']:.3f} | {s['content_r@0.3']:.3f} | {s['content_f1@0.3']:.3f} "
        f"| {s['content_f1@0.8']:.3f} | {s['speaker_acc']:.3f} | {s['e2e_f1@0.3']:.3f} "
        f"| {n / alone:.0f} | {n / with_parse:.1f} |"
    )


def measure() -> tuple[dict[str, float], str]:
    gold = benchlib.read_gold(GOLD)
    nlp, docs, articles, parse_s = parse(gold)
    n = len(docs)
    with tempfile.TemporaryDirectory() as tmp:
        ours, theirs = Path(tmp) / "sitroom.jsonl", Path(tmp) / "textacy.jsonl"
        ours_s = run_sitroom(nlp, docs, articles, ours)
        bailed: list[str] = []
        theirs_s = run_textacy(docs, articles, theirs, bailed)
        figures = benchlib.score("quotes", GOLD, ours)
        lines = [
            f"## Quotes: PolNeAR dev ({n} articles, {figures['n_gold']} gold quotes)",
            "",
            "| system | P@0.3 | R@0.3 | content F1@0.3 | F1@0.8 | speaker acc | end-to-end F1@0.3 "
            "| articles/s (extractor) | articles/s (with spaCy parse) |",
            "|---|---|---|---|---|---|---|---|---|",
            row("sitroom", figures, n, ours_s, ours_s + parse_s),
        ]
        if theirs_s is None:
            lines.append("| textacy 0.13 direct_quotations | not installed (`pip install textacy==0.13.0`) |")
        else:
            base = benchlib.score("quotes", GOLD, theirs)
            lines.append(row("textacy 0.13 direct_quotations", base, n, theirs_s, theirs_s + parse_s))
            lines += [
                "",
                f"textacy bailed out (unbalanced quotation marks) on {len(bailed)} of {n} articles; "
                "they count as giving no quotes.",
            ]
    lines += [
        "",
        "Scored with `python3 shared/eval/score.py quotes GOLD PRED`; both systems read the same "
        f"spaCy docs ({nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}). textacy 0.13.0 installs "
        "beside spaCy 3.8 and numpy 2 without downgrading them. PolNeAR annotates every attribution "
        "(direct, indirect, beliefs, headlines), so recall of indirect speech dominates the score.",
    ]
    return figures, "\n".join(lines)


if __name__ == "__main__":
    benchlib.main("quotes", measure)
