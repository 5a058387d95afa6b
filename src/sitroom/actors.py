"""Actor mentions coded to country, sector and person (``doc._.actors``).

Every party the article names becomes one :class:`~sitroom.record.Actor` with all
its mentions merged: "Donald Trump", "Trump" and "the president" (when it is
him) are one actor. Coding follows PLOVER/CAMEO: a country is ISO3 (IGO, NGO,
IMG for non-state bodies), a sector is GOV, MIL, REB, COP, JRN, CVL, ...

A mention is coded from its own words and their syntax, in this order: a known
party the tables name (office holder, organisation, country, capital or seat of
power: "the Kremlin" is RUS GOV), an institution or role heading the phrase
("the Russian Foreign Ministry" is RUS GOV, "Ukrainian soldiers" UKR MIL), and
the countries its modifiers, appositions and "of/in/from" phrases name. A bare
role ("the president") resolves to the office holder of the phrase's country on
the publication date, or to the last person mentioned who held that office.
What the text does not say stays ``None``: nothing is guessed.

Other stages call :func:`actor_ref` to code any span (a speaker, an event's
source or target) through the actor it mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Token

from sitroom.gazetteer_actors import ActorGazetteer, Hit, Known, Pattern, gazetteer_for
from sitroom.knowledge import read_json
from sitroom.record import Actor, ActorRef, Span

for _name in ("actors", "actor_index"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

WORDS = read_json("actor_words.json")
MODIFIER_DEPS = {"amod", "compound", "poss", "nmod", "nummod", "det", "predet", "case", "punct", "quantmod"}
NOUN_POS = {"NOUN", "PROPN"}
TITLE_ENTS = {"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "FAC"}  # "Shark Tank" is a show, not tanks


@dataclass
class Coding:
    """What one phrase refers to, and the key under which its mentions merge."""

    name: str
    kind: str
    country: str | None
    sector: str | None
    key: str
    role: str | None = None
    rule: str = ""
    confidence: float = 0.6


@dataclass
class ActorIndex:
    """What the stage left on a Doc for later codings: the tables and their matches."""

    gazetteer: ActorGazetteer
    hits: dict[int, tuple[int, int, Hit]] = field(default_factory=dict)  # token -> (start, end, hit)

    def hit_at(self, i: int) -> tuple[int, int, Hit] | None:
        return self.hits.get(i)


def find_hits(doc: Doc, gazetteer: ActorGazetteer, matcher) -> dict[int, tuple[int, int, Hit]]:
    """Known phrases in the text, longest first, without overlaps or implausible readings."""
    found = sorted(matcher(doc), key=lambda m: (m[0] - m[1], m[0]))
    taken: dict[int, tuple[int, int, Hit]] = {}
    for start, end, phrase in found:
        if any(i in taken for i in range(start, end)):
            continue
        hit = _plausible(doc[start:end], gazetteer.lookup(phrase))
        if hit and not _elsewhere(doc[start:end], hit, gazetteer):
            for i in range(start, end):
                taken[i] = (start, end, hit)
    return taken


def _elsewhere(span, hit: Hit, gazetteer: ActorGazetteer) -> bool:
    """Whether the places stage put this capital in another country ("Athens, Ga.")."""
    if hit.via != "capital":
        return False
    for place in span.doc._.places or []:
        if place.country and place.span[0] < span.end_char and span.start_char < place.span[1]:
            code = place.country.upper()
            return gazetteer.iso3_of.get(code, code) != hit.known.id
    return False


def _plausible(span, hits: list[Hit]) -> Hit | None:
    """The first reading that fits the entity tags.

    A phrase inside a longer name is part of that name: "Trump" in "Melania Trump",
    "Jordan" in "Michael Jordan", the capital "Kingston" in "Kingston upon Thames"
    (but "Baghdad University" is in Iraq).
    A one-word person name tagged as a place ("Austin") is the place.
    """
    ents = {t.ent_type_ for t in span}
    ent = next((e for e in span.doc.ents if e.start <= span.start < e.end), None)
    longer = ent is not None and any(not (span.start <= t.i < span.end) and t.tag_ != "POS" and not t.is_punct
                                     for t in ent)
    for hit in hits:
        if longer and (ent.label_ == "PERSON" or hit.via == "capital" and ent.label_ in ("GPE", "LOC", "FAC")):
            continue
        if hit.known.kind == "person" and len(span) == 1 and ents & {"GPE", "LOC", "FAC"}:
            continue
        return hit
    return None


def _lemma(t: Token) -> str:
    return (t.lemma_ if t.tag_ in ("NNS", "NNPS") else t.text).lower()


def head_pattern(doc: Doc, head: Token, index: ActorIndex) -> Pattern | None:
    """The institution or role the noun ``head`` (with its left compounds) names."""
    left = [t for t in doc[max(0, head.i - index.gazetteer.longest_pattern + 1):head.i]
            if t.head == head or t.head.head == head]
    words = [_lemma(t) for t in left if not t.is_punct] + [_lemma(head)]
    right = [_lemma(t) for t in _of_complement(head) if not t.is_punct]
    found = index.gazetteer.pattern(words + right) if right else None
    found = found if found and found[0] > len(right) else index.gazetteer.pattern(words)
    return found[1] if found else None


def context_tokens(head: Token) -> list[Token]:
    """Tokens that can tell the country of the phrase headed by ``head``."""
    out = [t for c in head.children if c.dep_ == "appos" for t in c.subtree]
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in WORDS["context"]:
            out += [t for p in c.children if p.dep_ == "pobj" for t in p.subtree]
    if head.dep_ == "appos" and head.tag_ in ("NN", "NNP"):
        out += [t for t in head.head.subtree if t.i < head.i and not t.is_punct]
    return out


def candidate_countries(tokens: list[Token], index: ActorIndex, day: date | None,
                        ethnic_too: bool = True) -> list[str]:
    """Countries the tokens name, in text order; ethnic demonyms last (or left out)."""
    seen, plain, ethnic = set(), [], []
    for t in sorted(tokens, key=lambda t: t.i):
        found = index.hit_at(t.i)
        if not found or found[0] in seen:
            continue
        start, _, hit = found
        seen.add(start)
        code = country_of(hit.known, day)
        if not code:
            continue
        is_ethnic = hit.via == "demonym" and start > 0 and t.doc[start - 1].lower_ in WORDS["ethnic"]
        (ethnic if is_ethnic else plain).append(code)
    return plain + ethnic if ethnic_too else plain


def sentence_country(head: Token, index: ActorIndex, day: date | None) -> str | None:
    """The one state the sentence names, if it names exactly one (besides ethnic demonyms).

    A titled official or a group the text places nowhere acts, in news prose, for the
    country the sentence is about ("Prime Minister X said Vietnam ..."). With two
    states named there is no telling, and nothing is said.
    """
    codes = set(candidate_countries(list(head.sent), index, day, ethnic_too=False))
    codes = {c for c in codes if c not in index.gazetteer.non_state}
    return codes.pop() if len(codes) == 1 else None


def country_of(known: Known, day: date | None) -> str | None:
    term = known.term_at(day)
    return (term.country if term else None) or known.country


def code_tokens(doc: Doc, tokens: list[Token], head: Token, index: ActorIndex) -> Coding:
    """Code the phrase ``tokens`` whose syntactic head is ``head``."""
    day = doc._.published
    found = index.hit_at(head.i)
    context = tokens + context_tokens(head)
    former = any(t.lower_ in WORDS["former"] for t in tokens)
    if found and found[2].known.kind == "person":
        others = [t for t in context if not found[0] <= t.i < found[1]]
        return _person(found[2].known, day, former, tuple(candidate_countries(others, index, day)))
    if head.ent_type_ == "PERSON" and not found:
        return _unknown_person(doc, head, context, index)
    if found:
        coding = _known(doc, found, head, index)
        if coding:
            return coding
    pattern = head_pattern(doc, head, index)
    countries = candidate_countries(context, index, day, ethnic_too=False)
    ethnic = candidate_countries(context, index, day)
    country = countries[0] if countries else (sentence_country(head, index, day) or ethnic[0]) if ethnic else None
    text = _name(tokens)
    if pattern is None:
        kind = "organization" if head.ent_type_ == "ORG" else "group"
        return Coding(text, kind, country, None, f"text:{text.lower()}", rule="modifier-country" if country else "unknown",
                      confidence=0.5)
    if pattern.kind == "role" and head.tag_ in ("NN", "NNP") and not former:
        holders = index.gazetteer.holders(country, pattern.canon, day) if country and day else []
        if len(holders) == 1:
            coding = _person(holders[0], day, former)
            coding.rule, coding.confidence = "role+country+date", 0.8
            return coding
    sector = "ELI" if former and pattern.sector == "GOV" else pattern.sector
    rule = f"institution:{pattern.canon}"
    if country is None and pattern.kind != "role" and head.tag_ in ("NNS", "NNPS"):
        country = sentence_country(head, index, day)
        rule += "+sentence-country" if country else ""
    kind = "person" if pattern.kind == "role" and head.tag_ in ("NN", "NNP") else \
        "organization" if pattern.kind == "body" else "group"
    key = f"{country}:{sector}:{pattern.canon}" if country else f"text:{text.lower()}"
    return Coding(text, kind, country, sector, key, pattern.canon if pattern.kind == "role" else None,
                  rule=rule, confidence=0.75 if country else 0.6)


def _known(doc: Doc, found: tuple[int, int, Hit], head: Token, index: ActorIndex) -> Coding | None:
    """A country, capital, seat of power or organisation the tables name."""
    start, end, hit = found
    known = hit.known
    if known.kind != "country":
        return Coding(known.name, known.kind, known.country, known.sector, known.id,
                      rule=f"table:{hit.via}", confidence=0.9)
    if hit.via in ("capital", "metonym"):
        return Coding(f"Government of {known.name}", "organization", known.id, "GOV", f"{known.id}:GOV:government",
                      rule=f"country:{hit.via}", confidence=0.85)
    if hit.via == "demonym":
        sector = _sector_of_governor(doc, head, index)
        if sector:
            pattern = head_pattern(doc, _noun_head(head), index)
            canon = pattern.canon if pattern else "people"
            return Coding(_name(list(doc[start:end])), "group", known.id, sector, f"{known.id}:{sector}:{canon}",
                          rule="demonym+head", confidence=0.75)
        if head.dep_ not in MODIFIER_DEPS and head.tag_ in ("NNS", "NNPS"):
            return _people(doc, start, end, known, head, index)
    return Coding(known.name, "country", known.id, None, known.id, rule=f"country:{hit.via}", confidence=0.9)


def _people(doc: Doc, start: int, end: int, known: Known, head: Token, index: ActorIndex) -> Coding:
    """Nationals as a group ("Algerians") are civilians; ethnic kin of a neighbour
    ("ethnic Albanians in Serbia") belong to the country they live in."""
    country, rule = known.id, "demonym-people"
    ethnic = start > 0 and doc[start - 1].lower_ in WORDS["ethnic"]
    where = [c for c in candidate_countries(context_tokens(head) if ethnic else _of_complement(head), index,
                                            doc._.published, ethnic_too=False) if c not in index.gazetteer.non_state]
    if ethnic or where:
        home = where[0] if where else sentence_country(head, index, doc._.published)
        if home:
            country, rule = home, "demonym-people+residence"
    return Coding(doc[start:end].text, "group", country, "CVL", f"{country}:CVL:{doc[start:end].text.lower()}",
                  rule=rule, confidence=0.7)


def _noun_head(t: Token) -> Token:
    """The noun a modifier (or a conjunct of one) modifies."""
    while t.dep_ in MODIFIER_DEPS | {"conj", "cc"} and t.head is not t:
        t = t.head
    return t


def _sector_of_governor(doc: Doc, t: Token, index: ActorIndex) -> str | None:
    """The sector of the noun a modifier belongs to ("Hungarian" in "Hungarian officials")."""
    noun = _noun_head(t)
    if noun is t:
        return None
    pattern = head_pattern(doc, noun, index)
    return pattern.sector if pattern else None


def _person(known: Known, day: date | None, former: bool, countries: tuple[str, ...] = ()) -> Coding:
    """A known person as of ``day``: in office, former (ELI), or not yet in office (no sector)."""
    term = known.term_at(day, countries)
    sector = (term.sector if term else None) or known.sector
    if term and day and term.start and day < term.start:
        term, sector = None, None  # not yet in office: a candidate is no government
    elif former or (term and day and term.end and term.end <= day and sector == "GOV"):
        sector = "ELI"
    return Coding(known.name, "person", (term.country if term else None) or known.country, sector, known.id,
                  role=term.role if term else None, rule="office-holders", confidence=0.95)


def _unknown_person(doc: Doc, head: Token, context: list[Token], index: ActorIndex) -> Coding:
    """A person the tables do not know: name, and what the phrase says of them."""
    ent = next((e for e in doc.ents if e.start <= head.i < e.end), None)
    name = _name(list(ent)) if ent else head.text
    titles = [t for t in context if t.ent_type_ != "PERSON" and t.pos_ in NOUN_POS]
    pattern = None
    for t in reversed(titles):
        pattern = head_pattern(doc, t, index)
        if pattern:
            break
    countries = candidate_countries(context, index, doc._.published)
    rule = "person+context"
    if not countries and pattern and pattern.kind == "role":
        countries = [c for c in [sentence_country(head, index, doc._.published)] if c]
        rule += "+sentence-country" if countries else ""
    sector = pattern.sector if pattern else None
    if sector == "GOV" and any(t.lower_ in WORDS["former"] for t in context):
        sector = "ELI"
    return Coding(name, "person", countries[0] if countries else None, sector, f"person:{name.lower()}",
                  role=pattern.canon if pattern and pattern.kind == "role" else None,
                  rule=rule, confidence=0.7 if countries or pattern else 0.6)


def _trim(tokens: list[Token]) -> list[Token]:
    """The phrase's words without leading determiners and trailing possessive or punctuation."""
    toks = sorted(tokens, key=lambda t: t.i)
    while len(toks) > 1 and (toks[0].lower_ in WORDS["determiners"] or toks[0].is_punct):
        toks = toks[1:]
    while len(toks) > 1 and (toks[-1].tag_ == "POS" or toks[-1].is_punct):
        toks = toks[:-1]
    return toks


