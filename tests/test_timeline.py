"""`kg timeline`: one entity's events and statements across the articles of a corpus graph.

Two invented articles about an invented miner are built once; the timeline is then asked for by
name, other name and IRI, in every output format. What is asserted is the timeline (which node,
order, roles, one line per event, evidence), not how well kg extracts: the texts are written in
plain newswire sentences whose events kg does extract. A hand-written graph covers what the
articles cannot show reliably (two roles in one event, several spans, accents).
"""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import query, timeline
from kg.cli import main
from kg.errors import ActorError
from tests.conftest import ROOT

ID = "https://w3id.org/newskg/id/"
FIXTURE = Path(__file__).parent / "fixtures" / "query_sample.ttl"
ARTICLES = [
    {"id": "norvale-1", "title": "Copper miner expands", "published": "2023-03-14",
     "text": "Copper miner expands\n\nNorvale Mining (NVM) acquired Bexley Copper on Monday for $2 billion. "
             "Workers at Bexley Copper protested against Norvale Mining on Tuesday in Sudbury."},
    {"id": "norvale-2", "title": "Deal questioned", "published": "2023-03-20",
     "text": "Deal questioned\n\nNorvale Mining has sued Terrace Holdings over a disputed license. "
             "Norvale Mining acquired Bexley Copper on March 13 for $2 billion. "
             "Norvale Mining said in a statement on Friday that the deal would double its copper output. "
             "Police did not raid Norvale Mining's offices on Wednesday."},
]


@pytest.fixture(scope="module")
def graph(tmp_path_factory, settings) -> Path:
    from kg.pipeline import build

    folder = tmp_path_factory.mktemp("timeline")
    source = folder / "articles.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    build([source], out_dir=folder / "out", html=False, validate=False, progress=False, settings=settings)
    return folder / "out" / "graph.ttl"


def rows(found: timeline.Timeline) -> list[dict[str, str]]:
    result = found.result
    return [{v: ("" if t is None else t.value) for v, t in zip(result.variables, row)} for row in result.rows]


