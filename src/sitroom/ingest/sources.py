"""Reading inputs: files, folders and stdin become a stream of articles.

``iter_articles`` is the one door every command goes through. It yields an
:class:`Article` for each document it can read and a :class:`SitroomError` for
each one it cannot, and always goes on with the rest, so that one bad file in
a folder of thousands costs that file and nothing else.

What each input is, is told by its extension:

- ``.txt``: the text as given; an optional sidecar ``NAME.json`` beside it
  holds ``id``, ``published``, ``title``, ``url``, ``outlet``, ``language``.
- ``.html`` / ``.htm``: main text and metadata extracted from the page
  (:mod:`sitroom.ingest.pages`); a sidecar overrides what the page says.
- ``.jsonl``, ``.csv``, ``.parquet``: a corpus, one article per line or row,
  columns named by the ``*_col`` options (a GDELT or Media Cloud export);
  a bad row is reported as ``path:line`` and skipped.
- ``.rss``, ``.atom``, ``.xml``: a saved feed; each item's page is fetched.
- ``http(s)://...``: a feed (each item's page fetched) or a single page.
- ``-``: plain text on stdin.

Dates come from sidecars, JSONL lines, CSV cells and Parquet fields in many
spellings; :func:`parse_date` accepts the common ones and says no to the rest,
so a bad date is reported (E006) rather than guessed.

A folder is walked recursively in sorted order, so a batch is reproducible;
every file in it is read as if named, but for hidden files and sidecars, so a
file of an unknown kind is reported (E004), not silently passed over.

Each article's language is detected offline (:mod:`sitroom.ingest.language`).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, NamedTuple

from sitroom.config import Options
from sitroom.errors import E001, E002, E003, E004, E005, E006, SitroomError, error
from sitroom.ingest.feeds import FEED_EXTENSIONS, ReadLog, read_feed_file, read_feed_url
from sitroom.ingest.fetch import Fetcher, fetcher_for, is_url
from sitroom.ingest.language import with_language
from sitroom.ingest.pages import article_from_html
from sitroom.record import Article

Item = Article | SitroomError
SIDECAR = ".json"
CSV_FIELD_LIMIT = 50_000_000  # characters: a whole article is one cell, beyond csv's 128 KiB default
PARQUET_BATCH = 1024
_COMPACT_STAMP = re.compile(r"\d{14}")  # GDELT's YYYYMMDDhhmmss
_SIDECAR_KEYS = ("id", "title", "url", "outlet", "language")
_SIDECAR_OWNERS = (".txt", ".html", ".htm")


class Web(NamedTuple):
    """What a batch's feeds share: one fetcher (so the per-host pace holds) and the items read."""

    fetcher: Fetcher
    log: ReadLog


def iter_articles(inputs: Sequence[str], options: Options) -> Iterator[Item]:
    """Every article in ``inputs`` (paths, folders, URLs, ``-``), or the error that stopped one.

    Each article leaves with its language set (detected unless its metadata gave
    one), which is what the batch reads to keep non-English text out of the
    English pipeline.
    """
    web = Web(fetcher_for(options), ReadLog())  # one per batch: pace and read-once hold across inputs
    for name in inputs:
        if name == "-":
            items = _read_stdin(options)
        elif is_url(name):
            items = read_feed_url(name, web.fetcher, options, web.log)
        else:
            items = _read_path(Path(name), web, options)
        for item in items:
            yield with_language(item) if isinstance(item, Article) else item


