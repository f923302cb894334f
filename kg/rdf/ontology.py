"""What the RDF builder needs from ontology/newskg.ttl: class parents and labels."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from kg.rdf.namespaces import NKG

NS = str(NKG._NS)


@lru_cache(maxsize=2)
def class_info(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(parent of each nkg class within nkg, rdfs:label of each nkg class)."""
    graph = rdflib.Graph().parse(path)
    parents, labels = {}, {}
    for cls in graph.subjects(RDF.type, OWL.Class):
        name = str(cls)
        if not name.startswith(NS):
            continue
        local = name[len(NS):]
        labels[local] = str(graph.value(cls, RDFS.label) or local)
        for parent in graph.objects(cls, RDFS.subClassOf):
            if str(parent).startswith(NS):
                parents[local] = str(parent)[len(NS):]
    return parents, labels


def lineage(local: str, parents: dict[str, str]) -> list[str]:
    """The class and its nkg superclasses, most specific first."""
    chain, seen = [local], {local}
    while chain[-1] in parents and parents[chain[-1]] not in seen:
        chain.append(parents[chain[-1]])
        seen.add(chain[-1])
    return chain
