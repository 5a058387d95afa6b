"""PLOVER trigger words: the lexicon, and the candidate events a sentence's words raise.

The trigger lexicon (``events/triggers.tsv``) maps a lemma and word class to a PLOVER
type, mode and weight; a light verb (``events/light_verbs.tsv``) lends its arguments
to its object noun ("Moscow launched 90 drones"). :func:`find_candidates` is shared
by the event stage and the classifier's training (``scripts/train_events.py``), so
both read the same lexical evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from sitroom.knowledge import read_lines, read_tsv

NAME_ENTS = frozenset({"ORG", "FAC", "WORK_OF_ART", "PRODUCT", "PERSON", "NORP", "GPE", "LOC"})


@dataclass(frozen=True)
class TriggerWord:
    """A row of the trigger lexicon: a word that names a PLOVER act, with its type, mode and weight."""

    lemma: str
    pos: str
    type: str
    mode: str | None
    prep: str | None
    weight: float


@lru_cache(maxsize=1)
def trigger_lexicon() -> dict[tuple[str, str], tuple[TriggerWord, ...]]:
    """(lemma, VERB|NOUN) -> the cues of that word."""
    table: dict[tuple[str, str], list[TriggerWord]] = {}
    for r in read_tsv("events/triggers.tsv"):
        cue = TriggerWord(r["lemma"], r["pos"], r["type"], r["mode"] or None, r["prep"] or None, float(r["weight"]))
        table.setdefault((cue.lemma, cue.pos), []).append(cue)
    return {k: tuple(v) for k, v in table.items()}


@lru_cache(maxsize=1)
def participant_nouns() -> frozenset[str]:
    """Trigger nouns that name who or what takes part in an act ("protesters", "drones"), not the act."""
    return read_lines("events/participant_nouns.txt")


@lru_cache(maxsize=1)
def light_verbs() -> frozenset[str]:
    return frozenset(r["lemma"] for r in read_tsv("events/light_verbs.tsv"))


@lru_cache(maxsize=1)
def mode_words() -> dict[str, tuple[str, str]]:
    return {r["lemma"]: (r["type"], r["mode"]) for r in read_tsv("events/modes.tsv")}


@lru_cache(maxsize=1)
def role_types() -> dict[tuple[str, str, str], tuple[str, str | None]]:
    """(role, head lemma, cue type) -> (type, mode): who acts or is acted on recodes the event."""
    return {(r["role"], r["lemma"], r["from"]): (r["to"], r["mode"] or None) for r in read_tsv("events/retyping.tsv")}


@lru_cache(maxsize=1)
def context_words() -> dict[str, str]:
    return {r["lemma"]: r["context"] for r in read_tsv("events/contexts.tsv")}


def word_class(tok: Token) -> str | None:
    if tok.pos_ in {"VERB", "AUX"} or tok.tag_.startswith("VB"):
        return "VERB"
    return "NOUN" if tok.pos_ in {"NOUN", "PROPN"} else None


def match_trigger(tok: Token) -> TriggerWord | None:
    """The best cue of a word, a cue needing a particle ("call for") or modifier ("hunger strike") only with it."""
    pos = word_class(tok)
    options = trigger_lexicon().get((tok.lemma_.lower(), pos), ()) if pos else ()
    preps = particles(tok)
    fitting = [c for c in options if c.prep is None or c.prep in preps]
    return max(fitting, key=lambda c: (c.prep is not None, c.weight), default=None)


TIME_ENTS = frozenset({"DATE", "TIME"})


def particles(tok: Token) -> set[str]:
    """The particles, prepositions and modifiers a cue may need ("call for", "hunger strike").

    A preposition of time is none ("called off the strike on Thursday" is no "call on"); the "for"
    that opens a clause is one ("called for the rebels to disarm", parsed as the clause's mark).
    """
    out = set()
    for c in tok.children:
        if c.dep_ in {"prep", "prt", "agent", "advmod", "compound", "amod"}:
            if not (c.dep_ == "prep" and any(o.ent_type_ in TIME_ENTS for o in c.children if o.dep_ == "pobj")):
                out.add(c.lemma_.lower())
        elif c.dep_ in {"advcl", "ccomp"} and c.i > tok.i:
            out |= {m.lemma_.lower() for m in c.children if m.dep_ == "mark" and m.i < c.i}
    return out


@dataclass
class EventCandidate:
    """A trigger found in a sentence, before it is weighed and coded."""

    trigger: Token
    anchor: Token  # the word whose arguments the event takes (a light verb for its noun)
    word: TriggerWord | None
    type: str
    weight: float
    neutral: bool = False  # a CAMEO-neutral statement or appeal: coded with quad 0
    own: bool = False  # the sentence's own event (its surest): it names its target even from a subordinate clause
    quad: int | None = None  # the quad it was weighed in where that is CAMEO's, not PLOVER's (record.CAMEO_QUAD)


def in_name(tok: Token) -> bool:
    """A capitalised word of a named party or work ("the Swiss Agency for Development and Cooperation",
    "the Movement for Democratic Change") names it, not an event; a named event ("the Geneva talks") is kept."""
    return tok.ent_type_ in NAME_ENTS and (tok.pos_ == "PROPN" or tok.is_title)


def reported_obligation(tok: Token) -> bool:
    """An obligation modal in a reported clause is the reporter's demand ("Paris said Iraq must comply");
    elsewhere ("we must act") it codes nothing of its own."""
    return tok.dep_ == "aux" and tok.head.dep_ in {"ccomp", "acl"} and tok.head.head != tok.head


def argument_anchor(tok: Token) -> Token:
    """A noun trigger takes its arguments from the light verb whose object it is;
    a demand made by a modal, from the word that reports it."""
    if tok.dep_ == "aux":
        return tok.head.head
    if (
        word_class(tok) == "NOUN"
        and tok.dep_ in {"dobj", "nsubjpass", "attr"}
        and tok.head.lemma_.lower() in light_verbs()
    ):
        return tok.head
    return tok


def find_candidates(sent: SpacySpan) -> list[EventCandidate]:
    """Trigger words of a sentence, minus those that only restate another trigger's event."""
    found = {}
    for tok in sent:
        cue = match_trigger(tok)
        if cue is None or in_name(tok) or (tok.dep_ == "aux" and not reported_obligation(tok)):
            continue
        governor = tok.head.head if tok.dep_ == "pobj" else tok.head
        head_cue = match_trigger(governor) if governor != tok else None
        if word_class(tok) == "NOUN" and head_cue and tok.dep_ in {"dobj", "compound", "pobj", "amod", "nsubj"}:
            continue  # "rejected the request", "drone attack": the governing cue codes it
        found[tok.i] = EventCandidate(tok, argument_anchor(tok), cue, cue.type, cue.weight)
    return [c for c in found.values() if not restates(c, found)]


def restates(cand: EventCandidate, found: dict[int, EventCandidate]) -> bool:
    """An event whose words are governed by a same-type event ("spoke ... to discuss")."""
    tok = cand.anchor
    for _ in range(3):
        if tok.dep_ not in {"xcomp", "advcl", "conj", "acl"} or tok.head == tok:
            return False
        tok = tok.head
        other = found.get(tok.i)
        if other is not None and other.type == cand.type:
            return True
    return False


def cue_weights(cands: list[EventCandidate]) -> dict[str, float]:
    """The strongest cue of each type among a sentence's candidates (the classifier's lexical input)."""
    out: dict[str, float] = {}
    for c in cands:
        out[c.type] = max(out.get(c.type, 0.0), c.weight)
    return out
