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


def test_the_operating_point_is_the_middle_of_the_best_stretch_not_a_lone_spike():
    from kg.train import _steadiest_best

    def stats(f1):
        return {"f1": f1, "precision": f1, "recall": f1}

    curve = [(t / 100, stats(0.50)) for t in range(5, 96)]
    curve[15] = (0.20, stats(0.70))  # one lucky threshold
    for i in range(32, 39):  # a stretch of seven thresholds (0.37-0.43) a little lower
        curve[i] = (curve[i][0], stats(0.68))
    threshold, chosen = _steadiest_best(curve, curve)
    assert threshold == 0.40 and chosen["f1"] == 0.68


def test_the_articles_are_dealt_into_folds_several_fixed_ways_each_article_tested_once_per_way():
    import numpy as np

    from kg.train import FOLDS, REPEATS, _folds

    groups = np.array([f"article-{n % 23}" for n in range(200)])
    dealings = [_folds(groups, repeat) for repeat in range(REPEATS)]
    assert REPEATS >= 2
    for folds in dealings:
        assert len(folds) == FOLDS
        tested = np.concatenate([test for _, test in folds])
        assert sorted(tested) == list(range(len(groups)))  # every example tested once per dealing
        for train, test in folds:
            assert not set(groups[train]) & set(groups[test])  # an article is never split across folds
    assert [f[1].tolist() for f in dealings[0]] != [f[1].tolist() for f in dealings[1]]  # dealt another way
    assert [f[1].tolist() for f in _folds(groups, 0)] == [f[1].tolist() for f in dealings[0]]  # the same each time


def test_regularization_is_the_strongest_as_good_as_the_best():
    from kg.train import C_TOLERANCE, steadiest_regularization

    scored = [(0.4389, 0.1), (0.4294, 0.3), (0.4294 - C_TOLERANCE / 2, 1.0), (0.4412, 3.0)]
    assert steadiest_regularization(scored)[1] == 0.3  # 1.0 is better by less than the tolerance
    scored[2] = (0.4294 - 2 * C_TOLERANCE, 1.0)
    assert steadiest_regularization(scored)[1] == 1.0


def test_each_model_keeps_its_fixed_regularization_unless_asked_to_search(monkeypatch):
    import kg.train as train_module
    from kg.train import Example, fit

    examples = [Example(f"article{a}", {"signal": float(i % 2), f"noise{i % 3}": 1.0}, i % 2)
                for a in range(10) for i in range(8)]
    monkeypatch.setitem(train_module.REGULARIZATION, "events", 0.77)  # a value the search grid has not
    assert fit(examples, "events")["cross_validation"]["C"] == 0.77
    assert fit(examples, "events", search=True)["cross_validation"]["C"] in train_module.C_GRID


def test_a_candidate_counts_as_the_gold_event_only_with_one_of_its_actors(tmp_path):
    from kg.config import Settings
    from kg.train import collect

    (tmp_path / "a.txt").write_text("Village attacked\nThe Dalora Liberation Front claimed the raid. The village was "
                                    "attacked on Monday. A fire broke out in the market on Tuesday.\n", encoding="utf-8")
    gold = {"article": "a.txt", "published": "2024-05-08",
            "entities": [{"name": "Dalora Liberation Front", "aliases": [], "type": "ArmedGroup"}],
            "events": [{"type": "attack", "agent": "Dalora Liberation Front", "target": None,
                        "evidence": "The village was attacked on Monday"},
                       {"type": "fire", "agent": None, "target": None,
                        "evidence": "A fire broke out in the market on Tuesday"}]}
    (tmp_path / "a.json").write_text(json.dumps(gold), encoding="utf-8")
    labels = {lemma: ex.label for ex in collect([tmp_path], Settings())["events"]
              for lemma in ("attack", "fire") if ex.features.get(f"lemma={lemma}")}
    assert labels["attack"] == 0  # told where the gold says, but without the gold's agent: not what it states
    assert labels["fire"] == 1  # a gold event without actors: told there is enough


def test_a_negated_or_merely_possible_candidate_is_no_example_either_way(tmp_path):
    from kg.config import Settings
    from kg.train import collect

    (tmp_path / "a.txt").write_text("Raid denied\nPolice did not raid the offices of Dalora Mining on Monday. Its "
                                    "chief could face charges. Police arrested two managers on Tuesday.\n",
                                    encoding="utf-8")
    gold = {"article": "a.txt", "published": "2024-05-08", "entities": [],
            "events": [{"type": "arrest", "agent": None, "target": None,
                        "evidence": "Police arrested two managers on Tuesday"}]}
    (tmp_path / "a.json").write_text(json.dumps(gold), encoding="utf-8")
    lemmas = {lemma for ex in collect([tmp_path], Settings())["events"]
              for lemma in ("raid", "charge", "arrest") if ex.features.get(f"lemma={lemma}")}
    assert lemmas == {"arrest"}  # the annotations leave the others out: no label, no example


