"""The data types of a sourced record, and their JSON form.

Every fact carries the character span it came from (``evidence``), a
``confidence`` and the ``rule`` (or model) that produced it, so a reader can
always go back to the words of the article. The JSON form is a superset of the
prediction format of ``shared/eval/FORMAT.md``: ``id``, ``quotes``, ``events``,
``times`` and ``places`` keep the keys the scorer reads, and sitroom adds its own.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

Span = tuple[int, int]

PLOVER_QUAD: dict[str, int] = {
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "CONCEDE": 1,
    "COOPERATE": 2,
    "AID": 2,
    "RETREAT": 2,
    "REQUEST": 3,
    "ACCUSE": 3,
    "REJECT": 3,
    "THREATEN": 3,
    "PROTEST": 4,
    "SANCTION": 4,
    "MOBILIZE": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}
# The quad CAMEO gives a PLOVER type where it differs from PLOVER's: yielding (CONCEDE: "lifted the curfew",
# "called off the strike") is CAMEO's material cooperation ("yield"), reducing relations (SANCTION: "suspended
# aid", "expelled the inspectors") its verbal conflict. An event coded in CAMEO's quad carries it as its quad.
CAMEO_QUAD: dict[str, int] = {"CONCEDE": 2, "SANCTION": 3}
UNDATED = (
    "undated: the article has no publication date, so its events carry only the dates their own clauses"
    " give (set --published or a date column)"
)
FACTUALITIES = ("happened", "planned", "hypothetical", "negated", "historical")


def content_hash(text: str) -> str:
    """Identity of an article's text: the same text ingested twice is one article."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Article:
    """One input document, as given: offsets of every fact index into ``text``."""

    id: str
    text: str
    published: date | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str | None = None
    origin: str | None = None  # file path or corpus the article came from
    byline: str | None = None  # the author(s) a page names

    @property
    def hash(self) -> str:
        return content_hash(self.text)


@dataclass
class Actor:
    """A real-world party the article mentions, merged over all its mentions.

    ``kind`` is person, country, organization or group; ``country`` is ISO 3166-1
    alpha-3 (or a PLOVER non-state code such as IGO); ``sector`` is PLOVER's
    (GOV, MIL, REB, ...). Unknown stays ``None``: never guessed.
    """

    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    mentions: list[Span] = field(default_factory=list)
    confidence: float = 1.0
    rule: str = ""


@dataclass
class ActorRef:
    """An actor as it appears in one place: the span, its text, and the coding."""

    span: Span
    text: str
    actor_id: str | None = None
    name: str | None = None
    country: str | None = None
    sector: str | None = None


@dataclass
class Timex:
    """A temporal expression normalized to TIMEX3 against the publication date."""

    span: Span
    type: str  # DATE, TIME, DURATION, SET
    value: str
    precision: str | None = None  # day, week, month, year, range, ...
    confidence: float = 1.0
    rule: str = ""
    bounds: tuple[str, str] | None = None  # earliest and latest day a vague range covers ("within weeks")


@dataclass
class Place:
    """A toponym resolved to coordinates, country and first-level region."""

    span: Span
    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    geonameid: int | None = None
    role: str = "location"  # location, actor ("Moscow said"), adjective ("Russian drones"), name ("Ohio State")
    confidence: float = 1.0
    rule: str = ""


@dataclass
class Quantity:
    """A count the text gives: ``value`` of ``unit`` (drones, regions, dead...)."""

    span: Span
    value: float
    unit: str
    confidence: float = 1.0
    rule: str = ""


@dataclass
class Quote:
    """Reported speech: the words, who said them, through which cue, to whom."""

    content: list[Span]
    kind: str  # direct, indirect, mixed
    speaker: ActorRef | None = None
    cue: Span | None = None
    cue_lemma: str | None = None
    medium: str | None = None
    evidence: Span | None = None
    confidence: float = 1.0
    rule: str = ""


@dataclass
class EventDate:
    """When an event took place, and where that came from (a timex or the dateline)."""

    value: str
    precision: str
    span: Span | None = None  # None when the publication date stands in
    source: str = "timex"  # timex or published


@dataclass(frozen=True)
class Plan:
    """The act a commitment promises, threatens or refuses: its PLOVER type, mode and its own date."""

    type: str
    mode: str | None = None
    date: EventDate | None = None


@dataclass(frozen=True)
class Mention:
    """One place an article names an event: the word that names the act, and its sentence."""

    trigger: Span
    evidence: Span


@dataclass
class Event:
    """A PLOVER event: who did what to whom, when, where, how much, how sure.

    One act is one event: ``mentions`` lists every place the article names it (the first is
    ``trigger``/``evidence``; a later "the attack" or "the blast" that refers back joins it).
    ``plan`` is the act a commitment (a promise, warning or refusal) is about: "Macron plans to speak
    with Putin on Tuesday" is an AGREE made when reported, whose plan is a phone CONSULT on Tuesday.
    """

    type: str
    source: list[ActorRef]
    target: list[ActorRef]
    trigger: Span
    evidence: Span
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    factuality: str = "happened"
    date: EventDate | None = None
    place: Place | None = None
    quantities: list[Quantity] = field(default_factory=list)
    confidence: float = 1.0
    rationale: str = ""
    place_source: str | None = None  # how the place is known: its own clause, a target that is a place, the dateline
    quad_override: int | None = None  # CAMEO's neutral class (0) for a plain statement or appeal, or CAMEO_QUAD
    mentions: list[Mention] = field(default_factory=list)
    plan: Plan | None = None

    @property
    def quad(self) -> int:
        return PLOVER_QUAD[self.type] if self.quad_override is None else self.quad_override


@dataclass
class Record:
    """Everything sitroom extracted from one article."""

    article: Article
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    times: list[Timex] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what a reader of the record must know ("undated: ...")

    def to_json(self) -> dict[str, Any]:
        """The prediction format of FORMAT.md plus sitroom's own fields."""
        art = self.article
        return {
            "id": art.id,
            "title": art.title,
            "published": art.published.isoformat() if art.published else None,
            "url": art.url,
            "outlet": art.outlet,
            "byline": art.byline,
            "language": art.language,
            "hash": art.hash,
            "actors": [_clean(asdict(a)) for a in self.actors],
            "quotes": [quote_json(q) for q in self.quotes],
            "events": [event_json(e) for e in self.events],
            "times": [_clean(asdict(t)) for t in self.times],
            "places": [_clean(asdict(p)) for p in self.places],
            "quantities": [_clean(asdict(q)) for q in self.quantities],
            "warnings": list(self.warnings),
        }


def ref_json(ref: ActorRef) -> dict[str, Any]:
    return _clean(asdict(ref))


def quote_json(q: Quote) -> dict[str, Any]:
    out = _clean(asdict(q))
    out["speaker"] = ref_json(q.speaker) if q.speaker else None
    return out


def event_json(e: Event) -> dict[str, Any]:
    out = _clean(asdict(e))
    out["quad"] = e.quad
    out["source"] = [ref_json(r) for r in e.source]
    out["target"] = [ref_json(r) for r in e.target]
    return out


def _clean(obj: Any) -> Any:
    """Tuples to lists, recursively, so the JSON form is plain."""
    if isinstance(obj, dict):
        return {k: _clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_clean(v) for v in obj]
    return obj
