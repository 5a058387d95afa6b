"""Toponyms found in the text and resolved offline to coordinates, country and region.

Finding: the spaCy model's GPE/LOC entities that the gazetteer knows; demonyms of
countries and regions ("Russian", "Ohioans"); and, to mend the small model's misses,
names inside other entities or in untagged text that are well-known places ("Kyiv" tagged
ORG), follow "in"/"near", are a place entity elsewhere in the article, or are towns in the
regions the article's place entities lie in; streets and numbered roads ("Orchard St.",
"Highway 19"), placed at the article's home town. Resolving: every GeoNames entry a name
can refer to is a candidate, scored by its size and kind (a country's capital beats a
namesake town), by a qualifier written next to it ("Paris, Texas"), and by the article's
other names: the countries and regions they resolve to or can be read in, and how near
they are (Alexandria next to Rapides Parish is the Louisiana one).

Each :class:`~sitroom.record.Place` says its ``role``: ``location`` (where something is or
happens), ``actor`` (the place stands for its government: "Moscow said", "Kyiv accepted";
the actors stage codes those), ``adjective`` (a demonym: "Russian drones", "nine
Ukrainian regions", a count over Ukraine for the quantities stage) or ``name`` (part of
an organisation's name: "Gainesville Police"). Only ``location`` places are where events
happen.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sitroom.knowledge import read_tsv
from sitroom.record import Place
from sitroom.stages.places.gazetteer import Candidate, Entry, demonyms, distance_km, load, normalize

# A place entity that the gazetteer cannot resolve, even in part, is left out: on LGL most
# of them are people or organisations the small model took for places.
PLACE_LABELS = {"GPE", "LOC"}
# Dates and numbers hold no toponyms, though "May" and "August" are towns.
NUMERIC_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
# A name outside a place entity counts only if its best reading is this well known, or
# the same name is a place entity elsewhere in the article.
WELL_KNOWN = {"continent", "country", "adm1", "capital"}
WELL_KNOWN_TOWN = 100_000
# Words before a name that narrow it ("North Texas", "Greater Atlanta"): looked up without.
DIRECTIONS = {
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "central",
    "upper",
    "lower",
    "greater",
    "downtown",
    "metro",
}
# Endings of demonyms of regions: "Ohioans", "Texan", "New Yorkers", "Dagestani".
DEMONYM_ENDINGS = ("ians", "ans", "ers", "ns", "ian", "an", "er", "is", "n", "i")
POSSESSIVE = {"'s", "’s", "'", "’"}
# Words after a name that make it the region, not its namesake city ("the Donetsk region").
REGION_WORDS = {"region", "regions", "oblast", "oblasts", "province", "provinces", "state", "governorate", "prefecture"}
NAMESAKE_PENALTY = 3.0  # a region read as its own capital city's name ("Odesa", "Kharkiv") drops below the city
KIND_PRIOR = {"continent": 3.0, "country": 3.0, "adm1": 2.0, "capital": 2.5, "adm2": 0.5, "city": 0.0}
POPULATION_WEIGHT = 0.5
ALTERNATE_NAME_PENALTY = 1.5
QUALIFIED_BONUS = 10.0
SAME_COUNTRY_WEIGHT = 5.0
SAME_REGION_WEIGHT = 2.0
SHARED_REGION_WEIGHT = 3.0
NEARBY_BONUS = 1.5
NEARBY_KM = 150.0
# A name after one of these is a place even when the model took it for a person.
LOCATIVE = {"in", "at", "near", "from", "outside", "to", "into", "across", "around", "toward", "towards"}
# A place that is the subject of a verb stands for its government ("Moscow said").
ACTOR_DEPS = {"nsubj", "nsubjpass"}
LEADING_WORDS = {"the", "The", "THE"}


@dataclass
class Mention:
    """A toponym in the text and what it may refer to."""

    start: int
    end: int
    text: str
    candidates: list[Candidate]
    rule: str
    role: str = "location"
    best: Entry | None = None
    confidence: float = 0.0
    qualifier: Mention | None = None
    says_region: bool = False  # a region word follows: "Kharkiv oblast"

    @property
    def key(self) -> str:
        return normalize(self.text) if self.role != "adjective" else "~" + self.text


@dataclass
class Evidence:
    """What the place entities of an article say about its other names."""

    known: set[str]  # names of place entities: the same name elsewhere is a place too
    common: set[str]  # words the article also writes in lower case: "Man", "Street" are words
    people: set[str]  # surnames of people named in full: "Ripley" alone is the person
    regions: set[tuple[str, str]]  # first-level regions the place entities lie in


class PlacesStage:
    """spaCy component: ``doc._.places`` is every toponym, resolved where the gazetteer can."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.gazetteer = load()
        self.demonyms = demonyms()

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.find(doc)
        text = doc.text  # built anew on each access: read it once
        for m in mentions:
            after = re.match(r"\W*(\w+)", text[m.end : m.end + 24])
            m.says_region = m.text.split()[-1].lower() in REGION_WORDS or bool(
                after and after[1].lower() in REGION_WORDS
            )
        link_qualifiers(mentions, text)
        resolve(mentions)  # names inside street names ("Lamar Avenue") still lend their context
        streets = [m.span() for m in street_pattern().finditer(text)]
        mentions = [m for m in mentions if not any(overlaps((m.start, m.end), s) for s in streets)]
        places = [to_place(m) for m in mentions] + place_streets(text, streets, home_town(mentions))
        doc._.places = sorted(places, key=lambda p: p.span)
        return doc

    # -- finding -------------------------------------------------------------------

    def find(self, doc: Doc) -> list[Mention]:
        """Place entities first; then names in other entities and untagged text."""
        found: list[Mention] = []
        taken: set[int] = set()
        for ent in doc.ents:
            if ent.label_ in PLACE_LABELS and (span := trim(ent)) is not None:
                for part in split_list(span):
                    if (mention := self.place_entity(part, ent.label_)) is not None:
                        found.append(mention)
                        taken.update(range(part.start, part.end))
        resolve(found)
        evidence = Evidence(
            known={m.key for m in found},
            common={t.text for t in doc if t.is_lower},
            people={ent[-1].lower_ for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1},
            regions={region(m.best) for m in found if m.best is not None} - {None},
        )
        taken.update(i for ent in doc.ents if ent.label_ in NUMERIC_LABELS for i in range(ent.start, ent.end))
        entity_at = {i: ent for ent in doc.ents if ent.label_ not in PLACE_LABELS for i in range(ent.start, ent.end)}
        for run in name_runs(doc, taken, entity_at):
            found.extend(self.scan(run, entity_at.get(run.start), evidence))
        found.sort(key=lambda m: m.start)
        return found

    def place_entity(self, span: Span, label: str) -> Mention | None:
        """A GPE/LOC entity, read in full, without a direction word, or by its longest known part."""
        rule = "ent:" + label
        if span.text.lower() in DIRECTIONS:
            return None  # "the North" points within what the text speaks of (North Korea), not at a region so named
        if (demonym := self.demonym(span)) is not None:
            return demonym
        candidates = self.gazetteer.lookup(span.text) or self.narrowed(span)
        if not candidates:
            return None
        return Mention(span.start_char, span.end_char, span.text, candidates, rule, role=role_of(span))

    def narrowed(self, span: Span) -> list[Candidate]:
        """Candidates of "North Texas" (Texas) or "Henderson County Jail" (Henderson County)."""
        if len(span) > 1 and span[0].lower_ in DIRECTIONS:
            if found := self.gazetteer.lookup(span[1:].text):
                return found
        for size in range(len(span) - 1, 0, -1):
            for i in range(len(span) - size + 1):
                part = span[i : i + size]
                if (
                    part[0].text[:1].isupper()
                    and part.text.lower() not in DIRECTIONS
                    and (found := self.gazetteer.lookup(part.text))
                ):
                    return found
        return []

    def scan(self, run: Span, ent: Span | None, evidence: Evidence) -> list[Mention]:
        """The longest known places in a run of names, left to right."""
        out, i = [], 0
        while i < len(run):
            for j in range(len(run), i, -1):
                if (mention := self.accept(run[i:j], ent, evidence)) is not None:
                    out.append(mention)
                    i = j
                    break
            else:
                i += 1
        return out

    def accept(self, span: Span, ent: Span | None, evidence: Evidence) -> Mention | None:
        """``span`` as a toponym when it is well known, after "in"/"near", a place entity
        elsewhere in the article, or a town in a region the article's place entities are in.

        A person's surname in the article ("Ripley" after "Tom Ripley") is never a place, nor a
        word the article also writes in lower case ("Man" in a headline).
        """
        word = span.text.lower()
        if word in DIRECTIONS or (len(span) == 1 and (word in evidence.people or word in evidence.common)):
            return None
        person = ent is not None and ent.label_ == "PERSON"
        inside = ent is not None and (ent.start_char < span.start_char or ent.end_char > span.end_char)
        demonym = None if person else self.demonym(span)
        if demonym is not None:
            return demonym
        candidates = self.gazetteer.lookup(span.text)
        if not candidates:
            return None
        known = normalize(span.text) in evidence.known
        primary = any(c.primary for c in candidates)
        trusted = any(well_known(c) for c in candidates) or (primary and (len(span) > 1 or locative(span)))
        if person:  # the model read a name: only a place elsewhere, or a known one after "in"
            accepted = known or (trusted and locative(span))
        else:
            local = any(c.primary and region(c.entry) in evidence.regions for c in candidates)
            accepted = known or local or trusted
        if not accepted:
            return None
        role = "name" if inside else role_of(span)
        return Mention(
            span.start_char,
            span.end_char,
            span.text,
            candidates,
            "gazetteer:" + (ent.label_ if ent is not None else "text"),
            role=role,
        )

    def demonym(self, span: Span) -> Mention | None:
        """ "Russian", "Palestinians", "Ohioans": the people or adjective of a country or region."""
        key = normalize(span.text)
        entry = self.gazetteer.country(self.demonyms.get(key, ""))
        if entry is None and span[-1].text[:1].isupper() and span.text[:1].isupper():
            entry = self.region_of_demonym(span.text)
        if entry is None:
            return None
        return Mention(span.start_char, span.end_char, span.text, [Candidate(entry, True)], "demonym", role="adjective")

    def region_of_demonym(self, text: str) -> Entry | None:
        for ending in DEMONYM_ENDINGS:
            if text.endswith(ending) and len(text) - len(ending) >= 4:
                stem = text[: -len(ending)]
                for guess in (stem, stem + "a"):
                    for c in self.gazetteer.lookup(guess):
                        if c.primary and c.entry.kind in {"country", "adm1"}:
                            return c.entry
        return None


