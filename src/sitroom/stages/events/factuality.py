"""Whether an event happened, is planned, hypothetical, denied, or history.

PLOVER keeps these as auxiliary modes and no public coder fills them; news
needs them most ("plans to speak" is not a call, "did not attack" is not an
attack). The verdict comes from the words that govern the event's verb in the
parse: its own auxiliaries and negation, then the verbs or nouns above it
through control and complement links ("plans to speak", "refused to sign",
"set to discuss"). An event dated more than a year before publication is
historical. Cue words live in ``events/factuality.tsv``.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from spacy.tokens import Token

from sitroom.knowledge import read_tsv

# How far up the parse a governing cue may sit, and through which links.
GOVERNING_DEPS = {"xcomp", "acl", "dobj", "ccomp", "advcl", "pobj", "prep", "attr", "conj", "amod"}
MAX_CLIMB = 4
# The strongest verdict wins when several cues govern one event.
RANK = {"negated": 3, "hypothetical": 2, "planned": 1}
# Governors of a plan that is not its actor's own commitment: another's proposal, the writer's expectation.
NOT_PLEDGES = frozenset({"propose", "expect"})


@lru_cache(maxsize=1)
def cue_table() -> dict[tuple[str, str], str]:
    """(lemma, kind) -> factuality, from ``events/factuality.tsv``."""
    return {(r["lemma"], r["kind"]): r["factuality"] for r in read_tsv("events/factuality.tsv")}


def own_cues(tok: Token) -> list[tuple[str, str]]:
    """Verdicts from a word's own auxiliaries, negation and subordinating marks."""
    found = []
    for child in tok.children:
        word = child.lower_
        if child.dep_ == "neg":
            found.append(("negated", f"negation {child.text!r}"))
        elif child.dep_ in {"aux", "auxpass"} and (word, "aux") in cue_table():
            found.append((cue_table()[word, "aux"], f"auxiliary {child.text!r}"))
        elif child.dep_ == "mark" and (word, "mark") in cue_table():
            found.append((cue_table()[word, "mark"], f"conditional {child.text!r}"))
        elif child.dep_ == "det" and word == "no":
            found.append(("negated", "determiner 'no'"))
    return found


def governing_cues(anchor: Token) -> list[tuple[str, str]]:
    """Verdicts from the verbs and nouns that govern the event ("plans to", "refused to")."""
    found, tok = [], anchor
    for _ in range(MAX_CLIMB):
        if tok.dep_ not in GOVERNING_DEPS or tok.head == tok:
            break
        via_complement = tok.dep_ in {"ccomp", "advcl"}
        tok = tok.head
        verdict = cue_table().get((tok.lemma_.lower(), "governor"))
        if verdict:
            found.append((verdict, f"governed by {tok.text!r}"))
        if via_complement:  # another clause's tense does not reach into this one
            break
        found.extend(own_cues(tok))
    return found


def judge(trigger: Token, anchor: Token, event_day: date | None, published: date | None) -> tuple[str, str]:
    """(factuality, the cue that decided it) for the event whose words are ``trigger``/``anchor``."""
    cues = own_cues(trigger) + (own_cues(anchor) if anchor != trigger else []) + governing_cues(anchor)
    if cues:
        verdict, cue = max(cues, key=lambda c: RANK[c[0]])
        return verdict, cue
    if event_day and published and (published - event_day).days > 365:
        return "historical", f"dated {event_day.isoformat()}, over a year before publication"
    return "happened", "no modal, negation or governing intent"


def pledged(anchor: Token) -> bool:
    """Whether a planned event is its actor's own commitment ("will send", "pledged to send"),
    not a proposal to others or the writer's expectation ("proposed a halt", "is expected to")."""
    tok = anchor
    for _ in range(MAX_CLIMB):
        if tok.dep_ not in GOVERNING_DEPS or tok.head == tok:
            break
        tok = tok.head
        if tok.lemma_.lower() in NOT_PLEDGES:
            return False
    return True


def conditional(anchor: Token) -> bool:
    """Whether the act is made to hang on a condition of its own ("would meet him if he came", "may halt
    the talks unless ..."): said by its actor, a conditional act is an offer or a threat."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and (m.lower_, "condition") in cue_table() for m in c.children)
        for c in anchor.children
    )
