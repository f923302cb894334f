"""The scorer follows ../shared/eval/README.md: alias matching, splits, subclass types, roles."""
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.evaluate import score
from kg.rdf.namespaces import NKG

ID = "https://w3id.org/newskg/id/"
GOLD = {
    "entities": [
        {"name": "National Police", "aliases": ["police"], "type": "Organization"},
        {"name": "Jane Roe", "aliases": ["Roe"], "type": "Person"},
        {"name": "Lyon", "aliases": [], "type": "Place"},
        {"name": "Missing Org", "aliases": [], "type": "Organization"},
    ],
    "events": [
        {"type": "arrest", "agent": "National Police", "target": "Jane Roe", "place": "Lyon", "date": "2020-01-02",
         "evidence": "police arrested Roe"},
        {"type": "protest", "agent": "Missing Org", "target": None, "place": None, "date": None, "evidence": "x"},
    ],
    "statements": [{"speaker": "Jane Roe", "gist": "innocent", "quoted": True}],
}


def node(g, key, cls, label, *aliases):
    n = URIRef(ID + key)
    g.add((n, RDF.type, NKG[cls]))
    for parent in {"ArmedGroup": ["Organization", "Actor"], "Person": ["Actor"]}.get(cls, []):
        g.add((n, RDF.type, NKG[parent]))
    g.add((n, RDFS.label, Literal(label)))
    for a in aliases:
        g.add((n, SKOS.altLabel, Literal(a)))
    return n


def graph():
    g = rdflib.Graph()
    police = node(g, "armedgroup/police", "ArmedGroup", "the National Police")
    roe = node(g, "person/jane-roe", "Person", "Jane Roe", "Roe")
    roe2 = node(g, "person/roe", "Person", "Roe")  # a split
    lyon = node(g, "place/lyon", "Place", "Lyon")
    event = URIRef(ID + "event/a")
    for cls in ("Arrest", "ConflictEvent", "Event"):
        g.add((event, RDF.type, NKG[cls]))
    g.add((event, NKG.agent, police))
    g.add((event, NKG.target, roe2))
    g.add((event, NKG.place, lyon))
    g.add((event, NKG.date, Literal("2020-01-02", datatype=XSD.date)))
    article = URIRef(ID + "article/x")
    g.add((article, URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString"),
           Literal('Roe said "I am innocent".')))
    s = URIRef(ID + "statement/s")
    g.add((s, RDF.type, NKG.Statement))
    g.add((s, NKG.speaker, roe))
    g.add((s, NKG.quote, Literal("I am innocent")))
    return g, roe2


def test_scores_follow_the_matching_rules():
    g, _ = graph()
    result = score(GOLD, g, "t")
    f = result.figures
    assert (f["entity recall"].hit, f["entity recall"].total) == (3, 4)
    assert f["entity recall"].misses == ["Missing Org"]
    assert f["type accuracy"].value == 1.0  # ArmedGroup counts as Organization
    assert result.splits == ["Jane Roe (2 nodes: Jane Roe | Roe)"]
    assert (f["event recall"].hit, f["event recall"].total) == (1, 2)
    assert f["event roles"].value == 1.0 and f["event place"].value == 1.0 and f["event date"].value == 1.0
    assert f["statement recall"].value == 1.0 and f["quotes exact"].value == 1.0


def test_event_needs_one_of_its_actors():
    g, roe2 = graph()
    g.remove((None, NKG.agent, None))
    g.remove((None, NKG.target, None))
    assert score(GOLD, g, "t").figures["event recall"].hit == 0


def test_quoted_statement_needs_a_quote():
    g, _ = graph()
    g.remove((None, NKG.quote, None))
    assert score(GOLD, g, "t").figures["statement recall"].hit == 0


def test_of_several_statements_by_a_speaker_the_one_that_says_the_gist_is_matched():
    g, _ = graph()
    roe = URIRef(ID + "person/jane-roe")
    other = URIRef(ID + "statement/z-last")  # sorts after statement/s
    g.add((other, RDF.type, NKG.Statement))
    g.add((other, NKG.speaker, roe))
    g.add((other, NKG.quote, Literal("Lyon is cold")))
    gold = dict(GOLD, statements=[{"speaker": "Jane Roe", "gist": "she is cold", "quoted": True, "optional": True},
                                  {"speaker": "Jane Roe", "gist": "she is innocent", "quoted": True}])
    f = score(gold, g, "t").figures
    assert f["statement recall"].value == 1.0  # the optional one does not take the required one's statement
    assert f["quotes exact"].value == 1.0


def test_a_country_that_acts_may_be_its_government_without_a_split():
    g, _ = graph()
    node(g, "place/france", "Place", "France")
    government = node(g, "governmentbody/france-government", "GovernmentBody", "France government")
    g.add((government, RDF.type, NKG.Organization))
    g.add((government, RDF.type, NKG.Actor))
    event = URIRef(ID + "event/a")
    g.add((event, NKG.target, government))
    gold = dict(GOLD, entities=[*GOLD["entities"], {"name": "France", "aliases": [], "type": "Place"}],
                events=[{"type": "arrest", "agent": "National Police", "target": "France", "place": "Lyon",
                         "date": "2020-01-02", "evidence": "police arrested Roe"}])
    result = score(gold, g, "t")
    assert result.figures["event roles"].value == 1.0
    assert not any(s.startswith("France") for s in result.splits)
    assert "France government" not in result.figures["entity precision"].misses


def test_every_gold_file_is_consistent_with_its_article():
    """Our answer keys themselves: every name, alias and evidence is in the article's text, and every
    role names an entity of the same file (a typo would silently cost recall). seed.json is the
    user's own annotation, kept as given (it names some things canonically, "Myanmar military")."""
    import json
    from pathlib import Path

    root = Path(__file__).parent
    files = [p for p in sorted((root / "gold").glob("*.json")) if p.name != "seed.json"]
    files += sorted((root / "gold-composed").glob("*.json")) + sorted((root / "heldout").glob("*.json"))
    assert len(files) >= 100
    for path in files:
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (path.parent / gold["article"]).read_text(encoding="utf-8")
        names = {e["name"] for e in gold["entities"]}
        for e in gold["entities"]:
            for form in (e["name"], *e["aliases"]):
                assert form in text, f"{path.name}: {form!r} is not in the article"
        for event in gold["events"]:
            assert event["evidence"] in text, f"{path.name}: evidence {event['evidence']!r} is not in the article"
            for role in ("agent", "target", "place"):
                assert event.get(role) in names | {None}, f"{path.name}: {role} {event.get(role)!r} is no entity"
        for statement in gold["statements"]:
            assert statement["speaker"] in names, f"{path.name}: speaker {statement['speaker']!r} is no entity"
            assert statement.get("disputes") in names | {None}, f"{path.name}: disputes {statement.get('disputes')!r}"
