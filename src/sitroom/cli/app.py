"""The ``sitroom`` command: a thin shell over the Python API (batch, store, queries).

Each command parses its options into :class:`~sitroom.config.Options` or
:class:`~sitroom.store.Filters`, calls one function, and prints a table or JSON.
The commands that read the store import no spaCy, torch or page parsers: only
``extract``, ``ingest`` and ``watch`` import :mod:`sitroom.batch` and
:mod:`sitroom.ingest`, inside the command, so ``--help`` and queries start fast.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypedDict, Unpack

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sitroom.cli import views
from sitroom.config import DEFAULT_DB, Options, default_model
from sitroom.errors import E006, E010, SitroomError, error
from sitroom.store import Filters, Store, queries

app = typer.Typer(
    help="sitroom: a sourced, structured record of the news about wars and negotiations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

Paths = Annotated[
    list[str],
    typer.Argument(
        help="Files, folders, URLs, or - for stdin (.txt, .html, .jsonl, .csv, .parquet, .rss/.atom/.xml feeds)."
    ),
]
Db = Annotated[Path, typer.Option("--db", help="The SQLite store.")]
Model = Annotated[str, typer.Option("--model", help="spaCy English pipeline (or SITROOM_MODEL).")]
Published = Annotated[str | None, typer.Option("--published", help="Anchor date YYYY-MM-DD for inputs without one.")]
ActorsFile = Annotated[Path | None, typer.Option("--actors", help="Your own actors file (see docs/actors.md).")]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
Actor = Annotated[str | None, typer.Option("--actor", help="A party's name or country code.")]
Since = Annotated[str | None, typer.Option("--since", help="From this date (YYYY[-MM[-DD]]).")]
Until = Annotated[str | None, typer.Option("--until", help="Up to this date, inclusive.")]
ArticleId = Annotated[str | None, typer.Option("--article", help="Only this article id.")]
Limit = Annotated[int, typer.Option("--limit", help="At most this many rows.")]
TextCol = Annotated[str, typer.Option("--text-col", help="Corpus column holding the text.")]
DateCol = Annotated[str, typer.Option("--date-col", help="Corpus column holding the publication date.")]
IdCol = Annotated[str, typer.Option("--id-col", help="Corpus column holding the article id.")]
UrlCol = Annotated[str, typer.Option("--url-col", help="Corpus column holding the URL.")]
OutletCol = Annotated[str, typer.Option("--outlet-col", help="Corpus column holding the outlet.")]

_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class Columns(TypedDict, total=False):
    """The corpus-column options of ``extract`` and ``ingest``, as :class:`Options` names them."""

    text_col: str
    date_col: str
    id_col: str
    url_col: str
    outlet_col: str


def _fail(exc: SitroomError) -> NoReturn:
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(2)


def _options(
    model: str, published: str | None, actors: Path | None, db: Path | None = None, **columns: Unpack[Columns]
) -> Options:
    try:
        anchor = date.fromisoformat(published) if published else None
    except ValueError:
        _fail(error(E006, f"--published {published}", "not a date (YYYY-MM-DD)"))
    return Options(model=model, published=anchor, actors_file=actors, db=db or Path(DEFAULT_DB), **columns)


def _filters(since: str | None, until: str | None, **kw: Any) -> Filters:
    for name, value in (("--since", since), ("--until", until)):
        if value and not _PARTIAL_DATE.match(value):
            _fail(error(E010, f"{name} {value}", "not a date (YYYY, YYYY-MM or YYYY-MM-DD)"))
    return Filters(since=since, until=until, **kw)


def _store(db: Path) -> Store:
    try:
        return Store(db)
    except SitroomError as exc:
        _fail(exc)


def _print(rows: Any, table: Callable[[Any], Table], as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        views.console().print(table(rows))


@app.command()
def extract(
    paths: Paths,
    model: Model = default_model(),
    published: Published = None,
    actors: ActorsFile = None,
    text_col: TextCol = "text",
    date_col: DateCol = "published",
    id_col: IdCol = "id",
    url_col: UrlCol = "url",
    outlet_col: OutletCol = "outlet",
) -> None:
    """Print one JSON line per article: quotes, events, times, places, actors, quantities."""
    from sitroom import batch
    from sitroom.ingest.sources import iter_articles

    options = _options(
        model,
        published,
        actors,
        text_col=text_col,
        date_col=date_col,
        id_col=id_col,
        url_col=url_col,
        outlet_col=outlet_col,
    )
    failed = 0
    try:
        for result in batch.records(iter_articles(paths, options), options):
            if isinstance(result, SitroomError):
                failed += 1
                typer.echo(f"error: {result}", err=True)
            else:
                for warning in result.warnings:
                    typer.echo(f"warning: {result.article.origin or result.article.id}: {warning}", err=True)
                typer.echo(json.dumps(result.to_json(), ensure_ascii=False))
    except SitroomError as exc:
        _fail(exc)
    raise typer.Exit(1 if failed else 0)


@app.command()
def ingest(
    paths: Paths,
    db: Db = Path(DEFAULT_DB),
    model: Model = default_model(),
    published: Published = None,
    actors: ActorsFile = None,
    text_col: TextCol = "text",
    date_col: DateCol = "published",
    id_col: IdCol = "id",
    url_col: UrlCol = "url",
    outlet_col: OutletCol = "outlet",
    progress: Annotated[bool, typer.Option(help="Show a progress bar.")] = True,
) -> None:
    """Store articles and what they say; the same article twice is stored once."""
    from sitroom import batch

    options = _options(
        model,
        published,
        actors,
        db,
        text_col=text_col,
        date_col=date_col,
        id_col=id_col,
        url_col=url_col,
        outlet_col=outlet_col,
    )
    store = _store(db)
    bar = Progress(
        TextColumn("ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=views.console(),
        transient=False,
        disable=not progress,
    )
    with store, bar:
        task = bar.add_task("ingest", total=None)
        try:
            report = batch.ingest(
                paths,
                options,
                store,
                on_item=lambda _a: bar.advance(task),
                on_total=lambda n: bar.update(task, total=n),
            )
        except SitroomError as exc:
            _fail(exc)
    for line in report.errors:
        typer.echo(f"error: {line}", err=True)
    for line in report.warnings:
        typer.echo(f"warning: {line}", err=True)
    counts = ", ".join(f"{n} {k}" for k, n in sorted(report.counts.items())) or "nothing"
    typer.echo(f"{db}: {counts}; {report.failed} failed")
    raise typer.Exit(1 if report.failed else 0)


@app.command()
def stats(db: Db = Path(DEFAULT_DB), as_json: AsJson = False) -> None:
    """What the store holds: articles, quotes, events, actors."""
    with _store(db) as store:
        _print(queries.stats(store), views.stats_table, as_json)


@app.command("quotes")
def quotes_cmd(
    db: Db = Path(DEFAULT_DB),
    actor: Actor = None,
    speaker: Annotated[str | None, typer.Option(help="Speaker name (part of it).")] = None,
    search: Annotated[str | None, typer.Option(help="Words in the quote (full text).")] = None,
    type: Annotated[str | None, typer.Option("--type", help="direct, indirect or mixed.")] = None,
    since: Since = None,
    until: Until = None,
    article: ArticleId = None,
    limit: Limit = 200,
    as_json: AsJson = False,
) -> None:
    """Who said what: quotes with speaker, cue, medium and evidence."""
    f = _filters(since, until, actor=actor, speaker=speaker, search=search, type=type, article=article, limit=limit)
    with _store(db) as store:
        _print(queries.quotes(store, f), views.quotes_table, as_json)


def _event_filters(
    since: str | None,
    until: str | None,
    actor: str | None,
    type: str | None,
    mode: str | None,
    factuality: str | None,
    country: str | None,
    near: str | None,
    article: str | None,
    limit: int,
) -> Filters:
    point = None
    if near:
        try:
            lat, lon, km = (float(x) for x in near.split(","))
            point = (lat, lon, km)
        except ValueError:
            _fail(error(E010, f"--near {near}", "expected LAT,LON,KM"))
    return _filters(
        since,
        until,
        actor=actor,
        type=type,
        mode=mode,
        factuality=factuality,
        country=country,
        near=point,
        article=article,
        limit=limit,
    )


EventType = Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. ASSAULT.")]
Mode = Annotated[str | None, typer.Option(help="PLOVER mode, e.g. drone.")]
Factuality = Annotated[str | None, typer.Option(help="happened, planned, hypothetical, negated, historical.")]
Country = Annotated[str | None, typer.Option(help="ISO3 country of the place or a party.")]
Near = Annotated[str | None, typer.Option(help="LAT,LON,KM: events placed within KM of a point.")]


def _event_command(
    query: Callable[[Store, Filters], list[dict[str, Any]]],
    table: Callable[[list[dict[str, Any]]], Table],
    doc: str,
) -> Callable[..., None]:
    """An event-listing command: the same filters, a different query and table."""

    def command(
        db: Db = Path(DEFAULT_DB),
        actor: Actor = None,
        type: EventType = None,
        mode: Mode = None,
        factuality: Factuality = None,
        country: Country = None,
        near: Near = None,
        since: Since = None,
        until: Until = None,
        article: ArticleId = None,
        limit: Limit = 200,
        as_json: AsJson = False,
    ) -> None:
        f = _event_filters(since, until, actor, type, mode, factuality, country, near, article, limit)
        with _store(db) as store:
            _print(query(store, f), table, as_json)

    command.__doc__ = doc
    return command


app.command("events")(
    _event_command(
        queries.events,
        views.events_table,
        "Who did what to whom: PLOVER events with date, factuality, counts and rationale.",
    )
)
app.command("timeline")(
    _event_command(queries.events, views.timeline_table, "Events in date order, each with the sentence it comes from.")
)


@app.command("actors")
def actors_cmd(
    db: Db = Path(DEFAULT_DB),
    actor: Actor = None,
    article: ArticleId = None,
    limit: Limit = 200,
    as_json: AsJson = False,
) -> None:
    """The actors in the store with mention, quote and event counts."""
    with _store(db) as store:
        _print(queries.actors(store, Filters(actor=actor, article=article, limit=limit)), views.actors_table, as_json)


@app.command()
def watch(
    feeds_file: Annotated[Path, typer.Argument(help="One feed URL or saved feed a line; # comments.")],
    every: Annotated[str, typer.Option(help="How often to poll: 90, 30s, 15m, 2h.")] = "15m",
    db: Db = Path(DEFAULT_DB),
    model: Model = default_model(),
    actors: ActorsFile = None,
    state: Annotated[Path | None, typer.Option(help="Where to remember what was read.")] = None,
    rounds: Annotated[int | None, typer.Option(help="Stop after this many rounds.")] = None,
) -> None:
    """Poll feeds and ingest what is new, until Ctrl-C."""
    from sitroom import batch
    from sitroom.ingest.watch import parse_interval
    from sitroom.ingest.watch import watch as watch_feeds
    from sitroom.pipeline import build_nlp

    try:
        seconds = parse_interval(every)
    except ValueError as exc:
        _fail(error(E010, f"--every {every}", str(exc)))
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    options = _options(model, None, actors, db)
    nlp = build_nlp(options)
    report = batch.Report()
    with _store(db) as store:
        try:
            done = watch_feeds(
                feeds_file,
                seconds,
                lambda a: batch.ingest_one(a, options, store, nlp, report),
                options,
                state_file=state or db.with_suffix(".watch.json"),
                rounds=rounds,
            )
        except SitroomError as exc:
            _fail(exc)
    counts = ", ".join(f"{n} {k}" for k, n in sorted(report.counts.items())) or "nothing"
    typer.echo(f"{db}: {done.rounds} round(s); {counts}; {done.failed + report.failed} failed")


@app.command("actor")
def actor_cmd(
    name: Annotated[str, typer.Argument(help="The actor's name (or part of it).")],
    db: Db = Path(DEFAULT_DB),
    limit: Limit = 50,
    as_json: AsJson = False,
) -> None:
    """One actor: how it is coded, what it said and what it did."""
    with _store(db) as store:
        found = queries.actors(store, Filters(actor=name, limit=limit))
        said = queries.quotes(store, Filters(speaker=name, limit=limit))
        did = queries.events(store, Filters(actor=name, limit=limit))
    if not found:
        _fail(error(E010, name, f"no such actor in {db}"))
    if as_json:
        typer.echo(json.dumps({"actor": found, "quotes": said, "events": did}, ensure_ascii=False, indent=1))
        return
    out = views.console()
    for table in (views.actors_table(found), views.quotes_table(said), views.events_table(did)):
        out.print(table)


def main() -> None:
    """Entry point of the ``sitroom`` script."""
    app(prog_name="sitroom")


if __name__ == "__main__":
    main()