def trim(span: Span) -> Span | None:
    """The span without a leading "the" or a trailing possessive."""
    start, end = span.start, span.end
    while start < end and span.doc[start].text in LEADING_WORDS:
        start += 1
    while end > start and span.doc[end - 1].text in POSSESSIVE:
        end -= 1
    return span.doc[start:end] if end > start else None


def split_list(span: Span) -> list[Span]:
    """ "Paris, Texas" is two toponyms: the pieces of an entity between commas."""
    parts, start = [], span.start
    for tok in span:
        if tok.text == ",":
            if tok.i > start:
                parts.append(span.doc[start : tok.i])
            start = tok.i + 1
    if span.end > start:
        parts.append(span.doc[start : span.end])
    return parts


def name_runs(doc: Doc, taken: set[int], entity_at: dict[int, Span]) -> list[Span]:
    """Runs of name-like tokens outside place entities, never across an entity's edge."""
    runs, i = [], 0
    while i < len(doc):
        if i in taken or not is_name_token(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < len(doc) and j not in taken and is_name_token(doc[j]) and entity_at.get(j) is entity_at.get(i):
            j += 1
        runs.append(doc[i:j])
        i = j
    return runs


def is_name_token(tok: Token) -> bool:
    """A proper noun, a word in capitals (datelines: "BEIRUT"), or an abbreviation ("S.C.")."""
    text = tok.text
    if not text[:1].isupper() or text in POSSESSIVE:
        return False
    if tok.pos_ == "PROPN" or (tok.ent_type_ and tok.ent_type_ not in {"PERSON"}):
        return True
    return (text.isupper() and len(text) > 2 and text.isalpha()) or ("." in text and len(text) > 2)


def locative(span: Span) -> bool:
    """The name follows "in", "near", "from"...: "born in Gainesville"."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.lower_ in LOCATIVE


def well_known(c: Candidate) -> bool:
    return c.primary and (c.entry.kind in WELL_KNOWN or c.entry.population >= WELL_KNOWN_TOWN)


def role_of(span: Span) -> str:
    """``actor`` when the place is the subject of a verb ("Moscow said", "Kyiv has accepted"),
    never when a locative word leads it ("in Riyadh")."""
    root = span.root
    if locative(span):
        return "location"
    if root.dep_ in ACTOR_DEPS and root.head.pos_ in {"VERB", "AUX"}:
        return "actor"
    if root.dep_ == "pobj" and root.head.dep_ == "agent":
        return "actor"
    return "location"


# -- resolving -------------------------------------------------------------------------


def link_qualifiers(mentions: list[Mention], text: str) -> None:
    """ "Paris, Texas" / "Paris, Ky.": a toponym right after a comma qualifies the one before.

    A qualifier says where the other place lies, so it is never an actor itself, even where the
    parser made it the verb's subject ("officials in Alexandria, Virginia said").
    """
    for left, right in zip(mentions, mentions[1:]):
        between = text[left.end : right.start]
        if between.strip() == "," and any(c.entry.kind in {"country", "adm1"} for c in right.candidates):
            left.qualifier = right
            if right.role == "actor":
                right.role = "location"


def within(entry: Entry, region: Entry) -> bool:
    if region.kind == "country":
        return entry.country == region.country
    return entry.country == region.country and entry.admin1 == region.admin1


def prior(c: Candidate) -> float:
    """How likely a reading is before context: bigger and more important places first."""
    e = c.entry
    penalty = 0.0 if c.primary else ALTERNATE_NAME_PENALTY
    return POPULATION_WEIGHT * math.log10(e.population + 10) + KIND_PRIOR[e.kind] - penalty


def resolve(mentions: list[Mention]) -> None:
    """Pick each name's entry: prior and qualifiers first, then twice with the article's context.

    All mentions of one name in an article are read alike (one sense per discourse), so a
    "Paris, Texas" early on settles every later "Paris".
    """
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[m.key].append(m)
    base = {key: qualified_prior(group) for key, group in groups.items()}
    regions = {key: {region(c.entry) for c in group[0].candidates} for key, group in groups.items()}
    for key, group in groups.items():
        others = [r for k, r in regions.items() if k != key]
        for i, c in enumerate(group[0].candidates):
            base[key][i] += SHARED_REGION_WEIGHT * shared(region(c.entry), others)
    final = dict(base)
    chosen = {key: pick(group[0], base[key]) for key, group in groups.items()}
    for _ in range(2):
        for key, group in groups.items():
            others = [chosen[m.key] for m in mentions if m.key != key]
            final[key] = {i: s + context(group[0].candidates[i].entry, others) for i, s in base[key].items()}
            chosen[key] = pick(group[0], final[key])
    for m in mentions:
        m.best, m.confidence = chosen[m.key], certainty(final[m.key])


def region(entry: Entry) -> tuple[str, str] | None:
    """The first-level region an entry lies in (itself for a region); None for wider ones."""
    return None if entry.kind in {"country", "continent"} else (entry.country, entry.admin1)


def shared(place: tuple[str, str] | None, others: list[set]) -> float:
    """Share of the article's other names that can be read as lying in the same region.

    Two ambiguous names support each other's readings in one state ("Gainesville" and
    "Hall County" both have a reading in Georgia) even before either is settled.
    """
    if place is None or not others:
        return 0.0
    return sum(place in o for o in others) / len(others)


def qualified_prior(group: list[Mention]) -> dict[int, float]:
    """Prior of each candidate, raised for those inside a region written next to any mention."""
    candidates = group[0].candidates
    scores = {i: prior(c) for i, c in enumerate(candidates)}
    regions = [
        q.entry for m in group if m.qualifier for q in m.qualifier.candidates if q.entry.kind in {"country", "adm1"}
    ]
    for i, c in enumerate(candidates):
        if any(within(c.entry, r) for r in regions):
            scores[i] += QUALIFIED_BONUS
        if not any(m.says_region for m in group) and namesake_city(c, candidates):
            scores[i] -= NAMESAKE_PENALTY
    return scores


def namesake_city(c: Candidate, candidates: list[Candidate]) -> bool:
    """Whether a region reading competes with a city inside it whose own name this is, while the
    region's is another ("Odesa" is the city; "Odeska oblast" only when the text says region)."""
    return (
        c.entry.kind == "adm1"
        and not c.primary
        and any(
            o.entry.kind in {"city", "capital"}
            and o.entry.country == c.entry.country
            and o.entry.admin1 == c.entry.admin1
            and o.primary
            for o in candidates
        )
    )