def _name(tokens: list[Token]) -> str:
    """The phrase's words as written, without leading determiners or a trailing possessive."""
    toks = _trim(tokens)
    return toks[0].doc[toks[0].i:toks[-1].i + 1].text if toks else ""


def _same_line(tokens: list[Token], head: Token) -> list[Token]:
    """The tokens on the head's line: a headline above is never part of a mention."""
    doc = head.doc
    first = max((w.i for w in doc[:head.i] if "\n" in w.text + w.whitespace_), default=-1) + 1
    last = min((w.i for w in doc[head.i:] if "\n" in w.text + w.whitespace_), default=len(doc) - 1)
    return [w for w in tokens if first <= w.i <= last]


def _left_tokens(t: Token) -> list[Token]:
    """The phrase left of a head: its modifiers and their words ("the Russian Foreign")."""
    return _same_line([w for c in t.lefts if c.dep_ not in ("punct", "cc", "conj") for w in c.subtree], t)


def _of_complement(t: Token) -> list[Token]:
    """The "of" phrase after a head ("president of Armenia")."""
    return _same_line([w for c in t.rights if c.dep_ == "prep" and c.lower_ == "of" for w in c.subtree], t)


def _phrase(t: Token) -> list[Token]:
    """A nominal head's phrase: its left modifiers, itself, and an "of" complement."""
    return _left_tokens(t) + [t] + _of_complement(t)


