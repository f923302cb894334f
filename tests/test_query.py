"""The query library and `kg query`: answers, engine agreement, safe parameters, formats, errors."""
from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import query, store
from kg.errors import QueryError

FIXTURE = Path(__file__).parent / "fixtures" / "query_sample.ttl"
ID = "https://w3id.org/newskg/id/"
HOSTILE_LABEL = 'Ministry of "Truth" } ; DROP GRAPH <urn:x> ; {'
PARAMS = {
    "events_in_place": {"place": "zürich"},
    "actor_profile": {"actor": "RVDF"},
    "evidence": {"node": "Maria O'Brien"},
    "actor_timeline": {"actor": "the guard"},
}


@pytest.fixture(scope="module")
def oxstore():
    return store.load_files([FIXTURE])


@pytest.fixture(scope="module")
def rdflib_graph():
    return store.load_rdflib([FIXTURE])


def answer(oxstore, name, **params):
    prepared = query.load(name)
    return query.execute(oxstore, prepared, query.bind_params(prepared, params))


def table(result):
    """Rows as dicts of plain strings ('' for unbound), for asserting on meaning."""
    return [{v: ("" if t is None else t.value) for v, t in zip(result.variables, row)} for row in result.rows]


def normalized(term):
    """A term as engines must agree on it. Oxigraph stores xsd:nonNegativeInteger as xsd:integer;
    GROUP_CONCAT order is engine-dependent, so "; "-joined cells compare as sorted parts."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype.endswith(("#integer", "#nonNegativeInteger", "#int", "#long")):
            return ("number", int(term.value))
        return ("literal", tuple(sorted(term.value.split("; "))), term.language or datatype)
    return (type(term).__name__, term.value)


# ---------------------------------------------------------------------------- the library itself

def test_bundled_lists_every_query_file_with_a_description():
    names = [name for name, _ in query.bundled()]
    assert names == sorted(p.stem for p in query.QUERIES_DIR.glob("*.rq"))
    assert {"timeline", "who_acted_against_whom", "statements", "disputed_claims", "events_in_place",
            "actor_profile", "evidence", "graph_stats", "actor_timeline"} <= set(names)
    for name, description in query.bundled():
        assert len(description) > 20, name


@pytest.mark.parametrize("name", [name for name, _ in query.bundled()])
def test_bundled_query_header_and_portability_rules(name):
    text = (query.QUERIES_DIR / f"{name}.rq").read_text()
    assert text.startswith("# ")
    declared = query.load(name).params
    assert set(declared) == set(PARAMS.get(name, {})), "PARAMS above must cover every declared parameter"
    for param in declared:
        assert f"?{param}" in text
    body = query.strip_comments_and_strings(text)
    assert "subClassOf*" not in body.replace(" ", ""), "the graph materializes superclass types"
    assert len(re.findall(r"\*\s*[/;.)}]", body.replace("SELECT *", ""))) <= 1
    assert "ORDER BY" in text


@pytest.mark.parametrize("name", [name for name, _ in query.bundled()])
def test_oxigraph_and_rdflib_engines_give_the_same_answers(name, oxstore, rdflib_graph):
    prepared = query.load(name)
    terms = query.bind_params(prepared, PARAMS.get(name, {}))
    fast = query.execute(oxstore, prepared, terms)
    slow = query.run_rdflib(prepared, rdflib_graph, terms)
    assert fast.variables == slow.variables
    assert fast.rows, f"{name} finds nothing in the fixture, so the comparison proves nothing"
    assert [tuple(map(normalized, r)) for r in fast.rows] == [tuple(map(normalized, r)) for r in slow.rows]


# ---------------------------------------------------------------------------- what each query answers

def test_timeline_one_row_per_event_with_its_most_specific_type_in_date_order(oxstore):
    rows = table(answer(oxstore, "timeline"))
    assert len(rows) == 6
    assert [r["date"] for r in rows] == ["2021", "2021-03", "2021-03-27", "2021-03-27", "2021-03-28", ""]
    raid = next(r for r in rows if r["event"] == ID + "event/raid-1")
    assert raid["type"] == "raid" and raid["agents"] == "Northern Guard"
    assert raid["targets"] == "River Valley Defence Force" and raid["place"] == "Zürich"
    attack = rows[-1]
    assert attack["type"] == "attack" and attack["modality"] == "negated"
    assert attack["targets"] == "Residents, farmers; traders; River Valley Defence Force"  # sorted on Oxigraph
    clash = next(r for r in rows if r["type"] == "armed clash")
    assert clash["agents"] == "" and clash["place"] == ""


def test_timeline_shows_what_an_event_is_about_when_it_is_no_actor():
    graph = ox.Store()
    nkg, rdfs = "https://w3id.org/newskg/ontology#", "http://www.w3.org/2000/01/rdf-schema#"
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    event, index = ox.NamedNode(ID + "event/move-1"), ox.NamedNode(ID + "financialinstrument/ftse-250")
    graph.add(ox.Quad(event, rdf_type, ox.NamedNode(nkg + "MarketMove")))
    graph.add(ox.Quad(event, rdf_type, ox.NamedNode(nkg + "Event")))
    graph.add(ox.Quad(ox.NamedNode(nkg + "MarketMove"), ox.NamedNode(rdfs + "subClassOf"), ox.NamedNode(nkg + "Event")))
    graph.add(ox.Quad(event, ox.NamedNode(nkg + "theme"), index))
    graph.add(ox.Quad(index, ox.NamedNode(rdfs + "label"), ox.Literal("FTSE 250")))
    (row,) = table(answer(graph, "timeline"))
    assert row["themes"] == "FTSE 250" and row["agents"] == "" and row["type"] == "MarketMove"


def test_timeline_falls_back_to_the_class_name_without_labels():
    graph = ox.Store()
    nkg = "https://w3id.org/newskg/ontology#"
    event = ox.NamedNode(ID + "event/x")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    for cls in ("Raid", "ConflictEvent", "Event"):
        graph.add(ox.Quad(event, rdf_type, ox.NamedNode(nkg + cls)))
    for sub, sup in (("Raid", "ConflictEvent"), ("ConflictEvent", "Event")):
        graph.add(ox.Quad(ox.NamedNode(nkg + sub), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf"),
                          ox.NamedNode(nkg + sup)))
    assert [r["type"] for r in table(answer(graph, "timeline"))] == ["Raid"]


def test_who_acted_against_whom_counts_events_per_pair(oxstore):
    rows = table(answer(oxstore, "who_acted_against_whom"))
    top = rows[0]
    assert (top["agentName"], top["targetName"], top["events"]) == ("Northern Guard", "River Valley Defence Force", "3")
    assert set(top["types"].split("; ")) == {"raid", "killing", "attack"}
    pairs = {(r["agentName"], r["targetName"]) for r in rows}
    assert (HOSTILE_LABEL, "Maria O'Brien") in pairs
    assert all(r["agentName"] != r["targetName"] for r in rows)


def test_statements_keep_exact_quotes(oxstore):
    rows = table(answer(oxstore, "statements"))
    quotes = {r["speaker"]: r["quote"] for r in rows if r["quote"]}
    assert quotes["Northern Guard"] == 'We "cleared" the camp\\ and left,'
    assert quotes["Maria O'Brien"] == "<script>alert('x')</script> \x1b[31mred\x1b[0m \U0001F642"
    assert rows[0]["date"] == "2021-03-28" and rows[-1]["date"] == ""


def test_disputed_claims_pair_claimant_and_disputer(oxstore):
    rows = table(answer(oxstore, "disputed_claims"))
    pairs = {(r["claimant"], r["disputer"]): (r["claim"], r["dispute"]) for r in rows}
    assert pairs[("Northern Guard", "River Valley Defence Force")] == (
        'We "cleared" the camp\\ and left,', "Lies; all lies } ; DROP ALL ; {")
    assert ("Maria O'Brien", HOSTILE_LABEL) in pairs


@pytest.mark.parametrize("place", ["Zürich", "ZÜRICH", "zurich", ID + "place/zurich"])
def test_events_in_place_by_label_alias_or_iri(oxstore, place):
    rows = table(answer(oxstore, "events_in_place", place=place))
    assert {r["event"] for r in rows} == {ID + "event/raid-1", ID + "event/killing-1"}
    assert {r["placeName"] for r in rows} == {"Zürich"}


def test_actor_profile_gathers_aliases_roles_statements_and_co_participants(oxstore):
    rows = table(answer(oxstore, "actor_profile", actor="rvdf"))
    assert {r["name"] for r in rows} == {"River Valley Defence Force"}
    facets = {}
    for r in rows:
        facets.setdefault(r["facet"], set()).add(r["value"])
    assert facets["alias"] == {"RVDF"}
    assert {v.split(":")[0] for v in facets["target"]} == {"raid", "killing", "attack"}
    assert facets["participant"] == {"armed clash: Northern Guard, River Valley Defence Force"}
    assert facets["statement"] == {"Lies; all lies } ; DROP ALL ; {"}
    assert facets["co-participant"] == {"Northern Guard", "Residents, farmers; traders"}
    order = [r["facet"] for r in rows]
    assert order.index("alias") < order.index("target") < order.index("statement") < order.index("co-participant")


def test_evidence_offsets_point_at_the_anchor_in_the_article_text(oxstore):
    rows = table(answer(oxstore, "evidence", node="the ministry denies her account"))
    assert len(rows) == 1
    texts = {s.subject.value: s.object.value for s in oxstore.quads_for_pattern(
        None, ox.NamedNode("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString"), None)}
    for label in ("Northern Guard", HOSTILE_LABEL, "raid: Northern Guard → River Valley Defence Force"):
        rows = table(answer(oxstore, "evidence", node=label))
        assert rows, label
        for r in rows:
            assert texts[r["article"]][int(r["begin"]):int(r["end"])] == r["anchor"]
            assert r["anchor"] in r["sentence"]


def test_graph_stats_counts_nodes_by_class(oxstore):
    counts = {r["class"].rsplit("#", 1)[-1]: int(r["count"]) for r in table(answer(oxstore, "graph_stats"))}
    assert counts["Event"] == 6 and counts["Statement"] == 5 and counts["Actor"] == 5
    assert counts["Mention"] == 27 and counts["Article"] == 2 and counts["ConflictEvent"] == 5


# ---------------------------------------------------------------------------- parameters

def test_a_hostile_parameter_value_is_data_not_query_text(oxstore):
    rows = table(answer(oxstore, "actor_profile", actor=HOSTILE_LABEL))
    assert {r["name"] for r in rows} == {HOSTILE_LABEL}
    for value in ['x" } ; DROP ALL ; { "', "a\\\nb\r\"'''", "} } SELECT * WHERE { ?s ?p ?o } #", "?actor"]:
        assert answer(oxstore, "actor_profile", actor=value).rows == ()
    assert len(oxstore) == len(store.load_files([FIXTURE]))


def test_parameters_are_substituted_as_serialized_terms():
    hostile = query.param_term('a"b\\c\n} ; DROP ALL')
    text = query.substitute("SELECT ?x ?v WHERE { ?x ?p ?v . FILTER(?v != '?v') } ORDER BY ?v", {"v": hostile})
    term = '"a\\"b\\\\c\\n} ; DROP ALL"'
    assert text == f"SELECT ?x ({term} AS ?v) WHERE {{ ?x ?p {term} . FILTER({term} != '?v') }} ORDER BY ({term})"
    assert list(ox.Store().query(text)) == []
    # the same in a subquery, a GROUP BY, an EXISTS: everywhere the variable is the constant
    text = query.substitute("SELECT ?v (COUNT(*) AS ?n) WHERE { { SELECT ?s WHERE { ?s ?p ?v } } "
                            "FILTER EXISTS { ?s ?q ?v } } GROUP BY ?v", {"v": ox.Literal("x")})
    assert text.count('"x"') == 4 and "?v" not in text.replace('AS ?v', '')
    with pytest.raises(QueryError, match="cannot also assign"):
        query.substitute("SELECT * WHERE { BIND(1 AS ?v) }", {"v": ox.Literal("x")})
    with pytest.raises(QueryError, match="cannot also assign"):
        query.substitute("SELECT * WHERE { VALUES ?v { 1 } }", {"v": ox.Literal("x")})


def test_iri_looking_values_bind_as_iris(oxstore):
    assert isinstance(query.param_term("https://w3id.org/newskg/id/x"), ox.NamedNode)
    assert isinstance(query.param_term("<urn:isbn:123>"), ox.NamedNode)
    assert isinstance(query.param_term("Northern Guard"), ox.Literal)
    assert isinstance(query.param_term("mailto:x@example.org"), ox.Literal)
    rows = table(answer(oxstore, "evidence", node=ID + "person/maria-o-brien"))
    assert {r["subject"] for r in rows} == {ID + "person/maria-o-brien"} and len(rows) == 2
    with pytest.raises(QueryError, match="not a valid"):
        query.param_term("http://bad iri/")


def test_an_iri_as_the_tables_print_it_binds_as_that_iri(oxstore):
    assert query.param_term("id:person/maria-o-brien") == ox.NamedNode(ID + "person/maria-o-brien")
    assert isinstance(query.param_term("id: not an IRI"), ox.Literal)
    assert isinstance(query.param_term("Re:Invent"), ox.Literal)  # no prefix of kg's: a name
    rows = table(answer(oxstore, "evidence", node="id:person/maria-o-brien"))
    assert {r["subject"] for r in rows} == {ID + "person/maria-o-brien"} and len(rows) == 2


def test_parameters_are_checked_against_the_query():
    with pytest.raises(QueryError, match=r"--param place=VALUE"):
        query.bind_params(query.load("events_in_place"), {})
    with pytest.raises(QueryError, match="no parameter 'where'"):
        query.bind_params(query.load("events_in_place"), {"place": "x", "where": "y"})
    with pytest.raises(QueryError, match="variable name"):
        query.bind_params(query.load("SELECT ?x WHERE { ?x ?p ?o }"), {"x y": "1"})
    assert query.bind_params(query.load("SELECT ?x WHERE { ?x ?p ?o }"), {"o": "1"}) == {"o": ox.Literal("1")}


# ---------------------------------------------------------------------------- errors

def test_syntax_error_is_one_line_with_line_and_column():
    with pytest.raises(QueryError) as caught:
        query.run("SELECT ?x WHERE {\n  ?x ?y .\n}", graphs=[FIXTURE])
    message = str(caught.value)
    assert "\n" not in message
    assert "line 3, column 1 near '}'" in message


def test_syntax_error_position_is_in_the_users_text_not_the_substituted_one():
    text = "SELECT ?x WHERE { ?x ?p ?v . FILTER( ?v = }"
    with pytest.raises(QueryError) as plain:
        query.run(text, graphs=[FIXTURE])
    with pytest.raises(QueryError) as bound:
        query.run(text, graphs=[FIXTURE], params={"v": "a long value that shifts columns"})
    assert "line 1, column 44" in str(plain.value)
    assert "line 1, column 44 at the end" in str(bound.value)


def test_unknown_bundled_name_suggests_close_names():
    with pytest.raises(QueryError, match="did you mean timeline"):
        query.load("timelin")
    with pytest.raises(QueryError, match="no such query file"):
        query.load("missing/query.rq")


def test_updates_and_service_are_refused():
    with pytest.raises(QueryError, match="update"):
        query.run("PREFIX x: <urn:x#> INSERT DATA { x:a x:b x:c }", graphs=[FIXTURE])
    with pytest.raises(QueryError, match="SERVICE"):
        query.run("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", graphs=[FIXTURE])
    # the words inside strings, IRIs and comments are not keywords
    result = query.run('SELECT ?s WHERE { ?s ?p "SERVICE INSERT" } # SERVICE', graphs=[FIXTURE])
    assert result.rows == ()


def test_shape_reads_form_and_datasets_without_running():
    found = query.shape("PREFIX g: <http://example.org/g/>\nSELECT * FROM g:one FROM NAMED <http://x/2> WHERE {}")
    assert found.form == "SELECT" and found.datasets == ("http://example.org/g/one", "http://x/2")
    assert query.shape("# SELECT\nLOAD <http://x>").form == "UPDATE"
    assert query.shape("ASK { ?s <http://x/SERVICE> ?service }").service is False


# ---------------------------------------------------------------------------- running and rendering

def test_run_accepts_text_files_and_bundled_names(tmp_path):
    by_name = query.run("statements", graphs=[FIXTURE])
    path = tmp_path / "mine.rq"
    path.write_text((query.QUERIES_DIR / "statements.rq").read_text())
    assert query.run(str(path), graphs=[FIXTURE]) == by_name
    assert query.run(path.read_text(), graphs=[FIXTURE]) == by_name


def test_several_graph_files_are_queried_together(tmp_path):
    extra = tmp_path / "extra.nt"
    extra.write_text(f"<{ID}event/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                     "<https://w3id.org/newskg/ontology#Event> .\n")
    events = "SELECT (COUNT(?e) AS ?n) WHERE { ?e a <https://w3id.org/newskg/ontology#Event> }"
    assert query.run(events, graphs=[FIXTURE, extra]).rows[0][0].value == "7"


def test_json_is_sparql_results_json(oxstore):
    doc = json.loads(query.render(answer(oxstore, "statements"), "json"))
    assert doc["head"]["vars"] == ["speaker", "quote", "content", "date", "statement"]
    first = doc["results"]["bindings"][0]
    assert first["statement"]["type"] == "uri"
    assert first["date"] == {"type": "literal", "value": "2021-03-28",
                             "datatype": "http://www.w3.org/2001/XMLSchema#date"}
    assert first["quote"] == {"type": "literal", "value": 'We "cleared" the camp\\ and left,'}
    undated = doc["results"]["bindings"][-1]
    assert "date" not in undated and "quote" not in undated
    assert json.loads(query.render(query.run("ASK { ?s ?p ?o }", graphs=[FIXTURE]), "json")) == {
        "head": {}, "boolean": True}


def test_csv_has_a_header_and_round_trips_hostile_text(oxstore):
    result = answer(oxstore, "statements")
    rows = list(csv.reader(io.StringIO(query.render(result, "csv"), newline="")))
    assert rows[0] == list(result.variables)
    assert len(rows) == len(result.rows) + 1
    assert rows[3][1] == "<script>alert('x')</script> \x1b[31mred\x1b[0m \U0001F642"
    assert rows[1][4] == ID + "statement/s1"


def test_tsv_writes_terms_with_escapes(oxstore):
    text = query.render(answer(oxstore, "evidence", node="Maria O'Brien"), "tsv")
    lines = text.rstrip("\n").split("\n")
    assert lines[0].split("\t") == ["?label", "?anchor", "?begin", "?end", "?sentence", "?article", "?subject"]
    assert len(lines) == 3 and all(len(line.split("\t")) == 7 for line in lines)
    assert f"<{ID}article/a1>" in lines[1] and '"Maria O\'Brien"' in lines[1]


def test_xml_is_sparql_results_xml(oxstore):
    root = ET.fromstring(query.render(answer(oxstore, "disputed_claims"), "xml"))
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)][:2] == ["claimant", "claim"]
    results = root.findall("r:results/r:result", ns)
    assert len(results) == 2
    dispute = results[0].find("r:binding[@name='dispute']/r:literal", ns)
    assert dispute.text == "Lies; all lies } ; DROP ALL ; {"


def test_table_is_aligned_and_shows_control_characters_safely(oxstore):
    text = query.render(answer(oxstore, "statements"), "table")
    lines = text.splitlines()
    assert lines[0].split()[:2] == ["speaker", "quote"]
    assert lines[-1] == "(5 rows)"
    assert "\x1b" not in text and "\\u001b[31mred" in text
    start = lines[0].index("quote")
    assert lines[1][start - 2:start] == "  " and lines[2][start - 2:start] == "  "
    assert "id:statement/s1" in text


def triples(text, fmt):
    return {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(text, format=fmt)}


def test_construct_renders_as_turtle_or_json_ld_and_parses_back():
    result = query.run("CONSTRUCT { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } "
                       "WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }", graphs=[FIXTURE])
    assert result.kind == "graph" and len(result.triples) > 20
    turtle = query.render(result, "turtle")
    assert "@prefix id:" in turtle and "@prefix sem:" not in turtle
    assert triples(turtle, ox.RdfFormat.TURTLE) == set(result.triples)
    jsonld = query.render(result, "json")
    assert triples(jsonld, ox.RdfFormat.JSON_LD) == set(result.triples)
    assert turtle == query.render(result, "table")
    with pytest.raises(QueryError, match="turtle or json"):
        query.render(result, "csv")
    with pytest.raises(QueryError, match="CONSTRUCT"):
        query.render(query.run("statements", graphs=[FIXTURE]), "turtle")


def test_display_prefixes_match_the_exported_ones():
    from kg.export import PREFIXES

    assert query.PREFIXES == PREFIXES


# ---------------------------------------------------------------------------- through the CLI

def test_cli_query_prints_json_and_lists_queries(capsys):
    from kg.cli import main

    assert main(["query", "timeline", "--graph", str(FIXTURE), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert len(doc["results"]["bindings"]) == 6
    assert main(["query", "--list"]) == 0
    listed = capsys.readouterr().out
    assert "timeline" in listed and "--param place=" in listed
    assert main(["query", "events_in_place", "--graph", str(FIXTURE), "--param", "place=Łódź"]) == 0
    assert "id:event/protest-1" in capsys.readouterr().out


def test_cli_query_error_is_one_line_and_exit_2(capsys):
    from kg.cli import main

    assert main(["query", "SELECT ?x WHERE { ?x ", "--graph", str(FIXTURE)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "line 1, column" in err
    assert main(["query", "timeline", "--graph", "no/such/graph.ttl"]) == 2
    assert "no such graph file" in capsys.readouterr().err


def test_a_wrong_parameter_lists_only_the_declared_ones(capsys):
    """Issue 13, item 6: `kg query timeline --param x=1` listed timeline's inner variables."""
    from kg.cli import main

    assert main(["query", "timeline", "--graph", str(FIXTURE), "--param", "x=1"]) == 2
    err = capsys.readouterr().err
    assert "timeline.rq has no parameter 'x' (it takes no parameters)" in err and "agentLabel" not in err
    with pytest.raises(QueryError, match="it takes no parameters"):
        query.bind_params(query.load("timeline"), {"agentLabel": "x"})  # an inner variable is no parameter
    assert main(["query", "evidence", "--graph", str(FIXTURE), "--param", "x=1"]) == 2
    assert "(its parameters: node)" in capsys.readouterr().err
