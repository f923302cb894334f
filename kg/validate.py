"""SHACL validation of built graphs against ontology/shapes.ttl.

pySHACL checks the core constraints. The SPARQL-based constraints (whole-graph checks such as
"offsets slice the article text") are run by Oxigraph's SPARQL engine instead of rdflib's, which
is some fifty times faster on a corpus graph; their results join the same report.
"""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
import rdflib
from rdflib.namespace import SH

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


@dataclass(frozen=True)
class SparqlCheck:
    """One sh:sparql constraint of a shape that targets given nodes (sh:targetNode)."""

    shape: str
    targets: tuple[str, ...]
    message: str
    select: str


def validate(graph: rdflib.Graph, settings: Settings | None = None, triples: list | None = None,
             part: tuple[int, int] | None = None) -> Report:
    """Validate a data graph (rdfs inference off: kg materializes superclass types itself).
    ``triples`` may pass the graph already converted to pyoxigraph (kg.export.to_oxigraph).
    ``part`` (i, n): only the i-th of n shares of the shapes (:func:`shape_parts`), so that n
    processes validate one graph together; the SPARQL checks belong to the last share. The
    reports of all n shares together (:func:`combine`) are the whole graph's."""
    import pyshacl

    from kg.export import to_oxigraph

    settings = settings or Settings()
    if len(graph) == 0:
        raise InputError("no triples to validate: an empty graph says nothing, so it cannot conform")
    if not settings.shapes_path.is_file():
        raise InputError(f"{settings.shapes_path}: shapes file missing")
    shapes = rdflib.Graph().parse(settings.shapes_path)
    checks = take_sparql_checks(shapes)
    use_shapes = None
    if part is not None:
        use_shapes = shape_parts(graph, shapes, part[1])[part[0]]
        checks = checks if part[0] == part[1] - 1 else []
    if use_shapes == []:
        conforms, count, text = True, 0, "Validation Report\nConforms: True\n"
    else:
        conforms, results, text = pyshacl.validate(graph, shacl_graph=shapes, inference="none", allow_warnings=True,
                                                   use_shapes=use_shapes)
        count = len(list(results.subjects(rdflib.RDF.type, SH.ValidationResult)))
    found = run_sparql_checks(checks, to_oxigraph(graph) if triples is None else triples) if checks else []
    if found:
        conforms = False
        text = _with_results(text, found, count)
        count += len(found)
    return Report(conforms=bool(conforms), text=text, violations=count)


def shape_parts(graph: rdflib.Graph, shapes: rdflib.Graph, n: int) -> list[list[str]]:
    """The node shapes dealt into ``n`` shares of about equal work, the heaviest first: a shape's
    work is taken as its focus nodes (instances of its target classes, its target nodes) times
    its property shapes. Deterministic: ties go by the shape's IRI."""
    def work(shape) -> int:
        focus = len(list(shapes.objects(shape, SH.targetNode)))
        for cls in shapes.objects(shape, SH.targetClass):
            focus += sum(1 for _ in graph.subjects(rdflib.RDF.type, cls))
        return focus * (1 + len(list(shapes.objects(shape, SH.property))))

    works = {s: work(s) for s in shapes.subjects(rdflib.RDF.type, SH.NodeShape) if isinstance(s, rdflib.URIRef)}
    parts: list[list[str]] = [[] for _ in range(n)]
    loads = [0] * n
    for shape in sorted(works, key=lambda s: (-works[s], str(s))):
        lightest = min(range(n), key=lambda i: (loads[i], i))
        parts[lightest].append(str(shape))
        loads[lightest] += works[shape]
    return parts


def combine(reports: list[Report]) -> Report:
    """One report from the reports of the shares of the shapes (see :func:`validate`)."""
    conforms = all(r.conforms for r in reports)
    if conforms:
        return reports[0]
    results = [line for r in reports for line in r.text.splitlines()[3:]]
    count = sum(r.violations for r in reports)
    text = "\n".join(["Validation Report", "Conforms: False", f"Results ({count}):"] + results) + "\n"
    return Report(conforms=False, text=text, violations=count)


def take_sparql_checks(shapes: rdflib.Graph) -> list[SparqlCheck]:
    """Remove the sh:sparql constraints of shapes targeting explicit nodes; return them as checks.
    (Shapes with other targets keep theirs, for pySHACL to run.)"""
    checks = []
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql)):
        targets = tuple(sorted(str(t) for t in shapes.objects(shape, SH.targetNode)))
        other = any(shapes.value(shape, p) is not None for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf))
        select = shapes.value(constraint, SH.select)
        if not targets or other or select is None:
            continue
        checks.append(SparqlCheck(str(shape), targets, str(shapes.value(constraint, SH.message) or ""), str(select)))
        shapes.remove((shape, SH.sparql, constraint))
        shapes.remove((constraint, None, None))
    return checks


def run_sparql_checks(checks: list[SparqlCheck], triples: list) -> list[tuple[SparqlCheck, str, str]]:
    """(check, focus node, value node) for every row each check selects, $this pre-bound to each target."""
    store = ox.Store()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    found = []
    for check in checks:
        for target in check.targets:
            rows = store.query(check.select, substitutions={ox.Variable("this"): ox.NamedNode(target)})
            for row in rows:
                value = row["value"]
                found.append((check, target, value.value if value is not None else target))
    return sorted(found, key=lambda f: (f[0].shape, f[0].message, f[2]))


def _with_results(text: str, found: list, core_count: int) -> str:
    lines = text.replace("Conforms: True", "Conforms: False").rstrip("\n").splitlines()
    lines = [line for line in lines if not line.startswith("Results (")]
    lines.insert(2, f"Results ({core_count + len(found)}):")
    for check, focus, value in found:
        lines += ["Constraint Violation in SPARQLConstraintComponent (http://www.w3.org/ns/shacl#SPARQLConstraintComponent):",
                  "\tSeverity: sh:Violation", f"\tSource Shape: <{check.shape}>", f"\tFocus Node: <{focus}>",
                  f"\tValue Node: <{value}>", f"\tMessage: {check.message}"]
    return "\n".join(lines) + "\n"
