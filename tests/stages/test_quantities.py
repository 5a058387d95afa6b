"""The counts stage: numbers attached to the nouns they count, casualties from their cues."""

from __future__ import annotations


def _counts(run, text):
    return {(q.value, q.unit) for q in run(text).quantities}


def test_digits_and_number_words_count_their_nouns(run):
    assert _counts(run, "Moscow launched 90 drones on nine regions.") == {(90, "drones"), (9, "regions")}


def test_modifiers_between_number_and_noun_are_in_the_span(run):
    text = "They fired 12 Russian-made cruise missiles."
    record = run(text)
    (q,) = record.quantities
    assert text[q.span[0] : q.span[1]] == "12 Russian-made cruise missiles"
    assert (q.value, q.unit) == (12, "missiles")


def test_people_killed_are_counted_as_dead(run):
    assert (6, "dead") in _counts(run, "The strike hit the village, killing 6 civilians.")


def test_passive_injury_and_arrest(run):
    assert (10, "injured") in _counts(run, "At least 10 people were injured in the blast.")
    assert (1200, "arrested") in _counts(run, "Police arrested 1,200 protesters on Monday.")


def test_bare_number_takes_the_unit_of_its_verb(run):
    assert _counts(run, "Five were arrested.") == {(5, "arrested")}


def test_multipliers_and_hyphenated_numbers(run):
    assert (1_200_000, "displaced") in _counts(run, "About 1.2 million people were displaced.")
    assert (25, "dead") in _counts(run, "Twenty-five soldiers died.")


def test_dates_money_and_percentages_are_not_counts(run):
    assert _counts(run, "It cost 5 million dollars in 2024, 30 percent more.") == set()


def test_noun_without_a_unit_is_not_counted(run):
    assert _counts(run, "He read 3 books.") == set()
