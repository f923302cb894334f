"""SHACL validation of built graphs against ontology/shapes.ttl, with pySHACL."""
from __future__ import annotations

from dataclasses import dataclass

import rdflib

from kg.config import Settings
from kg.errors import InputError


@dataclass(frozen=True)
class Report:
    conforms: bool
    text: str
    violations: int

    @property
    def summary(self) -> str:
        return "conforms" if self.conforms else f"{self.violations} violation(s)"


def validate(graph: rdflib.Graph, settings: Settings | None = None) -> Report:
    """Validate a data graph; the ontology is given so sh:class sees subclasses (rdfs inference off,
    because kg materializes superclass types itself)."""
    import pyshacl

    settings = settings or Settings()
    if not settings.shapes_path.is_file():
        raise InputError(f"{settings.shapes_path}: shapes file missing")
    shapes = rdflib.Graph().parse(settings.shapes_path)
    conforms, results, text = pyshacl.validate(graph, shacl_graph=shapes, inference="none",
                                               advanced=True, allow_warnings=True)
    count = len(list(results.subjects(rdflib.RDF.type, rdflib.URIRef("http://www.w3.org/ns/shacl#ValidationResult"))))
    return Report(conforms=bool(conforms), text=text, violations=count)
