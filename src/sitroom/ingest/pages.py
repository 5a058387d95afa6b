"""Web pages: the main text and metadata of an HTML page, as an article.

A page (saved, named by URL, or linked from a feed) becomes an article through
trafilatura, the field's standard main-text extractor. The article's ``text`` is the
extracted text, so every offset sitroom reports refers to what it stores and shows,
never to the raw HTML.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

import trafilatura
from trafilatura.settings import Document, set_date_params

from sitroom.errors import E002, E003, SitroomError, error
from sitroom.record import Article


def article_from_html(
    html: bytes | str,
    *,
    id: str,
    origin: str,
    url: str | None = None,
    published: date | None = None,
    outlet: str | None = None,
) -> Article | SitroomError:
    """Extract the main text and metadata of a page, or E002 when it holds no article text.

    ``url`` is where the page was fetched from; the page's own canonical URL, if
    it declares one, is preferred. ``published`` is the date to use when the
    page's metadata gives none (a feed item's date, the ``--published`` anchor);
    ``outlet`` likewise (a feed's title), before falling back to the host name.
    """
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            favor_recall=True,
            # No free-text date search: a page without a dated header would get the
            # first date its story mentions, which is an event's, not the publication's.
            date_extraction_params=set_date_params(extensive=False),
        )
    except Exception as exc:  # a third-party parser on untrusted HTML: one page must not end a batch
        return error(E003, origin, f"unparseable HTML: {type(exc).__name__}: {exc}")
    text = (doc.text or "") if isinstance(doc, Document) else ""
    if not isinstance(doc, Document) or not text.strip():
        return error(E002, origin, "no article text found in the page")
    page_url = doc.url or url
    published = _page_date(doc.date) or published
    return Article(
        id=id,
        text=text,
        published=published,
        title=doc.title or None,
        url=page_url,
        outlet=_declared_sitename(doc.sitename, page_url) or outlet or _host(page_url),
        byline=doc.author or None,
        origin=origin,
    )


def _page_date(found: str | None) -> date | None:
    """The date trafilatura found (normalised to YYYY-MM-DD), if it found a usable one."""
    try:
        return date.fromisoformat(found) if found else None
    except ValueError:
        return None


def _declared_sitename(sitename: str | None, url: str | None) -> str | None:
    """The site name the page declares; trafilatura's stand-in (the URL's host) is not one."""
    if not sitename or not url:
        return sitename or None
    netloc = urlsplit(url).netloc.lower().removeprefix("www.")
    return None if sitename.lower() in (netloc, _host(url)) else sitename


def _host(url: str | None) -> str | None:
    """The host of ``url`` without a leading ``www.``: the outlet when the page names none."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None
