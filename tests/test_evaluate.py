"""The scorer follows ../shared/eval/README.md: alias matching, splits, subclass types, roles."""
import pytest
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


NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"


def market_moves(text: str, spans: tuple) -> rdflib.Graph:
    """An article's text and its market moves: (node name, begin, end, moves the Zeta index?)."""
    g = rdflib.Graph()
    g.add((URIRef(ID + "article/x"), URIRef(NIF + "isString"), Literal(text)))
    zeta = node(g, "financialinstrument/zeta", "FinancialInstrument", "Zeta index")
    for name, start, end, moves_zeta in spans:
        event, mention = URIRef(ID + name), URIRef(ID + name + "-m")
        g.add((event, RDF.type, NKG.MarketMove))
        g.add((event, RDF.type, NKG.Event))
        g.add((event, NKG.evidence, mention))
        g.add((mention, URIRef(NIF + "beginIndex"), Literal(start, datatype=XSD.nonNegativeInteger)))
        g.add((mention, URIRef(NIF + "endIndex"), Literal(end, datatype=XSD.nonNegativeInteger)))
        if moves_zeta:
            g.add((event, NKG.theme, zeta))
    return g


def zeta_gold(generic_evidence: str, zeta_evidence: str) -> dict:
    return {"entities": [{"name": "Zeta index", "aliases": [], "type": "FinancialInstrument"}],
            "events": [{"type": "market move", "agent": None, "target": None, "evidence": generic_evidence},
                       {"type": "market move", "agent": None, "target": "Zeta index", "evidence": zeta_evidence}]}


def test_of_several_events_of_a_class_the_one_told_in_the_gold_evidence_is_matched():
    g = market_moves("Markets fell worldwide. The Zeta index fell 2%.", (("event/a", 8, 12, False),
                                                                        ("event/z", 35, 39, True)))
    gold = zeta_gold("Markets fell worldwide", "The Zeta index fell 2%")
    assert score(gold, g, "t").figures["event recall"].hit == 2  # the first no longer takes event/z


def test_events_are_assigned_so_that_the_most_gold_events_are_found():
    g = market_moves("The Zeta index added 0.2%, and blue chips rose.", (("event/a", 31, 47, False),
                                                                        ("event/z", 0, 47, True)))  # z sorts last
    f = score(zeta_gold("blue chips rose", "The Zeta index added 0.2%"), g, "t").figures
    assert f["event recall"].hit == 2 and f["event precision"].hit == 2  # the first takes event/a, not event/z


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


# ---------------------------------------------------------------------------- a gold file against a corpus graph

def corpus_graph():
    """The graph of test article x plus another article y, each node nkg:mentionedIn its article."""
    g, _ = graph()
    x, y = URIRef(ID + "article/x"), URIRef(ID + "article/y")
    for subject in set(g.subjects()) - {x}:
        g.add((subject, NKG.mentionedIn, x))
    for article in (x, y):
        g.add((article, RDF.type, NKG.Article))
    g.add((y, URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString"),
           Literal("John Intruder spoke in Oslo.")))
    for key, label in (("person/john-intruder", "John Intruder"), ("place/oslo", "Oslo")):
        other = node(g, key, "Person" if key.startswith("person") else "Place", label)
        g.add((other, NKG.mentionedIn, y))
    return g


def write_corpus(tmp_path, suffix=".ttl"):
    import pyoxigraph as ox

    from kg.export import OxConverter

    g = corpus_graph()
    path = tmp_path / f"corpus{suffix}"
    if suffix == ".ttl":
        g.serialize(path, format="turtle")
    else:  # one named graph per article, as kg build writes graph.trig
        convert = OxConverter()
        quads = [ox.Quad(*(convert(t) for t in triple), convert(article))
                 for article in (URIRef(ID + "article/x"), URIRef(ID + "article/y"))
                 for triple in g if (triple[0], NKG.mentionedIn, article) in g or triple[0] == article]
        path.write_bytes(ox.serialize(quads, format=ox.RdfFormat.TRIG))
    return path


