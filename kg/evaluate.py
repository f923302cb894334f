"""Score a built graph against a hand annotation (../shared/eval/README.md's gold format).

Matching follows that README: names compare after normalization (case, quotes, possessive 's,
a leading article, punctuation); an entity is found when a node's label or altLabel equals its
name or an alias; an event when a node's class names that kind of event and, where the gold has
an agent or target, one of them is among the event's actors (one node per gold event, assigned so
that the most gold events are found, preferring nodes whose evidence overlaps the gold's); a
statement by its speaker (plus a quote or a dispute link where the gold has one). Every figure
comes with the misses by name.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import rdflib
from rdflib.namespace import RDF, RDFS, SKOS

from kg.config import Settings
from kg.errors import InputError
from kg.keys import normalize_name
from kg.rdf.namespaces import NIF, NKG

SUBTYPES = {"Organization": {"Organization", "ArmedGroup", "GovernmentBody"}, "Place": {"Place", "Facility"}}
THINGS = ("Product", "FinancialInstrument")  # nodes that are neither actors nor places


@dataclass
class Ratio:
    hit: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, name: str) -> None:
        self.total += 1
        self.hit += ok
        if not ok:
            self.misses.append(name)

    @property
    def value(self) -> float | None:
        return self.hit / self.total if self.total else None


@dataclass
class Score:
    name: str
    figures: dict[str, Ratio]
    splits: list[str]
    scope: str = ""  # which article of which graph was scored, when a graph file was given
    # (fact kind, nkg:confidence, right?) of each scored fact that carries a confidence
    confidences: list[tuple[str, float, bool]] = field(default_factory=list)


def _labels(graph: rdflib.Graph, node) -> set[str]:
    values = [graph.value(node, RDFS.label), *graph.objects(node, SKOS.altLabel)]
    return {normalize_name(str(v)) for v in values if v is not None}


def _classes(graph: rdflib.Graph, node) -> set[str]:
    ns = str(NKG._NS)
    return {str(c)[len(ns):] for c in graph.objects(node, RDF.type) if str(c).startswith(ns)}


class GoldIndex:
    """Gold entities by normalized surface form, and a matcher from graph nodes to gold names."""

    def __init__(self, gold: dict, graph: rdflib.Graph):
        self.gold, self.graph = gold, graph
        self.forms = {e["name"]: {normalize_name(x) for x in [e["name"], *e.get("aliases", [])]}
                      for e in gold.get("entities", [])}
        self.entity_nodes = sorted({n for c in (NKG.Actor, NKG.Place, NKG.Product, NKG.FinancialInstrument)
                                    for n in graph.subjects(RDF.type, c)}, key=str)
        # precision counts products and instruments only where the gold annotates them (guidelines v2)
        self.counted_nodes = [n for n in self.entity_nodes if gold.get("artifacts")
                              or not any((n, RDF.type, NKG[c]) in graph for c in THINGS)]
        self.node_labels = {n: _labels(graph, n) for n in self.entity_nodes}
        # a country that acts may be modelled as its government: "Rwanda government" for "Rwanda"
        self.governments = {e["name"]: {f"{form} government" for form in self.forms[e["name"]]}
                            for e in gold.get("entities", []) if e.get("type") == "Place"}

    def nodes_for(self, gold_name: str | None) -> list:
        if not gold_name or gold_name not in self.forms:
            return []
        forms = self.forms[gold_name]
        return [n for n in self.entity_nodes if self.node_labels[n] & forms]

    def matches(self, node, gold_name: str | None) -> bool:
        return gold_name is not None and (node in set(self.nodes_for(gold_name)) or self.governs(node, gold_name))

    def governs(self, node, gold_name: str) -> bool:
        """Whether the node is the government of a gold place (how a graph may model a country that acts)."""
        return (node, RDF.type, NKG.GovernmentBody) in self.graph and \
            bool(self.node_labels.get(node, set()) & self.governments.get(gold_name, set()))


def _event_type_names(ontology: Path) -> dict[str, set[str]]:
    """For each event class: its local name, label and altLabels, normalized (how gold types match)."""
    graph = rdflib.Graph().parse(ontology)
    ns = str(NKG._NS)
    names = {}
    for cls in set(graph.subjects(RDFS.label, None)):
        if not str(cls).startswith(ns):
            continue
        local = str(cls)[len(ns):]
        values = {local.lower(), normalize_name(str(graph.value(cls, RDFS.label)))}
        values |= {normalize_name(str(a)) for a in graph.objects(cls, SKOS.altLabel)}
        names[local] = values
    return names


def score(gold: dict, graph: rdflib.Graph, name: str, settings: Settings | None = None) -> Score:
    settings = settings or Settings()
    index = GoldIndex(gold, graph)
    figures = {k: Ratio() for k in ("entity recall", "entity precision", "type accuracy", "event recall",
                                    "event roles", "event place", "event date", "event precision",
                                    "statement recall", "quotes exact", "disputes linked")}
    splits = _score_entities(gold, graph, index, figures)
    confidences: list[tuple[str, float, bool]] = []
    _score_events(gold, graph, index, figures, _event_type_names(Path(settings.ontology_path)), confidences)
    _score_statements(gold, graph, index, figures, confidences)
    return Score(name=name, figures=figures, splits=splits, confidences=confidences)


def _score_entities(gold, graph, index: GoldIndex, figures) -> list[str]:
    splits = []
    for entity in gold.get("entities", []):
        nodes = index.nodes_for(entity["name"])
        if not nodes:
            if not entity.get("optional"):
                figures["entity recall"].add(False, entity["name"])
            continue
        if not entity.get("optional"):
            figures["entity recall"].add(True, entity["name"])
        if len(nodes) > 1:
            splits.append(f"{entity['name']} ({len(nodes)} nodes: {' | '.join(_label_of(graph, n) for n in nodes)})")
        allowed = SUBTYPES.get(entity["type"], {entity["type"]})
        figures["type accuracy"].add(any(_classes(graph, n) & allowed for n in nodes),
                                     f"{entity['name']} (gold {entity['type']}, graph "
                                     f"{'/'.join(sorted(_most_specific(graph, nodes[0])))})")
    all_forms = set().union(*index.forms.values()) if index.forms else set()
    for node in index.counted_nodes:
        labels = [str(v) for v in [graph.value(node, RDFS.label), *graph.objects(node, SKOS.altLabel)] if v]
        if not any(any(w[:1].isupper() for w in label.split()) and not label.startswith("@") for label in labels):
            continue  # unnamed collectives ("protesters") are descriptions, not named nodes
        real = bool(index.node_labels[node] & all_forms) or any(index.governs(node, name) for name in index.governments)
        figures["entity precision"].add(real, str(graph.value(node, RDFS.label)))
    return splits


def _most_specific(graph, node) -> set[str]:
    classes = _classes(graph, node)
    return {c for c in classes if c not in ("Actor", "Organization") or classes <= {"Actor", "Organization"}}


def _event_class(graph, node, type_names) -> set[str]:
    return {c for c in _classes(graph, node) if c in type_names}


def _score_events(gold, graph, index: GoldIndex, figures, type_names, confidences=None) -> None:
    nodes = sorted(graph.subjects(RDF.type, NKG.Event), key=str)
    confidences = [] if confidences is None else confidences
    matched = _assign_events(gold.get("events", []), nodes, graph, index, type_names)
    used = set(matched.values())
    for number, event in enumerate(gold.get("events", [])):
        label = f"{event['type']}: {event.get('evidence', '')[:60]}"
        best = matched.get(number)
        if best is None:
            if not event.get("optional"):
                figures["event recall"].add(False, label)
            continue
        if event.get("optional"):
            continue
        figures["event recall"].add(True, label)
        if event.get("agent") or event.get("target"):
            figures["event roles"].add(_roles_ok(graph, best, event, index),
                                       f"{label} (gold {event.get('agent')} \u2192 {event.get('target')}, "
                                       f"graph {_names(graph, best, NKG.agent)} \u2192 {_names(graph, best, NKG.target)})")
        if event.get("place"):
            figures["event place"].add(_place_ok(graph, best, event, index),
                                       f"{label} (gold {event['place']}, graph {_label_of(graph, graph.value(best, NKG.place))})")
        if event.get("date"):
            figures["event date"].add(_date_ok(graph, best, event),
                                      f"{label} (gold {event['date']}, graph {graph.value(best, NKG.date)})")
        confidences.extend(_role_confidences(graph, best, event, index))
    for node in nodes:
        if graph.value(node, NKG.modality) is not None:
            continue
        figures["event precision"].add(node in used, _label_of(graph, node))
        confidence = graph.value(node, NKG.confidence)
        if confidence is not None:
            confidences.append(("event", float(confidence), node in used))


def _assign_events(events: list[dict], nodes: list, graph, index: GoldIndex, type_names) -> dict[int, object]:
    """Each gold event's node, one node per gold event: the assignment that finds the most required
    gold events (optional ones after them), and among those prefers nodes told in the gold's evidence,
    then with the right roles, place and date. (Matched greedily in gold order, a gold event without
    roles took a node another gold event needed: "Chinese blue chips rose" took the Hang Seng's rise,
    told in the same sentence, and left the Hang Seng unmatched.)"""
    from scipy.optimize import linear_sum_assignment

    if not events or not nodes:
        return {}
    weights = np.zeros((len(events), len(nodes)))
    for g, event in enumerate(events):
        wanted = normalize_name(event["type"])
        spans = _evidence_spans(graph, event.get("evidence", ""))
        for n, node in enumerate(nodes):
            if not any(wanted in type_names[c] for c in _event_class(graph, node, type_names)):
                continue
            if (event.get("agent") or event.get("target")) and not any(
                    index.matches(a, event.get("agent")) or index.matches(a, event.get("target"))
                    for a in _actors(graph, node)):
                continue
            weights[g, n] = (1000 if event.get("optional") else 2000) + 8 * _tells(graph, node, spans) \
                + 4 * _roles_ok(graph, node, event, index) + 2 * _place_ok(graph, node, event, index) \
                + _date_ok(graph, node, event)
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return {int(g): nodes[n] for g, n in zip(rows, cols) if weights[g, n] > 0}


def _evidence_spans(graph, evidence: str) -> list[tuple[int, int]]:
    """Where the gold evidence stands in the article's text (every occurrence)."""
    return [span for text in map(str, graph.objects(None, NIF.isString)) for span in occurrences(text, evidence)]


