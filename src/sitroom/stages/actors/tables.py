"""The actor knowledge: countries, organisations, institutions and office holders.

Everything here is read from the data files of ``sitroom/knowledge/data`` (and a user file
of the same format as ``actors/office_holders.tsv``), so that correcting a code or adding
a minister is an edit to a table, never to code. :class:`ActorGazetteer` answers
the three questions the actor stage asks: which known party do these words name,
which institution or role does this noun head, and who held this office that day.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from sitroom.errors import E009, error
from sitroom.knowledge import read_tsv

USER_COLUMNS = ("name", "aliases", "kind", "country", "sector", "role", "start", "end")
ACTOR_KINDS = ("person", "country", "organization", "group")  # the kinds a user file's row may have


@dataclass
class Term:
    """One office held from ``start`` to ``end`` (None: open)."""

    role: str
    country: str | None
    sector: str | None
    start: date | None
    end: date | None

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass
class Known:
    """A party the tables name: a country, an organisation or a person with terms."""

    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None = None
    terms: list[Term] = field(default_factory=list)

    def term_at(self, day: date | None, countries: tuple[str, ...] = ()) -> Term | None:
        """The term held on ``day``; else the last one begun before it; else the latest.

        Terms in ``countries`` (those the phrase names: "European Council president
        Donald Tusk") are preferred when the date does not decide.
        """
        if not self.terms:
            return None
        ordered = sorted(self.terms, key=lambda t: (t.country in countries, t.start or date.min))
        if day is not None and not any(t.covers(day) for t in ordered):
            ordered = [t for t in ordered if t.country in countries] or ordered
        if day is None:
            return ordered[-1]
        for term in ordered:
            if term.covers(day):
                return term
        before = [t for t in ordered if t.start is None or t.start <= day]
        return before[-1] if before else ordered[0]


@dataclass(frozen=True)
class Hit:
    """What a phrase of the text names: a known party, and how it was named."""

    known: Known
    via: str  # name, alias, demonym, capital, metonym


@dataclass(frozen=True)
class Pattern:
    """An institution or role word ("foreign ministry", "soldier", "president")."""

    kind: str  # role, body, group
    canon: str
    sector: str


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


def _day(text: str, subject: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise error(E009, subject, f"bad date {text!r} (want YYYY-MM-DD)") from exc


def read_user_file(path: str) -> list[dict[str, str]]:
    """Rows of a user actors file; a clear one-line error if it is not one."""
    p = Path(path)
    if not p.is_file():
        raise error(E009, path, "actors file does not exist")
    try:
        lines = [ln for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    except UnicodeDecodeError as exc:
        raise error(E009, path, "actors file is not UTF-8 text") from exc
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    if not reader.fieldnames or "name" not in reader.fieldnames:
        raise error(E009, path, f"needs a tab-separated header line with {', '.join(USER_COLUMNS)}")
    rows = [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]
    for i, row in enumerate(rows, 2):
        if not row.get("name") or (row.get("kind") or "person") not in ACTOR_KINDS:
            raise error(E009, f"{path}:{i}", f"each row needs a name and a kind among {', '.join(ACTOR_KINDS)}")
    return rows


class ActorGazetteer:
    """All actor tables, indexed by phrase, with a spaCy matcher over them."""

    def __init__(self, user_rows: list[dict[str, str]] | None = None, user_file: str = "user file") -> None:
        self.names: dict[str, list[Hit]] = {}
        self.iso3_of: dict[str, str] = {}  # ISO 3166-1 alpha-2 -> alpha-3
        self.by_id: dict[str, Known] = {}
        self.patterns: dict[tuple[str, ...], Pattern] = {
            tuple(r["pattern"].split()): Pattern(r["kind"], r["canon"], r["sector"])
            for r in read_tsv("actors/institutions.tsv")
        }
        self.longest_pattern = max(len(k) for k in self.patterns)
        self._load_countries()
        for table in ("actors/igos.tsv", "actors/organizations.tsv"):
            for row in read_tsv(table):
                known = Known(row["id"], row["name"], "organization", row["country"] or None, row["sector"] or None)
                self._add(known, [row["name"]], "name")
                self._add(known, _split(row["aliases"]), "alias")
        states = {k.id for k in self.by_id.values() if k.kind == "country"}
        self.non_state = {k.country for k in self.by_id.values() if k.country and k.country not in states}
        self._load_people(read_tsv("actors/office_holders.tsv"), "actors/office_holders.tsv", override=False)
        self._load_people(user_rows or [], user_file, override=True)

    def _add(self, known: Known, phrases: list[str], via: str, first: bool = False) -> None:
        self.by_id[known.id] = known
        for phrase in phrases:
            hits = self.names.setdefault(phrase, [])
            hits.insert(0 if first else len(hits), Hit(known, via))

    def _load_countries(self) -> None:
        extra = {r["iso3"]: r for r in read_tsv("actors/country_aliases.tsv")}
        for row in read_tsv("actors/countries.tsv"):
            iso3 = row["iso3"]
            self.iso3_of[row["iso2"]] = iso3
            known = Known(iso3, row["name"], "country", iso3)
            more = extra.get(iso3, {})
            self._add(known, [row["name"]], "name")
            self._add(known, _split(more.get("aliases", "")), "alias")
            demonyms = _split(more.get("demonyms", ""))
            plurals = [d + "s" for d in demonyms if d[-1] in "ni"]
            self._add(known, demonyms + plurals, "demonym")
            self._add(known, _split(more.get("metonyms", "")), "metonym", first=True)
            if row["capital"]:
                self._add(known, [row["capital"].strip()], "capital")

    def _load_people(self, rows: Iterable[dict[str, str]], subject: str, override: bool) -> None:
        """Office holders: one Known per name, one Term per row; user rows win."""
        seen: set[str] = set()
        for i, row in enumerate(rows, 2):
            kind = row.get("kind") or "person"
            key = f"{kind}:{row['name']}"
            if override and key in self.by_id and key not in seen:
                self._drop(key)
            seen.add(key)
            known = self.by_id.get(key)
            if known is None:
                known = Known(key, row["name"], kind, row.get("country") or None, row.get("sector") or None)
                self._add(known, [row["name"]] + _split(row.get("aliases", "")), "name", first=override)
            if row.get("role") or row.get("start"):
                where = f"{subject}:{i}"
                known.terms.append(
                    Term(
                        row.get("role", ""),
                        row.get("country") or None,
                        row.get("sector") or None,
                        _day(row.get("start", ""), where),
                        _day(row.get("end", ""), where),
                    )
                )

    def _drop(self, key: str) -> None:
        del self.by_id[key]
        for phrase in list(self.names):
            self.names[phrase] = [h for h in self.names[phrase] if h.known.id != key]

    def lookup(self, phrase: str) -> list[Hit]:
        """Known parties named exactly ``phrase`` (a possessive 's stripped), a capital
        last: "Brussels" is the EU before it is Belgium's government."""
        phrase = phrase.strip()
        for variant in (phrase, phrase.removesuffix("'s").removesuffix("’s"), phrase.removeprefix("the ")):
            if variant in self.names:
                return sorted(self.names[variant], key=lambda h: h.via == "capital")
        return []

    def holders(self, country: str | None, role: str, day: date | None) -> list[Known]:
        """People who held ``role`` (for ``country`` when given) on ``day``."""
        found = []
        for known in self.by_id.values():
            if known.kind != "person":
                continue
            for term in known.terms:
                if (
                    term.role == role
                    and (country is None or term.country == country)
                    and (day is None or term.covers(day))
                ):
                    found.append(known)
                    break
        return found

    def pattern(self, lemmas: list[str]) -> tuple[int, Pattern] | None:
        """The longest institution pattern ending the words ``lemmas`` (and its length)."""
        for n in range(min(self.longest_pattern, len(lemmas)), 0, -1):
            found = self.patterns.get(tuple(lemmas[-n:]))
            if found:
                return n, found
        return None

    def matcher(self, make_doc: Callable[[str], Doc]) -> PhraseMatchers:
        """A matcher for every known phrase, tokenized as the pipeline tokenizes."""
        return PhraseMatchers(self.names, make_doc)


class PhraseMatchers:
    """Case-sensitive for names; lower-case phrases ("the bloc") match any case."""

    def __init__(self, phrases: Iterable[str], make_doc: Callable[[str], Doc]) -> None:
        vocab = make_doc("").vocab
        self.exact, self.lower = PhraseMatcher(vocab, attr="ORTH"), PhraseMatcher(vocab, attr="LOWER")
        for phrase in phrases:
            (self.lower if phrase.islower() else self.exact).add(phrase, [make_doc(phrase)])

    def __call__(self, doc: Doc) -> list[tuple[int, int, str]]:
        """(start token, end token, phrase) of every match."""
        return [(s, e, doc.vocab.strings[k]) for m in (self.exact, self.lower) for k, s, e in m(doc)]


@lru_cache(maxsize=8)
def gazetteer_for(user_file: str | None) -> ActorGazetteer:
    """The shipped tables plus the user's file, loaded once per file."""
    return ActorGazetteer(read_user_file(user_file), user_file) if user_file else ActorGazetteer()
