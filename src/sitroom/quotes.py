"""Reported speech: direct, indirect and mixed quotes with speakers.

BASE SKELETON: replaced by the stage's real implementation.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


class QuotesStage:
    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = []
        return doc


@Language.factory("sitroom_quotes")
def make_quotes(nlp: Language, name: str) -> QuotesStage:
    return QuotesStage(nlp)