def occurrences(text: str, part: str) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of ``part`` in ``text`` (overlapping ones too)."""
    found, start = [], 0
    while part and (i := text.find(part, start)) >= 0:
        found.append((i, i + len(part)))
        start = i + 1
    return found


def _tells(graph, node, spans: list[tuple[int, int]]) -> bool:
    """Whether one of the event's evidence mentions overlaps the gold evidence."""
    for mention in graph.objects(node, NKG.evidence):
        begin, end = graph.value(mention, NIF.beginIndex), graph.value(mention, NIF.endIndex)
        if begin is not None and end is not None and any(int(begin) < e and s < int(end) for s, e in spans):
            return True
    return False


def _role_confidences(graph, node, event, index: GoldIndex):
    """(role, confidence, right?) of the place, date, agents and targets of an event matched to a
    gold event, where the gold says what they are."""
    for assertion in graph.objects(node, NKG.roleAssertion):
        role = str(graph.value(assertion, NKG.role)).rsplit("#", 1)[-1]
        score = graph.value(assertion, NKG.confidence)
        if score is None:
            continue  # a graph that states no confidence has no reliability to measure
        confidence = float(score)
        filler, value = graph.value(assertion, NKG.filler), graph.value(assertion, NKG.fillerValue)
        if role == "place" and event.get("place"):
            yield "place", confidence, index.matches(filler, event["place"])
        elif role == "date" and event.get("date"):
            yield "date", confidence, str(value) == event["date"]
        elif role in ("agent", "target") and event.get(role):
            yield "role", confidence, index.matches(filler, event[role])


