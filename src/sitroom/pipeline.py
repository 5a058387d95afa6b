"""The orchestrator: one spaCy pipeline, its stages listed in order.

sitroom's layout stage marks line breaks and page furniture, a spaCy model (tokens,
tags, parse, entities) runs next, then sitroom's own components, each registered with ``Language.factory`` in its module and each
leaving its results on ``Doc`` extensions. :func:`extract` turns a processed
``Doc`` into a :class:`~sitroom.record.Record`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import sitroom.stages.actors.stage
import sitroom.stages.events.stage
import sitroom.stages.layout
import sitroom.stages.places.stage
import sitroom.stages.quantities
import sitroom.stages.quotes.stage
import sitroom.stages.times.stage  # noqa: F401  (each registers its factory)
from sitroom.config import Options
from sitroom.errors import E007, error
from sitroom.record import UNDATED, Article, Record

# Runs first, before the model's parser: sentence breaks at line breaks, page furniture marked.
LAYOUT = "sitroom_layout"  # stages/layout.py (doc._.furniture)
# The stages in the order they run after the model; each reads what earlier ones left on the Doc.
STAGES: tuple[str, ...] = (
    "sitroom_times",  # stages/times: temporal expressions -> TIMEX3 (doc._.timexes)
    "sitroom_places",  # stages/places: toponyms -> coordinates (doc._.places)
    "sitroom_actors",  # stages/actors: mentions -> coded actors (doc._.actors)
    "sitroom_quantities",  # stages/quantities.py: counts (doc._.quantities)
    "sitroom_quotes",  # stages/quotes: reported speech (doc._.quotes), rules and encoder
    "sitroom_events",  # stages/events: PLOVER events (doc._.events)
)


def build_nlp(options: Options) -> Language:
    """Load the configured spaCy model and add sitroom's stages after it."""
    try:
        nlp = spacy.load(options.model)
    except OSError as exc:
        raise error(
            E007, options.model, "spaCy pipeline is not installed (pip install it or set SITROOM_MODEL)"
        ) from exc
    nlp.add_pipe(LAYOUT, first=True)
    for name in STAGES:
        config = {}
        if name == "sitroom_actors" and options.actors_file:
            config = {"user_file": str(options.actors_file)}
        nlp.add_pipe(name, config=config)
    return nlp


def make_doc(nlp: Language, article: Article, fallback: date | None = None) -> Doc:
    """A Doc of the article's text with its anchor date set, ready for the stages."""
    doc = nlp.make_doc(article.text)
    doc._.published = article.published or fallback
    doc._.article_id = article.id
    return doc


def to_record(article: Article, doc: Doc) -> Record:
    """Collect what the stages left on the Doc into a Record."""
    return Record(
        article=article,
        actors=list(doc._.actors or []),
        quotes=list(doc._.quotes or []),
        events=list(doc._.events or []),
        times=list(doc._.timexes or []),
        places=list(doc._.places or []),
        quantities=list(doc._.quantities or []),
        warnings=[] if doc._.published else [UNDATED],
    )


def extract(nlp: Language, article: Article, options: Options | None = None) -> Record:
    """Run every stage on one article."""
    fallback = options.published if options else None
    return to_record(article, nlp(make_doc(nlp, article, fallback)))


def extract_many(nlp: Language, articles: Iterable[Article], options: Options) -> Iterator[Record]:
    """Run every stage on a stream of articles, batched through ``nlp.pipe``."""
    pairs = ((make_doc(nlp, a, options.published), a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=options.batch_size):
        yield to_record(article, doc)
