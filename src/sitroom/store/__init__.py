"""The store: one SQLite file (``sqlite.py``), its schema (``migrations.py``), its queries (``queries.py``),
and the near-duplicate test it applies at ingest (``dedup.py``)."""

from sitroom.store.queries import Filters
from sitroom.store.sqlite import Store

__all__ = ["Filters", "Store"]
