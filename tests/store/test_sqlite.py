"""The SQLite store: idempotent, transactional ingest and filtered queries on real files."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from sitroom.record import Actor, ActorRef, Article, Event, EventDate, Place, Quantity, Quote, Record
from sitroom.store import Filters, Store, queries
from sitroom.store.migrations import MIGRATIONS

TEXT = 'Russia attacked Ukraine with 90 drones. "We will respond," Zelensky said.'


def _record(text: str = TEXT, article_id: str = "a1", published: date = date(2025, 3, 17)) -> Record:
    rus = ActorRef(span=(0, 6), text="Russia", actor_id="c1", name="Russia", country="RUS", sector="GOV")
    ukr = ActorRef(span=(16, 23), text="Ukraine", actor_id="c2", name="Ukraine", country="UKR", sector="GOV")
    zel = ActorRef(
        span=(60, 68), text="Zelensky", actor_id="p1", name="Volodymyr Zelensky", country="UKR", sector="GOV"
    )
    drones = Quantity(span=(29, 38), value=90, unit="drones")
    event = Event(
        type="ASSAULT",
        source=[rus],
        target=[ukr],
        trigger=(7, 15),
        evidence=(0, 39),
        mode="drone",
        date=EventDate(value="2025-03-16", precision="day", span=None, source="published"),
        place=Place(span=(16, 23), name="Kyiv", lat=50.45, lon=30.52, country="UKR"),
        quantities=[drones],
        confidence=0.9,
        rationale="attack: verb rule",
    )
    quote = Quote(
        content=[(41, 57)],
        kind="direct",
        speaker=zel,
        cue=(69, 73),
        cue_lemma="say",
        evidence=(40, 74),
        confidence=0.9,
        rule="quote-cue",
    )
    actors = [
        Actor(id="c1", name="Russia", kind="country", country="RUS", sector="GOV", mentions=[(0, 6)]),
        Actor(id="p1", name="Volodymyr Zelensky", kind="person", country="UKR", sector="GOV", mentions=[(60, 68)]),
    ]
    return Record(
        article=Article(id=article_id, text=text, published=published),
        actors=actors,
        quotes=[quote],
        events=[event],
        quantities=[drones],
    )


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "s.db") as s:
        yield s


def test_same_article_twice_is_stored_once(store):
    assert store.ingest(_record()) == "new"
    assert store.ingest(_record()) == "same"
    assert queries.stats(store)["articles"] == 1
    assert queries.stats(store)["quotes"] == 1


def test_same_id_with_new_text_replaces_the_record_whole(store):
    store.ingest(_record())
    assert store.ingest(_record(text=TEXT + " More.")) == "replaced"
    assert queries.stats(store)["events"] == 1


def test_failed_write_leaves_nothing_half_written(store):
    bad = _record()
    bad.events[0].type = "NOT_A_TYPE"  # quad lookup fails mid-article
    with pytest.raises(KeyError):
        store.ingest(bad)
    assert queries.stats(store)["articles"] == 0
    assert queries.stats(store)["quotes"] == 0


def test_schema_is_migrated_once_and_recorded(tmp_path):
    path = tmp_path / "m.db"
    Store(path).close()
    Store(path).close()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def test_a_file_that_is_not_sqlite_is_refused_in_one_line(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(Exception) as info:
        Store(path)
    assert "junk.db" in str(info.value) and "\n" not in str(info.value)


def test_event_filters(store):
    store.ingest(_record())
    assert len(queries.events(store, Filters(type="assault", mode="drone", actor="RUS"))) == 1
    assert queries.events(store, Filters(factuality="planned")) == []
    assert len(queries.events(store, Filters(since="2025-03", until="2025-03"))) == 1
    assert queries.events(store, Filters(until="2025-02")) == []
    assert len(queries.events(store, Filters(country="UKR"))) == 1


def test_near_keeps_events_within_the_radius(store):
    store.ingest(_record())
    assert len(queries.events(store, Filters(near=(50.0, 30.0, 100)))) == 1
    assert queries.events(store, Filters(near=(40.7, -74.0, 100))) == []


def test_quote_search_is_full_text_and_user_text_is_not_syntax(store):
    store.ingest(_record())
    assert len(queries.quotes(store, Filters(search="respond"))) == 1
    assert queries.quotes(store, Filters(search='respond" OR "x')) == []
    assert len(queries.quotes(store, Filters(speaker="zelensky"))) == 1
    assert queries.quotes(store, Filters(speaker="%")) == []


def test_events_carry_their_evidence_sentence(store):
    store.ingest(_record())
    assert queries.quotes(store, Filters())[0]["sentence"] == '"We will respond," Zelensky said.'
    row = queries.events(store, Filters())[0]
    assert row["sentence"] == "Russia attacked Ukraine with 90 drones."
    assert row["date"] == "2025-03-16"


def test_actors_are_counted_across_articles(store):
    store.ingest(_record())
    store.ingest(_record(text=TEXT + " Again.", article_id="a2"))
    zel = queries.actors(store, Filters(actor="Zelensky"))[0]
    assert zel["articles"] == 2 and zel["quotes"] == 2


def test_a_wire_story_on_a_second_site_is_linked_to_the_first(store):
    story = (
        "Russia launched 90 drones at nine Ukrainian regions overnight, the Ukrainian air force said on "
        "Sunday, adding that air defences shot down most of them over the Kyiv and Odesa regions. "
    ) * 3
    store.ingest(_record(text=story, article_id="wire-1"))
    store.ingest(_record(text=story + "Reporting by a local correspondent.", article_id="wire-2"))
    store.ingest(_record(text=TEXT, article_id="other"))
    rows = dict(store.conn.execute("SELECT id, duplicate_of FROM articles").fetchall())
    assert rows == {"wire-1": None, "wire-2": "wire-1", "other": None}
    assert queries.stats(store)["near-duplicates"] == 1


def test_an_article_in_another_language_is_kept_and_marked(store):
    record = _record()
    record.article.language = "fr"
    store.ingest(Record(article=record.article), status="not analysed: fr")
    row = store.conn.execute("SELECT status FROM articles").fetchone()
    assert row[0] == "not analysed: fr"
    assert queries.stats(store)["not analysed"] == 1


def test_an_events_mentions_plan_and_place_source_survive_the_store(tmp_path):
    from dataclasses import replace

    from sitroom.record import Mention, Plan

    record = _record()
    call = Plan(type="CONSULT", mode="phone", date=EventDate(value="2025-03-18", precision="day"))
    event = replace(
        record.events[0],
        type="AGREE",
        mentions=[Mention((7, 15), (0, 39)), Mention((30, 38), (0, 39))],
        plan=call,
        place_source="target",
    )
    with Store(tmp_path / "s.db") as store:
        store.ingest(replace(record, events=[event]))
        (row,) = queries.events(store, Filters())
    assert row["mentions"] == [{"trigger": [7, 15], "evidence": [0, 39]}, {"trigger": [30, 38], "evidence": [0, 39]}]
    assert row["plan"]["type"] == "CONSULT" and row["plan"]["date"]["value"] == "2025-03-18"
    assert row["place_source"] == "target"
