"""Upload a built graph into named graphs of a SPARQL store (Virtuoso, Fuseki, GraphDB, Neptune …).

By default each article gets its own named graph, named by the article's IRI, holding the article,
its mentions, and every node the article mentions (a node mentioned by several articles is
described in each of their graphs, with only that article's evidence). Re-pushing an article
replaces its graph, so a store can be updated one article at a time.

Two protocols, chosen from the endpoint URL:
- SPARQL 1.1 Graph Store Protocol (the default): one HTTP ``PUT ?graph=IRI`` of N-Triples per
  graph, which replaces that graph atomically. N-Triples, not Turtle, because some stores
  (Virtuoso 7) misread escaped characters in Turtle prefixed names such as ``id:a\\/1``.
- SPARQL 1.1 Update, when the URL's last path segment is ``update``, ``sparql``, ``sparql-auth``
  or ``statements``: ``DROP SILENT GRAPH`` then ``INSERT DATA`` in one request (atomic only if the
  store runs a request in one transaction).
"""
from __future__ import annotations

import os
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

import pyoxigraph as ox

from kg.errors import InputError, KgError

NKG = "https://w3id.org/newskg/ontology#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
UPDATE_SEGMENTS = {"update", "sparql", "sparql-auth", "statements"}
PASSWORD_VARIABLE = "KG_PUSH_PASSWORD"


#: Triples per request at most: a larger graph is sent as a replacing request and appending ones.
BATCH_TRIPLES = 50_000
#: Attempts after the first, for refused connections and 429/502/503/504 answers (backoff 0.25 s, 0.5 s, 1 s ...).
RETRIES = 3


def push(graph_path: Path, endpoint: str, *, graph_iri: str | None = None, user: str | None = None,
         password: str | None = None, auth: str = "digest", timeout: float = 120.0) -> str:
    """Upload ``graph_path`` to ``endpoint``; returns a one-line summary of what was replaced.

    ``graph_path`` is a graph file, or a build's shards folder (or its manifest.json): named
    graphs of .nq/.trig files and shards are sent as they are, one article at a time, so memory
    holds one article's graph, never the corpus."""
    import requests

    parsed = urlparse(endpoint)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise KgError(f"--endpoint {endpoint!r}: expected an http(s) URL of a Graph Store or SPARQL Update service")
    if graph_iri is not None:
        _check_iri(graph_iri)
    use_update = parsed.path.rstrip("/").rsplit("/", 1)[-1] in UPDATE_SEGMENTS
    graphs = _graphs(Path(graph_path), graph_iri)
    sent = count = 0
    with requests.Session() as session:
        session.auth = _auth(user, password, auth)
        session.headers["User-Agent"] = "kg-push"
        _retry(session)
        replaced: set[str] = set()
        for name, part in graphs:
            for start in range(0, len(part), BATCH_TRIPLES):
                body = ox.serialize(part[start:start + BATCH_TRIPLES], format=ox.RdfFormat.N_TRIPLES)
                _send_checked(session, endpoint, name, body, use_update, timeout, auth,
                              replace=name not in replaced, done=len(replaced))
                replaced.add(name)
            count += len(part)
            sent = len(replaced)
    if not sent:
        raise KgError(f"{graph_path}: no nkg:Article in the graph to name graphs after; give --graph-iri IRI")
    how = "SPARQL Update" if use_update else "Graph Store PUT"
    return (f"pushed {count} triples into {sent} named graph{'s' if sent != 1 else ''} "
            f"at {endpoint} ({how}, each graph replaced)")


def _graphs(path: Path, graph_iri: str | None):
    """(graph name, sorted triples) to send, one graph at a time."""
    from kg.store import graph_files, rdf_format

    files = graph_files([path])
    if graph_iri is not None:  # everything into one graph, sent in batches as it is read
        yield from _one_graph(files, graph_iri)
        return
    for file in files:
        if rdf_format(file).supports_datasets:
            yield from _named_graphs(file)
        else:
            graphs = split_by_article(read_triples(file))
            for name in sorted(graphs):
                yield name, sorted(graphs[name], key=str)


