"""Knowledge is data, not code: every table and model sitroom ships, read through one loader.

The files live in ``sitroom/knowledge/data`` in one folder per stage (``times/``,
``places/``, ``actors/``, ``events/``, ``quotes/``, ``quantities/``, ``ingest/``),
``english/`` for word sets of the language itself and ``models/{events,quotes}/`` for
learned weights. Names passed here are paths inside that folder (``"events/triggers.tsv"``),
so a user can find and edit any of them in one place.
"""

from __future__ import annotations

import csv
import json
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from io import StringIO
from pathlib import Path
from typing import Any


def data_file(name: str) -> Traversable:
    """The shipped data file ``name`` (a path inside ``knowledge/data``)."""
    return resources.files("sitroom.knowledge").joinpath("data", *name.split("/"))


def data_path(name: str) -> Path:
    """The file system path of ``name``, for readers that need one (safetensors)."""
    return Path(str(data_file(name)))


def data_text(name: str) -> str:
    """The text of the data file ``name``."""
    return data_file(name).read_text(encoding="utf-8")


def data_bytes(name: str) -> bytes:
    """The bytes of the data file ``name`` (the gzipped gazetteer tables)."""
    return data_file(name).read_bytes()


@cache
def read_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a tab-separated data file with a header; ``#`` lines are comments."""
    lines = [ln for ln in data_text(name).splitlines() if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple({k: (v or "").strip() for k, v in row.items()} for row in reader)


@cache
def read_json(name: str) -> Any:
    """A JSON data file."""
    return json.loads(data_text(name))


@cache
def read_lines(name: str) -> frozenset[str]:
    """The words of a one-word-a-line list; blank lines and ``#`` comments are skipped."""
    return frozenset(ln.strip() for ln in data_text(name).splitlines() if ln.strip() and not ln.startswith("#"))
