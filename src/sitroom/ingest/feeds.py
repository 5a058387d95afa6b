"""Web pages and the feeds that list them: each item's page fetched, extracted, read once.

A feed says what is new; the article is on the page each item links to. So a
feed becomes articles in two steps: feedparser lists the items (leniently: a
feed with a syntax error past its last good item still gives those items), and
each item's page goes through :func:`sitroom.ingest.pages.article_from_html`, with the item's title,
date and the feed's name as fallbacks for what the page lacks.

"Read once" is the caller's :class:`ReadLog` of item keys (the item's URL-like
id, else its link), shared by all the feeds of a batch or a watch. An item is
done when it has been read, or cannot be read ever (a page without text); an
item whose page could not be fetched is tried again at the next poll, up to
``MAX_TRIES`` polls, so a dead link is not fetched every 15 minutes for ever.
A URL that serves an HTML page rather than a feed is read as that one page, so
``sitroom ingest https://...`` works for both.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import feedparser

from sitroom.config import Options
from sitroom.errors import E002, E004, E012, SitroomError, error
from sitroom.ingest.fetch import Fetcher, Response
from sitroom.ingest.pages import article_from_html
from sitroom.record import Article

Item = Article | SitroomError
FEED_EXTENSIONS = (".rss", ".atom", ".xml")
MAX_TRIES = 3  # polls an item's page may fail on before the item is given up
_PAGE_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class ReadLog:
    """The items done (read or given up) and the failures of those still to be tried."""

    done: set[str] = field(default_factory=set)
    failures: dict[str, int] = field(default_factory=dict)

    def read(self, key: str) -> None:
        self.done.add(key)
        self.failures.pop(key, None)

    def retry(self, key: str) -> bool:
        """Count a failure of ``key``; ``True`` when that was its last try and it is given up."""
        self.done.discard(key)
        tries = self.failures.get(key, 0) + 1
        if tries < MAX_TRIES:
            self.failures[key] = tries
            return False
        self.read(key)
        return True


@dataclass
class FeedItem:
    """What a feed says about one item: enough to fetch it and to fill gaps in its page."""

    key: str
    link: str | None
    title: str | None
    published: date | None


@dataclass
class Feed:
    """A parsed feed: its name (an outlet when pages name none) and its items, newest first."""

    title: str | None
    items: list[FeedItem]


def parse_feed(body: bytes, origin: str) -> Feed | SitroomError:
    """The items of an RSS/Atom document, or E012 when ``body`` is no feed at all."""
    parsed = feedparser.parse(body)  # bytes only: given a str, feedparser would open paths and URLs
    if not parsed.entries and not parsed.get("version"):
        problem = parsed.get("bozo_exception")
        return error(E012, origin, f"not an RSS or Atom feed ({problem or 'no feed elements'})")
    items = []
    for number, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link") or None
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        items.append(
            FeedItem(
                key=_item_key(entry.get("id") or "", link) or f"{origin}#{number}",
                link=link,
                title=entry.get("title") or None,
                published=date(*stamp[:3]) if stamp else None,
            )
        )
    return Feed(title=parsed.feed.get("title") or None, items=items)


def _item_key(guid: str, link: str | None) -> str | None:
    """What identifies an item across feeds: a URL- or URN-like guid, else its link.

    Bare guids ("1234") are unique only within their own feed, so two feeds
    would collide on them; a link is unique everywhere.
    """
    return guid if ":" in guid else link


def feed_articles(feed: Feed, fetcher: Fetcher, options: Options, log: ReadLog | None = None) -> Iterator[Item]:
    """The article of each item not done in ``log``, which records what happened to each."""
    log = ReadLog() if log is None else log
    for item in feed.items:
        if item.key in log.done:
            continue
        if item.link is None:
            log.read(item.key)
            yield error(E012, item.key, "feed item has no link to fetch")
            continue
        page = fetcher.get(item.link)
        if isinstance(page, SitroomError):
            last = log.retry(item.key)
            yield error(page.code, page.subject, page.detail + (f"; given up after {MAX_TRIES} tries" if last else ""))
            continue
        log.read(item.key)
        yield _item_article(item, page, feed, options)


def _item_article(item: FeedItem, page: Response, feed: Feed, options: Options) -> Item:
    """The article on an item's page; the item and the feed fill what the page does not say."""
    if page.content_type not in _PAGE_TYPES:
        return error(E004, item.link or item.key, f"not a web page ({page.content_type})")
    article = article_from_html(
        page.body,
        id=item.key,
        origin=item.link or item.key,
        url=page.url,
        published=item.published or options.published,
        outlet=feed.title,
    )
    if isinstance(article, Article):
        article.title = article.title or item.title
    return article


def read_feed_url(url: str, fetcher: Fetcher, options: Options, log: ReadLog) -> Iterator[Item]:
    """A feed at ``url`` as its items' articles, or the page at ``url`` as one article."""
    response = fetcher.get(url)
    if isinstance(response, SitroomError):
        yield response
        return
    feed = parse_feed(response.body, url)
    if isinstance(feed, SitroomError) and response.content_type in _PAGE_TYPES:
        yield article_from_html(
            response.body, id=response.url, origin=response.url, url=response.url, published=options.published
        )
    elif isinstance(feed, SitroomError):
        yield feed
    else:
        yield from feed_articles(feed, fetcher, options, log)


def read_feed_file(path: Path, fetcher: Fetcher, options: Options, log: ReadLog) -> Iterator[Item]:
    """A saved feed file as its items' articles (the pages are fetched from the web)."""
    body = path.read_bytes()
    if not body.strip():
        yield error(E002, str(path), "empty input")
        return
    feed = parse_feed(body, str(path))
    if isinstance(feed, SitroomError):
        yield feed
    else:
        yield from feed_articles(feed, fetcher, options, log)
