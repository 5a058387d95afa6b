"""Web pages and input dates: the two things every source of articles shares.

A saved page, a page fetched for a feed item and a page named on the command
line all become an :class:`Article` the same way, through trafilatura (the
field's standard main-text extractor). The article's ``text`` is the extracted
text, so every offset sitroom reports refers to what it stores and shows, never
to the raw HTML.

Dates come from sidecars, JSONL lines, CSV cells, page metadata and feed items
in many spellings; :func:`parse_date` accepts the common ones and says no to the
rest, so a bad date is reported rather than guessed.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import trafilatura
from trafilatura.settings import set_date_params

from sitroom.errors import E002, E006, SitroomError, error
from sitroom.record import Article

_COMPACT_STAMP = re.compile(r"\d{14}")  # GDELT's YYYYMMDDhhmmss


def parse_date(value: object) -> date:
    """The calendar date of ``value``: ISO 8601 (date or date-time), GDELT stamps, RFC 822.

    Raises ``ValueError`` for anything else: the caller turns it into an E006
    naming the input, because an anchor date silently wrong would shift every
    relative date the article gives ("on Tuesday", "last week").
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
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


def article_from_html(
    html: bytes | str, *, id: str, origin: str, url: str | None = None,
    published: date | None = None, outlet: str | None = None,
) -> Article | SitroomError:
    """Extract the main text and metadata of a page, or E002 when it holds no article text.

    ``url`` is where the page was fetched from; the page's own canonical URL, if
    it declares one, is preferred. ``published`` is the date to use when the
    page's metadata gives none (a feed item's date, the ``--published`` anchor);
    ``outlet`` likewise (a feed's title), before falling back to the host name.
    """
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
    text = (doc.text or "") if doc is not None else ""
    if not text.strip():
        return error(E002, origin, "no article text found in the page")
    page_url = doc.url or url
    if doc.date:
        found = date_or_error(doc.date, origin)
        published = published if isinstance(found, SitroomError) else found
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
