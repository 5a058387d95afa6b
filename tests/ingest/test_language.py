"""Language detection (sitroom.ingest.language): English is never taken for another language."""

from __future__ import annotations

import pytest

from sitroom.ingest.language import detect_language, with_language
from sitroom.record import Article


def test_english_function_words_decide_a_short_sentence_of_names():
    assert detect_language("The Mafia boss Albert Anastasia claimed responsibility for the sabotage.") == "en"


@pytest.mark.parametrize(
    "text",
    [
        "Vladimir Putin Portugal expels Diplomats",  # a headline of names: trigrams say French
        "Jose Vasconcelos defended Mexico's racial and ethnic mestizaje as a superior form of culture.",
        "Los negociadores se reunieron el lunes en Riad.",
    ],
)
def test_short_latin_text_without_enough_english_words_stays_unknown_never_foreign(text):
    assert detect_language(text) is None


def test_german_and_ukrainian_articles_are_told_apart_from_english():
    german = (
        "Die Unterhändler der Vereinigten Staaten und Russlands trafen sich am Montag in Riad, um über "
        "eine Waffenruhe in der Ukraine zu sprechen, sagten Beamte nach der ersten Sitzung. Die Ukraine "
        "warf Russland vor, in der Nacht neunzig Drohnen gestartet zu haben."
    )  # a Latin-script text needs some 200 letters before trigrams may call it foreign
    assert detect_language(german) == "de"
    assert detect_language("Переговорники зустрілися в понеділок в Ер-Ріяді, щоб обговорити припинення вогню.") == "uk"


def test_a_text_of_too_few_letters_has_no_language():
    assert detect_language("Talks: 3-1") is None


def test_a_language_the_source_gave_is_kept():
    article = Article(id="a", text="Negotiators met in Riyadh on Monday to discuss a ceasefire.", language="es")
    assert with_language(article).language == "es"