def the(table: list[dict[str, str]], kind: str) -> dict[str, str]:
    matching = [r for r in table if r["kind"] == kind]
    assert len(matching) == 1, (kind, table)
    return matching[0]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["timeline", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# ---------------------------------------------------------------------------- on a built corpus

def test_events_are_in_date_order_undated_last_one_line_per_event(graph):
    found = timeline.timeline("Norvale Mining", [graph])
    assert found.node.value == ID + "organization/norvale-mining" and found.label == "Norvale Mining"
    table = rows(found)
    dates = [r["date"] for r in table]
    dated = [d for d in dates if d]
    assert dated == sorted(dated) and len(set(dated)) >= 3, dates
    assert dates[-1] == "" and dates.index("") == len(dated), "undated rows come last"
    assert len({r["node"] for r in table}) == len(table), "one line per event or statement node"

    deal = the(table, "acquisition or merger")
    assert deal["date"] == "2023-03-13" and deal["articles"] == "2", "both articles tell the same deal"
    assert deal["role"] == "agent" and deal["others"] == "Bexley Copper"
    assert deal["evidence"].startswith("Norvale Mining (NVM) acquired Bexley Copper"), "the first span by offset"
    assert dates.index("2023-03-13") < dates.index("2023-03-14") < dates.index("2023-03-17")

    protest = the(table, "protest")
    assert (protest["date"], protest["role"], protest["place"]) == ("2023-03-14", "target", "Sudbury")
    said = the(table, "Statement")
    assert said["role"] == "speaker" and said["date"] == "2023-03-17"
    assert "double its copper output" in said["evidence"]
    lawsuit = the(table, "lawsuit")
    assert (lawsuit["date"], lawsuit["role"], lawsuit["others"]) == ("", "agent", "Terrace Holdings")
    raid = the(table, "raid")
    assert (raid["role"], raid["modality"]) == ("target", "negated"), "not asserted, but listed and marked"
    assert {r["modality"] for r in table if r is not raid} == {""}
    assert found.summary() == (f"timeline of Norvale Mining <{ID}organization/norvale-mining>: "
                               f"{len(table) - 1} events, 1 statement")


def test_other_name_and_iri_find_the_same_node(graph):
    by_name = timeline.timeline("norvale mining", [graph])
    for other in ("NVM", "nvm", "id:organization/norvale-mining", ID + "organization/norvale-mining",
                  f"<{ID}organization/norvale-mining>"):
        assert timeline.timeline(other, [graph]) == by_name, other


def test_a_place_has_its_events_with_role_place(graph):
    table = rows(timeline.timeline("sudbury", [graph]))
    assert [(r["kind"], r["role"], r["place"]) for r in table] == [("protest", "place", "Sudbury")]
    assert table[0]["others"] == "Norvale Mining; workers"


def test_the_bundled_query_gives_the_command_s_rows(graph):
    by_command = timeline.timeline("NVM", [graph]).result
    assert query.run("actor_timeline", graphs=[graph], params={"actor": "nvm"}) == by_command


def test_cli_table_csv_and_json(capsys, graph):
    code, out, err = run(capsys, "Norvale Mining", str(graph))
    assert code == 0 and err.startswith("timeline of Norvale Mining <") and err.count("\n") == 1
    lines = out.splitlines()
    assert lines[0].split() == ["date", "kind", "role", "others", "place", "modality", "evidence", "articles", "node"]
    assert lines[-1] == f"({len(lines) - 3} rows)" and "id:event/" in out

    code, out, _ = run(capsys, "NVM", str(graph), "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out, newline="")))
    assert code == 0 and len(table) == len(lines) - 3
    assert table[0]["date"] == "2023-03-13" and table[0]["node"].startswith(ID + "event/")
    assert all(not r["evidence"].endswith("…") for r in table), "csv carries the whole span"

    code, out, _ = run(capsys, "NVM", str(graph), "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["head"]["vars"][:3] == ["date", "kind", "role"]
    assert [b.get("date", {}).get("value", "") for b in doc["results"]["bindings"]] == [r["date"] for r in table]
    assert doc["results"]["bindings"][0]["articles"]["value"] == "2"


def test_output_is_the_same_bytes_from_every_graph_format(capsys, graph):
    outputs = set()
    for name in ("graph.ttl", "graph.jsonld", "graph.nq", "graph.trig"):
        code, out, _ = run(capsys, "NVM", str(graph.parent / name), "--format", "json")
        assert code == 0, name
        outputs.add(out)
    assert len(outputs) == 1


def test_unknown_name_is_one_line_exit_2_with_suggestions(capsys, graph):
    code, out, err = run(capsys, "Norvale Minning", str(graph))
    assert code == 2 and out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert "'Norvale Minning'" in err and "did you mean 'Norvale Mining'" in err
    code, _, err = run(capsys, "Nobody Known Here", str(graph))
    assert code == 2 and err.count("\n") == 1 and "did you mean" not in err


def test_bad_iris_and_missing_graphs_are_one_line_errors(capsys, graph):
    for args, words in [((ID + "organization/nobody", str(graph)), "no node"),
                        (("id:article/norvale-1", str(graph)), "not an actor, place"),
                        (("NVM", str(graph.parent / "missing.ttl")), "no such graph file"),
                        (("NVM", str(graph), "--format", "xml"), None)]:
        if words is None:  # argparse refuses the format itself
            with pytest.raises(SystemExit) as stopped:
                main(["timeline", *args])
            assert stopped.value.code == 2
            capsys.readouterr()
            continue
        code, _, err = run(capsys, *args)
        assert code == 2 and err.count("\n") == 1 and words in err, err


# ---------------------------------------------------------------------------- on a hand-written graph

def test_names_ignore_case_accents_and_curly_quotes():
    for name, iri in [("ZURICH", "place/zurich"), ("zürich", "place/zurich"), ("MARIA O’BRIEN", "person/maria-o-brien"),
                      ("  the   fixer ", None), ('the "fixer"', "person/maria-o-brien")]:
        if iri is None:
            with pytest.raises(ActorError, match="did you mean"):
                timeline.timeline(name, [FIXTURE])
        else:
            assert timeline.timeline(name, [FIXTURE]).node.value == ID + iri


def test_a_canonical_label_wins_over_another_node_s_other_name(tmp_path):
    extra = tmp_path / "extra.ttl"
    extra.write_text(f"""
        @prefix nkg: <https://w3id.org/newskg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <{ID}group/guard> a nkg:Group, nkg:Actor ; rdfs:label "the Guard" .
        <{ID}group/rvdf-2> a nkg:Group, nkg:Actor ; rdfs:label "River Valley Force" ; skos:altLabel "RVDF" .
    """)
    # "the Guard" is the label of one node and another name of Northern Guard: the label wins
    found = timeline.timeline("the guard", [FIXTURE, extra])
    assert found.node.value == ID + "group/guard" and found.result.rows == ()
    assert found.summary().endswith("0 events, 0 statements (also another name of Northern Guard "
                                    "(id:armedgroup/northern-guard))"), "the user learns where the events are"
    # "RVDF" is only ever another name, of two nodes: ambiguous, and the message lists both
    with pytest.raises(ActorError) as caught:
        timeline.timeline("rvdf", [FIXTURE, extra])
    message = str(caught.value)
    assert "names 2 nodes" in message and "\n" not in message
    assert "id:armedgroup/river-valley-defence-force" in message and "id:group/rvdf-2" in message


def test_two_roles_several_spans_and_articles_stay_one_line(tmp_path):
    extra = tmp_path / "extra.ttl"
    extra.write_text(f"""
        @prefix nkg: <https://w3id.org/newskg/ontology#> . @prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
        <{ID}event/clash-1> nkg:agent <{ID}armedgroup/northern-guard> ;
            nkg:mentionedIn <{ID}article/a2> ; nkg:evidence <{ID}mention/a2/1-5> .
        <{ID}mention/a2/1-5> nif:beginIndex 1 ; nif:anchorOf "late" ; nif:referenceContext <{ID}article/a2> .
    """)
    table = rows(timeline.timeline("Northern Guard", [FIXTURE, extra]))
    clash = [r for r in table if r["node"] == ID + "event/clash-1"]
    assert len(clash) == 1
    assert clash[0]["role"] == "agent; participant" and clash[0]["articles"] == "2"
    assert clash[0]["evidence"] == "late", "the span with the lowest begin offset"
    assert clash[0]["others"] == "River Valley Defence Force"


def test_statements_show_their_quote_and_what_they_are_about():
    table = rows(timeline.timeline("id:armedgroup/northern-guard", [FIXTURE]))
    said = the(table, "Statement")
    assert said["evidence"] == 'We "cleared" the camp\\ and left,'
    assert said["others"] == "raid: Northern Guard → River Valley Defence Force"
    assert [r["date"] for r in table] == ["2021-03", "2021-03-27", "2021-03-27", "2021-03-28", ""]
    assert [r["kind"] for r in table][1:3] == ["killing", "raid"], "same date: by kind"
    # the ministry is what one statement is about; a statement about a statement shows no text label
    table = rows(timeline.timeline("the ministry", [FIXTURE]))
    assert {(r["kind"], r["role"]) for r in table} == {
        ("arrest or detention", "agent"), ("protest", "target"), ("Statement", "about"), ("Statement", "speaker")}
    about = [r for r in table if r["role"] == "about"][0]
    assert about["others"] == "Maria O'Brien"


def test_the_table_cuts_long_evidence_but_keeps_the_rest():
    found = timeline.timeline("Zürich", [FIXTURE])
    long = found.result.rows[0][:6] + (ox.Literal("x" * 200),) + found.result.rows[0][7:]
    wide = timeline.Timeline(found.node, found.label, query.QueryResult("bindings", found.result.variables, (long,)))
    text = wide.render("table")
    assert "x" * (timeline.EVIDENCE_WIDTH - 1) + "…" in text and "x" * timeline.EVIDENCE_WIDTH not in text
    assert "x" * 200 in wide.render("csv")


def test_timeline_does_not_load_rdflib():
    """Like `kg query`, `kg timeline` answers without paying for rdflib's import."""
    code = "import sys, kg.cli, kg.timeline; print(sorted(m for m in ('rdflib', 'spacy') if m in sys.modules))"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.strip() == "[]"
