"""Serialize graphs to Turtle and JSON-LD deterministically, and load built graphs back."""
from __future__ import annotations

import json
from pathlib import Path

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

FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml",
           ".owl": "xml", ".nq": "nquads", ".trig": "trig"}


def new_graph() -> rdflib.Graph:
    graph = rdflib.Graph()
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph


def to_turtle(graph: rdflib.Graph) -> bytes:
    """rdflib's Turtle serializer sorts subjects and predicates, so equal graphs give equal bytes."""
    return graph.serialize(format="turtle", encoding="utf-8")


def to_jsonld(graph: rdflib.Graph) -> bytes:
    """JSON-LD with an embedded @context (no remote context), nodes sorted by @id."""
    context = {prefix: iri for prefix, iri in PREFIXES.items()}
    text = graph.serialize(format="json-ld", context=context, auto_compact=True)
    doc = json.loads(text)
    nodes = doc.get("@graph", [doc] if "@id" in doc else [])
    nodes = sorted(nodes, key=lambda node: node.get("@id", ""))
    out = {"@context": context, "@graph": nodes}
    return (json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def to_trig(dataset: rdflib.Dataset) -> bytes:
    """Per-article named graphs (the article IRI names each) in TriG."""
    return dataset.serialize(format="trig", encoding="utf-8")


def to_nquads(dataset: rdflib.Dataset) -> bytes:
    """N-Quads, lines sorted so equal datasets give equal bytes."""
    text = dataset.serialize(format="nquads", encoding="utf-8").decode("utf-8")
    lines = sorted(line for line in text.splitlines() if line.strip())
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_graph(graph: rdflib.Graph, out_dir: Path) -> dict[str, Path]:
    """Write graph.ttl and graph.jsonld atomically; returns the paths written."""
    paths = {"turtle": out_dir / "graph.ttl", "jsonld": out_dir / "graph.jsonld"}
    atomic.write_bytes(paths["turtle"], to_turtle(graph))
    atomic.write_bytes(paths["jsonld"], to_jsonld(graph))
    return paths


def load_graphs(paths: list[Path]) -> rdflib.Graph:
    """Load built graph files (any RDF syntax rdflib reads, by extension) into one graph."""
    graph = new_graph()
    for path in paths:
        if not path.is_file():
            raise InputError(f"{path}: no such graph file (build one with `kg build`)")
        fmt = FORMATS.get(path.suffix.lower(), "turtle")
        try:
            graph.parse(path, format=fmt)
        except Exception as error:  # rdflib raises many parser-specific types
            raise InputError(f"{path}: not a readable {fmt} graph ({str(error).splitlines()[0][:200]})") from None
    return graph
