"""Read the store: quotes, events (a timeline is events in date order), actors and counts.

Every value a user types reaches SQLite as a bound parameter, never as SQL text.
Each function returns plain dicts, which the CLI prints as tables or JSON.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from sitroom.store.sqlite import Store

JSON_COLUMNS = {
    "content",
    "speaker_span",
    "cue",
    "evidence",
    "context",
    "source",
    "target",
    "trigger",
    "place",
    "quantities",
    "mentions",
    "plan",
}


@dataclass
class Filters:
    """What a query keeps; ``None`` keeps everything."""

    actor: str | None = None  # a name or country code, matched against the event's or quote's parties
    type: str | None = None  # PLOVER type for events, quote kind for quotes
    since: str | None = None  # YYYY[-MM[-DD]], inclusive
    until: str | None = None  # YYYY[-MM[-DD]], inclusive
    article: str | None = None
    speaker: str | None = None
    search: str | None = None  # full-text words in quotes
    mode: str | None = None
    factuality: str | None = None
    country: str | None = None  # country of the event's place or parties
    near: tuple[float, float, float] | None = None  # lat, lon, km
    limit: int = 200


def _row(row: Any) -> dict[str, Any]:
    return {k: json.loads(row[k]) if k in JSON_COLUMNS and row[k] is not None else row[k] for k in row.keys()}


def _evidence_text(alias: str) -> str:
    """SQL for the words of a fact's evidence span (SQLite counts characters as Python does)."""
    start, end = f"json_extract({alias}.evidence, '$[0]')", f"json_extract({alias}.evidence, '$[1]')"
    return f"trim(substr(a.text, {start} + 1, {end} - {start}))"


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _dates(where: list[str], params: list[Any], column: str, f: Filters) -> None:
    """Inclusive date bounds on a TIMEX3-style column: '2025-03' until '2025-03' keeps all of March."""
    if f.since:
        where.append(f"{column} >= ?")
        params.append(f.since)
    if f.until:
        where.append(f"{column} < ?")
        params.append(f.until + "\uffff")


def quotes(store: Store, f: Filters) -> list[dict[str, Any]]:
    """Quotes with their article's date, newest first."""
    where, params = ["1=1"], []
    if f.article:
        where.append("q.article_id = ?")
        params.append(f.article)
    if f.speaker:
        where.append("q.speaker LIKE ? ESCAPE '\\'")
        params.append(_like(f.speaker))
    if f.actor:
        where.append("(q.speaker LIKE ? ESCAPE '\\' OR q.speaker_country = ?)")
        params += [_like(f.actor), f.actor.upper()]
    if f.type:
        where.append("q.kind = ?")
        params.append(f.type.lower())
    if f.search:
        where.append("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        params.append(_fts_query(f.search))
    _dates(where, params, "a.published", f)
    sql = (
        f"SELECT q.*, a.published, a.title, {_evidence_text('q')} AS sentence"
        f" FROM quotes q JOIN articles a ON a.id = q.article_id"
        f" WHERE {' AND '.join(where)} ORDER BY a.published DESC, q.article_id, q.id LIMIT ?"
    )
    return [_row(r) for r in store.conn.execute(sql, [*params, f.limit])]


def _fts_query(words: str) -> str:
    """Each word as a quoted FTS5 term, so user text is never FTS syntax."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in words.split())


def events(store: Store, f: Filters) -> list[dict[str, Any]]:
    """Events, in date order (undated last)."""
    where, params = ["1=1"], []
    if f.article:
        where.append("e.article_id = ?")
        params.append(f.article)
    if f.type:
        where.append("e.type = ?")
        params.append(f.type.upper())
    if f.mode:
        where.append("e.mode = ?")
        params.append(f.mode.lower())
    if f.factuality:
        where.append("e.factuality = ?")
        params.append(f.factuality.lower())
    if f.actor:
        where.append("(e.actors LIKE ? ESCAPE '\\')")
        params.append(_like(f.actor))
    if f.country:
        where.append("(e.place_country = ? OR e.actors LIKE ? ESCAPE '\\')")
        params += [f.country.upper(), _like(f.country.upper())]
    _dates(where, params, "COALESCE(e.date, a.published)", f)
    sql = (
        f"SELECT e.*, a.published, a.title, {_evidence_text('e')} AS sentence"
        f" FROM events e JOIN articles a ON a.id = e.article_id"
        f" WHERE {' AND '.join(where)} ORDER BY e.date IS NULL, e.date, e.article_id, e.id LIMIT ?"
    )
    rows = [_row(r) for r in store.conn.execute(sql, [*params, f.limit if not f.near else -1])]
    if f.near:
        rows = [r for r in rows if _within(r, *f.near)][: f.limit]
    return rows


def _within(row: dict[str, Any], lat: float, lon: float, km: float) -> bool:
    """Great-circle distance of the event's place from (lat, lon) is at most km."""
    if row["lat"] is None or row["lon"] is None:
        return False
    p1, p2 = math.radians(lat), math.radians(row["lat"])
    dp, dl = p2 - p1, math.radians(row["lon"] - lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h)) <= km


def actors(store: Store, f: Filters) -> list[dict[str, Any]]:
    """Actors merged by name across articles, with mention, quote and event counts."""
    where, params = ["1=1"], []
    if f.actor:
        where.append("(ac.name LIKE ? ESCAPE '\\' OR ac.country = ?)")
        params += [_like(f.actor), f.actor.upper()]
    if f.article:
        where.append("ac.article_id = ?")
        params.append(f.article)
    sql = f"""
        SELECT ac.name, ac.kind, ac.country, ac.sector,
               COUNT(DISTINCT ac.article_id) AS articles,
               SUM(json_array_length(ac.mentions)) AS mentions,
               (SELECT COUNT(*) FROM quotes q WHERE q.speaker = ac.name) AS quotes,
               (SELECT COUNT(*) FROM events e WHERE e.actors LIKE '%' || ac.name || '%') AS events
        FROM actors ac WHERE {" AND ".join(where)}
        GROUP BY ac.name, ac.kind, ac.country, ac.sector
        ORDER BY mentions DESC, ac.name LIMIT ?"""
    return [dict(r) for r in store.conn.execute(sql, [*params, f.limit])]


def stats(store: Store) -> dict[str, int]:
    """How much the store holds."""
    c = store.conn
    count = lambda sql: c.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "articles": count("SELECT COUNT(*) FROM articles"),
        "analysed": count("SELECT COUNT(*) FROM articles WHERE status = 'analysed'"),
        "not analysed": count("SELECT COUNT(*) FROM articles WHERE status != 'analysed'"),
        "near-duplicates": count("SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL"),
        "quotes": count("SELECT COUNT(*) FROM quotes"),
        "events": count("SELECT COUNT(*) FROM events"),
        "actors": count("SELECT COUNT(DISTINCT name) FROM actors"),
        "times": count("SELECT COUNT(*) FROM times"),
        "places": count("SELECT COUNT(*) FROM places"),
        "quantities": count("SELECT COUNT(*) FROM quantities"),
    }
