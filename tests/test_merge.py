"""Cross-article merging (kg.merge): the same event reported by several articles is one event
carrying every article's evidence.

The real-article tests use five WikiNews articles copied into tests/fixtures/wikinews-same-story.jsonl
(WikiNews, CC BY 2.5, via the SemEval-2015 Task 4 TimeLine corpus, CC BY 3.0, © FBK, VUA, EHU).
"""
import ast
import json
import random
from dataclasses import replace
from pathlib import Path

import pytest

from kg.merge import merge_events
from kg.model import Article, Entity, Event, Extraction, Mention, Statement, compatible_dates

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "wikinews-same-story.jsonl"


def mention(text: str, word: str) -> Mention:
    start = text.index(word)
    return Mention(start, start + len(word), word)


def article(key: str, text: str, published: str | None = "2009-06-01") -> Article:
    return Article(key=key, text=text, title=text.split("\n", 1)[0], published=published, source="test",
                   opens_with_headline=True)


def extraction(key: str, *events: Event, statements=(), published="2009-06-01") -> Extraction:
    text = f"{key}\nAcme filed for bankruptcy. Beta sued Acme. Acme attacked Beta. Officials said so."
    art = article(key, text, published)
    entities = (Entity("organization/acme", "Organization", "Acme", mentions=(mention(text, "Acme"),)),
                Entity("organization/beta", "Organization", "Beta", mentions=(mention(text, "Beta"),)))
    events = tuple(replace(e, mentions=(mention(text, e.trigger),)) for e in events)
    return Extraction(article=art, entities=entities, events=events, statements=tuple(statements))


def bankruptcy(key: str, *, agents=("organization/acme",), targets=(), participants=(), place=None,
               date=None, modality=None, count=None, type="FinancialResult") -> Event:
    return Event(key=key, type=type, trigger="bankruptcy", agents=agents, targets=targets,
                 participants=participants, place=place, date=date, modality=modality, count=count)


def keys(extractions):
    return [[e.key for e in x.events] for x in extractions]


# ------------------------------------------------------------------------------------ the rule
def test_overlapping_participants_and_compatible_dates_merge_into_the_first_articles_key():
    a = extraction("a1", bankruptcy("event/a", date="2009-06", place="place/new-york"))
    b = extraction("b2", bankruptcy("event/b", date="2009-06-01", targets=("organization/beta",)))
    merged = merge_events([a, b])
    assert keys(merged) == [["event/a"], ["event/a"]]
    # one date on the one node: the most specific; a place only where the article gives one
    assert [x.events[0].date for x in merged] == ["2009-06-01", "2009-06-01"]
    assert [x.events[0].place for x in merged] == ["place/new-york", None]
    # evidence and roles stay per article
    assert merged[1].events[0].mentions == b.events[0].mentions
    assert merged[1].events[0].targets == ("organization/beta",)


def test_participants_count_as_overlap():
    a = extraction("a1", bankruptcy("event/a", agents=(), participants=("organization/acme",)))
    b = extraction("b2", bankruptcy("event/b"))
    assert keys(merge_events([a, b])) == [["event/a"], ["event/a"]]


@pytest.mark.parametrize("date, published, merges", [
    ("2009-06-01", "2009-06-01", True),
    ("2009-06-01", "2009-06-03", True),     # told undated two days later
    ("2009-06-03", "2009-06-01", True),
    ("2009-06-01", "2009-06-04", False),    # three days: another bankruptcy as far as we know
    ("2009-06", "2009-06-01", False),       # a month or a year does not pin an undated event
    ("2009", "2009-06-01", False),
    ("2009-06-01", None, False),            # an undated event of an undated article: no time at all
])
def test_an_undated_event_is_placed_by_its_articles_publication_date(date, published, merges):
    a = extraction("a1", bankruptcy("event/a", date=date))
    b = extraction("b2", bankruptcy("event/b"), published=published)
    assert keys(merge_events([a, b])) == ([["event/a"], ["event/a"]] if merges else [["event/a"], ["event/b"]])


