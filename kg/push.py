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


def push(graph_path: Path, endpoint: str, *, graph_iri: str | None = None, user: str | None = None,
         password: str | None = None, auth: str = "digest", timeout: float = 120.0) -> str:
    """Upload ``graph_path`` to ``endpoint``; returns a one-line summary of what was replaced."""
    import requests

    parsed = urlparse(endpoint)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise KgError(f"--endpoint {endpoint!r}: expected an http(s) URL of a Graph Store or SPARQL Update service")
    if graph_iri is not None:
        _check_iri(graph_iri)
    triples = read_triples(Path(graph_path))
    graphs = {graph_iri: triples} if graph_iri else split_by_article(triples)
    if not graphs:
        raise KgError(f"{graph_path}: no nkg:Article in the graph to name graphs after; give --graph-iri IRI")

    use_update = parsed.path.rstrip("/").rsplit("/", 1)[-1] in UPDATE_SEGMENTS
    with requests.Session() as session:
        session.auth = _auth(user, password, auth)
        session.headers["User-Agent"] = "kg-push"
        for done, name in enumerate(sorted(graphs)):
            body = ox.serialize(sorted(graphs[name], key=str), format=ox.RdfFormat.N_TRIPLES)
            try:
                response = _send(session, endpoint, name, body, use_update, timeout)
            except requests.ConnectionError as error:
                raise KgError(f"cannot reach {endpoint}: {_reason(error)}{_progress(done, len(graphs))}") from None
            except requests.Timeout:
                raise KgError(f"{endpoint} did not answer within {timeout:.0f} s{_progress(done, len(graphs))}") from None
            except requests.RequestException as error:
                raise KgError(f"pushing to {endpoint} failed: {error}{_progress(done, len(graphs))}") from None
            if response.status_code >= 400:
                message = _http_error(response, endpoint, name, auth) + _progress(done, len(graphs))
                response.close()
                raise KgError(message)
    count = sum(len(part) for part in graphs.values())
    how = "SPARQL Update" if use_update else "Graph Store PUT"
    return (f"pushed {count} triples into {len(graphs)} named graph{'s' if len(graphs) != 1 else ''} "
            f"at {endpoint} ({how}, each graph replaced)")


def _send(session, endpoint: str, graph: str, body: bytes, use_update: bool, timeout: float):
    if use_update:
        update = f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{body.decode('utf-8')}}} }}"
        return session.post(endpoint, data=update.encode("utf-8"), timeout=timeout,
                            headers={"Content-Type": "application/sparql-update; charset=utf-8"})
    return session.put(endpoint, params={"graph": graph}, data=body, timeout=timeout,
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


def _progress(done: int, total: int) -> str:
    return f" ({done} of {total} graphs were pushed before this)" if done else ""


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
