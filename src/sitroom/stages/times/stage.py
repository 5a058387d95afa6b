"""Temporal expressions normalized to TIMEX3 against ``doc._.published``.

The stage finds every temporal expression with the patterns of
``times/patterns.tsv`` as :mod:`sitroom.stages.times.calendar` compiles them
(longest match wins, TimeML span conventions: no leading preposition), then normalizes them in
reading order with the normalizers of :mod:`sitroom.stages.times.normalize` and
:mod:`sitroom.stages.times.relative` (:data:`NORMALIZERS`). Two things come from the parse and the article
rather than from the words: the tense of the verb an expression hangs from
("plans to speak on Tuesday" looks ahead, "reported on Sunday" looks back),
and the last quarter the article spoke of ("the quarter", "a year earlier"
refer to it). The results land on ``doc._.timexes`` as :class:`Timex`, with
the exact character span the events stage attaches dates through.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from sitroom.errors import E006, error
from sitroom.record import Timex
from sitroom.stages.times import normalize, relative
from sitroom.stages.times.calendar import Rule, properly_cased, rules, words
from sitroom.stages.times.normalize import Context, Groups, Norm

FUTURE_AUX = {"will", "'ll", "shall", "wo", "would", "'d"}
PERFECT_AUX = {"have", "has", "had", "'ve"}
REFERRING_RULES = ("ago", "year_ago_adj", "context_quarter", "year_period")
CALENDAR_VALUE = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")  # a named year, month or day
NAME_TYPES = {"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "FAC", "GPE", "NORP", "LAW"}

# The normalizer of each ``norm`` of times/patterns.tsv.
NORMALIZERS: dict[str, Callable[[Groups, Context], Norm | None]] = {
    "date": normalize.norm_date,
    "month": normalize.norm_month,
    "year": normalize.norm_year,
    "year_period": normalize.norm_year_period,
    "decade": normalize.norm_decade,
    "century": normalize.norm_century,
    "quarter": normalize.norm_quarter,
    "year_ago": normalize.norm_year_ago,
    "relday": relative.norm_relday,
    "weekday": relative.norm_weekday,
    "holiday": normalize.norm_holiday,
    "partday": relative.norm_partday,
    "clock": relative.norm_clock,
    "shifted": relative.norm_shifted,
    "season": normalize.norm_season,
    "current": relative.norm_current,
    "anaphoric": relative.norm_anaphoric,
    "year_length": normalize.norm_year_length,
    "weekend": relative.norm_weekend,
    "ago": relative.norm_ago,
    "duration": normalize.norm_duration,
    "vague_range": normalize.norm_vague_range,
    "set": normalize.norm_set,
    "ref": relative.norm_ref,
}


@dataclass(frozen=True)
class TimesSettings:
    """How far the stage looks around an expression for its tense."""

    ahead_window: int = 24  # characters before an expression searched for a cue that looks ahead ("as soon as")
    verb_steps: int = 5  # heads climbed in the parse from an expression to the verb it hangs from
    tense_depth: int = 3  # infinitives climbed to the verb that gives their tense ("plans to leave")


DEFAULTS = TimesSettings()


@dataclass(frozen=True)
class PatternMatch:
    """One pattern match: where, which rule (and its rank among the rules), the words captured."""

    start: int
    end: int
    rank: int
    rule: Rule
    groups: dict[str, str]


def anchor_date(value: object) -> date | None:
    """The publication date as a ``date``; an ISO string is accepted, anything else is an error."""
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.date()
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise error(E006, repr(value), "published is not an ISO date (YYYY-MM-DD)") from exc


def pattern_matches(text: str) -> list[PatternMatch]:
    """Every match of every rule, before overlaps are resolved."""
    out = []
    for rank, rule in enumerate(rules()):
        for m in rule.regex.finditer(text):
            groups = {k: v for k, v in m.groupdict().items() if v} | {"text": m.group(0)}
            if m.end() > m.start() and properly_cased(groups):
                out.append(PatternMatch(m.start(), m.end(), rank, rule, groups))
    return out


def select(found: list[PatternMatch]) -> list[PatternMatch]:
    """Non-overlapping matches: the longest first, then the higher rule; in text order."""
    taken: list[PatternMatch] = []
    for cand in sorted(found, key=lambda c: (c.start - c.end, c.rank, c.start)):
        if all(cand.end <= t.start or cand.start >= t.end for t in taken):
            taken.append(cand)
    return sorted(taken, key=lambda c: c.start)


# ---------------------------------------------------------------- tense


def governing_verb(doc: Doc, start: int, end: int, settings: TimesSettings = DEFAULTS) -> Token | None:
    """The verb the expression hangs from in the parse (``settings.verb_steps`` heads up at most)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not doc.has_annotation("DEP"):
        return None
    tok = span.root
    for _ in range(settings.verb_steps):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod", "compound"):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def tense_of(verb: Token | None, depth: int = 0, settings: TimesSettings = DEFAULTS) -> str | None:
    """past, present or future: from the verb's tag, its auxiliaries and what it is the infinitive of."""
    if verb is None or depth > settings.tense_depth:
        return None
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    cues = words("futurecue")
    if aux & FUTURE_AUX or "going" in aux:
        return "future"
    if verb.lemma_.lower() in cues and (verb.tag_ != "VBD" or depth):  # "planned to leave Friday", not "tried Friday"
        return "future"
    if "to" in aux and verb.head.i != verb.i:
        governor = tense_of(verb.head, depth + 1, settings)
        return "past" if governor == "past" else "future"
    if verb.tag_ == "VBD" or aux & PERFECT_AUX or aux & {"was", "were", "did"}:
        return "past"
    if verb.tag_ == "VBG" and aux & {"is", "are", "am", "'s", "'re"}:
        return "future"
    if verb.tag_ == "VBN" and verb.head.i != verb.i and verb.dep_ in ("acl", "relcl"):
        return "past"
    return "present"


