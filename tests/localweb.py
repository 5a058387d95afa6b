"""A web server on 127.0.0.1 for the fetch, feed and watch tests: no internet needed.

Each test declares routes (status, body, headers, a delay to provoke a
timeout, an ETag to answer 304) and reads back the requests the server saw.
The ``web`` fixture (tests/conftest.py) starts one per test.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes | str = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering: longer than the client's timeout means a timeout
    etag: str | None = None  # answered with 304 when the client sends it back
    trickle: float = 0.0  # seconds between two bytes of the body: a server too slow to finish


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


class LocalWeb:
    """Routes by path; ``url(path)`` is the address to fetch; ``requests`` what came in."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        web = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                web.requests.append(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = web.routes.get(self.path)
                if route is None:
                    self._answer(404, b"not found", "text/plain", {})
                    return
                time.sleep(route.delay)
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self._answer(304, b"", route.content_type, {"ETag": route.etag})
                    return
                headers = dict(route.headers, **({"ETag": route.etag} if route.etag else {}))
                body = route.body.encode() if isinstance(route.body, str) else route.body
                self._answer(route.status, body, route.content_type, headers, route.trickle)

            def _answer(
                self, status: int, body: bytes, ctype: str, headers: dict[str, str], trickle: float = 0.0
            ) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(body)))
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    if trickle:
                        for byte in body:
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                            time.sleep(trickle)
                    else:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test): nothing to answer

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def hits(self, path: str) -> list[Seen]:
        return [r for r in self.requests if r.path == path]


def page(title: str, body: str, published: str | None = None, lang: str = "en") -> str:
    """A news page as sites serve them: navigation, the article, a footer."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        f'<html lang="{lang}"><head><title>{title}</title>{meta}</head><body>'
        f"<nav>Home | World | Sport</nav><article><h1>{title}</h1>{paras}</article>"
        "<footer>Contact us</footer></body></html>"
    )


def rss(title: str, items: list[tuple[str, str, str | None]]) -> str:
    """An RSS 2.0 feed of ``(title, link, pubDate)`` items."""
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
        + (f"<pubDate>{d}</pubDate>" if d else "")
        + "</item>"
        for t, link, d in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>http://127.0.0.1/</link>{entries}</channel></rss>"
    )
