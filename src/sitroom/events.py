"""PLOVER events: who did what to whom, when, where, how much, how sure (doc._.events).

Two views meet here. The cue lexicon (``data/plover_cues.tsv``) finds trigger
words in the dependency parse and reads their arguments: the subject is the
source, the object or the partner of "with"/"on"/"against" the target, and a
light verb lends its arguments to its object noun ("Moscow launched 90
drones"). The sentence classifier of :mod:`sitroom.eventclf` weighs each
reading against the whole sentence and codes sentences no cue covers.

Everything an event carries comes from its own clause: the date is the timex
attached on the trigger's path up the parse (the publication date, marked
``source="published"``, when there is none), the place and the counts likewise;
nothing is stitched from another sentence. Factuality comes from
:mod:`sitroom.factuality`, actors from :func:`sitroom.actors.actor_ref`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span as SpacySpan, Token

from sitroom import eventclf, factuality
from sitroom.actors import actor_ref
from sitroom.quotes import lexicon as speech_lexicon
from sitroom.knowledge import read_tsv
from sitroom.record import PLOVER_QUAD, ActorRef, Event, EventDate, Place, Span

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
TARGET_PREPS = {"with", "between", "on", "against", "to", "at", "into", "upon", "toward", "towards", "from", "of"}
# Links through which an event's words inherit a subject from the clause above ("plans to speak").
CONTROL_DEPS = {"xcomp", "acl", "advcl", "conj", "dobj", "pobj", "prep", "relcl", "attr"}
LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "across", "around", "over", "throughout", "within"}
RECIPROCAL = {"CONSULT", "COOPERATE"}  # types whose parties act on each other (CAMEO's reciprocal coding)
POLITICAL_ENTS = {"PERSON", "NORP", "GPE", "ORG"}
PARTY_ENTS = POLITICAL_ENTS | {"LOC", "FAC"}  # a place can be a target ("shelled the Gaza Strip")
NOT_ACTORS = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
NP_DROP = {"relcl", "acl", "appos", "punct", "cc", "conj", "prep", "advcl", "parataxis"}
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "xcomp", "conj", "parataxis", "csubj", "acl"}
# CONSULT verbs whose object is the partner met, not the topic talked about.
PARTNER_MODES = {"visit", "phone", "third-party"}
RULE_WEIGHT_SHARE = 0.3  # within a quad: the cue vs the type head (5-fold CV, 0.5 -> 0.3: ACLED 0.815 -> 0.823)
MODEL_ONLY_WEIGHT = 0.5  # the rule weight a classifier-only reading stands in with
MODEL_ONLY_MIN = 0.4     # least classifier probability for an event no cue covers
NEUTRAL_VETO = 0.5       # a sentence the classifier finds this surely neutral keeps only its surest cues


@dataclass(frozen=True)
class Cue:
    lemma: str
    pos: str
    type: str
    mode: str | None
    prep: str | None
    weight: float


@lru_cache(maxsize=1)
def cues() -> dict[tuple[str, str], tuple[Cue, ...]]:
    """(lemma, VERB|NOUN) -> the cues of that word."""
    table: dict[tuple[str, str], list[Cue]] = {}
    for r in read_tsv("plover_cues.tsv"):
        cue = Cue(r["lemma"], r["pos"], r["type"], r["mode"] or None, r["prep"] or None, float(r["weight"]))
        table.setdefault((cue.lemma, cue.pos), []).append(cue)
    return {k: tuple(v) for k, v in table.items()}


@lru_cache(maxsize=1)
def light_verbs() -> frozenset[str]:
    return frozenset(r["lemma"] for r in read_tsv("plover_light.tsv"))


@lru_cache(maxsize=1)
def mode_words() -> dict[str, tuple[str, str]]:
    return {r["lemma"]: (r["type"], r["mode"]) for r in read_tsv("plover_modes.tsv")}


@lru_cache(maxsize=1)
def role_types() -> dict[tuple[str, str, str], tuple[str, str | None]]:
    """(role, head lemma, cue type) -> (type, mode): who acts or is acted on recodes the event."""
    return {(r["role"], r["lemma"], r["from"]): (r["to"], r["mode"] or None) for r in read_tsv("plover_roles.tsv")}


def retyped(typ: str, sources: list[Token], targets: list[Token]) -> tuple[str, str | None, str] | None:
    """The type (mode, reason) a source or target noun imposes: "protesters clashed" is a violent PROTEST."""
    for role, toks in (("source", sources), ("target", targets)):
        for tok in with_conjuncts(toks):
            hit = role_types().get((role, tok.lemma_.lower(), typ))
            if hit:
                return hit[0], hit[1], f"{role} {tok.text!r} makes {typ} a {hit[0]}"
    return None


@lru_cache(maxsize=1)
def context_words() -> dict[str, str]:
    return {r["lemma"]: r["context"] for r in read_tsv("plover_contexts.tsv")}


def word_class(tok: Token) -> str | None:
    if tok.pos_ in {"VERB", "AUX"} or tok.tag_.startswith("VB"):
        return "VERB"
    return "NOUN" if tok.pos_ in {"NOUN", "PROPN"} else None


def match_cue(tok: Token) -> Cue | None:
    """The best cue of a word, a cue needing a particle ("call for") or modifier ("hunger strike") only with it."""
    pos = word_class(tok)
    options = cues().get((tok.lemma_.lower(), pos), ()) if pos else ()
    preps = {c.lemma_.lower() for c in tok.children if c.dep_ in {"prep", "prt", "agent", "advmod", "compound", "amod"}}
    fitting = [c for c in options if c.prep is None or c.prep in preps]
    return max(fitting, key=lambda c: (c.prep is not None, c.weight), default=None)


@dataclass
class Candidate:
    """A trigger found in a sentence, before it is weighed and coded."""

    trigger: Token
    anchor: Token  # the word whose arguments the event takes (a light verb for its noun)
    cue: Cue | None
    type: str
    weight: float
    neutral: bool = False  # a CAMEO-neutral statement or appeal: coded with quad 0


def anchor_of(tok: Token) -> Token:
    """A noun trigger takes its arguments from the light verb whose object it is."""
    if word_class(tok) == "NOUN" and tok.dep_ in {"dobj", "nsubjpass", "attr"} and tok.head.lemma_.lower() in light_verbs():
        return tok.head
    return tok


def find_candidates(sent: SpacySpan) -> list[Candidate]:
    """Cue words of a sentence, minus those that only restate another cue's event."""
    found = {}
    for tok in sent:
        cue = match_cue(tok)
        if cue is None:
            continue
        governor = tok.head.head if tok.dep_ == "pobj" else tok.head
        head_cue = match_cue(governor) if governor != tok else None
        if word_class(tok) == "NOUN" and head_cue and tok.dep_ in {"dobj", "compound", "pobj", "amod", "nsubj"}:
            continue  # "rejected the request", "drone attack": the governing cue codes it
        found[tok.i] = Candidate(tok, anchor_of(tok), cue, cue.type, cue.weight)
    return [c for c in found.values() if not restates(c, found)]


