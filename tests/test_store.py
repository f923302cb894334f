"""Oxigraph stores: graph files of every syntax in memory, and the on-disk store of `kg build --store`."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import query, store
from kg.errors import InputError, OutputError

FIXTURE = Path(__file__).parent / "fixtures" / "query_sample.ttl"
COUNT_EVENTS = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a <https://w3id.org/newskg/ontology#Event> }"


def fixture_triples() -> set[ox.Triple]:
    """The fixture's triples as an Oxigraph store holds them (it stores xsd:nonNegativeInteger
    values as xsd:integer, so the parsed file itself would not compare equal)."""
    reference = ox.Store()
    reference.load(path=str(FIXTURE), format=ox.RdfFormat.TURTLE)
    return stored(reference)


def stored(oxstore: ox.Store) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in oxstore}


@pytest.mark.parametrize("suffix,fmt", [(".nt", ox.RdfFormat.N_TRIPLES), (".jsonld", ox.RdfFormat.JSON_LD),
                                        (".rdf", ox.RdfFormat.RDF_XML), (".ttl", ox.RdfFormat.TURTLE)])
def test_every_graph_syntax_loads_to_the_same_triples(tmp_path, suffix, fmt):
    path = tmp_path / f"graph{suffix}"
    ox.serialize(fixture_triples(), str(path), format=fmt)
    assert stored(store.load_files([path])) == fixture_triples()


def test_named_graphs_of_quad_files_are_merged_into_the_default_graph(tmp_path):
    quads = [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(f"urn:graph:{i % 3}"))
             for i, t in enumerate(sorted(fixture_triples(), key=str))]
    path = tmp_path / "graph.nq"
    ox.serialize(quads, str(path), format=ox.RdfFormat.N_QUADS)
    loaded = store.load_files([path])
    assert all(q.graph_name == ox.DefaultGraph() for q in loaded)
    assert query.execute(loaded, COUNT_EVENTS).rows[0][0].value == "6"


def test_kg_export_jsonld_loads(tmp_path):
    from kg.export import load_graphs, to_jsonld

    path = tmp_path / "graph.jsonld"
    path.write_bytes(to_jsonld(load_graphs([FIXTURE])))
    assert stored(store.load_files([path])) == fixture_triples()


def test_bad_or_missing_files_are_input_errors_naming_the_file(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n")
    with pytest.raises(InputError, match=r"bad\.ttl: not a readable Turtle graph"):
        store.load_files([bad])
    with pytest.raises(InputError, match="no such graph file"):
        store.load_files([tmp_path / "missing.ttl"])
    with pytest.raises(InputError, match="--graph"):
        store.load_files([])


def test_save_and_query_an_on_disk_store(tmp_path):
    from kg.export import load_graphs

    folder = tmp_path / "store"
    assert store.save(load_graphs([FIXTURE]), folder) == len(fixture_triples())
    opened = store.open_store(folder)
    assert stored(opened) == fixture_triples()
    # the same bytes from memory and from disk, for every bundled query; and two readers at once
    params = {"events_in_place": {"place": "Łódź"}, "actor_profile": {"actor": "Northern Guard"},
              "evidence": {"node": "Northern Guard"}, "actor_timeline": {"actor": "Northern Guard"}}
    for name, _ in query.bundled():
        in_memory = query.run(name, graphs=[FIXTURE], params=params.get(name))
        on_disk = query.run(name, store=folder, params=params.get(name))
        assert query.render(on_disk, "json") == query.render(in_memory, "json"), name
    del opened


def test_save_replaces_the_store_only_when_the_new_one_is_complete(tmp_path):
    folder = tmp_path / "store"
    store.save(FIXTURE, folder)
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle")
    with pytest.raises(InputError):
        store.save(bad, folder)
    assert query.run(COUNT_EVENTS, store=folder).rows[0][0].value == "6"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.ttl", "store"]  # no leftovers
    small = tmp_path / "small.nt"
    small.write_text("<urn:x:a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                     "<https://w3id.org/newskg/ontology#Event> .\n")
    assert store.save(small, folder) == 1
    assert query.run(COUNT_EVENTS, store=folder).rows[0][0].value == "1"


def test_load_into_store_can_add_to_an_existing_store(tmp_path):
    folder = tmp_path / "store"
    extra = tmp_path / "extra.nt"
    extra.write_text("<urn:x:a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                     "<https://w3id.org/newskg/ontology#Event> .\n")
    store.load_into_store(folder, [FIXTURE])
    assert store.load_into_store(folder, [extra], replace=False) == len(fixture_triples()) + 1
    assert query.run(COUNT_EVENTS, store=folder).rows[0][0].value == "7"


def test_a_folder_that_is_not_a_store_is_neither_opened_nor_replaced(tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")
    with pytest.raises(InputError, match="not a kg store"):
        store.open_store(folder)
    with pytest.raises(OutputError, match="not a kg store"):
        store.save(FIXTURE, folder)
    assert (folder / "notes.txt").read_text() == "keep me"
    with pytest.raises(InputError, match="kg build --store"):
        query.run("timeline", store=tmp_path / "nowhere")


def test_cli_query_on_a_store(tmp_path, capsys):
    from kg.cli import main

    store.save(FIXTURE, tmp_path / "store")
    assert main(["query", "graph_stats", "--store", str(tmp_path / "store"), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("class,label,count\r\n") and "Mention,mention,27" in out
