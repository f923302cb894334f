"""networkx figures over the story network: central actors, communities, counts."""
from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF, RDFS

from kg import analytics
from kg.export import load_graphs

FIXTURE = Path(__file__).parent / "fixtures" / "viz_sample.ttl"
ID = "https://w3id.org/newskg/id/"
NKG = rdflib.Namespace("https://w3id.org/newskg/ontology#")


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    return load_graphs([FIXTURE])


@pytest.fixture(scope="module")
def summary(graph) -> analytics.Summary:
    return analytics.summarize(graph, top=5)


def test_counts_match_the_rdf(graph, summary):
    counts = dict(summary.counts)
    assert counts["Event"] == len(set(graph.subjects(RDF.type, NKG.Event))) == 5
    assert counts["Statement"] == 3
    assert counts["Place"] == 2
    assert counts["ArmedGroup"] == 2 and counts["GovernmentBody"] == 2 and counts["Person"] == 2
    assert counts["Organization"] == 0  # armed groups are counted by their most specific class
    assert sum(counts.values()) == summary.nodes == 17
    assert summary.articles == 1
    assert summary.links == 18
    assert dict(summary.event_types) == {"raid": 1, "coup": 1, "appeal or resolution": 1, "rejection": 1,
                                         "displacement": 1}


def test_the_armed_groups_are_the_most_central_actors(summary):
    assert len(summary.central) == 5
    assert {actor.label for actor in summary.central[:2]} == {"Myanmar military", "Mandalay People's Defence Force"}
    military = next(actor for actor in summary.central if actor.label == "Myanmar military")
    assert military.degree == 3  # agent of the coup and the raid, target of the appeal
    assert military.betweenness == max(actor.betweenness for actor in summary.central)
    assert all(actor.kind in analytics.ACTOR_KINDS for actor in summary.central)
    ranks = [actor.pagerank for actor in summary.central]
    assert ranks == sorted(ranks, reverse=True)


def test_communities_partition_the_network(graph):
    net = analytics.network(graph)
    members = [iri for community in net.communities for iri in community]
    assert sorted(members) == sorted(net.nodes)
    # The displaced residents share nothing with the rest: their own community.
    residents = net.measures[ID + "group/residents"].community
    assert set(net.communities[residents]) == {ID + "group/residents", ID + "event/flight1"}
    assert analytics.network(graph).communities == net.communities


def test_render_is_readable_text(summary):
    text = analytics.render(summary)
    assert "1 article(s) · 17 nodes · 18 links" in text
    assert "Most central actors" in text and "Myanmar military" in text
    assert "armed group" in text and "Communities" in text
    assert text.index("Myanmar military") < text.index("UN General Assembly")


def test_the_counts_of_nodes_by_class_line_up_whatever_the_class_name(summary):
    text = analytics.render(summary)
    rows = text.split("Nodes by class\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert any("financial instrument" in row for row in rows)
    assert len({len(row) for row in rows}) == 1, rows  # every count ends in the same column


def test_empty_graph(tmp_path):
    summary = analytics.summarize(rdflib.Graph())
    assert summary.nodes == 0 and summary.central == () and summary.communities == ()
    assert "(no actors)" in analytics.render(summary)


def test_event_class_found_without_the_ontology_knowing_it():
    graph = rdflib.Graph()
    event = rdflib.URIRef(ID + "event/x")
    skirmish = rdflib.URIRef(str(NKG) + "Skirmish")  # not in the ontology
    for cls in (skirmish, NKG.ConflictEvent, NKG.Event):
        graph.add((event, RDF.type, cls))
    graph.add((event, RDFS.label, rdflib.Literal("skirmish")))
    (node,) = analytics.story_nodes(graph).values()
    assert (node.kind, node.event_type, node.event_category) == ("Event", str(skirmish), str(NKG.ConflictEvent))
    assert analytics.class_label(str(skirmish)) == "skirmish"
    assert analytics.humanize(str(NKG.AirStrike)) == "air strike"


def test_most_specific_actor_class_wins():
    graph = rdflib.Graph()
    node = rdflib.URIRef(ID + "armedgroup/x")
    for cls in (NKG.Actor, NKG.Organization, NKG.ArmedGroup):
        graph.add((node, RDF.type, cls))
    assert analytics.story_nodes(graph)[str(node)].kind == "ArmedGroup"


def test_an_event_falls_in_the_family_nearest_its_class():
    graph = rdflib.Graph()
    for name, cls in (("suit", NKG.Lawsuit), ("killing", NKG.Killing)):
        event = rdflib.URIRef(ID + f"event/{name}")
        graph.add((event, RDF.type, cls))
        graph.add((event, RDF.type, NKG.Event))
        graph.add((event, RDFS.label, rdflib.Literal(name)))
    nodes = {n.label: n.event_category for n in analytics.story_nodes(graph).values()}
    # a lawsuit is a legal event (and, two steps up, a CAMEO disapproval); a killing an act of conflict
    assert nodes == {"suit": str(NKG.LegalEvent), "killing": str(NKG.ConflictEvent)}
