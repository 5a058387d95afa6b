"""The time stage: spans by TimeML's conventions, TIMEX3 values against the publication date.

Every sentence here is published on Monday 2025-03-17 unless a test says otherwise.
"""

from __future__ import annotations

import pytest

from sitroom.errors import SitroomError
from sitroom.times import anchor_of
from sitroom.timex_patterns import to_number
from sitroom.timex_rules import duration_value


def timex(record, phrase: str):
    """The one timex whose span is exactly ``phrase``."""
    text = record.article.text
    found = [t for t in record.times if text[t.span[0]:t.span[1]] == phrase]
    assert found, f"no timex spans {phrase!r}: {[(text[t.span[0]:t.span[1]], t.value) for t in record.times]}"
    return found[0]


def value(run, sentence: str, phrase: str, published=...) -> str:
    record = run(sentence) if published is ... else run(sentence, published)
    return timex(record, phrase).value


@pytest.mark.parametrize("sentence, phrase, expected", [
    ("Trump plans to speak with Putin on Tuesday about the war.", "Tuesday", "2025-03-18"),
    ("The two leaders will meet on Friday in Riyadh.", "Friday", "2025-03-21"),
    ("Ukraine reported on Sunday that drones hit nine regions.", "Sunday", "2025-03-16"),
    ("On Saturday, he accused the Kremlin of stalling.", "Saturday", "2025-03-15"),
    ("The ceasefire took effect on Monday.", "Monday", "2025-03-17"),
    ("Officials met last Friday in Jeddah.", "last Friday", "2025-03-14"),
])
def test_weekday_resolved_by_tense(run, sentence, phrase, expected):
    assert value(run, sentence, phrase) == expected


def test_weekday_after_as_soon_as_looks_ahead(run):
    assert value(run, "The envoy could arrive as soon as Thursday, aides said.", "Thursday") == "2025-03-20"


@pytest.mark.parametrize("sentence, phrase, expected", [
    ("Talks broke down in February.", "February", "2025-02"),
    ("Fighting intensified in November.", "November", "2024-11"),
    ("The summit is expected in April.", "April", "2025-04"),
    ("The truce held until Sept. 30, officials said.", "Sept. 30", "2024-09-30"),
    ("The accord was signed on March 18, 2014.", "March 18, 2014", "2014-03-18"),
    ("The accord was signed on 18 March 2014.", "18 March 2014", "2014-03-18"),
    ("The report is dated 2025-03-12.", "2025-03-12", "2025-03-12"),
    ("Crimea was annexed in 2014.", "2014", "2014"),
    ("The border was quiet in the 1990s.", "the 1990s", "199"),
    ("Exports fell in the third quarter.", "the third quarter", "2025-Q3"),
    ("Troops withdrew last summer.", "last summer", "2024-SU"),
])
def test_calendar_expressions(run, sentence, phrase, expected):
    assert value(run, sentence, phrase) == expected


@pytest.mark.parametrize("sentence, phrase, expected", [
    ("The presidents will talk this week.", "this week", "2025-W12"),
    ("The envoy visited Moscow last week.", "last week", "2025-W11"),
    ("The ministry said yesterday that talks had stalled.", "yesterday", "2025-03-16"),
    ("The talks resume today in Geneva.", "today", "2025-03-17"),
    ("Rubio spoke with Lavrov earlier this month.", "earlier this month", "2025-03"),
    ("The army is now on alert.", "now", "PRESENT_REF"),
    ("Rubio recently spoke with Lavrov.", "recently", "PAST_REF"),
    ("The town fell two years ago.", "two years ago", "2023"),
    ("The deal expires next year.", "next year", "2026"),
])
def test_relative_expressions(run, sentence, phrase, expected):
    assert value(run, sentence, phrase) == expected


@pytest.mark.parametrize("sentence, phrase, expected", [
    ("The siege lasted two weeks.", "two weeks", "P2W"),
    ("They held a three-hour meeting.", "three-hour", "PT3H"),
    ("The war has gone on for about three years.", "about three years", "P3Y"),
    ("Talks took an hour and a half.", "an hour and a half", "PT1H30M"),
    ("Prices rose over the past six months.", "the past six months", "P6M"),
])
def test_durations(run, sentence, phrase, expected):
    found = timex(run(sentence), phrase)
    assert (found.type, found.value) == ("DURATION", expected)


@pytest.mark.parametrize("sentence, phrase, expected", [
    ("Drones strike the city every week.", "every week", "P1W"),
    ("Shelling is reported daily.", "daily", "P1D"),
    ("Envoys meet every Tuesday.", "every Tuesday", "XXXX-WXX-2"),
])
def test_sets(run, sentence, phrase, expected):
    found = timex(run(sentence), phrase)
    assert (found.type, found.value) == ("SET", expected)


def test_within_weeks_is_a_future_range_with_bounds(run):
    found = timex(run("A ceasefire could be reached within weeks."), "weeks")
    assert found.value == "FUTURE_REF" and found.precision == "range"
    assert found.bounds and found.bounds[0] == "2025-03-17" and found.bounds[1] > "2025-03-31"


def test_the_coming_weeks_spans_without_preposition(run):
    found = timex(run("He expects a deal in the coming weeks."), "the coming weeks")
    assert found.value == "FUTURE_REF"


def test_span_leaves_out_the_preposition(run):
    record = run("Talks broke down in February.")
    assert [record.article.text[s:e] for s, e in (t.span for t in record.times)] == ["February"]


def test_without_publication_date_values_stay_unanchored(run):
    assert value(run, "Talks broke down in February.", "February", None) == "XXXX-02"
    assert value(run, "Trump plans to speak with Putin on Tuesday.", "Tuesday", None) == "XXXX-WXX-2"
    assert value(run, "The envoy visited Moscow last week.", "last week", None) == "XXXX-WXX"


def test_modal_may_and_verb_march_are_not_months(run):
    record = run("Protesters may march on the capital.")
    assert record.times == []


def test_quarter_context_carries_to_a_year_earlier(run):
    record = run("Profit rose 5% in the third quarter of 2024 from a year earlier.")
    assert timex(record, "the third quarter of 2024").value == "2024-Q3"
    assert timex(record, "a year earlier").value == "2023-Q3"


def test_bad_publication_date_is_a_clear_error():
    with pytest.raises(SitroomError, match="E006"):
        anchor_of("2025-13-45")


@pytest.mark.parametrize("text, number", [("twenty four", 24), ("1,000", 1000), ("a couple of", 2),
                                          ("two thousand", 2000), ("several", None)])
def test_number_words(text, number):
    assert to_number(text) == number


@pytest.mark.parametrize("n, unit, expected", [(2, "W", "P2W"), (3, "H", "PT3H"), (None, "Y", "PXY"),
                                               (2.5, "Y", "P2Y6M"), (2, "DE", "P20Y"), (3, "Q", "P9M")])
def test_duration_values(n, unit, expected):
    assert duration_value(n, unit) == expected
