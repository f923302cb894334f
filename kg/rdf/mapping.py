"""Extraction (the IR) -> rdflib Graph, per ../shared/CONTRACT.md. No spaCy here.

Superclass types are asserted (materialized) so queries need no rdfs:subClassOf* paths, which
some triple stores evaluate wrongly; the rdfs:label of every event class used is added so the
graph reads on its own.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from kg.config import Settings
from kg.export import new_graph
from kg.model import Article, Entity, Event, Extraction, Mention, Statement
from kg.keys import slug
from kg.rdf.iris import Minter
from kg.rdf.namespaces import NIF, NKG, SCHEMA
from kg.rdf.ontology import class_info, lineage


class GraphBuilder:
    """Adds extractions to one graph; the same entity key from several articles is one node."""

    def __init__(self, settings: Settings, graph: rdflib.Graph | None = None):
        self.graph = graph if graph is not None else new_graph()
        self.mint = Minter(settings.base_iri)
        self.parents, self.labels = class_info(Path(settings.ontology_path))
        self._labelled: dict[URIRef, str] = {}
        self.triples: set[tuple] = set()  # the merged graph's triples (iterating an rdflib Graph is slow)
        self._own: set[tuple] = set()  # the current article's triples, as its own graph would have them
        self._own_labelled: dict[URIRef, str] = {}

    def add(self, extraction: Extraction) -> set[tuple]:
        """Add one article; returns that article's triples as a graph of its own (its own labels),
        so per-article named graphs come out of the same single pass."""
        self._own, self._own_labelled = set(), {}
        article = self.mint.article(extraction.article.key)
        self._article(extraction.article, article)
        for entity in extraction.entities:
            self._entity(entity, article, extraction.article.key)
        for event in extraction.events:
            self._event(event, article, extraction.article.key)
        for statement in extraction.statements:
            self._statement(statement, article, extraction.article.key)
        return self._own

    def _add(self, triple: tuple) -> None:
        self._merged(triple)
        self._own.add(triple)

    def _merged(self, triple: tuple) -> None:
        self.graph.add(triple)
        self.triples.add(triple)

    # ---------------------------------------------------------------- nodes
    def _types(self, node: URIRef, local: str) -> None:
        """The class and its nkg superclasses, asserted; and, once per class, its label and
        superclass, so the graph reads (and queries) without the ontology loaded."""
        chain = lineage(local, self.parents)
        for cls in chain:
            self._add((node, RDF.type, NKG[cls]))
        for cls in chain:
            self._add((NKG[cls], RDFS.label, Literal(self.labels.get(cls, cls), lang="en")))
            for parent in self.parents.get(cls, ()):
                self._add((NKG[cls], RDFS.subClassOf, NKG[parent]))

    def _article(self, article: Article, node: URIRef) -> None:
        self._types(node, "Article")
        self._add((node, NIF.isString, Literal(article.text)))
        if article.title:
            self._add((node, SCHEMA.headline, Literal(article.title)))
        if article.published:
            self._add((node, SCHEMA.datePublished, Literal(article.published, datatype=XSD.date)))
            if article.published_inferred:
                self._add((node, NKG.dateInferred, Literal(True)))
        if article.url:
            self._add((node, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI)))
        if article.source:
            self._add((node, NKG.sourceFile, Literal(article.source)))

    def _provenance(self, node: URIRef, mentions: Iterable[Mention], article: URIRef, article_key: str) -> None:
        self._add((node, NKG.mentionedIn, article))
        for m in mentions:
            mention = self.mint.mention(article_key, m.start, m.end)
            self._add((node, NKG.evidence, mention))
            self._add((mention, RDF.type, NKG.Mention))
            self._add((mention, NIF.beginIndex, Literal(m.start, datatype=XSD.nonNegativeInteger)))
            self._add((mention, NIF.endIndex, Literal(m.end, datatype=XSD.nonNegativeInteger)))
            self._add((mention, NIF.anchorOf, Literal(m.text)))
            self._add((mention, NIF.referenceContext, article))
            if m.sentence:
                self._add((mention, NKG.sentence, Literal(m.sentence)))

    def _set_label(self, node: URIRef, label: str) -> None:
        """Exactly one rdfs:label per node: the first article to name it wins; later names become aliases."""
        own = self._own_labelled.setdefault(node, label)
        self._own.add((node, RDFS.label if own == label else SKOS.altLabel, Literal(label)))
        current = self._labelled.get(node)
        if current is None:
            existing = self.graph.value(node, RDFS.label)
            if existing is None:
                self._merged((node, RDFS.label, Literal(label)))
                self._labelled[node] = label
                return
            current = self._labelled[node] = str(existing)
        if label != current:
            self._merged((node, SKOS.altLabel, Literal(label)))

    def _entity(self, entity: Entity, article: URIRef, article_key: str) -> None:
        node = self.mint.node(entity.key)
        self._types(node, entity.type)
        self._set_label(node, entity.name)
        for alias in entity.aliases:
            if alias != self._labelled.get(node):
                self._merged((node, SKOS.altLabel, Literal(alias)))
            if alias != self._own_labelled.get(node):
                self._own.add((node, SKOS.altLabel, Literal(alias)))
        for same in entity.same_as:
            self._add((node, OWL.sameAs, URIRef(same)))
        for title in entity.titles:
            self._add((node, NKG.title, Literal(title)))
        if entity.affiliation:
            self._add((node, NKG.affiliation, self.mint.node(entity.affiliation)))
        self._provenance(node, entity.mentions, article, article_key)

    def _event(self, event: Event, article: URIRef, article_key: str) -> None:
        node = self.mint.node(event.key)
        self._types(node, event.type)
        self._set_label(node, self._event_label(event))
        for prop, keys in ((NKG.agent, event.agents), (NKG.target, event.targets), (NKG.participant, event.participants),
                           (NKG.theme, event.themes)):
            for key in keys:
                self._add((node, prop, self.mint.node(key)))
        if event.place:
            self._add((node, NKG.place, self.mint.node(event.place)))
        if event.date:
            self._add((node, NKG.date, date_literal(event.date)))
        if event.count is not None:
            self._add((node, NKG.count, Literal(event.count, datatype=XSD.integer)))
        for prop, value in ((NKG.moneyAmount, event.money), (NKG.percentage, event.percentage)):
            if value is not None:
                self._add((node, prop, Literal(value, datatype=XSD.decimal)))
        for prop, value in ((NKG.currency, event.currency), (NKG.direction, event.direction)):
            if value is not None:
                self._add((node, prop, Literal(value)))
        if event.modality:
            self._add((node, NKG.modality, Literal(event.modality)))
        if event.confidence is not None:
            self._add((node, NKG.confidence, confidence_literal(event.confidence)))
        for role, filler, confidence in event.role_confidence:
            self._role_assertion(node, role, filler, confidence)
        self._provenance(node, event.mentions, article, article_key)

    def _role_assertion(self, event: URIRef, role: str, filler: str, confidence: float) -> None:
        """How sure kg is that ``filler`` fills ``role`` of the event: an nkg:RoleAssertion node
        whose IRI is the event's, the role and the filler (so it is the same in every build)."""
        node = URIRef(f"{event}/{role}/{slug(filler)}")
        self._add((event, NKG.roleAssertion, node))
        self._add((node, RDF.type, NKG.RoleAssertion))
        self._add((node, NKG.role, NKG[role]))
        if role == "date":
            self._add((node, NKG.fillerValue, date_literal(filler)))
        else:
            self._add((node, NKG.filler, self.mint.node(filler)))
        self._add((node, NKG.confidence, confidence_literal(confidence)))

    def _event_label(self, event: Event) -> str:
        def names(keys):
            return ", ".join(self._name(k) for k in keys)

        label = self.labels.get(event.type, event.type)
        if event.agents and event.targets:
            return f"{label}: {names(event.agents)} \u2192 {names(event.targets)}"
        if event.agents or event.participants:
            return f"{label}: {names(event.agents or event.participants)}"
        if event.targets or event.themes:
            return f"{label}: \u2192 {names(event.targets or event.themes)}"
        return f"{label} ({event.trigger})"

    def _name(self, key: str) -> str:
        node = self.mint.node(key)
        return self._labelled.get(node) or str(self.graph.value(node, RDFS.label) or key.rsplit("/", 1)[-1])

    def _statement(self, statement: Statement, article: URIRef, article_key: str) -> None:
        node = self.mint.node(statement.key)
        self._types(node, "Statement")
        text = statement.quote or statement.content
        self._set_label(node, text if len(text) <= 80 else text[:77].rstrip() + "\u2026")
        if statement.speaker:
            self._add((node, NKG.speaker, self.mint.node(statement.speaker)))
        self._add((node, NKG.content, Literal(statement.content)))
        if statement.quote:
            self._add((node, NKG.quote, Literal(statement.quote)))
        for key in statement.about:
            self._add((node, NKG.about, self.mint.node(key)))
        for key in statement.disputes:
            self._add((node, NKG.disputes, self.mint.node(key)))
        if statement.date:
            self._add((node, NKG.date, date_literal(statement.date)))
        if statement.said_in:
            self._add((node, NKG.saidIn, self.mint.node(statement.said_in)))
        if statement.confidence is not None:
            self._add((node, NKG.confidence, confidence_literal(statement.confidence)))
        self._provenance(node, statement.mentions, article, article_key)


