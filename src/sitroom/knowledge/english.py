"""The one home of English word sets: pronouns, titles, locative prepositions, number words,
the speech-cue lexicon. Stages import these rather than keep their own copies.
"""

from __future__ import annotations

from functools import lru_cache

from sitroom.knowledge import read_tsv

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


@lru_cache(maxsize=1)
def number_words() -> dict[str, tuple[float, bool]]:
    """Number word -> (value, whether it multiplies the number before it: "two hundred")."""
    return {r["word"]: (float(r["value"]), r["multiplier"] == "yes") for r in read_tsv("english/number_words.tsv")}


@lru_cache(maxsize=1)
def speech_cues() -> dict[str, dict[str, str]]:
    """Cue lemmas of reported speech by part of speech ("VERB", "NOUN", "PHRASE") with their class,
    and the light verbs ("LIGHT") whose subject holds the cue noun they take ("expressed concern that")."""
    out: dict[str, dict[str, str]] = {"VERB": {}, "NOUN": {}, "PHRASE": {}, "LIGHT": {}}
    for row in read_tsv("quotes/cues.tsv"):
        out[row["pos"]][row["cue"]] = row["class"]
    return out
