"""The IR mapped to RDF keeps the contract's shapes on real extractions (kg/rdf/mapping.py)."""
import pytest
from rdflib.namespace import RDF

from kg.rdf.mapping import to_graph
from kg.rdf.namespaces import NKG
from kg.validate import validate
from tests.extract.helpers import entity

pytestmark = pytest.mark.model


def test_a_country_that_acts_and_speaks_does_so_as_its_government_and_the_graph_conforms(extract_text, settings):
    x = extract_text("Vote\nRussia vetoed the resolution on Friday. Russia said the draft was biased.", "2024-02-13")
    government = entity(x, "Russia government")
    assert government is not None and government.type == "GovernmentBody"
    assert any(government.key in e.agents for e in x.events) and any(s.speaker == government.key for s in x.statements)
    roles = {k for e in x.events for k in (*e.agents, *e.targets, *e.participants)} | {s.speaker for s in x.statements}
    assert not any(k.startswith("place/") for k in roles)  # actors and places are disjoint
    graph = to_graph([x], settings)
    report = validate(graph, settings)
    assert report.conforms, report.text
    assert not set(graph.subjects(RDF.type, NKG.Place)) & set(graph.subjects(RDF.type, NKG.Actor))
