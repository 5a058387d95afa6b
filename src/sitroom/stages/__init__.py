"""The extraction stages, and every ``Doc`` extension and ``user_data`` key they use.

Each stage is a spaCy component registered in its own ``stage.py`` (``sitroom_layout`` in
``layout.py``, before the parser; ``sitroom_times``,
``sitroom_places``, ``sitroom_actors``, ``sitroom_quantities``, ``sitroom_quotes``,
``sitroom_events``); later stages read what earlier ones left on the ``Doc``. Every name a
stage writes is declared here, once, so that one list says what a processed ``Doc`` carries.
"""

from __future__ import annotations

from spacy.tokens import Doc

# Doc extensions: name -> what it holds (all default to None until a stage or the pipeline sets them).
EXTENSIONS: dict[str, str] = {
    "published": "the article's publication date, the anchor of every relative date (set by the pipeline)",
    "article_id": "the article's id, to name it in errors (set by the pipeline)",
    "furniture": "list[(Span, kind)]: page-furniture lines no stage reads (sitroom_layout)",
    "timexes": "list[Timex]: temporal expressions (sitroom_times)",
    "places": "list[Place]: toponyms resolved to coordinates (sitroom_places)",
    "actors": "list[Actor]: the article's parties, coded (sitroom_actors)",
    "actor_index": "ActorIndex: mention spans -> actors, for later stages (sitroom_actors)",
    "quantities": "list[Quantity]: counts (sitroom_quantities)",
    "quotes": "list[Quote]: reported speech (sitroom_quotes)",
    "events": "list[Event]: PLOVER events (sitroom_events)",
}

# doc.user_data keys: caches a stage builds once per doc.
TEXT_KEY = "sitroom.text"  # the doc's text (Doc.text joins every token on each access)
ENTS_KEY = "sitroom.quotes.ents"  # the doc's entities during the quotes stage (Doc.ents builds new spans)
CUE_PROBABILITY_KEY = "sitroom.quotes.cue_probability"  # token index -> the cue model's probability
ENCODER_KEY = "sitroom.quotes.encoder"  # per-character label probabilities of the cue encoder (fp16)
USER_DATA_KEYS: tuple[str, ...] = (TEXT_KEY, ENTS_KEY, CUE_PROBABILITY_KEY, ENCODER_KEY)


def text_of(doc: Doc) -> str:
    """The doc's text, built once per doc: ``Doc.text`` joins every token on each access."""
    if TEXT_KEY not in doc.user_data:
        doc.user_data[TEXT_KEY] = doc.text
    text: str = doc.user_data[TEXT_KEY]
    return text


def declare_extensions() -> None:
    """Register every extension of :data:`EXTENSIONS` on ``Doc`` (idempotent)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


declare_extensions()
