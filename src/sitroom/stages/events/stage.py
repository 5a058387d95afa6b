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

from sitroom.knowledge.english import speech_cues
from sitroom.record import CAMEO_QUAD, PLOVER_QUAD, Event
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
    word_class,
)

RECIPROCAL = {"CONSULT", "COOPERATE"}  # types whose parties act on each other (CAMEO's reciprocal coding)
MUTUAL = RECIPROCAL | {"AGREE"}  # a compound subject of these acts with itself: "Kyiv and Moscow agreed"


@dataclass(frozen=True)
class EventsSettings:
    """The event stage's tuned numbers; how the measured ones were chosen (5-fold cross-validation on the
    event sets) is in docs/decisions.md."""

    rule_weight_share: float = 0.5  # within a quad, the cue's share of the say against the type head's
    relative_discount: float = 0.3  # belief lost by an event told in a relative clause
    model_only_weight: float = 0.5  # the rule weight a classifier-only reading stands in with
    model_only_min: float = 0.4  # least classifier probability of its quad for an event no cue covers
    sure_without_party: float = 0.9  # a classifier this sure of its quad codes an event with no named party
    neutral_veto: float = 0.5  # a sentence the classifier finds this surely neutral keeps only its surest cues
    sure_trigger_weight: float = 0.9  # the least cue weight of a "surest cue" that a neutral sentence keeps
    prominence_share: float = 0.3  # the part of a cue's weight it keeps only on the main verb, lost with depth
    lede_discount: float = 0.3  # confidence lost by the events of sentences after the first that gave one


DEFAULTS = EventsSettings()