def restates(cand: Candidate, found: dict[int, Candidate]) -> bool:
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


def cue_weights(cands: list[Candidate]) -> dict[str, float]:
    """The strongest cue of each type among a sentence's candidates (the classifier's lexical input)."""
    out: dict[str, float] = {}
    for c in cands:
        out[c.type] = max(out.get(c.type, 0.0), c.weight)
    return out


PRONOUNS = {"it", "its", "they", "their", "them", "he", "his", "she", "her", "we", "our"}


def resolved(tok: Token) -> Token:
    """A pronoun stands for the subject of the clause that governs its own ("Syria says it will withdraw")."""
    if tok.lower_ not in PRONOUNS:
        return tok
    for verb in tok.ancestors:
        named = [c for c in verb.children if c.dep_ == "nsubj" and c.i < tok.i and c.lower_ not in PRONOUNS and c != tok]
        if named:
            return named[0]
    return tok


def subject_of(tok: Token) -> list[Token]:
    """The subject of a word, inherited through control links when it has none; a pronoun resolved."""
    return [resolved(t) for t in own_subject(tok)]


def own_subject(tok: Token) -> list[Token]:
    """The subject of a word as the parse gives it, inherited through control links when it has none."""
    for _ in range(5):
        subj = [c for c in tok.children if c.dep_ in {"nsubj", "csubj"}]
        agent = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if agent or subj:
            return agent or subj
        poss = [c for c in tok.children if c.dep_ in {"poss"} or (c.dep_ in {"amod", "compound"} and c.ent_type_ in {"NORP", "GPE", "ORG"})]
        if word_class(tok) == "NOUN" and poss:
            return poss[:1]
        if tok.dep_ not in CONTROL_DEPS or tok.head == tok:
            return []
        controller = [c for c in tok.head.children if c.dep_ == "dobj" and c != tok]
        if tok.dep_ == "xcomp" and controller:
            return controller[:1]  # object control: "urged Putin to stop"
        tok = tok.head
    return []


