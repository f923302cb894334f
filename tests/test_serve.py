"""`kg serve`: the real server on a free loopback port, queried with SPARQLWrapper and requests."""
from __future__ import annotations

import csv
import io
import json
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
import waitress
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TURTLE, XML, SPARQLWrapper

from kg import query, serve
from tests.conftest import run_until_stopped

FIXTURE = Path(__file__).parent / "fixtures" / "query_sample.ttl"
TIMEOUT = 2.5
MAX_RESULTS = 50
MAX_QUERY_BYTES = 8192
SLOW = ("SELECT (COUNT(*) AS ?n) WHERE { ?a <urn:filler:p> ?b . ?c <urn:filler:p> ?d . "
        "?e <urn:filler:p> ?f . ?g <urn:filler:p> ?h }")
JSON_TYPE = "application/sparql-results+json"


class Server:
    def __init__(self, tmp: Path, **options):
        filler = tmp / "filler.nt"
        filler.write_text("".join(f"<urn:filler:s{i}> <urn:filler:p> \"{i}\" .\n" for i in range(300)))
        self.graphs = [FIXTURE, filler]
        self.app = serve.create_app(graphs=self.graphs, **options)
        self.server = waitress.create_server(self.app, host="127.0.0.1", port=0, threads=6)
        self.url = f"http://127.0.0.1:{self.server.effective_port}"
        self.sparql = self.url + "/sparql"
        self.stop = threading.Event()
        self.thread = threading.Thread(target=run_until_stopped, args=(self.server, self.stop), daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        self.app.extensions["kg_pool"].close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = Server(tmp_path_factory.mktemp("serve"), timeout=TIMEOUT, max_results=MAX_RESULTS,
                     max_query_bytes=MAX_QUERY_BYTES, workers=2)
    yield running
    running.close()


@pytest.fixture(scope="module")
def cors_server(tmp_path_factory):
    running = Server(tmp_path_factory.mktemp("cors"), cors="https://analyst.example", workers=1)
    yield running
    running.close()


def get(server, text, accept=JSON_TYPE, headers=None):
    return requests.get(server.sparql, params={"query": text}, headers={"Accept": accept, **(headers or {})},
                        timeout=30)


def expected_json(server, name, **params):
    return json.loads(query.render(query.run(name, graphs=server.graphs, params=params), "json"))


# ---------------------------------------------------------------------------- answering

def test_sparqlwrapper_get_json_gives_the_embedded_answers(server):
    client = SPARQLWrapper(server.sparql)
    client.setQuery(query.load("timeline").text)
    client.setReturnFormat(JSON)
    assert client.query().convert() == expected_json(server, "timeline")


def test_sparqlwrapper_post_form_and_direct_body(server):
    text = query.substitute(query.load("events_in_place").text, {"place": query.param_term("Zurich")})
    for request_method in (None, POSTDIRECTLY):
        client = SPARQLWrapper(server.sparql)
        client.setMethod(POST)
        if request_method:
            client.setRequestMethod(request_method)
        client.setQuery(text)
        client.setReturnFormat(JSON)
        assert client.query().convert() == expected_json(server, "events_in_place", place="Zurich")


def test_sparqlwrapper_xml_and_csv(server):
    client = SPARQLWrapper(server.sparql)
    client.setQuery(query.load("disputed_claims").text)
    client.setReturnFormat(XML)
    document = client.query().convert()
    literals = [node.firstChild.data for node in document.getElementsByTagName("literal") if node.firstChild]
    assert "Lies; all lies } ; DROP ALL ; {" in literals
    client.setReturnFormat(CSV)
    rows = list(csv.reader(io.StringIO(client.query().convert().decode("utf-8"), newline="")))
    assert rows[0][:4] == ["claimant", "claim", "disputer", "dispute"] and len(rows) == 3


def test_content_negotiation(server):
    text = query.load("statements").text
    for accept, media in [("text/csv", "text/csv"), ("text/tab-separated-values", "text/tab-separated-values"),
                          ("application/sparql-results+xml", "application/sparql-results+xml"),
                          ("application/json", JSON_TYPE), ("*/*", JSON_TYPE),
                          ("text/csv;q=0.5, application/sparql-results+json", JSON_TYPE)]:
        response = get(server, text, accept)
        assert response.status_code == 200, accept
        assert response.headers["Content-Type"].startswith(media), accept
    assert requests.get(server.sparql, params={"query": "ASK {}"}).json() == {"head": {}, "boolean": True}
    assert get(server, text, "image/png").status_code == 406


def test_construct_as_turtle_json_ld_and_n_triples(server):
    text = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o . FILTER(?p = <http://www.w3.org/2000/01/rdf-schema#label>) }"
    expected = set(query.run(text, graphs=server.graphs).triples)
    client = SPARQLWrapper(server.sparql)
    client.setQuery(text)
    client.setReturnFormat(TURTLE)
    turtle = client.query().convert()
    for body, fmt in [(turtle, ox.RdfFormat.TURTLE),
                      (get(server, text, "application/ld+json").content, ox.RdfFormat.JSON_LD),
                      (get(server, text, "application/n-triples").content, ox.RdfFormat.N_TRIPLES)]:
        assert {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, format=fmt)} == expected
    assert get(server, text, "text/csv").status_code == 406


# ---------------------------------------------------------------------------- refusing

@pytest.mark.parametrize("text", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "PREFIX x: <urn:x#>\nDELETE WHERE { ?s ?p ?o }",
    "LOAD <http://127.0.0.1:9/graph.ttl>",
    "CLEAR DEFAULT", "DROP ALL", "CREATE GRAPH <urn:g>",
])
def test_updates_are_refused_and_change_nothing(server, text):
    assert get(server, text).status_code == 403
    assert requests.post(server.sparql, data={"update": text}, timeout=30).status_code == 403
    assert requests.post(server.sparql, data=text, timeout=30,
                         headers={"Content-Type": "application/sparql-update"}).status_code == 403
    assert requests.post(server.sparql, data=text, timeout=30,
                         headers={"Content-Type": "application/sparql-query"}).status_code == 403
    count = get(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").json()
    assert count["results"]["bindings"][0]["n"]["value"] == str(len(query.run(
        "CONSTRUCT WHERE { ?s ?p ?o }", graphs=server.graphs).triples))


def test_service_and_other_datasets_are_refused(server):
    response = get(server, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert response.status_code == 400 and "SERVICE" in response.text
    response = get(server, "SELECT * FROM <http://127.0.0.1:9/data.ttl> WHERE { ?s ?p ?o }")
    assert response.status_code == 400 and "FROM" in response.text
    response = requests.get(server.sparql, params={"query": "ASK {}", "default-graph-uri": "http://127.0.0.1:9/g"})
    assert response.status_code == 400
    # the word inside a literal is data
    assert get(server, 'SELECT * WHERE { ?s ?p "SERVICE FROM" }').status_code == 200


def test_bad_requests(server):
    response = get(server, "SELECT ?x WHERE {\n  ?x ?y .\n}")
    assert response.status_code == 400 and "line 3, column 1" in response.text
    assert requests.get(server.sparql, timeout=30).status_code == 400
    assert requests.post(server.sparql, data="ASK {}", headers={"Content-Type": "text/plain"}).status_code == 415
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * MAX_QUERY_BYTES
    assert requests.post(server.sparql, data={"query": big}, timeout=30).status_code == 413
    assert requests.post(server.sparql, data=big.encode() * 8, timeout=30,
                         headers={"Content-Type": "application/sparql-query"}).status_code == 413
    assert requests.put(server.sparql, data="ASK {}", timeout=30).status_code == 405


# ---------------------------------------------------------------------------- limits

def test_results_are_capped_and_say_so(server):
    response = get(server, "SELECT * WHERE { ?s ?p ?o }")
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) == MAX_RESULTS
    assert serve.TRUNCATED_HEADER in response.headers
    small = get(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 3")
    assert len(small.json()["results"]["bindings"]) == 3 and serve.TRUNCATED_HEADER not in small.headers
    graph = get(server, "CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples")
    assert len(graph.text.strip().splitlines()) == MAX_RESULTS and serve.TRUNCATED_HEADER in graph.headers


def test_a_slow_query_is_stopped_at_the_time_limit_and_the_server_recovers(server):
    start = time.monotonic()
    response = get(server, SLOW)
    elapsed = time.monotonic() - start
    assert response.status_code == 503 and "time limit" in response.text
    assert TIMEOUT <= elapsed < TIMEOUT + 2
    for _ in range(3):  # the killed worker is replaced; the other one answers meanwhile
        assert get(server, "ASK { ?s ?p ?o }").json()["boolean"] is True


def test_slow_queries_do_not_hold_up_a_cheap_one_and_every_request_is_logged(tmp_path):
    """Issue 13, item 10: two slow queries kept both workers, and a cheap query waited ~5 s."""
    lines: list[str] = []
    busy = Server(tmp_path, timeout=6, workers=2, max_workers=4, log=lines.append)
    try:
        slow = [threading.Thread(target=get, args=(busy, SLOW)) for _ in range(2)]
        for thread in slow:
            thread.start()
        time.sleep(0.5)  # both workers are now on the slow queries
        start = time.monotonic()
        response = get(busy, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 2")
        elapsed = time.monotonic() - start
        assert response.status_code == 200 and elapsed < 3, f"the cheap query waited {elapsed:.1f} s"
        for thread in slow:
            thread.join(timeout=30)
    finally:
        busy.close()
    cheap = [line for line in lines if " 200 2 rows " in line]
    assert len(cheap) == 1 and re.fullmatch(r"127\.0\.0\.1 GET /sparql 200 2 rows \d+\.\d ms", cheap[0]), lines
    assert sum(" GET /sparql 503 - rows " in line for line in lines) == 2, lines  # the slow ones, stopped


def test_the_pool_grows_while_busy_and_shrinks_after(tmp_path):
    busy = Server(tmp_path, timeout=4, workers=1, max_workers=3, log=lambda line: None)
    pool = busy.app.extensions["kg_pool"]
    try:
        slow = [threading.Thread(target=get, args=(busy, SLOW)) for _ in range(2)]
        for thread in slow:
            thread.start()
            time.sleep(0.3)
        assert get(busy, "ASK { ?s ?p ?o }").status_code == 200
        assert pool.size == 3
        for thread in slow:
            thread.join(timeout=30)
        for _ in range(3):
            assert get(busy, "ASK { ?s ?p ?o }").status_code == 200
        deadline = time.monotonic() + 10
        while pool.size > 1 and time.monotonic() < deadline:
            time.sleep(0.1)
            get(busy, "ASK {}")
        assert pool.size <= 2  # the extra workers retire once others are idle
    finally:
        busy.close()


# ---------------------------------------------------------------------------- CORS and the page

def test_no_cors_headers_unless_asked(server, cors_server):
    origin = {"Origin": "https://analyst.example"}
    plain = get(server, "ASK {}", headers=origin)
    assert not any(h.lower().startswith("access-control-") for h in plain.headers)
    preflight = requests.options(server.sparql, headers={**origin, "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in preflight.headers

    allowed = get(cors_server, "ASK {}", headers=origin)
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://analyst.example"
    assert allowed.headers["Vary"] == "Origin"
    preflight = requests.options(cors_server.sparql, headers={**origin, "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 204 and "POST" in preflight.headers["Access-Control-Allow-Methods"]


def test_home_page_says_what_the_endpoint_is(server):
    response = requests.get(server.url + "/", timeout=30)
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/html")
    assert "/sparql" in response.text and "timeline" in response.text
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]


def test_loopback_is_the_default():
    import inspect

    assert inspect.signature(serve.serve).parameters["host"].default == "127.0.0.1"


def _start_kg_serve(**popen) -> tuple[subprocess.Popen, int]:
    """`kg serve` on a free port, as a real subprocess."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--graph", str(FIXTURE), "--port", str(port)],
                               cwd=Path(__file__).parent.parent, stderr=subprocess.PIPE, text=True, **popen)
    return process, port


def _get_once_up(process: subprocess.Popen, url: str, **kwargs) -> requests.Response:
    """GET url, retrying while the server starts (30 s at most)."""
    deadline = time.monotonic() + 30
    while True:
        try:
            return requests.get(url, timeout=5, **kwargs)
        except requests.ConnectionError:
            assert process.poll() is None and time.monotonic() < deadline, "kg serve did not start"
            time.sleep(0.2)


def test_kg_serve_command_end_to_end(tmp_path):
    process, port = _start_kg_serve()
    try:
        url = f"http://127.0.0.1:{port}/sparql"
        response = _get_once_up(process, url, params={"query": query.load("graph_stats").text},
                                headers={"Accept": JSON_TYPE})
        counts = {b["class"]["value"].rsplit("#")[-1]: b["count"]["value"] for b in response.json()["results"]["bindings"]}
        assert counts["Event"] == "6"
        assert requests.post(url, data={"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}).status_code == 403
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=90)  # generous: a loaded CI machine shuts down slowly
    assert f"http://127.0.0.1:{port}/sparql" in err
    assert re.search(r"^kg serve: 127\.0\.0\.1 GET /sparql 200 \d+ rows \d+\.\d ms$", err, re.M), err
    assert re.search(r"^kg serve: 127\.0\.0\.1 POST /sparql 403 - rows \d+\.\d ms$", err, re.M), err


def test_kg_serve_stops_on_sigint_even_when_started_with_it_ignored():
    """A background job of a script starts with SIGINT ignored; kg serve must still stop on it."""
    process, port = _start_kg_serve(preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        _get_once_up(process, f"http://127.0.0.1:{port}/")
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode is not None
