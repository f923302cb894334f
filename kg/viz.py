"""The HTML viewer: one self-contained page that shows who did what to whom, and the words that say so.

Why it is built this way:
- Offline: vis-network (taken from the pinned pyvis package) and our own CSS and script are inlined;
  a Content-Security-Policy forbids every fetch and any script but ours (by hash).
- Safe: article text only travels as JSON inside <script type="application/json"> with <, >, &,
  U+2028 and U+2029 escaped; the page builds its DOM with textContent, never innerHTML.
- Fast at scale: positions are computed here (a seeded force layout per connected part, parts packed
  side by side) and the page draws them with physics off.
- Deterministic: sorted iteration, fixed seeds, rounded numbers, no timestamps.
"""
from __future__ import annotations

import base64
import calendar
import difflib
import hashlib
import html
import importlib.util
import json
import re
from importlib import resources
from pathlib import Path

import networkx as nx
import numpy as np
import rdflib
from rdflib.namespace import OWL, RDF

from kg import analytics, atomic
from kg.errors import InputError, KgError
from kg.rdf.namespaces import NIF, NKG, SCHEMA

VIS_JS = ("lib", "vis-9.1.2", "vis-network.min.js")  # inside the pyvis package
TEMPLATES = resources.files("kg") / "templates"
SEED = 7
EDGE_PX = 140  # length of the link in a two-node part, in pixels at zoom 1
EXACT_LAYOUT = 700  # nodes in a connected part up to which repulsion is computed between all pairs
SPREAD_MAX = 400  # parts up to this many nodes get their overlapping labels pushed apart
SPACING_PX = 70  # typical gap between a node and its nearest neighbour, in pixels at zoom 1
MAX_EVIDENCE = 12  # evidence sentences embedded per node; the panel says how many more exist
SHORT_LABEL = 24
BETWEENNESS_MAX = 600  # above this many nodes the page omits betweenness (`kg stats` has it)

