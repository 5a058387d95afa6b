"""Reading inputs: each kind of file, the sidecar, and bad input reported, not fatal."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from sitroom.config import Options
from sitroom.errors import E001, E002, E003, E004, E005, E006, SitroomError
from sitroom.ingest.sources import iter_articles, parse_date
from sitroom.record import Article

ANCHOR = date(2025, 3, 17)
PAGE = """<html><head><title>Talks resume in Riyadh | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2025-03-14T10:00:00Z">
</head><body><nav>Home | World | Sport</nav><article><h1>Talks resume in Riyadh</h1>
<p>Negotiators from the United States and Russia met in Riyadh on Monday to discuss
a ceasefire in Ukraine, officials said after the first session ended.</p>
<p>"We are making progress," said the envoy, who spoke on condition of anonymity
because he was not authorised to brief reporters on the talks.</p>
</article><footer>Copyright Example News</footer></body></html>"""


def read(*inputs: Path | str, published: date | None = ANCHOR, **cols: str) -> list:
    return list(iter_articles([str(i) for i in inputs], Options(published=published, **cols)))


def codes(items: list) -> list[str]:
    return [i.code for i in items if isinstance(i, SitroomError)]


def test_text_file_is_read_as_given_with_stem_as_id_and_anchor_date(tmp_path):
    f = tmp_path / "talks.txt"
    f.write_bytes("Kyiv said \u201cyes\u201d.\r\nMoscow did not.\n".encode())
    [art] = read(f)
    assert art.id == "talks"
    assert art.text == "Kyiv said \u201cyes\u201d.\r\nMoscow did not.\n"
    assert art.published == ANCHOR
    assert art.origin == str(f)


def test_sidecar_metadata_wins_over_defaults_and_is_not_an_input(tmp_path):
    (tmp_path / "a.txt").write_text("Russia launched drones.")
    (tmp_path / "a.json").write_text(
        json.dumps(
            {
                "id": "wire-1",
                "published": "2025-03-10",
                "title": "Drones",
                "url": "https://x.test/a",
                "outlet": "Wire",
                "note": "ignored",
            }
        )
    )
    [art] = read(tmp_path)
    assert (art.id, art.published, art.title, art.url, art.outlet) == (
        "wire-1",
        date(2025, 3, 10),
        "Drones",
        "https://x.test/a",
        "Wire",
    )


def test_sidecar_with_bad_date_is_reported_as_e006_naming_the_sidecar(tmp_path):
    (tmp_path / "a.txt").write_text("Russia launched drones.")
    (tmp_path / "a.json").write_text('{"published": "next Tuesday"}')
    [err] = read(tmp_path / "a.txt")
    assert err.code == E006 and str(tmp_path / "a.json") in str(err)


def test_html_page_gives_main_text_title_byline_outlet_and_date(tmp_path):
    f = tmp_path / "riyadh.html"
    f.write_text(PAGE)
    [art] = read(f, published=None)
    assert art.text.startswith("Talks resume in Riyadh")
    assert "We are making progress" in art.text
    assert "Home | World" not in art.text and "Copyright" not in art.text
    assert art.title == "Talks resume in Riyadh"
    assert art.byline == "Jane Doe"
    assert art.outlet == "Example News"
    assert art.published == date(2025, 3, 14)
    start = art.text.index("Riyadh on Monday")
    assert art.text[start : start + 6] == "Riyadh"


def test_html_page_without_a_date_falls_back_to_the_anchor_not_a_date_in_the_story(tmp_path):
    f = tmp_path / "nodate.htm"
    f.write_text(
        "<html><body><article><p>The talks that began on 3 March 2021 in Geneva ended. "
        + "The talks in Geneva ended without a deal. " * 5
        + "</p></article></body></html>"
    )
    [art] = read(f)
    assert art.published == ANCHOR


def test_html_page_without_text_is_e002(tmp_path):
    f = tmp_path / "shell.html"
    f.write_text("<html><head><title>x</title></head><body><script>var a=1;</script></body></html>")
    assert codes(read(f)) == [E002]


def test_jsonl_lines_become_articles_and_bad_lines_are_reported_with_line_numbers(tmp_path):
    f = tmp_path / "corpus.jsonl"
    f.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "text": "Kyiv accepted.", "published": "2025-03-11", "outlet": "AP"}),
                "{not json",
                json.dumps({"id": "c", "text": "Moscow declined.", "published": "yesterday"}),
                json.dumps(["a list"]),
                "",
                json.dumps({"text": "No id here."}),
            ]
        )
        + "\n"
    )
    items = read(f)
    arts = [i for i in items if isinstance(i, Article)]
    assert [(a.id, a.published, a.outlet) for a in arts] == [("a", date(2025, 3, 11), "AP"), ("corpus-6", ANCHOR, None)]
    errors = [i for i in items if isinstance(i, SitroomError)]
    assert [(e.code, e.subject) for e in errors] == [(E005, f"{f}:2"), (E006, f"{f}:3"), (E005, f"{f}:4")]


def test_jsonl_columns_are_configurable(tmp_path):
    f = tmp_path / "export.jsonl"
    f.write_text(json.dumps({"doc": "Talks ended.", "date": "20250317", "guid": 7, "link": "u"}) + "\n")
    [art] = read(f, text_col="doc", date_col="date", id_col="guid", url_col="link")
    assert (art.id, art.text, art.published, art.url) == ("7", "Talks ended.", ANCHOR, "u")


@pytest.mark.parametrize(
    "name, content, code",
    [
        ("empty.txt", b"", E002),
        ("blank.txt", b"  \n\t\n", E002),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", E003),
        ("latin1.txt", "caf\u00e9 talks".encode("latin-1"), E003),
        ("notes.docx", b"PK\x03\x04", E004),
        ("empty.jsonl", b"\n\n", E002),
    ],
)
def test_bad_file_is_one_error_naming_it(tmp_path, name, content, code):
    f = tmp_path / name
    f.write_bytes(content)
    [err] = read(f)
    assert err.code == code
    assert str(err).startswith(str(f)) and "\n" not in str(err)


def test_missing_path_is_e001_and_the_batch_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Talks resumed.")
    items = read(tmp_path / "missing.txt", good)
    assert codes(items) == [E001]
    assert [i.id for i in items if isinstance(i, Article)] == ["good"]


def test_folder_is_walked_recursively_in_sorted_order_reporting_unknown_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Z text.")
    (tmp_path / "a.txt").write_text("A text.")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "c1", "text": "C text."}) + "\n")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "h.txt").write_text("hidden")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\x00")
    (tmp_path / "orphan.json").write_text("{}")
    items = read(tmp_path)
    assert [i.id for i in items if isinstance(i, Article)] == ["a", "z", "c1"]
    assert [(e.code, Path(e.subject).name) for e in items if isinstance(e, SitroomError)] == [
        (E004, "orphan.json"),
        (E004, "photo.png"),
    ]


def test_stdin_is_read_as_plain_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Talks resumed.\n")))
    [art] = read("-")
    assert (art.id, art.text, art.published) == ("stdin", "Talks resumed.\n", ANCHOR)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2025-03-17", ANCHOR),
        ("2025-03-17T23:10:00Z", ANCHOR),
        ("2025-03-17 08:00:00", ANCHOR),
        ("20250317", ANCHOR),
        ("20250317101500", ANCHOR),
        ("Mon, 17 Mar 2025 10:00:00 GMT", ANCHOR),
        (20250317, ANCHOR),
        (20250317101500, ANCHOR),
    ],
)
def test_parse_date_accepts_the_spellings_corpora_use(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["", "next Tuesday", "2025-13-01", 2025, True, 3.5])
def test_parse_date_refuses_what_it_cannot_read(value):
    with pytest.raises(ValueError):
        parse_date(value)


def test_csv_rows_become_articles_with_configured_columns_and_bad_rows_reported(tmp_path):
    f = tmp_path / "gdelt.csv"
    f.write_text(
        "DOCID,BODY,SQLDATE,SOURCEURL,SOURCE\n"
        '1,"Kyiv accepted the proposal.",20250311,https://a.test/1,AP\n'
        '2,"Moscow declined,\nsaid the ministry.",soon,https://a.test/2,TASS\n'
        "3,,20250312,https://a.test/3,AP\n"
        '4,"Talks resumed.",,https://a.test/4,\n',
        encoding="utf-8",
    )
    items = read(f, text_col="BODY", date_col="SQLDATE", id_col="DOCID", url_col="SOURCEURL", outlet_col="SOURCE")
    arts = [i for i in items if isinstance(i, Article)]
    assert [(a.id, a.published, a.url, a.outlet) for a in arts] == [
        ("1", date(2025, 3, 11), "https://a.test/1", "AP"),
        ("4", ANCHOR, "https://a.test/4", None),
    ]
    errors = [i for i in items if isinstance(i, SitroomError)]
    assert [(e.code, e.subject) for e in errors] == [(E006, f"{f}:3"), (E002, f"{f}:5")]


def test_corpus_without_the_text_column_is_one_error_naming_the_columns(tmp_path):
    f = tmp_path / "export.csv"
    f.write_text("title,content\nA,Talks resumed.\n")
    [err] = read(f)
    assert err.code == E005 and "'text'" in str(err) and "title, content" in str(err)


def test_parquet_rows_become_articles(tmp_path):
    import pyarrow
    import pyarrow.parquet

    f = tmp_path / "mediacloud.parquet"
    table = pyarrow.table(
        {
            "stories_id": [11, 12],
            "text": ["Kyiv accepted the proposal.", "Moscow declined the proposal."],
            "publish_date": ["2025-03-11 08:00:00", None],
            "media_name": ["AP", "TASS"],
        }
    )
    pyarrow.parquet.write_table(table, f)
    arts = read(f, id_col="stories_id", date_col="publish_date", outlet_col="media_name")
    assert [(a.id, a.published, a.outlet, a.origin) for a in arts] == [
        ("11", date(2025, 3, 11), "AP", f"{f}:1"),
        ("12", ANCHOR, "TASS", f"{f}:2"),
    ]


def test_file_that_is_not_parquet_is_e003(tmp_path):
    f = tmp_path / "fake.parquet"
    f.write_text("text\nnot parquet at all\n")
    assert codes(read(f)) == [E003]


def test_language_is_detected_unless_the_source_says_it(tmp_path):
    (tmp_path / "en.txt").write_text("Negotiators met in Riyadh on Monday, and the talks went on.")
    (tmp_path / "de.txt").write_text(
        "Die Unterhändler der Vereinigten Staaten und Russlands trafen sich am Montag in Riad, um über "
        "eine Waffenruhe in der Ukraine zu sprechen, sagten Beamte nach der ersten Sitzung. Die Ukraine "
        "warf Russland vor, in der Nacht neunzig Drohnen gestartet zu haben."
    )
    (tmp_path / "uk.txt").write_text(
        "Переговорники зустрілися в понеділок в Ер-Ріяді, щоб обговорити припинення вогню."
    )
    (tmp_path / "given.txt").write_text("Negotiators met in Riyadh on Monday to discuss a ceasefire.")
    (tmp_path / "given.json").write_text('{"language": "es"}')
    (tmp_path / "short.txt").write_text("Talks: 3-1")
    got = {a.id: a.language for a in read(tmp_path)}
    assert got == {"en": "en", "de": "de", "uk": "uk", "given": "es", "short": None}


def test_html_page_in_a_legacy_encoding_is_decoded_by_its_meta_charset(tmp_path):
    f = tmp_path / "old.html"
    body = PAGE.replace("<head>", '<head><meta charset="windows-1252">').replace(
        "Riyadh on Monday", "Riyadh on Monday \u2013 at the Diriyah palace \u00e0 huis clos \u2013"
    )
    f.write_bytes(body.encode("cp1252"))
    [art] = read(f)
    assert "Diriyah palace \u00e0 huis clos \u2013" in art.text
