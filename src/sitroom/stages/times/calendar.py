"""What the time stage knows before it reads: its words, its patterns and the calendar.

``times/words.tsv`` holds the word classes (months, weekdays, ordinals,
shifts...), ``times/holidays.tsv`` the named days with the rule that dates
them, ``english/number_words.tsv`` the number words (shared with the
quantities stage), and ``times/patterns.tsv`` the patterns built from them;
this module turns the patterns into compiled regular expressions, one
:class:`Rule` per row, reads the numbers they capture ("twenty four",
"nineteen ninety-six"), and does the calendar arithmetic every normalizer
shares (ISO weeks, quarters, month shifts, Easter). What a match means in
time is decided by :mod:`sitroom.stages.times.normalize`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from sitroom.knowledge import read_tsv
from sitroom.knowledge.english import time_number_words

WORDS_FILE = "times/words.tsv"
RULES_FILE = "times/patterns.tsv"
HOLIDAYS_FILE = "times/holidays.tsv"  # the "holiday" class: each name with the rule that dates it
# Placeholders of the patterns that stand for digits (``{number}`` is digits or words; every other one is a word class).
DIGIT_PLACEHOLDERS = {
    "year": r"(?:1[0-9]|20)\d\d(?!\d)",
    "day": r"(?:[12]\d|3[01]|0?[1-9])(?!\d)",
}
CAPITALIZED = ("month", "weekday", "holiday")  # proper names: "may" and "march" are verbs
ARTICLES = ("a", "an")  # "a year", but never glued to another number ("a five year" is five)


@dataclass(frozen=True)
class Rule:
    """One row of times/patterns.tsv: its name, default type, normalizer, confidence and compiled pattern."""

    name: str
    type: str
    norm: str
    confidence: float
    regex: re.Pattern[str]


# ---------------------------------------------------------------- data


@cache
def words(cls: str) -> dict[str, str]:
    """The words of one class of times/words.tsv (holidays: of times/holidays.tsv), with their values."""
    if cls == "holiday":
        return {r["holiday"]: r["rule"] for r in read_tsv(HOLIDAYS_FILE)}
    return {r["word"]: r["value"] for r in read_tsv(WORDS_FILE) if r["class"] == cls}


def _alternation(cls: str) -> str:
    """A regex matching any word of a class, longest first, dots and spaces literal."""
    alts = sorted(words(cls), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") + (r"(?!\w)" if w[-1].isalnum() else "") for w in alts)


def _expand(pattern: str) -> str:
    """Replace {class} and {class:2} placeholders by named groups."""

    def group(m: re.Match[str]) -> str:
        cls, suffix = m.group(1), m.group(2) or ""
        body = _number_regex() if cls == "number" else DIGIT_PLACEHOLDERS.get(cls) or _alternation(cls)
        return f"(?P<{cls}{suffix}>{body})"

    return re.sub(r"\{(\w+)(?::(\d))?\}", group, pattern)


def _number_regex() -> str:
    """Digits, a vague quantity, number words ("twenty four"), or a lone article ("a year")."""
    word = "|".join(
        re.escape(w).replace(r"\ ", r"\s+") + r"(?!\w)"
        for w in sorted(time_number_words(), key=len, reverse=True)
        if w not in ARTICLES
    )
    return rf"\d+(?:,\d{{3}})*(?:\.\d+)?|{_alternation('vague')}|(?:{word})(?:[- ]+(?:{word}))*|an?(?!\w)"


@cache
def rules() -> tuple[Rule, ...]:
    """The compiled rules of times/patterns.tsv, in priority order."""
    out = []
    for row in read_tsv(RULES_FILE):
        regex = re.compile(r"(?<![\w$.-])(?:" + _expand(row["pattern"]) + r")(?![\w-])", re.I)
        out.append(Rule(row["rule"], row["type"], row["norm"], float(row["confidence"]), regex))
    return tuple(out)


def properly_cased(groups: dict[str, str | None]) -> bool:
    """Month and weekday names count only capitalized ("May", not the modal "may")."""
    return all(not (v := groups.get(c)) or v[0].isupper() for c in CAPITALIZED)


# ---------------------------------------------------------------- numbers


def to_number(text: str) -> float | None:
    """'twenty four' -> 24, '1,000' -> 1000, 'a couple of' -> 2; vague words ('several') -> None."""
    text = text.lower().strip()
    if text in words("vague"):
        return None
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", text):
        return float(text.replace(",", ""))
    nums = time_number_words()
    if text in nums:
        return nums[text]
    total, current = 0.0, 0.0
    for part in re.split(r"[- ]+", text):
        value = nums.get(part)
        if value is None:  # not a number word
            return None
        if value == 100:
            current = (current or 1) * value
        elif value == 1000:
            total, current = total + (current or 1) * value, 0.0
        else:
            current += value
    return total + current


def spelled_year(text: str) -> int | None:
    """'nineteen ninety-six' -> 1996, 'two thousand' -> 2000."""
    parts = text.lower().split(None, 1)
    if parts[0] == "two":
        after = re.sub(r"^thousand(\s+and)?\s*", "", parts[1])
        return 2000 + int(to_number(after) or 0) if after else 2000
    century, rest = to_number(parts[0]), to_number(parts[1]) if len(parts) > 1 else None
    return int(century * 100 + rest) if century and rest is not None else None


# ---------------------------------------------------------------- calendar


def week_of(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_of(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + n
    return index // 12, index % 12 + 1


def add_quarters(yq: tuple[int, int], n: int) -> tuple[int, int]:
    index = yq[0] * 4 + yq[1] - 1 + n
    return index // 4, index % 4 + 1


def period_value(anchor: date, unit: str, n: int) -> tuple[str, str] | None:
    """The period ``n`` units from the anchor's own, as (value, precision)."""
    if unit == "Y":
        return f"{anchor.year + n:04d}", "year"
    if unit == "M":
        return "{:04d}-{:02d}".format(*add_months(anchor.year, anchor.month, n)), "month"
    if unit in ("W", "FN"):
        return week_of(anchor + timedelta(weeks=n)), "week"
    if unit == "WE":
        return week_of(anchor + timedelta(weeks=n)) + "-WE", "weekend"
    if unit == "D":
        return (anchor + timedelta(days=n)).isoformat(), "day"
    if unit == "Q":
        return "{:04d}-Q{}".format(*add_quarters(quarter_of(anchor), n)), "quarter"
    if unit == "DE":
        return f"{anchor.year // 10 + n:03d}", "decade"
    if unit == "CE":
        return f"{anchor.year // 100 + n:02d}", "century"
    return None


