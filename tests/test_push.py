"""`kg push`: per-article named graphs, the HTTP exchange, and a round trip through a real Virtuoso.

The Virtuoso tests start virtuoso-t from the Debian package on loopback (tests/fixtures/virtuoso.py),
push the fixture graph with digest auth, then run every bundled query on Virtuoso's /sparql and
compare with the embedded Oxigraph answers.
"""
from __future__ import annotations

import base64
import importlib.util
import sys
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from kg import push, query
from kg.errors import KgError
from tests.conftest import run_until_stopped

FIXTURE = Path(__file__).parent / "fixtures" / "query_sample.ttl"
ID = "https://w3id.org/newskg/id/"
A1, A2 = ID + "article/a1", ID + "article/a2"
PARAMS = {"events_in_place": {"place": "Łódź"}, "actor_profile": {"actor": "the guard"},
          "evidence": {"node": 'Ministry of "Truth" } ; DROP GRAPH <urn:x> ; {'},
          "actor_timeline": {"actor": "RVDF"}}


def _load_virtuoso_helper():
    spec = importlib.util.spec_from_file_location("kg_test_virtuoso", Path(__file__).parent / "fixtures" / "virtuoso.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


virtuoso = _load_virtuoso_helper()
needs_virtuoso = [pytest.mark.virtuoso, pytest.mark.skipif(
    virtuoso.binary() is None, reason="virtuoso-t is not installed (apt-get install virtuoso-opensource)")]


def triples() -> list[ox.Triple]:
    return push.read_triples(FIXTURE)


# ---------------------------------------------------------------------------- one graph per article

def test_each_article_gets_a_self_contained_graph():
    graphs = push.split_by_article(triples())
    assert sorted(graphs) == [A1, A2]
    subjects = {name: {t.subject.value for t in part} for name, part in graphs.items()}
    guard = ID + "armedgroup/northern-guard"
    assert guard in subjects[A1] and guard in subjects[A2]  # mentioned by both: described in both
    assert ID + "group/residents-farmers-traders" not in subjects[A1]
    assert ID + "event/raid-1" in subjects[A1] and ID + "event/raid-1" not in subjects[A2]
    assert all(s.startswith((ID + "mention/a1/", ID + "armedgroup", ID + "person", ID + "governmentbody",
                             ID + "place", ID + "event", ID + "statement", A1, "https://w3id.org/newskg/ontology#"))
               for s in subjects[A1])
    # each article's evidence stays with its article
    for name, part in graphs.items():
        for t in part:
            if t.predicate.value.endswith("#evidence"):
                assert t.object.value.startswith(ID + f"mention/{name.rsplit('/', 1)[-1]}/")
            if t.predicate.value.endswith("#mentionedIn"):
                assert t.object.value == name
    # class labels go to every graph, and together the graphs hold the whole graph
    label = ox.Triple(ox.NamedNode("https://w3id.org/newskg/ontology#Raid"),
                      ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal("raid", language="en"))
    assert label in graphs[A1] and label in graphs[A2]
    assert set(graphs[A1]) | set(graphs[A2]) == set(triples())


def test_a_graph_without_articles_needs_a_graph_iri(tmp_path):
    path = tmp_path / "plain.nt"
    path.write_text("<urn:x:a> <urn:x:b> <urn:x:c> .\n")
    with pytest.raises(KgError, match="--graph-iri"):
        push.push(path, "http://127.0.0.1:9/store")


# ---------------------------------------------------------------------------- the HTTP exchange

class StubStore:
    """A tiny Graph Store Protocol server that records what it receives."""

    def __init__(self, status=201, user="kg", password="secret", busy=0):
        import waitress
        from flask import Flask, request

        self.received: list[tuple[str, str, str, bytes]] = []
        self.busy = busy  # answer this many first requests 503 (a store that is busy for a moment)
        app = Flask("stub")

        @app.route("/store", methods=["PUT", "POST"])
        @app.route("/update", methods=["POST"])
        def store():
            if self.busy:
                self.busy -= 1
                return "busy", 503
            expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
            if request.headers.get("Authorization") != expected:
                return "who are you", 401, {"WWW-Authenticate": 'Basic realm="stub"'}
            self.received.append((request.method, request.args.get("graph", ""),
                                  request.headers.get("Content-Type", ""), request.get_data()))
            return ("<html><body><h1>Internal trouble</h1></body></html>", status) if status >= 400 else ("", status)

        self.server = waitress.create_server(app, host="127.0.0.1", port=0, threads=2)
        self.url = f"http://127.0.0.1:{self.server.effective_port}"
        self.stop = threading.Event()
        self.thread = threading.Thread(target=run_until_stopped, args=(self.server, self.stop), daemon=True)
        self.thread.start()

    def close(self):
        self.stop.set()
        self.thread.join(timeout=5)


@pytest.fixture
def stub():
    running = StubStore()
    yield running
    running.close()


def test_graph_store_put_of_n_triples_per_article_with_basic_auth(stub):
    message = push.push(FIXTURE, stub.url + "/store", user="kg", password="secret", auth="basic")
    assert "2 named graphs" in message and "Graph Store PUT" in message
    assert [(m, g) for m, g, _, _ in stub.received] == [("PUT", A1), ("PUT", A2)]
    for _, graph, content_type, body in stub.received:
        assert content_type.startswith("application/n-triples")
        sent = {ox.Triple(q.subject, q.predicate, q.object)
                for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)}
        assert sent == set(push.split_by_article(triples())[graph])