def test_undated_events_merge_only_when_their_articles_are_published_close_together():
    a = extraction("a1", bankruptcy("event/a"), published="2009-06-01")
    b = extraction("b2", bankruptcy("event/b"), published="2009-06-03")
    c = extraction("c3", bankruptcy("event/c"), published="2009-06-05")  # 2 days from b, 4 from a
    d = extraction("d4", bankruptcy("event/d", date="2009-06-05"))       # 4 days from a
    assert keys(merge_events([a, b, c, d])) == [["event/a"], ["event/a"], ["event/c"], ["event/c"]]


def test_the_same_key_is_the_same_event_whatever_the_window():
    a = extraction("a1", bankruptcy("event/k", place="place/new-york"), published="2009-06-01")
    b = extraction("b2", bankruptcy("event/k", place="place/new-york"), published="2010-06-01")
    assert merge_events([a, b]) == [a, b]


@pytest.mark.parametrize("change", [
    {"date": "2009-06-02"},                       # conflicting days
    {"date": "2009-05"},                          # conflicting months
    {"place": "place/detroit"},                   # different places
    {"type": "Layoff"},                           # different event types
    {"modality": "negated"},                      # never merge with a negated event
    {"modality": "hypothetical"},
    {"agents": ("organization/beta",)},           # no shared participant
    {"agents": ("organization/beta",), "targets": ("organization/acme",)},  # roles reversed
])
def test_no_merge(change):
    a = extraction("a1", bankruptcy("event/a", date="2009-06-01", place="place/new-york"))
    b = extraction("b2", bankruptcy("event/b", **{"date": "2009-06-01", "place": "place/new-york", **change}))
    merged = merge_events([a, b])
    assert keys(merged) == [["event/a"], ["event/b"]]
    assert merged == [a, b]


def test_compatible_dates():
    assert compatible_dates("2007-05", "2007-05-14") and compatible_dates("2007-05-14", "2007")
    assert compatible_dates(None, "2007-05-14") and compatible_dates("2007", None)
    assert not compatible_dates("2007-05-14", "2007-05-15") and not compatible_dates("2007-05", "2007-06-01")


def test_statement_about_follows_the_new_key():
    said = Statement("statement/s", "organization/acme", "Acme filed for bankruptcy.",
                     about=("event/b", "organization/beta"))
    a = extraction("a1", bankruptcy("event/a"))
    b = extraction("b2", bankruptcy("event/b"), statements=[said])
    merged = merge_events([a, b])
    assert merged[1].statements[0].about == ("event/a", "organization/beta")


def test_the_result_does_not_depend_on_the_order_of_articles():
    a = extraction("a1", bankruptcy("event/a"), bankruptcy("event/x", type="Lawsuit", agents=("organization/beta",)))
    b = extraction("b2", bankruptcy("event/b", date="2009-06-01"),
                   bankruptcy("event/y", type="Lawsuit", targets=("organization/beta",)))
    c = extraction("c3", bankruptcy("event/c", date="2009-06"), bankruptcy("event/z", type="Lawsuit",
                                                                          agents=("organization/beta",)))
    expected = merge_events([a, b, c])
    assert keys(expected) == [["event/a", "event/x"], ["event/a", "event/y"], ["event/a", "event/x"]]
    shuffled = [a, b, c]
    for seed in range(5):
        random.Random(seed).shuffle(shuffled)
        got = merge_events(shuffled)
        assert sorted(got, key=lambda x: x.article.key) == expected
    assert merge_events([a, b, c]) == expected
    assert merge_events(expected) == expected, "merging merged extractions changes nothing"


def test_the_planner_is_a_fold_in_key_order_that_holds_no_article():
    """A build feeds the planner skeletons read back from disk in key order; what it keeps is one
    group per unified event and a few group numbers per article, not the articles' events."""
    import tracemalloc

    from kg.merge import Planner, skeleton

    def told(n: int) -> Extraction:
        return skeleton(extraction(f"a{n:05d}", bankruptcy("event/a", date="2009-06-01", count=n),
                                   bankruptcy(f"event/s{n}", type="Lawsuit", agents=("organization/beta",),
                                              date="2009-06-01")))

    planner = Planner()
    planner.add(told(0))
    with pytest.raises(ValueError):
        planner.add(extraction("0-before", bankruptcy("event/b")))
    tracemalloc.start()
    for n in range(1, 101):
        planner.add(told(n))
    after_100 = tracemalloc.get_traced_memory()[0]
    for n in range(101, 601):
        planner.add(told(n))
    per_article = (tracemalloc.get_traced_memory()[0] - after_100) / 500
    tracemalloc.stop()
    planner.finish()
    assert len(planner.groups) == 2, "every article's two events join the first article's two"
    assert per_article < 400, per_article
    last = told(600)
    assert [f[0] for f in planner.fates(last)] == ["event/a", "event/s0"]
    assert planner.fates(last)[0][2] == 600, "the latest article's count"


