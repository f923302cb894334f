"""How fast the viewer is at corpus scale: a synthetic 2,000-node / 4,000-link graph.

Prints the time to write graph.html (Python: networkx figures, layout, JSON) and the time until
the page in headless Chromium has drawn the graph and answers a click (opens the side panel).

    python bench/viewer.py [--nodes 2000] [--out output/bench] [--graph FILE --screenshot PNG]

With --graph, it writes the viewer of that built graph instead and saves a screenshot of it
(how the README picture is made: `python bench/viewer.py --graph output/graph.ttl
--screenshot docs/viewer.png`).
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

import rdflib
from rdflib.namespace import RDF, RDFS, SKOS, XSD

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg import atomic, viz  # noqa: E402
from kg.export import load_graphs, new_graph  # noqa: E402

NKG = rdflib.Namespace("https://w3id.org/newskg/ontology#")
NIF = rdflib.Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ID = rdflib.Namespace("https://w3id.org/newskg/id/")
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
ACTOR_CLASSES = [("Person", ["Person", "Actor"]), ("Organization", ["Organization", "Actor"]),
                 ("ArmedGroup", ["ArmedGroup", "Organization", "Actor"]),
                 ("GovernmentBody", ["GovernmentBody", "Organization", "Actor"]), ("Group", ["Group", "Actor"])]
EVENT_CLASSES = [("Raid", "ConflictEvent"), ("Attack", "ConflictEvent"), ("Protest", "PoliticalEvent"),
                 ("Appeal", "PoliticalEvent"), ("Rejection", "CommunicationEvent"), ("Ruling", "LegalEvent"),
                 ("Acquisition", "EconomicEvent"), ("Crash", "Incident")]


def synthetic(nodes: int = 2000, seed: int = 1) -> rdflib.Graph:
    """A graph in the shape `kg build` writes, with about two links per node."""
    rng = random.Random(seed)
    graph = new_graph()
    n_actors, n_places, n_statements = int(nodes * 0.3), int(nodes * 0.075), int(nodes * 0.125)
    n_events = nodes - n_actors - n_places - n_statements
    article = ID["article/bench"]
    sentences = []
    graph.add((article, RDF.type, NKG.Article))
    graph.add((article, rdflib.URIRef("https://schema.org/headline"), rdflib.Literal("Synthetic benchmark corpus")))

    def mention(node, words):
        begin = sum(len(s) + 1 for s in sentences)
        sentence = f"Reports say {words} was seen on the day in question."
        sentences.append(sentence)
        m = ID[f"mention/bench/{begin + 12}-{begin + 12 + len(words)}"]
        graph.add((node, NKG.evidence, m))
        graph.add((node, NKG.mentionedIn, article))
        graph.add((m, RDF.type, NKG.Mention))
        graph.add((m, NIF.beginIndex, rdflib.Literal(begin + 12, datatype=XSD.nonNegativeInteger)))
        graph.add((m, NIF.endIndex, rdflib.Literal(begin + 12 + len(words), datatype=XSD.nonNegativeInteger)))
        graph.add((m, NIF.anchorOf, rdflib.Literal(words)))
        graph.add((m, NIF.referenceContext, article))
        graph.add((m, NKG.sentence, rdflib.Literal(sentence)))

    actors = []
    for i in range(n_actors):
        kind, classes = ACTOR_CLASSES[i % len(ACTOR_CLASSES)]
        node = ID[f"{kind.lower()}/actor-{i}"]
        for cls in classes:
            graph.add((node, RDF.type, NKG[cls]))
        label = f"{kind} number {i}"
        graph.add((node, RDFS.label, rdflib.Literal(label)))
        graph.add((node, SKOS.altLabel, rdflib.Literal(f"A{i}")))
        mention(node, label)
        actors.append(node)
    for actor in actors:
        if rng.random() < 0.63:
            graph.add((actor, NKG.affiliation, rng.choice(actors)))
    places = []
    for i in range(n_places):
        node = ID[f"place/place-{i}"]
        graph.add((node, RDF.type, NKG.Place))
        graph.add((node, RDFS.label, rdflib.Literal(f"Place {i}")))
        mention(node, f"Place {i}")
        places.append(node)
    # A few actors are in most of the news: pick by a skewed weight, as real corpora are.
    weights = [1.0 / (1 + i) ** 0.8 for i in range(n_actors)]
    events = []
    for i in range(n_events):
        cls, category = EVENT_CLASSES[i % len(EVENT_CLASSES)]
        node = ID[f"event/e{i}"]
        for c in (cls, category, "Event"):
            graph.add((node, RDF.type, NKG[c]))
        agent, target, participant = rng.sample(actors, counts=[max(1, round(40 * w)) for w in weights], k=3)
        graph.add((node, RDFS.label, rdflib.Literal(f"{cls.lower()} {i}")))
        graph.add((node, NKG.agent, agent))
        graph.add((node, NKG.target, target))
        if rng.random() < 0.3:
            graph.add((node, NKG.participant, participant))
        if rng.random() < 0.75:
            graph.add((node, NKG.place, rng.choice(places)))
        graph.add((node, NKG.date, rdflib.Literal(f"20{10 + i % 10}-{1 + i % 12:02d}-{1 + i % 28:02d}", datatype=XSD.date)))
        mention(node, f"{cls.lower()} {i}")
        events.append(node)
    for i in range(n_statements):
        node = ID[f"statement/s{i}"]
        graph.add((node, RDF.type, NKG.Statement))
        graph.add((node, RDFS.label, rdflib.Literal(f"statement {i}")))
        graph.add((node, NKG.speaker, rng.choices(actors, weights)[0]))
        graph.add((node, NKG.about, rng.choice(events)))
        graph.add((node, NKG.quote, rdflib.Literal(f"We said thing number {i}")))
        if i and rng.random() < 0.3:
            graph.add((node, NKG.disputes, ID[f"statement/s{rng.randrange(i)}"]))
        mention(node, f"statement {i}")
    graph.add((article, NIF.isString, rdflib.Literal("\n".join(sentences))))
    return graph


def _descendants_cpu() -> float:
    """CPU seconds (user + system) used so far by this process's descendants still running.

    The machine may be shared, so wall time alone overstates how slow the page is; the browser's
    CPU time is what an idle machine would wait for.
    """
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        cpu[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    mine, total = {os.getpid()}, 0.0
    changed = True
    while changed:
        changed = False
        for pid, parent in parents.items():
            if parent in mine and pid not in mine:
                mine.add(pid)
                changed = True
    return sum(cpu[pid] for pid in mine if pid != os.getpid())


def time_page(html: Path, screenshot: Path | None = None, select: str | None = None):
    """Seconds (wall, browser CPU) until the graph is drawn, and until a click opens a node's panel."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as play:
        browser = play.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 860})
        page.wait_for_timeout(3000)  # a fresh browser keeps busy starting up; let that settle first
        start, cpu = time.perf_counter(), _descendants_cpu()
        page.goto(html.resolve().as_uri())
        page.wait_for_function("document.body.dataset.ready === '1'", timeout=120_000)
        drawn = time.perf_counter() - start
        drawn_cpu = _descendants_cpu() - cpu
        node = select or page.evaluate(
            "kgViewer.data.nodes.slice().sort((a, b) => b.pagerank - a.pagerank)[0].id")
        start, cpu = time.perf_counter(), _descendants_cpu()
        page.evaluate("id => kgViewer.network.moveTo({position: kgViewer.network.getPositions([id])[id], scale: 1.5})", node)
        box = page.locator("#kg-graph canvas").bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_selector("#kg-panel:not([hidden])")
        clicked = time.perf_counter() - start
        clicked_cpu = _descendants_cpu() - cpu
        if screenshot:
            page.evaluate("document.getElementById('kg-fit').click()") if select is None else None
            page.mouse.move(5, 5)  # no tooltip in the picture
            page.wait_for_timeout(500)
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshot))
        browser.close()
    return drawn, drawn_cpu, clicked, clicked_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--out", default="output/bench")
    parser.add_argument("--graph", help="a built graph file to view instead of the synthetic one")
    parser.add_argument("--screenshot", help="save a PNG of the page")
    parser.add_argument("--select", help="IRI of a node to open in the screenshot")
    args = parser.parse_args()
    out = Path(args.out)
    graph = load_graphs([Path(args.graph)]) if args.graph else synthetic(args.nodes)
    html = out / "graph.html"
    start = time.perf_counter()
    data = viz.view_data(graph)
    laid_out = time.perf_counter() - start
    atomic.write_text(html, viz.page_html(data))
    written = time.perf_counter() - start
    print(f"graph: {data['meta']['nodes']} nodes, {data['meta']['edges']} links; figures and layout "
          f"{laid_out:.1f} s; page {html.stat().st_size / 1e6:.1f} MB written in {written:.1f} s")
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} not found: skipped the browser timing")
        return
    drawn, drawn_cpu, clicked, clicked_cpu = time_page(html, Path(args.screenshot) if args.screenshot else None,
                                                       args.select)
    load = os.getloadavg()[0]
    print(f"headless Chromium: drawn and interactive in {drawn:.2f} s (browser CPU {drawn_cpu:.2f} s); "
          f"a click opens the panel in {clicked:.2f} s (CPU {clicked_cpu:.2f} s); "
          f"load average {load:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