def context(entry: Entry, others: list[Entry]) -> float:
    """Support from the article's other places: same country, same region, nearby."""
    if not others:
        return 0.0
    countries = Counter(e.country for e in others)
    regions = Counter((e.country, e.admin1) for e in others if e.kind != "country")
    score = SAME_COUNTRY_WEIGHT * countries[entry.country] / len(others)
    if entry.kind != "country" and regions:
        score += SAME_REGION_WEIGHT * regions[(entry.country, entry.admin1)] / sum(regions.values())
    towns = [e for e in others if e.kind in {"city", "capital", "adm2"} and e.geonameid != entry.geonameid]
    if entry.kind in {"city", "capital", "adm2"} and any(distance_km(entry, e) <= NEARBY_KM for e in towns):
        score += NEARBY_BONUS
    return score


def pick(m: Mention, scores: dict[int, float]) -> Entry:
    return m.candidates[max(scores, key=lambda i: scores[i])].entry


def certainty(scores: dict[int, float]) -> float:
    """How sure the reading is: a logistic of the lead of the best score over the runner-up."""
    if len(scores) < 2:
        return 0.95
    best, second = sorted(scores.values(), reverse=True)[:2]
    return round(min(0.95, 1.0 / (1.0 + math.exp(-(best - second)))), 3)


