"""The one home of English word sets: pronouns, titles, locative prepositions, number words
(``english/number_words.tsv``, read by the time and quantities stages), verbs of state (``english/state_verbs.txt``),
the speech-cue lexicon
(``quotes/cues.tsv``). Stages import these rather than keep their own copies.
"""

from __future__ import annotations

from functools import lru_cache

from sitroom.knowledge import read_lines, read_tsv

# Pronouns by what they can stand for.
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
PERSON_POSSESSIVES = frozenset({"his"})  # "his claim": a person's, resolved like "he" ("her" is above)
# Pronouns that are never the antecedent of "he" or "she".
OTHER_PRONOUNS = frozenset(
    {"i", "we", "you", "they", "them", "us", "me", "nobody", "someone", "somebody", "everyone", "everybody", "anyone"}
)
THING_PRONOUNS = frozenset(
    {"it", "this", "that", "which", "what", "itself", "something", "anything", "everything", "nothing"}
)
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# Honorifics before a person's name ("Mr. Lavrov", "Sen. Graham").
TITLES = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sen", "sen.", "rep", "rep."})
# Prepositions that place an act somewhere ("in Kyiv", "near the border").
LOCATIVE_PREPS = frozenset({"in", "near", "at", "outside", "inside", "around", "across", "throughout"})


NUMBER_WORDS_FILE = "english/number_words.tsv"


@lru_cache(maxsize=1)
def count_words() -> dict[str, tuple[float, bool]]:
    """Number words of counts (the quantities stage) -> (value, whether it multiplies the number
    before it: "two hundred")."""
    return {
        r["word"]: (float(r["value"]), r["multiplier"] == "yes")
        for r in read_tsv(NUMBER_WORDS_FILE)
        if r["count"] == "yes"
    }


@lru_cache(maxsize=1)
def time_number_words() -> dict[str, float]:
    """Number words of lengths of time (the time stage) -> value, articles and phrases included
    ("a year", "a couple of days", "half a day"), in the table's order."""
    return {r["word"]: float(r["value"]) for r in read_tsv(NUMBER_WORDS_FILE) if r["time"] == "yes"}


@lru_cache(maxsize=1)
def speech_cues() -> dict[str, dict[str, str]]:
    """Cue lemmas of reported speech by part of speech ("VERB", "NOUN", "PHRASE") with their class,
    and the light verbs ("LIGHT") whose subject holds the cue noun they take ("expressed concern that")."""
    out: dict[str, dict[str, str]] = {"VERB": {}, "NOUN": {}, "PHRASE": {}, "LIGHT": {}}
    for row in read_tsv("quotes/cues.tsv"):
        out[row["pos"]][row["cue"]] = row["class"]
    return out


@lru_cache(maxsize=1)
def state_verbs() -> frozenset[str]:
    """Verbs of being, having, seeming and mind: they name no act one party does to another."""
    return read_lines("english/state_verbs.txt")
