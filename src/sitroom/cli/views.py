"""How query results look in a terminal: readable tables, one per kind of result.

The CLI prints these, or the same rows as JSON with ``--json``; the store's
queries return plain dicts, so these functions only choose columns and words.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table


def console() -> Console:
    """A console wide enough for tables when output goes to a pipe or a file."""
    width = None if sys.stdout.isatty() else int(os.environ.get("COLUMNS", "150"))
    return Console(width=width, highlight=False, soft_wrap=False)


def _parties(refs: list[dict[str, Any]]) -> str:
    out = []
    for r in refs:
        code = "/".join(x for x in (r.get("country"), r.get("sector")) if x)
        out.append(f"{r.get('name') or r.get('text')}" + (f" [{code}]" if code else ""))
    return ", ".join(out) or "—"


def _t(value: Any) -> str:
    """Untrusted text for a rich cell: markup escaped, never interpreted."""
    return escape("" if value is None else str(value))


def quotes_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title=f"Quotes ({len(rows)})", show_lines=True)
    for col in ("speaker", "kind", "cue", "medium", "words", "article"):
        table.add_column(col, overflow="fold")
    for r in rows:
        code = "/".join(x for x in (r["speaker_country"], r["speaker_sector"]) if x)
        speaker = (r["speaker"] or "?") + (f" [{code}]" if code else "")
        table.add_row(
            _t(speaker), _t(r["kind"]), _t(r["cue_lemma"]), _t(r["medium"]), _t(r["words"]), _t(r["article_id"])
        )
    return table


def events_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title=f"Events ({len(rows)})", show_lines=True)
    for col in ("date", "type", "mode", "source -> target", "factuality", "counts", "conf", "rationale", "evidence"):
        table.add_column(col, overflow="fold")
    for r in rows:
        counts = ", ".join(f"{q['value']:g} {q['unit']}" for q in r["quantities"] or [])
        table.add_row(
            _t(_date(r)),
            _t(r["type"]),
            _t(r["mode"]),
            _t(f"{_parties(r['source'])} -> {_parties(r['target'])}"),
            _t(r["factuality"]),
            _t(counts),
            f"{r['confidence']:.2f}",
            _t(r["rationale"]),
            _t(r["sentence"]),
        )
    return table


def _date(row: dict[str, Any]) -> str:
    if not row.get("date"):
        return "?"
    return row["date"] + (" (published)" if row.get("date_source") == "published" else "")


def timeline_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title=f"Timeline ({len(rows)} events)", show_lines=True)
    for col in ("when", "what", "evidence"):
        table.add_column(col, overflow="fold")
    for r in rows:
        what = (
            f"{r['type']}{'/' + r['mode'] if r['mode'] else ''} ({r['factuality']})\n"
            f"{_parties(r['source'])} -> {_parties(r['target'])}"
        )
        table.add_row(_t(_date(r)), _t(what), _t(r["sentence"]))
    return table


def actors_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title=f"Actors ({len(rows)})")
    for col in ("name", "kind", "country", "sector", "articles", "mentions", "quotes", "events"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            *(_t(r[c]) for c in ("name", "kind", "country", "sector", "articles", "mentions", "quotes", "events"))
        )
    return table


def stats_table(counts: dict[str, int]) -> Table:
    table = Table(title="sitroom store")
    table.add_column("what")
    table.add_column("count", justify="right")
    for key, value in counts.items():
        table.add_row(key, str(value))
    return table
