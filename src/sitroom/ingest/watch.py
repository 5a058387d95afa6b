"""Watching feeds: poll a list of them on a schedule and ingest what is new.

``sitroom watch FEEDS_FILE --every 15m`` runs for days, so it must outlive
everything a feed can do: be down, time out, answer 500, serve junk in place of
XML, or link a page that fails. Each such problem is logged as one line and
costs that feed (or that item) for that round only. What was read is
remembered (the items done, the failures of the others, each feed's ETag and
Last-Modified) in a state file if one is given, so a restart neither re-fetches every page
nor re-downloads an unchanged feed. Ctrl-C (SIGINT) ends the current request,
saves the state and returns.

The function knows nothing of the store: it hands each new article to the
``ingest`` callable it is given (the CLI passes one that extracts and stores),
which keeps it testable with a list's ``append``.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sitroom.config import Options
from sitroom.errors import E001, E100, SitroomError, error
from sitroom.ingest.feeds import ReadLog, feed_articles, parse_feed
from sitroom.ingest.fetch import Fetcher, Validators, fetcher_for, is_url
from sitroom.ingest.language import with_language
from sitroom.record import Article

logger = logging.getLogger("sitroom.ingest.watch")
_INTERVAL = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)")
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass
class WatchReport:
    """What a watch did, over all its rounds."""

    rounds: int = 0
    new: int = 0
    failed: int = 0
    problems: list[str] = field(default_factory=list)


def parse_interval(text: str) -> float:
    """Seconds in ``"90"``, ``"30s"``, ``"15m"``, ``"2h"`` or ``"1d"``; ``ValueError`` otherwise."""
    match = _INTERVAL.fullmatch(text.strip().lower())
    if not match or float(match.group(1)) <= 0:
        raise ValueError(f"bad interval {text!r} (expected e.g. 90, 30s, 15m, 2h)")
    return float(match.group(1)) * _UNIT_SECONDS[match.group(2)]


def read_feed_list(feeds_file: Path) -> list[str]:
    """The feeds named in ``feeds_file``: one URL or path a line, ``#`` comments."""
    if not feeds_file.is_file():
        raise error(E001, str(feeds_file), "no such feeds file")
    lines = (line.split("#", 1)[0].strip() for line in feeds_file.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def watch(
    feeds_file: Path,
    every_seconds: float,
    ingest: Callable[[Article], Any],
    options: Options | None = None,
    *,
    state_file: Path | None = None,
    rounds: int | None = None,
    fetcher: Fetcher | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> WatchReport:
    """Poll every feed in ``feeds_file`` each ``every_seconds`` until Ctrl-C (or ``rounds``).

    The feeds file is read again each round, so feeds can be added or removed
    without a restart. Raises :class:`SitroomError` only when the feeds file is
    missing at the start; everything later is logged and survived.
    """
    options = options or Options()
    fetcher = fetcher or fetcher_for(options)
    read_log = _load_state(state_file, fetcher)
    feeds = read_feed_list(feeds_file)
    report = WatchReport()
    try:
        while rounds is None or report.rounds < rounds:
            if report.rounds:
                sleep(every_seconds)
                feeds = _reread(feeds_file, feeds)
            report.rounds += 1
            for source in feeds:
                _poll(source, fetcher, options, read_log, ingest, report)
                _save_state(state_file, read_log, fetcher)
            logger.info("round %d done: %d new, %d failed so far", report.rounds, report.new, report.failed)
    except KeyboardInterrupt:
        logger.info("stopped by interrupt after %d round(s)", report.rounds)
    finally:
        _save_state(state_file, read_log, fetcher)
    return report


def _poll(
    source: str,
    fetcher: Fetcher,
    options: Options,
    read_log: ReadLog,
    ingest: Callable[[Article], Any],
    report: WatchReport,
) -> None:
    """One feed, one round: fetch it if changed, ingest its unseen items."""
    body = _feed_body(source, fetcher)
    if body is None:
        logger.info("%s: not modified", source)
        return
    feed = body if isinstance(body, SitroomError) else parse_feed(body, source)
    if isinstance(feed, SitroomError):
        _problem(report, feed)
        return
    new = failed = 0
    for item in feed_articles(feed, fetcher, options, read_log):
        if isinstance(item, SitroomError):
            _problem(report, item)
            failed += 1
            continue
        try:
            ingest(with_language(item))
        except Exception as exc:  # a store failure costs this article, not the watch
            _problem(report, error(E100, item.origin or item.id, f"ingest failed: {exc}"))
            read_log.retry(item.id)  # an item's article has the item's key as id: tried next round
            failed += 1
            continue
        new += 1
        report.new += 1
    logger.info("%s: %d item(s), %d new, %d failed", source, len(feed.items), new, failed)


def _feed_body(source: str, fetcher: Fetcher) -> bytes | SitroomError | None:
    """The feed's bytes, an error, or ``None`` when the server says it has not changed."""
    if not is_url(source):
        try:
            return Path(source).read_bytes()
        except OSError as exc:
            return error(E001, source, f"cannot read feed: {exc.strerror or exc}")
    response = fetcher.get(source, conditional=True)
    if isinstance(response, SitroomError):
        return response
    return None if response.not_modified else response.body


def _problem(report: WatchReport, problem: SitroomError) -> None:
    report.failed += 1
    report.problems.append(str(problem))
    logger.warning("%s", problem)


def _reread(feeds_file: Path, current: list[str]) -> list[str]:
    """The feeds file again; if it has become unreadable, the list it had."""
    try:
        return read_feed_list(feeds_file)
    except (SitroomError, OSError, UnicodeDecodeError) as exc:
        logger.warning("%s: cannot re-read (%s); keeping %d feed(s)", feeds_file, exc, len(current))
        return current


def _load_state(state_file: Path | None, fetcher: Fetcher) -> ReadLog:
    """The read log kept in ``state_file``, and the feeds' validators into ``fetcher``."""
    if state_file is None or not state_file.is_file():
        return ReadLog()
    try:
        state = json.loads(state_file.read_text(encoding="utf-8"))
        fetcher.validators.update({url: Validators(**v) for url, v in state["validators"].items()})
        return ReadLog(done=set(state["done"]), failures=dict(state["failures"]))
    except (ValueError, KeyError, TypeError) as exc:
        logger.warning("%s: unreadable state (%s); starting afresh", state_file, exc)
        return ReadLog()


def _save_state(state_file: Path | None, read_log: ReadLog, fetcher: Fetcher) -> None:
    """Write the state atomically, so an interrupt mid-write leaves the old one whole."""
    if state_file is None:
        return
    state = {
        "done": sorted(read_log.done),
        "failures": read_log.failures,
        "validators": {u: asdict(v) for u, v in fetcher.validators.items()},
    }
    partial = state_file.with_name(state_file.name + ".tmp")
    partial.write_text(json.dumps(state), encoding="utf-8")
    partial.replace(state_file)
