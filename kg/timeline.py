"""`kg timeline`: the events and statements one entity takes part in, across a corpus graph.

The rows come from the bundled query ``actor_timeline.rq`` (so ``kg query actor_timeline --param
actor=…`` gives the same answer); this module only decides which node the user means. A name is
compared with every entity's ``rdfs:label`` and ``skos:altLabel`` ignoring case, accents, curly
quotes and extra spaces: one node whose label matches wins (other nodes may carry the name as an
alias), else one node whose other name matches; several, or none, is an error naming the
candidates. Like ``kg.query``, this module never imports rdflib.
"""
from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

import pyoxigraph as ox

from kg import query, store
from kg.errors import ActorError, KgError

NKG = "https://w3id.org/newskg/ontology#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
SKOS_ALT_LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
#: The classes of the nodes a timeline can be asked for (nkg:Facility is a nkg:Place).
ENTITY_CLASSES = tuple(ox.NamedNode(NKG + name) for name in ("Actor", "Place", "Product", "FinancialInstrument"))
FORMATS = ("table", "csv", "json")
QUERY = "actor_timeline"
EVIDENCE_WIDTH = 60  # characters of evidence a table shows; csv and json carry the whole span


@dataclass(frozen=True)
class Timeline:
    """The rows of one entity's timeline, and which node they are about."""

    node: ox.NamedNode
    label: str
    result: query.QueryResult
    namesakes: tuple[str, ...] = ()  # other nodes that have the name asked for as another name

    @property
    def statements(self) -> int:
        kind = self.result.variables.index("kind")
        return sum(1 for row in self.result.rows if row[kind] is not None and row[kind].value == "Statement")

    @property
    def events(self) -> int:
        return len(self.result.rows) - self.statements

    def summary(self) -> str:
        """The one line naming the resolved node, for stderr."""
        events, statements = self.events, self.statements
        more = f" and {len(self.namesakes) - 8} more" if len(self.namesakes) > 8 else ""
        also = f" (also another name of {', '.join(self.namesakes[:8])}{more})" if self.namesakes else ""
        return (f"timeline of {self.label} <{self.node.value}>: {events} event{'s' if events != 1 else ''}, "
                f"{statements} statement{'s' if statements != 1 else ''}{also}")

    def render(self, fmt: str = "table") -> str:
        """Table, CSV or SPARQL 1.1 results JSON, as `kg query` writes them; the table cuts long
        evidence to EVIDENCE_WIDTH characters."""
        if fmt not in FORMATS:
            raise KgError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        result = self.result if fmt != "table" else _shorten_evidence(self.result, EVIDENCE_WIDTH)
        return query.render(result, fmt)


def timeline(actor: str, graphs: Sequence[Path]) -> Timeline:
    """The timeline of ``actor`` (a name, an IRI or a prefixed IRI such as ``id:place/x``) in the
    graph files (any format `kg build` writes, loaded together as one graph)."""
    oxstore = store.load_files([Path(g) for g in graphs])
    node, namesakes = _resolve(oxstore, actor)
    prepared = query.load(QUERY)
    result = query.execute(oxstore, prepared, query.bind_params(prepared, {"actor": node.value}))
    return Timeline(node, _label(oxstore, node), result, tuple(_describe(oxstore, n) for n in namesakes))


# ---------------------------------------------------------------------------- which node

def resolve(oxstore: ox.Store, actor: str) -> ox.NamedNode:
    """The one entity node ``actor`` names, or an :class:`ActorError` saying why there is none."""
    return _resolve(oxstore, actor)[0]


