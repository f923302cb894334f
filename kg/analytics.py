"""The graph as a network: who is central, which nodes cluster together, how many of each class.

One reading of the RDF graph into networkx serves both `kg stats` and the viewer (node sizes,
communities), so the figures a user reads in the terminal are the ones the page shows.

The network has a node for every actor, place, event and statement, and an undirected edge for
every link between two of them (agent, target, participant, place, speaker, about, disputes,
affiliation). Articles and mentions are provenance, not part of the story, so they are left out.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import rdflib
from rdflib.namespace import RDF, RDFS, SKOS

from kg.rdf.namespaces import NKG

# Most specific first: a node typed ArmedGroup, Organization and Actor is an ArmedGroup.
ENTITY_KINDS = ("ArmedGroup", "GovernmentBody", "Organization", "Person", "Group", "Actor", "Place", "Product",
                "FinancialInstrument")
KINDS = ("Person", "Organization", "ArmedGroup", "GovernmentBody", "Group", "Actor", "Place", "Product",
         "FinancialInstrument", "Event", "Statement")
ACTOR_KINDS = frozenset({"Person", "Organization", "ArmedGroup", "GovernmentBody", "Group", "Actor"})

# Links between story nodes, in the direction they are drawn (source → target of the arrow).
ROLES = ("agent", "target", "participant", "theme", "place", "speaker", "about", "disputes", "affiliation")

BETWEENNESS_SAMPLE = 300  # above this many nodes, betweenness is estimated from a fixed-seed sample
SEED = 0


@dataclass(frozen=True)
class StoryNode:
    """One actor, place, event or statement as the network sees it."""

    iri: str
    label: str
    kind: str  # one of KINDS
    event_type: str = ""  # IRI of the most specific event class (events only)
    event_category: str = ""  # IRI of the event class directly under nkg:Event (events only)


@dataclass(frozen=True)
class Link:
    source: str
    target: str
    role: str


@dataclass(frozen=True)
class Measures:
    degree: int
    pagerank: float
    betweenness: float | None  # None when not computed
    community: int  # 0 is the largest community


@dataclass(frozen=True)
class Network:
    """The story nodes, their links, and networkx figures for each node."""

    nodes: dict[str, StoryNode]
    links: tuple[Link, ...]
    graph: nx.Graph
    measures: dict[str, Measures]
    communities: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Central:
    iri: str
    label: str
    kind: str
    degree: int
    pagerank: float
    betweenness: float


@dataclass(frozen=True)
class Community:
    size: int
    members: tuple[str, ...]  # labels of its most central members


@dataclass(frozen=True)
class Summary:
    """What `kg stats` prints."""

    articles: int
    nodes: int
    links: int
    components: int
    counts: tuple[tuple[str, int], ...]  # (kind, count) for every kind in KINDS
    event_types: tuple[tuple[str, int], ...]  # (event type label, count), most frequent first
    central: tuple[Central, ...]
    communities: tuple[Community, ...]
    top: int = field(default=10)


# ---------------------------------------------------------------- reading the RDF graph

def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def humanize(iri: str) -> str:
    """'AirStrike' → 'air strike': the fallback label of a class the ontology does not label."""
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", _local(iri))
    return words.lower() or iri


@functools.lru_cache(maxsize=4)
def _ontology(path: Path) -> rdflib.Graph:
    ontology = rdflib.Graph()
    if path.is_file():
        ontology.parse(path, format="turtle")
    return ontology


def ontology_graph() -> rdflib.Graph:
    """The project ontology, for class labels and the event hierarchy (graph.ttl does not hold it)."""
    from kg.config import Settings

    return _ontology(Settings().ontology_path)


def class_label(iri: str, *graphs: rdflib.Graph) -> str:
    ref = rdflib.URIRef(iri)
    for graph in graphs:
        labels = sorted(str(label) for label in graph.objects(ref, RDFS.label))
        if labels:
            return labels[0]
    return humanize(iri)


def _parents(iri: rdflib.URIRef, graphs: tuple[rdflib.Graph, ...]) -> set[rdflib.URIRef]:
    return {parent for graph in graphs for parent in graph.objects(iri, RDFS.subClassOf)
            if isinstance(parent, rdflib.URIRef)}


def _ancestors(iri: rdflib.URIRef, graphs: tuple[rdflib.Graph, ...]) -> set[rdflib.URIRef]:
    seen: set[rdflib.URIRef] = set()
    todo = [iri]
    while todo:
        for parent in _parents(todo.pop(), graphs):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


def _nearest(iri: rdflib.URIRef, wanted, graphs: tuple[rdflib.Graph, ...]) -> rdflib.URIRef | None:
    """The class nearest ``iri`` (itself, then its parents, then theirs ...) that is ``wanted``;
    among classes equally near, the first by IRI."""
    level, seen = [iri], {iri}
    while level:
        found = sorted((c for c in level if wanted(c)), key=str)
        if found:
            return found[0]
        level = sorted({p for c in level for p in _parents(c, graphs)} - seen, key=str)
        seen.update(level)
    return None


def _event_classes(graph: rdflib.Graph, events: list[rdflib.URIRef], schema: tuple[rdflib.Graph, ...]):
    """For each event: (most specific nkg class, its class directly under nkg:Event).

    The hierarchy comes from rdfs:subClassOf in the graph or the ontology. For a class neither
    knows, fall back on the data: a type shared by more events is the broader one.
    """
    namespace = str(NKG._NS)
    types = {event: sorted({t for t in graph.objects(event, RDF.type)
                            if isinstance(t, rdflib.URIRef) and str(t).startswith(namespace) and t != NKG.Event})
             for event in events}
    extent: dict[rdflib.URIRef, int] = {}
    for event_types in types.values():
        for t in event_types:
            extent[t] = extent.get(t, 0) + 1
    known: dict[rdflib.URIRef, set[rdflib.URIRef]] = {t: _ancestors(t, schema) for t in extent}

    def is_category(t: rdflib.URIRef) -> bool:
        return NKG.Event in _parents(t, schema)

    result = {}
    for event, event_types in types.items():
        if not event_types:
            result[event] = (str(NKG.Event), str(NKG.Event))
            continue
        ancestors = {t: known[t] for t in event_types}
        candidates = [t for t in event_types if not any(t in ancestors[o] for o in event_types if o != t)]
        most = min(candidates, key=lambda t: (extent[t], is_category(t), str(t)))
        category = _nearest(most, is_category, schema)  # a lawsuit is a legal event before a CAMEO disapproval
        if category is None:  # a class the ontology does not know: the broadest other type
            others = [t for t in event_types if t != most]
            category = max(others, key=lambda t: (is_category(t), extent[t], str(t))) if others else most
        result[event] = (str(most), str(category))
    return result


def _label(graph: rdflib.Graph, node: rdflib.URIRef) -> str:
    labels = sorted(str(label) for label in graph.objects(node, RDFS.label))
    return labels[0] if labels else _local(str(node))


def story_nodes(graph: rdflib.Graph) -> dict[str, StoryNode]:
    """Every actor, place, event and statement in the graph, keyed by IRI, in IRI order."""
    typed: dict[rdflib.URIRef, set[str]] = {}
    for kind in ENTITY_KINDS + ("Event", "Statement"):
        for node in graph.subjects(RDF.type, NKG[kind]):
            if isinstance(node, rdflib.URIRef):
                typed.setdefault(node, set()).add(kind)
    events = sorted(node for node, kinds in typed.items() if "Event" in kinds)
    event_classes = _event_classes(graph, events, (graph, ontology_graph())) if events else {}
    nodes = {}
    for node in sorted(typed, key=str):
        kinds = typed[node]
        kind = next((k for k in ("Event", "Statement") + ENTITY_KINDS if k in kinds))
        event_type, category = event_classes.get(node, ("", ""))
        nodes[str(node)] = StoryNode(str(node), _label(graph, node), kind, event_type, category)
    return nodes


def story_links(graph: rdflib.Graph, nodes: dict[str, StoryNode]) -> tuple[Link, ...]:
    """Links between story nodes, drawn so an event sits between its agent and its target."""
    links = set()
    for role in ROLES:
        for subject, obj in graph.subject_objects(NKG[role]):
            source, target = str(subject), str(obj)
            if source not in nodes or target not in nodes or source == target:
                continue
            if role == "agent" or role == "speaker":  # the doer points at what it did or said
                source, target = target, source
            links.add(Link(source, target, role))
    return tuple(sorted(links, key=lambda link: (link.source, link.target, ROLES.index(link.role))))


def alt_labels(graph: rdflib.Graph, iri: str) -> list[str]:
    return sorted({str(alt) for alt in graph.objects(rdflib.URIRef(iri), SKOS.altLabel)})


# ---------------------------------------------------------------- networkx figures

def pagerank(network: nx.Graph) -> dict[str, float]:
    if network.number_of_edges() == 0:
        n = network.number_of_nodes()
        return {node: 1.0 / n for node in network} if n else {}
    return nx.pagerank(network, alpha=0.85, tol=1e-10, max_iter=500)


def measure(network: nx.Graph, *, betweenness: bool = True) -> tuple[dict[str, Measures], tuple[tuple[str, ...], ...]]:
    """Degree, PageRank, betweenness and Louvain community of every node (fixed seeds).

    Betweenness is the slow one (seconds at 2,000 nodes even sampled): callers that do not show
    it can skip it, and it is then None.
    """
    n = network.number_of_nodes()
    if n == 0:
        return {}, ()
    ranks = pagerank(network)
    between: dict[str, float | None] = dict.fromkeys(network)
    if betweenness:
        sample = None if n <= BETWEENNESS_SAMPLE else BETWEENNESS_SAMPLE
        between.update(nx.betweenness_centrality(network, k=sample, seed=SEED, normalized=True))
    found = nx.community.louvain_communities(network, seed=SEED) if network.number_of_edges() else [{v} for v in network]
    communities = tuple(sorted((tuple(sorted(c)) for c in found), key=lambda c: (-len(c), c[0])))
    community_of = {node: index for index, members in enumerate(communities) for node in members}
    measures = {node: Measures(network.degree(node), round(ranks[node], 6),
                               None if between[node] is None else round(between[node], 6), community_of[node])
                for node in network}
    return measures, communities


def network(graph: rdflib.Graph, *, betweenness: bool = True) -> Network:
    """Read the story network of an RDF graph and measure it."""
    nodes = story_nodes(graph)
    links = story_links(graph, nodes)
    net = nx.Graph()
    net.add_nodes_from(nodes)  # IRI order, so every algorithm sees the same order every run
    for link in links:
        net.add_edge(link.source, link.target)
    measures, communities = measure(net, betweenness=betweenness)
    return Network(nodes, links, net, measures, communities)


def importance_order(net: Network) -> list[str]:
    """Node IRIs, most important first (PageRank, then degree, then IRI for ties)."""
    return sorted(net.nodes, key=lambda iri: (-net.measures[iri].pagerank, -net.measures[iri].degree, iri))


# ---------------------------------------------------------------- kg stats

def summarize(graph: rdflib.Graph, top: int = 10) -> Summary:
    net = network(graph)
    counts = {kind: 0 for kind in KINDS}
    event_types: dict[str, int] = {}
    schema = (graph, ontology_graph())
    for node in net.nodes.values():
        counts[node.kind] += 1
        if node.kind == "Event":
            label = class_label(node.event_type, *schema)
            event_types[label] = event_types.get(label, 0) + 1
    order = [iri for iri in importance_order(net) if net.nodes[iri].kind in ACTOR_KINDS]
    central = tuple(Central(iri, net.nodes[iri].label, net.nodes[iri].kind, net.measures[iri].degree,
                            net.measures[iri].pagerank, net.measures[iri].betweenness)
                    for iri in order[:max(top, 0)])
    rank = {iri: position for position, iri in enumerate(importance_order(net))}
    communities = tuple(Community(len(members), _named_members(net, members, rank))
                        for members in net.communities if len(members) > 1)[:max(top, 0)]
    return Summary(
        articles=len(set(graph.subjects(RDF.type, NKG.Article))),
        nodes=net.graph.number_of_nodes(),
        links=len(net.links),
        components=nx.number_connected_components(net.graph) if net.nodes else 0,
        counts=tuple(counts.items()),
        event_types=tuple(sorted(event_types.items(), key=lambda item: (-item[1], item[0]))),
        central=central,
        communities=communities,
        top=top,
    )


def _named_members(net: Network, members: tuple[str, ...], rank: dict[str, int], shown: int = 8) -> tuple[str, ...]:
    """A community's most central actors and places (their names say more than event labels)."""
    ordered = sorted(members, key=lambda iri: (net.nodes[iri].kind in ("Event", "Statement"), rank[iri]))
    return tuple(net.nodes[iri].label for iri in ordered[:shown])


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render(summary: Summary) -> str:
    """The summary as plain text for a terminal."""
    lines = [f"{summary.articles} article(s) · {summary.nodes} nodes · {summary.links} links · "
             f"{summary.components} connected part(s)", "", "Nodes by class"]
    width = max([18] + [len(humanize(kind)) + 2 for kind, _ in summary.counts])  # "financial instrument"
    for kind, count in summary.counts:
        lines.append(f"  {humanize(kind):<{width}}{count:>6}")
    if summary.event_types:
        lines += ["", "Events by type"]
        lines += [f"  {_clip(label, 28):<28}{count:>6}" for label, count in summary.event_types]
    lines += ["", f"Most central actors (top {summary.top}, by PageRank)"]
    if summary.central:
        lines.append(f"  {'#':>2}  {'actor':<36}{'class':<17}{'degree':>7}{'pagerank':>10}{'betweenness':>13}")
        for position, actor in enumerate(summary.central, 1):
            lines.append(f"  {position:>2}  {_clip(actor.label, 34):<36}{humanize(actor.kind):<17}"
                         f"{actor.degree:>7}{actor.pagerank:>10.4f}{actor.betweenness:>13.4f}")
    else:
        lines.append("  (no actors)")
    lines += ["", "Communities (Louvain, fixed seed; most central members first)"]
    if summary.communities:
        for position, community in enumerate(summary.communities, 1):
            members = ", ".join(_clip(label, 40) for label in community.members)
            more = " …" if community.size > len(community.members) else ""
            lines.append(f"  {position:>2}. {community.size} nodes: {members}{more}")
    else:
        lines.append("  (none: no two nodes are linked)")
    return "\n".join(lines) + "\n"
