"""The real ``sitroom`` command, run as a user runs it, on real files and a real store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def sitroom(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), COLUMNS="200")
    return subprocess.run(
        [sys.executable, "-m", "sitroom", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=300,
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    """A store with the bundled examples ingested once."""
    path = tmp_path_factory.mktemp("store") / "sitroom.db"
    done = sitroom("ingest", "--db", str(path), "--no-progress", str(EXAMPLES))
    assert done.returncode == 0, done.stderr
    return path


def test_extract_prints_one_json_line_per_article_with_sidecar_metadata():
    out = sitroom("extract", str(EXAMPLES / "ceasefire-talks.txt"))
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["id"] == "ceasefire-talks" and record["published"] == "2025-03-17"
    for key in ("quotes", "events", "times", "places", "actors", "quantities", "title"):
        assert key in record


def test_extract_reads_stdin_with_an_anchor_date():
    out = sitroom("extract", "--published", "2025-03-17", "-", stdin="Russia attacked Ukraine on Sunday.")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["published"] == "2025-03-17"


def test_bad_inputs_are_reported_in_one_line_each_and_the_batch_goes_on(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "notes.docx").write_text("hello")
    (tmp_path / "good.txt").write_text("Russia attacked Ukraine on Sunday.")
    (tmp_path / "corpus.jsonl").write_text(
        '{"id": "j1", "text": "Putin met Trump.", "published": "2025-03-01"}\n{not json\n'
    )
    out = sitroom("extract", str(tmp_path), str(tmp_path / "missing.txt"))
    assert out.returncode == 1
    ids = {json.loads(line)["id"] for line in out.stdout.splitlines()}
    assert ids == {"good", "j1"}
    errors = [line for line in out.stderr.splitlines() if line.startswith("error:")]
    for name in ("empty.txt", "blob.txt", "notes.docx", "corpus.jsonl:2", "missing.txt"):
        assert sum(name in line for line in errors) == 1, (name, errors)


def test_ingest_twice_stores_the_article_once(db):
    again = sitroom("ingest", "--db", str(db), "--no-progress", str(EXAMPLES))
    assert again.returncode == 0
    assert "1 same" in again.stdout
    stats = json.loads(sitroom("stats", "--db", str(db), "--json").stdout)
    assert stats["articles"] == 1 and stats["quotes"] >= 4 and stats["events"] >= 4


def test_quotes_filters_by_speaker_and_words(db):
    rows = json.loads(sitroom("quotes", "--db", str(db), "--speaker", "Starmer", "--json").stdout)
    assert rows and all("Starmer" in r["speaker"] for r in rows)
    rows = json.loads(sitroom("quotes", "--db", str(db), "--search", "productive conversation", "--json").stdout)
    assert [r["speaker"] for r in rows] == ["Steve Witkoff"]


def test_events_filter_by_type_mode_and_actor(db):
    rows = json.loads(
        sitroom("events", "--db", str(db), "--type", "ASSAULT", "--mode", "drone", "--actor", "RUS", "--json").stdout
    )
    assert len(rows) == 1 and rows[0]["date"] == "2025-03-16"
    planned = json.loads(sitroom("events", "--db", str(db), "--factuality", "planned", "--json").stdout)
    assert planned and all(r["factuality"] == "planned" for r in planned)


def test_timeline_prints_a_readable_table_in_date_order(db):
    out = sitroom("timeline", "--db", str(db), "--since", "2025-03-16", "--until", "2025-03-18")
    assert out.returncode == 0, out.stderr
    assert "Timeline" in out.stdout and "ASSAULT" in out.stdout
    assert out.stdout.index("2025-03-16") < out.stdout.index("2025-03-18")


def test_a_bad_filter_is_one_line_naming_it(db):
    out = sitroom("events", "--db", str(db), "--since", "last tuesday")
    assert out.returncode == 2
    assert out.stderr.strip().count("\n") == 0 and "--since last tuesday" in out.stderr


def test_every_command_is_documented_in_the_readme():
    from sitroom.cli.app import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    missing = [n for n in names if f"sitroom {n}" not in readme]
    assert not missing, f"commands missing from README.md: {missing}"


def test_ingest_reads_a_corpus_with_renamed_columns(tmp_path):
    corpus = tmp_path / "export.csv"
    corpus.write_text(
        "GLOBALEVENTID,body,SQLDATE\n"
        'g1,"Russia attacked Ukraine with drones on Sunday.",20250317\n'
        'g2,"Putin spoke with Trump by phone on Tuesday.",20250319\n',
        encoding="utf-8",
    )
    db = tmp_path / "c.db"
    out = sitroom(
        "ingest",
        "--db",
        str(db),
        "--no-progress",
        "--text-col",
        "body",
        "--date-col",
        "SQLDATE",
        "--id-col",
        "GLOBALEVENTID",
        str(corpus),
    )
    assert out.returncode == 0, out.stderr
    assert "2 new" in out.stdout


def test_watch_ingests_new_feed_items_from_a_local_server(tmp_path):
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    page = (
        "<html><head><title>Drones over Kyiv</title>"
        "<meta property='article:published_time' content='2025-03-16'></head><body><article>"
        "<h1>Drones over Kyiv</h1><p>"
        + "Russia launched drones at Kyiv overnight, officials said. " * 8
        + "</p></article></body></html>"
    )

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            base = f"http://127.0.0.1:{self.server.server_port}"
            routes = {
                "/feed.xml": (
                    "application/rss+xml",
                    f"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>"
                    f"<item><title>Drones</title><link>{base}/story</link>"
                    f"<guid>{base}/story</guid></item></channel></rss>",
                ),
                "/story": ("text/html", page),
            }
            if self.path not in routes:
                self.send_response(404)
                self.end_headers()
                return
            kind, body = routes[self.path]
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        feeds = tmp_path / "feeds.txt"
        feeds.write_text(f"# local\nhttp://127.0.0.1:{server.server_port}/feed.xml\n")
        db = tmp_path / "w.db"
        out = sitroom("watch", str(feeds), "--every", "1s", "--rounds", "2", "--db", str(db))
        assert out.returncode == 0, out.stderr
        assert "2 round(s); 1 new" in out.stdout
        stats = json.loads(sitroom("stats", "--db", str(db), "--json").stdout)
        assert stats["articles"] == 1
    finally:
        server.shutdown()


def test_actors_lists_coded_actors_with_counts_and_actor_shows_one(db):
    rows = json.loads(sitroom("actors", "--db", str(db), "--json").stdout)
    trump = [r for r in rows if r["name"] == "Donald Trump"]
    assert trump and trump[0]["country"] == "USA" and trump[0]["mentions"] >= 3
    one = json.loads(sitroom("actor", "Starmer", "--db", str(db), "--json").stdout)
    assert one["actor"][0]["country"] == "GBR"
    assert one["quotes"] and all("Starmer" in q["speaker"] for q in one["quotes"])
    missing = sitroom("actor", "Nobody Atall", "--db", str(db))
    assert missing.returncode == 2 and "Nobody Atall" in missing.stderr


def test_the_model_is_configurable_and_a_missing_one_is_one_line(tmp_path):
    (tmp_path / "a.txt").write_text("Russia attacked Ukraine on Sunday.")
    by_flag = sitroom("extract", "--model", "xx_no_such_pipeline", str(tmp_path / "a.txt"))
    assert by_flag.returncode == 2 and "xx_no_such_pipeline" in by_flag.stderr and "[E007]" in by_flag.stderr
    env_run = subprocess.run(
        [sys.executable, "-m", "sitroom", "extract", str(tmp_path / "a.txt")],
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ, PYTHONPATH=str(ROOT / "src"), SITROOM_MODEL="xx_env_pipeline"),
    )
    assert env_run.returncode == 2 and "xx_env_pipeline" in env_run.stderr


def test_an_article_in_another_language_is_stored_not_analysed(tmp_path):
    (tmp_path / "fr.txt").write_text(
        "Le président de la République a annoncé mardi que les négociations avec la Russie "
        "reprendraient la semaine prochaine à Genève, selon un communiqué publié par le ministère. "
        "Les deux délégations se sont déjà rencontrées à plusieurs reprises depuis le début de l'année, "
        "mais aucun accord n'a encore été trouvé sur les questions les plus difficiles.",
        encoding="utf-8",
    )
    db = tmp_path / "l.db"
    out = sitroom("ingest", "--db", str(db), "--no-progress", str(tmp_path / "fr.txt"))
    assert out.returncode == 0, out.stderr
    stats = json.loads(sitroom("stats", "--db", str(db), "--json").stdout)
    assert stats["articles"] == 1 and stats["not analysed"] == 1 and stats["events"] == 0
