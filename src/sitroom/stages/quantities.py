"""Counts the text gives: drones, regions, dead, injured, arrested (doc._.quantities).

A count is a number (digits or words: "90", "1.2 million", "nine") attached in
the parse to a noun the units table knows ("90 Iranian-made Shahed drones" ->
90 drones). People counted are turned into casualties when the word that
governs them says what happened ("killing 6 civilians" -> 6 dead, "10 people
were injured" -> 10 injured), and a bare number does the same ("5 were
arrested"). Dates, times, money, percentages and ordinals are not counts.
Units and casualty cues live in ``quantities/units.tsv`` and ``quantities/cues.tsv``,
number words in ``english/number_words.tsv`` (shared with the time stage).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from sitroom.knowledge import read_tsv
from sitroom.knowledge.english import count_words
from sitroom.record import Quantity

NOT_COUNTS = {"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"}
COUNTED_DEPS = {"nummod", "quantmod", "compound", "amod", "nmod"}
ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "obj", "attr", "appos", "conj", "pobj"}
# A number written in digits: "90", "1,200", "2.5".
DIGIT_NUMBER = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")


@lru_cache(maxsize=1)
def units() -> dict[str, tuple[str, str]]:
    """Noun lemma -> (unit, kind) from ``quantities/units.tsv``."""
    return {r["lemma"]: (r["unit"], r["kind"]) for r in read_tsv("quantities/units.tsv")}


@lru_cache(maxsize=1)
def casualty_cues() -> dict[str, str]:
    """Casualty words (kill, injure, arrest, dead...) -> the unit of what they count."""
    return {r["lemma"]: r["unit"] for r in read_tsv("quantities/cues.tsv")}


def number_value(tokens: list[Token]) -> float | None:
    """The value of a run of number tokens ("1.2 million", "two hundred", "twenty-five")."""
    total, current = 0.0, None
    for tok in tokens:
        word = tok.lower_
        if tok.text == "-":
            continue
        if DIGIT_NUMBER.match(word):
            value, mult = float(word.replace(",", "")), False
        elif word in count_words():
            value, mult = count_words()[word]
        else:
            return None
        if mult:
            current = (current if current is not None else 1.0) * value
            if value >= 1000:
                total, current = total + current, None
        else:
            current = (current or 0.0) + value
    return total + (current or 0.0)


def is_number(tok: Token) -> bool:
    return tok.ent_type_ not in NOT_COUNTS and (bool(DIGIT_NUMBER.match(tok.lower_)) or tok.lower_ in count_words())


def number_runs(doc: Doc) -> list[list[Token]]:
    """Maximal runs of adjacent number tokens (a hyphen may join them)."""
    runs: list[list[Token]] = []
    for tok in doc:
        joined = runs and (runs[-1][-1].i == tok.i - 1 or (runs[-1][-1].i == tok.i - 2 and doc[tok.i - 1].text == "-"))
        if is_number(tok):
            if joined:
                runs[-1].append(tok)
            else:
                runs.append([tok])
    return runs


def casualty(word: Token) -> str | None:
    """What happened to the counted people, from the word governing them or describing them."""
    for tok in (word, *word.children):
        if tok.lemma_.lower() in casualty_cues() and (tok == word or tok.dep_ in {"amod", "acl", "relcl"}):
            return casualty_cues()[tok.lemma_.lower()]
    head = word.head
    if word.dep_ in ARGUMENT_DEPS and head.lemma_.lower() in casualty_cues():
        return casualty_cues()[head.lemma_.lower()]
    return None


def counted(run: list[Token]) -> tuple[Token | None, str, str] | None:
    """The counted noun (if any), the unit, and the rule that found them."""
    last = run[-1]
    noun = last.head if last.dep_ in COUNTED_DEPS and last.head.pos_ in {"NOUN", "PROPN"} else None
    if noun is not None:
        entry = units().get(noun.lemma_.lower()) or units().get(noun.lower_)
        if entry is None:
            return None
        unit, kind = entry
        if kind == "person":
            hurt = casualty(noun)
            if hurt:
                return noun, hurt, f"count of {noun.lemma_} governed by casualty cue"
        return noun, unit, f"count attached to unit noun {noun.lemma_!r}"
    hurt = casualty(last) if last.dep_ in ARGUMENT_DEPS else None
    if hurt is None and last.head.lemma_.lower() in casualty_cues() and last.head.i == last.i + 1:
        hurt = casualty_cues()[last.head.lemma_.lower()]  # "10 dead"
    return (None, hurt, "bare count governed by casualty cue") if hurt else None


def find_quantities(doc: Doc) -> list[Quantity]:
    """Every count in the doc with a known unit."""
    found = []
    for run in number_runs(doc):
        value = number_value(run)
        hit = counted(run) if value is not None else None
        if value is None or hit is None:
            continue
        noun, unit, rule = hit
        start = run[0].idx
        end = noun.idx + len(noun) if noun is not None and noun.i > run[-1].i else run[-1].idx + len(run[-1])
        conf = 0.9 if noun is not None else 0.75
        found.append(Quantity(span=(start, end), value=value, unit=unit, confidence=conf, rule=rule))
    return found


class QuantitiesStage:
    """spaCy component: fills ``doc._.quantities``."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        doc._.quantities = find_quantities(doc)
        return doc


@Language.factory(
    "sitroom_quantities",
    requires=["token.ent_type", "token.dep", "token.pos", "token.lemma"],
    assigns=["doc._.quantities"],
    default_config={},
)
def make_quantities(nlp: Language, name: str) -> QuantitiesStage:
    return QuantitiesStage(nlp)
