"""Actor mentions coded to country, sector and person (``doc._.actors``).

Every party the article names becomes one :class:`~sitroom.record.Actor` with all
its mentions merged: "Donald Trump", "Trump" and "the president" (when it is
him) are one actor. Coding follows PLOVER/CAMEO: a country is ISO3 (IGO, NGO,
IMG for non-state bodies), a sector is GOV, MIL, REB, COP, JRN, CVL, ...

Mentions are found three ways: phrases the actor tables name, people the
parser tags, and noun phrases headed by an institution or role word. Each is
coded by :mod:`sitroom.stages.actors.coding`; a bare role ("the president") or a surname alone
then takes the person mentioned before who held that office or bore that name,
and mentions with one merge key become one actor.

Other stages call :func:`actor_ref` to code any span (a speaker, an event's
source or target) through the actor it mentions.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Token

from sitroom.record import Actor, Span
from sitroom.stages import text_of
from sitroom.stages.actors.coding import (
    MODIFIER_DEPS,
    NOUN_POS,
    WORDS,
    ActorIndex,
    Coding,
    code_tokens,
    find_hits,
    head_pattern,
    noun_head,
    of_complement,
    on_head_line,
    titled,
    trim_phrase,
)
from sitroom.stages.actors.tables import gazetteer_for

TITLE_ENTS = {"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "FAC"}  # "Shark Tank" is a show, not tanks


def _left_tokens(t: Token) -> list[Token]:
    """The phrase left of a head: its modifiers and their words ("the Russian Foreign")."""
    return on_head_line([w for c in t.lefts if c.dep_ not in ("punct", "cc", "conj") for w in c.subtree], t)


def _nominal_phrase(t: Token) -> list[Token]:
    """A nominal head's phrase: its left modifiers, itself, and an "of" complement."""
    return _left_tokens(t) + [t] + of_complement(t)


def _is_actor_head(t: Token, index: ActorIndex) -> bool:
    """Whether a noun heads a mention of its own (a person, a named body, an institution)."""
    found = index.hit_at(t.i)
    if found and found[2].known.kind != "country":
        return True
    return t.ent_type_ == "PERSON" or (t.pos_ in NOUN_POS and head_pattern(t.doc, t, index) is not None)


def _locative(t: Token) -> bool:
    return t.dep_ == "pobj" and t.head.lower_ in WORDS["locative"]


def _span_of(tokens: list[Token]) -> Span:
    toks = trim_phrase(tokens)
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def detect(doc: Doc, index: ActorIndex) -> list[tuple[Span, Coding]]:
    """Every actor mention in text order, each coded: table matches, people, institutions."""
    out: list[tuple[int, Span, Coding]] = []
    for start, end, hit in sorted({h[0]: h for h in index.hits.values()}.values(), key=lambda h: h[0]):
        span = doc[start:end]
        root = span.root
        if hit.known.kind == "country":
            if hit.via == "capital" and _locative(root):
                continue
            if root.dep_ in MODIFIER_DEPS | {"conj"} and _is_actor_head(noun_head(root), index):
                continue  # "Russian" in "the Russian Foreign Ministry": coded with its phrase
        tokens = _left_tokens(root) + list(span) if hit.known.kind == "person" else list(span)
        out.append((start, (span.start_char, span.end_char), code_tokens(doc, tokens, root, index)))
    for ent in doc.ents:
        if ent.label_ == "PERSON" and not any(index.hit_at(t.i) for t in ent):
            root = ent.root
            tokens = [t for t in _left_tokens(root) if t.i < ent.start] + list(ent)
            out.append((ent.start, _span_of(list(ent)), code_tokens(doc, tokens, root, index)))
    for t in doc:
        if t.pos_ not in NOUN_POS or t.ent_type_ == "PERSON" or index.hit_at(t.i) or t.dep_ == "compound":
            continue
        if (
            _names_a_person(t, index)
            or t.ent_type_ in TITLE_ENTS
            or head_pattern(doc, t, index) is None
            and titled(t, index) is None
        ):
            continue
        tokens = _nominal_phrase(t)
        out.append((t.i, _span_of(tokens), code_tokens(doc, tokens, t, index)))
    out.sort(key=lambda m: m[0])
    return _resolve_references(doc, [(span, coding) for _, span, coding in out])