def _label_of(graph, node) -> str:
    return str(graph.value(node, RDFS.label)) if node is not None else "none"


def _names(graph, node, prop) -> str:
    return ", ".join(sorted(_label_of(graph, n) for n in graph.objects(node, prop))) or "none"


def _actors(graph, node) -> list:
    return [*graph.objects(node, NKG.agent), *graph.objects(node, NKG.target), *graph.objects(node, NKG.participant),
            *graph.objects(node, NKG.theme)]


def _roles_ok(graph, node, event, index: GoldIndex) -> bool:
    participants = list(graph.objects(node, NKG.participant))
    for role, props in (("agent", (NKG.agent,)), ("target", (NKG.target, NKG.theme))):
        if event.get(role):
            fillers = [f for prop in props for f in graph.objects(node, prop)] + participants
            if not any(index.matches(f, event[role]) for f in fillers):
                return False
    return True


def _place_ok(graph, node, event, index: GoldIndex) -> bool:
    place = graph.value(node, NKG.place)
    return bool(event.get("place")) and place is not None and index.matches(place, event["place"])


def _date_ok(graph, node, event) -> bool:
    value = graph.value(node, NKG.date)
    return bool(event.get("date")) and value is not None and str(value) == event["date"]


def _score_statements(gold, graph, index: GoldIndex, figures, confidences=None) -> None:
    nodes = sorted(graph.subjects(RDF.type, NKG.Statement), key=str)
    texts = [str(t) for t in graph.objects(None, NIF.isString)]
    used = set()
    statements = gold.get("statements", [])
    for statement in sorted(statements, key=lambda s: bool(s.get("optional"))):  # optional ones take what is left
        label = f"{statement['speaker']}: {statement.get('gist', '')[:60]}"
        candidates = [n for n in nodes if n not in used and index.matches(graph.value(n, NKG.speaker), statement["speaker"])]
        if statement.get("quoted"):
            candidates = [n for n in candidates if graph.value(n, NKG.quote) is not None]
        if statement.get("disputes"):
            linked = [n for n in candidates if any(index.matches(graph.value(d, NKG.speaker), statement["disputes"])
                                                   for d in graph.objects(n, NKG.disputes))]
            if not statement.get("optional"):
                figures["disputes linked"].add(bool(linked), label)
            candidates = linked or candidates
        if not candidates:
            if not statement.get("optional"):
                figures["statement recall"].add(False, label)
            continue
        best = max(candidates, key=lambda n: _shared_words(statement.get("gist", ""), graph, n))
        used.add(best)
        if statement.get("optional"):
            continue
        figures["statement recall"].add(True, label)
        quote = graph.value(best, NKG.quote)
        if statement.get("quoted") and quote is not None:
            figures["quotes exact"].add(any(str(quote) in t for t in texts), f"{label}: {str(quote)[:60]}")
    for node in nodes if confidences is not None else ():
        confidence = graph.value(node, NKG.confidence)
        if confidence is not None:
            confidences.append(("statement", float(confidence), node in used))


