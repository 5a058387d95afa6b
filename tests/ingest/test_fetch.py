"""Fetching politely and within bounds, against a server on 127.0.0.1."""

from __future__ import annotations

import gzip
import socket
import time

from localweb import Route
from sitroom.errors import E011, SitroomError
from sitroom.ingest.fetch import USER_AGENT, Fetcher, Response


class FakeTime:
    """A clock and a sleep that only advance when slept on, so pacing is checked exactly."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def quick(fake: FakeTime | None = None, **kw) -> Fetcher:
    """A fetcher with short bounds and a fake clock (``fake``'s, to read what it slept)."""
    fake = fake or FakeTime()
    kw = {
        "timeout": 2.0,
        "retries": 2,
        "backoff": 0.5,
        "min_interval": 0.0,
        "sleep": fake.sleep,
        "clock": fake.clock,
    } | kw
    return Fetcher(**kw)


def test_get_sends_the_user_agent_and_returns_body_and_type(web):
    web.routes["/a"] = Route(body="<html>hi</html>")
    got = quick().get(web.url("/a"))
    assert isinstance(got, Response)
    assert (got.status, got.body, got.content_type) == (200, b"<html>hi</html>", "text/html")
    assert web.hits("/a")[0].headers["user-agent"] == USER_AGENT


def test_conditional_get_sends_etag_back_and_reads_304_as_not_modified(web):
    web.routes["/feed"] = Route(body="<rss/>", etag='"v1"', headers={"Last-Modified": "Mon, 17 Mar 2025 10:00:00 GMT"})
    fetcher = quick()
    first = fetcher.get(web.url("/feed"), conditional=True)
    second = fetcher.get(web.url("/feed"), conditional=True)
    assert first.body == b"<rss/>" and not first.not_modified
    assert second.not_modified and second.body == b""
    sent = web.hits("/feed")[1].headers
    assert sent["if-none-match"] == '"v1"'
    assert sent["if-modified-since"] == "Mon, 17 Mar 2025 10:00:00 GMT"


def test_unconditional_get_ignores_validators(web):
    web.routes["/feed"] = Route(body="<rss/>", etag='"v1"')
    fetcher = quick()
    fetcher.get(web.url("/feed"), conditional=True)
    assert not fetcher.get(web.url("/feed")).not_modified


def test_server_error_is_retried_with_doubling_backoff_then_reported(web):
    web.routes["/down"] = Route(body="oops", status=500)
    fake = FakeTime()
    fetcher = quick(fake)
    got = fetcher.get(web.url("/down"))
    assert isinstance(got, SitroomError) and got.code == E011
    assert "HTTP 500" in str(got) and web.url("/down") in str(got)
    assert len(web.hits("/down")) == 3
    assert fake.slept == [0.5, 1.0]


def test_retry_after_is_honoured_but_capped(web):
    web.routes["/busy"] = Route(status=503, headers={"Retry-After": "7"})
    web.routes["/busier"] = Route(status=429, headers={"Retry-After": "86400"})
    fake = FakeTime()
    fetcher = quick(fake, retries=1)
    fetcher.get(web.url("/busy"))
    fetcher.get(web.url("/busier"))
    assert fake.slept == [7.0, 60.0]


def test_client_error_is_not_retried(web):
    got = quick().get(web.url("/missing"))
    assert isinstance(got, SitroomError) and "HTTP 404" in str(got)
    assert len(web.hits("/missing")) == 1


def test_a_server_that_never_answers_times_out_within_bounds(web):
    web.routes["/slow"] = Route(body="late", delay=1.5)
    start = time.monotonic()
    got = Fetcher(timeout=0.3, retries=1, backoff=0.01, min_interval=0.0).get(web.url("/slow"))
    assert isinstance(got, SitroomError) and "timed out" in str(got)
    assert time.monotonic() - start < 1.2


def test_a_server_trickling_its_body_is_cut_off_at_the_deadline(web):
    web.routes["/drip"] = Route(body=b"x" * 40, trickle=0.05)
    start = time.monotonic()
    got = Fetcher(timeout=0.3, deadline=0.4, retries=0).get(web.url("/drip"))
    assert isinstance(got, SitroomError) and "not received within 0.4s" in str(got)
    assert time.monotonic() - start < 1.5


def test_refused_connection_is_reported(web):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    got = quick(retries=0).get(f"http://127.0.0.1:{port}/feed")
    assert isinstance(got, SitroomError) and "cannot connect" in str(got)


def test_only_http_urls_are_followed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    got = quick().get(secret.as_uri())
    assert isinstance(got, SitroomError) and "not an http(s) URL" in str(got)


def test_redirects_are_followed_and_the_final_url_kept(web):
    web.routes["/old"] = Route(status=301, headers={"Location": web.url("/new")})
    web.routes["/new"] = Route(body="moved here")
    got = quick().get(web.url("/old"))
    assert got.body == b"moved here" and got.url == web.url("/new")


def test_oversized_body_is_refused(web):
    web.routes["/big"] = Route(body=b"x" * 5000)
    got = quick(max_bytes=1000).get(web.url("/big"))
    assert isinstance(got, SitroomError) and "larger than 1000 bytes" in str(got)


def test_gzip_bodies_are_inflated_and_a_gzip_bomb_stopped_at_the_size_cap(web):
    web.routes["/z"] = Route(body=gzip.compress(b"<rss>compressed</rss>"), headers={"Content-Encoding": "gzip"})
    web.routes["/bomb"] = Route(body=gzip.compress(b"0" * 1_000_000), headers={"Content-Encoding": "gzip"})
    fetcher = quick(max_bytes=10_000)
    assert fetcher.get(web.url("/z")).body == b"<rss>compressed</rss>"
    assert web.hits("/z")[0].headers["accept-encoding"] == "gzip"
    bomb = fetcher.get(web.url("/bomb"))
    assert isinstance(bomb, SitroomError) and "larger than 10000 bytes" in str(bomb)


def test_requests_to_one_host_are_spaced_by_the_interval(web):
    web.routes["/a"] = Route(body="a")
    fake = FakeTime()
    fetcher = quick(fake, min_interval=2.0)
    fetcher.get(web.url("/a"))
    fetcher.get(web.url("/a"))
    fetcher.get(web.url("/a"))
    assert [r.path for r in web.requests] == ["/robots.txt", "/a", "/a", "/a"]
    assert fake.slept == [2.0, 2.0, 2.0]


def test_robots_txt_is_read_once_per_host_and_obeyed(web):
    web.routes["/robots.txt"] = Route(body="User-agent: sitroom\nDisallow: /private/\n", content_type="text/plain")
    web.routes["/private/a"] = Route(body="secret")
    web.routes["/public"] = Route(body="open")
    fetcher = quick()
    denied = fetcher.get(web.url("/private/a"))
    assert isinstance(denied, SitroomError) and "robots.txt" in str(denied)
    assert fetcher.get(web.url("/public")).body == b"open"
    assert [r.path for r in web.requests] == ["/robots.txt", "/public"]