def _one_graph(files: list[Path], graph_iri: str):
    batch: dict = {}
    for file in files:
        for triple in _parse(file):
            batch[triple] = None
            if len(batch) >= BATCH_TRIPLES:
                yield graph_iri, sorted(batch, key=str)
                batch = {}
    if batch:
        yield graph_iri, sorted(batch, key=str)


def _named_graphs(path: Path):
    """The named graphs of a dataset file, each as soon as it is read (kg writes each article's
    quads together); triples of the default graph are split by article at the end."""
    current, triples, default = None, {}, {}
    for quad in _parse(path, quads=True):
        if isinstance(quad.graph_name, ox.DefaultGraph):
            default[ox.Triple(quad.subject, quad.predicate, quad.object)] = None
            continue
        name = quad.graph_name.value
        if name != current:
            if triples:
                yield current, sorted(triples, key=str)
            current, triples = name, {}
        triples[ox.Triple(quad.subject, quad.predicate, quad.object)] = None
    if triples:
        yield current, sorted(triples, key=str)
    if default:
        graphs = split_by_article(list(default))
        for name in sorted(graphs):
            yield name, sorted(graphs[name], key=str)


def _parse(path: Path, quads: bool = False):
    from kg.store import rdf_format

    fmt = rdf_format(path)
    try:
        for quad in ox.parse(path=str(path), format=fmt):
            yield quad if quads else ox.Triple(quad.subject, quad.predicate, quad.object)
    except SyntaxError as error:
        raise InputError(f"{path}: not a readable {fmt.name} graph ({str(error).splitlines()[0][:200]})") from None


def _retry(session) -> None:
    """Refused connections and busy answers are tried again, with backoff (urllib3's Retry)."""
    from requests.adapters import HTTPAdapter
    from urllib3.util.retry import Retry

    retry = Retry(total=RETRIES, connect=RETRIES, read=0, status=RETRIES, backoff_factor=0.25,
                  status_forcelist=(429, 502, 503, 504), allowed_methods=None, raise_on_status=False)
    for scheme in ("http://", "https://"):
        session.mount(scheme, HTTPAdapter(max_retries=retry))


def _send_checked(session, endpoint: str, name: str, body: bytes, use_update: bool, timeout: float, auth: str,
                  *, replace: bool, done: int) -> None:
    import requests

    try:
        response = _send(session, endpoint, name, body, use_update, timeout, replace=replace)
    except requests.exceptions.RetryError as error:
        raise KgError(f"{endpoint} stayed busy after {RETRIES} retries: {_reason(error)}{_progress(done)}") from None
    except requests.ConnectionError as error:
        raise KgError(f"cannot reach {endpoint}: {_reason(error)}{_progress(done)}") from None
    except requests.Timeout:
        raise KgError(f"{endpoint} did not answer within {timeout:.0f} s{_progress(done)}") from None
    except requests.RequestException as error:
        raise KgError(f"pushing to {endpoint} failed: {error}{_progress(done)}") from None
    if response.status_code >= 400:
        message = _http_error(response, endpoint, name, auth) + _progress(done)
        response.close()
        raise KgError(message)


def _send(session, endpoint: str, graph: str, body: bytes, use_update: bool, timeout: float, *, replace: bool = True):
    """Replace the graph's content with ``body`` (or, ``replace=False``, add ``body`` to it)."""
    if use_update:
        insert = f"INSERT DATA {{ GRAPH <{graph}> {{\n{body.decode('utf-8')}}} }}"
        update = f"DROP SILENT GRAPH <{graph}> ;\n{insert}" if replace else insert
        return session.post(endpoint, data=update.encode("utf-8"), timeout=timeout,
                            headers={"Content-Type": "application/sparql-update; charset=utf-8"})
    method = session.put if replace else session.post
    return method(endpoint, params={"graph": graph}, data=body, timeout=timeout,
                  headers={"Content-Type": "application/n-triples; charset=utf-8"})


