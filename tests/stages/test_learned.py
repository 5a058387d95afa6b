"""What the learned components share (sitroom.stages.learned): the sparse logistic models."""

from __future__ import annotations

import math

from sitroom.stages.learned import SparseLogistic, sparse_logistic


def test_a_model_with_no_known_feature_reads_its_bias():
    model = SparseLogistic(bias=0.0, weights={"w=said": 2.0}, threshold=0.5)
    assert model.probability(["w=unknown"]) == 0.5


def test_each_feature_counts_once_however_often_it_is_given():
    model = SparseLogistic(bias=-1.0, weights={"w=said": 2.0}, threshold=0.5)
    assert model.probability(["w=said", "w=said"]) == model.probability(["w=said"])
    assert math.isclose(model.probability(["w=said"]), 1 / (1 + math.exp(-1.0)))


def test_an_extreme_score_is_clamped_not_overflowed():
    model = SparseLogistic(bias=1e6, weights={}, threshold=0.5)
    assert 0.99 < model.probability([]) <= 1.0


def test_the_shipped_quote_models_load_with_a_threshold_between_0_and_1():
    for name in ("models/quotes/cue_model.json", "models/quotes/filter.json"):
        model = sparse_logistic(name)
        assert model.weights and 0 < model.threshold < 1
