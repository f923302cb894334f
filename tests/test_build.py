"""`kg build` end to end on the sample: the files, the contract's invariants, determinism."""
import json
import subprocess
import sys

import pytest
import rdflib
from rdflib.namespace import RDF, RDFS

from kg.rdf.namespaces import NIF, NKG
from tests.conftest import ROOT, SAMPLE, needs

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def graph(sample_build):
    return rdflib.Graph().parse(sample_build / "graph.ttl")


def test_files_written(sample_build):
    for name in ("graph.ttl", "graph.jsonld", "graph.html"):
        assert (sample_build / name).stat().st_size > 0


@needs("rapper")
def test_turtle_parses_with_rapper(sample_build):
    result = subprocess.run(["rapper", "-i", "turtle", "-c", str(sample_build / "graph.ttl")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Parsing returned" in result.stderr


def test_jsonld_holds_the_same_triples(sample_build, graph):
    from rdflib.compare import isomorphic

    data = json.loads((sample_build / "graph.jsonld").read_text(encoding="utf-8"))
    assert "@context" in data and not any(isinstance(v, str) and v.startswith("http") and v.endswith(".jsonld")
                                          for v in [data["@context"]])
    jsonld = rdflib.Graph().parse(sample_build / "graph.jsonld", format="json-ld")
    assert isomorphic(graph, jsonld)


def test_one_label_per_actor_and_place(graph):
    for cls in (NKG.Actor, NKG.Place):
        for node in graph.subjects(RDF.type, cls):
            assert len(list(graph.objects(node, RDFS.label))) == 1, node


def test_provenance_on_every_node(graph):
    for cls in (NKG.Actor, NKG.Place, NKG.Event, NKG.Statement):
        nodes = list(graph.subjects(RDF.type, cls))
        assert nodes, cls
        for node in nodes:
            assert graph.value(node, NKG.mentionedIn) is not None, node
            assert graph.value(node, NKG.evidence) is not None, node


def test_mentions_slice_the_article_text(graph):
    texts = {a: str(graph.value(a, NIF.isString)) for a in graph.subjects(RDF.type, NKG.Article)}
    mentions = list(graph.subjects(RDF.type, NKG.Mention))
    assert mentions
    for m in mentions:
        text = texts[graph.value(m, NIF.referenceContext)]
        begin, end = int(graph.value(m, NIF.beginIndex)), int(graph.value(m, NIF.endIndex))
        assert text[begin:end] == str(graph.value(m, NIF.anchorOf))


def test_dates_are_typed(graph):
    allowed = {rdflib.XSD.date, rdflib.XSD.gYearMonth, rdflib.XSD.gYear}
    dates = list(graph.objects(None, NKG.date))
    assert dates and all(d.datatype in allowed for d in dates)


def test_iris_come_from_content(graph):
    labels = {str(graph.value(n, RDFS.label)): str(n) for n in graph.subjects(RDF.type, NKG.Place)}
    assert labels["Mandalay"] == "https://w3id.org/newskg/id/place/mandalay"


def test_same_input_same_bytes(sample_build, tmp_path, settings):
    from kg.pipeline import build

    build([SAMPLE], out_dir=tmp_path, progress=False, settings=settings)
    for name in ("graph.ttl", "graph.jsonld", "graph.html"):
        assert (tmp_path / name).read_bytes() == (sample_build / name).read_bytes(), name


def test_cli_bad_input_is_one_line_and_status_2(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("previous", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(empty), "-o", str(out)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "empty article" in result.stderr
    assert "Traceback" not in result.stderr
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "previous"
