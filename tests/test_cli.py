"""The command line itself: options, help, version, standard input (issue 13, item 9)."""
from __future__ import annotations

import io
import json
import re
import sys

import pytest
import rdflib

from kg.cli import main, parser
from tests.conftest import ROOT

NKG = rdflib.Namespace("https://w3id.org/newskg/ontology#")
SCHEMA = rdflib.Namespace("https://schema.org/")
TEXT = ("Rebels attack town\nRebels attacked the town of Kouki on Monday, killing five soldiers. "
        "The army said it would respond to the attack on the town.\n")


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_version_is_the_package_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    version = re.search(r'^version = "(.+)"$', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M).group(1)
    assert capsys.readouterr().out.strip() == f"kg {version}"


def test_every_argument_of_every_command_says_what_it_is():
    commands = next(a for a in parser()._actions if a.dest == "command").choices
    for name, command in commands.items():
        for action in command._actions:
            if action.dest != "help":
                assert action.help, f"kg {name} {action.option_strings or action.metavar or action.dest} has no help"


def test_hops_without_focus_is_an_error(capsys, tmp_path):
    page = tmp_path / "view.html"
    code, _, err = run(capsys, "view", ROOT / "tests" / "fixtures" / "viz_sample.ttl", "--hops", "2", "-o", page)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "--hops 2 needs --focus" in err
    assert not page.exists()


@pytest.mark.parametrize("value", ["22/06/2021", "2021-02-30", "yesterday", "2021-6-2"])
def test_a_bad_published_date_is_refused_before_anything_is_read(capsys, tmp_path, value):
    code, _, err = run(capsys, "build", tmp_path / "missing.txt", "--published", value, "-o", tmp_path / "out")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "expected a date as YYYY-MM-DD" in err


def _article(out) -> tuple[rdflib.Graph, rdflib.URIRef]:
    graph = rdflib.Graph().parse(out / "graph.ttl")
    (article,) = graph.subjects(rdflib.RDF.type, NKG.Article)
    return graph, article


@pytest.mark.model
def test_published_dates_a_txt_article_and_its_events(capsys, tmp_path):
    path = tmp_path / "kouki.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert run(capsys, "build", path, "--published", "2021-06-23", "-o", tmp_path / "out", "--no-html")[0] == 0
    graph, article = _article(tmp_path / "out")
    assert str(graph.value(article, SCHEMA.datePublished)) == "2021-06-23"
    assert graph.value(article, NKG.dateInferred) is None
    dates = {str(d) for d in graph.objects(None, NKG.date)}
    assert "2021-06-21" in dates  # "on Monday", counted back from the date the user gave


@pytest.mark.model
def test_published_leaves_a_date_the_input_gives(capsys, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "k", "title": "Rebels attack town", "published": "2019-03-05",
                                "text": TEXT.split("\n", 1)[1]}) + "\n", encoding="utf-8")
    assert run(capsys, "build", feed, "--published", "2021-06-23", "-o", tmp_path / "out", "--no-html")[0] == 0
    graph, article = _article(tmp_path / "out")
    assert str(graph.value(article, SCHEMA.datePublished)) == "2019-03-05"


@pytest.mark.model
@pytest.mark.parametrize("kind", ["text", "jsonl"])
def test_dash_reads_standard_input(capsys, tmp_path, monkeypatch, kind):
    data = TEXT if kind == "text" else json.dumps({"id": "from-a-pipe", "title": "Rebels attack town",
                                                    "text": TEXT.split("\n", 1)[1]}) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode("utf-8")), encoding="utf-8"))
    code, _, err = run(capsys, "build", "-", "-o", tmp_path / "out", "--no-html")
    assert code == 0, err
    graph, article = _article(tmp_path / "out")
    assert str(graph.value(article, NKG.sourceFile)).startswith("<stdin>")
    assert str(graph.value(article, SCHEMA.headline)) == "Rebels attack town"
    assert "Rebels attacked the town of Kouki" in str(graph.value(article, rdflib.URIRef(
        "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString")))
    assert list(graph.subjects(rdflib.RDF.type, NKG.Event))
    if kind == "jsonl":
        assert str(article).endswith("/article/from-a-pipe")


def test_empty_standard_input_is_one_line(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8"))
    code, _, err = run(capsys, "build", "-", "-o", tmp_path / "out")
    assert code == 2 and err.strip() == "kg build: error: <stdin>: empty article (no text)"


@pytest.mark.model
def test_min_confidence_is_the_operating_point_of_the_trained_models(capsys, tmp_path):
    """A higher --min-confidence asserts fewer facts; every one left scored at least that much."""
    import rdflib

    article = tmp_path / "a.txt"
    article.write_text("Talks collapse\nRebels attacked an army post near Kivu on Monday, killing three soldiers. "
                       "The government said on Tuesday it would send troops. Police arrested two men in Goma.\n")
    confidences = {}
    for point in ("0.0", "0.9"):
        out = tmp_path / point
        assert main(["build", str(article), "-o", str(out), "--published", "2024-03-06", "-q", "--no-html",
                     "--min-confidence", point]) == 0
        graph = rdflib.Graph().parse(out / "graph.ttl")
        events = set(graph.subjects(rdflib.RDF.type, rdflib.URIRef("https://w3id.org/newskg/ontology#Event")))
        confidences[point] = [float(graph.value(e, rdflib.URIRef("https://w3id.org/newskg/ontology#confidence")))
                              for e in events]
    assert len(confidences["0.9"]) < len(confidences["0.0"])
    assert all(c >= 0.9 for c in confidences["0.9"])
    assert main(["build", str(article), "-o", str(tmp_path / "bad"), "--min-confidence", "1.5"]) == 2
    assert "--min-confidence 1.5" in capsys.readouterr().err


@pytest.mark.model
def test_min_confidence_can_set_one_models_operating_point(capsys, tmp_path):
    """--min-confidence places=1.0 leaves every event unplaced and the events as they were."""
    import rdflib

    nkg = rdflib.Namespace("https://w3id.org/newskg/ontology#")
    article = tmp_path / "a.txt"
    article.write_text("Attack\nRebels attacked an army post near Goma on Monday, killing three soldiers.\n")
    graphs = {}
    for name, extra in (("default", []), ("unplaced", ["--min-confidence", "places=1.0"])):
        assert main(["build", str(article), "-o", str(tmp_path / name), "--published", "2024-03-06", "-q",
                     "--no-html", *extra]) == 0
        graphs[name] = rdflib.Graph().parse(tmp_path / name / "graph.ttl")
    events = {n: set(g.subjects(rdflib.RDF.type, nkg.Event)) for n, g in graphs.items()}
    assert len(events["default"]) == len(events["unplaced"])  # (an event's IRI names its place)
    assert any(graphs["default"].value(e, nkg.place) for e in events["default"])
    assert not any(graphs["unplaced"].value(e, nkg.place) for e in events["unplaced"])
    capsys.readouterr()
    assert main(["build", str(article), "-o", str(tmp_path / "bad"), "--min-confidence", "roles=0.5"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no model 'roles' decides by a threshold" in err[0]