def targets_of(cand: Candidate, mode: str | None) -> list[Token]:
    """The party acted on: the object, the passive subject, or the partner of a preposition."""
    found = []
    topic_object = cand.type == "CONSULT" and mode not in PARTNER_MODES
    for word in {cand.anchor, cand.trigger}:
        for child in word.children:
            if child == cand.trigger:
                continue
            if child.dep_ in {"dobj", "nsubjpass", "dative"} and not topic_object:
                found.append(child)
            elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
                if child.lower_ == "of" and word_class(word) != "NOUN":
                    continue
                found.extend(g for g in child.children if g.dep_ == "pobj")
    if not found and not topic_object:  # "attacked and injured the crowd": the conjoined verb's object is shared
        found = [o for c in cand.anchor.children if c.dep_ == "conj" and word_class(c) == "VERB"
                 for o in c.children if o.dep_ == "dobj"][:1]
    found = [t for t in found if t.ent_type_ not in NOT_ACTORS and t != cand.trigger and cand.trigger not in t.subtree]
    return sorted(found, key=lambda t: t.i)[:2]


def named_party_in_scope(cand: Candidate, sources: list[Token]) -> list[Token]:
    """The first named party the event's own words reach, when the parse gives no object.

    "threatened to cut off aid to Congo", "declared a state of siege in Haiti": the party acted on
    sits deeper than a direct object. Only the trigger's subtree is searched, the source's excluded.
    """
    taken = {t for s in sources for t in s.subtree}
    for tok in cand.anchor.subtree:
        if (tok.i > cand.trigger.i and tok not in taken and tok.ent_type_ in PARTY_ENTS
                and (tok.head == tok or tok.head.ent_iob_ == "O" or tok.head.ent_type_ != tok.ent_type_)):
            return [tok]
    return []


def with_conjuncts(toks: Iterable[Token]) -> list[Token]:
    """Compound actors: "Trump and Putin" gives both."""
    out = []
    for tok in toks:
        out.append(tok)
        out.extend(c for c in tok.conjuncts if c.i > tok.i)
    return out


RELATIVE_PRONOUNS = {"that", "which", "who", "whom"}


def np_span(tok: Token) -> Span:
    """Character span of a noun phrase: the word, its modifiers and its "of" complement, not its clauses.

    "dozens of fighters", "a depot of the Syrian army": the party is the whole phrase.
    """
    toks = {tok}
    for child in tok.children:
        if ((child.dep_ not in NP_DROP and child.i < tok.i) or (child.dep_ in {"compound", "nummod", "case"} and child.i > tok.i)
                or (child.dep_ == "prep" and child.lower_ == "of" and child.i > tok.i)):
            toks.update(child.subtree)
    words = sorted((t for t in toks if not t.is_punct), key=lambda t: t.i) or [tok]
    return words[0].idx, words[-1].idx + len(words[-1])


def members_of(tok: Token) -> Token | None:
    """The group a bare collective stands for: "members of the Jurists' Association", "a group of refugees".

    Only a head that names no actor itself hands over to its "of" complement.
    """
    if tok.ent_type_ or tok.pos_ == "PROPN":
        return None
    inner = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    if not inner or any(t.ent_type_ in PARTY_ENTS for t in tok.lefts):
        return None
    own = actor_ref(tok.doc, (tok.idx, tok.idx + len(tok)))
    return None if own.country or own.sector else inner[0]


