"""Toponyms resolved offline to coordinates, country and region.

BASE SKELETON: replaced by the stage's real implementation.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

if not Doc.has_extension("places"):
    Doc.set_extension("places", default=None)


class PlacesStage:
    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        doc._.places = []
        return doc


@Language.factory("sitroom_places")
def make_places(nlp: Language, name: str) -> PlacesStage:
    return PlacesStage(nlp)
