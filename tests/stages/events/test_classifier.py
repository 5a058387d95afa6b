"""The event classifier's own training sentences (training/plover_authored.jsonl)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from sitroom.record import PLOVER_QUAD

AUTHORED = Path(__file__).resolve().parents[3] / "training" / "plover_authored.jsonl"


def _rows():
    return [json.loads(line) for line in AUTHORED.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_authored_sentences_cover_every_plover_type_evenly():
    counts = Counter(r["type"] for r in _rows() if "type" in r)
    assert set(counts) == set(PLOVER_QUAD)
    assert min(counts.values()) >= 12


def test_authored_rows_are_typed_or_neutral():
    rows = _rows()
    for r in rows:  # a PLOVER type, or a neutral (CAMEO quad 0) statement with no PLOVER act
        assert ("type" in r) != ("quad" in r), r["id"]
        assert r.get("type") in PLOVER_QUAD or r.get("quad") == 0, r["id"]
    assert sum(1 for r in rows if r.get("quad") == 0) >= 50


def test_authored_sentences_are_distinct_and_marked_as_authored():
    rows = _rows()
    assert len({r["id"] for r in rows}) == len(rows) == len({r["text"] for r in rows})
    assert all(r["id"].startswith("authored-") for r in rows)  # train_events.py never holds them out