def _is_actor_head(t: Token, index: ActorIndex) -> bool:
    """Whether a noun heads a mention of its own (a person, a named body, an institution)."""
    found = index.hit_at(t.i)
    if found and found[2].known.kind != "country":
        return True
    return t.ent_type_ == "PERSON" or (t.pos_ in NOUN_POS and head_pattern(t.doc, t, index) is not None)


def _locative(t: Token) -> bool:
    return t.dep_ == "pobj" and t.head.lower_ in WORDS["locative"]


def _span_of(tokens: list[Token]) -> Span:
    toks = _trim(tokens)
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
            if root.dep_ in MODIFIER_DEPS | {"conj"} and _is_actor_head(_noun_head(root), index):
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
        if _names_a_person(t, index) or t.ent_type_ in TITLE_ENTS or head_pattern(doc, t, index) is None:
            continue
        tokens = _phrase(t)
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
    for span, coding in mentions:
        surface = doc.text[span[0]:span[1]]
        for prev_span, prev in reversed(out):
            if coding.kind != "person" or prev.kind != "person" or prev.key == coding.key:
                continue
            prev_surface = doc.text[prev_span[0]:prev_span[1]].split()
            by_role = coding.rule.startswith("institution:") and coding.role and prev.role == coding.role \
                and coding.country in (None, prev.country)
            by_surname = " " not in surface and len(prev_surface) > 1 and prev_surface[-1] == surface
            if by_role or by_surname:
                coding = Coding(prev.name, "person", prev.country, prev.sector, prev.key, prev.role,
                                rule="role+antecedent" if by_role else "surname+antecedent", confidence=0.7)
                break
        out.append((span, coding))
    return out


