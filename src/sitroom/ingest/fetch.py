"""Fetching feeds and pages politely, and never hanging on one.

A watcher polls the same feeds for days, so it must behave as the sites expect
of a well-mannered client: say who it is (a user agent), ask "anything new?"
with the validators the site gave last time (ETag / Last-Modified, answered by
a cheap 304), take gzip, keep out of what robots.txt forbids, wait between two
requests to one host, back off when a server is failing, and give up after a
bounded time. Everything it gets is untrusted: only
``http`` and ``https`` URLs are followed (a feed must not make sitroom read a
local ``file:`` URL), and a body is cut off at ``max_bytes``.

Failures are returned as a one-line :class:`SitroomError` (E011) naming the
URL, never raised, so a feed that is down costs that feed and nothing else.
"""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from http.client import HTTPResponse
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from sitroom.config import Options
from sitroom.errors import E011, SitroomError, error

USER_AGENT = "sitroom/0.1 (news research; polls feeds politely)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
CHUNK = 65536
ROBOTS_TTL = 86400.0  # seconds a host's robots.txt is trusted before it is read again
MAX_RETRY_AFTER = 60.0  # seconds: a longer Retry-After is cut to this, the watch goes on


@dataclass
class Response:
    """A fetched body (empty when ``not_modified``) and the URL it finally came from."""

    url: str
    status: int
    body: bytes
    content_type: str = ""
    not_modified: bool = False


@dataclass
class Validators:
    """What a server said identifies the version we have: sent back on the next poll."""

    etag: str | None = None
    last_modified: str | None = None


def is_url(name: str) -> bool:
    """Whether an input names a web address rather than a path."""
    return urlsplit(name).scheme in ("http", "https")


