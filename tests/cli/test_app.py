"""The ``sitroom`` command: each command run in-process through Typer's CliRunner, on real
files and a real store; the entry point itself (``python -m sitroom``) in a subprocess."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer.main
from click.testing import Result
from typer.testing import CliRunner

from localweb import Route, page, rss
from sitroom.cli.app import app
from sitroom.config import Options

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def sitroom(*args: str, stdin: str | None = None) -> Result:
    """Run one command as the shell would, tables as wide as a wide terminal's."""
    return CliRunner().invoke(app, list(args), input=stdin, env={"COLUMNS": "200"})


def python_m_sitroom(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Run the real entry point in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-m", "sitroom", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT / "src"), **env),
        timeout=300,
    )


@pytest.fixture(scope="module")
def shared_pipeline(nlp) -> Iterator[None]:
    """Commands whose options load the default pipeline get the session's, loaded once."""
    from sitroom import batch, pipeline

    build = pipeline.build_nlp

    def build_nlp(options: Options):
        return nlp if options.model == Options().model and options.actors_file is None else build(options)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "build_nlp", build_nlp)
        patch.setattr(batch, "build_nlp", build_nlp, raising=False)
        yield


@pytest.fixture(scope="module")
def db(tmp_path_factory, shared_pipeline) -> Path:
    """A store with the bundled examples ingested once."""
    path = tmp_path_factory.mktemp("store") / "sitroom.db"
    done = sitroom("ingest", "--db", str(path), "--no-progress", str(EXAMPLES))
    assert done.exit_code == 0, done.output
    return path


@pytest.mark.slow
def test_python_m_sitroom_prints_one_json_line_per_article_with_sidecar_metadata():
    out = python_m_sitroom("extract", str(EXAMPLES / "ceasefire-talks.txt"))
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["id"] == "ceasefire-talks" and record["published"] == "2025-03-17"
    for key in ("quotes", "events", "times", "places", "actors", "quantities", "title"):
        assert key in record


@pytest.mark.slow
def test_a_missing_model_named_in_the_environment_exits_2_in_one_line(tmp_path):
    (tmp_path / "a.txt").write_text("Russia attacked Ukraine on Sunday.")
    out = python_m_sitroom("extract", str(tmp_path / "a.txt"), SITROOM_MODEL="xx_env_pipeline")
    assert out.returncode == 2 and "xx_env_pipeline" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_a_missing_model_named_by_flag_is_one_line():
    out = sitroom("extract", "--model", "xx_no_such_pipeline", str(EXAMPLES / "ceasefire-talks.txt"))
    assert out.exit_code == 2 and "xx_no_such_pipeline" in out.stderr and "[E007]" in out.stderr


def test_extract_reads_stdin_with_an_anchor_date(shared_pipeline):
    out = sitroom("extract", "--published", "2025-03-17", "-", stdin="Russia attacked Ukraine on Sunday.")
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["published"] == "2025-03-17"


def test_an_article_without_a_date_is_kept_and_said_to_be_undated(tmp_path, shared_pipeline):
    # events issue, error class 6: undated events are never silent
    out = sitroom("extract", "-", stdin="Russia attacked Ukraine on Sunday.")
    assert out.exit_code == 0, out.output
    record = json.loads(out.stdout)
    assert record["published"] is None and record["warnings"] and record["warnings"][0].startswith("undated")
    assert [line for line in out.stderr.splitlines() if line.startswith("warning:") and "undated" in line]
    dated = sitroom("extract", "--published", "2025-03-17", "-", stdin="Russia attacked Ukraine on Sunday.")
    assert json.loads(dated.stdout)["warnings"] == [] and "undated" not in dated.stderr
    (tmp_path / "undated.txt").write_text("Russia attacked Ukraine on Sunday.")
    stored = sitroom("ingest", "--db", str(tmp_path / "s.db"), "--no-progress", str(tmp_path / "undated.txt"))
    assert stored.exit_code == 0 and "undated.txt: undated" in stored.stderr


def test_bad_inputs_are_reported_in_one_line_each_and_the_batch_goes_on(tmp_path, shared_pipeline):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "notes.docx").write_text("hello")
    (tmp_path / "good.txt").write_text("Russia attacked Ukraine on Sunday.")
    (tmp_path / "corpus.jsonl").write_text(
        '{"id": "j1", "text": "Putin met Trump.", "published": "2025-03-01"}\n{not json\n'
    )
    out = sitroom("extract", str(tmp_path), str(tmp_path / "missing.txt"))
    assert out.exit_code == 1
    ids = {json.loads(line)["id"] for line in out.stdout.splitlines()}
    assert ids == {"good", "j1"}
    errors = [line for line in out.stderr.splitlines() if line.startswith("error:")]
    for name in ("empty.txt", "blob.txt", "notes.docx", "corpus.jsonl:2", "missing.txt"):
        assert sum(name in line for line in errors) == 1, (name, errors)