def test_sparql_update_endpoint_and_single_graph_iri(stub):
    push.push(FIXTURE, stub.url + "/update", graph_iri="https://example.org/graph/news", user="kg",
              password="secret", auth="basic")
    [(method, _, content_type, body)] = stub.received
    assert method == "POST" and content_type.startswith("application/sparql-update")
    text = body.decode("utf-8")
    assert text.startswith("DROP SILENT GRAPH <https://example.org/graph/news> ;")
    assert "INSERT DATA { GRAPH <https://example.org/graph/news> {" in text
    assert '"Ministry of \\"Truth\\" } ; DROP GRAPH <urn:x> ; {"' in text  # escaped, inside a literal


def test_clear_errors(stub, monkeypatch):
    with pytest.raises(KgError, match="refused the credentials.*--auth"):
        push.push(FIXTURE, stub.url + "/store", user="kg", password="wrong", auth="basic")
    with pytest.raises(KgError, match="connection refused"):
        push.push(FIXTURE, "http://127.0.0.1:9/store")
    with pytest.raises(KgError, match="http"):
        push.push(FIXTURE, "ftp://example.org/store")
    with pytest.raises(KgError, match="not a valid IRI|absolute IRI"):
        push.push(FIXTURE, stub.url + "/store", graph_iri="not an iri")
    monkeypatch.delenv(push.PASSWORD_VARIABLE, raising=False)
    with pytest.raises(KgError, match=push.PASSWORD_VARIABLE):
        push.push(FIXTURE, stub.url + "/store", user="kg")
    monkeypatch.setenv(push.PASSWORD_VARIABLE, "secret")
    assert "pushed" in push.push(FIXTURE, stub.url + "/store", user="kg", auth="basic")


def test_server_errors_are_reported_in_one_line():
    failing = StubStore(status=500)
    try:
        push.push(FIXTURE, failing.url + "/store", user="kg", password="secret", auth="basic")
    except KgError as error:
        message = str(error)
    finally:
        failing.close()
    assert "500" in message and "Internal trouble" in message and "<h1>" not in message


def test_cli_push_error_exit_2(capsys):
    from kg.cli import main

    assert main(["push", str(FIXTURE), "--endpoint", "http://127.0.0.1:9/store"]) == 2
    assert "connection refused" in capsys.readouterr().err


# ---------------------------------------------------------------------------- a real Virtuoso