def _shared_words(gist: str, graph, node) -> int:
    """How many words of a gold gist a statement's content or quote has: of several statements
    by one speaker, the one that says it (the first on a tie) answers the gold statement."""
    said = " ".join(str(graph.value(node, p) or "") for p in (NKG.content, NKG.quote))
    def words(text: str) -> set[str]:
        return {w for w in normalize_name(text).split() if len(w) > 3}
    return len(words(gist) & words(said))


# ---------------------------------------------------------------- running and printing
def load_gold(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise InputError(f"{path}: not a readable gold JSON file ({error})") from None


def evaluate_files(gold_path: Path, graph_path: Path, settings: Settings | None = None) -> Score:
    """Score the article a gold file describes, whatever else the graph holds: a corpus graph's
    other articles are not that gold's misses (scored whole, a 121-article graph gave entity
    precision 0.01)."""
    from kg.export import load_graphs

    settings = settings or Settings()
    gold = load_gold(gold_path)
    graph = load_graphs([graph_path])
    articles = sorted(graph.subjects(RDF.type, NKG.Article), key=str)
    article = gold_article(gold, gold_path, graph, articles, graph_path, settings)
    result = score(gold, article_graph(graph, article, graph_path), gold_path.stem, settings)
    result.scope = f"{_curie(article)}, one of {len(articles)} article(s) in {graph_path}"
    return result


def gold_article(gold: dict, gold_path: Path, graph: rdflib.Graph, articles: list, graph_path: Path,
                 settings: Settings):
    """The graph's node for the article a gold file annotates: the one with its text, else its id
    (the file name's stem, as `kg build` keys a .txt) or its file name. A graph of one article is
    that article."""
    from kg import ingest
    from kg.rdf.iris import Minter

    if not articles:
        raise InputError(f"{graph_path}: holds no nkg:Article to score")
    named = gold.get("article")
    if named:
        source = gold_path.parent / named
        text = None
        if source.is_file():
            text = next(ingest.read_articles(source, settings)).text
        by_text = [a for a in articles if text is not None and str(graph.value(a, NIF.isString)) == text]
        by_key = Minter(settings.base_iri).article(ingest.article_key(Path(named).stem, ""))
        by_file = [a for a in articles if _same_file(graph.value(a, NKG.sourceFile), named)]
        for found in (by_text, [by_key] if by_key in articles else [], by_file):
            if found:
                return found[0]
    if len(articles) == 1:
        return articles[0]
    raise InputError(f"{graph_path}: none of its {len(articles)} articles is the one {gold_path.name} annotates "
                     f"({named or 'it names no article'}; matched by text, id or file name)")


def _same_file(source, named: str) -> bool:
    """Whether a built article's nkg:sourceFile is the gold's article file ("articles/x.txt")."""
    if source is None:
        return False
    parts, wanted = Path(str(source).split(":", 1)[0]).parts, Path(named).parts
    return len(parts) >= len(wanted) and parts[-len(wanted):] == wanted


def article_graph(graph: rdflib.Graph, article, graph_path: Path) -> rdflib.Graph:
    """What the graph says of one article: its own named graph in a dataset (graph.trig, graph.nq),
    else the nodes nkg:mentionedIn it with their triples, the article and its mentions (a node
    several articles mention keeps the roles and names the others gave it, which only a dataset
    tells apart)."""
    from kg.export import new_graph
    from kg.store import rdf_format

    scoped = new_graph()
    fmt = rdf_format(graph_path)
    if fmt.supports_datasets:
        import pyoxigraph as ox

        name = ox.NamedNode(str(article))
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(path=str(graph_path), format=fmt)
                   if q.graph_name == name]
        if triples:
            return scoped.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"),
                                format="nt")
    mentions = set(graph.subjects(NIF.referenceContext, article))
    for node in {article, *graph.subjects(NKG.mentionedIn, article), *mentions}:
        for predicate, obj in graph.predicate_objects(node):
            if (predicate == NKG.mentionedIn and obj != article) or (predicate == NKG.evidence and obj not in mentions):
                continue  # another article's provenance
            scoped.add((node, predicate, obj))
    for assertion in set(scoped.objects(None, NKG.roleAssertion)):  # the confidence of each role is the article's
        scoped += graph.triples((assertion, None, None))
    for cls in set(scoped.objects(None, RDF.type)):
        scoped += graph.triples((cls, None, None))
    return scoped


