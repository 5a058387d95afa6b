"""Temporal expressions normalized to TIMEX3 against ``doc._.published``.

BASE SKELETON: replaced by the stage's real implementation.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

if not Doc.has_extension("timexes"):
    Doc.set_extension("timexes", default=None)


class TimesStage:
    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        doc._.timexes = []
        return doc


@Language.factory("sitroom_times")
def make_times(nlp: Language, name: str) -> TimesStage:
    return TimesStage(nlp)
