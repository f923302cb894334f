"""Corpus builds: incremental rebuilds parse only new articles and equal a clean build."""
import json

import pytest

from kg.pipeline import build

NKG = "https://w3id.org/newskg/ontology#"

pytestmark = pytest.mark.model

ARTICLES = [
    {"id": "a1", "title": "Strike at plant", "published": "2019-05-06",
     "text": "Strike at plant\nWorkers at the Renault plant in Douai walked out on Monday, the union said."},
    {"id": "a2", "title": "Talks", "published": "2019-05-08",
     "text": "Talks\nRenault met union leaders in Paris on Wednesday. The company said talks would continue."},
]


def write(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def test_adding_one_article_parses_only_that_one_and_equals_a_clean_build(tmp_path, monkeypatch, settings):
    import kg.extract

    calls = []
    real = kg.extract.extract
    monkeypatch.setattr(kg.extract, "extract", lambda article, *a, **k: calls.append(article.key) or real(article, *a, **k))
    feed = tmp_path / "feed.jsonl"
    write(feed, ARTICLES[:1])
    build([feed], out_dir=tmp_path / "inc", progress=False, settings=settings, html=False)
    assert calls == ["a1"]
    write(feed, ARTICLES)
    summary = build([feed], out_dir=tmp_path / "inc", progress=False, settings=settings, html=False)
    assert calls == ["a1", "a2"], "the second build parses only the new article"
    assert summary.articles == 2
    build([feed], out_dir=tmp_path / "clean", progress=False, settings=settings, html=False,
          cache_dir=tmp_path / "empty-cache")
    for name in ("graph.ttl", "graph.nq"):
        assert (tmp_path / "inc" / name).read_bytes() == (tmp_path / "clean" / name).read_bytes()


def test_same_actor_in_two_articles_is_one_node_with_per_article_graphs(tmp_path, settings):
    import rdflib

    feed = tmp_path / "feed.jsonl"
    write(feed, ARTICLES)
    build([feed], out_dir=tmp_path / "out", progress=False, settings=settings, html=False)
    merged = rdflib.Graph().parse(tmp_path / "out" / "graph.ttl")
    renault = rdflib.URIRef("https://w3id.org/newskg/id/organization/renault")
    articles = set(merged.objects(renault, rdflib.URIRef("https://w3id.org/newskg/ontology#mentionedIn")))
    assert len(articles) == 2
    dataset = rdflib.Dataset()
    dataset.parse(tmp_path / "out" / "graph.trig", format="trig")
    named = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert {"https://w3id.org/newskg/id/article/a1", "https://w3id.org/newskg/id/article/a2"} <= named



def test_every_file_a_build_writes_reads_back_as_the_same_graph(tmp_path, settings):
    """graph.trig and graph.nq hold one graph per article; read back, they are graph.ttl again."""
    from rdflib.compare import isomorphic

    from kg.export import load_graphs

    feed = tmp_path / "feed.jsonl"
    write(feed, ARTICLES)
    build([feed], out_dir=tmp_path / "out", progress=False, settings=settings, html=False)
    merged = load_graphs([tmp_path / "out" / "graph.ttl"])
    for name in ("graph.trig", "graph.nq", "graph.jsonld"):
        assert isomorphic(load_graphs([tmp_path / "out" / name]), merged), name


def test_the_summary_counts_the_nodes_of_the_written_graph(tmp_path, settings):
    """Renault, in both articles, is one node: the summary says what graph.ttl holds (issue 13, item 3)."""
    import rdflib

    feed = tmp_path / "feed.jsonl"
    write(feed, ARTICLES)
    summary = build([feed], out_dir=tmp_path / "out", progress=False, settings=settings, html=False)
    graph = rdflib.Graph().parse(tmp_path / "out" / "graph.ttl")

    def count(*classes):
        return len({s for c in classes for s in graph.subjects(rdflib.RDF.type, rdflib.URIRef(NKG + c))})

    assert (summary.entities, summary.events, summary.statements) == (count("Actor", "Place", "Product", "FinancialInstrument"), count("Event"),
                                                                      count("Statement"))
    assert summary.per_article[0] > summary.entities  # Renault once per article
    assert f"{summary.entities} entities" in str(summary).splitlines()[0]
    assert f"{summary.per_article[0]} entities" in str(summary).splitlines()[1]

# ---------------------------------------------------------------------------- headlines (issue 13, item 1)

LEAD = "Rebels attacked the town of Kouki on Monday, killing five soldiers."


def _event_spans(out):
    """(begin, end) of every event mention in a built graph."""
    import rdflib

    graph = rdflib.Graph().parse(out / "graph.ttl")
    return sorted(graph.query("""
        PREFIX nkg: <https://w3id.org/newskg/ontology#>
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT ?b ?e WHERE { ?event a nkg:Event ; nkg:evidence ?m . ?m nif:beginIndex ?b ; nif:endIndex ?e }"""))


def test_the_lead_sentence_of_a_titled_jsonl_record_is_content(tmp_path, settings):
    feed = tmp_path / "feed.jsonl"
    write(feed, [{"id": "t1", "title": "Rebels attack town", "text": LEAD + "\nThe army said it would respond."}])
    build([feed], out_dir=tmp_path / "out", progress=False, settings=settings, html=False)
    spans = _event_spans(tmp_path / "out")
    assert any(int(end) <= len(LEAD) for _, end in spans), "the lead's attack is an event"


def test_the_lead_sentence_of_an_html_page_is_content(tmp_path, settings):
    page = tmp_path / "page.html"
    page.write_text(f"<html><head><title>Rebels attack town</title></head><body><article><h1>Rebels attack town</h1>"
                    f"<p>{LEAD}</p><p>The army said it would respond to the attack on the town.</p>"
                    "<p>Residents said the fighting lasted for several hours before the rebels withdrew.</p>"
                    "</article></body></html>", encoding="utf-8")
    build([page], out_dir=tmp_path / "out", progress=False, settings=settings, html=False)
    text_start = len("Rebels attack town\n")
    assert any(int(begin) >= text_start and int(end) <= text_start + len(LEAD)
               for begin, end in _event_spans(tmp_path / "out"))


def test_a_title_repeated_as_the_first_line_is_read_once(tmp_path, settings):
    """A headline that itself reports an attack is not a second, undated event."""
    feed = tmp_path / "feed.jsonl"
    headline = "Rebels attack army post near Kouki"
    write(feed, [{"id": "t2", "title": headline, "text": f"{headline}\n{LEAD}\nThe army said it would respond."}])
    build([feed], out_dir=tmp_path / "out", progress=False, settings=settings, html=False)
    spans = _event_spans(tmp_path / "out")
    assert spans and all(int(begin) > len(headline) for begin, _ in spans)


def test_a_build_of_events_told_only_by_their_counts_passes_its_own_shapes(tmp_path, settings):
    """Issue 13, item 5: an attack with only a count was written, and kg validate failed on kg's output."""
    article = tmp_path / "checkpoints.txt"
    article.write_text("Checkpoints attacked\nThree checkpoints were attacked. Shelling damaged 40 houses. "
                       "The assault on 3 checkpoints failed.\n", encoding="utf-8")
    summary = build([article], out_dir=tmp_path / "out", progress=False, settings=settings, html=False)
    assert summary.validation == "SHACL: conforms", summary


def test_parallel_jobs_give_the_same_graph_byte_for_byte(tmp_path, settings):
    """Issue 13, item 13: --jobs N shares the articles among N forked processes; the output is the
    same bytes as one process gives."""
    towns = ["Kouki", "Birao", "Ndele", "Bria", "Obo", "Sibut", "Bambari", "Kaga", "Mobaye", "Zemio", "Alindao"]
    feed = tmp_path / "feed.jsonl"
    write(feed, [{"id": f"t{i}", "title": f"Clash near {town}", "published": f"2021-06-{10 + i}",
                  "text": f"Rebels attacked an army post near {town} on Monday, killing {i + 2} soldiers. "
                          f"The army said it had arrested {i + 1} fighters."}
                 for i, town in enumerate(towns)])
    for jobs in (1, 2):
        build([feed], out_dir=tmp_path / f"jobs{jobs}", progress=False, settings=settings, html=False,
              validate=False, jobs=jobs)
    for name in ("graph.ttl", "graph.nq"):
        assert (tmp_path / "jobs1" / name).read_bytes() == (tmp_path / "jobs2" / name).read_bytes()


def test_parallel_jobs_share_the_articles_among_forked_processes(monkeypatch, settings):
    """The parallel path is the forked one (spaCy's n_process shipped every parsed Doc back to the
    parent), and it gives the same extractions."""
    from kg import pipeline
    from kg.model import Article

    calls = []
    real = pipeline._extract_forked
    monkeypatch.setattr(pipeline, "_extract_forked", lambda *a: calls.append(a[-1]._processes) or real(*a))
    articles = [Article(key=f"a{i}", text=f"Police arrested {i + 2} protesters in Lyon on Monday.",
                        published="2021-06-22") for i in range(pipeline._ARTICLES_PER_TASK * 2 + 1)]
    parallel = pipeline.extract_all(articles, settings, jobs=2)
    assert calls == [2]
    assert parallel == pipeline.extract_all(articles, settings, jobs=1)
    assert any(x.events for x in parallel)


@pytest.mark.parametrize("cores, jobs", [({0}, 1), ({0, 1}, 2), (set(range(16)), 4)])
def test_the_default_jobs_are_the_cores_this_process_may_use_at_most_four(monkeypatch, cores, jobs):
    import os

    from kg.pipeline import default_jobs

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: cores, raising=False)
    assert default_jobs() == jobs