def confidence_literal(value: float) -> Literal:
    """A probability as an xsd:decimal with three places (stable across builds and platforms)."""
    return Literal(f"{value:.3f}", datatype=XSD.decimal)


def date_literal(value: str) -> Literal:
    """"2021-06-22" -> xsd:date, "2021-06" -> xsd:gYearMonth, "2021" -> xsd:gYear."""
    if len(value) == 10:
        return Literal(value, datatype=XSD.date)
    if len(value) == 7:
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(value, datatype=XSD.gYear)


def to_graph(extractions: Iterable[Extraction], settings: Settings) -> rdflib.Graph:
    builder = GraphBuilder(settings)
    for extraction in extractions:
        builder.add(extraction)
    return builder.graph


NamedGraphs = dict[URIRef, set[tuple]]


def to_dataset(extractions: Iterable[Extraction], settings: Settings) -> tuple[NamedGraphs, GraphBuilder]:
    """Per-article named graphs (article IRI -> its triples) and the merged default graph, in one pass.

    Each article's graph is complete on its own (its own labels); the merged graph keeps one
    label per node, the first article's, and the others as altLabels.
    """
    builder = GraphBuilder(settings)
    named: NamedGraphs = {}
    for extraction in extractions:
        named[builder.mint.article(extraction.article.key)] = builder.add(extraction)
    return named, builder
