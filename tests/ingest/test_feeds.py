"""Feeds and pages from a server on 127.0.0.1: items fetched, extracted, read once."""

from __future__ import annotations

from datetime import date

from localweb import Route, page, rss
from sitroom.config import Options
from sitroom.errors import E004, E011, E012, SitroomError
from sitroom.ingest.feeds import MAX_TRIES, ReadLog, feed_articles, parse_feed
from sitroom.ingest.fetch import Fetcher
from sitroom.ingest.sources import iter_articles
from sitroom.record import Article

ANCHOR = date(2025, 3, 17)
STORY = (
    "Negotiators from the United States and Russia met in Riyadh on Monday to discuss "
    "a ceasefire in Ukraine, officials said after the first session ended.\n\n"
    "Ukraine accused Russia of launching 90 drones overnight against nine regions."
)
FRENCH = (
    "Les négociateurs américains et russes se sont réunis lundi à Riyad pour discuter "
    "d'un cessez-le-feu en Ukraine, ont indiqué des responsables après la première séance.\n\n"
    "L'Ukraine accuse la Russie d'avoir lancé quatre-vingt-dix drones pendant la nuit."
)


def options() -> Options:
    return Options(published=ANCHOR, fetch_timeout=0.5, fetch_retries=0, host_interval=0.0)


def fetcher() -> Fetcher:
    return Fetcher(timeout=0.5, retries=0, min_interval=0.0)


def serve_feed(web, items: list[tuple[str, str, str | None]]) -> None:
    web.routes["/feed.xml"] = Route(body=rss("Example Wire", items), content_type="application/rss+xml")


def test_each_item_page_becomes_an_article_with_feed_fallbacks(web):
    web.routes["/a"] = Route(body=page("Talks resume in Riyadh", STORY, published="2025-03-14"))
    web.routes["/b"] = Route(body=page("", STORY.replace("Riyadh", "Jeddah")))
    serve_feed(
        web,
        [
            ("Riyadh talks", web.url("/a"), "Fri, 14 Mar 2025 09:00:00 GMT"),
            ("Jeddah talks", web.url("/b"), "Sat, 15 Mar 2025 09:00:00 GMT"),
        ],
    )
    arts = list(iter_articles([web.url("/feed.xml")], options()))
    assert [a.url for a in arts] == [web.url("/a"), web.url("/b")]
    first, second = arts
    assert first.title == "Talks resume in Riyadh" and first.published == date(2025, 3, 14)
    assert second.title == "Jeddah talks"  # the page has none: the item's
    assert second.published == date(2025, 3, 15)  # the page has none: the item's
    assert {a.outlet for a in arts} == {"Example Wire"}
    assert "Jeddah on Monday" in second.text and "Contact us" not in second.text
    assert first.language == "en"


def test_item_and_page_without_a_date_fall_back_to_the_anchor(web):
    web.routes["/nodate"] = Route(body=page("Talks", STORY))
    serve_feed(web, [("Talks", web.url("/nodate"), None)])
    [art] = list(iter_articles([web.url("/feed.xml")], options()))
    assert art.published == ANCHOR


def test_non_english_page_is_read_with_its_language_set(web):
    web.routes["/fr"] = Route(body=page("Pourparlers à Riyad", FRENCH, lang="fr"))
    serve_feed(web, [("Pourparlers", web.url("/fr"), None)])
    [art] = list(iter_articles([web.url("/feed.xml")], options()))
    assert art.language == "fr" and "Riyad" in art.text


def test_a_failing_item_page_is_reported_and_the_other_items_read(web):
    web.routes["/ok"] = Route(body=page("Talks", STORY))
    web.routes["/broken"] = Route(status=500, body="oops")
    serve_feed(web, [("Broken", web.url("/broken"), None), ("Talks", web.url("/ok"), None)])
    items = list(iter_articles([web.url("/feed.xml")], options()))
    assert isinstance(items[0], SitroomError) and items[0].code == E011
    assert isinstance(items[1], Article) and items[1].url == web.url("/ok")


def test_items_done_are_skipped_and_a_failing_item_is_tried_until_given_up(web):
    web.routes["/a"] = Route(body=page("A", STORY))
    web.routes["/down"] = Route(status=503)
    feed = parse_feed(rss("W", [("A", web.url("/a"), None), ("D", web.url("/down"), None)]).encode(), "w")
    log = ReadLog()
    polls = [list(feed_articles(feed, fetcher(), options(), log)) for _ in range(MAX_TRIES + 1)]
    assert [type(i) for i in polls[0]] == [Article, SitroomError]
    assert [len(p) for p in polls] == [2] + [1] * (MAX_TRIES - 1) + [0]
    assert "given up after" in str(polls[MAX_TRIES - 1][0]) and "given up" not in str(polls[0][1])
    assert log.done == {web.url("/a"), web.url("/down")} and log.failures == {}
    assert len(web.hits("/a")) == 1 and len(web.hits("/down")) == MAX_TRIES