def read_triples(path: Path) -> list[ox.Triple]:
    """The triples of a graph file, literals exactly as written (a dataset as its merged graph).

    Parsed, not loaded into an Oxigraph store, which would canonicalize literals (it stores
    "5"^^xsd:nonNegativeInteger as "5"^^xsd:integer).
    """
    from kg.store import read_triples as read

    return read(path)


def split_by_article(triples: list[ox.Triple]) -> dict[str, list[ox.Triple]]:
    """Group triples into one graph per article (see the module docstring).

    A triple goes to every article its subject belongs to: an article to itself, a mention to the
    article it is in, anything else to the articles it is ``nkg:mentionedIn``. ``nkg:evidence`` and
    ``nkg:mentionedIn`` triples go only to the article they point at. Triples about nodes that no
    article mentions (the labels of the classes used) go to every graph, so each is self-contained.
    """
    articles = {t.subject for t in triples if t.predicate.value == RDF_TYPE and t.object.value == NKG + "Article"}
    home: dict = defaultdict(set)
    for article in articles:
        home[article].add(article)
    for t in triples:
        if t.predicate.value in (NIF + "referenceContext", NKG + "mentionedIn") and t.object in articles:
            home[t.subject].add(t.object)
    out: dict[str, list[ox.Triple]] = {a.value: [] for a in articles if isinstance(a, ox.NamedNode)}
    everywhere = sorted(out)
    for t in triples:
        owners = home.get(t.subject)
        if t.predicate.value == NKG + "mentionedIn" and t.object in articles:
            owners = {t.object}
        elif t.predicate.value == NKG + "evidence" and home.get(t.object):
            owners = (owners or set()) & home[t.object] or home[t.object]
        names = [o.value for o in owners if isinstance(o, ox.NamedNode)] if owners else everywhere
        for name in names:
            out[name].append(t)
    return out


def _check_iri(iri: str) -> None:
    try:
        ox.NamedNode(iri)
    except ValueError as error:
        raise KgError(f"--graph-iri {iri!r}: not a valid IRI ({error})") from None
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", iri):
        raise KgError(f"--graph-iri {iri!r}: needs an absolute IRI such as https://example.org/graph/news")


def _auth(user: str | None, password: str | None, kind: str):
    from requests.auth import HTTPBasicAuth, HTTPDigestAuth

    if user is None:
        return None
    if password is None:
        password = os.environ.get(PASSWORD_VARIABLE)
    if password is None:
        raise KgError(f"--user {user}: give --password, or set {PASSWORD_VARIABLE}")
    if kind == "basic":
        return HTTPBasicAuth(user, password)
    if kind == "digest":
        return HTTPDigestAuth(user, password)
    raise KgError(f"--auth {kind!r}: choose basic or digest")


def _reason(error: Exception) -> str:
    text = str(error)
    if "refused" in text.lower():
        return "connection refused (is the server running, and is the port right?)"
    if "name or service not known" in text.lower() or "nodename nor servname" in text.lower():
        return "unknown host"
    return " ".join(text.split())[:200]


def _progress(done: int) -> str:
    return f" ({done} graphs were pushed before this)" if done else ""


def _http_error(response, endpoint: str, graph: str, auth: str) -> str:
    status = f"{response.status_code} {response.reason or ''}".strip()
    if response.status_code == 401:
        return (f"{endpoint} refused the credentials ({status}); check --user/--password, "
                f"and --auth (now {auth}): Virtuoso's /sparql-graph-crud-auth wants digest")
    if response.status_code == 403:
        return f"{endpoint} forbids writing graph <{graph}> ({status}); the user needs write permission"
    body = re.sub(r"<[^>]+>", " ", response.text or "")
    body = " ".join(body.split())[:200]
    return f"{endpoint} answered {status} for graph <{graph}>" + (f": {body}" if body else "")
