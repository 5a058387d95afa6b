"""The time stage: spans by TimeML's conventions, TIMEX3 values against the publication date.

Every sentence here is published on Monday 2025-03-17 unless a test says otherwise.
"""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.errors import SitroomError
from sitroom.stages.times.calendar import holiday_date, to_number
from sitroom.stages.times.normalize import duration_value
from sitroom.stages.times.stage import anchor_date


def timex(record, phrase: str):
    """The one timex whose span is exactly ``phrase``."""
    text = record.article.text
    found = [t for t in record.times if text[t.span[0] : t.span[1]] == phrase]
    assert found, f"no timex spans {phrase!r}: {[(text[t.span[0] : t.span[1]], t.value) for t in record.times]}"
    return found[0]


def value(run, sentence: str, phrase: str, published=...) -> str:
    record = run(sentence) if published is ... else run(sentence, published)
    return timex(record, phrase).value


@pytest.mark.parametrize(
    "sentence, phrase, expected",
    [
        ("Trump plans to speak with Putin on Tuesday about the war.", "Tuesday", "2025-03-18"),
        ("The two leaders will meet on Friday in Riyadh.", "Friday", "2025-03-21"),
        ("Ukraine reported on Sunday that drones hit nine regions.", "Sunday", "2025-03-16"),
        ("On Saturday, he accused the Kremlin of stalling.", "Saturday", "2025-03-15"),
        ("The ceasefire took effect on Monday.", "Monday", "2025-03-17"),
        ("Officials met last Friday in Jeddah.", "last Friday", "2025-03-14"),
    ],
)
def test_weekday_resolved_by_tense(run, sentence, phrase, expected):
    assert value(run, sentence, phrase) == expected


def test_weekday_after_as_soon_as_looks_ahead(run):
    assert value(run, "The envoy could arrive as soon as Thursday, aides said.", "Thursday") == "2025-03-20"


@pytest.mark.parametrize(
    "sentence, phrase, expected",
    [
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
    ],
)
def test_calendar_expressions(run, sentence, phrase, expected):
    assert value(run, sentence, phrase) == expected


@pytest.mark.parametrize(
    "sentence, phrase, expected",
    [
        ("The presidents will talk this week.", "this week", "2025-W12"),
        ("The envoy visited Moscow last week.", "last week", "2025-W11"),
        ("The ministry said yesterday that talks had stalled.", "yesterday", "2025-03-16"),
        ("The talks resume today in Geneva.", "today", "2025-03-17"),
        ("Rubio spoke with Lavrov earlier this month.", "earlier this month", "2025-03"),
        ("The army is now on alert.", "now", "PRESENT_REF"),
        ("Rubio recently spoke with Lavrov.", "recently", "PAST_REF"),
        ("The town fell two years ago.", "two years ago", "2023"),
        ("The deal expires next year.", "next year", "2026"),
    ],
)
def test_relative_expressions(run, sentence, phrase, expected):
    assert value(run, sentence, phrase) == expected


@pytest.mark.parametrize(
    "sentence, phrase, expected",
    [
        ("The siege lasted two weeks.", "two weeks", "P2W"),
        ("They held a three-hour meeting.", "three-hour", "PT3H"),
        ("The war has gone on for about three years.", "about three years", "P3Y"),
        ("Talks took an hour and a half.", "an hour and a half", "PT1H30M"),
        ("Prices rose over the past six months.", "the past six months", "P6M"),
    ],
)
def test_durations(run, sentence, phrase, expected):
    found = timex(run(sentence), phrase)
    assert (found.type, found.value) == ("DURATION", expected)


@pytest.mark.parametrize(
    "sentence, phrase, expected",
    [
        ("Drones strike the city every week.", "every week", "P1W"),
        ("Shelling is reported daily.", "daily", "P1D"),
        ("Envoys meet every Tuesday.", "every Tuesday", "XXXX-WXX-2"),
    ],
)
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
        anchor_date("2025-13-45")


@pytest.mark.parametrize(
    "text, number",
    [("twenty four", 24), ("1,000", 1000), ("a couple of", 2), ("two thousand", 2000), ("several", None)],
)
def test_number_words(text, number):
    assert to_number(text) == number


@pytest.mark.parametrize(
    "n, unit, expected",
    [(2, "W", "P2W"), (3, "H", "PT3H"), (None, "Y", "PXY"), (2.5, "Y", "P2Y6M"), (2, "DE", "P20Y"), (3, "Q", "P9M")],
)
def test_duration_values(n, unit, expected):
    assert duration_value(n, unit) == expected


# ---------------------------------------------------------------- holidays, anaphora, misreadings


@pytest.mark.parametrize(
    "sentence, phrase, expected",
    [
        ("The boy was rescued at sea on Thanksgiving Day.", "Thanksgiving Day", "2024-11-28"),
        ("The prisoners were freed last Christmas.", "last Christmas", "2024-12-25"),
        ("A truce is planned for Orthodox Easter.", "Orthodox Easter", "2025-04-20"),
        ("Voters will go to the polls on Election Day.", "Election Day", "2025-11-04"),
        ("Parades are planned for Victory Day.", "Victory Day", "2025-05-09"),
    ],
)
def test_holidays_dated_by_their_rule(run, sentence, phrase, expected):
    assert value(run, sentence, phrase) == expected


