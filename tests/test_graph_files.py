"""Every command that reads a graph reads every format `kg build` writes, datasets included, or
refuses the file with one line and exit status 2; a command that read no triple reports nothing."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, SKOS

from kg.cli import main
from kg.export import load_graphs
from kg.rdf.namespaces import NIF, NKG
from tests.test_validate import ID, ID_EVENT, ID_POLICE, good_graph

ARTICLE_A, ARTICLE_B = URIRef(ID + "article/a"), URIRef(ID + "article/b")
TEXT_B = "The Police said nothing."


def dataset(broken: bool = False) -> tuple[list[ox.Quad], rdflib.Graph]:
    """Two articles' named graphs, as `kg build` writes them (each labels the police its own way),
    and the merged graph `graph.ttl` would hold. ``broken``: the event has no actor, place or date."""
    graph_a = good_graph()
    if broken:
        for prop in (NKG.agent, NKG.place, NKG.date):
            graph_a.remove((ID_EVENT, prop, None))
    graph_b = rdflib.Graph()
    mention = URIRef(ID + "mention/b/4-10")
    graph_b += [(ARTICLE_B, RDF.type, NKG.Article), (ARTICLE_B, NIF.isString, Literal(TEXT_B)),
                (ID_POLICE, RDF.type, NKG.ArmedGroup), (ID_POLICE, RDF.type, NKG.Organization),
                (ID_POLICE, RDF.type, NKG.Actor), (ID_POLICE, RDFS.label, Literal("Police")),
                (ID_POLICE, SKOS.altLabel, Literal("police")),
                (ID_POLICE, NKG.evidence, mention), (ID_POLICE, NKG.mentionedIn, ARTICLE_B),
                (mention, RDF.type, NKG.Mention), (mention, NIF.referenceContext, ARTICLE_B),
                (mention, NIF.beginIndex, Literal(4, datatype=rdflib.XSD.nonNegativeInteger)),
                (mention, NIF.endIndex, Literal(10, datatype=rdflib.XSD.nonNegativeInteger)),
                (mention, NIF.anchorOf, Literal("Police"))]
    quads = [ox.Quad(*(_ox(term) for term in triple), ox.NamedNode(str(name)))
             for name, graph in ((ARTICLE_A, graph_a), (ARTICLE_B, graph_b)) for triple in graph]
    merged = rdflib.Graph()
    merged += graph_a
    merged += [t for t in graph_b if t[1] not in (RDFS.label, SKOS.altLabel)]
    merged.add((ID_POLICE, SKOS.altLabel, Literal("Police")))
    return quads, merged


def _ox(term):
    from kg.export import OxConverter

    return OxConverter()(term)


def write(folder: Path, broken: bool = False) -> dict[str, Path]:
    quads, merged = dataset(broken)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {suffix: folder / f"graph{suffix}" for suffix in (".trig", ".nq", ".ttl", ".jsonld")}
    paths[".trig"].write_bytes(ox.serialize(quads, format=ox.RdfFormat.TRIG))
    paths[".nq"].write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    merged.serialize(paths[".ttl"], format="turtle")
    merged.serialize(paths[".jsonld"], format="json-ld")
    return paths


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("suffix", [".trig", ".nq", ".jsonld"])
def test_a_dataset_reads_as_the_merged_graph_with_one_label_per_node(tmp_path, suffix):
    paths = write(tmp_path)
    graph = load_graphs([paths[suffix]])
    assert isomorphic(graph, load_graphs([paths[".ttl"]]))
    assert list(graph.objects(ID_POLICE, RDFS.label)) == [Literal("police")]


@pytest.mark.parametrize("suffix", [".trig", ".nq"])
def test_validate_sees_a_violation_in_a_dataset(capsys, tmp_path, suffix):
    code, out, _ = run(capsys, "validate", write(tmp_path / "broken", broken=True)[suffix])
    assert code == 3 and "Conforms: False" in out and "agent, target" in out
    code, out, _ = run(capsys, "validate", write(tmp_path / "good")[suffix])
    assert code == 0 and "Conforms: True" in out


@pytest.mark.parametrize("suffix", [".trig", ".nq"])
def test_stats_and_view_read_a_dataset(capsys, tmp_path, suffix):
    paths = write(tmp_path)
    code, from_dataset, _ = run(capsys, "stats", paths[suffix])
    assert code == 0 and "2 article(s) · 4 nodes" in from_dataset
    assert from_dataset == run(capsys, "stats", paths[".ttl"])[1]
    page = tmp_path / "view.html"
    code, _, _ = run(capsys, "view", paths[suffix], "-o", page)
    assert code == 0 and "arrest: police" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("suffix", [".trig", ".nq"])
def test_query_reads_a_dataset_with_one_label_per_node(capsys, tmp_path, suffix):
    code, out, _ = run(capsys, "query", "--graph", write(tmp_path)[suffix], "--format", "csv",
                       f"SELECT ?label WHERE {{ <{ID_POLICE}> <{RDFS.label}> ?label }}")
    assert code == 0 and out.splitlines() == ["label", "police"]


@pytest.mark.parametrize("command", [["validate"], ["stats"], ["view", "-o", "VIEW"], ["query", "ASK {}", "--graph"],
                                     ["evaluate", "GOLD"]])
@pytest.mark.parametrize("name, content, says", [
    ("empty.ttl", "", "no triples"),
    ("prefixes-only.ttl", "@prefix nkg: <https://w3id.org/newskg/ontology#> .\n", "no triples"),
    ("empty.trig", "", "no triples"),
    ("graph.html", "<!doctype html><html></html>", "viewer"),
    ("notes.docx", "PK", "reads no graph from .docx"),
])
def test_every_reader_refuses_what_it_cannot_read_with_one_line(capsys, tmp_path, command, name, content, says):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    gold = tmp_path / "gold.json"
    gold.write_text('{"article": "a.txt", "entities": []}', encoding="utf-8")
    args = [{"VIEW": tmp_path / "v.html", "GOLD": gold}.get(a, a) for a in command]
    code, out, err = run(capsys, *args, path)
    assert code == 2 and len(err.strip().splitlines()) == 1 and says in err, err
    assert "onforms" not in out + err and not (tmp_path / "v.html").exists()


def test_validate_never_says_an_empty_graph_conforms():
    from kg.errors import InputError
    from kg.validate import validate

    with pytest.raises(InputError, match="no triples"):
        validate(rdflib.Graph())
