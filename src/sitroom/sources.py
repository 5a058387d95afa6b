"""Reading inputs: files, folders and stdin become a stream of articles.

``iter_articles`` is the one door every command goes through. It yields an
:class:`Article` for each document it can read and a :class:`SitroomError` for
each one it cannot, and always goes on with the rest, so that one bad file in
a folder of thousands costs that file and nothing else.

What each input is, is told by its extension:

- ``.txt``: the text as given; an optional sidecar ``NAME.json`` beside it
  holds ``id``, ``published``, ``title``, ``url``, ``outlet``, ``language``.
- ``.html`` / ``.htm``: main text and metadata extracted from the page
  (:mod:`sitroom.pages`); a sidecar overrides what the page says.
- ``.jsonl``: one article per line, keys named by the ``*_col`` options.
- ``-``: plain text on stdin.

A folder is walked recursively in sorted order, so a batch is reproducible; it
yields the files it knows how to read and leaves the rest (sidecars, images,
hidden files) alone.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from sitroom.config import Options
from sitroom.errors import E001, E002, E003, E004, E005, SitroomError, error
from sitroom.pages import article_from_html, date_or_error
from sitroom.record import Article

Item = Article | SitroomError
SIDECAR = ".json"
_SIDECAR_KEYS = ("id", "title", "url", "outlet", "language")


def iter_articles(inputs: Sequence[str], options: Options) -> Iterator[Item]:
    """Every article in ``inputs`` (paths, folders, ``-``), or the error that stopped one."""
    for name in inputs:
        if name == "-":
            yield from _read_stdin(options)
        else:
            yield from _read_path(Path(name), options)


def _read_stdin(options: Options) -> Iterator[Item]:
    data = sys.stdin.buffer.read()
    text = _decode(data, "<stdin>")
    if isinstance(text, SitroomError):
        yield text
    else:
        yield Article(id="stdin", text=text, published=options.published, origin="<stdin>")


def _read_path(path: Path, options: Options) -> Iterator[Item]:
    if not path.exists():
        yield error(E001, str(path), "no such file or folder")
    elif path.is_dir():
        for child in _walk(path):
            yield from _read_file(child, options)
    else:
        yield from _read_file(path, options)


def _walk(folder: Path) -> list[Path]:
    """The readable files under ``folder``, sorted; hidden files and folders are skipped."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in READERS
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def _read_file(path: Path, options: Options) -> Iterator[Item]:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        yield error(E004, str(path), f"unknown extension {path.suffix or '(none)'!r} (known: {known})")
        return
    try:
        yield from reader(path, options)
    except OSError as exc:
        yield error(E001, str(path), f"cannot read: {exc.strerror or exc}")


def _decode(data: bytes, subject: str) -> str | SitroomError:
    """UTF-8 text of ``data``, or the error for an empty, binary or undecodable input."""
    if not data.strip():
        return error(E002, subject, "empty input")
    if b"\x00" in data[:8192]:
        return error(E003, subject, "binary file, not text")
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
    data = path.read_bytes()
    checked = _decode(data, str(path))
    if isinstance(checked, SitroomError):
        yield checked
        return
    article = article_from_html(data, id=path.stem, origin=str(path))
    if isinstance(article, Article) and article.published is None:
        article.published = options.published
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


def article_from_row(
    row: Mapping[str, Any], subject: str, default_id: str, options: Options
) -> Item:
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
        published = date_or_error(raw_date, subject)
        if isinstance(published, SitroomError):
            return published
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
}
