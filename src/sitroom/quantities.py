"""Counts the text gives: drones, regions, dead, injured, arrested.

BASE SKELETON: replaced by the stage's real implementation.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

if not Doc.has_extension("quantities"):
    Doc.set_extension("quantities", default=None)


class QuantitiesStage:
    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        doc._.quantities = []
        return doc


@Language.factory("sitroom_quantities")
def make_quantities(nlp: Language, name: str) -> QuantitiesStage:
    return QuantitiesStage(nlp)
