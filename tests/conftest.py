"""Shared fixtures: one loaded pipeline per test session (loading costs seconds)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitroom.config import Options
from sitroom.pipeline import build_nlp, extract
from sitroom.record import Article, Record

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="session")
def nlp():
    return build_nlp(Options())


@pytest.fixture(scope="session")
def seed(nlp) -> Record:
    """The article sitroom started from, extracted once."""
    meta = json.loads((EXAMPLES / "ceasefire-talks.json").read_text())
    text = (EXAMPLES / "ceasefire-talks.txt").read_text(encoding="utf-8")
    article = Article(id=meta["id"], text=text, published=date.fromisoformat(meta["published"]))
    return extract(nlp, article)


@pytest.fixture
def run(nlp):
    """Extract a short text written for a test, published 2025-03-17 unless told."""

    def _run(text: str, published: date | None = date(2025, 3, 17)) -> Record:
        return extract(nlp, Article(id="t", text=text, published=published))

    return _run
