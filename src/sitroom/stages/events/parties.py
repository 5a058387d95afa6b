"""An event's argument words as coded parties: the :class:`~sitroom.record.ActorRef` of a source or target.

:mod:`sitroom.stages.events.roles` finds which words are an event's source and target; here
each becomes an actor reference through :func:`sitroom.stages.actors.references.actor_ref`. A
relative pronoun stands for its antecedent, a person's pronoun for the person the text names
(:func:`sitroom.stages.actors.references.referent_name`), a bare collective lends its group's
codes, and an actor the text places nowhere else takes the country where it is or acts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sitroom.knowledge.english import LOCATIVE_PREPS, PERSON_PRONOUNS, RELATIVE_PRONOUNS
from sitroom.record import ActorRef, Span
from sitroom.stages.actors.references import actor_ref, linked, referent_name
from sitroom.stages.events.roles import PARTY_ENTS, argument_words, members_of, np_span, with_conjuncts


def antecedent(tok: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies ("a resolution that would pressure Iran")."""
    if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl" and tok.head.head != tok.head:
        return tok.head.head
    return tok


def place_country(doc: Doc, tok: Token, span: Span) -> str | None:
    """The country of the place a party is or is placed at: "Jericho", "a bombing near Samarra".

    An actor the text does not code otherwise belongs, as CAMEO codes it, to the country where it
    is: a toponym inside its phrase, or one its locative complement ("in", "near") names, or, for a
    subject, where its verb is set ("Prisoners rioted at a jail in Dili").
    """
    where = [span] + [
        np_span(g)
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS
        for g in c.children
        if g.dep_ == "pobj"
    ]
    if tok.dep_ == "nsubj":
        where += [
            (g.left_edge.idx, g.right_edge.idx + len(g.right_edge))
            for c in tok.head.children
            if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS
            for g in c.children
            if g.dep_ == "pobj"
        ]
    for place in doc._.places or []:
        if place.country and any(s <= place.span[0] and place.span[1] <= e for s, e in where):
            return place.country
    return None


def told_part(sent: SpacySpan) -> Span:
    """The characters of what a sentence tells, without a trailing attribution ("..., a spokeswoman
    for the U.S. embassy said"): the reported clause when the root verb follows it."""
    reported = [c for c in sent.root.children if c.dep_ in {"ccomp", "parataxis"} and c.i < sent.root.i]
    part = list(reported[0].subtree) if reported else list(sent)
    return part[0].idx, part[-1].idx + len(part[-1])


def home_country(doc: Doc, tok: Token) -> str | None:
    """The one country a sentence is set in, for a domestic body it leaves unplaced.

    CAMEO codes "the military government", "police" or "striking workers" with the country
    where they act: when every toponym and country the sentence names (its trailing attribution
    aside) is one country ("... declared a state of siege in Haiti"), that is theirs. Only a party
    coded with a sector or named as an organization takes it (a person may speak of a country
    not theirs); a sentence naming two countries lends none.
    """
    start, end = told_part(tok.sent)
    inside = [p.country for p in doc._.places or [] if start <= p.span[0] < end]
    inside += [a.country for a in doc._.actors or [] if a.kind == "country" for s, _ in a.mentions if start <= s < end]
    countries = {c for c in inside if c}
    return countries.pop() if len(countries) == 1 else None


def scene_of(tok: Token) -> Token | None:
    """The place a thing done is set in, when the thing names no party: "a ceasefire in Idlib" -> Idlib.

    Only for a common noun no actor table codes and no built place: "the army in Idlib" and "an
    army base in Kandahar" stay what they are.
    """
    if tok.ent_type_ or tok.pos_ != "NOUN" or tok.lemma_.lower() in argument_words("site"):
        return None
    if actor_ref(tok.doc, np_span(tok)).sector:
        return None
    return next(
        (
            g
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ in {"in", "inside", "across", "throughout"}
            for g in c.children
            if g.dep_ == "pobj" and g.ent_type_ in {"GPE", "LOC"}
        ),
        None,
    )


def beneficiary_of(tok: Token) -> Token | None:
    """The people a place or thing is for, when it codes no party itself: "a camp for Congolese
    refugees" was attacked, so the refugees were; "aid for the displaced" reached the displaced."""
    if tok.ent_type_ or tok.pos_ != "NOUN" or actor_ref(tok.doc, np_span(tok)).sector:
        return None
    return next(
        (
            g
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "for" and c.i > tok.i
            for g in c.children
            if g.dep_ == "pobj" and actor_ref(tok.doc, np_span(g)).sector
        ),
        None,
    )


def refs(doc: Doc, toks: Iterable[Token], parties_only: bool = False) -> list[ActorRef]:
    """The actors of some words; with ``parties_only``, only those that are parties.

    A party is a coded actor, a named one or a person's pronoun ("a travel ban", "condolences" are what
    is done, not to whom).
    """
    out = []
    for tok in with_conjuncts(toks):
        tok = antecedent(tok)
        if parties_only and (where := beneficiary_of(tok) or scene_of(tok)) is not None:
            tok = where  # "agreed to a ceasefire in Afghanistan": the place, not the ceasefire, is acted on
        span = np_span(tok)
        ref = actor_ref(doc, span)
        if ref.actor_id is None and tok.lower_ in PERSON_PRONOUNS:  # "he accused": the person meant
            ref = linked(doc, ref, referent_name(tok))
        if (group := members_of(tok)) is not None:  # the phrase keeps its words, the group lends its codes
            inner = actor_ref(doc, np_span(group))
            ref = replace(
                inner,
                span=ref.span,
                text=ref.text,
                country=inner.country or ref.country,
                sector=inner.sector or ref.sector,
            )
        named = any(t.ent_type_ in PARTY_ENTS for t in doc.char_span(*span, alignment_mode="expand") or [tok])
        person = tok.lower_ in PERSON_PRONOUNS  # "he accused": someone acts, known or not
        if parties_only and not (ref.actor_id or ref.country or ref.sector or named or person):
            continue
        body = ref.sector or (named and tok.ent_type_ != "PERSON")  # a group or institution, not a person abroad
        if ref.country is None and (country := place_country(doc, tok, span) or (body and home_country(doc, tok))):
            ref = replace(ref, country=country)  # a place lends its country, but makes no party of "aid in Borno"
        out.append(ref)
    return out
