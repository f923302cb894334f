"""Corpus builds: incremental rebuilds parse only new articles and equal a clean build."""
import json

import pytest

from kg.pipeline import build

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
