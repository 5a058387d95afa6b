"""Normalizers of expressions read against the anchor or the article, rather than the calendar.

"Yesterday", "on Tuesday", "this morning", "10 p.m.", "last week", "that year", "year-end",
"the weekend", "two years ago", "now": each is a day, a time or a period counted from the
anchor date, in the direction the tense points to, or from the last date the article named.
The shared :class:`~sitroom.stages.times.normalize.Context` and :class:`~sitroom.stages.times.normalize.Norm`
are in :mod:`sitroom.stages.times.normalize`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from sitroom.stages.times.calendar import add_months, add_quarters, period_value, quarter_of, to_number, week_of, words
from sitroom.stages.times.normalize import UNANCHORED, Context, Groups, Norm, norm_date, unit_of, years_back


def direction(ctx: Context) -> int:
    """+1 when the governing verb speaks of the future, else -1 (news reports the past)."""
    return 1 if ctx.tense == "future" else -1


def norm_relday(g: Groups, ctx: Context) -> Norm | None:
    """'today', 'yesterday', 'tomorrow morning', 'tonight'."""
    word = re.sub(r"\s+", " ", g["relday"].lower())
    part = words("partday")[g["partday"].lower()] if g.get("partday") else ("NI" if word == "tonight" else None)
    day = day_value(ctx, int(words("relday")[word]))
    return Norm("TIME", f"{day}T{part}", "partday") if part else Norm("DATE", day, "day")


def day_value(ctx: Context, offset: int) -> str:
    return (ctx.anchor + timedelta(days=offset)).isoformat() if ctx.anchor else UNANCHORED["day"]


def weekday_date(anchor: date, weekday: int, shift: str | None, ctx: Context) -> date:
    """The date of a weekday: the coming one for the future, else the last one (today included either way)."""
    delta = weekday - anchor.isoweekday()
    shift = re.sub(r"\s+", " ", (shift or "").lower())
    forward = shift in ("next", "coming", "this coming") or (shift != "last" and direction(ctx) > 0)
    if forward:
        return anchor + timedelta(days=delta if delta >= 0 and shift != "next" else delta + 7)
    if shift in ("last", "past", "this past"):
        return anchor + timedelta(days=delta if delta < 0 else delta - 7)
    return anchor + timedelta(days=delta if delta <= 0 else delta - 7)


def norm_weekday(g: Groups, ctx: Context) -> Norm:
    """'on Tuesday' by tense, 'last Friday', 'Wednesday night'."""
    weekday = int(words("weekday")[g["weekday"].lower()])
    part = words("partday")[g["partday"].lower()] if g.get("partday") else None
    if ctx.anchor is None:
        day = f"XXXX-WXX-{weekday}"
    else:
        day = weekday_date(ctx.anchor, weekday, g.get("wshift"), ctx).isoformat()
    return Norm("TIME", f"{day}T{part}", "partday") if part else Norm("DATE", day, "day")


def norm_partday(g: Groups, ctx: Context) -> Norm | None:
    """'this morning', 'last night', 'yesterday afternoon'."""
    shift = g["pshift"].lower()
    offset = {"last": -1, "yesterday": -1, "tomorrow": 1}.get(shift, 0)
    if shift == "last" and g["partday"].lower() not in ("night", "overnight"):
        return None
    return Norm("TIME", f"{day_value(ctx, offset)}T{words('partday')[g['partday'].lower()]}", "partday")


def norm_clock(g: Groups, ctx: Context) -> Norm | None:
    """'10 p.m. Wednesday', 'noon', '7:15 p.m.': a time of day on the day named.

    Without a day, a past narrative keeps to the last day it named; otherwise the anchor's.
    """
    if g.get("clock"):
        hhmm = words("clock")[g["clock"].lower()]
    elif g.get("hour24"):
        hhmm = f"{int(g['hour24']):02d}:{g['minute24']}"
    else:
        hour = int(g["hour"]) % 12 + (12 if words("ampm")[g["ampm"].lower()] == "PM" else 0)
        hhmm = f"{hour:02d}:{g.get('minute') or '00'}"
    if g.get("weekday"):
        day = norm_weekday({k: v for k, v in g.items() if k not in ("partday", "wshift")}, ctx).value
    elif g.get("month"):
        dated = norm_date(g, ctx)
        day = dated.value if dated else day_value(ctx, 0)
    elif g.get("relday"):
        day = day_value(ctx, int(words("relday")[g["relday"].lower()]))
    elif ctx.tense == "past" and ctx.reference and ctx.reference[2]:
        day = "{:04d}-{:02d}-{:02d}".format(*ctx.reference)  # "He was shot on Oct. 23 ... at 10 p.m.": that day
    else:
        day = day_value(ctx, 0)
    return Norm("TIME", f"{day}T{hhmm}", "minute")


def norm_shifted(g: Groups, ctx: Context) -> Norm | None:
    """'last week', 'this year', 'earlier this month', 'the next quarter'."""
    unit = unit_of(g["unit"])
    if g["unit"].lower().endswith("s") and unit not in ("S",) or unit in ("H", "MIN", "S"):
        return None
    shift = int(words("shift")[re.sub(r"\s+", " ", g["shift"].lower())])
    if ctx.anchor is None:
        precision = {"Y": "year", "M": "month", "W": "week", "D": "day", "Q": "quarter"}.get(unit, "year")
        return Norm("DATE", UNANCHORED[precision], precision)
    if unit == "Q" and shift == 0 and ctx.last_quarter and g["shift"].lower() != "this":
        return Norm("DATE", "{:04d}-Q{}".format(*ctx.last_quarter), "quarter")
    found = period_value(ctx.anchor, unit, shift)
    return Norm("DATE", *found) if found else None


def norm_anaphoric(g: Groups, ctx: Context) -> Norm | None:
    """'that year', 'later that day', 'the following month': the date the article last named, moved.

    "The next year" reads the same way only in a past narrative; looking ahead it is
    counted from the publication date. With no date named yet, the anchor stands in.
    """
    unit = unit_of(g["unit"])
    word = (g.get("ashift") or "").lower()
    shift = {"following": 1, "next": 1, "previous": -1, "preceding": -1, "prior": -1}.get(word, 0)
    ref = ctx.reference if ctx.reference and (word != "next" or ctx.tense == "past") else None
    if ref is None:
        if ctx.anchor is None:
            return None
        ref = (ctx.anchor.year, ctx.anchor.month, ctx.anchor.day)
    year, month, day = ref
    if unit == "Y":
        return Norm("DATE", f"{year + shift:04d}", "year")
    if month is None:
        return (
            None
            if shift
            else Norm(
                "DATE",
                f"{year:04d}" + {"M": "-XX", "Q": "-QX", "W": "-WXX"}.get(unit, "-XX-XX"),
                {"M": "month", "Q": "quarter", "W": "week"}.get(unit, "day"),
            )
        )
    if unit == "M":
        return Norm("DATE", "{:04d}-{:02d}".format(*add_months(year, month, shift)), "month")
    if unit == "Q":
        return Norm("DATE", "{:04d}-Q{}".format(*add_quarters(quarter_of(date(year, month, 1)), shift)), "quarter")
    if day is None:
        return None if shift else Norm("DATE", f"{year:04d}-{month:02d}" + ("-XX" if unit == "D" else ""), "month")
    found = period_value(date(year, month, day), unit, shift)
    return Norm("DATE", *found) if found else None


def norm_current(g: Groups, ctx: Context) -> Norm | None:
    """'year-end', 'the end of the month': a part of the anchor's own period (TIMEX3 keeps it in mod)."""
    unit = unit_of(g["unit"])
    if ctx.anchor is None:
        precision = {"Y": "year", "M": "month", "W": "week", "Q": "quarter"}[unit]
        return Norm("DATE", UNANCHORED[precision], precision)
    found = period_value(ctx.anchor, unit, 0)
    return Norm("DATE", *found) if found else None


def norm_weekend(g: Groups, ctx: Context) -> Norm | None:
    """'the weekend': the coming one for the future, else the last one."""
    if ctx.anchor is None:
        return Norm("DATE", UNANCHORED["weekend"], "weekend")
    saturday = weekday_date(ctx.anchor, 6, None, ctx)
    return Norm("DATE", week_of(saturday) + "-WE", "weekend")


def norm_ago(g: Groups, ctx: Context) -> Norm | None:
    """'two weeks ago', 'a year earlier': the anchor moved back, at the unit's precision."""
    n, unit = to_number(g["number"]), unit_of(g["unit"])
    if n is None:
        return Norm("DATE", "PAST_REF", "vague")
    if unit == "Y" and n == int(n):
        return years_back(int(n), ctx)
    if ctx.anchor is None or n != int(n):
        return Norm("DATE", "PAST_REF", "vague")
    found = period_value(ctx.anchor, unit, -int(n))
    return Norm("DATE", *found) if found else None


def norm_ref(g: Groups, ctx: Context) -> Norm | None:
    """'now', 'recently', 'the future': TIMEX3's reference values."""
    return Norm("DATE", words("ref")[re.sub(r"\s+", " ", g["ref"].lower())], "vague")
