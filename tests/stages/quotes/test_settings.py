"""The quotes stage's tuning values: declared in the factory's config, and passed to the stage."""

from __future__ import annotations

from dataclasses import asdict, replace

import spacy

from sitroom.stages.quotes.settings import DEFAULTS, QuotesSettings
from sitroom.stages.quotes.stage import QuotesStage


def test_the_pipeline_config_shows_every_tuning_value_at_its_default(nlp):
    config = nlp.config["components"]["sitroom_quotes"]
    assert dict(config["settings"]) == asdict(DEFAULTS)
    assert nlp.get_pipe("sitroom_quotes").settings == DEFAULTS


def test_a_changed_value_reaches_the_stage():
    blank = spacy.blank("en")
    stage = blank.add_pipe("sitroom_quotes", config={"settings": {"cue_min": 0.4, "nested_min": 0.9}})
    assert isinstance(stage, QuotesStage)
    assert stage.settings == replace(DEFAULTS, cue_min=0.4, nested_min=0.9)
    assert isinstance(stage.settings, QuotesSettings)
