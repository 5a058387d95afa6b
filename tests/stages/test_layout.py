"""The layout stage: line breaks end sentences, and page furniture is marked and read by no stage."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from sitroom.stages.layout import break_lines, furniture_kind, furniture_lines


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("READ MORE: Russia launches drones at Kyiv", "more"),
        ("Related: The war in Ukraine", "more"),
        ("WATCH: Zelensky speaks to reporters", "media"),
        ("Image caption: Rescue workers in Kyiv", "media"),
        ("Photo: Jane Roe/Reuters", "media"),
        ("(AP Photo/Efrem Lukatsky)", "credit"),
        ("Copyright 2025 The Associated Press. All rights reserved.", "credit"),
        ("By John Smith and Jane Doe, Reuters", "byline"),
        ("Follow her on Twitter at @NewsDesk.", "social"),
        ("— Ursula von der Leyen (@vonderleyen) March 3, 2025", "social"),
        ("Sign up for our newsletter", "prompt"),
        ("Advertisement", "prompt"),
    ],
)
def test_a_furniture_line_is_known_by_its_kind(line, kind):
    assert furniture_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "Russia launched 90 drones at Ukraine overnight, officials said.",
        "By Sunday, the talks had stalled.",
        "Watch the skies, officials warned residents.",
        "More than 90 drones were launched.",
        "Photos show the damage in Kharkiv.",
        "Also on Sunday, Russia attacked Kyiv.",
    ],
)
def test_a_reporting_line_is_no_furniture(line):
    assert furniture_kind(line) is None


def test_furniture_spans_are_the_lines_characters():
    text = "Talks resume.\nREAD MORE: Earlier talks\nThey ended."
    ((span, kind),) = furniture_lines(text)
    assert text[span[0] : span[1]] == "READ MORE: Earlier talks" and kind == "more"


def _doc(words: list[str], spaces: list[bool]) -> Doc:
    return Doc(Vocab(), words=words, spaces=spaces)


def test_a_line_break_starts_a_sentence_and_the_lines_second_word_does_not():
    doc = _doc(["Optimism", "Grows", "\n", "U.S.", "officials", "spoke", "."], [True, False, False] + [True] * 4)
    break_lines(doc)
    assert doc[3].is_sent_start is True and doc[4].is_sent_start is False
    assert doc[1].is_sent_start is None  # within a line the parser decides


def test_a_hard_wrapped_line_that_goes_on_in_lower_case_is_no_break():
    doc = _doc(["Russia", "said", "\n", "it", "would", "talk", "."], [True, False, False] + [True] * 4)
    break_lines(doc)
    assert doc[3].is_sent_start is None


def test_no_event_quote_or_speaker_comes_from_a_furniture_line(run):
    text = 'Rebels attacked Goma on Sunday.\nWATCH: "We will win," Zelensky said.\nFollow her on Twitter at @NewsDesk.'
    record = run(text)
    furniture_start = text.index("WATCH")
    assert record.events and all(e.evidence[1] <= furniture_start for e in record.events)
    assert record.quotes == []


def test_a_headline_is_a_sentence_of_its_own(run):
    text = "Optimism Grows for Ceasefire Deal\nU.S. officials expressed optimism on Sunday."
    record = run(text)
    assert record.events and all("\n" not in text[slice(*e.evidence)].strip() for e in record.events)
