"""The one loader of shipped data (sitroom.knowledge) and the English word sets beside it."""

from __future__ import annotations

from pathlib import Path

from sitroom import knowledge
from sitroom.knowledge import english

DATA = Path(knowledge.__file__).resolve().parent / "data"


def test_every_shipped_table_is_found_through_the_loader():
    for path in DATA.rglob("*"):
        if path.is_file():
            name = path.relative_to(DATA).as_posix()
            assert knowledge.data_path(name) == path
            assert knowledge.data_bytes(name) == path.read_bytes()


def test_tsv_rows_skip_comments_and_strip_cells():
    rows = knowledge.read_tsv("english/number_words.tsv")
    assert rows and all(set(row) >= {"word", "value"} for row in rows)
    assert not any(row["word"].startswith("#") for row in rows)
    assert all(row["word"] == row["word"].strip() for row in rows)


def test_counts_and_times_read_one_number_table_each_its_own_words():
    counts, times = english.count_words(), english.time_number_words()
    assert counts["million"] == (1_000_000.0, True) and "million" not in times
    assert "zero" in times and "zero" not in counts
    shared = set(counts) & set(times)
    assert {"one", "twenty", "hundred"} <= shared


def test_the_speech_cue_lexicon_has_its_four_parts():
    cues = english.speech_cues()
    assert set(cues) == {"VERB", "NOUN", "PHRASE", "LIGHT"}
    assert cues["VERB"]["say"] == "speech"
