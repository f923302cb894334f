"""`make train` rebuilds the committed models byte for byte, from the development set only."""
import json
from pathlib import Path

import pytest

from kg.config import ROOT

pytestmark = pytest.mark.model


def test_training_reproduces_the_committed_models(tmp_path):
    from kg.train import DEV_GOLD, train

    train(list(DEV_GOLD), tmp_path)
    committed = ROOT / "data" / "models"
    written = sorted(p.name for p in tmp_path.glob("*.json"))
    assert written and written == sorted(p.name for p in committed.glob("*.json"))
    for name in written:
        assert (tmp_path / name).read_bytes() == (committed / name).read_bytes(), \
            f"data/models/{name} is not what `make train` writes from the committed annotations"


def test_the_held_out_split_is_never_trained_on(tmp_path):
    from kg.train import train

    with pytest.raises(SystemExit):
        train([ROOT / "tests" / "heldout"], tmp_path)


def test_models_record_how_they_were_chosen():
    for path in sorted((ROOT / "data" / "models").glob("*.json")):
        model = json.loads(path.read_text(encoding="utf-8"))
        cv = model["cross_validation"]
        assert cv["articles"] >= 50 and 0 < model["threshold"] < 1
        assert len(model["calibration"]) == 2 and model["weights"]
