"""The places stage's tuning values: when a name is a well-known place, and how readings are ranked.

The factory ``sitroom_places`` (:mod:`sitroom.stages.places.stage`) declares the same values as its
``default_config``, so ``nlp.config`` shows them; the stage passes its settings down to the finding
(:mod:`sitroom.stages.places.mentions`) and the ranking (:mod:`sitroom.stages.places.ranking`), and
each of those takes ``DEFAULTS`` when called directly. The stage is scored on LGL dev
(docs/benchmarks.md); the decisions behind these values are in docs/decisions.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def _kind_prior() -> dict[str, float]:
    return {"continent": 3.0, "country": 3.0, "adm1": 2.0, "capital": 2.5, "adm2": 0.5, "city": 0.0}


@dataclass(frozen=True)
class PlacesSettings:
    # A name outside a place entity counts when a primary reading is a town this populous (or a wider place).
    well_known_town: int = 100_000
    # The prior of a reading: a weight per kind of place, plus this weight times log10 of its population,
    # less a penalty when the name is only an alternate name of the entry.
    kind_prior: dict[str, float] = field(default_factory=_kind_prior)
    population_weight: float = 0.5
    alternate_name_penalty: float = 1.5
    qualified_bonus: float = 10.0  # a reading inside the region written next to the name ("Paris, Texas")
    namesake_penalty: float = 3.0  # a region read by its capital city's name ("Odesa", "Kharkiv") drops below the city
    shared_region_weight: float = 3.0  # times the share of the article's other names readable in the same region
    same_country_weight: float = 5.0  # times the share of the article's other places in the same country
    same_region_weight: float = 2.0  # times the share of the article's other regional places in the same region
    nearby_bonus: float = 1.5  # a town within nearby_km of another town the article names
    nearby_km: float = 150.0


DEFAULTS = PlacesSettings()