def parse_date(value: object) -> date:
    """The calendar date of ``value``: ISO 8601 (date or date-time), GDELT stamps, RFC 822.

    ``value`` may also be a ``date``/``datetime`` (Parquet timestamps) or an
    integer GDELT stamp (``20250317``, ``20250317101500``).

    Raises ``ValueError`` for anything else: the caller turns it into an E006
    naming the input, because an anchor date silently wrong would shift every
    relative date the article gives ("on Tuesday", "last week").
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # GDELT's SQLDATE and DATEADDED are numbers in Parquet and JSON
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"not a date: {value!r}")
    text = value.strip()
    for parse in (date.fromisoformat, lambda s: datetime.fromisoformat(s).date()):
        try:
            return parse(text)
        except ValueError:
            pass
    if _COMPACT_STAMP.fullmatch(text):
        return datetime.strptime(text, "%Y%m%d%H%M%S").date()
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"not a date: {value!r}") from None


def date_or_error(value: object, subject: str) -> date | SitroomError:
    """:func:`parse_date`, with a failure turned into the one-line E006 for ``subject``."""
    try:
        return parse_date(value)
    except ValueError:
        return error(E006, subject, f"bad date {value!r} (expected YYYY-MM-DD)")


def _read_stdin(options: Options) -> Iterator[Item]:
    data = sys.stdin.buffer.read()
    text = _decode(data, "<stdin>")
    if isinstance(text, SitroomError):
        yield text
    else:
        yield Article(id="stdin", text=text, published=options.published, origin="<stdin>")


def _read_path(path: Path, web: Web, options: Options) -> Iterator[Item]:
    if not path.exists():
        yield error(E001, str(path), "no such file or folder")
    elif path.is_dir():
        for child in _walk(path):
            yield from _read_file(child, web, options)
    else:
        yield from _read_file(path, web, options)


def _walk(folder: Path) -> list[Path]:
    """Every file under ``folder`` but hidden ones and sidecars, sorted.

    Files sitroom cannot read are kept, to be reported: a folder of 1,000
    articles that yields 998 must say which two it left out and why.
    """
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts) and not _is_sidecar(p)
    )


def _is_sidecar(path: Path) -> bool:
    """Whether ``path`` is the metadata of a document beside it (``a.json`` for ``a.txt``)."""
    return path.suffix.lower() == SIDECAR and any(path.with_suffix(ext).is_file() for ext in _SIDECAR_OWNERS)


def _read_file(path: Path, web: Web, options: Options) -> Iterator[Item]:
    suffix = path.suffix.lower()
    if suffix not in KNOWN:
        known = ", ".join(sorted(KNOWN))
        yield error(E004, str(path), f"unknown extension {path.suffix or '(none)'!r} (known: {known})")
        return
    try:
        if suffix in FEED_EXTENSIONS:
            yield from read_feed_file(path, web.fetcher, options, web.log)
        else:
            yield from READERS[suffix](path, options)
    except OSError as exc:
        yield error(E001, str(path), f"cannot read: {exc.strerror or exc}")


def _check_bytes(data: bytes, subject: str) -> SitroomError | None:
    """The error for an empty or binary input (NUL bytes near the start), else ``None``."""
    if not data.strip():
        return error(E002, subject, "empty input")
    if b"\x00" in data[:8192]:
        return error(E003, subject, "binary file, not text")
    return None


def _decode(data: bytes, subject: str) -> str | SitroomError:
    """UTF-8 text of ``data``, or the error for an empty, binary or undecodable input."""
    problem = _check_bytes(data, subject)
    if problem is not None:
        return problem
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return error(E003, subject, f"not UTF-8 text (byte {exc.start})")


def _read_text_file(path: Path, options: Options) -> Iterator[Item]:
    text = _decode(path.read_bytes(), str(path))
    if isinstance(text, SitroomError):
        yield text
        return
    article = Article(id=path.stem, text=text, published=options.published, origin=str(path))
    yield _with_sidecar(article, path)


def _read_html_file(path: Path, options: Options) -> Iterator[Item]:
    """A saved page; its encoding is trafilatura's to find (meta charset, then detection)."""
    data = path.read_bytes()
    problem = _check_bytes(data, str(path))
    if problem is not None:
        yield problem
        return
    article = article_from_html(data, id=path.stem, origin=str(path), published=options.published)
    yield article if isinstance(article, SitroomError) else _with_sidecar(article, path)


def _with_sidecar(article: Article, path: Path) -> Item:
    """``article`` with the metadata of ``NAME.json`` beside ``path``, which wins over the file's own."""
    sidecar = path.with_suffix(SIDECAR)
    if not sidecar.is_file():
        return article
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return error(E005, str(sidecar), f"malformed metadata JSON: {exc}")
    if not isinstance(meta, dict):
        return error(E005, str(sidecar), "metadata must be a JSON object")
    for key in _SIDECAR_KEYS:
        if meta.get(key) is not None:
            setattr(article, key, str(meta[key]))
    if meta.get("published") is not None:
        published = date_or_error(meta["published"], str(sidecar))
        if isinstance(published, SitroomError):
            return published
        article.published = published
    return article


