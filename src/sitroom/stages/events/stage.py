"""PLOVER events: who did what to whom, when, where, how much, how sure (doc._.events).

Two views meet here. The cue lexicon (:mod:`sitroom.stages.events.triggers`) finds trigger words
in the dependency parse and :mod:`sitroom.stages.events.roles` reads their arguments (source,
target). The sentence classifier of :mod:`sitroom.stages.events.classifier` weighs each reading
against the whole sentence and codes sentences no cue covers.

Everything an event carries comes from its own clause (:mod:`sitroom.stages.events.circumstances`:
its date, place, mode and counts; :mod:`sitroom.stages.events.parties`: its coded source and target);
nothing is stitched from another sentence. Factuality comes from
:mod:`sitroom.stages.events.factuality`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from spacy.util import minibatch

from sitroom.knowledge.english import speech_cues, state_verbs
from sitroom.record import CAMEO_QUAD, PLOVER_QUAD, ActorRef, Event, Mention, Place, Plan, Span
from sitroom.stages import text_of
from sitroom.stages.actors.references import actor_ref
from sitroom.stages.events import classifier, factuality
from sitroom.stages.events.circumstances import (
    clause_tokens,
    day_of,
    event_date,
    is_location,
    mode_of,
    nearest,
    path_up,
    published_date,
)
from sitroom.stages.events.parties import refs
from sitroom.stages.events.roles import POLITICAL_ENTS, named_party_in_scope, retyped, subjects_of, targets_of
from sitroom.stages.events.triggers import (
    EventCandidate,
    context_words,
    cue_weights,
    find_candidates,
    match_trigger,
    participant_nouns,
    word_class,
)
from sitroom.stages.layout import in_furniture

RECIPROCAL = {"CONSULT", "COOPERATE"}  # types whose parties act on each other (CAMEO's reciprocal coding)
# Nouns that name land, whose nationality word places them ("nine Ukrainian regions", "a Syrian town").
TERRITORIES = frozenset(
    {
        "region",
        "city",
        "cities",
        "town",
        "village",
        "province",
        "district",
        "area",
        "territory",
        "territorie",
        "oblast",
        "county",
        "state",
        "country",
        "countrie",
        "capital",
        "border",
        "coast",
    }
)
DATELINE_MARKS = frozenset({",", "(", "—", "–", "-"})  # what follows the place of a dateline
UNCLAIMED = "unidentified attackers"  # the name of the source of an act of force no one is named for
INDEFINITE = frozenset({"a", "an", "another", "any", "some"})  # determiners that introduce a new act
MUTUAL = RECIPROCAL | {"AGREE"}  # a compound subject of these acts with itself: "Kyiv and Moscow agreed"


@dataclass(frozen=True)
class EventsSettings:
    """The event stage's tuned numbers; how the measured ones were chosen (5-fold cross-validation on the
    event sets) is in docs/decisions.md."""

    rule_weight_share: float = 0.5  # within a quad, the cue's share of the say against the type head's
    relative_discount: float = 0.3  # belief lost by an event told in a relative clause
    model_only_weight: float = 0.5  # the rule weight a classifier-only reading stands in with
    model_only_min: float = 0.4  # least classifier probability of its quad for an event no cue covers
    neutral_veto: float = 0.5  # a sentence the classifier finds this surely neutral keeps only its surest cues
    sure_trigger_weight: float = 0.9  # the least cue weight of a "surest cue" that a neutral sentence keeps
    weak_cue: float = 0.5  # a cue weight under which the lexicon's type is a guess the classifier may recode
    sure_without_party: float = 0.9  # a classifier this sure of its quad codes a verb's event with no named party
    prominence_share: float = 0.3  # the part of a cue's weight it keeps only on the main verb, lost with depth
    lede_discount: float = 0.3  # confidence lost by the events of sentences after the first that gave one


DEFAULTS = EventsSettings()


def located(doc: Doc, target: list[ActorRef]) -> tuple[Place | None, str | None]:
    """Where an event with no place in its own clause happened, and how that is known.

    A material act's target that is a place ("drones on nine Ukrainian regions": Ukraine) places it
    there ("target"; a country a talk or a deal is with is a party, not where it happened);
    else the article's dateline ("KYIV, March 3 (Reuters) -") places the article's events ("dateline").
    """
    text = text_of(doc)
    for ref in target:
        head = text[ref.span[0] : ref.span[1]].split()[-1:]
        territory = bool(head) and head[0].lower().rstrip("s") in TERRITORIES
        for p in doc._.places or []:
            if p.lat is None or not (p.span[0] < ref.span[1] and ref.span[0] < p.span[1]):
                continue
            if p.span == ref.span or territory:  # "Kyiv"; "nine Ukrainian regions", not "Russian President Putin"
                return p, "target"
    line = dateline(doc)
    return (line, "dateline") if line else (None, None)


def dateline(doc: Doc) -> Place | None:
    """The place an article's dateline names: a resolved toponym opening the text, followed by a comma,
    a parenthesis or a dash ("KYIV, March 3 (Reuters) -", "Gaza City (AP) —")."""
    text = text_of(doc)
    start = len(text) - len(text.lstrip())
    for p in doc._.places or []:
        if p.span[0] == start and p.lat is not None and text[p.span[1] : p.span[1] + 2].lstrip()[:1] in DATELINE_MARKS:
            return p
    return None


def commitment(doc: Doc, event: Event, pledged: bool = True, conditional: bool = False) -> Event | None:
    """The promise, warning or refusal an announced plan or a denied act makes, dated when it is made.

    PLOVER codes an actor's stated intent by what it commits to: a planned cooperative act
    ("Finland will give Tanzania a grant", "X plans to visit Y") is an offer or promise, AGREE;
    a planned act of material conflict ("the army will impose a curfew") is a warning, THREATEN.
    A cooperative act its actor will not or did not do ("will not accept refugees", "failed to
    reach agreement") is a refusal, REJECT. One act is one event: the commitment replaces the
    planned or negated act, which it keeps as its ``plan`` (type, mode, own date). A plan its
    actor only proposes to others, or the writer expects, commits no one (``pledged`` False).
    An act its actor makes hang on a condition ("would meet the envoy if ...", "may halt the
    talks if ...") is an offer or a threat though its modal makes it hypothetical.
    """
    quad = PLOVER_QUAD[event.type]
    if event.quad_override == 0 or quad == 3:
        return None
    if event.factuality == "negated" and quad in {1, 2} and event.source:
        typ, why = "REJECT", f"refusal: a negated {event.type}"
    elif (
        pledged
        and (event.factuality == "planned" or conditional and event.factuality == "hypothetical")
        and event.type != "AGREE"
    ):
        typ = "THREATEN" if quad == 4 else "AGREE"
        how = "makes conditional" if event.factuality == "hypothetical" else "announces"
        why = f"commitment: {how} a planned {event.type} ({'a warning' if quad == 4 else 'a promise'})"
    else:
        return None
    return replace(
        event,
        type=typ,
        mode=None,
        factuality="happened",
        date=published_date(doc),
        rationale=why,
        quad_override=None,
        plan=Plan(event.type, event.mode, event.date),
    )


def quads_of(typ: str) -> tuple[int, ...]:
    """The quads a type is coded in: PLOVER's, and CAMEO's where it differs (a yield, a cut in relations)."""
    return (PLOVER_QUAD[typ], CAMEO_QUAD[typ]) if typ in CAMEO_QUAD else (PLOVER_QUAD[typ],)


def belief_in(reading: classifier.Reading, cand: EventCandidate, q: int, settings: EventsSettings = DEFAULTS) -> float:
    """The classifier's probability of quad ``q``, times how well the type fits among the types coded in it.

    Within a quad the cue (weighted by prominence) and the type head share the say (``rule_weight_share``).
    """
    same_quad = sum(p for t, p in reading.type.items() if t in PLOVER_QUAD and q in quads_of(t))
    share = reading.type[cand.type] / same_quad if same_quad > 0 else 0.0
    cue_share = settings.rule_weight_share
    return reading.quad[q] * (cue_share * prominent(cand, settings) + (1 - cue_share) * share)


def belief(
    reading: classifier.Reading, cand: EventCandidate, settings: EventsSettings = DEFAULTS
) -> tuple[EventCandidate, float]:
    """The candidate in the quad it is likeliest in, and that belief.

    The quad head learned CAMEO's quads (quad-confli), the type head PLOVER's types: a "called off
    the strike" the quad head reads as material cooperation stays a CONCEDE, in CAMEO's quad 2.
    """
    q = max(quads_of(cand.type), key=lambda k: belief_in(reading, cand, k, settings))
    return replace(cand, quad=None if q == PLOVER_QUAD[cand.type] else q), belief_in(reading, cand, q, settings)


def main_verb(sent: SpacySpan) -> Token:
    """The verb of the sentence's own event: the reported clause's, not a trailing attribution's.

    "Afghan guerillas blew up power lines, the agency reported": the event is "blew up", the
    agency only its news source. A leading speaker ("X said that China must ...") is the actor
    and keeps the event, and so does a speech verb that is a PLOVER cue ("accused", "threatened").
    """
    tok = sent.root
    for _ in range(3):
        reported = [
            c for c in tok.children if c.dep_ in {"ccomp", "parataxis"} and word_class(c) == "VERB" and c.i < tok.i
        ]
        if speech_cues()["VERB"].get(tok.lemma_.lower()) != "speech" or match_trigger(tok) or not reported:
            break
        tok = reported[0]
    return tok


def classifier_types(
    sent: SpacySpan, cands: list[EventCandidate], reading: classifier.Reading, settings: EventsSettings = DEFAULTS
) -> list[EventCandidate]:
    """Types the classifier reads that no cue gives, each as a reading of the word the sentence's event is told by.

    The classifier never raises an event alone: an event needs a word that names the act. Two
    readings may join: the best type of the classifier's quad when no cue is of that quad, and the
    type head's best type when no cue of that type names an event by itself (a "withdrew the bill"
    the lexicon reads as a withdrawal and the head as a concession). They go on the word the
    classifier reads the sentence by (:func:`own_word`); one event per word is kept later, so they
    compete there with that word's own cue by belief.
    """
    own = own_word(sent, cands, settings)
    if own is None:
        return []
    q = reading.best_quad
    proposed = []
    if q != 0 and reading.quad[q] >= settings.model_only_min and not any(q in quads_of(c.type) for c in cands):
        proposed.append(max((t for t in PLOVER_QUAD if q in quads_of(t)), key=reading.type.__getitem__))
    head = max(PLOVER_QUAD, key=reading.type.__getitem__)
    if not any(c.type == head and names_event(c) for c in cands) and head not in proposed:
        proposed.append(head)
    # within its quad a cue word's sense is the lexicon's ("fired at the protesters" stays an assault, however
    # sure the type head is of a protest), unless the lexicon holds the cue weak ("blew up": COERCE or an
    # assault); across quads the classifier, trained on CAMEO's quads, may recode it
    kept = [
        t
        for t in proposed
        if not own.word or own.weight < settings.weak_cue or not set(quads_of(t)) & set(quads_of(own.type))
    ]
    return [
        replace(own, word=None, type=typ, weight=settings.model_only_weight, quad=None, neutral=False)
        for typ in kept
        if typ != own.type
    ]


def own_word(
    sent: SpacySpan, cands: list[EventCandidate], settings: EventsSettings = DEFAULTS
) -> EventCandidate | None:
    """The word the sentence's own event is told by: the main verb's cue; else the main verb itself where it
    names an act and no cue names an event ("holding refugees as human shields in the battle zones"); else
    the most prominent cue."""
    verb = main_verb(sent)
    on_verb = next((c for c in cands if c.trigger == verb), None)
    if on_verb is not None:
        return on_verb
    if acts(verb) and not any(names_event(c) for c in cands):
        return EventCandidate(verb, verb, None, "", settings.model_only_weight)
    return max(cands, key=lambda c: prominent(c, settings), default=None)


def verb_reading(
    sent: SpacySpan, reading: classifier.Reading, settings: EventsSettings = DEFAULTS
) -> list[EventCandidate]:
    """For a sentence with no cue word: the classifier's event on the main verb, where that verb names an act.

    The verb is the trigger the classifier reads ("gunmen sprayed the bus with bullets"); it must be
    a full verb (no copula, auxiliary or verb of state: "the suspects are brothers" names no act),
    and act with a named party as its subject or object, unless the classifier is sure of the event.
    """
    q = reading.best_quad
    verb = main_verb(sent)
    if q == 0 or reading.quad[q] < settings.model_only_min or not acts(verb):
        return []
    args = [*subjects_of(verb), *(c for c in verb.children if c.dep_ in {"dobj", "prep", "dative"})]
    named = any(t.ent_type_ in POLITICAL_ENTS for a in args for t in a.subtree)
    if not named and reading.quad[q] < settings.sure_without_party:
        return []
    typ = max((t for t in PLOVER_QUAD if q in quads_of(t)), key=reading.type.__getitem__)
    return [EventCandidate(verb, verb, None, typ, settings.model_only_weight)]


def acts(verb: Token) -> bool:
    """A full verb that can name an act of its own: not a copula, an auxiliary or a verb of state or mind,
    nor a verb of saying or finding that reports a clause ("revealed that talks had begun", "suggest
    that ..."): the act it tells of is that clause's."""
    lemma = verb.lemma_.lower()
    reports = lemma in speech_cues()["VERB"] and any(c.dep_ == "ccomp" for c in verb.children)
    return verb.pos_ == "VERB" and lemma not in state_verbs() and not reports


def names_event(cand: EventCandidate) -> bool:
    """A cue that is an event of its own: a verb, or a noun a light verb makes one ("launched an attack")."""
    return word_class(cand.trigger) == "VERB" or cand.anchor != cand.trigger


def neutral_candidate(
    sent: SpacySpan, cands: list[EventCandidate], reading: classifier.Reading, settings: EventsSettings = DEFAULTS
) -> EventCandidate | None:
    """A statement or appeal the classifier finds neutral (CAMEO's public statement), coded with quad 0.

    Its word is the surest cue's, else the main verb where that is a verb of speech ("said",
    "told", "announced": the statement is the act); its parties are the main verb's (speaker and
    addressee); its type the cue's, else the type head's. A sentence with neither, or with no
    named party to make the statement, gives none.
    """
    if not any(t.ent_type_ in POLITICAL_ENTS for t in sent):
        return None
    verb = main_verb(sent)
    best = max(cands, key=lambda c: prominent(c, settings), default=None)
    if best is not None:
        return replace(best, anchor=verb, weight=settings.model_only_weight, neutral=True)
    if speech_cues()["VERB"].get(verb.lemma_.lower()) != "speech":
        return None
    typ = max(PLOVER_QUAD, key=reading.type.__getitem__)
    return EventCandidate(verb, verb, None, typ, settings.model_only_weight, neutral=True)


def weigh(
    cands: list[EventCandidate],
    sent: SpacySpan,
    reading: classifier.Reading | None,
    settings: EventsSettings = DEFAULTS,
) -> list[tuple[EventCandidate, float]]:
    """Each candidate with its confidence; the classifier's readings of the same words join the cues'.

    A sentence the classifier finds neutral leads with a quad-0 statement event on its surest cue
    word and keeps only its surest cues.
    """
    if reading is None:
        return [(c, prominent(c, settings)) for c in cands]
    if reading.best_quad == 0:
        neutral = neutral_candidate(sent, cands, reading, settings)
        kept = [
            belief(reading, c, settings)
            for c in cands
            if c.weight >= settings.sure_trigger_weight or reading.quad[0] < settings.neutral_veto
        ]
        return ([(neutral, reading.quad[0])] if neutral else []) + kept
    cands = cands + classifier_types(sent, cands, reading, settings) if cands else verb_reading(sent, reading, settings)
    weighed = [belief(reading, c, settings) for c in cands]
    return [(c, b * (1 - settings.relative_discount * in_relative_clause(c))) for c, b in weighed]


def one_per_word(weighed: list[tuple[EventCandidate, float]]) -> list[tuple[EventCandidate, float]]:
    """The surest reading of each trigger word (the first on ties): one word names one act, of one type."""
    best: dict[int, int] = {}
    for i, (cand, conf) in enumerate(weighed):
        j = best.get(cand.trigger.i)
        if j is None or conf > weighed[j][1]:
            best[cand.trigger.i] = i
    return [weighed[i] for i in sorted(best.values())]


def in_relative_clause(cand: EventCandidate) -> bool:
    """An event told of a participant ("refugees, whom authorities blame"): background to the main one."""
    return any(t.dep_ == "relcl" for t in [cand.anchor, *cand.anchor.ancestors])


def prominent(cand: EventCandidate, settings: EventsSettings = DEFAULTS) -> float:
    """The cue weight, worth more on the main verb than deep in a subordinate phrase."""
    depth = sum(1 for _ in cand.anchor.ancestors)
    share = settings.prominence_share
    return cand.weight * ((1 - share) + share / (1 + depth))


def build_event(doc: Doc, sent: SpacySpan, cand: EventCandidate, confidence: float) -> Event:
    """Code one weighed candidate: actors, mode, context, date, place, counts, factuality."""
    clause = clause_tokens(cand.anchor)
    path = path_up(cand.anchor, through_complements=False)
    places = nearest(doc, [p for p in doc._.places or [] if is_location(doc, p)], path)
    subjects, objects = subjects_of(cand.anchor), targets_of(cand, cand.word.mode if cand.word else None)
    recoded = retyped(cand.type, subjects, objects)
    if recoded:
        cand = replace(cand, type=recoded[0], quad=None)
    mode, mode_why = mode_of(cand, clause, bool(places))
    if recoded:
        mode, mode_why = recoded[1], recoded[2]
    when = event_date(doc, cand)
    fact, fact_why = factuality.judge(cand.trigger, cand.anchor, day_of(when), doc._.published)
    contexts = sorted({context_words()[t.lemma_.lower()] for t in sent if t.lemma_.lower() in context_words()})
    # both sides are parties: "optimism grew", "the remarks suggested" name no one who acts (see docs/decisions.md)
    source, target = refs(doc, subjects, parties_only=True), refs(doc, targets_of(cand, mode), parties_only=True)
    if cand.type in RECIPROCAL and source and target:
        source, target = source + target, target + source  # "X met Y": each met the other
    elif cand.type in MUTUAL and len(source) > 1 and not target:
        target = list(source)  # "Trump and Putin agreed": each agreed with the other
    if not target:  # a party found only in scope is a target, never a reciprocal source
        target = refs(doc, named_party_in_scope(cand, subjects), parties_only=True)
    place, where = (places[0], "clause") if places else located(doc, target if PLOVER_QUAD[cand.type] in (2, 4) else [])
    trig = cand.trigger
    how = (
        f"cue {cand.word.lemma!r} ({cand.word.pos})"
        if cand.word
        else f"sentence classifier's type for the cue word {trig.text!r}"
    )
    if cand.neutral:
        how = "sentence classifier: a neutral statement or appeal (quad 0), parties of the main verb; " + how
    if cand.anchor != trig:
        how += (
            f" as object of {cand.anchor.text!r}"
            if word_class(trig) == "NOUN"
            else f" reported by {cand.anchor.text!r}"
        )
    quad_why = f"quad {cand.quad} as CAMEO codes a {cand.type}" if cand.quad is not None else ""
    why = "; ".join(x for x in (how, mode_why, fact_why, quad_why) if x)
    return Event(
        type=cand.type,
        source=source,
        target=target,
        trigger=(trig.idx, trig.idx + len(trig)),
        evidence=(sent.start_char, sent.end_char),
        mode=mode,
        context=contexts,
        factuality=fact,
        date=when,
        place=place,
        place_source=where,
        quantities=nearest(doc, doc._.quantities or [], path),
        confidence=round(confidence, 4),
        rationale=why,
        quad_override=0 if cand.neutral else cand.quad,
        mentions=[Mention((trig.idx, trig.idx + len(trig)), (sent.start_char, sent.end_char))],
    )


class EventsStage:
    """spaCy component: fills ``doc._.events`` sentence by sentence.

    News puts its event first (the lede); later sentences more often give background,
    earlier incidents or reactions, so their events are held less sure as the article's news
    (``lede_discount``, taken once: more would make a clear event deep in an article read as a
    doubtful one).
    """

    def __init__(self, nlp: Language, use_model: bool = True, settings: EventsSettings = DEFAULTS) -> None:
        self.nlp = nlp
        self.settings = settings
        self.classifier = classifier.shipped_classifier() if use_model else None

    def __call__(self, doc: Doc) -> Doc:
        self.fill([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        """Docs in batches, so the classifier reads many articles' sentences in one go (fuller encoder batches)."""
        for batch in minibatch(docs, size=batch_size):
            self.fill(batch)
            yield from batch

    def fill(self, docs: list[Doc]) -> None:
        """Set ``doc._.events`` on each doc, the sentence classifier run once over all their sentences."""
        sents = [[s for s in doc.sents if any(t.is_alpha for t in s) and not in_furniture(doc, s)] for doc in docs]
        found = [[find_candidates(s) for s in doc_sents] for doc_sents in sents]
        flat = [s for doc_sents in sents for s in doc_sents]
        readings = iter(
            self.classifier.read([s.text for s in flat], [cue_weights(c) for cs in found for c in cs])
            if self.classifier and flat
            else [None] * len(flat)
        )
        for doc, doc_sents, doc_found in zip(docs, sents, found, strict=True):
            doc._.events = self.code(doc, doc_sents, doc_found, [next(readings) for _ in doc_sents])

    def code(
        self,
        doc: Doc,
        sents: list[SpacySpan],
        found: list[list[EventCandidate]],
        readings: list[classifier.Reading | None],
    ) -> list[Event]:
        """The events of one doc from its sentences' candidates and readings: one event per act."""
        events: list[Event] = []
        for sent, cands, reading in zip(sents, found, readings, strict=True):
            later = len({e.evidence for e in events})  # sentences before this one that gave events
            weighed = one_per_word(weigh(cands, sent, reading, self.settings))
            told = {n.i for c, _ in weighed if (n := event_subject(c)) is not None}  # nouns a verb tells of
            top = max(range(len(weighed)), key=lambda i: weighed[i][1], default=None)
            for i, (cand, conf) in enumerate(weighed):
                cand = replace(cand, own=i == top)  # the surest is the sentence's own event (roles.background)
                event = build_event(doc, sent, cand, conf * (1 - self.settings.lede_discount * min(later, 1)))
                noun = event_subject(cand)
                if noun is not None:  # "the attack killed four soldiers": the noun's act, told by what it did
                    at = (noun.idx, noun.idx + len(noun))
                    source = refs(doc, noun_parties(noun), parties_only=True) or unclaimed(doc, noun, event)
                    event = replace(event, source=source, trigger=at, mentions=[Mention(at, event.evidence)])
                    join(events, noun, event)
                elif states_act(cand, sent, event):
                    # the classifier may read a planned act as the commitment itself ("will send aid": AGREE);
                    # it is coded from the word's own cue, so the plan keeps that cue's type
                    pledged, conditional = factuality.pledged(cand.anchor), factuality.conditional(cand.anchor)
                    promise = commitment(doc, event, pledged, conditional)
                    own = next((c for c in cands if c.trigger == cand.trigger), None) if cand.word is None else None
                    if promise is None and own is not None:
                        planned = build_event(doc, sent, replace(own, own=cand.own), event.confidence)
                        promise = commitment(doc, planned, pledged, conditional)
                        promise = promise if promise and promise.type == event.type else None
                    if promise and not named_above(cand, cands, promise.type):
                        event = promise  # the commitment is the act coded now; the plan stays in `plan`
                    events.append(event)
                elif names_act_alone(cand) and cand.trigger.i not in told:
                    join(events, cand.trigger, event)
        return events


def states_act(cand: EventCandidate, sent: SpacySpan, event: Event) -> bool:
    """A trigger whose clause tells the act: it has a subject, acts on something, is a light verb's
    object, or is the sentence's main verb ("gunfire killed three", "seized weapons"; see docs/decisions.md)."""
    return bool(
        subjects_of(cand.anchor)
        or targets_of(cand, event.mode)
        or cand.anchor != cand.trigger
        or cand.trigger in (sent.root, main_verb(sent))
    )


def names_act_alone(cand: EventCandidate) -> bool:
    """A bare noun that names an act ("the attack", "the blast"), not its participants or instruments."""
    return word_class(cand.trigger) == "NOUN" and cand.trigger.lemma_.lower() not in participant_nouns()


def event_subject(cand: EventCandidate) -> Token | None:
    """A subject that is itself a noun naming an act of the event's quad: "the attack killed four soldiers",
    "the explosion shook the city". The clause tells what that act did; an act is no party to itself."""
    for subj in subjects_of(cand.anchor):
        cue = match_trigger(subj)
        if (
            cue is not None
            and word_class(subj) == "NOUN"
            and subj.lemma_.lower() not in participant_nouns()
            and set(quads_of(cue.type)) & set(quads_of(cand.type))
        ):
            return subj
    return None


def noun_parties(noun: Token) -> list[Token]:
    """The parties an event noun names before it as its own actor: "US Predator attacks", "Russia's
    offensive", "a rebel bombing" (the heads of its left modifiers that name a party)."""
    return [
        head
        for left in noun.lefts
        if left.dep_ in {"poss", "compound", "amod", "nmod"}
        for head in [
            next((t for t in left.subtree if t.ent_type_ in POLITICAL_ENTS | {"NORP"} or names_party(t, noun)), None)
        ]
        if head is not None
    ]


def unclaimed(doc: Doc, noun: Token, event: Event) -> list[ActorRef]:
    """The source of an act of force no one is named for ("a roadside bombing near Samarra killed ..."):
    CAMEO's unidentified armed forces (UAF), of the country where it happened when the clause places it."""
    if PLOVER_QUAD[event.type] != 4 or event.type == "PROTEST":
        return []
    country = event.place.country if event.place else None
    return [ActorRef(noun_span(noun), text_of(doc)[slice(*noun_span(noun))], None, UNCLAIMED, country, "UAF")]


def noun_span(noun: Token) -> Span:
    """The event noun with the words before it in its phrase ("a roadside bombing")."""
    start = min([noun, *(t for left in noun.lefts for t in left.subtree)], key=lambda t: t.i)
    return start.idx, noun.idx + len(noun)


def names_party(tok: Token, noun: Token) -> bool:
    """A word the actor tables code on its own ("US", "rebel"), not as part of the event noun's own phrase
    (an actor "roadside bombing" is the act, misread as a party)."""
    ref = actor_ref(tok.doc, (tok.idx, tok.idx + len(tok)))
    return bool(ref.country or ref.sector) and noun.lower_ not in (ref.name or "").lower()


def join(events: list[Event], noun: Token, event: Event) -> None:
    """A bare event noun's event: a mention of the earlier event it refers back to, else an event of its own."""
    earlier = antecedent(events, noun, event)
    if earlier is None:
        events.append(event)
    else:
        earlier.mentions.extend(m for m in event.mentions if m not in earlier.mentions)


def antecedent(events: list[Event], noun: Token, mention: Event) -> Event | None:
    """The latest earlier event of the same type a bare event noun refers back to ("the attack", "the blast").

    A noun with an article or determiner of its own that is indefinite ("an attack", "another
    attack") introduces an act of its own; a definite, demonstrative or possessive one, or a bare
    plural, names one already told.
    """
    if any(c.dep_ == "det" and c.lemma_.lower() in INDEFINITE for c in noun.children):
        return None
    return next((e for e in reversed(events) if e.type == mention.type and e.quad == mention.quad), None)


def named_above(cand: EventCandidate, cands: list[EventCandidate], typ: str) -> bool:
    """A commitment a governing word already names as an event ("threatened to attack", "promised to send aid")."""
    tok = cand.anchor
    for _ in range(3):
        if tok.dep_ not in {"xcomp", "ccomp", "advcl", "conj"} or tok.head == tok:
            return False
        tok = tok.head
        if any(c.anchor == tok and c.type == typ for c in cands):
            return True
    return False


@Language.factory(
    "sitroom_events",
    requires=[
        "doc.sents",
        "doc.ents",
        "doc._.furniture",
        "token.dep",
        "token.pos",
        "token.tag",
        "token.lemma",
        "token.ent_type",
        "token.ent_iob",
        "doc._.published",
        "doc._.timexes",
        "doc._.places",
        "doc._.actors",
        "doc._.actor_index",
        "doc._.quantities",
    ],
    # doc._.actors: a person's pronoun resolved to an actor joins that actor's mentions (actors.stage.linked)
    assigns=["doc._.events", "doc._.actors"],
    default_config={"use_model": True, "settings": asdict(DEFAULTS)},  # nlp.config shows every tuned value
)
def make_events(nlp: Language, name: str, use_model: bool, settings: dict[str, Any]) -> EventsStage:
    return EventsStage(nlp, use_model, EventsSettings(**settings))