# Shape and colour per class (events take their colour from their event category).
KIND_STYLE = {
    "Person": ("dot", "#1f77b4"),
    "Organization": ("square", "#2ca02c"),
    "ArmedGroup": ("triangle", "#4a3b8f"),
    "GovernmentBody": ("hexagon", "#17a2b8"),
    "Group": ("star", "#e0a526"),
    "Actor": ("dot", "#8fa3b0"),
    "Place": ("triangleDown", "#6b8e23"),
    "Product": ("dot", "#8c564b"),
    "FinancialInstrument": ("square", "#e377c2"),
    "Event": ("diamond", "#d62728"),
    "Statement": ("box", "#e9dff5"),
}
CATEGORY_COLOURS = {
    "ConflictEvent": "#d62728",
    "PoliticalEvent": "#ff7f0e",
    "CommunicationEvent": "#9467bd",
    "LegalEvent": "#8c564b",
    "EconomicEvent": "#bcbd22",
    "Incident": "#7f7f7f",
}
FALLBACK_COLOURS = ("#e377c2", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896")
ROLE_STYLE = {  # colour, dashed, arrow
    "agent": ("#c0392b", False, True),
    "target": ("#2c6fbb", False, True),
    "participant": ("#888888", False, False),
    "theme": ("#8c564b", False, True),
    "place": ("#6b8e23", False, True),
    "speaker": ("#7b4173", False, True),
    "about": ("#9a9a9a", True, True),
    "disputes": ("#e6550d", True, True),
    "affiliation": ("#b0b0b0", True, True),
}


# ---------------------------------------------------------------- public API

def write_html(graph: rdflib.Graph, path: Path, *, focus: str | None = None, hops: int = 1,
               top: int | None = None) -> None:
    """Write the viewer of ``graph`` to ``path`` atomically (UTF-8)."""
    atomic.write_text(Path(path), render_html(graph, focus=focus, hops=hops, top=top))


def render_html(graph: rdflib.Graph, *, focus: str | None = None, hops: int = 1, top: int | None = None) -> str:
    data = view_data(graph, focus=focus, hops=hops, top=top)
    return page_html(data)


def view_data(graph: rdflib.Graph, *, focus: str | None = None, hops: int = 1, top: int | None = None) -> dict:
    """Everything the page shows, as plain JSON-able data (nodes, edges, legend, articles)."""
    if hops < 0:
        raise InputError(f"--hops {hops}: must be 0 or more")
    if top is not None and top < 1:
        raise InputError(f"--top {top}: must be 1 or more")
    net = analytics.network(graph, betweenness=_story_size(graph) <= BETWEENNESS_MAX)
    keep = list(net.nodes)
    seeds: list[str] = []
    if focus is not None:
        seeds = find_nodes(graph, net, focus)
        reach: set[str] = set()
        for seed in seeds:
            reach |= set(nx.single_source_shortest_path_length(net.graph, seed, cutoff=hops))
        keep = [iri for iri in keep if iri in reach]
    if top is not None and top < len(keep):
        kept = set(keep)
        ranked = [iri for iri in analytics.importance_order(net) if iri in kept and iri not in seeds]
        chosen = set(seeds[:top]) | set(ranked[: max(top - len(seeds), 0)])
        keep = [iri for iri in keep if iri in chosen]
    kept = set(keep)
    links = [link for link in net.links if link.source in kept and link.target in kept]
    schema = (graph, analytics.ontology_graph())
    shorts = {iri: _short_label(graph, net.nodes[iri], schema) for iri in keep}
    positions = layout(keep, [(link.source, link.target) for link in links],
                       sizes=_label_boxes(net, keep, shorts))
    return _data(graph, net, keep, links, positions, shorts, focus=focus, hops=hops, top=top, seeds=seeds)


def _short_label(graph: rdflib.Graph, node: analytics.StoryNode, schema) -> str:
    """What the node shows on the canvas; the side panel has the full label."""
    ref = rdflib.URIRef(node.iri)
    if node.kind == "Event":
        dates = sorted(str(d) for d in graph.objects(ref, NKG.date))
        return _short(analytics.class_label(node.event_type, *schema)) + (f"\n{dates[0]}" if dates else "")
    if node.kind == "Statement":
        quote = _literal(graph, ref, NKG.quote)
        return _short(f"“{quote}”" if quote else node.label)
    return _short(node.label)


def _label_boxes(net: analytics.Network, keep: list[str], shorts: dict[str, str]) -> dict[str, tuple[float, float]]:
    """Rough width and height (px at zoom 1) of each node with its label, as the page will draw it.

    Mirrors the page's scaling: node radius 7-30 px and font 11-18 px, linear in PageRank.
    """
    ranks = [net.measures[iri].pagerank for iri in keep]
    low, high = min(ranks, default=0.0), max(ranks, default=0.0)
    boxes = {}
    for iri in keep:
        lines = shorts[iri].split("\n")
        chars = max(len(line) for line in lines)
        if net.nodes[iri].kind == "Statement":  # a box with the text inside, at most 150 px wide
            width = min(150.0, 6.2 * chars) + 12
            rows = len(lines) + int(6.2 * chars // 150)
            boxes[iri] = (width, 14.0 * rows + 12)
            continue
        v = (net.measures[iri].pagerank - low) / (high - low) if high > low else 0.5
        font, radius = 11 + 7 * v, 7 + 23 * v
        width = max(2 * radius, 0.58 * font * chars) + 8
        boxes[iri] = (width, 2 * (radius + 1.25 * font * len(lines)) + 4)
    return boxes


def _story_size(graph: rdflib.Graph) -> int:
    return len({s for kind in ("Actor", "Place", "Event", "Statement") for s in graph.subjects(RDF.type, NKG[kind])})


def find_nodes(graph: rdflib.Graph, net: analytics.Network, text: str) -> list[str]:
    """Nodes whose label or altLabel is ``text`` (ignoring case and spacing), else an InputError."""
    wanted = _norm(text)
    found = [iri for iri, node in net.nodes.items()
             if _norm(node.label) == wanted or any(_norm(alt) == wanted for alt in analytics.alt_labels(graph, iri))]
    if found:
        return found
    forms: dict[str, str] = {}  # every name and alias of an actor or place → its label
    for iri, node in net.nodes.items():
        if node.kind not in ("Event", "Statement"):
            for form in [node.label, *analytics.alt_labels(graph, iri)]:
                forms.setdefault(_norm(form), node.label)
    near = [form for form in sorted(forms) if len(form) >= 3 and wanted and (wanted in form or form in wanted)]
    near += difflib.get_close_matches(wanted, sorted(forms), n=5, cutoff=0.75)
    close = list(dict.fromkeys(forms[form] for form in near))[:5]
    hint = f"; did you mean: {', '.join(close)}" if close else "; `kg stats` lists the central actors"
    raise InputError(f"--focus {text!r}: no node has this label or alias{hint}")


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


# ---------------------------------------------------------------- layout

def layout(nodes: list[str], edges: list[tuple[str, str]], seed: int = SEED,
           sizes: dict[str, tuple[float, float]] | None = None) -> dict[str, tuple[int, int]]:
    """Integer x/y per node: a force layout of each connected part, parts packed in rows.

    With ``sizes`` (width, height of each node with its label), parts of up to SPREAD_MAX nodes are
    then nudged apart until no two labels overlap.
    """
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    order = {node: index for index, node in enumerate(nodes)}
    parts = sorted((sorted(part, key=order.__getitem__) for part in nx.connected_components(graph)),
                   key=lambda part: (-len(part), order[part[0]]))
    where = {node: (p, i) for p, part in enumerate(parts) for i, node in enumerate(part)}
    pairs: list[set[tuple[int, int]]] = [set() for _ in parts]
    for a, b in edges:
        (part, i), (_, j) = where[a], where[b]
        if i != j:
            pairs[part].add((min(i, j), max(i, j)))
    boxes = []
    for part, links in zip(parts, pairs):
        array = np.array(sorted(links), dtype=np.int64).reshape(-1, 2)
        pos = _force_layout(len(part), array, seed)
        if sizes and 1 < len(part) <= SPREAD_MAX:
            pos = _spread(pos, np.array([sizes[node] for node in part], dtype=float))
        boxes.append((part, pos))
    return _pack(boxes)


def _force_layout(n: int, pairs: np.ndarray, seed: int) -> np.ndarray:
    """Fruchterman-Reingold in numpy, scaled so nodes sit about SPACING_PX from their nearest neighbour.

    Repulsion is exact up to EXACT_LAYOUT nodes; above, each step uses a fixed-seed sample of nodes,
    which keeps a corpus-sized part to a second (networkx's spring_layout takes a minute at 2,000).
    The pairwise arrays are float32 and reused, in row blocks that stay in cache: fresh float64
    arrays of that size made the same loop ten times slower here.
    """
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[0.0, 0.0], [EDGE_PX, 0.0]])
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2), dtype=np.float32)
    k2 = np.float32(1.0 / n)
    k = np.sqrt(k2)
    # small parts settle fast; at corpus scale most parts are small and per-step overhead dominates
    iterations = 40 if n <= 12 else 120 if n <= 300 else 50
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    columns = n if n <= EXACT_LAYOUT else 250
    rows = max(1, min(n, 250_000 // columns))
    dx, dy, d2, tmp = (np.empty((rows, columns), dtype=np.float32) for _ in range(4))
    force = np.empty((n, 2), dtype=np.float32)
    src, dst = pairs[:, 0], pairs[:, 1]
    for _ in range(iterations):
        others = pos if columns == n else pos[rng.choice(n, columns, replace=False)]
        push = k2 * np.float32(n / columns)
        for lo in range(0, n, rows):
            hi = min(n, lo + rows)
            bx, by, bd, bt = dx[: hi - lo], dy[: hi - lo], d2[: hi - lo], tmp[: hi - lo]
            np.subtract(pos[lo:hi, 0:1], others[None, :, 0], out=bx)
            np.subtract(pos[lo:hi, 1:2], others[None, :, 1], out=by)
            np.multiply(bx, bx, out=bd)
            np.multiply(by, by, out=bt)
            bd += bt
            np.maximum(bd, np.float32(1e-9), out=bd)
            np.divide(push, bd, out=bd)
            force[lo:hi, 0] = np.einsum("ij,ij->i", bx, bd)
            force[lo:hi, 1] = np.einsum("ij,ij->i", by, bd)
        if len(pairs):
            delta = pos[src] - pos[dst]
            pull = delta * (np.sqrt((delta * delta).sum(axis=1)) / k)[:, None]
            np.add.at(force, src, -pull)
            np.add.at(force, dst, pull)
        length = np.sqrt((force * force).sum(axis=1))
        np.maximum(length, np.float32(1e-9), out=length)
        pos += force * (np.minimum(length, np.float32(temperature)) / length)[:, None]
        temperature -= cooling
    pos = pos.astype(np.float64)
    return (pos - pos.mean(axis=0)) * (SPACING_PX / _typical_gap(pos, rng))


def _spread(pos: np.ndarray, boxes: np.ndarray, rounds: int = 80) -> np.ndarray:
    """Push apart nodes whose label boxes overlap, each along the axis where they overlap least."""
    pos = pos.copy()
    half = boxes / 2 + 4  # a little air between labels
    n = len(pos)
    tie = np.sign(np.arange(n)[:, None] - np.arange(n)[None, :]).astype(float)
    for _ in range(rounds):
        dx = pos[:, None, 0] - pos[None, :, 0]
        dy = pos[:, None, 1] - pos[None, :, 1]
        ox = half[:, None, 0] + half[None, :, 0] - np.abs(dx)
        oy = half[:, None, 1] + half[None, :, 1] - np.abs(dy)
        clash = (ox > 0) & (oy > 0)
        np.fill_diagonal(clash, False)
        if not clash.any():
            break
        sideways = clash & (ox <= oy)
        upways = clash & ~(ox <= oy)
        sx = np.where(dx != 0, np.sign(dx), tie)
        sy = np.where(dy != 0, np.sign(dy), tie)
        pos[:, 0] += 0.5 * (sideways * ox * sx).sum(axis=1)
        pos[:, 1] += 0.5 * (upways * oy * sy).sum(axis=1)
    return pos


def _typical_gap(pos: np.ndarray, rng: np.random.Generator) -> float:
    """Median distance from a node to its nearest neighbour.

    Scaling by this gap rather than by edge length keeps dense parts from shrinking into a ball
    where every label overlaps.
    """
    from scipy.spatial import cKDTree

    distances, _ = cKDTree(pos).query(pos, k=2)
    nearest = distances[:, 1]
    nearest = nearest[nearest > 0]
    gap = float(np.median(nearest)) if len(nearest) else 0.0
    return gap if np.isfinite(gap) and gap > 0 else 1.0


def _pack(boxes: list[tuple[list[str], np.ndarray]]) -> dict[str, tuple[int, int]]:
    """Place parts left to right in rows about as wide as the whole picture is tall."""
    margin = EDGE_PX
    sizes = []
    for _, pos in boxes:
        low, high = pos.min(axis=0), pos.max(axis=0)
        sizes.append((low, high - low + margin))
    area = sum(float(w * h) for _, (w, h) in sizes)
    row_width = max(max((float(w) for _, (w, _h) in sizes), default=0.0), 1.4 * area ** 0.5)
    x = y = row_height = 0.0
    placed: dict[str, tuple[int, int]] = {}
    for (part, pos), (low, (w, h)) in zip(boxes, sizes):
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        shifted = pos - low + np.array([x, y])
        for node, (px, py) in zip(part, shifted):
            placed[node] = (int(round(px)), int(round(py)))
        x += float(w)
        row_height = max(row_height, float(h))
    if placed:  # centre on the origin, where the page looks first
        xs = [p[0] for p in placed.values()]
        ys = [p[1] for p in placed.values()]
        cx, cy = (min(xs) + max(xs)) // 2, (min(ys) + max(ys)) // 2
        placed = {node: (px - cx, py - cy) for node, (px, py) in placed.items()}
    return placed


# ---------------------------------------------------------------- page data

def _date_range(text: str) -> tuple[str, str] | None:
    """xsd:date, gYearMonth or gYear lexical form → first and last day it covers (ISO strings)."""
    match = re.fullmatch(r"(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:Z|[+-]\d{2}:\d{2})?", text.strip())
    if not match:
        return None
    year, month, day = match.groups()
    if day:
        return f"{year}-{month}-{day}", f"{year}-{month}-{day}"
    if month:
        last = calendar.monthrange(int(year), int(month))[1] if 1 <= int(month) <= 12 and int(year) > 0 else 31
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    return f"{year}-01-01", f"{year}-12-31"


def _short(text: str, width: int = SHORT_LABEL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _literal(graph: rdflib.Graph, node: rdflib.URIRef, predicate) -> str:
    values = sorted(str(value) for value in graph.objects(node, predicate))
    return values[0] if values else ""


def _mention_table(graph: rdflib.Graph) -> dict[rdflib.term.Node, dict[str, str]]:
    """Every mention's offsets, span, article and sentence, read in one pass per property."""
    table: dict[rdflib.term.Node, dict[str, str]] = {}
    for key, predicate in (("begin", NIF.beginIndex), ("end", NIF.endIndex), ("anchor", NIF.anchorOf),
                           ("article", NIF.referenceContext), ("sentence", NKG.sentence)):
        for mention, value in graph.subject_objects(predicate):
            row = table.setdefault(mention, {})
            if key not in row or str(value) < row[key]:  # one value each; the least if several
                row[key] = str(value)
    return table


def _evidence(graph: rdflib.Graph, node: rdflib.URIRef, mentions: dict, articles: dict[str, int],
              texts: dict[str, str]):
    """The node's evidence sentences with the span located in each, first MAX_EVIDENCE of them."""
    items = []
    for mention in set(graph.objects(node, NKG.evidence)):
        row = mentions.get(mention, {})
        begin = int(row["begin"]) if row.get("begin", "").isdigit() else -1
        end = int(row["end"]) if row.get("end", "").isdigit() else -1
        anchor, article, sentence = row.get("anchor", ""), row.get("article", ""), row.get("sentence", "")
        text = texts.get(article, "")
        if not sentence and text and 0 <= begin <= end <= len(text):
            sentence = _window(text, begin, end)
        items.append((article, begin, end, anchor, sentence, text))
    items.sort(key=lambda item: (item[0], item[1], item[2], item[3]))
    out = []
    for article, begin, end, anchor, sentence, text in items[:MAX_EVIDENCE]:
        start = _locate(sentence, anchor, text, begin)
        entry = {"s": sentence or anchor, "h": [start, start + len(anchor)] if start >= 0 else [0, 0]}
        if not sentence:
            entry["h"] = [0, len(anchor)]
        if article in articles:
            entry["a"] = articles[article]
        out.append(entry)
    return out, max(len(items) - MAX_EVIDENCE, 0)


def _window(text: str, begin: int, end: int) -> str:
    """The sentence-ish stretch of text around a span, for mentions without nkg:sentence."""
    start = max(text.rfind("\n", 0, begin) + 1, text.rfind(". ", 0, begin) + 2, begin - 200, 0)
    stops = [i + 1 for i in (text.find("\n", end), text.find(". ", end)) if i >= 0]
    stop = min(stops + [end + 200, len(text)])
    return text[start:stop].strip()


def _locate(sentence: str, anchor: str, text: str, begin: int) -> int:
    """Where the mention's span starts in its sentence (the right one if the words repeat)."""
    if not sentence or not anchor:
        return -1
    if text and begin >= 0:
        start = text.rfind(sentence, 0, begin + 1)
        if start >= 0 and start + len(sentence) >= begin + len(anchor):
            offset = begin - start
            if sentence[offset:offset + len(anchor)] == anchor:
                return offset
    return sentence.find(anchor)


def _category_colours(categories: list[str]) -> dict[str, str]:
    colours, spare = {}, iter(FALLBACK_COLOURS * 4)
    for category in sorted(categories):
        name = analytics._local(category)
        colours[category] = CATEGORY_COLOURS.get(name) or next(spare, "#999999")
    return colours


def _data(graph, net, keep, links, positions, shorts, *, focus, hops, top, seeds) -> dict:
    schema = (graph, analytics.ontology_graph())
    article_iris = sorted({str(article) for iri in keep
                           for article in graph.objects(rdflib.URIRef(iri), NKG.mentionedIn)}
                          | {str(a) for a in graph.subjects(RDF.type, NKG.Article)})
    articles = {iri: index for index, iri in enumerate(article_iris)}
    texts = {iri: _literal(graph, rdflib.URIRef(iri), NIF.isString) for iri in article_iris}
    mentions = _mention_table(graph)
    article_rows = [{"id": iri, "headline": _literal(graph, rdflib.URIRef(iri), SCHEMA.headline),
                     "date": _literal(graph, rdflib.URIRef(iri), SCHEMA.datePublished),
                     "url": _literal(graph, rdflib.URIRef(iri), SCHEMA.url)} for iri in article_iris]

    kept_nodes = [net.nodes[iri] for iri in keep]
    categories = sorted({node.event_category for node in kept_nodes if node.kind == "Event"})
    colours = _category_colours(categories)
    types: dict[str, dict] = {}
    for node in kept_nodes:
        if node.kind == "Event":
            entry = types.setdefault(node.event_type, {
                "id": node.event_type, "label": analytics.class_label(node.event_type, *schema),
                "category": node.event_category, "categoryLabel": analytics.class_label(node.event_category, *schema),
                "color": colours[node.event_category], "count": 0})
            entry["count"] += 1
    max_rank = max((net.measures[iri].pagerank for iri in keep), default=1.0) or 1.0
    nodes = []
    for node in kept_nodes:
        ref = rdflib.URIRef(node.iri)
        m = net.measures[node.iri]
        dates = sorted({str(d) for d in graph.objects(ref, NKG.date)})
        spans = [span for span in map(_date_range, dates) if span]
        evidence, more = _evidence(graph, ref, mentions, articles, texts)
        shape, colour = KIND_STYLE[node.kind]
        item = {
            "id": node.iri, "label": node.label, "kind": node.kind, "shape": shape,
            "color": colours.get(node.event_category, colour) if node.kind == "Event" else colour,
            "alt": analytics.alt_labels(graph, node.iri), "dates": dates,
            "x": positions[node.iri][0], "y": positions[node.iri][1],
            "value": round(m.pagerank / max_rank, 4), "degree": m.degree, "pagerank": m.pagerank,
            "betweenness": m.betweenness, "community": m.community,
            "ev": evidence, "more": more, "short": shorts[node.iri],
            "arts": sorted(articles[str(a)] for a in graph.objects(ref, NKG.mentionedIn) if str(a) in articles),
        }
        if spans:
            item["from"], item["to"] = min(s[0] for s in spans), max(s[1] for s in spans)
        confidence = _literal(graph, ref, NKG.confidence)
        if confidence:
            item["confidence"] = float(confidence)
        if node.kind == "Event":
            item["type"] = node.event_type
            item["typeLabel"] = types[node.event_type]["label"]
            for key, predicate in (("count", NKG.count), ("modality", NKG.modality)):
                value = _literal(graph, ref, predicate)
                if value:
                    item[key] = value
        elif node.kind == "Statement":
            quote, content = _literal(graph, ref, NKG.quote), _literal(graph, ref, NKG.content)
            item["quote"], item["content"] = quote, content
        else:
            same = sorted(str(s) for s in graph.objects(ref, OWL.sameAs))
            if same:
                item["sameAs"] = same
        nodes.append(item)
    kinds = [{"id": kind, "label": analytics.class_label(str(NKG[kind]), *schema), "shape": KIND_STYLE[kind][0],
              "color": KIND_STYLE[kind][1], "count": sum(1 for n in kept_nodes if n.kind == kind)}
             for kind in analytics.KINDS]
    roles = [{"id": role, "color": c, "dashes": d, "arrow": a} for role, (c, d, a) in ROLE_STYLE.items()]
    return {
        "meta": {"nodes": len(nodes), "edges": len(links), "totalNodes": len(net.nodes), "focus": focus or "",
                 "hops": hops if focus else None, "top": top, "seeds": seeds,
                 "title": _title(article_rows)},
        "kinds": kinds, "categories": [{"id": c, "label": analytics.class_label(c, *schema), "color": colours[c]}
                                       for c in categories],
        "eventTypes": sorted(types.values(), key=lambda t: (t["categoryLabel"], t["label"])),
        "roles": roles, "articles": article_rows, "nodes": nodes,
        "edges": [{"from": link.source, "to": link.target, "role": link.role} for link in links],
    }


def _title(articles: list[dict]) -> str:
    if len(articles) == 1 and articles[0]["headline"]:
        return articles[0]["headline"]
    return f"{len(articles)} articles" if articles else "knowledge graph"


# ---------------------------------------------------------------- the page

def embed_json(data) -> str:
    """JSON that is inert inside a <script> element: no '<', '>', '&' or line separators survive."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _vis_js() -> str:
    """vis-network's code as pyvis ships it (found without importing pyvis, which pulls in jinja2)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - a pinned dependency
        raise KgError("the viewer needs the pyvis package: pip install pyvis==0.3.2")
    path = Path(list(spec.submodule_search_locations)[0]).joinpath(*VIS_JS)
    if not path.is_file():  # pragma: no cover
        raise KgError(f"{path}: vis-network is missing from the pyvis package; reinstall pyvis==0.3.2")
    return path.read_text(encoding="utf-8")


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def page_html(data: dict) -> str:
    """The self-contained page for data made by view_data."""
    template = (TEMPLATES / "viewer.html").read_text(encoding="utf-8")
    css = (TEMPLATES / "viewer.css").read_text(encoding="utf-8")
    app = (TEMPLATES / "viewer.js").read_text(encoding="utf-8")
    vis = _vis_js()
    for name, text in (("vis-network", vis), ("viewer.js", app)):
        if re.search(r"</script", text, re.IGNORECASE):  # pragma: no cover - guards a future upgrade
            raise KgError(f"{name} contains '</script' and cannot be inlined")
    csp = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
           f"script-src {_csp_hash(vis)} {_csp_hash(app)}; base-uri 'none'; form-action 'none'")
    parts = {
        "TITLE": html.escape(f"{data['meta']['title']} · kg viewer"),
        "CSP": html.escape(csp, quote=False),  # single quotes are fine inside a "…" attribute
        "CSS": css,
        "VIS_JS": vis,
        "APP_JS": app,
        "DATA": embed_json(data),
    }
    # One pass, so text inserted for one placeholder is never scanned for another.
    return re.sub(r"__KG_([A-Z_]+)__", lambda m: parts[m.group(1)], template)
