"""What a mention stands for: the one resolver of pronouns, office words and surnames.

A mention is resolved to a name from the text alone, so that quotes and events keep a
named party even where the actors stage codes nothing: pronouns to the person last in
focus, office words ("the president", "the ministry") to the person or body named earlier
with that office, appositions ("Trump's envoy, Steve Witkoff") to the named person, surnames
to the fullest form of the name in the article. The quotes stage resolves its speakers here
and the events stage the person pronouns among its sources and targets.

It is also where later stages ask about a span after the actors stage has run:
:func:`actor_ref` codes a span through the actors found (else through its own words), and
:func:`linked` ties a resolved name to the actor of that name, adding the mention to it.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sitroom.knowledge import data_text, read_tsv
from sitroom.knowledge.english import (
    OTHER_PRONOUNS,
    PERSON_POSSESSIVES,
    PERSON_PRONOUNS,
    RELATIVE_PRONOUNS,
    THING_PRONOUNS,
    TITLES,
)
from sitroom.record import Actor, ActorRef, Span
from sitroom.stages import ENTS_KEY, text_of
from sitroom.stages.actors.coding import MODIFIER_DEPS, NOUN_POS, ActorIndex, Coding, code_tokens

NAMED = ("PERSON", "ORG", "GPE", "NORP")  # the entity labels a mention may carry its name in
ANTECEDENT_SENTENCES = 4  # sentences searched back for the person "he" or "she" stands for
BODY_LOOKBACK = 60  # tokens before its sentence searched for the organisation "it" stands for


@lru_cache(maxsize=1)
def office_words() -> dict[str, str]:
    """Words naming a speaker by office or function ("president", "ministry") and whether they name
    a person (an office holder) or a body, from ``quotes/speaker_roles.tsv``."""
    return {row["role"]: row["kind"] for row in read_tsv("quotes/speaker_roles.tsv")}


@lru_cache(maxsize=1)
def animate_nouns() -> frozenset[str]:
    """One-word offices, institutions and groups of people: the office words, the actor patterns
    of ``actors/institutions.tsv`` ("president", "ministry", "protester") and ``quotes/speaker_nouns.txt``."""
    patterns = {r["pattern"] for r in read_tsv("actors/institutions.tsv") if r["kind"] in ("role", "body", "group")}
    listed = {w for w in data_text("quotes/speaker_nouns.txt").split("\n") if w and not w.startswith("#")}
    return frozenset(w for w in patterns | set(office_words()) | listed if " " not in w)


def same_line(tok: Token, anchor: Token) -> bool:
    """Whether no line break separates two tokens: headlines and paragraphs bound a mention."""
    lo, hi = sorted((tok.idx, anchor.idx))
    return "\n" not in text_of(tok.doc)[lo:hi]


def in_clause(tok: Token, head: Token) -> bool:
    """Whether ``tok`` sits in a clause hanging from the phrase (relcl, acl): not the name."""
    while tok.i != head.i and tok.head.i != tok.i:
        if tok.dep_ in ("relcl", "acl", "advcl", "ccomp"):
            return True
        tok = tok.head
    return False


def referent_name(head: Token, recent: str | None = None) -> str:
    """The name a mention stands for; its own words when nothing better is known.

    ``recent`` is the last speaker named, whom "he" or "she" may mean.
    """
    name = named_in(head)
    if name:
        return name
    low = head.lower_
    if low in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
        return referent_name(head.head.head, recent)
    if low in PERSON_PRONOUNS | PERSON_POSSESSIVES:
        return _person_antecedent(head, recent) or head.text
    if low == "it":
        return _body_antecedent(head) or head.text
    office = office_word_of(head)
    if office:
        found = _office_holder(head, office)
        if found:
            return found
    return _bare_name(head)


def named_in(head: Token) -> str | None:
    """A named entity the mention is, or carries in apposition (not a possessor's name)."""
    deps = ("appos", "compound") if head.pos_ == "PROPN" else ("appos",)
    candidates = [head] + [c for c in head.children if c.dep_ in deps]
    for kind in NAMED:
        for tok in candidates:
            if tok.ent_type_ == kind:
                ent = entity_of(tok)
                if ent is not None:
                    return full_name(ent) if kind == "PERSON" else _strip_the(ent.text)
    return None


def ents_of(doc: Doc) -> tuple[SpacySpan, ...]:
    """The doc's entities, built once per quotes run: ``Doc.ents`` makes new spans on each
    access. The quotes stage drops them (:func:`forget_ents`) when it is done."""
    if ENTS_KEY not in doc.user_data:
        doc.user_data[ENTS_KEY] = tuple(doc.ents)
    return doc.user_data[ENTS_KEY]


def forget_ents(doc: Doc) -> None:
    """Drop the cached entities, so later stages see (and may change) ``doc.ents`` afresh."""
    doc.user_data.pop(ENTS_KEY, None)


def entity_of(tok: Token) -> SpacySpan | None:
    return next((e for e in ents_of(tok.doc) if e.start <= tok.i < e.end), None)


def full_name(ent: SpacySpan) -> str:
    """The fullest form of a person's name in the article ("Trump" -> "Donald Trump")."""
    words = _clean_person(ent.text).split()
    if not words:
        return ent.text
    best = " ".join(words)
    for other in ents_of(ent.doc):
        if other.label_ != "PERSON":
            continue
        cand = _clean_person(other.text).split()
        if len(cand) > len(best.split()) and cand[-1] == words[-1] and cand[-len(words) :] == words:
            best = " ".join(cand)
    return best


def _clean_person(text: str) -> str:
    text = text.removesuffix("’s").removesuffix("'s")
    return " ".join(w for w in text.split() if w.lower() not in TITLES)


def _strip_the(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def _person_antecedent(head: Token, recent: str | None) -> str | None:
    """The person a pronoun refers to: the nearest sentence's subject person, else the last speaker where "he" or "she" may mean them."""
    doc = head.doc
    sent = head.sent
    for _ in range(ANTECEDENT_SENTENCES):
        persons = [
            e for e in ents_of(doc) if e.label_ == "PERSON" and sent.start <= e.start and e.end <= min(head.i, sent.end)
        ]
        names = [full_name(e) for e in persons]
        if recent and recent in names:
            return recent
        subjects = [full_name(e) for e in persons if e.root.dep_ in ("nsubj", "nsubjpass")]
        if subjects or persons:
            return (subjects or names)[-1]
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
    return recent if recent and _may_be_person(recent) else None


def _may_be_person(name: str) -> bool:
    """Whether "he" or "she" can stand for the last speaker's name: a name (capitalised) or a word
    for people ("the doctor"), never another pronoun ("they", "That") or a thing a misread cue made
    a speaker ("a box labeled ...", "injections intended to calm her")."""
    words = name.split()
    if not words or name.lower() in OTHER_PRONOUNS | THING_PRONOUNS:
        return False
    return words[-1][0].isupper() or words[-1].lower() in animate_nouns()


def _body_antecedent(head: Token) -> str | None:
    prev = [
        e
        for e in ents_of(head.doc)
        if e.label_ == "ORG" and e.end <= head.i and e.start >= head.sent.start - BODY_LOOKBACK
    ]
    return _strip_the(prev[-1].text) if prev else None


def office_word_of(head: Token) -> str | None:
    """The office word a mention names its speaker by ("the Foreign Ministry" -> ministry)."""
    words = [c.lower_ for c in head.children if c.dep_ == "compound" and c.i < head.i] + [head.lemma_.lower()]
    for n in (2, 1):
        key = " ".join(words[-n:])
        if key in office_words():
            return key
    return None


def _office_holder(head: Token, office: str) -> str | None:
    """The person or body named earlier with this office, the nearest before the mention."""
    doc = head.doc
    if office_words()[office] == "body":
        prev = [e for e in ents_of(doc) if e.label_ == "ORG" and e.end <= head.i and office in e.text.lower()]
        return _strip_the(prev[-1].text) if prev else None
    last = office.split()[-1]
    for tok in reversed(doc[: head.i]):
        if tok.lemma_.lower() != last:
            continue
        holder = next(
            (
                t
                for t in [tok.head, *tok.children, doc[min(tok.i + 1, len(doc) - 1)]]
                if t.ent_type_ == "PERSON" and t.i != head.i
            ),
            None,
        )
        if holder is not None:
            ent = entity_of(holder)
            if ent is not None:
                return full_name(ent)
    return None


def _bare_name(head: Token) -> str:
    """The mention's own words: its determiners and modifiers' clauses dropped."""
    toks = [
        t for t in head.subtree if t.i <= head.i and not in_clause(t, head) and t.dep_ != "det" and same_line(t, head)
    ]
    toks = [t for t in toks if not t.is_punct] or [head]
    return " ".join(t.text for t in toks)


def actor_at(doc: Doc, span: Span) -> Actor | None:
    """The actor with a mention overlapping ``span`` (the longest overlap wins)."""
    best, best_len = None, 0
    for actor in doc._.actors or []:
        for s, e in actor.mentions:
            overlap = min(e, span[1]) - max(s, span[0])
            if overlap > best_len:
                best, best_len = actor, overlap
    return best


def actor_named(doc: Doc, name: str) -> Actor | None:
    """The article's actor of this name (case aside), if it has one."""
    return next((a for a in doc._.actors or [] if a.name.lower() == name.lower()), None)


def linked(doc: Doc, ref: ActorRef, name: str) -> ActorRef:
    """A pronoun's or role's reference coded as the article's actor its resolved name stands for.

    The quotes stage resolves "he said" to "Volodymyr Zelensky"; the mention then joins that
    actor's record (one actor, all its mentions), so later stages and queries see it too.
    Without such an actor the reference keeps the resolved name and no codes: never guessed.
    """
    actor = actor_named(doc, name)
    if actor is None:
        return replace(ref, name=name)
    if ref.span not in actor.mentions:
        actor.mentions = sorted([*actor.mentions, ref.span])
    return replace(ref, actor_id=actor.id, name=actor.name, country=actor.country, sector=actor.sector)


def _span_head(doc: Doc, span: Span) -> Token | None:
    """The head word of any span: its syntactic root, or, where the parser made a verb of
    the root ("Hackers linked to ..."), the first noun that modifies nothing else in it."""
    chars = doc.char_span(span[0], span[1], alignment_mode="expand")
    if chars is None or not len(chars):
        return None
    if chars.root.pos_ in NOUN_POS | {"PRON"}:
        return chars.root
    return next((t for t in chars if t.pos_ in NOUN_POS and t.dep_ not in MODIFIER_DEPS), chars.root)


def code_span(doc: Doc, span: Span) -> Coding | None:
    """Code any span of the text the way the stage codes its own mentions."""
    index: ActorIndex | None = doc._.actor_index
    head = _span_head(doc, span)
    chars = doc.char_span(span[0], span[1], alignment_mode="expand")
    if index is None or head is None or chars is None or head.pos_ == "PRON":
        return None  # a pronoun is resolved by the stage that found it, not coded here
    return code_tokens(doc, list(chars), head, index)


def actor_ref(doc: Doc, span: Span) -> ActorRef:
    """The span as an :class:`ActorRef`: the actor mentioned at its head, else its own coding.

    The actor whose mention holds the span's head word wins ("Moscow" in "Moscow had
    launched"), the tightest mention when several do; a wider span fills what that actor leaves open ("Doctors from two
    American aid groups" gets USA from its own words).
    """
    text = text_of(doc)[span[0] : span[1]]
    coding = code_span(doc, span)
    head = _span_head(doc, span)
    at = head.idx if head is not None else span[0]
    holding = [(e - s, a) for a in doc._.actors or [] for s, e in a.mentions if s <= at < e]
    actor = min(holding, key=lambda h: h[0])[1] if holding else None  # the tightest mention: "the rebels" in a
    actor = actor or (actor_at(doc, span) if coding is None else None)  # speaker "the government and the rebels"
    if actor is not None:
        return ActorRef(
            span=span,
            text=text,
            actor_id=actor.id,
            name=actor.name,
            country=actor.country or (coding.country if coding else None),
            sector=actor.sector or (coding.sector if coding else None),
        )
    if coding is None:
        return ActorRef(span=span, text=text)
    return ActorRef(span=span, text=text, name=coding.name or None, country=coding.country, sector=coding.sector)