def antecedent(tok: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies ("a resolution that would pressure Iran")."""
    if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl" and tok.head.head != tok.head:
        return tok.head.head
    return tok


def refs(doc: Doc, toks: Iterable[Token], parties_only: bool = False) -> list[ActorRef]:
    """The actors of some words; with ``parties_only``, only those that are parties.

    A party is a coded actor or a named one ("a travel ban", "condolences" are what is done, not to whom).
    """
    out = []
    for tok in with_conjuncts(toks):
        tok = antecedent(tok)
        span = np_span(tok)
        ref = actor_ref(doc, span)
        if (group := members_of(tok)) is not None:  # the phrase keeps its words, the group lends its codes
            ref = replace(actor_ref(doc, np_span(group)), span=ref.span, text=ref.text)
        named = any(t.ent_type_ in PARTY_ENTS for t in doc.char_span(*span, alignment_mode="expand") or [tok])
        if not parties_only or ref.actor_id or ref.country or ref.sector or named:
            out.append(ref)
    return out


def path_up(tok: Token, through_complements: bool) -> list[Token]:
    """The trigger and the words above it in its own clause (and a reporting verb's, for dates)."""
    path = [tok]
    while tok.head != tok and len(path) < 8:
        if tok.dep_ in CLAUSE_DEPS - {"xcomp", "acl"} and not (through_complements and tok.dep_ == "ccomp"):
            break
        tok = tok.head
        path.append(tok)
    return path


def clause_rank(doc: Doc, span: Span, path: list[Token]) -> int | None:
    """How near the trigger a span is attached, or None when it belongs to another clause."""
    inside = [t for t in doc.char_span(span[0], span[1], alignment_mode="expand") or []]
    if not inside:
        return None
    root = min(inside, key=lambda t: len(list(t.ancestors)))
    tok = root
    while True:
        if tok in path:
            return path.index(tok)
        if tok.head == tok or (tok != root and word_class(tok) == "VERB") or tok.dep_ in CLAUSE_DEPS - {"acl"}:
            return None
        tok = tok.head


def nearest(doc: Doc, items: Iterable, path: list[Token]) -> list:
    ranked = [(r, i, x) for i, x in enumerate(items) if (r := clause_rank(doc, x.span, path)) is not None]
    return [x for _, _, x in sorted(ranked, key=lambda t: (t[0], t[1]))]


def is_location(doc: Doc, place: Place) -> bool:
    """A toponym that says where ("in Riyadh", "at the Kremlin"), not who ("U.S. President")."""
    if getattr(place, "role", "location") != "location":
        return False
    toks = doc.char_span(place.span[0], place.span[1], alignment_mode="expand") or []
    root = min(toks, key=lambda t: len(list(t.ancestors)), default=None)
    return root is not None and root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS


def precision_of(value: str) -> str:
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "week" if "W" in value else "other")


def event_date(doc: Doc, cand: Candidate) -> EventDate | None:
    """The date timex governing the event in its clause, else the publication date."""
    dated = [t for t in doc._.timexes or [] if t.type in {"DATE", "TIME"} and t.value[:1].isdigit()]
    hits = nearest(doc, dated, path_up(cand.anchor, through_complements=True))
    if hits:
        t = hits[0]
        return EventDate(value=t.value, precision=t.precision or precision_of(t.value), span=t.span, source="timex")
    if doc._.published:
        return EventDate(value=doc._.published.isoformat(), precision="day", span=None, source="published")
    return None


def day_of(when: EventDate | None) -> date | None:
    """The first day a timex date can mean ("2025-02" -> 2025-02-01), for the historical test."""
    if when is None or when.source != "timex":
        return None
    parts = when.value.split("-")[:3]
    try:
        return date(*(int(p) for p in parts + ["1"] * (3 - len(parts))))
    except ValueError:
        return None


def mode_of(cand: Candidate, clause: list[Token], has_place: bool) -> tuple[str | None, str]:
    """The mode: a mode word in the clause, else the cue's own ("a call" is by phone)."""
    for tok in clause:
        hit = mode_words().get(tok.lemma_.lower()) or mode_words().get(tok.lower_)
        if hit and hit[0] == cand.type:
            return hit[1], f"mode word {tok.text!r}"
    mode = cand.cue.mode if cand.cue else None
    if mode == "phone" and has_place:
        return None, "talks at a place are not by phone"
    return mode, f"mode of cue {cand.cue.lemma!r}" if mode and cand.cue else ""


def clause_tokens(anchor: Token) -> list[Token]:
    """The words of the event's own clause: the anchor's subtree minus embedded clauses."""
    out, stack = [], [anchor]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in CLAUSE_DEPS - {"xcomp"})
    return sorted(out, key=lambda t: t.i)


