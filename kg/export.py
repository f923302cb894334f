"""Serialize graphs to Turtle and JSON-LD deterministically, and load built graphs back."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import rdflib

from kg import atomic
from kg.errors import InputError
from kg.rdf.namespaces import NIF, NKG, SCHEMA, SEM

PREFIXES = {
    "nkg": str(NKG._NS),
    "id": "https://w3id.org/newskg/id/",
    "sem": str(SEM),
    "schema": str(SCHEMA),
    "prov": "http://www.w3.org/ns/prov#",
    "nif": str(NIF),
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

def new_graph() -> rdflib.Graph:
    graph = rdflib.Graph()
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph


def to_oxigraph(triples, graph_name=None, convert: "OxConverter | None" = None) -> list:
    """rdflib triples -> pyoxigraph triples (or quads in ``graph_name``), sorted: subject, then
    rdf:type first, then predicate and object, so equal graphs serialize to equal bytes."""
    convert = convert or OxConverter()
    out = [(convert(s), convert(p), convert(o)) for s, p, o in triples]
    out.sort(key=lambda t: (t[0].value, t[1] != _OX_TYPE, t[1].value, str(t[2])))
    if graph_name is None:
        return [ox.Triple(*t) for t in out]
    name = convert(graph_name)
    return [ox.Quad(*t, name) for t in out]


class OxConverter:
    """Converts rdflib terms to pyoxigraph terms, memoized by plain-string keys (most terms repeat,
    and rdflib's own term equality is slow Python)."""

    def __init__(self):
        self._iris: dict[str, ox.NamedNode] = {}
        self._literals: dict[tuple, ox.Literal] = {}

    def __call__(self, term):
        if isinstance(term, rdflib.URIRef):
            text = str(term)
            node = self._iris.get(text)
            if node is None:
                node = self._iris[text] = ox.NamedNode(text)
            return node
        if isinstance(term, rdflib.Literal):
            key = (str(term), term._datatype and str(term._datatype), term._language)
            node = self._literals.get(key)
            if node is None:
                node = self._literals[key] = self._literal(*key)
            return node
        return ox.BlankNode(str(term))

    def _literal(self, lexical: str, datatype: str | None, language: str | None) -> ox.Literal:
        if language:
            return ox.Literal(lexical, language=language)
        if datatype:
            return ox.Literal(lexical, datatype=self(rdflib.URIRef(datatype)))
        return ox.Literal(lexical)


_OX_TYPE = ox.NamedNode(str(rdflib.RDF.type))
# Turtle and TriG spell kg's own ids out in full: their local parts contain "/", which Turtle
# would have to escape ("id:mention\\/1\\/2-3"), legal but unreadable and not every parser takes it.
_TURTLE_PREFIXES = {p: iri for p, iri in PREFIXES.items() if p != "id"}


def to_turtle(graph) -> bytes:
    """Turtle of an rdflib graph (or of triples already sorted by ``to_oxigraph``), written by
    Oxigraph: byte-stable because the triples are sorted first."""
    return ox.serialize(_sorted(graph), format=ox.RdfFormat.TURTLE, prefixes=_TURTLE_PREFIXES)


def to_jsonld(graph) -> bytes:
    """JSON-LD with an embedded @context of prefixes (no remote context), one node per line,
    nodes sorted by @id.

    Written straight from the sorted triples, one subject at a time: compacting against a
    context that only declares prefixes is exactly shortening IRIs to CURIEs and rdf:type to
    @type, and building a whole expanded JSON-LD document first cost hundreds of MB on a corpus.
    """
    curie = _Curies()
    lines = []
    node: dict = {}
    subject = None
    for triple in _sorted(graph):
        if triple.subject != subject:
            if node:
                lines.append(_node_line(node))
            subject, node = triple.subject, {"@id": _term_id(triple.subject, curie)}
        if triple.predicate == _OX_TYPE and isinstance(triple.object, ox.NamedNode):
            node.setdefault("@type", []).append(curie[triple.object.value])
        else:
            node.setdefault(curie[triple.predicate.value], []).append(_jsonld_value(triple.object, curie))
    if node:
        lines.append(_node_line(node))
    lines.sort()
    context = json.dumps(dict(PREFIXES), ensure_ascii=False, sort_keys=True)
    return ('{"@context": ' + context + ',\n"@graph": [\n' + ",\n".join(line for _, line in lines)
            + "\n]}\n").encode("utf-8")


def _node_line(node: dict) -> tuple[str, str]:
    for values in node.values():
        if isinstance(values, list):
            values.sort(key=lambda v: json.dumps(v, sort_keys=True) if isinstance(v, dict) else v)
    return node["@id"], json.dumps(node, ensure_ascii=False, sort_keys=True)


def _term_id(term, curie: "_Curies") -> str:
    return curie[term.value] if isinstance(term, ox.NamedNode) else f"_:{term.value}"


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _jsonld_value(term, curie: "_Curies") -> dict:
    if not isinstance(term, ox.Literal):
        return {"@id": _term_id(term, curie)}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value != _XSD_STRING:
        return {"@value": term.value, "@type": curie[term.datatype.value]}
    return {"@value": term.value}


def _sorted(graph) -> list:
    return graph if isinstance(graph, list) else to_oxigraph(graph)


class _Curies(dict):
    """IRI -> CURIE with kg's prefixes (memoized; IRIs repeat)."""

    def __missing__(self, iri: str) -> str:
        value = iri
        for prefix, base in PREFIXES.items():
            if iri.startswith(base) and len(iri) > len(base):
                value = f"{prefix}:{iri[len(base):]}"
                break
        self[iri] = value
        return value


def to_quads(named, convert: OxConverter | None = None) -> list:
    """Per-article named graphs (article IRI -> triples) as sorted quads, graphs in IRI order."""
    convert = convert or OxConverter()
    return [q for name in sorted(named) for q in to_oxigraph(named[name], graph_name=name, convert=convert)]


def to_trig(quads: list) -> bytes:
    """Per-article named graphs (the article IRI names each) in TriG."""
    return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=_TURTLE_PREFIXES)


def to_nquads(quads: list) -> bytes:
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)


def write_graph(graph: rdflib.Graph, out_dir: Path) -> dict[str, Path]:
    """Write graph.ttl and graph.jsonld atomically; returns the paths written."""
    paths = {"turtle": out_dir / "graph.ttl", "jsonld": out_dir / "graph.jsonld"}
    atomic.write_bytes(paths["turtle"], to_turtle(graph))
    atomic.write_bytes(paths["jsonld"], to_jsonld(graph))
    return paths


def load_graphs(paths: list[Path]) -> rdflib.Graph:
    """Load built graph files into one graph: any format kg build writes (a dataset as the merged
    graph it was built with, see kg.store.merge_named_graphs), N-Triples, N3 and RDF/XML. Anything
    else, and a file with no triples, is refused with one line (an empty graph would "conform").
    Oxigraph parses (one parser for every command, and several times faster than rdflib's)."""
    from kg.store import read_triples

    graph = new_graph()
    for path in paths:
        data = ox.serialize(read_triples(Path(path)), format=ox.RdfFormat.N_TRIPLES)
        graph.parse(data=data.decode("utf-8"), format="nt")
    return graph