def test_feed_that_times_out_or_fails_is_one_error_and_the_batch_goes_on(web, tmp_path):
    web.routes["/slow.xml"] = Route(body=rss("S", []), delay=1.5)
    web.routes["/500.xml"] = Route(status=500)
    note = tmp_path / "note.txt"
    note.write_text(STORY)
    items = list(iter_articles([web.url("/slow.xml"), web.url("/500.xml"), str(note)], options()))
    assert [i.code for i in items if isinstance(i, SitroomError)] == [E011, E011]
    assert "timed out" in str(items[0]) and "HTTP 500" in str(items[1])
    assert items[2].id == "note"


def test_malformed_xml_is_e012(web):
    web.routes["/junk.xml"] = Route(body="<<this is not xml at all", content_type="application/xml")
    [err] = list(iter_articles([web.url("/junk.xml")], options()))
    assert err.code == E012 and web.url("/junk.xml") in str(err)


def test_feed_cut_off_mid_document_still_gives_its_complete_items(web):
    web.routes["/a"] = Route(body=page("A", STORY))
    whole = rss("W", [("A", web.url("/a"), None)])
    feed = parse_feed(whole[: whole.index("</channel>")].encode(), "cut")
    assert [i.link for i in feed.items] == [web.url("/a")]


def test_atom_feed_items_are_read(web):
    web.routes["/a"] = Route(body=page("A", STORY))
    atom = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>'
        f'<entry><id>urn:a</id><title>A</title><link href="{web.url("/a")}"/>'
        "<updated>2025-03-12T08:00:00Z</updated></entry></feed>"
    )
    feed = parse_feed(atom.encode(), "atom")
    assert [(i.key, i.published) for i in feed.items] == [("urn:a", date(2025, 3, 12))]
    assert feed.title == "Atom Wire"


def test_a_url_serving_a_page_is_read_as_one_article(web):
    web.routes["/story"] = Route(body=page("Talks resume", STORY, published="2025-03-16"))
    [art] = list(iter_articles([web.url("/story")], options()))
    assert art.published == date(2025, 3, 16) and art.url == web.url("/story")


def test_saved_feed_file_fetches_its_items_pages(web, tmp_path):
    web.routes["/a"] = Route(body=page("A", STORY))
    saved = tmp_path / "wire.rss"
    saved.write_text(rss("Saved Wire", [("A", web.url("/a"), None)]))
    [art] = list(iter_articles([str(saved)], options()))
    assert art.outlet == "Saved Wire" and art.url == web.url("/a")


def test_an_item_in_two_feeds_of_one_batch_is_read_once(web):
    web.routes["/a"] = Route(body=page("A", STORY))
    item = [("A", web.url("/a"), None)]
    web.routes["/one.xml"] = Route(body=rss("One", item), content_type="application/rss+xml")
    web.routes["/two.xml"] = Route(body=rss("Two", item), content_type="application/rss+xml")
    arts = list(iter_articles([web.url("/one.xml"), web.url("/two.xml")], options()))
    assert len(arts) == 1 and len(web.hits("/a")) == 1


def test_bare_guids_of_two_feeds_do_not_collide():
    def feed(site: str) -> bytes:
        return (
            f'<rss version="2.0"><channel><title>{site}</title><item><guid>1234</guid>'
            f"<link>http://{site}.test/story</link></item></channel></rss>"
        ).encode()

    keys = [parse_feed(feed(site), site).items[0].key for site in ("alpha", "beta")]
    assert keys == ["http://alpha.test/story", "http://beta.test/story"]


def test_item_without_link_or_with_a_non_html_page_is_reported(web):
    web.routes["/report.pdf"] = Route(body=b"%PDF-1.7", content_type="application/pdf")
    body = (
        '<rss version="2.0"><channel><title>W</title><item><title>No link</title></item>'
        f"<item><link>{web.url('/report.pdf')}</link></item></channel></rss>"
    ).encode()
    items = list(feed_articles(parse_feed(body, "w.rss"), fetcher(), options()))
    assert [(i.code, i.subject) for i in items] == [(E012, "w.rss#1"), (E004, web.url("/report.pdf"))]


def test_the_outlet_a_page_declares_wins_over_the_feed_title(web):
    declared = page("A", STORY).replace("<head>", '<head><meta property="og:site_name" content="Kyiv Daily">')
    web.routes["/a"] = Route(body=declared)
    serve_feed(web, [("A", web.url("/a"), None)])
    [art] = list(iter_articles([web.url("/feed.xml")], options()))
    assert art.outlet == "Kyiv Daily"