def belief(reading: eventclf.Reading, cand: Candidate) -> float:
    """The classifier's probability of the candidate's quad, times how well the type fits within it.

    Within a quad the cue (weighted by prominence) and the type head share the say (RULE_WEIGHT_SHARE).
    """
    q = PLOVER_QUAD[cand.type]
    same_quad = sum(p for t, p in reading.type.items() if t in PLOVER_QUAD and PLOVER_QUAD[t] == q)
    share = reading.type[cand.type] / same_quad if same_quad > 0 else 0.0
    return reading.quad[q] * (RULE_WEIGHT_SHARE * prominent(cand) + (1 - RULE_WEIGHT_SHARE) * share)


def main_verb(sent: SpacySpan) -> Token:
    """The verb of the sentence's own event: the reported clause's, not a trailing attribution's.

    "Afghan guerillas blew up power lines, the agency reported": the event is "blew up", the
    agency only its news source. A leading speaker ("X said that China must ...") is the actor
    and keeps the event, and so does a speech verb that is a PLOVER cue ("accused", "threatened").
    """
    tok = sent.root
    for _ in range(3):
        reported = [c for c in tok.children if c.dep_ in {"ccomp", "parataxis"} and word_class(c) == "VERB" and c.i < tok.i]
        if speech_lexicon()["VERB"].get(tok.lemma_.lower()) != "speech" or match_cue(tok) or not reported:
            break
        tok = reported[0]
    return tok


def model_candidate(sent: SpacySpan, reading: eventclf.Reading) -> Candidate | None:
    """An event the classifier sees in a sentence no cue covers, anchored on its main verb."""
    q = reading.best_quad
    if q == 0 or reading.quad[q] < MODEL_ONLY_MIN or not any(t.ent_type_ in POLITICAL_ENTS for t in sent):
        return None  # no political event without a named party to act
    typ = max((t for t in PLOVER_QUAD if PLOVER_QUAD[t] == q), key=reading.type.__getitem__)
    verb = main_verb(sent)
    return Candidate(verb, verb, None, typ, MODEL_ONLY_WEIGHT)


def neutral_candidate(sent: SpacySpan, cands: list[Candidate], reading: eventclf.Reading) -> Candidate | None:
    """A statement or appeal the classifier finds neutral, anchored on the main verb (its speaker and addressee).

    Its type is the surest cue's, else the type head's; the event says quad 0.
    """
    if not any(t.ent_type_ in POLITICAL_ENTS for t in sent):
        return None
    best = max(cands, key=prominent, default=None)
    typ = best.type if best else max(reading.type, key=reading.type.__getitem__)
    verb = main_verb(sent)
    return Candidate(verb, verb, best.cue if best else None, typ, MODEL_ONLY_WEIGHT, neutral=True)


def weigh(cands: list[Candidate], sent: SpacySpan, reading: eventclf.Reading | None) -> list[tuple[Candidate, float]]:
    """Each candidate with its confidence; the classifier's own reading joins when no cue agrees.

    A sentence the classifier finds neutral leads with a quad-0 statement event and keeps only its surest cues.
    """
    if reading is None:
        return [(c, prominent(c)) for c in cands]
    if reading.best_quad == 0:
        neutral = neutral_candidate(sent, cands, reading)
        kept = [(c, belief(reading, c)) for c in cands
                if (c.weight >= 0.9 or reading.quad[0] < NEUTRAL_VETO) and not (neutral and c.anchor == neutral.anchor)]
        return ([(neutral, reading.quad[0])] if neutral else []) + kept
    if not any(PLOVER_QUAD[c.type] == reading.best_quad for c in cands):
        extra = model_candidate(sent, reading)
        cands = cands + ([extra] if extra else [])
    return [(c, belief(reading, c)) for c in cands]


