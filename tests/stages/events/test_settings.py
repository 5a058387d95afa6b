"""The event stage's tuned numbers: shown in the pipeline config, and passed to the stage."""

from __future__ import annotations

from dataclasses import asdict

import spacy

from sitroom.stages.events.stage import DEFAULTS, EventsSettings


def test_the_config_shows_every_tuned_number_at_its_default(nlp):
    config = dict(nlp.config["components"]["sitroom_events"])
    assert config.pop("factory") == "sitroom_events"
    assert config["use_model"] is True
    assert dict(config["settings"]) == asdict(DEFAULTS)
    assert nlp.get_pipe("sitroom_events").settings == EventsSettings()


def test_a_changed_number_reaches_the_stage():
    blank = spacy.blank("en")
    stage = blank.add_pipe(
        "sitroom_events", config={"use_model": False, "settings": {"lede_discount": 0.2, "neutral_veto": 0.6}}
    )
    assert stage.settings.lede_discount == 0.2 and stage.settings.neutral_veto == 0.6
    assert stage.settings.rule_weight_share == DEFAULTS.rule_weight_share and stage.classifier is None
    assert blank.config["components"]["sitroom_events"]["settings"]["lede_discount"] == 0.2
