"""The actors stage's config: its user table is shown in the pipeline config and reaches the stage."""

from __future__ import annotations

import spacy

import sitroom.stages.actors.stage  # noqa: F401  (registers the factory)


def test_the_config_shows_no_user_file_by_default(nlp):
    config = dict(nlp.config["components"]["sitroom_actors"])
    assert config == {"factory": "sitroom_actors", "user_file": None}
    assert nlp.get_pipe("sitroom_actors").user_file is None


def test_a_user_file_reaches_the_stage(tmp_path):
    table = tmp_path / "actors.tsv"
    table.write_text("name\tkind\tcountry\tsector\nJane Roe\tperson\tNOR\tGOV\n", encoding="utf-8")
    blank = spacy.blank("en")
    stage = blank.add_pipe("sitroom_actors", config={"user_file": str(table)})
    assert stage.user_file == str(table)
    assert [h.known.name for h in stage.gazetteer.lookup("Jane Roe")] == ["Jane Roe"]