def prominent(cand: Candidate) -> float:
    """The cue weight, worth more on the main verb than deep in a subordinate phrase."""
    depth = sum(1 for _ in cand.anchor.ancestors)
    return cand.weight * (0.7 + 0.3 / (1 + depth))


def build_event(doc: Doc, sent: SpacySpan, cand: Candidate, confidence: float) -> Event:
    """Code one weighed candidate: actors, mode, context, date, place, counts, factuality."""
    clause = clause_tokens(cand.anchor)
    path = path_up(cand.anchor, through_complements=False)
    places = nearest(doc, [p for p in doc._.places or [] if is_location(doc, p)], path)
    subjects, objects = subject_of(cand.anchor), targets_of(cand, cand.cue.mode if cand.cue else None)
    recoded = retyped(cand.type, subjects, objects)
    if recoded:
        cand = replace(cand, type=recoded[0])
    mode, mode_why = mode_of(cand, clause, bool(places))
    if recoded:
        mode, mode_why = recoded[1], recoded[2]
    when = event_date(doc, cand)
    fact, fact_why = factuality.judge(cand.trigger, cand.anchor, day_of(when), doc._.published)
    contexts = sorted({context_words()[t.lemma_.lower()] for t in sent if t.lemma_.lower() in context_words()})
    source, target = refs(doc, subjects), refs(doc, targets_of(cand, mode), parties_only=True)
    if cand.type in RECIPROCAL and source and target:
        source, target = source + target, target + source  # "X met Y": each met the other
    if not target:  # a party found only in scope is a target, never a reciprocal source
        target = refs(doc, named_party_in_scope(cand, subjects), parties_only=True)
    trig = cand.trigger
    how = f"cue {cand.cue.lemma!r} ({cand.cue.pos})" if cand.cue else "sentence classifier (no cue word)"
    if cand.neutral:
        how = "sentence classifier: a neutral statement or appeal (quad 0), main verb; type from " + how
    if cand.anchor != trig:
        how += f" as object of {cand.anchor.text!r}"
    why = "; ".join(x for x in (how, mode_why, fact_why) if x)
    return Event(
        type=cand.type, source=source, target=target,
        trigger=(trig.idx, trig.idx + len(trig)), evidence=(sent.start_char, sent.end_char),
        mode=mode, context=contexts, factuality=fact, date=when, place=places[0] if places else None,
        quantities=nearest(doc, doc._.quantities or [], path), confidence=round(confidence, 4), rationale=why,
        quad_override=0 if cand.neutral else None,
    )


class EventsStage:
    """spaCy component: fills ``doc._.events`` sentence by sentence."""

    def __init__(self, nlp: Language, use_model: bool = True) -> None:
        self.nlp = nlp
        self.classifier = eventclf.shipped() if use_model else None

    def __call__(self, doc: Doc) -> Doc:
        sents = [s for s in doc.sents if any(t.is_alpha for t in s)]
        found = [find_candidates(s) for s in sents]
        readings = (self.classifier.read([s.text for s in sents], [cue_weights(c) for c in found])
                    if self.classifier and sents else [None] * len(sents))
        events = []
        for sent, cands, reading in zip(sents, found, readings):
            for cand, conf in weigh(cands, sent, reading):
                event = build_event(doc, sent, cand, conf)
                acts_on = targets_of(cand, event.mode)  # "seized weapons" acts, on no party
                if event.source or acts_on or cand.anchor != cand.trigger or cand.trigger in (sent.root, main_verb(sent)):
                    events.append(event)  # a bare noun ("the negotiations") names no event of its own
        doc._.events = events
        return doc


@Language.factory("sitroom_events", default_config={"use_model": True})
def make_events(nlp: Language, name: str, use_model: bool) -> EventsStage:
    return EventsStage(nlp, use_model)