def test_cross_evaluation_never_judges_an_article_by_a_model_fitted_on_it(tmp_path, monkeypatch):
    import kg.evaluate as evaluate_module
    import kg.train as train_module
    from kg.evaluate import Ratio, Score
    from kg.train import Example, cross_evaluate

    folders = [tmp_path / "one", tmp_path / "two"]
    for n, folder in enumerate(folders):
        folder.mkdir()
        for a in range(4):
            (folder / f"{folder.name}-{a}.json").write_text("{}", encoding="utf-8")
    stems = sorted(p.stem for f in folders for p in f.glob("*.json"))
    monkeypatch.setattr(train_module, "collect", lambda dirs, settings: {
        "events": [Example(stem, {"signal": 1.0}, 1) for stem in stems]})
    fitted_on: dict[Path, set[str]] = {}

    def write_models(examples, out, search=False):
        fitted_on[out] = {ex.article for ex in examples["events"]}
    judged_by: dict[str, Path] = {}

    def build(path, gold, settings):
        judged_by[path.stem] = settings.models_dir
        return None
    monkeypatch.setattr(train_module, "write_models", write_models)
    monkeypatch.setattr(evaluate_module, "load_gold", lambda path: {})
    monkeypatch.setattr(evaluate_module, "build_gold_graph", build)
    monkeypatch.setattr(evaluate_module, "score", lambda gold, graph, name, settings:
                        Score(name, {"event recall": Ratio(hit=1, total=2)}, []))

    report = cross_evaluate(folders)
    assert sorted(judged_by) == stems
    for stem, models in judged_by.items():
        assert stem not in fitted_on[models] and len(fitted_on[models]) >= len(stems) - 2
    assert "== one, cross-fitted (4 articles" in report and "micro: event recall 4/8" in report


def test_a_comparison_of_runs_says_how_far_each_count_moved_and_how_surely():
    from kg.train import compare_counts

    before = {f"a{n}": {"event recall": [2, 4], "event place": [1, 2]} for n in range(40)}
    after = {name: {"event recall": [3, 4], "event place": list(counts["event place"])}
             for name, counts in before.items()}
    after["a0"]["event place"] = [0, 2]
    after["a1"]["event place"] = [2, 2]
    report = compare_counts(before, after)
    assert "event recall         +40  [+40, +40]" in report  # every article gained one: sure
    place = next(line for line in report.splitlines() if "event place" in line)
    low, high = (int(x) for x in place.split("[")[1].rstrip("]").split(", "))
    assert "  +0  " in place and low < 0 < high  # one up, one down: no evidence either way
    assert compare_counts(before, {"other": after["a0"]}) == "compare: no article in common"


def test_cross_evaluation_can_judge_with_the_fold_models_of_a_run_before(tmp_path, monkeypatch):
    import kg.evaluate as evaluate_module
    import kg.train as train_module
    from kg.evaluate import Ratio, Score
    from kg.train import cross_evaluate

    folder = tmp_path / "gold"
    folder.mkdir()
    for a in range(5):
        (folder / f"article-{a}.json").write_text("{}", encoding="utf-8")

    def refuse(*args, **kwargs):
        raise AssertionError("nothing is fitted when kept models are given")
    judged_by = {}
    monkeypatch.setattr(train_module, "collect", refuse)
    monkeypatch.setattr(train_module, "write_models", refuse)
    monkeypatch.setattr(evaluate_module, "load_gold", lambda path: {})
    monkeypatch.setattr(evaluate_module, "build_gold_graph",
                        lambda path, gold, settings: judged_by.setdefault(path.stem, settings.models_dir))
    monkeypatch.setattr(evaluate_module, "score", lambda gold, graph, name, settings:
                        Score(name, {"event recall": Ratio(hit=1, total=1)}, []))
    with pytest.raises(SystemExit):  # no kept models there: refused, not judged by the rules
        cross_evaluate([folder], with_models=tmp_path / "kept")
    for n in range(5):
        (tmp_path / "kept" / f"fold-{n}").mkdir(parents=True)
        for name in ("events", "places", "dates", "roles", "statements", "speech_acts"):
            (tmp_path / "kept" / f"fold-{n}" / f"{name}.json").write_text("{}", encoding="utf-8")
    cross_evaluate([folder], with_models=tmp_path / "kept")
    assert sorted(judged_by.values()) == [tmp_path / "kept" / f"fold-{n}" for n in range(5)]
