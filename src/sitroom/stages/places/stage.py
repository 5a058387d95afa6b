"""Toponyms found in the text and resolved offline to coordinates, country and region.

Finding (:mod:`sitroom.stages.places.mentions`): the spaCy model's GPE/LOC entities that the
gazetteer knows; demonyms of countries and regions ("Russian", "Ohioans"); and, to mend the small
model's misses, names inside other entities or in untagged text that are well-known places ("Kyiv"
tagged ORG), follow "in"/"near", are a place entity elsewhere in the article, or are towns in the
regions the article's place entities lie in; streets and numbered roads ("Orchard St.",
"Highway 19"), placed at the article's home town. Resolving (:mod:`sitroom.stages.places.ranking`):
every GeoNames entry a name can refer to is a reading, scored by its size and kind, by a qualifier
written next to it ("Paris, Texas"), and by the article's other names.

Each :class:`~sitroom.record.Place` says its ``role``: ``location`` (where something is or
happens), ``actor`` (the place stands for its government: "Moscow said", "Kyiv accepted";
the actors stage codes those), ``adjective`` (a demonym: "Russian drones", "nine
Ukrainian regions") or ``name`` (part of an organisation's name: "Gainesville Police").
Only ``location`` places are where events happen.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from sitroom.knowledge import read_tsv
from sitroom.record import Place
from sitroom.stages.places.gazetteer import Entry, demonyms, load
from sitroom.stages.places.mentions import Mention, MentionFinder, entity_evidence, mark_region_words
from sitroom.stages.places.ranking import link_qualifiers, resolve_mentions
from sitroom.stages.places.settings import DEFAULTS, PlacesSettings


class PlacesStage:
    """spaCy component: ``doc._.places`` is every toponym, resolved where the gazetteer can."""

    def __init__(self, nlp: Language, settings: PlacesSettings = DEFAULTS) -> None:
        self.nlp = nlp
        self.settings = settings
        self.finder = MentionFinder(load(), demonyms(), settings)

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.find(doc)
        text = doc.text  # built anew on each access: read it once
        mark_region_words(mentions, text)
        link_qualifiers(mentions, text)
        resolve_mentions(mentions, self.settings)  # names inside street names ("Lamar Avenue") still lend their context
        streets = [m.span() for m in street_pattern().finditer(text)]
        mentions = [m for m in mentions if not any(min(m.end, end) > max(m.start, start) for start, end in streets)]
        places = [to_place(m) for m in mentions] + place_streets(text, streets, home_town(mentions))
        doc._.places = sorted(places, key=lambda p: p.span)
        return doc

    def find(self, doc: Doc) -> list[Mention]:
        """Place entities first; then, with what they say once resolved, names in other entities and untagged text."""
        found, taken = self.finder.place_entities(doc)
        resolve_mentions(found, self.settings)
        found += self.finder.other_names(doc, taken, entity_evidence(doc, found))
        found.sort(key=lambda m: m.start)
        return found


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


@Language.factory(
    "sitroom_places",
    requires=["doc.ents", "token.pos", "token.dep", "token.ent_type"],
    assigns=["doc._.places"],
    default_config={"settings": asdict(DEFAULTS)},  # nlp.config shows every tuned value
)
def make_places(nlp: Language, name: str, settings: dict[str, Any]) -> PlacesStage:
    return PlacesStage(nlp, PlacesSettings(**settings))