def merge(mentions: list[tuple[Span, Coding]]) -> list[Actor]:
    """One actor per merge key, its mentions in text order."""
    actors: dict[str, Actor] = {}
    for span, coding in mentions:
        actor = actors.get(coding.key)
        if actor is None:
            actor = actors[coding.key] = Actor(id=_slug(coding.key, actors), name=coding.name, kind=coding.kind,
                                               country=coding.country, sector=coding.sector, role=coding.role,
                                               confidence=coding.confidence, rule=coding.rule)
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


def actor_at(doc: Doc, span: Span) -> Actor | None:
    """The actor with a mention overlapping ``span`` (the longest overlap wins)."""
    best, best_len = None, 0
    for actor in doc._.actors or []:
        for s, e in actor.mentions:
            overlap = min(e, span[1]) - max(s, span[0])
            if overlap > best_len:
                best, best_len = actor, overlap
    return best


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
    if index is None or head is None or head.pos_ == "PRON":
        return None  # a pronoun is resolved by the stage that found it, not coded here
    return code_tokens(doc, list(doc.char_span(span[0], span[1], alignment_mode="expand")), head, index)


def actor_ref(doc: Doc, span: Span) -> ActorRef:
    """The span as an :class:`ActorRef`: the actor mentioned at its head, else its own coding.

    The actor whose mention holds the span's head word wins ("Moscow" in "Moscow had
    launched"); a wider span fills what that actor leaves open ("Doctors from two
    American aid groups" gets USA from its own words).
    """
    text = doc.text[span[0]:span[1]]
    coding = code_span(doc, span)
    head = _span_head(doc, span)
    at = head.idx if head is not None else span[0]
    actor = next((a for a in doc._.actors or [] for s, e in a.mentions if s <= at < e), None) \
        or (actor_at(doc, span) if coding is None else None)
    if actor is not None:
        return ActorRef(span=span, text=text, actor_id=actor.id, name=actor.name,
                        country=actor.country or (coding.country if coding else None),
                        sector=actor.sector or (coding.sector if coding else None))
    if coding is None:
        return ActorRef(span=span, text=text)
    return ActorRef(span=span, text=text, name=coding.name or None, country=coding.country, sector=coding.sector)


class ActorsStage:
    """The spaCy component: finds, codes and merges the actors of a Doc."""

    def __init__(self, nlp: Language, user_file: str | None) -> None:
        self.gazetteer = gazetteer_for(user_file)
        self.matcher = self.gazetteer.matcher(nlp.make_doc)

    def __call__(self, doc: Doc) -> Doc:
        index = ActorIndex(self.gazetteer, find_hits(doc, self.gazetteer, self.matcher))
        doc._.actor_index = index
        doc._.actors = merge(detect(doc, index))
        return doc


@Language.factory("sitroom_actors", default_config={"user_file": None})
def make_actors(nlp: Language, name: str, user_file: str | None) -> ActorsStage:
    return ActorsStage(nlp, user_file)