def test_a_group_only_its_articles_own_actors_reach_goes_to_disk_when_the_fold_moves_on(tmp_path):
    """"A taxi driver" of one article is no one in another: the event done to them can take no
    other article's event, so it leaves memory once its article is planned; its fate is the same."""
    from kg.keys import entity_key
    from kg.merge import Planner, plan

    def told(key: str) -> Extraction:
        driver = entity_key("Person", "taxi driver", scope=key)
        return extraction(key, bankruptcy("event/a", date="2009-06-01"),
                          bankruptcy(f"event/hurt-{key}", type="Injury", agents=(), targets=(driver,), date="2009-06-01"),
                          bankruptcy(f"event/none-{key}", type="Fire", agents=(), date="2009-06-01"))

    articles = [told(f"a{n}") for n in range(5)]
    planner = Planner(tmp_path / "groups.sqlite")
    for x in articles:
        planner.add(x)
    assert [g is None for g in planner.groups] == [False, True, True] + [True, True] * 3 + [False, False]
    planner.finish()
    assert sum(g is None for g in planner.groups) == 10, "the last article's own groups go at finish"
    assert [planner.fates(x) for x in articles] == plan(articles)
    assert [f[0] for f in planner.fates(articles[3])] == ["event/a", "event/hurt-a3", "event/none-a3"]
    planner.close()


def test_two_events_one_article_kept_apart_are_not_joined_through_another_article():
    a = extraction("a1", bankruptcy("event/a1", agents=("organization/acme",)),
                   bankruptcy("event/a2", agents=("organization/beta",)))
    b = extraction("b2", bankruptcy("event/b", agents=("organization/acme", "organization/beta")))
    assert keys(merge_events([a, b])) == [["event/a1", "event/a2"], ["event/a1"]]


def test_a_group_keeps_its_members_compatible():
    # "2009-06" fits both days, but once it joined the 1st the 2nd must not join them
    a = extraction("a1", bankruptcy("event/a", date="2009-06"))
    b = extraction("b2", bankruptcy("event/b", date="2009-06-01"))
    c = extraction("c3", bankruptcy("event/c", date="2009-06-02"))
    merged = merge_events([a, b, c])
    assert keys(merged) == [["event/a"], ["event/a"], ["event/c"]]
    assert [x.events[0].date for x in merged] == ["2009-06-01", "2009-06-01", "2009-06-02"]


def test_the_same_key_with_another_modality_gets_a_key_of_its_own():
    a = extraction("a1", bankruptcy("event/k", date="2009-06-01"))
    b = extraction("b2", bankruptcy("event/k", date="2009-06-01", modality="negated"))
    c = extraction("c3", bankruptcy("event/k", date="2009-06-01"))
    merged = merge_events([a, b, c])
    assert merged[0].events[0].key == merged[2].events[0].key == "event/k"
    assert merged[1].events[0].key.startswith("event/financialresult-")
    assert merge_events([c, b, a])[1].events[0].key == merged[1].events[0].key


def test_one_count_per_event_the_latest_articles():
    a = extraction("a1", bankruptcy("event/a", count=5), published="2009-06-02")
    b = extraction("b2", bankruptcy("event/b", count=7), published="2009-06-01")
    c = extraction("c3", bankruptcy("event/c"), published="2009-06-03")
    assert [x.events[0].count for x in merge_events([a, b, c])] == [5, 5, None]


