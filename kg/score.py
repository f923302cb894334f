"""Decide by evidence: small trained models weigh the signals extraction describes.

Extraction (kg.extract) proposes candidates generously (every trigger that may be an event, every
place and date that may be an event's) and describes each with plain features; the models here,
logistic regressions whose weights are data files in ``data/models/`` rebuilt by ``make train``
(kg.train) from the committed annotations, turn features into a calibrated probability. That
probability is the fact's ``nkg:confidence``; a threshold (chosen on the development data by
cross-validation, or ``kg build --min-confidence``) decides what the graph asserts.

Pure Python at inference: a dot product and a logistic, no numpy, no rdflib.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.errors import LexiconError

MODEL_NAMES = ("events", "places", "dates", "roles", "statements", "speech_acts")
#: The models whose threshold decides what the graph asserts (the roles model only gives confidences).
DECIDING_MODELS = tuple(name for name in MODEL_NAMES if name != "roles")


@dataclass(frozen=True)
class LinearModel:
    """A logistic regression with Platt calibration: p = sigmoid(a * (w . x + b) + c)."""

    name: str
    weights: dict[str, float]
    intercept: float
    calibration: tuple[float, float]  # (a, c)
    threshold: float  # the operating point chosen by cross-validation on the development set

    def score(self, features: dict[str, float]) -> float:
        """The raw margin w . x + b."""
        weights = self.weights
        return self.intercept + sum(weights.get(name, 0.0) * value for name, value in features.items())

    def probability(self, features: dict[str, float]) -> float:
        a, c = self.calibration
        z = a * self.score(features) + c
        return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0


@dataclass(frozen=True)
class Models:
    """The trained models kg decides with; a missing one means the hand-written rules decide."""

    events: LinearModel | None = None
    places: LinearModel | None = None
    dates: LinearModel | None = None
    roles: LinearModel | None = None
    statements: LinearModel | None = None
    speech_acts: LinearModel | None = None  # what a saying does: a condemnation, a pledge ... (kg.extract.acts)
    min_confidence: float | None = None  # overrides each model's own threshold when set
    overrides: tuple[tuple[str, float], ...] = ()  # ("places", 0.1): one model's threshold, over both

    def threshold(self, model: LinearModel) -> float:
        chosen = self.chosen(model.name)
        return model.threshold if chosen is None else chosen

    def chosen(self, name: str) -> float | None:
        """The operating point the user chose for one model (``--min-confidence places=0.1``), else
        for all of them (``--min-confidence 0.5``), else None."""
        return dict(self.overrides).get(name, self.min_confidence)


def read_model(path: Path) -> LinearModel:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LinearModel(name=data["name"], weights={k: float(v) for k, v in data["weights"].items()},
                           intercept=float(data["intercept"]), calibration=tuple(data["calibration"]),
                           threshold=float(data["threshold"]))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise LexiconError(f"{path}: not a readable kg model ({error}); run `make train`") from None


@lru_cache(maxsize=8)
def load(models_dir: Path, min_confidence: float | None = None,
         overrides: tuple[tuple[str, float], ...] = ()) -> Models:
    """The models found in ``models_dir`` (``events.json``, ``places.json`` ...)."""
    found = {name: read_model(models_dir / f"{name}.json") for name in MODEL_NAMES
             if (models_dir / f"{name}.json").is_file()}
    return Models(**found, min_confidence=min_confidence, overrides=overrides)


RULES = Models()  # no model: the hand-written rules decide everything