@pytest.mark.parametrize("suffix", [".ttl", ".trig"])
@pytest.mark.parametrize("article", ["x.txt", "sources/x.txt"])  # found by its text; by its id when the file is gone
def test_a_gold_file_is_scored_against_its_own_article_of_a_corpus_graph(tmp_path, suffix, article):
    import json

    from kg.evaluate import evaluate_files, render

    (tmp_path / "x.txt").write_text('Roe said "I am innocent".', encoding="utf-8")
    gold = tmp_path / "x.json"
    gold.write_text(json.dumps(dict(GOLD, article=article)), encoding="utf-8")
    result = evaluate_files(gold, write_corpus(tmp_path, suffix))
    precision = result.figures["entity precision"]
    assert "John Intruder" not in precision.misses and "Oslo" not in precision.misses
    assert precision.value == 1.0
    assert "id:article/x, one of 2 article(s)" in render(result).splitlines()[1]


def test_a_gold_file_whose_article_the_graph_lacks_is_refused(tmp_path, capsys):
    import json

    from kg.cli import main

    gold = tmp_path / "z.json"
    gold.write_text(json.dumps(dict(GOLD, article="z.txt")), encoding="utf-8")
    assert main(["evaluate", str(gold), str(write_corpus(tmp_path))]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "none of its 2 articles" in err


def test_the_reliability_table_counts_right_facts_per_confidence_band():
    from kg.evaluate import Score, reliability

    scores = [Score("a", {}, [], confidences=[("event", 0.85, True), ("event", 0.81, False), ("place", 0.33, True)]),
              Score("b", {}, [], confidences=[("event", 0.89, True), ("date", 1.0, True)])]
    lines = reliability(scores).splitlines()
    band = next(line for line in lines if line.startswith("0.8-0.9"))
    assert "2/3 = 0.67" in band
    assert "1/1 = 1.00" in next(line for line in lines if line.startswith("0.9-1.0"))
    assert "1/1 = 1.00" in next(line for line in lines if line.startswith("0.3-0.4"))
    assert "no fact carries" in reliability([Score("c", {}, [])])


@pytest.mark.parametrize("graph_file", ["graph.ttl", "graph.trig"])
def test_a_graph_kg_built_is_scored_with_its_role_confidences_from_either_export(tmp_path, graph_file):
    import json

    from kg.cli import main
    from kg.evaluate import evaluate_files

    article = tmp_path / "raid.txt"
    article.write_text("Police raid in Lyon\nPolice arrested Jane Roe in Lyon on Thursday, officials said.\n",
                       encoding="utf-8")
    assert main(["build", str(article), "-o", str(tmp_path / "out"), "--published", "2020-01-03", "-q",
                 "--no-html", "--no-validate"]) == 0
    gold = tmp_path / "raid.json"
    gold.write_text(json.dumps(dict(GOLD, article="raid.txt")), encoding="utf-8")
    result = evaluate_files(gold, tmp_path / "out" / graph_file)
    assert result.figures["event recall"].misses == ["protest: x"]  # the arrest is found, its roles scored
    assert result.confidences  # every role of a matched event comes with its confidence


def test_a_graph_whose_roles_state_no_confidence_is_scored_without_a_reliability(tmp_path):
    import json

    import rdflib

    from kg.cli import main
    from kg.evaluate import evaluate_files

    article = tmp_path / "raid.txt"
    article.write_text("Police raid in Lyon\nPolice arrested Jane Roe in Lyon on Thursday.\n", encoding="utf-8")
    assert main(["build", str(article), "-o", str(tmp_path / "out"), "--published", "2020-01-03", "-q",
                 "--no-html", "--no-validate"]) == 0
    graph = rdflib.Graph().parse(tmp_path / "out" / "graph.ttl")
    for assertion in set(graph.objects(None, NKG.roleAssertion)):
        graph.remove((assertion, NKG.confidence, None))  # as another tool might write it
    graph.serialize(tmp_path / "other.ttl", format="turtle")
    gold = tmp_path / "raid.json"
    gold.write_text(json.dumps(dict(GOLD, article="raid.txt")), encoding="utf-8")
    result = evaluate_files(gold, tmp_path / "other.ttl")
    assert result.figures["event recall"].misses == ["protest: x"]
    assert not [kind for kind, _, _ in result.confidences if kind in ("role", "place", "date")]
