"""Corpus scale: shards and their manifest, a real 2-worker Dask cluster writing the same bytes as
one process, memory that does not grow with the corpus, and the store and push reading shards."""
from __future__ import annotations

import hashlib
import json
import shutil
import tracemalloc
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.pipeline import build
from tests.conftest import ROOT

pytestmark = pytest.mark.model

SAME_STORY = ROOT / "tests" / "fixtures" / "wikinews-same-story.jsonl"  # 5 articles telling one story


def files_of(folder: Path) -> dict[str, bytes]:
    """Every output file under ``folder`` (shards through their link), by relative name."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not any(p.startswith(".") for p in path.relative_to(folder).parts):
            out[str(path.relative_to(folder))] = path.read_bytes()
    for path in sorted((folder / "shards").glob("*")) if (folder / "shards").exists() else []:
        out[f"shards/{path.name}"] = path.read_bytes()
    return out


def triples_of(paths) -> set[str]:
    from kg.store import graph_files, rdf_format

    found = set()
    for path in graph_files(paths):
        for quad in ox.parse(path=str(path), format=rdf_format(path)):
            found.add(str(ox.Triple(quad.subject, quad.predicate, quad.object)))
    return found


@pytest.fixture(scope="module")
def single(tmp_path_factory, settings):
    out = tmp_path_factory.mktemp("single")
    build([SAME_STORY], out_dir=out, progress=False, settings=settings)
    return out


@pytest.fixture(scope="module")
def sharded(tmp_path_factory, settings):
    out = tmp_path_factory.mktemp("sharded")
    build([SAME_STORY], out_dir=out, progress=False, settings=settings, shard_size=2)
    return out


def test_a_large_corpus_is_shards_whose_union_is_the_merged_graph(single, sharded):
    manifest = json.loads((sharded / "shards" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["articles"] == 5 and [p["articles"] for p in manifest["shards"]] == [2, 2, 1]
    for part in manifest["shards"]:
        data = (sharded / "shards" / part["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == part["sha256"]
        assert len(list(ox.parse(data, format=ox.RdfFormat.N_QUADS))) == part["quads"]
    assert not (sharded / "graph.ttl").exists() and (sharded / "graph.html").is_file()
    assert triples_of([sharded / "shards"]) == triples_of([single / "graph.ttl"])
    # the shards hold the very named graphs of the single-file build, cut in pieces
    assert b"".join((sharded / "shards" / p["file"]).read_bytes() for p in manifest["shards"]) \
        == (single / "graph.nq").read_bytes()


def test_each_named_graph_is_a_self_contained_slice_with_one_label_per_node(single):
    from rdflib import Dataset
    from rdflib.namespace import RDFS

    dataset = Dataset()
    dataset.parse(single / "graph.trig", format="trig")
    graphs = [g for g in dataset.graphs() if len(g)]
    assert len(graphs) == 5
    for graph in graphs:
        labelled = list(graph.subject_objects(RDFS.label))
        nodes = [s for s, _ in labelled]
        assert len(nodes) == len(set(nodes)), f"{graph.identifier}: a node with two rdfs:labels"


def test_two_worker_local_cluster_writes_the_same_bytes_as_one_process(tmp_path, sharded, settings):
    from kg.cli import main

    out = tmp_path / "cluster"
    code = main(["build", str(SAME_STORY), "-o", str(out), "--cluster", "local:2", "--shard-size", "2", "-q",
                 "--cache", str(tmp_path / "cache")])
    assert code == 0
    assert files_of(out) == files_of(sharded)


def test_memory_does_not_grow_with_repeated_articles(tmp_path, settings, monkeypatch):
    """The same article N times (distinct ids, so nothing is cached or merged away): what the
    peak of Python allocations gains from 180 more articles is well under what holding their
    extractions would add (the skeletons, the labels and the writing order are spilled to disk;
    the old in-memory reduce gained 0.7 of it, this one under 0.5)."""
    import kg.pipeline
    from kg.cache import from_dict

    monkeypatch.setattr(kg.pipeline, "SAMPLE_ARTICLES", 10)  # the kept sample is the same for both
    text = ("Rebels attack town\nRebels attacked the town of Goma on Monday, the army said. "
            "Residents fled to Rwanda, officials said.")

    def corpus(n: int) -> Path:
        path = tmp_path / f"feed-{n}.jsonl"
        path.write_text("".join(json.dumps({"id": f"a{i}", "title": "Rebels attack town", "published": "2021-06-21",
                                            "text": text}) + "\n" for i in range(n)), encoding="utf-8")
        return path

    def peak(n: int) -> int:
        out = tmp_path / f"out-{n}"
        shutil.rmtree(out, ignore_errors=True)
        tracemalloc.start()
        try:
            build([corpus(n)], out_dir=out, progress=False, settings=settings, shard_size=20, html=False,
                  validate=False)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    peak(40)  # warm up: lazy tables (the gazetteer) load once per process
    small, large = peak(60), peak(240)
    entries = [path.read_text(encoding="utf-8") for path in sorted((tmp_path / "out-240" / ".cache").glob("*.json"))]
    tracemalloc.start()
    held = [from_dict(json.loads(entry)) for entry in entries[:180]]
    holding = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert len(held) == 180
    assert large - small < 0.6 * holding, (small, large, holding)


def test_a_failed_sharded_build_keeps_the_previous_shards(tmp_path, sharded, settings, monkeypatch):
    from kg import export

    out = tmp_path / "out"
    shutil.copytree(sharded, out, symlinks=True)
    before = files_of(out)
    calls = []

    def failing(self, name, triples):
        calls.append(name)
        if len(calls) == 3:
            raise OSError("disk full")
        return real(self, name, triples)

    real = export.Shards.add
    monkeypatch.setattr(export.Shards, "add", failing)
    with pytest.raises(OSError):
        build([SAME_STORY], out_dir=out, progress=False, settings=settings, shard_size=2)
    assert files_of(out) == before
    assert not list(out.glob(".kg-build-*")), "the staging folder is removed"


def test_a_corpus_that_shrinks_back_gets_single_files_and_no_stale_shards(tmp_path, sharded, single, settings):
    out = tmp_path / "out"
    shutil.copytree(sharded, out, symlinks=True)
    build([SAME_STORY], out_dir=out, progress=False, settings=settings)
    assert not (out / "shards").exists() and not list(out.glob(".shards-*"))
    assert (out / "graph.ttl").read_bytes() == (single / "graph.ttl").read_bytes()


def test_store_bulk_loads_the_shards(tmp_path, sharded, single):
    from kg import query, store

    count = store.load_into_store(tmp_path / "store", [sharded / "shards"])
    assert count == len(triples_of([single / "graph.ttl"]))
    a = query.run("graph_stats", store=tmp_path / "store")
    b = query.run("graph_stats", graphs=[single / "graph.ttl"])
    assert sorted(map(str, a.rows)) == sorted(map(str, b.rows))


@pytest.mark.parametrize("address", ["local:0", "local:two", "http://host:8786", "host:8786"])
def test_a_bad_cluster_address_is_one_line_and_status_2(tmp_path, capsys, address):
    from kg.cli import main

    assert main(["build", str(SAME_STORY), "-o", str(tmp_path / "out"), "--cluster", address, "-q"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--cluster" in err and "Traceback" not in err


def test_validate_and_view_read_a_shard_or_the_folder(sharded, single, capsys):
    from kg.cli import main
    from kg.export import load_graphs

    assert len(load_graphs([sharded / "shards"])) == len(triples_of([single / "graph.ttl"]))
    part = sharded / "shards" / "part-00000.nq"
    assert len(load_graphs([part])) > 100, "a shard is read as its triples, not as an empty graph"
    assert main(["validate", str(part)]) == 0
    assert "Conforms: True" in capsys.readouterr().out


def test_a_build_reads_its_input_a_batch_at_a_time_as_it_extracts(tmp_path, settings, monkeypatch):
    """Articles flow read -> extract -> cache: when the first article is extracted, no more than a
    batch of the feed has been read, and the rest is read as the build goes on."""
    import kg.extract
    import kg.pipeline
    from kg import ingest

    monkeypatch.setattr(kg.pipeline, "BATCH_ARTICLES", 3)
    read, read_when_extracted = [], []
    real_read, real_extract = ingest.read_articles, kg.extract.extract
    monkeypatch.setattr(ingest, "read_articles",
                        lambda *a, **k: (read.append(x.key) or x for x in real_read(*a, **k)))
    monkeypatch.setattr(kg.extract, "extract",
                        lambda *a, **k: read_when_extracted.append(len(read)) or real_extract(*a, **k))
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": f"a{i}", "published": "2021-06-21",
                                        "text": f"Police arrested {i + 2} protesters in Lyon on Monday."}) + "\n"
                            for i in range(8)), encoding="utf-8")
    summary = build([feed], out_dir=tmp_path / "out", progress=False, settings=settings, html=False, validate=False)
    assert summary.articles == 8 and len(read) == 8
    assert read_when_extracted[0] <= 3 and read_when_extracted[-1] == 8
