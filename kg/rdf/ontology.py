"""What the RDF builder needs from ontology/newskg.ttl: class parents and labels."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from kg.rdf.namespaces import NKG

NS = str(NKG._NS)


@lru_cache(maxsize=2)
def class_info(path: Path) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """(the parents of each nkg class within nkg, sorted; the rdfs:label of each nkg class)."""
    graph = rdflib.Graph().parse(path)
    parents, labels = {}, {}
    for cls in graph.subjects(RDF.type, OWL.Class):
        name = str(cls)
        if not name.startswith(NS):
            continue
        local = name[len(NS):]
        labels[local] = str(graph.value(cls, RDFS.label) or local)
        parents[local] = tuple(sorted(str(p)[len(NS):] for p in graph.objects(cls, RDFS.subClassOf)
                                      if str(p).startswith(NS)))
    return parents, labels


def lineage(local: str, parents: dict[str, tuple[str, ...]]) -> list[str]:
    """The class and all its nkg superclasses (a class may have several: a family and a CAMEO
    root), the class first, then breadth first, each once."""
    chain, seen = [local], {local}
    for cls in chain:
        for parent in parents.get(cls, ()):
            if parent not in seen:
                seen.add(parent)
                chain.append(parent)
    return chain