def looks_ahead(text: str, start: int, settings: TimesSettings = DEFAULTS) -> bool:
    """Whether the words just before the expression point ahead ("as soon as Tuesday")."""
    before = " ".join(text[max(0, start - settings.ahead_window) : start].lower().split())
    return any(before.endswith(cue) for cue in words("aheadcue"))


def misread(doc: Doc, text: str, cand: PatternMatch) -> bool:
    """Words of a pattern that are no temporal expression here.

    A name the parser recognizes ("Jan Kavan", the "March of the Mothers") is no
    date, and a duration's words can be an age ("52 years old"), a share
    ("three-quarters of its food"), an ordinal ("a second group"), a rate
    ("$1.76 a year", "four flights a week") or "someday" ("will one day be").
    """
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    parsed = span is not None and doc.has_annotation("DEP")
    if span is not None and cand.rule.norm != "holiday" and all(t.ent_type_ in NAME_TYPES for t in span):
        return True
    if cand.rule.norm != "duration" or not cand.groups.get("unit"):
        return False
    unit = cand.groups["unit"].lower()
    if re.match(r"\s+old\b", text[cand.end : cand.end + 5]):
        return True  # an age: "52 years old"
    if unit.startswith("quarter") and re.match(r"\s+of\s+(?!fiscal\b|\d)", text[cand.end : cand.end + 16]):
        return True
    tok = next((t for t in reversed(span) if t.lower_ == unit), None) if parsed and span is not None else None
    if tok is None:
        return False
    if tok.pos_ == "ADJ":
        return True
    if cand.groups["text"].lower() == "one day" and tok.head.i > tok.i and tok.head.pos_ in ("VERB", "AUX"):
        return True  # "will one day be": someday, the reference word, not a day's length
    article = (cand.groups.get("number") or "").lower() in ("a", "an")
    return (
        article and tok.dep_ == "npadvmod" and tok.head.i < tok.i and tok.head.pos_ in ("NOUN", "NUM", "SYM", "PROPN")
    )


# ---------------------------------------------------------------- the stage


def find_timexes(doc: Doc, anchor: date | None, settings: TimesSettings = DEFAULTS) -> list[Timex]:
    """Every temporal expression of the Doc, normalized in reading order.

    A match whose words make no value (a plural in "the coming weeks" read as
    "last week") or are :func:`misread` is dropped before overlaps are resolved,
    so another rule's reading of the same words can win.
    """
    neutral = Context(anchor=anchor)
    text = doc.text  # built anew on each access: read it once
    usable = [
        c
        for c in pattern_matches(text)
        if NORMALIZERS[c.rule.norm](c.groups, neutral) is not None and not misread(doc, text, c)
    ]
    ctx = Context(anchor=anchor)
    out = []
    for cand in select(usable):
        ahead = looks_ahead(text, cand.start, settings)
        ctx.tense = (
            "future" if ahead else tense_of(governing_verb(doc, cand.start, cand.end, settings), settings=settings)
        )
        norm = NORMALIZERS[cand.rule.norm](cand.groups, ctx)
        if norm is None:
            continue
        remember(ctx, norm, cand.rule)
        out.append(
            Timex(
                span=(cand.start, cand.end),
                type=norm.type,
                value=norm.value,
                precision=norm.precision,
                confidence=cand.rule.confidence,
                rule=cand.rule.name,
                bounds=norm.bounds,
            )
        )
    return out


def remember(ctx: Context, norm: Norm, rule: Rule) -> None:
    """Keep the period an article names, for 'the quarter', 'a year earlier', 'that day' later on.

    Only periods named outright count: 'a year ago' and 'the quarter' refer back, and
    remembering them would move the reference one year further at every mention.
    """
    if norm.type != "DATE" or norm.precision == "vague" or rule.name in REFERRING_RULES:
        return
    named = CALENDAR_VALUE.fullmatch(norm.value)
    if named and rule.norm != "anaphoric":
        year, month, day = named.groups()
        ctx.reference = (int(year), int(month) if month else None, int(day) if day else None)
    ctx.last_precision = norm.precision
    found = re.fullmatch(r"(\d{4})-Q([1-4])", norm.value)
    if found:
        ctx.last_quarter = (int(found.group(1)), int(found.group(2)))


class TimesStage:
    """spaCy component: ``doc._.timexes`` from the text, the parse and ``doc._.published``."""

    def __init__(self, nlp: Language, settings: TimesSettings = DEFAULTS) -> None:
        self.nlp = nlp
        self.settings = settings
        rules()  # compile the patterns once, when the pipeline is built

    def __call__(self, doc: Doc) -> Doc:
        doc._.timexes = find_timexes(doc, anchor_date(doc._.published), self.settings)
        return doc


@Language.factory(
    "sitroom_times",
    requires=["doc._.published", "token.dep", "token.pos", "token.tag", "token.lemma", "token.ent_type"],
    assigns=["doc._.timexes"],
    default_config={"settings": asdict(DEFAULTS)},  # nlp.config shows every tuned value
)
def make_times(nlp: Language, name: str, settings: dict[str, Any]) -> TimesStage:
    return TimesStage(nlp, TimesSettings(**settings))
