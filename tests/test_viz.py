"""The HTML viewer without a browser: offline, escaped, deterministic, complete, and focusable."""
from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

from kg import viz
from kg.errors import InputError
from kg.export import load_graphs

FIXTURE = Path(__file__).parent / "fixtures" / "viz_sample.ttl"
ID = "https://w3id.org/newskg/id/"
RAID = ID + "event/raid1"
MILITARY = ID + "armedgroup/myanmar-military"
PDF = ID + "armedgroup/mandalay-pdf"

# An element that makes the browser fetch something: script/img/iframe/... src, link href,
# CSS url() or @import pointing off the page (absolute or protocol-relative).
ASSET = re.compile(
    r"""<(?:script|img|iframe|audio|video|source|embed|input|track)\b[^>]*\bsrc\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|<link\b[^>]*\bhref\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|<object\b[^>]*\bdata\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|url\(\s*["']?\s*(?:https?:)?//"""
    r"""|@import\b""",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    return load_graphs([FIXTURE])


@pytest.fixture(scope="module")
def page(graph) -> str:
    return viz.render_html(graph)


def embedded(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert match, "the page embeds its data as JSON"
    return json.loads(match.group(1))


def story_nodes(graph: rdflib.Graph) -> set[str]:
    """Actors, places, events and statements, counted straight from the RDF."""
    rows = graph.query("""
        PREFIX nkg: <https://w3id.org/newskg/ontology#>
        SELECT DISTINCT ?n WHERE {
          VALUES ?c { nkg:Actor nkg:Place nkg:Event nkg:Statement } ?n a ?c }""")
    return {str(row.n) for row in rows}


def test_asset_checker_catches_cdn_references():
    for bad in ('<script src="https://cdn.example/vis.js"></script>',
                "<link rel=stylesheet href='//cdn.example/b.css'>",
                '<img src="http://x/y.png">', "a{background:url( 'https://x/y.png')}", "@import 'x.css';"):
        assert ASSET.search(bad), bad


def test_page_references_no_external_asset(page):
    assert ASSET.findall(page) == []
    assert "<link" not in page
    # Exactly three script elements: the data, vis-network and the viewer. (vis-network's own code
    # holds a "<script>" string literal, so look at the page with the inline code taken out.)
    skeleton = re.sub(r"<script>.*?</script>", "<script></script>", page, flags=re.S)
    scripts = re.findall(r"<script\b[^>]*>", skeleton)
    assert scripts == ['<script type="application/json" id="kg-data">', "<script>", "<script>"]


def test_page_is_utf8_with_a_strict_content_security_policy(graph, tmp_path, page):
    out = tmp_path / "graph.html"
    viz.write_html(graph, out)
    text = out.read_bytes().decode("utf-8")
    assert text == page
    assert text.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in text
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', text).group(1)
    assert "default-src 'none'" in csp
    # Only our two inline scripts may run: each one's hash is in the policy.
    bodies = re.findall(r"<script>(.*?)</script>", text, re.S)
    assert len(bodies) == 2
    for body in bodies:
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]


def test_hostile_strings_are_escaped_and_survive_as_text(graph, page):
    for raw in ("<script>alert(1)", "<img src=x", "<script>window.__kgPwned", "</script><img"):
        assert raw not in page
    data = embedded(page)
    by_id = {node["id"]: node for node in data["nodes"]}
    eve = by_id[ID + "person/eve"]
    assert eve["label"] == "Eve <img src=x onerror=alert(1)>"
    assert eve["alt"] == ["<script>window.__kgPwned=1</script>"]
    assert by_id[ID + "statement/eve1"]["quote"].startswith("<script>alert(1)</script>")
    title = re.search(r"<title>(.*?)</title>", page).group(1)
    assert "<" not in title


def test_embed_json_is_inert_inside_a_script_element():
    hostile = {"k": "</script><script>alert(1)</script><!-- & \u2028\u2029 ]]>"}
    text = viz.embed_json(hostile)
    for char in "<>&\u2028\u2029":
        assert char not in text
    assert json.loads(text) == hostile


def test_same_graph_gives_byte_identical_html(graph, page, tmp_path):
    assert viz.render_html(graph) == page
    # A fresh interpreter with another hash seed: set ordering must not leak into the page.
    out = tmp_path / "other.html"
    code = ("import sys; from pathlib import Path; from kg import viz; from kg.export import load_graphs; "
            "viz.write_html(load_graphs([Path(sys.argv[1])]), Path(sys.argv[2]))")
    env = dict(os.environ, PYTHONHASHSEED="12345")
    subprocess.run([sys.executable, "-c", code, str(FIXTURE), str(out)], check=True, env=env,
                   cwd=Path(__file__).parent.parent)
    assert out.read_text(encoding="utf-8") == page


def test_every_actor_place_event_and_statement_is_a_node(graph, page):
    data = embedded(page)
    assert {node["id"] for node in data["nodes"]} == story_nodes(graph)
    assert data["meta"]["nodes"] == len(story_nodes(graph)) == 17
    assert all(isinstance(node["x"], int) and isinstance(node["y"], int) for node in data["nodes"])
    assert len({(node["x"], node["y"]) for node in data["nodes"]}) == len(data["nodes"])


def test_events_sit_between_their_agent_and_target(page):
    data = embedded(page)
    edges = {(e["from"], e["to"], e["role"]) for e in data["edges"]}
    assert (MILITARY, RAID, "agent") in edges
    assert (RAID, PDF, "target") in edges
    assert (RAID, ID + "place/chanmyatharzi", "place") in edges
    assert (ID + "person/zeekwat", ID + "statement/zeekwat1", "speaker") in edges
    assert (ID + "statement/zeekwat1", ID + "statement/eve1", "disputes") in edges


def test_nodes_carry_class_type_dates_and_highlighted_evidence(page):
    by_id = {node["id"]: node for node in embedded(page)["nodes"]}
    raid = by_id[RAID]
    assert (raid["kind"], raid["typeLabel"], raid["dates"]) == ("Event", "raid", ["2021-06-22"])
    assert (raid["from"], raid["to"]) == ("2021-06-22", "2021-06-22")
    coup = by_id[ID + "event/coup1"]
    assert (coup["from"], coup["to"]) == ("2021-02-01", "2021-02-28")  # a gYearMonth covers the month
    assert by_id[ID + "event/rejection1"]["to"] == "2021-12-31"
    assert raid["color"] != by_id[ID + "event/appeal1"]["color"]  # conflict vs political colours
    assert raid["shape"] != by_id[MILITARY]["shape"] != by_id[ID + "place/mandalay"]["shape"]
    (evidence,) = raid["ev"]
    begin, end = evidence["h"]
    assert evidence["s"][begin:end] == "raided"
    assert evidence["s"].startswith("Myanmar security forces raided")
    military = by_id[MILITARY]
    assert {e["s"][e["h"][0]:e["h"][1]] for e in military["ev"]} == {"Myanmar security forces", "The junta", "the military"}
    assert "the junta".casefold() in [alt.casefold() for alt in military["alt"]]


def test_evidence_highlight_without_a_sentence_uses_the_article_text(graph):
    without = rdflib.Graph()
    for triple in graph:
        if triple[1] != rdflib.URIRef("https://w3id.org/newskg/ontology#sentence"):
            without.add(triple)
    by_id = {node["id"]: node for node in viz.view_data(without)["nodes"]}
    (evidence,) = by_id[RAID]["ev"]
    begin, end = evidence["h"]
    assert evidence["s"][begin:end] == "raided"
    assert "Chanmyatharzi township" in evidence["s"]


def test_focus_keeps_the_neighbourhood_of_a_label_or_alias(graph):
    one_hop = {n["id"] for n in viz.view_data(graph, focus="PDF", hops=1)["nodes"]}
    assert one_hop == {PDF, RAID, ID + "place/mandalay", ID + "person/zeekwat"}
    assert {n["id"] for n in viz.view_data(graph, focus="  mandalay PEOPLE'S defence force ", hops=0)["nodes"]} == {PDF}
    two_hops = {n["id"] for n in viz.view_data(graph, focus="PDF", hops=2)["nodes"]}
    assert one_hop < two_hops and MILITARY in two_hops and ID + "group/residents" not in two_hops


def test_unknown_focus_is_an_input_error_and_writes_nothing(graph, tmp_path):
    out = tmp_path / "view.html"
    with pytest.raises(InputError, match="Atlantis"):
        viz.write_html(graph, out, focus="Atlantis")
    assert not out.exists()
    with pytest.raises(InputError, match="did you mean: Mandalay"):
        viz.view_data(graph, focus="Mandal")
    with pytest.raises(InputError):
        viz.view_data(graph, top=0)


def test_top_keeps_the_most_important_nodes(graph):
    full = {n["id"]: n for n in viz.view_data(graph)["nodes"]}
    data = viz.view_data(graph, top=4)
    kept = {n["id"] for n in data["nodes"]}
    assert len(kept) == 4 and data["meta"]["totalNodes"] == 17
    best = sorted(full.values(), key=lambda n: (-n["pagerank"], -n["degree"], n["id"]))[:4]
    assert kept == {n["id"] for n in best}
    assert RAID in kept and MILITARY in kept
    assert all(e["from"] in kept and e["to"] in kept for e in data["edges"])


def test_focus_then_top_keeps_the_focus_node(graph):
    kept = {n["id"] for n in viz.view_data(graph, focus="residents", hops=3, top=1)["nodes"]}
    assert kept == {ID + "group/residents"}


def test_layout_is_compact_deterministic_and_separates_nodes():
    nodes = [f"n{i:03d}" for i in range(60)]
    edges = [(nodes[i], nodes[(i * 7 + 3) % 40]) for i in range(40)] + [(nodes[50], nodes[51])]
    first = viz.layout(nodes, edges)
    assert first == viz.layout(nodes, edges)
    assert set(first) == set(nodes)
    assert len(set(first.values())) == len(nodes)
    xs = [p[0] for p in first.values()]
    ys = [p[1] for p in first.values()]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    assert 0.25 < width / height < 4  # parts are packed, not strung out in a line


def test_empty_graph_still_makes_a_page(tmp_path):
    viz.write_html(rdflib.Graph(), tmp_path / "empty.html")
    data = embedded((tmp_path / "empty.html").read_text(encoding="utf-8"))
    assert data["nodes"] == [] and data["edges"] == []
