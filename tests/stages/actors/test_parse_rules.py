"""Coding a phrase as an actor from its words and their parse, written by hand (no statistical model)."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.tokens import Doc

from handparse import VOCAB, parsed
from sitroom.stages.actors.coding import ActorIndex, Coding, code_tokens, find_hits
from sitroom.stages.actors.tables import ActorGazetteer, PhraseMatchers


def _words(text: str) -> Doc:
    """The table phrases split as the hand-written docs are: at spaces."""
    return Doc(VOCAB, words=text.split())


@pytest.fixture(scope="module")
def tables() -> tuple[ActorGazetteer, PhraseMatchers]:
    gazetteer = ActorGazetteer()
    return gazetteer, gazetteer.matcher(_words)


def _code(tables, table: str, head: int, published: date | None = date(2025, 3, 17)) -> Coding:
    """The coding of the phrase headed by token ``head``: the head and every word before it."""
    gazetteer, matcher = tables
    doc = parsed(table)
    doc._.published = published
    index = ActorIndex(gazetteer, find_hits(doc, gazetteer, matcher))
    return code_tokens(doc, list(doc[: head + 1]), doc[head], index)


def test_an_institution_heading_the_phrase_takes_the_country_of_its_modifier(tables):
    coding = _code(
        tables,
        """
        the       the       DET    DT   det       3
        Russian   russian   ADJ    JJ   amod      3  B-NORP
        Foreign   foreign   PROPN  NNP  compound  3
        Ministry  ministry  PROPN  NNP  nsubj     4
        said      say       VERB   VBD  ROOT      4
        """,
        head=3,
    )
    assert (coding.kind, coding.country, coding.sector) == ("organization", "RUS", "GOV")
    assert coding.key == "RUS:GOV:foreign ministry"


def test_a_role_with_a_country_on_the_article_date_is_its_holder(tables):
    minister = """
        the       the       DET    DT   det       3
        Russian   russian   ADJ    JJ   amod      3  B-NORP
        foreign   foreign   ADJ    JJ   amod      3
        minister  minister  NOUN   NN   nsubj     4
        spoke     speak     VERB   VBD  ROOT      4
    """
    coding = _code(tables, minister, head=3)
    assert (coding.kind, coding.name, coding.country, coding.sector) == ("person", "Sergei Lavrov", "RUS", "GOV")
    undated = _code(tables, minister, head=3, published=None)
    assert (undated.kind, undated.country, undated.role) == ("person", "RUS", "foreign minister")
    assert undated.name != "Sergei Lavrov"


def test_plural_soldiers_of_a_nationality_are_its_military(tables):
    coding = _code(
        tables,
        """
        Ukrainian  ukrainian  ADJ   JJ   amod   1  B-NORP
        soldiers   soldier    NOUN  NNS  nsubj  2
        advanced   advance    VERB  VBD  ROOT   2
        """,
        head=1,
    )
    assert (coding.kind, coding.country, coding.sector) == ("group", "UKR", "MIL")


def test_a_sponsor_country_is_not_the_country_of_the_group(tables):
    coding = _code(
        tables,
        """
        UAE          UAE         PROPN  NNP  npadvmod  2  B-GPE
        -            -           PUNCT  HYPH punct     2
        backed       back        VERB   VBN  amod      3
        separatists  separatist  NOUN   NNS  nsubj     4
        seized       seize       VERB   VBD  ROOT      4
        """,
        head=3,
    )
    assert (coding.country, coding.sector) == (None, "REB")


def test_a_title_makes_an_untagged_name_a_person(tables):
    coding = _code(
        tables,
        """
        President  president  PROPN  NNP  compound  2
        Moody      Moody      PROPN  NNP  compound  2
        Awori      Awori      PROPN  NNP  nsubj     3
        resigned   resign     VERB   VBD  ROOT      3
        """,
        head=2,
    )
    assert (coding.kind, coding.name, coding.sector) == ("person", "Moody Awori", "GOV")


def test_a_title_inside_a_company_name_is_no_title(tables):
    coding = _code(
        tables,
        """
        General  General  PROPN  NNP  compound  1  B-ORG
        Motors   Motors   PROPN  NNP  nsubj     2  I-ORG
        said     say      VERB   VBD  ROOT      2
        """,
        head=1,
    )
    assert coding.kind != "person" and coding.sector != "MIL"
