"""kg.score: a linear model's calibrated probability, and model files read or refused."""
import json
import math

import pytest

from kg.errors import LexiconError
from kg.score import LinearModel, load, read_model


def test_probability_is_the_calibrated_logistic_of_the_margin():
    model = LinearModel("events", {"type=Attack": 2.0, "rule:habitual": -3.0}, intercept=-1.0,
                        calibration=(0.5, 0.1), threshold=0.4)
    margin = -1.0 + 2.0
    assert model.score({"type=Attack": 1.0, "unknown": 1.0}) == pytest.approx(margin)
    assert model.probability({"type=Attack": 1.0}) == pytest.approx(1 / (1 + math.exp(-(0.5 * margin + 0.1))))
    assert model.probability({"type=Attack": 1.0, "rule:habitual": 1.0}) < model.probability({"type=Attack": 1.0})


def test_a_folder_without_models_means_the_rules_decide(tmp_path):
    models = load(tmp_path)
    assert models.events is None and models.places is None


def test_min_confidence_overrides_the_models_operating_point(tmp_path):
    (tmp_path / "events.json").write_text(json.dumps({"name": "events", "weights": {"bias": 0}, "intercept": 0,
                                                      "calibration": [1, 0], "threshold": 0.4}))
    assert load(tmp_path).threshold(load(tmp_path).events) == 0.4
    strict = load(tmp_path, 0.9)
    assert strict.threshold(strict.events) == 0.9


def test_one_models_operating_point_overrides_the_shared_one_and_its_own(tmp_path):
    for name in ("events", "places"):
        (tmp_path / f"{name}.json").write_text(json.dumps({"name": name, "weights": {"bias": 0}, "intercept": 0,
                                                           "calibration": [1, 0], "threshold": 0.4}))
    models = load(tmp_path, 0.7, (("places", 0.1),))
    assert models.threshold(models.places) == 0.1 and models.threshold(models.events) == 0.7
    assert models.chosen("statements") == 0.7 and load(tmp_path).chosen("statements") is None


def test_a_broken_model_file_is_one_clear_error(tmp_path):
    path = tmp_path / "events.json"
    path.write_text("{not json")
    with pytest.raises(LexiconError, match="make train"):
        read_model(path)
