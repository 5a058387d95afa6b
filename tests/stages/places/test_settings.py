"""The places stage's tuning values: declared in the factory's config, and passed to the stage."""

from __future__ import annotations

from dataclasses import asdict, replace

import spacy

from sitroom.stages.places.settings import DEFAULTS, PlacesSettings
from sitroom.stages.places.stage import PlacesStage


def test_the_pipeline_config_shows_every_tuning_value_at_its_default(nlp):
    config = nlp.config["components"]["sitroom_places"]
    assert dict(config["settings"]) == asdict(DEFAULTS)
    assert nlp.get_pipe("sitroom_places").settings == DEFAULTS


def test_a_changed_value_reaches_the_stage_and_its_finder():
    blank = spacy.blank("en")
    prior = asdict(DEFAULTS)["kind_prior"] | {"city": 0.5}
    stage = blank.add_pipe("sitroom_places", config={"settings": {"nearby_km": 100.0, "kind_prior": prior}})
    assert isinstance(stage, PlacesStage)
    assert stage.settings == replace(DEFAULTS, nearby_km=100.0, kind_prior=prior)
    assert isinstance(stage.settings, PlacesSettings)
    assert stage.finder.settings is stage.settings
