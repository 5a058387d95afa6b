"""The store: SQLite by default (``sqlite.py``), its schema (``migrations.py``), its queries (``queries.py``)."""

from sitroom.store.queries import Filters
from sitroom.store.sqlite import Store

__all__ = ["Filters", "Store"]
