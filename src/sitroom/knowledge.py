"""Knowledge is data, not code: tables shipped in ``sitroom/data``.

Every stage reads its lexicons (actors, cue verbs, PLOVER patterns, gazetteer)
through these two functions, so a user can find and edit them in one folder.
"""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from importlib import resources
from io import StringIO
from typing import Any


def data_text(name: str) -> str:
    """The text of the data file ``name`` inside the package."""
    return resources.files("sitroom").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def read_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a tab-separated data file with a header; ``#`` lines are comments."""
    lines = [ln for ln in data_text(name).splitlines() if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple({k: (v or "").strip() for k, v in row.items()} for row in reader)


@lru_cache(maxsize=None)
def read_json(name: str) -> Any:
    """A JSON data file inside the package."""
    return json.loads(data_text(name))
