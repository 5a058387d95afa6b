"""Resolving toponyms: which of its gazetteer readings each mention is.

Every GeoNames entry a name can refer to is a reading, scored by its size and kind (a country's
capital beats a namesake town), by a qualifier written next to it ("Paris, Texas"), and by the
article's other names: the countries and regions they resolve to or can be read in, and how near
they are (Alexandria next to Rapides Parish is the Louisiana one). The weights are
:class:`~sitroom.stages.places.settings.PlacesSettings`.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from itertools import pairwise

from sitroom.stages.places.gazetteer import Entry, NameMatch, distance_km, region
from sitroom.stages.places.mentions import Mention
from sitroom.stages.places.settings import DEFAULTS, PlacesSettings


def link_qualifiers(mentions: list[Mention], text: str) -> None:
    """ "Paris, Texas" / "Paris, Ky.": a toponym right after a comma qualifies the one before.

    A qualifier says where the other place lies, so it is never an actor itself, even where the
    parser made it the verb's subject ("officials in Alexandria, Virginia said").
    """
    for left, right in pairwise(mentions):
        between = text[left.end : right.start]
        if between.strip() == "," and any(r.entry.kind in {"country", "adm1"} for r in right.readings):
            left.qualifier = right
            if right.role == "actor":
                right.role = "location"


def resolve_mentions(mentions: list[Mention], settings: PlacesSettings = DEFAULTS) -> None:
    """Pick each name's entry: prior and qualifiers first, then twice with the article's context.

    All mentions of one name in an article are read alike (one sense per discourse), so a
    "Paris, Texas" early on settles every later "Paris".
    """
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[m.key].append(m)
    base = {key: qualified_prior(group, settings) for key, group in groups.items()}
    regions = {key: {region(r.entry) for r in group[0].readings} for key, group in groups.items()}
    for key, group in groups.items():
        others = [r for k, r in regions.items() if k != key]
        for i, reading in enumerate(group[0].readings):
            base[key][i] += settings.shared_region_weight * shared(region(reading.entry), others)
    final = dict(base)
    chosen = {key: pick(group[0], base[key]) for key, group in groups.items()}
    for _ in range(2):
        for key, group in groups.items():
            chosen_others = [chosen[m.key] for m in mentions if m.key != key]
            final[key] = {
                i: s + context_support(group[0].readings[i].entry, chosen_others, settings)
                for i, s in base[key].items()
            }
            chosen[key] = pick(group[0], final[key])
    for m in mentions:
        m.best, m.confidence = chosen[m.key], certainty(final[m.key])


def prior(reading: NameMatch, settings: PlacesSettings = DEFAULTS) -> float:
    """How likely a reading is before context: bigger and more important places first."""
    e = reading.entry
    penalty = 0.0 if reading.primary else settings.alternate_name_penalty
    return settings.population_weight * math.log10(e.population + 10) + settings.kind_prior[e.kind] - penalty


def qualified_prior(group: list[Mention], settings: PlacesSettings = DEFAULTS) -> dict[int, float]:
    """Prior of each reading, raised for those inside a region written next to any mention."""
    readings = group[0].readings
    scores = {i: prior(r, settings) for i, r in enumerate(readings)}
    regions = [
        q.entry for m in group if m.qualifier for q in m.qualifier.readings if q.entry.kind in {"country", "adm1"}
    ]
    for i, r in enumerate(readings):
        if any(within(r.entry, place) for place in regions):
            scores[i] += settings.qualified_bonus
        if not any(m.says_region for m in group) and namesake_city(r, readings):
            scores[i] -= settings.namesake_penalty
    return scores


def within(entry: Entry, place: Entry) -> bool:
    """Whether an entry lies in a country or first-level region."""
    if place.kind == "country":
        return entry.country == place.country
    return entry.country == place.country and entry.admin1 == place.admin1


def namesake_city(reading: NameMatch, readings: list[NameMatch]) -> bool:
    """Whether a region reading competes with a city inside it whose own name this is, while the
    region's is another ("Odesa" is the city; "Odeska oblast" only when the text says region)."""
    return (
        reading.entry.kind == "adm1"
        and not reading.primary
        and any(
            o.entry.kind in {"city", "capital"}
            and o.entry.country == reading.entry.country
            and o.entry.admin1 == reading.entry.admin1
            and o.primary
            for o in readings
        )
    )


def shared(place: tuple[str, str] | None, others: list[set[tuple[str, str] | None]]) -> float:
    """Share of the article's other names that can be read as lying in the same region.

    Two ambiguous names support each other's readings in one state ("Gainesville" and
    "Hall County" both have a reading in Georgia) even before either is settled.
    """
    if place is None or not others:
        return 0.0
    return sum(place in o for o in others) / len(others)


def context_support(entry: Entry, others: list[Entry], settings: PlacesSettings = DEFAULTS) -> float:
    """Support from the article's other places: same country, same region, nearby."""
    if not others:
        return 0.0
    countries = Counter(e.country for e in others)
    regions = Counter((e.country, e.admin1) for e in others if e.kind != "country")
    score = settings.same_country_weight * countries[entry.country] / len(others)
    if entry.kind != "country" and regions:
        score += settings.same_region_weight * regions[(entry.country, entry.admin1)] / sum(regions.values())
    towns = [e for e in others if e.kind in {"city", "capital", "adm2"} and e.geonameid != entry.geonameid]
    if entry.kind in {"city", "capital", "adm2"} and any(distance_km(entry, e) <= settings.nearby_km for e in towns):
        score += settings.nearby_bonus
    return score


def pick(m: Mention, scores: dict[int, float]) -> Entry:
    return m.readings[max(scores, key=lambda i: scores[i])].entry


def certainty(scores: dict[int, float]) -> float:
    """How sure the reading is: a logistic of the lead of the best score over the runner-up."""
    if len(scores) < 2:
        return 0.95
    best, second = sorted(scores.values(), reverse=True)[:2]
    return round(min(0.95, 1.0 / (1.0 + math.exp(-(best - second)))), 3)
