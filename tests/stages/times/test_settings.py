"""The time stage's tuning values: declared in the factory's config, and passed to the stage."""

from __future__ import annotations

from dataclasses import asdict, replace

import spacy

from sitroom.stages.times.stage import DEFAULTS, TimesSettings, TimesStage


def test_the_pipeline_config_shows_every_tuning_value_at_its_default(nlp):
    config = nlp.config["components"]["sitroom_times"]
    assert dict(config["settings"]) == asdict(DEFAULTS)
    assert nlp.get_pipe("sitroom_times").settings == DEFAULTS


def test_a_changed_value_reaches_the_stage():
    blank = spacy.blank("en")
    stage = blank.add_pipe("sitroom_times", config={"settings": {"ahead_window": 12, "tense_depth": 2}})
    assert isinstance(stage, TimesStage)
    assert stage.settings == replace(DEFAULTS, ahead_window=12, tense_depth=2)
    assert isinstance(stage.settings, TimesSettings)
