"""Shared fixtures: one loaded pipeline per test session (loading costs seconds).

Every test that asks for the pipeline is marked ``slow``: ``pytest -m "not slow"`` runs the rest in seconds.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from localweb import LocalWeb
from sitroom.record import Article, Record

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# Fixtures that load the spaCy model and torch: a test asking for one (directly or through another) is slow.
PIPELINE_FIXTURES = {"nlp", "seed", "run", "parse"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if PIPELINE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def nlp():
    # imported here, not at the top: conftest itself loads no spaCy model or torch
    from sitroom.config import Options
    from sitroom.pipeline import build_nlp

    return build_nlp(Options())


@pytest.fixture(scope="session")
def seed(nlp) -> Record:
    """The article sitroom started from, extracted once."""
    from sitroom.pipeline import extract

    meta = json.loads((EXAMPLES / "ceasefire-talks.json").read_text())
    text = (EXAMPLES / "ceasefire-talks.txt").read_text(encoding="utf-8")
    article = Article(id=meta["id"], text=text, published=date.fromisoformat(meta["published"]))
    return extract(nlp, article)


@pytest.fixture
def run(nlp):
    """Extract a short text written for a test, published 2025-03-17 unless told."""
    from sitroom.pipeline import extract

    def _run(text: str, published: date | None = date(2025, 3, 17)) -> Record:
        return extract(nlp, Article(id="t", text=text, published=published))

    return _run


@pytest.fixture
def web() -> Iterator[LocalWeb]:
    """A web server on 127.0.0.1 for this test (routes in tests/localweb.py): no internet needed."""
    server = LocalWeb()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()