def commitment(doc: Doc, event: Event, pledged: bool = True, conditional: bool = False) -> Event | None:
    """The promise, warning or refusal an announced plan or a denied act makes, as its own event, dated when it is made.

    PLOVER codes an actor's stated intent by what it commits to: a planned cooperative act
    ("Finland will give Tanzania a grant", "X plans to visit Y") is an offer or promise, AGREE;
    a planned act of material conflict ("the army will impose a curfew") is a warning, THREATEN.
    A cooperative act its actor will not or did not do ("will not accept refugees", "failed to
    reach agreement") is a refusal, REJECT. The planned or negated event itself stays, with its
    own type and date. A plan its actor only proposes to others, or the writer expects, commits
    no one (``pledged`` False). An act its actor makes hang on a condition ("would meet the envoy
    if ...", "may halt the talks if ...") is an offer or a threat though its modal makes it hypothetical.
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
        event, type=typ, mode=None, factuality="happened", date=published_date(doc), rationale=why, quad_override=None
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


def model_candidates(
    sent: SpacySpan, cands: list[EventCandidate], reading: classifier.Reading, settings: EventsSettings = DEFAULTS
) -> list[EventCandidate]:
    """Events the classifier sees that no cue raises, anchored on the main verb.

    Two readings may join: the best type of the classifier's quad when no cue is of that quad,
    and the type head's own best type when no cue of that type names an event by itself (a
    "conceded" the lexicon reads as a withdrawal, a "defaced" it does not know, "protesters" that
    only name the people of a protest). The heads' belief weighs them against the cues.
    """
    q = reading.best_quad
    if reading.quad[q] < settings.sure_without_party and not any(t.ent_type_ in POLITICAL_ENTS for t in sent):
        return []  # no political event without a named party to act, unless the classifier is sure of one
    proposed = []
    if q != 0 and reading.quad[q] >= settings.model_only_min and not any(q in quads_of(c.type) for c in cands):
        proposed.append(max((t for t in PLOVER_QUAD if q in quads_of(t)), key=reading.type.__getitem__))
    head = max(PLOVER_QUAD, key=reading.type.__getitem__)
    if not any(c.type == head and names_event(c) for c in cands) and head not in proposed:
        proposed.append(head)
    verb = main_verb(sent)
    return [EventCandidate(verb, verb, None, typ, settings.model_only_weight) for typ in proposed]


def names_event(cand: EventCandidate) -> bool:
    """A cue that is an event of its own: a verb, or a noun a light verb makes one ("launched an attack")."""
    return word_class(cand.trigger) == "VERB" or cand.anchor != cand.trigger


def neutral_candidate(
    sent: SpacySpan, cands: list[EventCandidate], reading: classifier.Reading, settings: EventsSettings = DEFAULTS
) -> EventCandidate | None:
    """A statement or appeal the classifier finds neutral, anchored on the main verb (its speaker and addressee).

    Its type is the surest cue's, else the type head's; the event says quad 0.
    """
    if not any(t.ent_type_ in POLITICAL_ENTS for t in sent):
        return None
    best = max(cands, key=lambda c: prominent(c, settings), default=None)
    typ = best.type if best else max(reading.type, key=reading.type.__getitem__)
    verb = main_verb(sent)
    return EventCandidate(verb, verb, best.word if best else None, typ, settings.model_only_weight, neutral=True)


def weigh(
    cands: list[EventCandidate],
    sent: SpacySpan,
    reading: classifier.Reading | None,
    settings: EventsSettings = DEFAULTS,
) -> list[tuple[EventCandidate, float]]:
    """Each candidate with its confidence; the classifier's own readings join the cues'.

    A sentence the classifier finds neutral leads with a quad-0 statement event and keeps only its surest cues.
    """
    if reading is None:
        return [(c, prominent(c, settings)) for c in cands]
    if reading.best_quad == 0:
        neutral = neutral_candidate(sent, cands, reading, settings)
        kept = [
            belief(reading, c, settings)
            for c in cands
            if (c.weight >= settings.sure_trigger_weight or reading.quad[0] < settings.neutral_veto)
            and not (neutral and c.anchor == neutral.anchor)
        ]
        return ([(neutral, reading.quad[0])] if neutral else []) + kept
    cands = cands + model_candidates(sent, cands, reading, settings)
    weighed = [belief(reading, c, settings) for c in cands]
    return [(c, b * (1 - settings.relative_discount * in_relative_clause(c))) for c, b in weighed]


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
    trig = cand.trigger
    how = f"cue {cand.word.lemma!r} ({cand.word.pos})" if cand.word else "sentence classifier (no cue word)"
    if cand.neutral:
        how = "sentence classifier: a neutral statement or appeal (quad 0), main verb; type from " + how
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
        place=places[0] if places else None,
        quantities=nearest(doc, doc._.quantities or [], path),
        confidence=round(confidence, 4),
        rationale=why,
        quad_override=0 if cand.neutral else cand.quad,
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
        sents = [[s for s in doc.sents if any(t.is_alpha for t in s)] for doc in docs]
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
        """The events of one doc from its sentences' candidates and readings."""
        events: list[Event] = []
        for sent, cands, reading in zip(sents, found, readings, strict=True):
            later = len({e.evidence for e in events})  # sentences before this one that gave events
            weighed = weigh(cands, sent, reading, self.settings)
            top = max(range(len(weighed)), key=lambda i: weighed[i][1], default=None)
            for i, (cand, conf) in enumerate(weighed):
                cand = replace(cand, own=i == top)  # the surest is the sentence's own event (roles.background)
                event = build_event(doc, sent, cand, conf * (1 - self.settings.lede_discount * min(later, 1)))
                acts_on = targets_of(cand, event.mode)  # "seized weapons" acts, on no party
                # a bare noun ("the negotiations") names no event of its own; a clause with a subject does,
                # even one that is no party ("gunfire killed three"; see docs/decisions.md)
                if (
                    subjects_of(cand.anchor)
                    or acts_on
                    or cand.anchor != cand.trigger
                    or cand.trigger in (sent.root, main_verb(sent))
                ):
                    # the promise is listed first: on a tie it is the sentence's top event
                    promise = commitment(
                        doc, event, factuality.pledged(cand.anchor), factuality.conditional(cand.anchor)
                    )
                    events.extend([promise, event] if promise else [event])
        return events


@Language.factory(
    "sitroom_events",
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
