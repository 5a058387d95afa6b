"""Coding one phrase as an actor: country, sector, kind, and the key its mentions merge on.

The rules read the phrase's words and their syntax against the actor tables of
:mod:`sitroom.stages.actors.tables`, in this order: a known party the tables name
(office holder, organisation, country, capital or seat of power: "the Kremlin" is
RUS GOV), an institution or role heading the phrase ("the Russian Foreign
Ministry" is RUS GOV, "Ukrainian soldiers" UKR MIL), and the countries its
modifiers, appositions and "of/in/from" phrases name. A titled person or a group
the phrase places nowhere takes the one state its sentence names, if only one.
What the text does not say stays ``None``: nothing is guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from sitroom.knowledge import read_json
from sitroom.stages.actors.tables import ActorGazetteer, Hit, Known, Pattern, PhraseMatchers

WORDS = read_json("actors/words.json")
MODIFIER_DEPS = {"amod", "compound", "poss", "nmod", "nummod", "det", "predet", "case", "punct", "quantmod"}
NOUN_POS = {"NOUN", "PROPN"}


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


def find_hits(doc: Doc, gazetteer: ActorGazetteer, matcher: PhraseMatchers) -> dict[int, tuple[int, int, Hit]]:
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


def _elsewhere(span: Span, hit: Hit, gazetteer: ActorGazetteer) -> bool:
    """Whether the places stage put this capital in another country ("Athens, Ga.")."""
    if hit.via != "capital":
        return False
    for place in span.doc._.places or []:
        if place.country and place.span[0] < span.end_char and span.start_char < place.span[1]:
            code = place.country.upper()
            return gazetteer.iso3_of.get(code, code) != hit.known.id
    return False


def _plausible(span: Span, hits: list[Hit]) -> Hit | None:
    """The first reading that fits the entity tags.

    A phrase inside a longer name is part of that name: "Trump" in "Melania Trump",
    "Jordan" in "Michael Jordan", the capital "Kingston" in "Kingston upon Thames"
    (but "Baghdad University" is in Iraq).
    A one-word person name tagged as a place ("Austin") is the place.
    """
    ents = {t.ent_type_ for t in span}
    ent = next((e for e in span.doc.ents if e.start <= span.start < e.end), None)
    longer = ent is not None and any(
        not (span.start <= t.i < span.end) and t.tag_ != "POS" and not t.is_punct for t in ent
    )
    for hit in hits:
        if (
            longer
            and ent is not None
            and (ent.label_ == "PERSON" or hit.via == "capital" and ent.label_ in ("GPE", "LOC", "FAC"))
        ):
            continue
        if hit.known.kind == "person" and len(span) == 1 and ents & {"GPE", "LOC", "FAC"}:
            continue
        return hit
    return None


def _lemma(t: Token) -> str:
    """The singular, lower-case word (the tagger leaves "Kurds" as its own lemma)."""
    if t.tag_ not in ("NNS", "NNPS"):
        return t.lower_
    lemma = t.lemma_.lower()
    return lemma[:-1] if lemma == t.lower_ and lemma.endswith("s") else lemma


def titled(head: Token, index: ActorIndex) -> Pattern | None:
    """The office a proper name's own title words give ("Vice-President Moody Awori"),
    so that a name the entity tagger missed is still a person."""
    if (
        head.pos_ != "PROPN"
        or head.ent_type_ in ("GPE", "LOC", "NORP")
        or index.hit_at(head.i)
        or head_pattern(head.doc, head, index)
    ):
        return None
    for t in reversed([c for c in head.lefts if c.dep_ == "compound" and c.pos_ in NOUN_POS]):
        pattern = head_pattern(head.doc, t, index)
        if pattern:  # a title inside an organisation's name ("General Motors") is no title
            inside = t.ent_type_ not in ("", "PERSON") and all(
                w.ent_iob_ == "I" for w in head.doc[t.i + 1 : head.i + 1]
            )
            return pattern if pattern.kind == "role" and not inside else None
    return None


def head_pattern(doc: Doc, head: Token, index: ActorIndex) -> Pattern | None:
    """The institution or role the noun ``head`` (with its left compounds) names."""
    left = [
        t
        for t in doc[max(0, head.i - index.gazetteer.longest_pattern + 1) : head.i]
        if t.head == head or t.head.head == head
    ]
    words = [_lemma(t) for t in left if not t.is_punct] + [_lemma(head)]
    right = [_lemma(t) for t in of_complement(head) if not t.is_punct]
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


def candidate_countries(tokens: list[Token], index: ActorIndex, day: date | None, ethnic_too: bool = True) -> list[str]:
    """Countries the tokens name, in text order; ethnic demonyms last (or left out)."""
    seen: set[int] = set()
    plain: list[str] = []
    ethnic: list[str] = []
    for t in sorted(tokens, key=lambda t: t.i):
        found = index.hit_at(t.i)
        if not found or found[0] in seen:
            continue
        start, end, hit = found
        seen.add(start)
        code = country_of(hit.known, day)
        if not code or _sponsor(t.doc, end) or _sponsored(t.doc, start):
            continue
        is_ethnic = hit.via == "demonym" and start > 0 and t.doc[start - 1].lower_ in WORDS["ethnic"]
        (ethnic if is_ethnic else plain).append(code)
    return plain + ethnic if ethnic_too else plain


def _sponsor(doc: Doc, end: int) -> bool:
    """Whether the country just before token ``end`` is a sponsor ("UAE-backed")."""
    return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in WORDS["sponsor"]


def _sponsored(doc: Doc, start: int) -> bool:
    """Whether the country at token ``start`` is a patron or a foe ("pro-Iranian", "anti-American")."""
    return start > 1 and doc[start - 1].text == "-" and doc[start - 2].lower_ in WORDS["stance"]


def sentence_country(head: Token, index: ActorIndex, day: date | None) -> str | None:
    """The one state the sentence names, if it names exactly one (besides ethnic demonyms).

    A titled official or a group the text places nowhere acts, in news prose, for the
    country the sentence is about ("Prime Minister X said Vietnam ..."). With two
    states named there is no telling, and nothing is said.
    """
    return _one_state(list(head.sent), index, day)


def article_country(head: Token, index: ActorIndex, day: date | None) -> str | None:
    """The one state the article has named before ``head``, if it names exactly one.

    A bare role ("The president said ...") in news prose holds the office of the country the
    story has been about ("Ukraine rejected the plan. The president said ..."). With two states
    named before it there is no telling, and nothing is said.
    """
    return _one_state(list(head.doc[: head.i]), index, day)


def _one_state(tokens: list[Token], index: ActorIndex, day: date | None) -> str | None:
    """The state the tokens name, if they name exactly one (ethnic demonyms and IGOs aside)."""
    codes = set(candidate_countries(tokens, index, day, ethnic_too=False))
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
    if found:
        return _known(doc, found, head, index)
    if head.ent_type_ == "PERSON" or titled(head, index):
        return _unknown_person(doc, head, context, index, former)
    members = _membership(doc, head, index)
    pattern = members or head_pattern(doc, head, index)
    country = _phrase_country(head, context, index, day)
    text = _name(tokens)
    if pattern is None and (named := _named_body(tokens, head, index)) is not None:
        return _known(doc, named, head, index)  # "the Hizbollah group", "the Islamic Jihad movement"
    if pattern is None:
        kind = "organization" if head.ent_type_ == "ORG" else "group"
        return Coding(
            text,
            kind,
            country,
            None,
            f"text:{text.lower()}",
            rule="modifier-country" if country else "unknown",
            confidence=0.5,
        )
    if pattern.kind == "role" and head.tag_ in ("NN", "NNP") and not former:
        where = country or article_country(head, index, day)
        holders = index.gazetteer.holders(where, pattern.canon, day) if where and day else []
        if len(holders) == 1:
            coding = _person(holders[0], day, former)
            coding.rule, coding.confidence = (
                ("role+country+date", 0.8) if country else ("role+article-country+date", 0.7)
            )
            return coding
    sector = "ELI" if former and pattern.sector == "GOV" else pattern.sector
    rule = f"institution:{pattern.canon}"
    if country is None and pattern.kind != "role" and head.tag_ in ("NNS", "NNPS"):
        country = sentence_country(head, index, day)
        rule += "+sentence-country" if country else ""
    kind = (
        "person"
        if pattern.kind == "role" and head.tag_ in ("NN", "NNP")
        else "organization"
        if pattern.kind == "body" or members
        else "group"
    )
    key = f"{country}:{sector}:{pattern.canon}" if country else f"text:{text.lower()}"
    return Coding(
        text,
        kind,
        country,
        sector,
        key,
        pattern.canon if pattern.kind == "role" else None,
        rule=rule,
        confidence=0.75 if country else 0.6,
    )


def _membership(doc: Doc, head: Token, index: ActorIndex) -> Pattern | None:
    """The trade a union or association "of" some people gathers: "the Union of Teachers" is coded
    as teachers (EDU), "the Association of African Jurists" as jurists (JUD), not as any union (LAB)."""
    if _lemma(head) not in WORDS["membership"]:
        return None
    inner = [t for t in of_complement(head) if t.dep_ == "pobj" and t.head.head == head]
    found = head_pattern(doc, inner[0], index) if inner else None
    return found if found and found.kind == "group" and found.sector else None


def _named_body(tokens: list[Token], head: Token, index: ActorIndex) -> tuple[int, int, Hit] | None:
    """An organisation the tables name that modifies a head naming nothing itself ("the Hamas movement")."""
    for t in tokens:
        found = index.hit_at(t.i)
        if found and found[2].known.kind not in ("country", "person") and noun_head(t) == head and t != head:
            return found
    return None


def _phrase_country(head: Token, context: list[Token], index: ActorIndex, day: date | None) -> str | None:
    """The first state the phrase names; an ethnic demonym only if the sentence names no other."""
    countries = candidate_countries(context, index, day, ethnic_too=False)
    if countries:
        return countries[0]
    ethnic = candidate_countries(context, index, day)
    return (sentence_country(head, index, day) or ethnic[0]) if ethnic else None


def _known(doc: Doc, found: tuple[int, int, Hit], head: Token, index: ActorIndex) -> Coding:
    """A country, capital, seat of power or organisation the tables name."""
    start, end, hit = found
    known = hit.known
    if known.kind != "country":
        return Coding(
            known.name, known.kind, known.country, known.sector, known.id, rule=f"table:{hit.via}", confidence=0.9
        )
    code = known.country or known.id  # a user row of kind country carries its code
    if hit.via in ("capital", "metonym"):
        return Coding(
            f"Government of {known.name}",
            "organization",
            code,
            "GOV",
            f"{code}:GOV:government",
            rule=f"country:{hit.via}",
            confidence=0.85,
        )
    if hit.via == "demonym":
        sector = _sector_of_governor(doc, head, index)
        if sector:
            pattern = head_pattern(doc, noun_head(head), index)
            canon = pattern.canon if pattern else "people"
            return Coding(
                _name(list(doc[start:end])),
                "group",
                code,
                sector,
                f"{code}:{sector}:{canon}",
                rule="demonym+head",
                confidence=0.75,
            )
        if head.dep_ not in MODIFIER_DEPS and head.tag_ in ("NNS", "NNPS"):
            return _people(doc, start, end, known, head, index)
    return Coding(known.name, "country", code, None, code, rule=f"country:{hit.via}", confidence=0.9)


def _people(doc: Doc, start: int, end: int, known: Known, head: Token, index: ActorIndex) -> Coding:
    """Nationals as a group ("Algerians") are civilians; ethnic kin of a neighbour
    ("ethnic Albanians in Serbia") belong to the country they live in."""
    country, rule = known.country or known.id, "demonym-people"
    ethnic = start > 0 and doc[start - 1].lower_ in WORDS["ethnic"]
    where = [
        c
        for c in candidate_countries(
            context_tokens(head) if ethnic else of_complement(head), index, doc._.published, ethnic_too=False
        )
        if c not in index.gazetteer.non_state
    ]
    if ethnic or where:
        home = where[0] if where else sentence_country(head, index, doc._.published)
        if home:
            country, rule = home, "demonym-people+residence"
    return Coding(
        doc[start:end].text,
        "group",
        country,
        "CVL",
        f"{country}:CVL:{doc[start:end].text.lower()}",
        rule=rule,
        confidence=0.7,
    )


def noun_head(t: Token) -> Token:
    """The noun a modifier (or a conjunct of one) modifies."""
    while t.dep_ in MODIFIER_DEPS | {"conj", "cc"} and t.head is not t:
        t = t.head
    return t


def _sector_of_governor(doc: Doc, t: Token, index: ActorIndex) -> str | None:
    """The sector of the noun a modifier belongs to ("Hungarian" in "Hungarian officials")."""
    noun = noun_head(t)
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
    return Coding(
        known.name,
        "person",
        (term.country if term else None) or known.country,
        sector,
        known.id,
        role=term.role if term else None,
        rule="office-holders",
        confidence=0.95,
    )


def _unknown_person(doc: Doc, head: Token, context: list[Token], index: ActorIndex, former: bool) -> Coding:
    """A person the tables do not know: name, and what the phrase says of them."""
    ent = next((e for e in doc.ents if e.start <= head.i < e.end and e.label_ == "PERSON"), None)
    name = _name(list(ent)) if ent else _proper_name(head, index)
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
    if sector == "GOV" and former:
        sector = "ELI"
    return Coding(
        name,
        "person",
        countries[0] if countries else None,
        sector,
        f"person:{name.lower()}",
        role=pattern.canon if pattern and pattern.kind == "role" else None,
        rule=rule,
        confidence=0.7 if countries or pattern else 0.6,
    )


def _proper_name(head: Token, index: ActorIndex) -> str:
    """The proper nouns ending at ``head``, up to a title word ("President")."""
    start = head.i
    while (
        start > 0
        and head.doc[start - 1].pos_ == "PROPN"
        and head.doc[start - 1].head == head
        and head_pattern(head.doc, head.doc[start - 1], index) is None
    ):
        start -= 1
    return head.doc[start : head.i + 1].text


def trim_phrase(tokens: list[Token]) -> list[Token]:
    """The phrase's words without leading determiners and trailing possessive or punctuation."""
    toks = sorted(tokens, key=lambda t: t.i)
    while len(toks) > 1 and (toks[0].lower_ in WORDS["determiners"] or toks[0].is_punct):
        toks = toks[1:]
    while len(toks) > 1 and (toks[-1].tag_ == "POS" or toks[-1].is_punct):
        toks = toks[:-1]
    return toks


def _name(tokens: list[Token]) -> str:
    """The phrase's words as written, without leading determiners or a trailing possessive."""
    toks = trim_phrase(tokens)
    return toks[0].doc[toks[0].i : toks[-1].i + 1].text if toks else ""


def on_head_line(tokens: list[Token], head: Token) -> list[Token]:
    """The tokens on the head's line: a headline above is never part of a mention."""
    if not tokens:
        return tokens
    doc = head.doc
    lo, hi = min(t.i for t in tokens), max(t.i for t in tokens)
    first = max((w.i + 1 for w in doc[lo : head.i] if "\n" in w.text_with_ws), default=lo)
    last = min((w.i for w in doc[head.i : hi + 1] if "\n" in w.text_with_ws), default=hi)
    return [w for w in tokens if first <= w.i <= last]


def of_complement(t: Token) -> list[Token]:
    """The "of" phrase after a head ("president of Armenia")."""
    return on_head_line([w for c in t.rights if c.dep_ == "prep" and c.lower_ == "of" for w in c.subtree], t)
