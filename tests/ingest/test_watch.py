"""Watching feeds: new items ingested once, bad feeds survived, Ctrl-C ends it cleanly."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from localweb import Route, page, rss
from sitroom.config import Options
from sitroom.errors import E001, SitroomError
from sitroom.ingest.fetch import Fetcher
from sitroom.ingest.watch import parse_interval, watch

STORY = (
    "Negotiators from the United States and Russia met in Riyadh on Monday to discuss "
    "a ceasefire in Ukraine, officials said after the first session ended."
)


def fast() -> Fetcher:
    return Fetcher(timeout=0.5, retries=0, min_interval=0.0)


def feeds_file(tmp_path: Path, *urls: str) -> Path:
    f = tmp_path / "feeds.txt"
    f.write_text("# feeds to watch\n\n" + "\n".join(f"{u}  # a feed" for u in urls) + "\n")
    return f


def serve(web, path: str, *items: str, etag: str | None = None) -> None:
    for item in items:
        web.routes[item] = Route(body=page(item.strip("/").title(), STORY + " " + item))
    web.routes[path] = Route(
        body=rss("Wire", [(i, web.url(i), None) for i in items]), content_type="application/rss+xml", etag=etag
    )


def test_new_items_are_ingested_once_over_rounds_and_unchanged_feeds_not_reread(web, tmp_path):
    serve(web, "/feed", "/a", "/b", etag='"v1"')
    got = []
    report = watch(
        feeds_file(tmp_path, web.url("/feed")),
        60,
        got.append,
        Options(),
        rounds=3,
        fetcher=fast(),
        sleep=lambda s: None,
    )
    assert [a.url for a in got] == [web.url("/a"), web.url("/b")]
    assert (report.rounds, report.new, report.failed) == (3, 2, 0)
    assert len(web.hits("/a")) == 1
    assert [h.headers.get("if-none-match") for h in web.hits("/feed")] == [None, '"v1"', '"v1"']


def test_an_item_added_between_rounds_is_picked_up(web, tmp_path):
    serve(web, "/feed", "/a")
    got = []

    def between_rounds(seconds: float) -> None:
        assert seconds == 900
        serve(web, "/feed", "/a", "/c")

    watch(feeds_file(tmp_path, web.url("/feed")), 900, got.append, rounds=2, fetcher=fast(), sleep=between_rounds)
    assert [a.url for a in got] == [web.url("/a"), web.url("/c")]


def test_a_feed_that_is_down_slow_or_junk_is_logged_and_the_others_read(web, tmp_path, caplog):
    serve(web, "/good", "/a")
    web.routes["/500"] = Route(status=500)
    web.routes["/slow"] = Route(body=rss("S", []), delay=1.5)
    web.routes["/junk"] = Route(body="<<<not a feed", content_type="text/plain")
    missing = tmp_path / "gone.xml"
    f = feeds_file(tmp_path, web.url("/500"), web.url("/slow"), web.url("/junk"), str(missing), web.url("/good"))
    got = []
    with caplog.at_level(logging.INFO, logger="sitroom.ingest.watch"):
        report = watch(f, 60, got.append, rounds=1, fetcher=fast())
    assert [a.url for a in got] == [web.url("/a")]
    assert report.failed == 4
    assert any("HTTP 500" in p for p in report.problems)
    assert any("timed out" in p for p in report.problems)
    assert any("not an RSS or Atom feed" in p for p in report.problems)
    assert any(str(missing) in p for p in report.problems)
    assert f"{web.url('/good')}: 1 item(s), 1 new, 0 failed" in caplog.text


def test_an_ingest_failure_costs_that_article_only_and_it_is_tried_again(web, tmp_path):
    serve(web, "/feed", "/a", "/b")
    got = []

    def ingest(article):
        if article.url.endswith("/a"):
            raise RuntimeError("disk full")
        got.append(article)

    report = watch(feeds_file(tmp_path, web.url("/feed")), 60, ingest, rounds=2, fetcher=fast(), sleep=lambda s: None)
    assert [a.url for a in got] == [web.url("/b")]
    assert report.failed == 2 and "disk full" in report.problems[0]
    assert len(web.hits("/a")) == 2 and len(web.hits("/b")) == 1  # the failed one is tried again


def test_state_file_carries_seen_items_and_validators_across_restarts(web, tmp_path):
    serve(web, "/feed", "/a", etag='"v7"')
    state = tmp_path / "watch.state.json"
    f = feeds_file(tmp_path, web.url("/feed"))
    first, second = [], []
    watch(f, 60, first.append, rounds=1, fetcher=fast(), state_file=state)
    web.routes["/feed"].etag = None  # the server forgets: the read log must still hold
    watch(f, 60, second.append, rounds=1, fetcher=fast(), state_file=state)
    assert len(first) == 1 and second == []
    assert web.hits("/feed")[1].headers.get("if-none-match") == '"v7"'
    assert json.loads(state.read_text())["done"] == [web.url("/a")]


def test_a_missing_feeds_file_is_e001(tmp_path):
    with pytest.raises(SitroomError) as caught:
        watch(tmp_path / "none.txt", 60, print, rounds=1)
    assert caught.value.code == E001


def test_interrupt_while_waiting_stops_cleanly_and_saves_state(web, tmp_path):
    serve(web, "/feed", "/a")
    state = tmp_path / "s.json"

    def interrupted(seconds: float) -> None:
        raise KeyboardInterrupt

    report = watch(
        feeds_file(tmp_path, web.url("/feed")), 60, lambda a: None, fetcher=fast(), sleep=interrupted, state_file=state
    )
    assert report.rounds == 1 and report.new == 1
    assert json.loads(state.read_text())["done"] == [web.url("/a")]


def test_sigint_ends_a_running_watch_with_status_zero(tmp_path):
    feed = tmp_path / "empty.rss"
    feed.write_text(rss("Empty", []))
    code = (
        "import logging, sys; from pathlib import Path; from sitroom.ingest.watch import watch; "
        "logging.basicConfig(level=logging.INFO, stream=sys.stderr); "
        "r = watch(Path(sys.argv[1]), 3600, print); print('rounds', r.rounds)"
    )
    # Ctrl-C as in a terminal: a job started in the background (nohup, "&") ignores SIGINT, and a
    # child inheriting that would never see the signal this test sends.
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(feeds_file(tmp_path, str(feed)))],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + 60
        line = ""
        while "round 1 done" not in line and time.monotonic() < deadline and proc.poll() is None:
            line = proc.stderr.readline()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert "rounds 1" in out and "stopped by interrupt" in err


@pytest.mark.parametrize("text, seconds", [("90", 90), ("30s", 30), ("15m", 900), ("2h", 7200), ("1.5h", 5400)])
def test_parse_interval_reads_the_units_people_write(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "15 minutes", "-5m", "m"])
def test_parse_interval_refuses_what_it_cannot_read(text):
    with pytest.raises(ValueError):
        parse_interval(text)
