"""The embedded store: one SQLite file (WAL), written one article per transaction.

Ingest is idempotent by content hash: the same text twice is stored once; the
same id with a new text replaces the old record whole. A failure while writing
an article rolls the whole article back, so nothing is ever half-written.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sitroom.errors import E008, error
from sitroom.record import Event, Quote, Record
from sitroom.store.migrations import migrate


def _j(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


class Store:
    """A sitroom store in a SQLite file; queries live in :mod:`sitroom.store.queries`."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            self.conn = sqlite3.connect(str(self.path), isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            raise error(E008, str(path), f"cannot open as a sitroom store ({exc})") from exc

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has_text(self, text_hash: str) -> bool:
        """Whether an article with exactly this text is already stored."""
        return self.conn.execute("SELECT 1 FROM articles WHERE hash = ?", (text_hash,)).fetchone() is not None

    def ingest(self, record: Record, status: str = "analysed") -> str:
        """Store one article and its facts in one transaction: 'new', 'same' or 'replaced'."""
        art = record.article
        if self.has_text(art.hash):
            return "same"
        outcome = "new"
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            if self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (art.id,)).fetchone():
                self.conn.execute("DELETE FROM articles WHERE id = ?", (art.id,))
                outcome = "replaced"
            self._insert(record, status)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return outcome

    def _band_mates(self, keys: list[str]) -> list[tuple[str, bytes]]:
        """``(id, fingerprint)`` of the stored articles that share an LSH band key with these."""
        marks = ",".join("?" * len(keys))
        rows = self.conn.execute(
            f"SELECT DISTINCT a.id, a.fingerprint FROM article_bands b JOIN articles a ON a.id = b.article_id"
            f" WHERE b.band IN ({marks})",
            keys,
        ).fetchall()
        return [(r[0], r[1]) for r in rows]

    def _original(self, article_id: str) -> str:
        """The article a near-copy was linked to, or the article itself if it is no copy."""
        original = self.conn.execute("SELECT duplicate_of FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
        return original or article_id

    def _insert(self, record: Record, status: str) -> None:
        # numpy (through dedup) is loaded only to write, so the query commands start without it.
        from sitroom.store import dedup

        art, c = record.article, self.conn
        fp = dedup.fingerprint(art.text)
        keys = dedup.band_keys(fp)
        match = dedup.best_match(fp, self._band_mates(keys))
        # The stored article this text is a near-copy of (its own original, if that is a copy too).
        dup = (self._original(match[0]), match[1]) if match else None
        c.execute(
            "INSERT INTO articles (id, hash, text, title, published, url, outlet, language, status, origin,"
            " ingested_at, fingerprint, duplicate_of, similarity, byline) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                art.id,
                art.hash,
                art.text,
                art.title,
                art.published.isoformat() if art.published else None,
                art.url,
                art.outlet,
                art.language,
                status,
                art.origin,
                datetime.now(UTC).isoformat(),
                dedup.to_bytes(fp),
                dup[0] if dup else None,
                dup[1] if dup else None,
                art.byline,
            ),
        )
        c.executemany("INSERT INTO article_bands VALUES (?,?)", [(k, art.id) for k in keys])
        c.executemany(
            "INSERT INTO actors VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (art.id, a.id, a.name, a.kind, a.country, a.sector, a.role, _j(a.mentions), a.confidence, a.rule)
                for a in record.actors
            ],
        )
        for q in record.quotes:
            c.execute(
                "INSERT INTO quotes (article_id, kind, content, words, speaker, speaker_span, speaker_actor,"
                " speaker_country, speaker_sector, cue, cue_lemma, medium, evidence, confidence, rule)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                self._quote_row(art.id, art.text, q),
            )
        for e in record.events:
            c.execute(
                "INSERT INTO events (article_id, type, mode, quad, context, factuality, source, target, actors,"
                " trigger, evidence, date, date_precision, date_source, place, lat, lon, place_country,"
                " quantities, confidence, rationale, mentions, plan, place_source)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                self._event_row(art.id, e),
            )
        c.executemany(
            "INSERT INTO times VALUES (?,?,?,?,?,?)",
            [(art.id, t.span[0], t.span[1], t.type, t.value, t.precision) for t in record.times],
        )
        c.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    art.id,
                    p.span[0],
                    p.span[1],
                    p.name,
                    p.lat,
                    p.lon,
                    p.country,
                    p.admin1,
                    p.geonameid,
                    p.role,
                    p.confidence,
                    p.rule,
                )
                for p in record.places
            ],
        )
        c.executemany(
            "INSERT INTO quantities VALUES (?,?,?,?,?)",
            [(art.id, q.span[0], q.span[1], q.value, q.unit) for q in record.quantities],
        )

    @staticmethod
    def _quote_row(article_id: str, text: str, q: Quote) -> tuple:
        words = " … ".join(text[s:e] for s, e in q.content)
        sp = q.speaker
        return (
            article_id,
            q.kind,
            _j(q.content),
            words,
            sp.name or sp.text if sp else None,
            _j(sp.span) if sp else None,
            sp.actor_id if sp else None,
            sp.country if sp else None,
            sp.sector if sp else None,
            _j(q.cue),
            q.cue_lemma,
            q.medium,
            _j(q.evidence),
            q.confidence,
            q.rule,
        )

    @staticmethod
    def _event_row(article_id: str, e: Event) -> tuple:
        refs = [*e.source, *e.target]
        names = sorted({r.name or r.text for r in refs} | {r.country for r in refs if r.country})
        place = e.place
        return (
            article_id,
            e.type,
            e.mode,
            e.quad,
            _j(e.context),
            e.factuality,
            _j([r.__dict__ for r in e.source]),
            _j([r.__dict__ for r in e.target]),
            "\n".join(names),
            _j(e.trigger),
            _j(e.evidence),
            e.date.value if e.date else None,
            e.date.precision if e.date else None,
            e.date.source if e.date else None,
            _j(place.__dict__) if place else None,
            place.lat if place else None,
            place.lon if place else None,
            place.country if place else None,
            _j([q.__dict__ for q in e.quantities]),
            e.confidence,
            e.rationale,
            _j([asdict(m) for m in e.mentions]),
            _j(asdict(e.plan)) if e.plan else None,
            e.place_source,
        )