def _resolve(oxstore: ox.Store, actor: str) -> tuple[ox.NamedNode, list[ox.NamedNode]]:
    """The node, and the other nodes that have the name only as another name (a label wins over them)."""
    text = actor.strip()
    if not text:
        raise ActorError("give the name or IRI of an actor, place, product or financial instrument")
    iri = _as_iri(text)
    if iri is not None:
        return _check_entity(oxstore, iri), []
    names = _entity_names(oxstore)
    wanted = normalize(text)
    by_label = sorted({node for node, name, canonical in names if canonical and name == wanted}, key=_iri)
    by_alias = sorted({node for node, name, _ in names if name == wanted}, key=_iri)
    if len(by_label) == 1:
        return by_label[0], [node for node in by_alias if node != by_label[0]]
    if not by_label and len(by_alias) == 1:
        return by_alias[0], []
    candidates = by_label or by_alias
    if candidates:
        listed = ", ".join(_describe(oxstore, n) for n in candidates[:8])
        more = f" and {len(candidates) - 8} more" if len(candidates) > 8 else ""
        raise ActorError(f"{text!r} names {len(candidates)} nodes: {listed}{more}; give the IRI of one")
    raise ActorError(f"no actor, place, product or instrument is called {text!r}{_suggest(oxstore, names, wanted)}")


def normalize(name: str) -> str:
    """A name as names are compared: no accents, case, curly quotes or repeated spaces."""
    name = name.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    name = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    return " ".join(name.casefold().split())


def _as_iri(text: str) -> ox.NamedNode | None:
    """``http(s)://…``, ``<…>`` or a prefixed name with one of kg's prefixes (``id:place/x``)."""
    term = query.param_term(text)  # the rule `kg query --param` uses: IRI-looking text is an IRI
    return term if isinstance(term, ox.NamedNode) else None


def _check_entity(oxstore: ox.Store, node: ox.NamedNode) -> ox.NamedNode:
    types = {quad.object for quad in oxstore.quads_for_pattern(node, RDF_TYPE, None)}
    if types & set(ENTITY_CLASSES):
        return node
    if types:
        kinds = ", ".join(sorted(_short(t.value) for t in types if isinstance(t, ox.NamedNode)))
        raise ActorError(f"{node.value} is not an actor, place, product or financial instrument (it is a {kinds})")
    raise ActorError(f"no node {node.value} in the graph")


def _entity_names(oxstore: ox.Store) -> list[tuple[ox.NamedNode, str, bool]]:
    """(node, normalized name, is it the rdfs:label) for every name of every entity node."""
    entities = {quad.subject for cls in ENTITY_CLASSES for quad in oxstore.quads_for_pattern(None, RDF_TYPE, cls)
                if isinstance(quad.subject, ox.NamedNode)}
    names = []
    for predicate, canonical in ((RDFS_LABEL, True), (SKOS_ALT_LABEL, False)):
        for quad in oxstore.quads_for_pattern(None, predicate, None):
            if quad.subject in entities and isinstance(quad.object, ox.Literal):
                names.append((quad.subject, normalize(quad.object.value), canonical))
    return names


def _suggest(oxstore: ox.Store, names: list[tuple[ox.NamedNode, str, bool]], wanted: str) -> str:
    close = difflib.get_close_matches(wanted, sorted({name for _, name, _ in names}), n=5, cutoff=0.6)
    nodes = []
    for name in close:
        for node in sorted((n for n, other, _ in names if other == name), key=_iri):
            if node not in nodes:
                nodes.append(node)
    labels = list(dict.fromkeys(_label(oxstore, node) for node in nodes))[:3]
    return f"; did you mean {', '.join(repr(label) for label in labels)}?" if labels else ""


def _label(oxstore: ox.Store, node: ox.NamedNode) -> str:
    labels = sorted(q.object.value for q in oxstore.quads_for_pattern(node, RDFS_LABEL, None))
    return labels[0] if labels else _short(node.value)


def _describe(oxstore: ox.Store, node: ox.NamedNode) -> str:
    return f"{_label(oxstore, node)} ({_short(node.value)})"


def _iri(node: ox.NamedNode) -> str:
    return node.value


def _short(iri: str) -> str:
    """An IRI as `kg timeline` accepts it back: with one of kg's prefixes (id:…) where one fits."""
    for prefix, namespace in query.PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


# ---------------------------------------------------------------------------- rendering

def _shorten_evidence(result: query.QueryResult, width: int) -> query.QueryResult:
    column = result.variables.index("evidence")
    rows = []
    for row in result.rows:
        cell = row[column]
        if isinstance(cell, ox.Literal) and len(cell.value) > width:
            cell = ox.Literal(cell.value[: width - 1].rstrip() + "…")
        rows.append(row[:column] + (cell,) + row[column + 1:])
    return replace(result, rows=tuple(rows))