def test_events_without_actors_stay_as_they_are():
    a = extraction("a1", bankruptcy("event/a", agents=(), date="2009-06-01"))
    b = extraction("b2", bankruptcy("event/b", agents=(), date="2009-06-01"))
    assert merge_events([a, b]) == [a, b]


def test_merge_is_a_pure_ir_stage():
    tree = ast.parse((Path(__file__).resolve().parent.parent / "kg" / "merge.py").read_text(encoding="utf-8"))
    imported = {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    imported |= {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not imported & {"rdflib", "spacy"}


# ------------------------------------------------------------------------------------ the graph
def _one(graph, subject, predicate):
    return sorted(graph.objects(subject, predicate))


def test_the_merged_event_is_one_node_with_both_articles_evidence_and_one_date(settings):
    from rdflib import URIRef

    from kg.rdf.mapping import to_graph
    from kg.rdf.namespaces import NKG

    a = extraction("a1", bankruptcy("event/a", date="2009-06", place="place/new-york"))
    b = extraction("b2", bankruptcy("event/b", date="2009-06-01"))
    graph = to_graph(merge_events([a, b]), settings)
    node = URIRef(settings.base_iri + "event/a")
    assert not list(graph.triples((URIRef(settings.base_iri + "event/b"), None, None)))
    assert [str(d) for d in _one(graph, node, NKG.date)] == ["2009-06-01"]
    assert len(_one(graph, node, NKG.place)) == 1
    articles = {str(a).rsplit("/", 1)[-1] for a in _one(graph, node, NKG.mentionedIn)}
    assert articles == {"a1", "b2"}
    assert len(_one(graph, node, NKG.evidence)) == 2


# ------------------------------------------------------------------------------------ real articles
@pytest.fixture(scope="module")
def wikinews(settings):
    """Five WikiNews articles: two (2009-06-01) report General Motors' bankruptcy filing, one
    (2009-05-01) Chrysler's, a month earlier; one (2011-08-25) Steve Jobs stepping down as
    Apple's CEO, undated, and one (2011-10-06, on his death) says he resigned on August 24."""
    from kg import ingest
    from kg.pipeline import extract_all

    articles = sorted(ingest.read_articles(FIXTURE, settings), key=lambda a: a.key)
    assert [a.key for a in articles] == ["125796", "127226", "127227", "18315", "18355"]
    extractions = extract_all(articles, settings.with_(decider="rules"))  # merging is tested, not the scorer
    return extractions, merge_events(extractions)


def _nodes(graph, settings, event_class, agent):
    from rdflib import RDF, URIRef

    from kg.rdf.namespaces import NKG

    actor = URIRef(settings.base_iri + agent)
    return [n for n in graph.subjects(NKG.agent, actor) if (n, RDF.type, NKG[event_class]) in graph]


def _evidence(graph, node):
    from kg.rdf.namespaces import NIF, NKG

    found = {}
    for m in _one(graph, node, NKG.evidence):
        found.setdefault(str(graph.value(m, NIF.referenceContext)).rsplit("/", 1)[-1], []).append(
            str(graph.value(m, NIF.anchorOf)))
    return found


@pytest.mark.model
def test_gm_bankruptcy_told_by_two_articles_is_one_event(wikinews, settings):
    from kg.rdf.mapping import to_graph
    from kg.rdf.namespaces import NKG

    graph = to_graph(wikinews[1], settings)
    bankruptcies = _nodes(graph, settings, "Bankruptcy", "organization/general-motors")
    assert len(bankruptcies) == 1, "GM's bankruptcy is one node"
    node = bankruptcies[0]
    base = settings.base_iri + "article/"
    assert {str(a) for a in _one(graph, node, NKG.mentionedIn)} == {base + "127226", base + "127227"}
    evidence = _evidence(graph, node)
    # both articles' own words for the filing: "filed for bankruptcy and Chapter 11 protection"
    assert set(evidence) == {"127226", "127227"}
    assert all("bankruptcy and Chapter 11 protection" in anchors for anchors in evidence.values())
    # 127226 dates it ("Monday") and places it (Manhattan); 127227 gives neither: one of each
    assert [str(d) for d in _one(graph, node, NKG.date)] == ["2009-06-01"]
    assert len(_one(graph, node, NKG.place)) == 1
    # Chrysler's bankruptcy a month earlier stays its own event
    theirs = _nodes(graph, settings, "Bankruptcy", "organization/chrysler")
    assert len(theirs) == 1 and theirs[0] != node
    assert {str(a) for a in _one(graph, theirs[0], NKG.mentionedIn)} == {base + "125796"}


@pytest.mark.model
def test_jobs_resignation_dated_by_one_article_merges_with_the_undated_report(wikinews, settings):
    from kg.rdf.mapping import to_graph
    from kg.rdf.namespaces import NKG

    graph = to_graph(wikinews[1], settings)
    resignations = _nodes(graph, settings, "Resignation", "person/steve-jobs")
    assert len(resignations) == 1
    evidence = _evidence(graph, resignations[0])
    assert set(evidence) == {"18315", "18355"}
    assert [str(d) for d in _one(graph, resignations[0], NKG.date)] == ["2011-08-24"]


@pytest.mark.model
def test_without_merging_each_article_keys_its_own_event(wikinews):
    """The tests above are not vacuous: per-article extraction keys the reports apart."""
    def found(extractions, event_type, agent):
        return {e.key for x in extractions for e in x.events if e.type == event_type and agent in e.agents}

    before, after = wikinews
    for event_type, agent in (("Bankruptcy", "organization/general-motors"), ("Resignation", "person/steve-jobs")):
        assert len(found(before, event_type, agent)) == 2
        assert len(found(after, event_type, agent)) == 1


def test_fixture_records_keep_id_title_date_and_attribution():
    records = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["125796", "127226", "127227", "18315", "18355"]
    assert all(r["title"] and r["published"] and "CC BY" in r["source"] for r in records)


def test_a_merged_event_has_one_confidence_and_its_saying_follows_the_new_key():
    """One node, one nkg:confidence (the most confident article's), one per role filler; a
    statement made in a renamed event points at the new key (the shapes ask both)."""
    a = extraction("a1", replace(bankruptcy("event/a", date="2009-06-01"), confidence=0.61,
                                 role_confidence=(("agent", "organization/acme", 0.7),)))
    said = Statement(key="statement/s", speaker="organization/acme", content="We filed.", said_in="event/b")
    b = extraction("b2", replace(bankruptcy("event/b", date="2009-06-01"), confidence=0.93,
                                 role_confidence=(("agent", "organization/acme", 0.5),)), statements=(said,))
    merged = merge_events([a, b])
    assert keys(merged) == [["event/a"], ["event/a"]]
    assert [x.events[0].confidence for x in merged] == [0.93, 0.93]
    assert [x.events[0].role_confidence for x in merged] == [(("agent", "organization/acme", 0.7),)] * 2
    assert merged[1].statements[0].said_in == "event/a"


def test_a_statement_two_articles_make_has_one_confidence_in_the_graph(settings):
    """The slices of two articles label a shared statement node alike, with one confidence: the highest."""
    from rdflib import URIRef

    from kg.rdf.mapping import to_graph
    from kg.rdf.namespaces import NKG

    said = Statement(key="statement/s", speaker="organization/acme", content="We filed.", confidence=0.4)
    a = extraction("a1", statements=(said,))
    b = extraction("b2", statements=(replace(said, confidence=0.8),))
    graph = to_graph(merge_events([a, b]), settings)
    values = list(graph.objects(URIRef(settings.base_iri + "statement/s"), NKG.confidence))
    assert [float(v) for v in values] == [0.8]


def test_a_merged_market_move_has_one_percentage_the_latest_articles():
    a = extraction("a1", replace(bankruptcy("event/a", date="2009-06-01", type="MarketMove"), percentage="2.1",
                                 direction="down"), published="2009-06-01")
    b = extraction("b2", replace(bankruptcy("event/b", date="2009-06-01", type="MarketMove"), percentage="2.4"),
                   published="2009-06-02")
    merged = merge_events([a, b])
    assert keys(merged) == [["event/a"], ["event/a"]]
    assert [x.events[0].percentage for x in merged] == ["2.4", "2.4"]
    assert [x.events[0].direction for x in merged] == ["down", None]  # only where the article gives one
