"""The circumstances of an event, read from its own clause: its date, place, mode, counts and words.

Everything an event carries comes from its own clause: the date is the timex attached on the
trigger's path up the parse (the publication date, marked ``source="published"``, when there
is none), the place, the mode ("by phone") and the counts likewise; nothing is stitched from
another sentence.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from spacy.tokens import Doc, Token

from sitroom.knowledge.english import LOCATIVE_PREPS
from sitroom.record import EventDate, Place, Span
from sitroom.stages.events.triggers import EventCandidate, mode_words, word_class

# Prepositions that place an event: the English locatives, and "over" and "within".
EVENT_PLACE_PREPS = LOCATIVE_PREPS | {"over", "within"}
# Links that open another clause below a word: an event's date, place and words stop there.
SUBCLAUSE_DEPS = {"ccomp", "advcl", "relcl", "xcomp", "conj", "parataxis", "csubj", "acl"}


def path_up(tok: Token, through_complements: bool) -> list[Token]:
    """The trigger and the words above it in its own clause (and a reporting verb's, for dates)."""
    path = [tok]
    while tok.head != tok and len(path) < 8:
        if tok.dep_ in SUBCLAUSE_DEPS - {"xcomp", "acl"} and not (through_complements and tok.dep_ == "ccomp"):
            break
        tok = tok.head
        path.append(tok)
    return path


def clause_rank(doc: Doc, span: Span, path: list[Token]) -> int | None:
    """How near the trigger a span is attached, or None when it belongs to another clause."""
    inside = list(doc.char_span(span[0], span[1], alignment_mode="expand") or [])
    if not inside:
        return None
    root = min(inside, key=lambda t: len(list(t.ancestors)))
    tok = root
    while True:
        if tok in path:
            return path.index(tok)
        if tok.head == tok or (tok != root and word_class(tok) == "VERB") or tok.dep_ in SUBCLAUSE_DEPS - {"acl"}:
            return None
        tok = tok.head


def nearest(doc: Doc, items: Iterable, path: list[Token]) -> list:
    ranked = [(r, i, x) for i, x in enumerate(items) if (r := clause_rank(doc, x.span, path)) is not None]
    return [x for _, _, x in sorted(ranked, key=lambda t: (t[0], t[1]))]


def is_location(doc: Doc, place: Place) -> bool:
    """A toponym that says where ("in Riyadh", "at the Kremlin"), not who ("U.S. President")."""
    if getattr(place, "role", "location") != "location":
        return False
    toks = list(doc.char_span(place.span[0], place.span[1], alignment_mode="expand") or [])
    root = min(toks, key=lambda t: len(list(t.ancestors)), default=None)
    return root is not None and root.dep_ == "pobj" and root.head.lower_ in EVENT_PLACE_PREPS


def precision_of(value: str) -> str:
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "week" if "W" in value else "other")


def event_date(doc: Doc, cand: EventCandidate) -> EventDate | None:
    """The date timex governing the event in its clause, else the publication date."""
    dated = [t for t in doc._.timexes or [] if t.type in {"DATE", "TIME"} and t.value[:1].isdigit()]
    hits = nearest(doc, dated, path_up(cand.anchor, through_complements=True))
    if hits:
        t = hits[0]
        return EventDate(value=t.value, precision=t.precision or precision_of(t.value), span=t.span, source="timex")
    return published_date(doc)


def published_date(doc: Doc) -> EventDate | None:
    if doc._.published is None:
        return None
    return EventDate(value=doc._.published.isoformat(), precision="day", span=None, source="published")


def day_of(when: EventDate | None) -> date | None:
    """The first day a timex date can mean ("2025-02" -> 2025-02-01), for the historical test."""
    if when is None or when.source != "timex":
        return None
    parts = when.value.split("-")[:3]
    try:
        return date(*(int(p) for p in parts + ["1"] * (3 - len(parts))))
    except ValueError:
        return None


def clause_tokens(anchor: Token) -> list[Token]:
    """The words of the event's own clause: the anchor's subtree minus embedded clauses."""
    out, stack = [], [anchor]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in SUBCLAUSE_DEPS - {"xcomp"})
    return sorted(out, key=lambda t: t.i)


def mode_of(cand: EventCandidate, clause: list[Token], has_place: bool) -> tuple[str | None, str]:
    """The mode: a mode word in the clause, else the cue's own ("a call" is by phone)."""
    for tok in clause:
        hit = mode_words().get(tok.lemma_.lower()) or mode_words().get(tok.lower_)
        if hit and hit[0] == cand.type:
            return hit[1], f"mode word {tok.text!r}"
    mode = cand.word.mode if cand.word else None
    if mode == "phone" and has_place:
        return None, "talks at a place are not by phone"
    return mode, f"mode of cue {cand.word.lemma!r}" if mode and cand.word else ""