@dataclass
class Fetcher:
    """An HTTP client with a user agent, timeouts, retries, validators and a per-host pace."""

    user_agent: str = USER_AGENT
    timeout: float = 10.0  # seconds per connect and per read
    retries: int = 2  # further tries after a timeout, a refused connection or a 429/5xx
    backoff: float = 1.0  # seconds before the first retry, doubled for each next one
    min_interval: float = 1.0  # seconds between two requests to the same host
    max_bytes: int = 10_000_000
    deadline: float = 60.0  # seconds for a whole body: a server trickling bytes cannot hold a watch
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    respect_robots: bool = True
    validators: dict[str, Validators] = field(default_factory=dict)
    _robots: dict[str, tuple[float, RobotFileParser | None]] = field(default_factory=dict, init=False, repr=False)
    _last_request: dict[str, float] = field(default_factory=dict, init=False, repr=False)

    def get(self, url: str, conditional: bool = False) -> Response | SitroomError:
        """GET ``url``; with ``conditional``, send the validators it gave last time."""
        if not is_url(url):
            return error(E011, url, "not an http(s) URL")
        if self.respect_robots and not self._allowed(url):
            return error(E011, url, "disallowed by the site's robots.txt")
        attempt = 0
        while True:
            result, retry_after = self._attempt(url, conditional)
            if retry_after is None or attempt >= self.retries:
                return result
            self.sleep(max(retry_after, self.backoff * 2**attempt))
            attempt += 1

    def _allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets sitroom fetch ``url`` (read once a day per host).

        A robots.txt that cannot be had (404, a server down) allows everything,
        as crawlers commonly read it: the request that follows meets the same
        failure and reports it.
        """
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        cached = self._robots.get(root)
        if cached is None or self.clock() - cached[0] > ROBOTS_TTL:
            cached = (self.clock(), self._read_robots(root))
            self._robots[root] = cached
        parser = cached[1]
        return parser is None or parser.can_fetch(self.user_agent, url)

    def _read_robots(self, root: str) -> RobotFileParser | None:
        got, _ = self._attempt(f"{root}/robots.txt", conditional=False)
        if isinstance(got, SitroomError):
            return None
        parser = RobotFileParser()
        parser.parse(got.body.decode("utf-8", "replace").splitlines())
        return parser

    def _attempt(self, url: str, conditional: bool) -> tuple[Response | SitroomError, float | None]:
        """One request; the second value is ``None`` if final, else the wait a retry needs."""
        self._pace(url)
        request = urllib.request.Request(url, headers=self._headers(url, conditional))
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as reply:
                if not is_url(reply.geturl()):
                    return error(E011, url, f"redirected to a non-http URL {reply.geturl()!r}"), None
                body = self._read_body(reply)
                if body is None:
                    return error(E011, url, f"body not received within {self.deadline:g}s"), None
                if conditional:  # only what is polled again needs its validators kept
                    self._remember(url, reply.headers)
                return self._response(url, reply.geturl(), reply.status, body, reply.headers), None
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return Response(url=url, status=304, body=b"", not_modified=True), None
            problem = error(E011, url, f"HTTP {exc.code} {exc.reason}")
            if exc.code in RETRY_STATUSES:
                return problem, _retry_after(exc.headers)
            return problem, None
        except TimeoutError:
            return error(E011, url, f"timed out after {self.timeout:g}s"), 0.0
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, (TimeoutError, socket.timeout)):
                return error(E011, url, f"timed out after {self.timeout:g}s"), 0.0
            return error(E011, url, f"cannot connect: {reason}"), 0.0
        except (OSError, ValueError) as exc:  # reset connection, bad status line, bad URL
            return error(E011, url, f"{type(exc).__name__}: {exc}"), 0.0

    def _read_body(self, reply: HTTPResponse) -> bytes | None:
        """Up to ``max_bytes + 1`` bytes of the body, or ``None`` past the deadline."""
        end = self.clock() + self.deadline
        chunks: list[bytes] = []
        size = 0
        while size <= self.max_bytes:
            chunk = reply.read1(min(CHUNK, self.max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if self.clock() > end:
                return None
        return b"".join(chunks)

    def _response(
        self, url: str, final_url: str, status: int, body: bytes, headers: Message
    ) -> Response | SitroomError:
        if len(body) <= self.max_bytes and headers.get("Content-Encoding", "").lower() == "gzip":
            inflated = _gunzip(body, self.max_bytes)
            if inflated is None:
                return error(E011, url, "corrupt gzip body")
            body = inflated
        if len(body) > self.max_bytes:  # as sent or once inflated
            return error(E011, url, f"body larger than {self.max_bytes} bytes")
        return Response(url=final_url, status=status, body=body, content_type=headers.get_content_type())

    def _headers(self, url: str, conditional: bool) -> dict[str, str]:
        headers = {"User-Agent": self.user_agent, "Accept-Encoding": "gzip"}
        known = self.validators.get(url) if conditional else None
        if known and known.etag:
            headers["If-None-Match"] = known.etag
        if known and known.last_modified:
            headers["If-Modified-Since"] = known.last_modified
        return headers

    def _remember(self, url: str, headers: Message) -> None:
        etag, modified = headers.get("ETag"), headers.get("Last-Modified")
        if etag or modified:
            self.validators[url] = Validators(etag=etag, last_modified=modified)

    def _pace(self, url: str) -> None:
        """Wait until ``min_interval`` has passed since the last request to this host."""
        host = urlsplit(url).netloc.lower()
        last = self._last_request.get(host)
        if last is not None:
            wait = last + self.min_interval - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last_request[host] = self.clock()


def fetcher_for(options: Options) -> Fetcher:
    """The fetcher the options describe (user agent, timeout, retries, per-host interval)."""
    return Fetcher(
        user_agent=options.user_agent or USER_AGENT,
        timeout=options.fetch_timeout,
        retries=options.fetch_retries,
        min_interval=options.host_interval,
    )


def _gunzip(body: bytes, max_bytes: int) -> bytes | None:
    """The inflated body, at most ``max_bytes + 1`` bytes (a gzip bomb stops there); ``None`` if corrupt."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(body, max_bytes + 1)
    except zlib.error:
        return None


def _retry_after(headers: Message) -> float:
    """The wait a 429/503 asks for (seconds form only), capped; 0 when it names none."""
    value = (headers.get("Retry-After") or "").strip()
    return min(float(value), MAX_RETRY_AFTER) if value.isdigit() else 0.0
