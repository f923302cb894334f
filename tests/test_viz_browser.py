"""The viewer in a real headless Chromium: offline, complete, searchable, clickable, filterable, inert.

Playwright cannot download browsers here, so it drives Debian's /usr/bin/chromium (CI installs it).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kg import viz
from kg.export import load_graphs

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "viz_sample.ttl"
SCREENSHOT = ROOT / "output" / "screenshots" / "viewer.png"
ID = "https://w3id.org/newskg/id/"
RAID = ID + "event/raid1"
STORY_NODES = 17  # actors, places, events and statements in the fixture


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); CI installs it")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as play:
        browser = play.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def html(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("viewer") / "graph.html"
    viz.write_html(load_graphs([FIXTURE]), path)
    return path


class Visit:
    """A page opened on the viewer, recording every request, dialog, console error and page error."""

    def __init__(self, browser, html: Path):
        self.url = html.as_uri()
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(self.url)
        self.page.wait_for_function("document.body.dataset.ready === '1'", timeout=30_000)

    def click_node(self, iri: str) -> None:
        """Bring the node to the middle of the canvas and click it with the mouse."""
        self.page.evaluate("""id => kgViewer.network.moveTo({
            position: kgViewer.network.getPositions([id])[id], scale: 1.6})""", iri)
        box = self.page.locator("#kg-graph canvas").bounding_box()
        self.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)

    def hidden(self, iri: str) -> bool:
        return bool(self.page.evaluate("id => kgViewer.nodes.get(id).hidden === true", iri))

    def visible_count(self) -> int:
        return int(self.page.locator("#kg-count").get_attribute("data-visible"))


@pytest.fixture(scope="module")
def opened(browser, html):
    """One page load for the module (loading is the slow part); each test starts from a reset view."""
    visit = Visit(browser, html)
    yield visit
    visit.page.close()


@pytest.fixture
def visit(opened):
    opened.page.evaluate("kgViewer.reset()")
    return opened


def test_loads_from_disk_with_no_request_but_the_file(visit):
    assert visit.requests == [visit.url]
    assert visit.errors == []


def test_shows_every_node_of_the_graph(visit):
    assert visit.page.evaluate("kgViewer.nodes.length") == STORY_NODES
    assert visit.page.evaluate("kgViewer.network.body.nodeIndices.length") == STORY_NODES
    count = visit.page.locator("#kg-count")
    assert count.get_attribute("data-total") == str(STORY_NODES) == count.get_attribute("data-visible")


def test_search_finds_a_label_and_an_alias(visit):
    search = visit.page.locator("#kg-search")
    search.fill("mandalay")
    results = visit.page.locator("#kg-results button")
    assert "Mandalay" in results.all_inner_texts()
    search.fill("the junta")  # an alias of the military
    assert results.first.inner_text().startswith("Myanmar military")
    search.press("Enter")
    panel = visit.page.locator("#kg-panel")
    assert panel.is_visible()
    assert panel.locator("h2").inner_text() == "Myanmar military"
    assert "The junta" in panel.inner_text()


def test_clicking_an_event_opens_its_evidence_with_the_span_highlighted(visit):
    visit.click_node(RAID)
    panel = visit.page.locator("#kg-panel")
    panel.wait_for(state="visible")
    assert panel.get_attribute("data-node") == RAID
    assert panel.locator("h2").inner_text().startswith("raid: Myanmar military")
    evidence = panel.locator(".kg-evidence li").first
    assert "Myanmar security forces raided a base" in evidence.inner_text()
    assert evidence.locator("mark").inner_text() == "raided"
    facts = panel.locator(".kg-facts").first.inner_text()
    assert "Myanmar military" in facts and "Chanmyatharzi" in facts
    # The neighbourhood stays lit, the rest is dimmed.
    lit = visit.page.evaluate("kgViewer.highlighted().nodes")
    assert RAID in lit and ID + "armedgroup/myanmar-military" in lit and ID + "group/residents" not in lit
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    visit.page.mouse.move(5, 5)  # no tooltip in the picture
    visit.page.locator("#kg-fit").click()
    visit.page.wait_for_timeout(800)  # the fit is animated
    visit.page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000


def test_filters_hide_classes_event_types_and_dates(visit):
    statements = [ID + "statement/rejection1", ID + "statement/zeekwat1", ID + "statement/eve1"]
    visit.page.locator("#kg-kinds input[value='Statement']").uncheck()
    assert all(visit.hidden(iri) for iri in statements)
    assert not visit.hidden(RAID)
    assert visit.visible_count() == STORY_NODES - 3
    speaker_edges = visit.page.evaluate("kgViewer.edges.get().filter(e => e.role === 'speaker').map(e => e.hidden)")
    assert speaker_edges and all(speaker_edges)

    visit.page.locator("#kg-types input[value='https://w3id.org/newskg/ontology#Raid']").uncheck()
    assert visit.hidden(RAID) and not visit.hidden(ID + "event/coup1")

    visit.page.locator("#kg-reset").click()
    assert visit.visible_count() == STORY_NODES
    visit.page.locator("#kg-from").fill("2021-06-01")
    visit.page.locator("#kg-from").dispatch_event("change")
    assert visit.hidden(ID + "event/coup1")  # February 2021
    assert not visit.hidden(RAID) and not visit.hidden(ID + "event/flight1")  # undated is kept
    visit.page.locator("#kg-undated").uncheck()
    assert visit.hidden(ID + "event/flight1")
    assert not visit.hidden(ID + "armedgroup/myanmar-military")  # actors have no date filter


def test_hostile_text_is_shown_and_never_run(visit):
    page = visit.page
    for iri in (ID + "person/eve", ID + "statement/eve1"):
        page.evaluate("id => kgViewer.select(id, {move: true})", iri)
        panel = page.locator("#kg-panel")
        assert page.locator("#kg-panel img, #kg-panel script").count() == 0
    assert "<script>alert(1)</script>" in panel.inner_text()
    page.evaluate("id => kgViewer.select(id)", ID + "person/eve")
    assert page.locator("#kg-panel h2").inner_text() == "Eve <img src=x onerror=alert(1)>"
    page.locator("#kg-search").fill("<script>")
    assert page.locator("#kg-results button").first.inner_text().startswith("Eve <img")
    # Hover the node so vis-network builds its tooltip from the label.
    visit.click_node(ID + "person/eve")
    box = page.locator("#kg-graph canvas").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2 + 1, box["y"] + box["height"] / 2 + 1)
    page.wait_for_timeout(700)
    tooltip = page.locator("div.vis-tooltip")
    assert tooltip.is_visible() and "Eve <img src=x onerror=alert(1)>" in tooltip.inner_text()
    assert page.locator(".vis-tooltip img").count() == 0
    assert page.evaluate("window.__kgPwned") is None
    assert page.evaluate("document.scripts.length") == 3
    assert visit.dialogs == []
    assert visit.errors == []
    assert visit.requests == [visit.url]  # <img src=x> would have requested file:///…/x



def test_a_large_graph_starts_without_its_unlinked_nodes(browser, tmp_path):
    """Above 400 nodes, nodes with no link start hidden (and out of vis-network) until asked for."""
    import rdflib
    from rdflib.namespace import RDF, RDFS

    nkg = rdflib.Namespace("https://w3id.org/newskg/ontology#")
    graph = rdflib.Graph()
    for i in range(200):
        event, person = rdflib.URIRef(f"{ID}event/e{i}"), rdflib.URIRef(f"{ID}person/p{i}")
        for cls in (nkg.Protest, nkg.PoliticalEvent, nkg.Event):
            graph.add((event, RDF.type, cls))
        graph.add((person, RDF.type, nkg.Person))
        graph.add((person, RDF.type, nkg.Actor))
        graph.add((person, RDFS.label, rdflib.Literal(f"Person {i}")))
        graph.add((event, nkg.agent, person))
    for i in range(10):
        place = rdflib.URIRef(f"{ID}place/lonely-{i}")
        graph.add((place, RDF.type, nkg.Place))
        graph.add((place, RDFS.label, rdflib.Literal(f"Lonely place {i}")))
    path = tmp_path / "large.html"
    viz.write_html(graph, path)
    visit = Visit(browser, path)
    try:
        count = visit.page.locator("#kg-count")
        assert count.get_attribute("data-total") == "410" and visit.visible_count() == 400
        assert visit.page.evaluate("kgViewer.nodes.length") == 400
        visit.page.locator("#kg-search").fill("lonely place 7")
        visit.page.locator("#kg-search").press("Enter")
        assert visit.page.locator("#kg-panel h2").inner_text() == "Lonely place 7"
        assert "Hidden by the current filters" in visit.page.locator("#kg-panel").inner_text()
        visit.page.locator("#kg-unlinked").check()
        assert visit.visible_count() == 410 and visit.page.evaluate("kgViewer.nodes.length") == 410
        visit.page.locator("#kg-unlinked").uncheck()
        assert visit.visible_count() == 400 and visit.hidden(f"{ID}place/lonely-7")
        assert visit.errors == [] and visit.requests == [visit.url]
    finally:
        visit.page.close()


def test_a_confidence_slider_hides_the_facts_scored_under_it(browser, tmp_path):
    """Events and statements carry the models' nkg:confidence; the slider hides those under it."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD

    from kg.rdf.namespaces import NKG

    graph = load_graphs([FIXTURE])
    graph.add((URIRef(RAID), NKG.confidence, Literal("0.920", datatype=XSD.decimal)))
    graph.add((URIRef(ID + "event/coup1"), NKG.confidence, Literal("0.550", datatype=XSD.decimal)))
    path = tmp_path / "graph.html"
    viz.write_html(graph, path)
    page = Visit(browser, path)
    try:
        assert page.page.locator("#kg-confidence-section").is_visible()
        page.page.locator("#kg-confidence").fill("0.6")
        assert page.hidden(ID + "event/coup1") and not page.hidden(RAID)
        assert not page.hidden(ID + "event/flight1")  # not scored: not filtered
        assert page.page.locator("#kg-confidence-value").inner_text() == "0.60"
        page.page.locator("#kg-reset").click()
        assert not page.hidden(ID + "event/coup1")
        assert not page.errors
    finally:
        page.page.close()