def to_place(m: Mention) -> Place:
    e = m.best
    assert e is not None, "resolve() reads every mention"
    return Place(
        span=(m.start, m.end),
        name=e.name,
        lat=e.lat,
        lon=e.lon,
        country=e.country or None,
        admin1=(e.admin1 if e.kind not in {"country", "continent"} else None) or None,
        geonameid=e.geonameid,
        confidence=m.confidence,
        rule=m.rule,
        role=m.role,
    )


def home_town(mentions: list[Mention]) -> Entry | None:
    """The town (or county) the article is about: its most often named one, the first on a tie."""
    towns = [
        m.best
        for m in mentions
        if m.best is not None and m.best.kind in {"city", "capital", "adm2"} and m.role != "adjective"
    ]
    if not towns:
        return None
    counts = Counter(e.geonameid for e in towns)
    return max(towns, key=lambda e: counts[e.geonameid])


@lru_cache(maxsize=1)
def street_pattern() -> re.Pattern[str]:
    """ "Orchard St.", "Browns Bridge Road", "Highway 19", "I-75", from ``places/streets.tsv``."""
    rows = read_tsv("places/streets.tsv")
    after = "|".join(re.escape(r["word"]) for r in rows if r["position"] == "after")
    before = "|".join(re.escape(r["word"]) for r in rows if r["position"] == "before")
    name = r"(?:[A-Z][\w'’-]*\.? ){1,3}"
    return re.compile(rf"\b{name}(?:{after})(?!\w)|\b(?:{before})[ -]?\d+[A-Z]?\b")


def place_streets(text: str, spans: list[tuple[int, int]], home: Entry | None) -> list[Place]:
    """Streets and roads, placed (with low confidence) at the article's home town."""
    out = []
    for start, end in spans:
        place = Place(span=(start, end), name=text[start:end], confidence=0.3, rule="street", role="location")
        if home is not None:
            place.lat, place.lon, place.country, place.admin1 = home.lat, home.lon, home.country, home.admin1
        out.append(place)
    return out


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


@Language.factory("sitroom_places")
def make_places(nlp: Language, name: str) -> PlacesStage:
    return PlacesStage(nlp)
