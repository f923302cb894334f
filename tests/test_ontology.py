"""The ontology is consistent OWL 2 under HermiT, and its disjointness axioms really bite."""
import shutil
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology" / "newskg.ttl"
NKG = rdflib.Namespace("https://w3id.org/newskg/ontology#")

pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs a Java runtime")


def _load(tmp_path: Path, extra: rdflib.Graph | None = None):
    import owlready2

    graph = rdflib.Graph().parse(ONTOLOGY)
    if extra is not None:
        graph += extra
    path = tmp_path / "onto.owl"
    graph.serialize(path, format="xml")  # owlready2 reads RDF/XML, not Turtle
    world = owlready2.World()
    onto = world.get_ontology(path.as_uri()).load()
    return world, onto


def test_ontology_is_consistent_under_hermit(tmp_path):
    import owlready2

    world, onto = _load(tmp_path)
    with onto:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    assert not list(world.inconsistent_classes())


def test_person_and_place_together_are_inconsistent(tmp_path):
    import owlready2

    extra = rdflib.Graph()
    thing = rdflib.URIRef("https://w3id.org/newskg/id/test/both")
    extra.add((thing, RDF.type, OWL.NamedIndividual))
    extra.add((thing, RDF.type, NKG.Person))
    extra.add((thing, RDF.type, NKG.Place))
    world, onto = _load(tmp_path, extra)
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        with onto:
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)


def test_every_term_has_label_and_comment():
    graph = rdflib.Graph().parse(ONTOLOGY)
    missing = []
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in graph.subjects(RDF.type, kind):
            if str(term).startswith(str(NKG)):
                if graph.value(term, RDFS.label) is None or graph.value(term, RDFS.comment) is None:
                    missing.append(str(term))
    assert missing == []


def test_contract_hierarchy():
    graph = rdflib.Graph().parse(ONTOLOGY)
    sem = rdflib.Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
    schema = rdflib.Namespace("https://schema.org/")
    prov = rdflib.Namespace("http://www.w3.org/ns/prov#")
    expected = [
        (NKG.Actor, sem.Actor), (NKG.Person, NKG.Actor), (NKG.Person, schema.Person),
        (NKG.Organization, NKG.Actor), (NKG.Organization, schema.Organization),
        (NKG.ArmedGroup, NKG.Organization), (NKG.GovernmentBody, NKG.Organization), (NKG.Group, NKG.Actor),
        (NKG.Place, sem.Place), (NKG.Place, schema.Place), (NKG.Event, sem.Event),
        (NKG.Statement, prov.Entity), (NKG.Article, schema.NewsArticle),
    ]
    for sub, sup in expected:
        assert (sub, RDFS.subClassOf, sup) in graph, f"{sub} should be a subclass of {sup}"
    for prop in (NKG.agent, NKG.target, NKG.participant):
        assert (prop, RDFS.subPropertyOf, sem.hasActor) in graph
    assert (NKG.place, RDFS.subPropertyOf, sem.hasPlace) in graph
    assert (NKG.speaker, RDFS.subPropertyOf, prov.wasAttributedTo) in graph


def test_required_event_classes_with_cameo_codes():
    graph = rdflib.Graph().parse(ONTOLOGY)
    required = ["Coup", "ArmedClash", "Raid", "Attack", "AirStrike", "Killing", "Arrest", "Protest", "Crackdown",
                "Displacement", "Election", "Appeal", "PublicStatement", "Rejection"]
    for name in required:
        assert (NKG[name], RDF.type, OWL.Class) in graph
        assert graph.value(NKG[name], RDFS.label) is not None
    assert str(graph.value(NKG.Protest, NKG.cameoCode)) == "140"
    assert str(graph.value(NKG.Rejection, NKG.cameoCode)) == "120"


def test_event_classes_are_generated_from_the_taxonomy():
    import sys

    sys.path.insert(0, str(ONTOLOGY.parent.parent / "tools"))
    from gen_ontology import read_taxonomy, updated

    text = ONTOLOGY.read_text(encoding="utf-8")
    assert updated(text, read_taxonomy()) == text, "run tools/gen_ontology.py after editing ontology/event_taxonomy.csv"


def test_the_taxonomy_has_every_cameo_root_and_the_news_families():
    from kg.lexicon import load_taxonomy

    taxonomy = load_taxonomy(ONTOLOGY.parent / "event_taxonomy.csv")
    roots = sorted(c.cameo for c in taxonomy.values() if "root" in c.traits)
    assert roots == [f"{n:02d}" for n in range(1, 21)]
    families = {c.name for c in taxonomy.values() if "family" in c.traits}
    assert {"LifeEvent", "LegalEvent", "PersonnelEvent", "BusinessEvent", "TransactionEvent", "MarketEvent",
            "ElectionEvent", "ContactEvent", "MovementEvent", "Incident", "ProductEvent"} <= families
    graph = rdflib.Graph().parse(ONTOLOGY)
    for cls in taxonomy.values():  # every kind of happening: a label, a definition and its roles
        node = NKG[cls.name]
        assert graph.value(node, RDFS.label) and graph.value(node, RDFS.comment)
        assert "family" in cls.traits or cls.roles, cls.name


def test_the_guideline_vocabulary_names_event_classes():
    """Every type word of the annotation guidelines is a class's name, label or altLabel, so gold
    written with it can be matched to a graph."""
    import re

    from kg.evaluate import _event_type_names
    from kg.keys import normalize_name

    guidelines = (ONTOLOGY.parent.parent / "tests" / "gold" / "GUIDELINES.md").read_text(encoding="utf-8")
    table = guidelines.split("### Event type vocabulary", 1)[1].split("\n\n", 2)[1]
    words = {normalize_name(w) for cell in re.findall(r"`([^`]+)`", table) for w in [cell]}
    names = set().union(*_event_type_names(ONTOLOGY).values())
    assert sorted(words - names) == []


def test_the_readme_taxonomy_table_is_the_taxonomy():
    """README.md shows the taxonomy as tools/taxonomy_table.py makes it from the data."""
    import importlib.util

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("taxonomy_table", root / "tools" / "taxonomy_table.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert module.updated(readme) == readme, "run: python tools/taxonomy_table.py"
    assert readme.count("| `nkg:") >= 150
