"""The arithmetic of TIMEX3: from a matched pattern to a value, given the anchor date.

The patterns, word lists and calendar arithmetic live in
:mod:`sitroom.stages.times.calendar`. A normalizer gets the words the pattern captured
and a :class:`Context` (the anchor date, the tense of the governing verb, the
last period and date the article named) and returns a :class:`Norm`, or ``None`` when
the words do not make a temporal expression after all. Without an anchor the
values stay unanchored (``XXXX-02``), as TIMEX3 does.

This module holds what every normalizer shares and the normalizers of what the calendar
names (a date, a month, a year, a decade, a quarter, a season, a holiday) and of lengths of
time (a duration, a vague range ahead, a set); those read against the anchor or the article
("yesterday", "on Tuesday", "last week", "that year", "two years ago") are in
:mod:`sitroom.stages.times.relative`, and :data:`sitroom.stages.times.stage.NORMALIZERS`
names them all for the patterns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sitroom.stages.times.calendar import (
    add_quarters,
    holiday_date,
    quarter_of,
    spelled_year,
    to_number,
    week_of,
    words,
)

# How an unanchored value of each precision is written.
UNANCHORED = {
    "day": "XXXX-XX-XX",
    "week": "XXXX-WXX",
    "month": "XXXX-XX",
    "quarter": "XXXX-QX",
    "year": "XXXX",
    "decade": "XXX",
    "century": "XX",
    "weekend": "XXXX-WXX-WE",
}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # the month each season begins


@dataclass
class Context:
    """What a normalizer may use besides the words: anchor, tense, the last period named."""

    anchor: date | None
    tense: str | None = None  # past, present, future or None
    last_quarter: tuple[int, int] | None = None  # (year, quarter) the article last spoke of
    last_precision: str | None = None
    reference: tuple[int, int | None, int | None] | None = None  # (year, month, day) of the last date named


@dataclass
class Norm:
    """A normalized expression: TIMEX3 type and value, precision, and bounds of a vague range."""

    type: str
    value: str
    precision: str
    bounds: tuple[str, str] | None = None


# ---------------------------------------------------------------- reading the context


def unit_of(text: str) -> str:
    return words("unit")[text.lower()]


def nearest_year(anchor: date, month: int, day: int, ctx: Context) -> int:
    """The year of a month (and day) given without one.

    A past verb looks back and a future one ahead (a month of slack either way: "in
    March" said on March 17); with neither, the nearest such day within half a year.
    """
    ahead = (month - anchor.month) % 12  # months forward to the next such month
    if (month, day) == (anchor.month, anchor.day) or month == anchor.month and ctx.tense is not None:
        return anchor.year
    if ctx.tense == "future":
        forward = ahead <= 10
    elif ctx.tense == "past":
        forward = ahead == 1 and month != anchor.month
    else:
        forward = 0 < ahead <= 6 or ahead == 0 and day > anchor.day
    if forward:
        return anchor.year + (month < anchor.month or month == anchor.month and day < anchor.day)
    return anchor.year - (month > anchor.month or month == anchor.month and day > anchor.day)


# ---------------------------------------------------------------- the calendar's names

# The words a pattern captured, by group name, and the whole match as "text" (a group that matched
# nothing is absent).
Groups = dict[str, str]


def norm_date(g: Groups, ctx: Context) -> Norm | None:
    """A calendar date, given whole or in part ("Aug. 7", "March 2025", "the 17th of March")."""
    month = int(words("month")[g["month"].lower()]) if g.get("month") else int(g.get("monthnum") or 0)
    day = (
        int(g["day"]) if g.get("day") else int(float(words("ordinal")[g["ordinal"].lower()])) if g.get("ordinal") else 0
    )
    if not month or day > 31 or day < 0:
        return None
    year = int(g["year"]) if g.get("year") else spelled_year(g["spelled"]) if g.get("spelled") else None
    if year is None and ctx.anchor is not None:
        year = nearest_year(ctx.anchor, month, day or 1, ctx)
    head = f"{year:04d}" if year else "XXXX"
    if not day:
        return Norm("DATE", f"{head}-{month:02d}", "month")
    try:
        date(year or 2000, month, day)
    except ValueError:
        return None
    return Norm("DATE", f"{head}-{month:02d}-{day:02d}", "day")


def norm_holiday(g: Groups, ctx: Context) -> Norm | None:
    """'Thanksgiving Day', 'last Christmas', 'Easter': the day its rule gives in the year the tense points to."""
    rule = words("holiday")[re.sub(r"\s+", " ", g["holiday"].lower())]
    if ctx.anchor is None:
        return Norm("DATE", "XXXX" + rule[2:] if re.fullmatch(r"\d\d-\d\d", rule) else UNANCHORED["day"], "day")
    shift = re.sub(r"\s+", " ", (g.get("shift") or "").lower())
    this_year = holiday_date(rule, ctx.anchor.year)
    if shift in ("last", "past", "this past", "previous"):
        year = ctx.anchor.year - (this_year >= ctx.anchor)
    elif shift in ("next", "coming", "this coming", "upcoming"):
        year = ctx.anchor.year + (this_year <= ctx.anchor)
    elif shift == "this":
        year = ctx.anchor.year
    else:
        year = nearest_year(ctx.anchor, this_year.month, this_year.day, ctx)
    day = holiday_date(rule, year)
    return Norm("DATE", week_of(day), "week") if g.get("hweek") else Norm("DATE", day.isoformat(), "day")


def norm_month(g: Groups, ctx: Context) -> Norm | None:
    """A month name alone or shifted: "in February", "last April", "January this year"."""
    month = int(words("month")[g["month"].lower()])
    if ctx.anchor is None:
        return Norm("DATE", f"XXXX-{month:02d}", "month")
    shift = g.get("shift") or g.get("yshift")
    year = ctx.anchor.year
    if g.get("yshift"):
        year += int(words("shift")[g["yshift"].lower()])
    elif shift and shift.lower() in ("last", "past", "this past", "previous"):
        year -= month >= ctx.anchor.month
    elif shift and shift.lower() in ("next", "coming", "this coming"):
        year += month <= ctx.anchor.month
    elif not shift or shift.lower() != "this":
        year = nearest_year(ctx.anchor, month, 1 if month != ctx.anchor.month else ctx.anchor.day, ctx)
    return Norm("DATE", f"{year:04d}-{month:02d}", "month")


def norm_year(g: Groups, ctx: Context) -> Norm | None:
    year = int(g["year"]) if g.get("year") else spelled_year(g["spelled"]) if g.get("spelled") else None
    return Norm("DATE", f"{year:04d}", "year") if year else None


def norm_year_period(g: Groups, ctx: Context) -> Norm | None:
    """'the 1988 period', 'the 1988 quarter': in results, the quarter spoken of, in the year named."""
    year = int(g["year"])
    if ctx.last_quarter:
        return Norm("DATE", f"{year:04d}-Q{ctx.last_quarter[1]}", "quarter")
    return (
        Norm("DATE", f"{year:04d}", "year")
        if g["qunit"].lower() == "period"
        else Norm("DATE", f"{year:04d}-QX", "quarter")
    )


def norm_decade(g: Groups, ctx: Context) -> Norm | None:
    """'the 1980s' -> 198, "the '90s" -> 199, 'the nineties' -> 199."""
    if g.get("decnum"):
        return Norm("DATE", g["decnum"][:3], "decade")
    if g.get("decshort"):
        return Norm("DATE", "19" + g["decshort"][0], "decade")
    return Norm("DATE", "19" + words("decade")[g["decade"].lower()], "decade")


def norm_century(g: Groups, ctx: Context) -> Norm | None:
    n = int(g["cnum"]) if g.get("cnum") else int(words("ordinal")[g["ordinal"].lower()])
    return Norm("DATE", f"{n - 1:02d}", "century") if 0 < n <= 21 else None


def norm_quarter(g: Groups, ctx: Context) -> Norm | None:
    """'the third quarter' (of the anchor's year unless one is named), 'fiscal 1989's first half'."""
    if g.get("ordinal"):
        n, unit = int(words("ordinal")[g["ordinal"].lower()]), g["qunit"].lower()
        letter, top = ("Q", 4) if unit == "quarter" else ("H", 2)
        if not 0 < n <= top:
            return None
        year = _quarter_year(g, ctx)
        return Norm("DATE", f"{year}-{letter}{n}", "quarter" if letter == "Q" else "half")
    return _context_quarter(g, ctx)


def _quarter_year(g: Groups, ctx: Context) -> str:
    if g.get("year") or g.get("year2"):
        return g.get("year") or g["year2"]
    if ctx.anchor is None:
        return "XXXX"
    return f"{ctx.anchor.year + int(words('shift').get((g.get('yshift') or 'this').lower(), '0')):04d}"


def _context_quarter(g: Groups, ctx: Context) -> Norm | None:
    """'the quarter', 'the latest quarter', 'the year-ago period': the quarter the article speaks of.

    "The current quarter" is the anchor's own; "the latest quarter" the last named, unless
    that one has not ended yet.
    """
    ref = re.sub(r"\s+", " ", (g.get("qref") or "").lower())
    if g["qunit"].lower() == "period" and not ref:
        return None
    if ctx.anchor is None:
        return Norm("DATE", "XXXX-QX", "quarter")
    current = quarter_of(ctx.anchor)
    reported = add_quarters(current, -1)  # the last quarter that has ended
    if ref == "current":
        quarter = current
    elif ref in ("latest", "most recent", "recent") and ctx.last_quarter and ctx.last_quarter > reported:
        quarter = reported  # a forecast named since cannot be the latest results
    else:
        quarter = ctx.last_quarter or reported
    if "year" in ref or g.get("qago"):  # "the year-ago quarter", "the quarter a year ago"
        quarter = (quarter[0] - 1, quarter[1])
    return Norm("DATE", "{:04d}-Q{}".format(*quarter), "quarter")


def norm_year_ago(g: Groups, ctx: Context) -> Norm | None:
    """'year-ago', 'year-earlier': the period spoken of, a year back."""
    return years_back(1, ctx)


def years_back(n: int, ctx: Context) -> Norm:
    """n years before the anchor, at the precision of the period the article last named.

    "Profit rose in the third quarter from a year earlier" compares quarters, so the value
    is that quarter n years back; otherwise the year.
    """
    if ctx.anchor is None:
        return Norm("DATE", UNANCHORED["year"], "year")
    if ctx.last_precision == "quarter" and ctx.last_quarter:
        return Norm("DATE", f"{ctx.last_quarter[0] - n:04d}-Q{ctx.last_quarter[1]}", "quarter")
    return Norm("DATE", f"{ctx.anchor.year - n:04d}", "year")


def norm_season(g: Groups, ctx: Context) -> Norm | None:
    """'last fall', 'this summer', 'the winter of 1994'."""
    code = words("season")[g["season"].lower()]
    if g.get("year") or g.get("spelled"):
        year = int(g["year"]) if g.get("year") else spelled_year(g["spelled"])
        return Norm("DATE", f"{year:04d}-{code}", "season") if year else None
    if not g.get("shift") and not g.get("definite"):
        return None
    if ctx.anchor is None:
        return Norm("DATE", f"XXXX-{code}", "season")
    if g.get("shift"):
        year = ctx.anchor.year + int(words("shift")[re.sub(r"\s+", " ", g["shift"].lower())])
    else:  # "the summer": the one the tense points to, as a month without a year
        year = nearest_year(ctx.anchor, SEASON_START[code], 1, ctx)
    return Norm("DATE", f"{year:04d}-{code}", "season")


# ---------------------------------------------------------------- lengths of time


def norm_year_length(g: Groups, ctx: Context) -> Norm | None:
    """'the year ended Sept. 30': a twelve-month accounting period, a duration rather than a calendar year."""
    return Norm("DURATION", "P1Y", "duration")


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration: (2, 'W') -> P2W, (3, 'H') -> PT3H, (None, 'Y') -> PXY, (2.5, 'Y') -> P2Y6M."""
    scale = {"DE": (10, "Y"), "CE": (100, "Y"), "Q": (3, "M"), "FN": (2, "W"), "WE": (2, "D"), "MIN": (1, "M")}
    if n is None:
        return "PT" + ("X" + ("M" if unit == "MIN" else unit)) if unit in ("H", "MIN", "S") else f"PX{unit}"
    factor, letter = scale.get(unit, (1, unit))
    n *= factor
    timed = unit in ("H", "MIN", "S")
    if n != int(n):
        smaller = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H"), "H": (60, "M"), "MIN": (60, "S")}
        per, small = smaller.get(unit, (1, letter))
        rest = round((n - int(n)) * per)
        lead = f"{int(n)}{letter}" if int(n) else ""
        return (
            ("PT" if timed or small == "H" and not lead else "P")
            + lead
            + ("T" if small == "H" and lead else "")
            + f"{rest}{small}"
        )
    return ("PT" if timed else "P") + f"{int(n)}{letter}"


def norm_duration(g: Groups, ctx: Context) -> Norm | None:
    """'two weeks', 'the past three months', 'a 10-year', 'the next few days', bare 'years'."""
    n = to_number(g["number"]) if g.get("number") else None
    if g.get("whole"):
        n = float(g["whole"]) + {"1/2": 0.5, "1/4": 0.25, "3/4": 0.75}[g["frac"]]
    elif n is not None and re.search(r"and[- ]a[- ]half", g["text"], re.I):
        n += 0.5
    unit = unit_of(g["unit"])
    if g.get("number") and n is None and g["number"].lower() in ("a", "an"):
        return None
    value = duration_value(n, unit)
    return Norm("DURATION", value, "duration", _future_bounds(g, ctx, unit))


def _future_bounds(g: Groups, ctx: Context, unit: str) -> tuple[str, str] | None:
    """A span of time ahead ('the next few weeks') keeps the dates it covers."""
    shift = (g.get("shift") or "").lower()
    if ctx.anchor is None or shift not in ("next", "coming", "following", "upcoming"):
        return None
    return _horizon(ctx.anchor, unit)


def _horizon(anchor: date, unit: str) -> tuple[str, str]:
    reach = words("horizon").get(unit, "P1Y")
    n, letter = int(reach[1:-1] if not reach.startswith("PT") else reach[2:-1]), reach[-1]
    days = {"D": n, "W": 7 * n, "M": 31 * n, "Y": 366 * n}.get(letter, 1) if not reach.startswith("PT") else 1
    return anchor.isoformat(), (anchor + timedelta(days=days)).isoformat()


def norm_vague_range(g: Groups, ctx: Context) -> Norm | None:
    """'within weeks', 'the coming months': a future reference, with the range it covers."""
    unit = unit_of(g["unit"])
    return Norm("DATE", "FUTURE_REF", "range", _horizon(ctx.anchor, unit) if ctx.anchor else None)


def norm_set(g: Groups, ctx: Context) -> Norm | None:
    """'every week', 'daily', 'each Thursday', 'Tuesday nights'."""
    if g.get("setword"):
        return Norm("SET", words("setword")[re.sub(r"\s+", " ", g["setword"].lower())], "set")
    part = "T" + words("partday")[g["partday"].lower()] if g.get("partday") else ""
    if g.get("weekday") or g.get("plural"):
        name = (g.get("weekday") or g["plural"][:-1]).lower()
        return Norm("SET", f"XXXX-WXX-{words('weekday')[name]}{part}", "set")
    n = to_number(g["number"]) if g.get("number") else 1.0
    return Norm("SET", duration_value(n, unit_of(g["unit"])), "set")