def _curie(node) -> str:
    from kg.export import PREFIXES

    text = str(node)
    return next((f"{p}:{text[len(ns):]}" for p, ns in PREFIXES.items() if text.startswith(ns)), text)


def render(result: Score) -> str:
    lines = [f"{result.name}"] + ([f"  article           {result.scope}"] if result.scope else [])
    for name, ratio in result.figures.items():
        value = "n/a" if ratio.value is None else f"{ratio.value:.2f}"
        lines.append(f"  {name:<17} {value:>5}  ({ratio.hit}/{ratio.total})")
        for miss in ratio.misses:
            lines.append(f"      miss: {miss}")
    lines.append(f"  split entities    {len(result.splits)}" + "".join(f"\n      split: {s}" for s in result.splits))
    return "\n".join(lines)


def build_gold_graph(gold_path: Path, gold: dict, settings: Settings) -> rdflib.Graph:
    """Build the graph of a gold file's article, with the gold's publication date as metadata."""
    from dataclasses import replace

    from kg import ingest
    from kg.pipeline import extract_all
    from kg.rdf.mapping import to_graph

    article_path = gold_path.parent / gold["article"]
    (article,) = list(ingest.read_articles(article_path, settings))
    if gold.get("published"):
        article = replace(article, published=gold["published"], published_inferred=False)
    return to_graph(extract_all([article], settings), settings)