def _names_a_person(t: Token, index: ActorIndex) -> bool:
    """A title or apposition of a named person ("the envoy, Steve Witkoff") is not a mention."""

    def person(w: Token) -> bool:
        found = index.hit_at(w.i)
        return w.ent_type_ == "PERSON" or bool(found and found[2].known.kind == "person")

    if t.dep_ in ("appos", "nmod", "compound") and t.tag_ in ("NN", "NNP") and person(t.head):
        return True
    return any(c.dep_ == "appos" and person(c) for c in t.children)


def _resolve_references(doc: Doc, mentions: list[tuple[Span, Coding]]) -> list[tuple[Span, Coding]]:
    """Short references to people mentioned before take their coding.

    A bare role ("the president") is the last person mentioned who held it; a surname
    alone ("Clinton") is the last person mentioned in full with that surname, so that
    "Hillary Clinton ... Clinton" stays her, whatever the tables know of other Clintons.
    """
    out: list[tuple[Span, Coding]] = []
    text = text_of(doc)
    for span, coding in mentions:
        surface = text[span[0] : span[1]]
        for prev_span, prev in reversed(out):
            if coding.kind != "person" or prev.kind != "person" or prev.key == coding.key:
                continue
            prev_surface = text[prev_span[0] : prev_span[1]].split()
            by_role = (
                coding.rule.startswith("institution:")
                and coding.role
                and prev.role == coding.role
                and coding.country in (None, prev.country)
            )
            by_surname = " " not in surface and len(prev_surface) > 1 and prev_surface[-1] == surface
            if by_role or by_surname:
                coding = Coding(
                    prev.name,
                    "person",
                    prev.country,
                    prev.sector,
                    prev.key,
                    prev.role,
                    rule="role+antecedent" if by_role else "surname+antecedent",
                    confidence=0.7,
                )
                break
        out.append((span, coding))
    return out


def merge(mentions: list[tuple[Span, Coding]]) -> list[Actor]:
    """One actor per merge key, its mentions in text order."""
    actors: dict[str, Actor] = {}
    for span, coding in mentions:
        actor = actors.get(coding.key)
        if actor is None:
            actor = actors[coding.key] = Actor(
                id=_slug(coding.key, actors),
                name=coding.name,
                kind=coding.kind,
                country=coding.country,
                sector=coding.sector,
                role=coding.role,
                confidence=coding.confidence,
                rule=coding.rule,
            )
        elif coding.rule == "office-holders" and actor.rule != "office-holders":
            actor.name, actor.rule = coding.name, coding.rule
        actor.mentions.append(span)
        actor.confidence = max(actor.confidence, coding.confidence)
    return list(actors.values())


def _slug(key: str, taken: dict[str, Actor]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-") or "actor"
    ids = {a.id for a in taken.values()}
    slug, n = base, 2
    while slug in ids:
        slug, n = f"{base}-{n}", n + 1
    return slug


class ActorsStage:
    """The spaCy component: finds, codes and merges the actors of a Doc."""

    def __init__(self, nlp: Language, user_file: str | None = None) -> None:
        self.user_file = user_file
        self.gazetteer = gazetteer_for(user_file)
        self.matcher = self.gazetteer.matcher(nlp.make_doc)

    def __call__(self, doc: Doc) -> Doc:
        index = ActorIndex(self.gazetteer, find_hits(doc, self.gazetteer, self.matcher))
        doc._.actor_index = index
        doc._.actors = merge(detect(doc, index))
        return doc


@Language.factory(
    "sitroom_actors",
    requires=[
        "doc.sents",
        "doc.ents",
        "token.dep",
        "token.pos",
        "token.tag",
        "token.lemma",
        "token.ent_type",
        "token.ent_iob",
        "doc._.published",
        "doc._.places",
    ],
    assigns=["doc._.actors", "doc._.actor_index"],
    default_config={"user_file": None},  # a table of the user's own actors (tables.read_user_file)
)
def make_actors(nlp: Language, name: str, user_file: str | None) -> ActorsStage:
    return ActorsStage(nlp, user_file)