@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    if virtuoso.binary() is None:
        pytest.skip("virtuoso-t is not installed (apt-get install virtuoso-opensource)")
    server = virtuoso.start(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()


def virtuoso_select(server, text, graph):
    response = requests.post(server.sparql, data={"query": text, "default-graph-uri": graph},
                             headers={"Accept": "application/sparql-results+json"}, timeout=60)
    assert response.status_code == 200, response.text[:500]
    return response.json()


def graph_sizes(server):
    doc = virtuoso_select(server, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", None)
    return {b["g"]["value"]: int(b["n"]["value"]) for b in doc["results"]["bindings"]}


def as_cells(values):
    """Engine-neutral cells: lexical text, "; "-joined parts sorted (GROUP_CONCAT order differs)."""
    return tuple("; ".join(sorted(v.split("; "))) for v in values)


@pytest.mark.virtuoso
def test_push_to_virtuoso_with_digest_auth_replaces_each_article_graph(virtuoso_server):
    endpoint = virtuoso_server.graph_store
    expected = {name: len(set(part)) for name, part in push.split_by_article(triples()).items()}
    for _ in range(2):  # pushing again replaces, never duplicates
        push.push(FIXTURE, endpoint, user=virtuoso.USER, password=virtuoso.PASSWORD)
        sizes = graph_sizes(virtuoso_server)
        assert {g: sizes.get(g) for g in expected} == expected
    with pytest.raises(KgError, match="credentials"):
        push.push(FIXTURE, endpoint, user=virtuoso.USER, password="wrong")


@pytest.mark.virtuoso
def test_push_through_sparql_update_to_virtuoso(virtuoso_server):
    graph = "https://example.org/graph/update"
    push.push(FIXTURE, virtuoso_server.base + "/sparql-auth", graph_iri=graph,
              user=virtuoso.USER, password=virtuoso.PASSWORD)
    assert graph_sizes(virtuoso_server)[graph] == len(set(triples()))


@pytest.mark.virtuoso
@pytest.mark.parametrize("name", [name for name, _ in query.bundled()])
def test_virtuoso_answers_every_bundled_query_like_oxigraph(virtuoso_server, name):
    graph = "https://example.org/graph/all"
    if graph not in graph_sizes(virtuoso_server):
        push.push(FIXTURE, virtuoso_server.graph_store, graph_iri=graph, user=virtuoso.USER,
                  password=virtuoso.PASSWORD)
    prepared = query.load(name)
    terms = query.bind_params(prepared, PARAMS.get(name, {}))
    embedded = query.run(name, graphs=[FIXTURE], params=PARAMS.get(name))
    doc = virtuoso_select(virtuoso_server, query.substitute(prepared.text, terms), graph)
    assert doc["head"]["vars"] == list(embedded.variables)
    remote = [as_cells(b.get(v, {}).get("value", "") for v in embedded.variables) for b in doc["results"]["bindings"]]
    local = [as_cells("" if t is None else t.value for t in row) for row in embedded.rows]
    assert local, f"{name} finds nothing in the fixture, so the comparison proves nothing"
    assert sorted(remote) == sorted(local)


# ---------------------------------------------------------------------------- shards, batches, retries

def _dataset(path: Path) -> Path:
    """The fixture as a dataset: one named graph per article (as kg build writes graph.nq and shards)."""
    graphs = push.split_by_article(triples())
    quads = [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(name))
             for name in sorted(graphs) for t in sorted(graphs[name], key=str)]
    path.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    return path


def test_named_graphs_of_a_dataset_are_pushed_as_they_are(stub, tmp_path):
    push.push(_dataset(tmp_path / "graph.nq"), stub.url + "/store", user="kg", password="secret", auth="basic")
    expected = push.split_by_article(triples())
    assert [(m, g) for m, g, _, _ in stub.received] == [("PUT", A1), ("PUT", A2)]
    for _, graph, _, body in stub.received:
        sent = {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)}
        assert sent == set(expected[graph])


def test_a_large_graph_goes_in_bounded_batches_replace_then_add(stub, monkeypatch):
    monkeypatch.setattr(push, "BATCH_TRIPLES", 10)
    push.push(FIXTURE, stub.url + "/store", user="kg", password="secret", auth="basic")
    graphs = push.split_by_article(triples())
    for name, part in graphs.items():
        requests_for = [(m, len(list(ox.parse(b, format=ox.RdfFormat.N_TRIPLES))))
                        for m, g, _, b in stub.received if g == name]
        assert [m for m, _ in requests_for] == ["PUT"] + ["POST"] * (len(requests_for) - 1)
        assert all(n <= 10 for _, n in requests_for) and sum(n for _, n in requests_for) == len(part)


def test_a_busy_store_is_tried_again():
    flaky = StubStore(busy=2)
    try:
        message = push.push(FIXTURE, flaky.url + "/store", user="kg", password="secret", auth="basic")
    finally:
        flaky.close()
    assert "2 named graphs" in message and [m for m, *_ in flaky.received] == ["PUT", "PUT"]


@pytest.mark.virtuoso
def test_push_shards_to_virtuoso(virtuoso_server, tmp_path):
    folder = tmp_path / "shards"
    folder.mkdir()
    _dataset(folder / "part-00000.nq")
    (folder / "manifest.json").write_text('{"shards": [{"file": "part-00000.nq"}]}', encoding="utf-8")
    expected = {name: len(set(part)) for name, part in push.split_by_article(triples()).items()}
    message = push.push(folder, virtuoso_server.graph_store, user=virtuoso.USER, password=virtuoso.PASSWORD)
    assert "2 named graphs" in message
    sizes = graph_sizes(virtuoso_server)
    assert {g: sizes.get(g) for g in expected} == expected


@pytest.mark.virtuoso
def test_batches_add_up_in_virtuoso(virtuoso_server, monkeypatch):
    monkeypatch.setattr(push, "BATCH_TRIPLES", 7)
    graph = "https://example.org/graph/batched"
    push.push(FIXTURE, virtuoso_server.graph_store, graph_iri=graph, user=virtuoso.USER, password=virtuoso.PASSWORD)
    push.push(FIXTURE, virtuoso_server.graph_store, graph_iri=graph, user=virtuoso.USER, password=virtuoso.PASSWORD)
    assert graph_sizes(virtuoso_server)[graph] == len(set(triples()))