def test_ingest_twice_stores_the_article_once(db):
    again = sitroom("ingest", "--db", str(db), "--no-progress", str(EXAMPLES))
    assert again.exit_code == 0
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
    assert out.exit_code == 0, out.output
    assert "Timeline" in out.stdout and "ASSAULT" in out.stdout
    assert out.stdout.index("2025-03-16") < out.stdout.index("2025-03-17")


def test_a_bad_filter_is_one_line_naming_it(db):
    out = sitroom("events", "--db", str(db), "--since", "last tuesday")
    assert out.exit_code == 2
    assert out.stderr.strip().count("\n") == 0 and "--since last tuesday" in out.stderr


def test_actors_lists_coded_actors_with_counts_and_actor_shows_one(db):
    rows = json.loads(sitroom("actors", "--db", str(db), "--json").stdout)
    trump = [r for r in rows if r["name"] == "Donald Trump"]
    assert trump and trump[0]["country"] == "USA" and trump[0]["mentions"] >= 3
    one = json.loads(sitroom("actor", "Starmer", "--db", str(db), "--json").stdout)
    assert one["actor"][0]["country"] == "GBR"
    assert one["quotes"] and all("Starmer" in q["speaker"] for q in one["quotes"])
    missing = sitroom("actor", "Nobody Atall", "--db", str(db))
    assert missing.exit_code == 2 and "Nobody Atall" in missing.stderr


def test_ingest_reads_a_corpus_with_renamed_columns(tmp_path, shared_pipeline):
    corpus = tmp_path / "export.csv"
    corpus.write_text(
        "GLOBALEVENTID,body,SQLDATE\n"
        'g1,"Russia attacked Ukraine with drones on Sunday.",20250317\n'
        'g2,"Putin spoke with Trump by phone on Tuesday.",20250319\n',
        encoding="utf-8",
    )
    db = tmp_path / "c.db"
    columns = ("--text-col", "body", "--date-col", "SQLDATE", "--id-col", "GLOBALEVENTID")
    out = sitroom("ingest", "--db", str(db), "--no-progress", *columns, str(corpus))
    assert out.exit_code == 0, out.output
    assert "2 new" in out.stdout


def test_an_article_in_another_language_is_stored_not_analysed(tmp_path, shared_pipeline):
    (tmp_path / "fr.txt").write_text(
        "Le président de la République a annoncé mardi que les négociations avec la Russie "
        "reprendraient la semaine prochaine à Genève, selon un communiqué publié par le ministère. "
        "Les deux délégations se sont déjà rencontrées à plusieurs reprises depuis le début de l'année, "
        "mais aucun accord n'a encore été trouvé sur les questions les plus difficiles.",
        encoding="utf-8",
    )
    db = tmp_path / "l.db"
    out = sitroom("ingest", "--db", str(db), "--no-progress", str(tmp_path / "fr.txt"))
    assert out.exit_code == 0, out.output
    stats = json.loads(sitroom("stats", "--db", str(db), "--json").stdout)
    assert stats["articles"] == 1 and stats["not analysed"] == 1 and stats["events"] == 0


def test_watch_ingests_new_feed_items_from_a_local_server(tmp_path, web, shared_pipeline):
    story = "Russia launched drones at Kyiv overnight, officials said. " * 8
    web.routes["/story"] = Route(page("Drones over Kyiv", story, published="2025-03-16"))
    web.routes["/feed.xml"] = Route(rss("t", [("Drones", web.url("/story"), None)]), content_type="application/rss+xml")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# local\n{web.url('/feed.xml')}\n")
    db = tmp_path / "w.db"
    out = sitroom("watch", str(feeds), "--every", "1s", "--rounds", "2", "--db", str(db))
    assert out.exit_code == 0, out.output
    assert "2 round(s); 1 new" in out.stdout
    stats = json.loads(sitroom("stats", "--db", str(db), "--json").stdout)
    assert stats["articles"] == 1


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = sorted(typer.main.get_command(app).commands)
    assert names
    missing = [n for n in names if not re.search(rf"\bsitroom {re.escape(n)}\b", readme)]
    assert not missing, f"commands missing from README.md: {missing}"


def test_importing_the_cli_loads_neither_torch_nor_spacy():
    code = "import sitroom.cli.app, sys; print('torch' in sys.modules, 'spacy' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT / "src")),
        timeout=120,
        check=True,
    )
    assert out.stdout.split() == ["False", "False"]
