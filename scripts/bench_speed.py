"""Speed and memory: sitroom's whole pipeline beside the bare spaCy model, on the same texts.

Each stage is timed on its own (the spaCy model's components together, then each
sitroom stage), over ``--repeat`` passes; the figures are medians, and the ratio
to the bare model is what to read, since these machines are shared and noisy.
Peak memory (VmHWM) is measured in a fresh process for each configuration:
the bare model, and the whole pipeline with the event classifier loaded.
The texts are the bundled examples plus, when ``../shared`` is there, the
PolNeAR dev articles (news of typical length).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time

import benchlib

ROOT = benchlib.ROOT
REPEAT = 3


def texts() -> list[str]:
    """The news texts to time: examples/*.txt, and PolNeAR dev when available."""
    out = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    gold = benchlib.DEV / "quotes-polnear-dev.jsonl"
    if gold.exists():
        out += [d["text"] for d in benchlib.read_gold(gold)]
    return out


def stage_seconds(nlp, docs_text: list[str]) -> dict[str, float]:
    """Seconds each stage takes over all texts: the spaCy model's components summed as one."""
    from sitroom.pipeline import STAGES

    spent = {"spaCy model": 0.0} | dict.fromkeys(STAGES, 0.0)
    for text in docs_text:
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            t0 = time.perf_counter()
            doc = proc(doc)
            spent[name if name in STAGES else "spaCy model"] += time.perf_counter() - t0
    return spent


def peak_rss_mb(full: bool, sample: str) -> float:
    """Peak RSS of a fresh process that loads the model (and sitroom's stages) and runs one text.

    Read from /proc's VmHWM, not getrusage: Linux carries ru_maxrss over exec, so a child
    started by a big parent would report the parent's peak.
    """
    code = (
        "import re, sys\n"
        f"sys.path.insert(0, {str(ROOT / 'src')!r})\n"
        "from sitroom.config import Options\n"
        "from sitroom.pipeline import build_nlp\n"
        "import spacy\n"
        f"nlp = build_nlp(Options(progress=False)) if {full} else spacy.load(Options().model)\n"
        "nlp(sys.stdin.read())\n"
        "status = open('/proc/self/status').read()\n"
        "print(int(re.search(r'VmHWM:\\s+(\\d+)', status).group(1)) / 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], input=sample, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def measure() -> tuple[dict[str, float], str]:
    from sitroom.config import Options
    from sitroom.pipeline import build_nlp

    corpus = texts()
    nlp = build_nlp(Options(progress=False))
    nlp(corpus[0])  # warm-up: lazy loads (classifier, gazetteers) are not the steady state
    runs = [stage_seconds(nlp, corpus) for _ in range(REPEAT)]
    median = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    base = median["spaCy model"]
    total = sum(median.values())
    chars = sum(len(t) for t in corpus)
    rows = [f"| {k} | {v:.2f} | {v / base:.2f} | {1000 * v / len(corpus):.0f} |" for k, v in median.items()]
    rows.append(f"| **whole pipeline** | {total:.2f} | {total / base:.2f} | {1000 * total / len(corpus):.0f} |")
    bare_mb, full_mb = peak_rss_mb(False, corpus[0]), peak_rss_mb(True, corpus[0])
    body = "\n".join(
        [
            "## Speed and memory: the whole pipeline beside the bare spaCy model",
            "",
            f"{len(corpus)} articles ({chars / len(corpus):.0f} characters on average: examples/ plus PolNeAR dev "
            f"when present), each stage timed on its own, median of {REPEAT} passes in one run.",
            "",
            "| stage | seconds | × spaCy model | ms / article |",
            "|---|---|---|---|",
            *rows,
            "",
            f"Articles per second: {len(corpus) / total:.1f} (whole pipeline) vs {len(corpus) / base:.1f} (spaCy model alone), "
            f"one process. Peak memory (VmHWM, fresh process): {full_mb:.0f} MB whole pipeline vs {bare_mb:.0f} MB "
            f"spaCy model alone (× {full_mb / bare_mb:.1f}; the difference is mostly torch and the MiniLM encoder).",
        ]
    )
    figures = {"articles_per_s": len(corpus) / total, "peak_rss_mb": full_mb}
    print(json.dumps(figures))
    return figures, body


if __name__ == "__main__":
    if "--gate" in sys.argv:
        sys.exit(0)  # speed is reported, never gated: shared machines are too noisy for a floor
    figures, body = measure()
    benchlib.write_section("speed", body)
    print(body)
