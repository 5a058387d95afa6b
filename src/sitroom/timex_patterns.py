"""The words and patterns of the time stage, compiled from its data files.

``data/timex_words.tsv`` holds the word classes (months, weekdays, number
words, shifts, holidays...) and ``data/timex_rules.tsv`` the patterns built
from them; this module turns both into compiled regular expressions, one
:class:`Rule` per row, and reads the numbers the patterns capture ("twenty
four", "nineteen ninety-six"). What a match means in time is computed by
:mod:`sitroom.timex_rules`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitroom.knowledge import read_tsv

WORDS_FILE = "timex_words.tsv"
RULES_FILE = "timex_rules.tsv"
HOLIDAYS_FILE = "timex_holidays.tsv"  # the "holiday" class: each name with the rule that dates it
# Digit placeholders of the patterns (every other placeholder is a word class).
DIGITS = {
    "year": r"(?:1[0-9]|20)\d\d(?!\d)",
    "day": r"(?:[12]\d|3[01]|0?[1-9])(?!\d)",
}
CAPITALIZED = ("month", "weekday", "holiday")  # proper names: "may" and "march" are verbs
ARTICLES = ("a", "an")  # "a year", but never glued to another number ("a five year" is five)


@dataclass(frozen=True)
class Rule:
    """One row of timex_rules.tsv: its name, default type, normalizer, confidence and compiled pattern."""

    name: str
    type: str
    norm: str
    confidence: float
    regex: re.Pattern[str]


# ---------------------------------------------------------------- data

@lru_cache(maxsize=None)
def words(cls: str) -> dict[str, str]:
    """The words of one class of timex_words.tsv (holidays: of timex_holidays.tsv), with their values."""
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
        body = _number_regex() if cls == "number" else DIGITS.get(cls) or _alternation(cls)
        return f"(?P<{cls}{suffix}>{body})"
    return re.sub(r"\{(\w+)(?::(\d))?\}", group, pattern)


def _number_regex() -> str:
    """Digits, a vague quantity, number words ("twenty four"), or a lone article ("a year")."""
    word = "|".join(re.escape(w).replace(r"\ ", r"\s+") + r"(?!\w)"
                    for w in sorted(words("number"), key=len, reverse=True) if w not in ARTICLES)
    return rf"\d+(?:,\d{{3}})*(?:\.\d+)?|{_alternation('vague')}|(?:{word})(?:[- ]+(?:{word}))*|an?(?!\w)"


@lru_cache(maxsize=None)
def rules() -> tuple[Rule, ...]:
    """The compiled rules of timex_rules.tsv, in priority order."""
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
    nums = words("number")
    if text in nums:
        return float(nums[text])
    total, current = 0.0, 0.0
    for part in re.split(r"[- ]+", text):
        value = float(nums.get(part, "nan"))
        if value != value:  # NaN: not a number word
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
        rest = re.sub(r"^thousand(\s+and)?\s*", "", parts[1])
        return 2000 + int(to_number(rest) or 0) if rest else 2000
    century, rest = to_number(parts[0]), to_number(parts[1]) if len(parts) > 1 else None
    return int(century * 100 + rest) if century and rest is not None else None