def _read_jsonl_file(path: Path, options: Options) -> Iterator[Item]:
    """One article per line; a bad line is reported as ``path:line`` and skipped."""
    seen_any = False
    with path.open("rb") as lines:
        for number, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            seen_any = True
            subject = f"{path}:{number}"
            try:
                row = json.loads(raw.decode("utf-8-sig"))
            except UnicodeDecodeError:
                yield error(E003, subject, "not UTF-8 text")
                continue
            except json.JSONDecodeError as exc:
                yield error(E005, subject, f"malformed JSON: {exc.msg} at column {exc.colno}")
                continue
            if not isinstance(row, dict):
                yield error(E005, subject, "a line must be a JSON object")
                continue
            yield article_from_row(row, subject, f"{path.stem}-{number}", options)
    if not seen_any:
        yield error(E002, str(path), "empty input")


def _read_csv_file(path: Path, options: Options) -> Iterator[Item]:
    """One article per row of a CSV with a header; columns named by the ``*_col`` options."""
    csv.field_size_limit(CSV_FIELD_LIMIT)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        try:
            header = reader.fieldnames
            if not header:
                yield error(E002, str(path), "empty input")
                return
            if options.text_col not in header:
                yield _missing_column(path, options.text_col, header)
                return
            start = reader.line_num + 1
            for row in reader:
                yield article_from_row(row, f"{path}:{start}", f"{path.stem}-{start}", options)
                start = reader.line_num + 1
        except UnicodeDecodeError:
            yield error(E003, str(path), "not UTF-8 text")
        except csv.Error as exc:  # NUL bytes, broken quoting: the rest of the file is unreadable
            yield error(E003, f"{path}:{reader.line_num}", f"unreadable CSV: {exc}")


def _read_parquet_file(path: Path, options: Options) -> Iterator[Item]:
    """One article per row of a Parquet file; columns named by the ``*_col`` options."""
    import pyarrow  # heavy (a second to import): loaded only when a corpus needs it
    import pyarrow.parquet

    try:
        table = pyarrow.parquet.ParquetFile(path)
    except pyarrow.ArrowException as exc:
        yield error(E003, str(path), f"not a Parquet file: {exc}")
        return
    names = table.schema_arrow.names
    if options.text_col not in names:
        yield _missing_column(path, options.text_col, names)
        return
    if table.metadata.num_rows == 0:
        yield error(E002, str(path), "empty input")
        return
    wanted = [
        c
        for c in (
            options.text_col,
            options.date_col,
            options.id_col,
            options.url_col,
            options.outlet_col,
            options.title_col,
        )
        if c in names
    ]
    number = 0
    try:
        for batch in table.iter_batches(batch_size=PARQUET_BATCH, columns=sorted(set(wanted))):
            for row in batch.to_pylist():
                number += 1
                yield article_from_row(row, f"{path}:{number}", f"{path.stem}-{number}", options)
    except pyarrow.ArrowException as exc:  # a corrupt row group: the rest of the file is unreadable
        yield error(E003, f"{path}:{number + 1}", f"unreadable Parquet: {exc}")


def _missing_column(path: Path, column: str, header: Sequence[str]) -> SitroomError:
    shown = ", ".join(header[:12])
    return error(E005, str(path), f"no {column!r} column (columns: {shown}); set --text-col")


def article_from_row(row: Mapping[str, Any], subject: str, default_id: str, options: Options) -> Item:
    """An article from a corpus row whose columns are named by ``options``' ``*_col`` fields."""
    text = row.get(options.text_col)
    if text is None:
        return error(E005, subject, f"no {options.text_col!r} field")
    if not isinstance(text, str):
        return error(E005, subject, f"{options.text_col!r} must be a string")
    if not text.strip():
        return error(E002, subject, "empty text")
    published = options.published
    raw_date = row.get(options.date_col)
    if raw_date not in (None, ""):
        dated = date_or_error(raw_date, subject)
        if isinstance(dated, SitroomError):
            return dated
        published = dated
    raw_id = row.get(options.id_col)
    return Article(
        id=default_id if raw_id in (None, "") else str(raw_id),
        text=text,
        published=published,
        title=_optional(row.get(options.title_col)),
        url=_optional(row.get(options.url_col)),
        outlet=_optional(row.get(options.outlet_col)),
        origin=subject,
    )


def _optional(value: Any) -> str | None:
    """A metadata cell as text, with empty cells (``""``, ``None``, NaN) as ``None``."""
    if value is None or value != value or str(value).strip() == "":
        return None
    return str(value)


READERS = {
    ".txt": _read_text_file,
    ".html": _read_html_file,
    ".htm": _read_html_file,
    ".jsonl": _read_jsonl_file,
    ".csv": _read_csv_file,
    ".parquet": _read_parquet_file,
}
KNOWN = frozenset(READERS) | frozenset(FEED_EXTENSIONS)
