"""Finding toponyms: the names in a text that the gazetteer knows as places, and what each stands for.

Found first are the spaCy model's GPE/LOC entities that the gazetteer knows, read in full, without
a direction word, or by their longest known part, and demonyms of countries and regions ("Russian",
"Ohioans"). Then, to mend the small model's misses, names inside other entities or in untagged
text count when they are well-known places ("Kyiv" tagged ORG), follow "in"/"near", are a place
entity elsewhere in the article, or are towns in the regions the article's place entities lie in
(:class:`Evidence`). Each :class:`Mention` keeps every gazetteer reading of its name; which one
it is, is decided by :mod:`sitroom.stages.places.ranking`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from sitroom.stages.places.gazetteer import Entry, Gazetteer, NameMatch, normalize, region
from sitroom.stages.places.settings import DEFAULTS, PlacesSettings

# A place entity that the gazetteer cannot resolve, even in part, is left out: on LGL most
# of them are people or organisations the small model took for places.
PLACE_LABELS = {"GPE", "LOC"}
# Dates and numbers hold no toponyms, though "May" and "August" are towns.
NUMERIC_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
# A name outside a place entity counts only if its best reading is this well known (or a town as
# populous as PlacesSettings.well_known_town), or the same name is a place entity elsewhere in the article.
WELL_KNOWN = {"continent", "country", "adm1", "capital"}
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
    readings: list[NameMatch]
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


def entity_evidence(doc: Doc, entities: list[Mention]) -> Evidence:
    """What the article's place entities, already resolved, say about its other names."""
    return Evidence(
        known={m.key for m in entities},
        common={t.text for t in doc if t.is_lower},
        people={ent[-1].lower_ for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1},
        regions={r for m in entities if m.best is not None and (r := region(m.best)) is not None},
    )


class MentionFinder:
    """Toponyms of a Doc: its place entities, then known places among its other names."""

    def __init__(self, gazetteer: Gazetteer, demonyms: dict[str, str], settings: PlacesSettings = DEFAULTS) -> None:
        self.gazetteer = gazetteer
        self.demonyms = demonyms
        self.settings = settings

    def place_entities(self, doc: Doc) -> tuple[list[Mention], set[int]]:
        """The GPE/LOC entities the gazetteer knows, and the tokens they take."""
        found: list[Mention] = []
        taken: set[int] = set()
        for ent in doc.ents:
            if ent.label_ in PLACE_LABELS and (span := trim_place(ent)) is not None:
                for part in split_list(span):
                    if (mention := self.place_entity(part, ent.label_)) is not None:
                        found.append(mention)
                        taken.update(range(part.start, part.end))
        return found, taken

    def other_names(self, doc: Doc, taken: set[int], evidence: Evidence) -> list[Mention]:
        """Known places among the names outside the taken tokens, in other entities or untagged text."""
        taken = taken | {i for ent in doc.ents if ent.label_ in NUMERIC_LABELS for i in range(ent.start, ent.end)}
        entity_at = {i: ent for ent in doc.ents if ent.label_ not in PLACE_LABELS for i in range(ent.start, ent.end)}
        found: list[Mention] = []
        for run in name_runs(doc, taken, entity_at):
            found.extend(self.scan(run, entity_at.get(run.start), evidence))
        return found

    def place_entity(self, span: Span, label: str) -> Mention | None:
        """A GPE/LOC entity, read in full, without a direction word, or by its longest known part."""
        rule = "ent:" + label
        if span.text.lower() in DIRECTIONS:
            return None  # "the North" points within what the text speaks of (North Korea), not at a region so named
        if (demonym := self.demonym(span)) is not None:
            return demonym
        readings = self.gazetteer.lookup(span.text) or self.narrowed(span)
        if not readings:
            return None
        return Mention(span.start_char, span.end_char, span.text, readings, rule, role=place_role(span))

    def narrowed(self, span: Span) -> list[NameMatch]:
        """Readings of "North Texas" (Texas) or "Henderson County Jail" (Henderson County)."""
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
        readings = self.gazetteer.lookup(span.text)
        if not readings:
            return None
        known = normalize(span.text) in evidence.known
        primary = any(r.primary for r in readings)
        trusted = any(well_known(r, self.settings) for r in readings) or (primary and (len(span) > 1 or locative(span)))
        if person:  # the model read a name: only a place elsewhere, or a known one after "in"
            accepted = known or (trusted and locative(span))
        else:
            local = any(r.primary and region(r.entry) in evidence.regions for r in readings)
            accepted = known or local or trusted
        if not accepted:
            return None
        role = "name" if inside else place_role(span)
        return Mention(
            span.start_char,
            span.end_char,
            span.text,
            readings,
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
        return Mention(span.start_char, span.end_char, span.text, [NameMatch(entry, True)], "demonym", role="adjective")

    def region_of_demonym(self, text: str) -> Entry | None:
        for ending in DEMONYM_ENDINGS:
            if text.endswith(ending) and len(text) - len(ending) >= 4:
                stem = text[: -len(ending)]
                for guess in (stem, stem + "a"):
                    for r in self.gazetteer.lookup(guess):
                        if r.primary and r.entry.kind in {"country", "adm1"}:
                            return r.entry
        return None


def mark_region_words(mentions: list[Mention], text: str) -> None:
    """Note the mentions a region word ends or follows ("Kharkiv oblast", "the Donetsk region")."""
    for m in mentions:
        after = re.match(r"\W*(\w+)", text[m.end : m.end + 24])
        m.says_region = m.text.split()[-1].lower() in REGION_WORDS or bool(after and after[1].lower() in REGION_WORDS)


def trim_place(span: Span) -> Span | None:
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


def well_known(reading: NameMatch, settings: PlacesSettings = DEFAULTS) -> bool:
    return reading.primary and (
        reading.entry.kind in WELL_KNOWN or reading.entry.population >= settings.well_known_town
    )


def place_role(span: Span) -> str:
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
