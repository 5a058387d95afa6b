"""PLOVER events with source, target, date, place and factuality.

BASE SKELETON: replaced by the stage's real implementation.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)


class EventsStage:
    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = []
        return doc


@Language.factory("sitroom_events")
def make_events(nlp: Language, name: str) -> EventsStage:
    return EventsStage(nlp)
