"""SHACL shapes catch each broken promise of the contract (each shape broken on purpose)."""
import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.rdf.namespaces import NIF, NKG
from kg.validate import combine, shape_parts, validate

ID = "https://w3id.org/newskg/id/"
TEXT = "Police arrested two men in Lyon on Monday."


def good_graph() -> rdflib.Graph:
    g = rdflib.Graph()
    article, police, lyon, event = (URIRef(ID + x) for x in ("article/a", "armedgroup/police", "place/lyon", "event/e1"))
    statement = URIRef(ID + "statement/s1")
    g.add((article, RDF.type, NKG.Article))
    g.add((article, NIF.isString, Literal(TEXT)))

    def mention(node, start, end):
        m = URIRef(f"{ID}mention/a/{start}-{end}")
        g.add((m, RDF.type, NKG.Mention))
        g.add((m, NIF.beginIndex, Literal(start, datatype=XSD.nonNegativeInteger)))
        g.add((m, NIF.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)))
        g.add((m, NIF.anchorOf, Literal(TEXT[start:end])))
        g.add((m, NIF.referenceContext, article))
        g.add((node, NKG.evidence, m))
        g.add((node, NKG.mentionedIn, article))

    for node, classes, label, span in ((police, ("ArmedGroup", "Organization", "Actor"), "police", (0, 6)),
                                       (lyon, ("Place",), "Lyon", (30, 34))):
        for cls in classes:
            g.add((node, RDF.type, NKG[cls]))
        g.add((node, RDFS.label, Literal(label)))
        mention(node, *span)
    g.add((event, RDF.type, NKG.Arrest))
    g.add((event, RDF.type, NKG.Event))
    g.add((event, RDFS.label, Literal("arrest: police")))
    g.add((event, NKG.agent, police))
    g.add((event, NKG.place, lyon))
    g.add((event, NKG.date, Literal("2021-06-21", datatype=XSD.date)))
    mention(event, 0, 15)
    g.add((statement, RDF.type, NKG.Statement))
    g.add((statement, NKG.speaker, police))
    g.add((statement, NKG.content, Literal("two men were arrested")))
    mention(statement, 0, 41)
    return g


def test_good_graph_conforms():
    report = validate(good_graph())
    assert report.conforms, report.text


def _break(change):
    g = good_graph()
    change(g)
    return validate(g)


ID_EVENT = URIRef(ID + "event/e1")
ID_POLICE = URIRef(ID + "armedgroup/police")
ID_STATEMENT = URIRef(ID + "statement/s1")


@pytest.mark.parametrize("name, change, message", [
    ("two labels", lambda g: g.add((ID_POLICE, RDFS.label, Literal("the police"))), "rdfs:label"),
    ("entity without evidence", lambda g: g.remove((ID_POLICE, NKG.evidence, None)), "evidence"),
    ("event without a specific class", lambda g: g.remove((ID_EVENT, RDF.type, NKG.Arrest)), "event class"),
    ("event without evidence", lambda g: g.remove((ID_EVENT, NKG.evidence, None)), "evidence"),
    ("event without actor, place, date or modality",
     lambda g: [g.remove((ID_EVENT, p, None)) for p in (NKG.agent, NKG.place, NKG.date)], "agent, target"),
    ("untyped date", lambda g: (g.remove((ID_EVENT, NKG.date, None)),
                                g.add((ID_EVENT, NKG.date, Literal("last Monday")))), "xsd:date"),
    ("statement without speaker", lambda g: g.remove((ID_STATEMENT, NKG.speaker, None)), "speaker"),
    ("offsets outside the text", lambda g: (g.remove((URIRef(ID + "mention/a/30-34"), NIF.endIndex, None)),
                                            g.add((URIRef(ID + "mention/a/30-34"), NIF.endIndex,
                                                   Literal(999, datatype=XSD.nonNegativeInteger)))), "offsets"),
    ("anchor that does not match", lambda g: (g.remove((URIRef(ID + "mention/a/0-6"), NIF.anchorOf, None)),
                                              g.add((URIRef(ID + "mention/a/0-6"), NIF.anchorOf, Literal("Army")))),
     "offsets"),
])
def test_each_shape_catches_its_break(name, change, message):
    report = _break(change)
    assert not report.conforms, name
    assert message in report.text, report.text
    g = good_graph()
    change(g)
    shared = combine([validate(g, part=(i, 2)) for i in range(2)])  # what a build's two children report
    assert (shared.conforms, shared.violations) == (False, report.violations) and message in shared.text


def test_the_shapes_are_dealt_into_shares_each_once_heaviest_apart():
    from kg.config import Settings

    shapes = rdflib.Graph().parse(Settings().shapes_path)
    parts = shape_parts(good_graph(), shapes, 2)
    everyone = sorted(str(s) for s in shapes.subjects(RDF.type, rdflib.namespace.SH.NodeShape))
    assert sorted(p for part in parts for p in part) == everyone and all(parts)
    assert combine([validate(good_graph(), part=(i, 2)) for i in range(2)]).conforms


def test_sparql_checks_of_the_shapes_file_run_on_oxigraph_not_pyshacl():
    """The whole-graph SPARQL constraints are taken out of the shapes pySHACL sees (rdflib's
    SPARQL engine is the slow part) and still run, with $this bound to each target node."""
    import rdflib as rl

    from kg.config import Settings
    from kg.validate import take_sparql_checks

    shapes = rl.Graph().parse(Settings().shapes_path)
    checks = take_sparql_checks(shapes)
    assert {c.message.split(" ")[0] for c in checks} >= {"mention", "an"}
    assert len(checks) == 7 and not list(shapes.subject_objects(rl.namespace.SH.sparql))


@pytest.mark.parametrize("breakage, message", [
    (lambda g, m: g.remove((m, NIF.endIndex, None)), "nif:endIndex"),
    (lambda g, m: g.add((m, NIF.beginIndex, Literal(3, datatype=XSD.nonNegativeInteger))), "nif:beginIndex"),
    (lambda g, m: g.set((m, NIF.beginIndex, Literal("0"))), "nif:beginIndex"),
    (lambda g, m: g.set((m, NIF.endIndex, Literal(-1, datatype=XSD.integer))), "nif:endIndex"),
    (lambda g, m: g.add((m, NIF.anchorOf, Literal("another"))), "nif:anchorOf"),
    (lambda g, m: g.set((m, NIF.referenceContext, URIRef(ID + "place/lyon"))), "nif:referenceContext"),
])
def test_a_mention_needs_one_offset_each_one_anchor_and_its_article(breakage, message):
    g = good_graph()
    mention = URIRef(ID + "mention/a/30-34")
    breakage(g, mention)
    report = validate(g)
    assert not report.conforms
    assert f"Value Node: <{mention}>" in report.text and message in report.text