@pytest.mark.parametrize(
    "rule, year, expected",
    [
        ("12-25", 2025, "2025-12-25"),
        ("11:4#4", 1999, "1999-11-25"),
        ("05:1#-1", 2024, "2024-05-27"),
        ("11:1#1+1", 1998, "1998-11-03"),
        ("easter-2", 2025, "2025-04-18"),
        ("orthodox_easter+0", 2024, "2024-05-05"),
    ],
)
def test_holiday_rules(rule, year, expected):
    assert holiday_date(rule, year).isoformat() == expected


def test_easter_week_is_a_week(run):
    assert value(run, "Pilgrims arrived as Easter week began.", "Easter week", date(2000, 4, 17)) == "2000-W16"


@pytest.mark.parametrize(
    "sentence, phrase, expected",
    [
        ("He fled in June 1998 and returned later that year.", "later that year", "1998"),
        (
            "The general was promoted on May 22, 1995, and the following year he became attache.",
            "the following year",
            "1996",
        ),
        ("The envoy arrived on Oct. 23, 2019. Earlier that day, a bomb exploded.", "Earlier that day", "2019-10-23"),
        (
            "The talks stalled in March 2024. The following month, both sides walked out.",
            "The following month",
            "2024-04",
        ),
    ],
)
def test_anaphoric_expressions_follow_the_last_date_named(run, sentence, phrase, expected):
    assert value(run, sentence, phrase) == expected


def test_clock_time_in_a_past_narrative_keeps_to_the_day_named(run):
    record = run("The envoy was attacked on Oct. 23, 2019. He was shot at 10 p.m. as he left.")
    assert timex(record, "10 p.m.").value == "2019-10-23T22:00"


def test_the_year_is_a_date_and_the_year_ended_a_duration(run):
    record = run("Sales for the year were flat. In the year ended March 31, profit fell.")
    assert (timex(record, "the year").type, timex(record, "the year").value) == ("DATE", "2025")
    ended = [t for t in record.times if t.span[0] > record.article.text.index("In the")][0]
    assert (ended.type, ended.value) == ("DURATION", "P1Y")


def test_the_summer_without_a_shift_is_the_tense_s_summer(run):
    assert value(run, "Troops dug in over the summer.", "the summer", date(2025, 10, 20)) == "2025-SU"


def test_recent_months_is_a_vague_duration(run):
    found = timex(run("Attacks have grown in recent months."), "recent months")
    assert (found.type, found.value) == ("DURATION", "PXM")


@pytest.mark.parametrize(
    "sentence",
    [
        "The commander, 52 years old, was captured.",  # an age
        "The fund pays $1.76 a year per share.",  # a rate
        "The airline will add four flights a week.",  # a rate
        "Iraq imports about three-quarters of its food.",  # a share
        "A second group of envoys arrived.",  # an ordinal
        "Foreign Minister Jan Kavan signed the accord.",  # a name
        "The index closed at 1462.93.",  # an index level
        "Now, he says, the deal is dead.",  # a discourse marker
        "For the people of Poland, high noon comes.",  # an idiom
    ],
)
def test_words_that_are_no_temporal_expression(run, sentence):
    assert run(sentence).times == []


def test_a_cue_verb_in_the_past_looks_back(run):
    assert value(run, "So the rebels on Friday tried to cut the road.", "Friday") == "2025-03-14"


def test_ahead_of_looks_ahead(run):
    assert value(run, "Traders sold ahead of the weekend.", "the weekend") == "2025-W12-WE"


def test_the_year_period_is_the_quarter_spoken_of(run):
    record = run("Profit rose in the third quarter of 2024. In the 2023 period, the company lost money.")
    assert timex(record, "the 2023 period").value == "2023-Q3"


@pytest.mark.parametrize(
    "sentence, phrase, expected",
    [
        (
            "Profit rose in the third quarter of 2024. For the quarter a year ago, it lost money.",
            "the quarter a year ago",
            "2023-Q3",
        ),
        (
            "The company expects a loss in the fourth quarter. In the latest quarter, profit rose.",
            "the latest quarter",
            "2024-Q4",
        ),
        (
            "Profit rose in the fourth quarter of 2024, and the current quarter began well.",
            "the current quarter",
            "2025-Q1",
        ),
    ],
)
def test_quarters_spoken_of(run, sentence, phrase, expected):
    assert value(run, sentence, phrase) == expected


def test_one_day_before_its_verb_is_someday(run):
    assert value(run, "Ukraine will one day join the alliance.", "one day") == "FUTURE_REF"
    found = timex(run("The talks lasted one day."), "one day")
    assert (found.type, found.value) == ("DURATION", "P1D")
