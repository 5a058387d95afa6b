"""sitroom: a sourced, structured record of the news about wars and negotiations.

The public Python API (see docs/python-api.md)::

    import sitroom

    nlp = sitroom.build_nlp(sitroom.Options())
    record = sitroom.extract(nlp, sitroom.Article(id="a1", text="..."))

Importing ``sitroom`` stays light: the names that need spaCy or torch
(:func:`build_nlp`, :func:`extract`, :func:`extract_many`, :func:`records`)
are loaded on first use, so that the CLI's query commands and code that only
reads a store never load the models.

Storing a batch is :func:`sitroom.batch.ingest`: it cannot be ``sitroom.ingest``,
the name of the subpackage that reads inputs (importing that subpackage sets
the attribute, so a function of the same name would be replaced, or replace it).
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("sitroom")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

if TYPE_CHECKING:
    from sitroom.batch import records
    from sitroom.config import Options
    from sitroom.errors import SitroomError
    from sitroom.ingest.sources import iter_articles
    from sitroom.pipeline import build_nlp, extract, extract_many
    from sitroom.record import Actor, ActorRef, Article, Event, EventDate, Place, Quantity, Quote, Record, Timex
    from sitroom.store import Filters, Store

# Public name -> the module that defines it, imported when the name is first used.
_LAZY: dict[str, str] = {
    "build_nlp": "sitroom.pipeline",
    "extract": "sitroom.pipeline",
    "extract_many": "sitroom.pipeline",
    "records": "sitroom.batch",
    "iter_articles": "sitroom.ingest.sources",
    "Options": "sitroom.config",
    "SitroomError": "sitroom.errors",
    "Store": "sitroom.store",
    "Filters": "sitroom.store",
    "Article": "sitroom.record",
    "Record": "sitroom.record",
    "Actor": "sitroom.record",
    "ActorRef": "sitroom.record",
    "Quote": "sitroom.record",
    "Event": "sitroom.record",
    "EventDate": "sitroom.record",
    "Timex": "sitroom.record",
    "Place": "sitroom.record",
    "Quantity": "sitroom.record",
}

__all__ = [
    "Actor",
    "ActorRef",
    "Article",
    "Event",
    "EventDate",
    "Filters",
    "Options",
    "Place",
    "Quantity",
    "Quote",
    "Record",
    "SitroomError",
    "Store",
    "Timex",
    "__version__",
    "build_nlp",
    "extract",
    "extract_many",
    "iter_articles",
    "records",
]


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use (PEP 562) and keep the name here."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'sitroom' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names, loaded or not."""
    return sorted(__all__)
