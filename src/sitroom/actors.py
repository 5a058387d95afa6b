"""Actor mentions coded to country, sector and person (doc._.actors).

BASE SKELETON: replaced by the stage's real implementation. The contract other
stages rely on: ``doc._.actors`` is a list of :class:`Actor` whose ``mentions``
hold every span that refers to it, and :func:`actor_ref` codes any span.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from sitroom.record import Actor, ActorRef, Span

if not Doc.has_extension("actors"):
    Doc.set_extension("actors", default=None)


def actor_at(doc: Doc, span: Span) -> Actor | None:
    """The actor with a mention overlapping ``span`` (the longest overlap wins)."""
    best, best_len = None, 0
    for actor in doc._.actors or []:
        for s, e in actor.mentions:
            overlap = min(e, span[1]) - max(s, span[0])
            if overlap > best_len:
                best, best_len = actor, overlap
    return best


def actor_ref(doc: Doc, span: Span) -> ActorRef:
    """The span as an :class:`ActorRef`, coded through the actor it mentions."""
    text = doc.text[span[0]:span[1]]
    actor = actor_at(doc, span)
    if actor is None:
        return ActorRef(span=span, text=text)
    return ActorRef(span=span, text=text, actor_id=actor.id, name=actor.name,
                    country=actor.country, sector=actor.sector)


class ActorsStage:
    def __init__(self, nlp: Language, user_file: str | None) -> None:
        self.nlp = nlp
        self.user_file = user_file

    def __call__(self, doc: Doc) -> Doc:
        doc._.actors = []
        return doc


@Language.factory("sitroom_actors", default_config={"user_file": None})
def make_actors(nlp: Language, name: str, user_file: str | None) -> ActorsStage:
    return ActorsStage(nlp, user_file)