def easter(year: int, orthodox: bool = False) -> date:
    """Easter Sunday: the Gregorian computus, or the Julian one moved to the Gregorian calendar (1900-2099)."""
    if orthodox:
        a, b, c = year % 4, year % 7, year % 19
        d = (19 * c + 15) % 30
        e = (2 * a + 4 * b - d + 34) % 7
        month, day = divmod(d + e + 114, 31)
        return date(year, month, day + 1) + timedelta(days=13)
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    w = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * w) // 451
    month, day = divmod(h + w - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holiday_date(rule: str, year: int) -> date:
    """The day a holiday rule of times/holidays.tsv gives in a year ('12-25', '11:4#4', '11:1#1+1', 'easter-2')."""
    found = re.fullmatch(r"(orthodox_easter|easter)([+-]\d+)", rule)
    if found:
        return easter(year, found.group(1) == "orthodox_easter") + timedelta(days=int(found.group(2)))
    found = re.fullmatch(r"(\d\d):([1-7])#(-?\d)([+-]\d+)?", rule)
    if not found:
        month, day = map(int, rule.split("-"))
        return date(year, month, day)
    month, weekday, nth = int(found.group(1)), int(found.group(2)), int(found.group(3))
    if nth > 0:
        first = date(year, month, 1)
        nth_day = first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    else:
        last = date(*add_months(year, month, 1), 1) - timedelta(days=1)
        nth_day = last - timedelta(days=(last.isoweekday() - weekday) % 7)
    return nth_day + timedelta(days=int(found.group(4) or 0))