def evaluate_folder(folder: Path, settings: Settings | None = None, verbose: bool = True) -> str:
    settings = settings or Settings()
    paths = sorted(folder.glob("*.json"))
    if not paths:
        raise InputError(f"{folder}: no gold .json files")
    results = []
    for path in paths:
        gold = load_gold(path)
        results.append(score(gold, build_gold_graph(path, gold, settings), path.stem, settings))
    return (table(results) + "\n\n" + reliability(results)
            + ("\n\n" + "\n\n".join(render(r) for r in results) if verbose else ""))


def reliability(results: list[Score]) -> str:
    """Calibration: for each tenth of confidence, how many scored facts of each kind were right.
    Events and statements count against the whole gold (right = the gold lists it); places, dates
    and roles only on events matched to a gold event that states them."""
    kinds = ("event", "place", "date", "role", "statement")
    rows = {kind: [[0, 0] for _ in range(10)] for kind in kinds}
    for result in results:
        for kind, confidence, right in result.confidences:
            cell = rows[kind][min(9, int(confidence * 10))]
            cell[0] += 1
            cell[1] += int(right)
    if not any(cell[0] for kind in kinds for cell in rows[kind]):
        return "reliability: no fact carries a confidence (KG_DECIDER=rules?)"
    header = f"{'confidence':<12}" + "".join(f"{kind + 's right':>19}" for kind in kinds)
    lines = ["reliability (of the facts kg scored in each band, how many were right)", header, "-" * len(header)]
    for band in range(9, -1, -1):
        cells = []
        for kind in kinds:
            n, right = rows[kind][band]
            cells.append(f"{(f'{right}/{n} = {right / n:.2f}' if n else '-'):>19}")
        lines.append(f"{band / 10:.1f}-{(band + 1) / 10:.1f}     " + "".join(cells))
    return "\n".join(lines)


def micro(results: list[Score]) -> str:
    """The figures summed over articles (hits over totals), and the split entities."""
    names = list(results[0].figures) if results else []
    counts = {name: [0, 0] for name in names}
    for r in results:
        for name, ratio in r.figures.items():
            counts[name][0] += ratio.hit
            counts[name][1] += ratio.total
    return "micro: " + ", ".join(f"{name} {hit}/{total}" for name, (hit, total) in counts.items()) \
        + f", split entities {sum(len(r.splits) for r in results)}"


def table(results: list[Score]) -> str:
    """One row per article, one column per figure, and the macro average (mean over articles
    where the figure applies)."""
    columns = list(results[0].figures) + ["splits"]
    short = {c: c.replace("entity ", "ent ").replace("event ", "ev ").replace("statement ", "st ")
             .replace(" accuracy", " acc").replace("precision", "prec").replace("disputes linked", "disputes")
             for c in columns}
    width = {c: max(7, len(short[c]) + 2) for c in columns}
    header = f"{'article':<12}" + "".join(f"{short[c]:>{width[c]}}" for c in columns)
    lines = [header, "-" * len(header)]
    sums: dict[str, list[float]] = {c: [] for c in columns}
    for r in results:
        cells = []
        for c in columns:
            value = float(len(r.splits)) if c == "splits" else r.figures[c].value
            text = "n/a" if value is None else (f"{int(value)}" if c == "splits" else f"{value:.2f}")
            cells.append(f"{text:>{width[c]}}")
            if value is not None:
                sums[c].append(value)
        lines.append(f"{r.name[:12]:<12}" + "".join(cells))
    lines.append("-" * len(header))
    lines.append(f"{'macro avg':<12}" + "".join(f"{(sum(v) / len(v) if v else 0):>{width[c]}.2f}"
                                               for c, v in sums.items()))
    return "\n".join(lines)
