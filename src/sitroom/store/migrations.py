"""The store's schema as a list of migrations, applied in order (sqlite-utils style).

``PRAGMA user_version`` records how many have run, so opening an older store
brings it up to date and opening a current one changes nothing. Append new
migrations; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: list[str] = [
    # 1: articles and everything extracted from them
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        text TEXT NOT NULL,
        title TEXT, published TEXT, url TEXT, outlet TEXT, language TEXT,
        status TEXT NOT NULL DEFAULT 'analysed',
        origin TEXT,
        ingested_at TEXT NOT NULL
    );
    CREATE TABLE actors (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        local_id TEXT NOT NULL,
        name TEXT NOT NULL, kind TEXT, country TEXT, sector TEXT, role TEXT,
        mentions TEXT NOT NULL, confidence REAL, rule TEXT,
        PRIMARY KEY (article_id, local_id)
    );
    CREATE INDEX actors_name ON actors(name);
    CREATE TABLE quotes (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        kind TEXT NOT NULL, content TEXT NOT NULL, words TEXT NOT NULL,
        speaker TEXT, speaker_span TEXT, speaker_actor TEXT, speaker_country TEXT, speaker_sector TEXT,
        cue TEXT, cue_lemma TEXT, medium TEXT,
        evidence TEXT, confidence REAL, rule TEXT
    );
    CREATE INDEX quotes_article ON quotes(article_id);
    CREATE INDEX quotes_speaker ON quotes(speaker);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        type TEXT NOT NULL, mode TEXT, quad INTEGER NOT NULL, context TEXT,
        factuality TEXT NOT NULL,
        source TEXT NOT NULL, target TEXT NOT NULL,
        actors TEXT NOT NULL,
        trigger TEXT NOT NULL, evidence TEXT NOT NULL,
        date TEXT, date_precision TEXT, date_source TEXT,
        place TEXT, lat REAL, lon REAL, place_country TEXT,
        quantities TEXT, confidence REAL, rationale TEXT
    );
    CREATE INDEX events_article ON events(article_id);
    CREATE INDEX events_type ON events(type);
    CREATE INDEX events_date ON events(date);
    CREATE TABLE times (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        type TEXT NOT NULL, value TEXT NOT NULL, precision TEXT
    );
    CREATE TABLE places (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        name TEXT NOT NULL, lat REAL, lon REAL, country TEXT, admin1 TEXT, geonameid INTEGER
    );
    CREATE TABLE quantities (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        value REAL NOT NULL, unit TEXT NOT NULL
    );
    """,
    # 2: full-text search over quoted words and speakers
    """
    CREATE VIRTUAL TABLE quotes_fts USING fts5(words, speaker, content='quotes', content_rowid='id');
    CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts(rowid, words, speaker) VALUES (new.id, new.words, new.speaker);
    END;
    CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, words, speaker) VALUES ('delete', old.id, old.words, old.speaker);
    END;
    """,
    # 3: near-duplicates: the same wire story carried by several outlets is one report
    """
    ALTER TABLE articles ADD COLUMN fingerprint BLOB;
    ALTER TABLE articles ADD COLUMN duplicate_of TEXT;
    ALTER TABLE articles ADD COLUMN similarity REAL;
    ALTER TABLE articles ADD COLUMN byline TEXT;
    CREATE TABLE article_bands (
        band TEXT NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
    );
    CREATE INDEX article_bands_band ON article_bands(band);
    """,
    # 4: a place's role (location, actor, adjective, name) and how sure it is
    """
    ALTER TABLE places ADD COLUMN role TEXT;
    ALTER TABLE places ADD COLUMN confidence REAL;
    ALTER TABLE places ADD COLUMN rule TEXT;
    """,
    # 5: one act, one event: every place the article names it, the act a commitment is about, how its place is known
    """
    ALTER TABLE events ADD COLUMN mentions TEXT;
    ALTER TABLE events ADD COLUMN plan TEXT;
    ALTER TABLE events ADD COLUMN place_source TEXT;
    CREATE INDEX events_confidence ON events(confidence);
    """,
]


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the migrations this store has not seen; return the schema version."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
    return len(MIGRATIONS)
