"""Hostile and arbitrary text: exports still parse (rapper, rdflib), SHACL passes, offsets slice."""
import subprocess

import pytest
import rdflib
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from kg.export import to_jsonld, to_turtle
from kg.rdf.mapping import to_graph
from kg.rdf.namespaces import NIF, NKG
from kg.validate import validate
from tests.conftest import needs

pytestmark = pytest.mark.model

HOSTILE = ('Hostile "quotes" \\ back\\slash\n'
           'The Ministry of Defence said "<script>alert(1)</script> ]]> @prefix x: <http://e/> . {\\"@id\\": 1}" '
           "on Monday.\x07 Police arrested John \"<img src=x onerror=alert(1)>\" Smith in Paris on Tuesday.\n"
           "\u2014 Evil Outlet (@evil_outlet) March 3, 2020\n")


def graph_of(extract_text, text, published="2020-03-03"):
    extraction = extract_text(text, published)
    from kg.config import Settings

    return extraction, to_graph([extraction], Settings())


def offsets_slice(graph):
    texts = {a: str(graph.value(a, NIF.isString)) for a in graph.subjects(rdflib.RDF.type, NKG.Article)}
    for m in graph.subjects(rdflib.RDF.type, NKG.Mention):
        text = texts[graph.value(m, NIF.referenceContext)]
        b, e = int(graph.value(m, NIF.beginIndex)), int(graph.value(m, NIF.endIndex))
        assert text[b:e] == str(graph.value(m, NIF.anchorOf))


@needs("rapper")
def test_hostile_text_exports_parse(extract_text, tmp_path):
    _, graph = graph_of(extract_text, HOSTILE)
    ttl = tmp_path / "g.ttl"
    ttl.write_bytes(to_turtle(graph))
    result = subprocess.run(["rapper", "-i", "turtle", "-c", str(ttl)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    back = rdflib.Graph().parse(data=to_jsonld(graph).decode("utf-8"), format="json-ld")
    assert len(back) == len(graph)
    assert validate(graph).conforms
    offsets_slice(graph)


@hsettings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=300))
def test_arbitrary_text_never_crashes_and_stays_valid(extract_text, text):
    if not text.strip():
        return
    _, graph = graph_of(extract_text, text.replace("\r", "\n"), None)
    rdflib.Graph().parse(data=to_turtle(graph).decode("utf-8"), format="turtle")
    assert validate(graph).conforms
    offsets_slice(graph)
