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

    def add(self, extraction: Extraction) -> None:
        article = self.mint.article(extraction.article.key)
        self._article(extraction.article, article)
        for entity in extraction.entities:
            self._entity(entity, article, extraction.article.key)
        for event in extraction.events:
            self._event(event, article, extraction.article.key)
        for statement in extraction.statements:
            self._statement(statement, article, extraction.article.key)

    # ---------------------------------------------------------------- nodes
    def _types(self, node: URIRef, local: str) -> None:
        """The class and its nkg superclasses, asserted; and, once per class, its label and
        superclass, so the graph reads (and queries) without the ontology loaded."""
        chain = lineage(local, self.parents)
        for cls in chain:
            self.graph.add((node, RDF.type, NKG[cls]))
        for cls, parent in zip(chain, chain[1:] + [None]):
            self.graph.add((NKG[cls], RDFS.label, Literal(self.labels.get(cls, cls), lang="en")))
            if parent:
                self.graph.add((NKG[cls], RDFS.subClassOf, NKG[parent]))

    def _article(self, article: Article, node: URIRef) -> None:
        g = self.graph
        self._types(node, "Article")
        g.add((node, NIF.isString, Literal(article.text)))
        if article.title:
            g.add((node, SCHEMA.headline, Literal(article.title)))
        if article.published:
            g.add((node, SCHEMA.datePublished, Literal(article.published, datatype=XSD.date)))
            if article.published_inferred:
                g.add((node, NKG.dateInferred, Literal(True)))
        if article.url:
            g.add((node, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI)))
        if article.source:
            g.add((node, NKG.sourceFile, Literal(article.source)))

    def _provenance(self, node: URIRef, mentions: Iterable[Mention], article: URIRef, article_key: str) -> None:
        g = self.graph
        g.add((node, NKG.mentionedIn, article))
        for m in mentions:
            mention = self.mint.mention(article_key, m.start, m.end)
            g.add((node, NKG.evidence, mention))
            g.add((mention, RDF.type, NKG.Mention))
            g.add((mention, NIF.beginIndex, Literal(m.start, datatype=XSD.nonNegativeInteger)))
            g.add((mention, NIF.endIndex, Literal(m.end, datatype=XSD.nonNegativeInteger)))
            g.add((mention, NIF.anchorOf, Literal(m.text)))
            g.add((mention, NIF.referenceContext, article))
            if m.sentence:
                g.add((mention, NKG.sentence, Literal(m.sentence)))

    def _set_label(self, node: URIRef, label: str) -> None:
        """Exactly one rdfs:label per node: the first article to name it wins; later names become aliases."""
        current = self._labelled.get(node)
        if current is None:
            existing = self.graph.value(node, RDFS.label)
            if existing is None:
                self.graph.add((node, RDFS.label, Literal(label)))
                self._labelled[node] = label
                return
            current = self._labelled[node] = str(existing)
        if label != current:
            self.graph.add((node, SKOS.altLabel, Literal(label)))

    def _entity(self, entity: Entity, article: URIRef, article_key: str) -> None:
        g = self.graph
        node = self.mint.node(entity.key)
        self._types(node, entity.type)
        self._set_label(node, entity.name)
        for alias in entity.aliases:
            if alias != self._labelled.get(node):
                g.add((node, SKOS.altLabel, Literal(alias)))
        for same in entity.same_as:
            g.add((node, OWL.sameAs, URIRef(same)))
        if entity.affiliation:
            g.add((node, NKG.affiliation, self.mint.node(entity.affiliation)))
        self._provenance(node, entity.mentions, article, article_key)

    def _event(self, event: Event, article: URIRef, article_key: str) -> None:
        g = self.graph
        node = self.mint.node(event.key)
        self._types(node, event.type)
        self._set_label(node, self._event_label(event))
        for prop, keys in ((NKG.agent, event.agents), (NKG.target, event.targets), (NKG.participant, event.participants)):
            for key in keys:
                g.add((node, prop, self.mint.node(key)))
        if event.place:
            g.add((node, NKG.place, self.mint.node(event.place)))
        if event.date:
            g.add((node, NKG.date, date_literal(event.date)))
        if event.count is not None:
            g.add((node, NKG.count, Literal(event.count, datatype=XSD.integer)))
        if event.modality:
            g.add((node, NKG.modality, Literal(event.modality)))
        self._provenance(node, event.mentions, article, article_key)

    def _event_label(self, event: Event) -> str:
        def names(keys):
            return ", ".join(self._name(k) for k in keys)

        label = self.labels.get(event.type, event.type)
        if event.agents and event.targets:
            return f"{label}: {names(event.agents)} \u2192 {names(event.targets)}"
        if event.agents or event.participants:
            return f"{label}: {names(event.agents or event.participants)}"
        if event.targets:
            return f"{label}: \u2192 {names(event.targets)}"
        return f"{label} ({event.trigger})"

    def _name(self, key: str) -> str:
        node = self.mint.node(key)
        return self._labelled.get(node) or str(self.graph.value(node, RDFS.label) or key.rsplit("/", 1)[-1])

    def _statement(self, statement: Statement, article: URIRef, article_key: str) -> None:
        g = self.graph
        node = self.mint.node(statement.key)
        self._types(node, "Statement")
        text = statement.quote or statement.content
        self._set_label(node, text if len(text) <= 80 else text[:77].rstrip() + "\u2026")
        if statement.speaker:
            g.add((node, NKG.speaker, self.mint.node(statement.speaker)))
        g.add((node, NKG.content, Literal(statement.content)))
        if statement.quote:
            g.add((node, NKG.quote, Literal(statement.quote)))
        for key in statement.about:
            g.add((node, NKG.about, self.mint.node(key)))
        for key in statement.disputes:
            g.add((node, NKG.disputes, self.mint.node(key)))
        if statement.date:
            g.add((node, NKG.date, date_literal(statement.date)))
        self._provenance(node, statement.mentions, article, article_key)


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


def to_dataset(extractions: Iterable[Extraction], settings: Settings) -> tuple[rdflib.Dataset, rdflib.Graph]:
    """Per-article named graphs (named by the article IRI) and the merged default graph.

    Each article's graph is complete on its own (its own labels); the merged graph keeps one
    label per node, the first article's, and the others as altLabels.
    """
    from kg.export import PREFIXES

    merged = GraphBuilder(settings)
    dataset = rdflib.Dataset()
    for prefix, iri in PREFIXES.items():
        dataset.bind(prefix, iri, override=True, replace=True)
    for extraction in extractions:
        merged.add(extraction)
        single = GraphBuilder(settings)
        single.add(extraction)
        named = dataset.graph(merged.mint.article(extraction.article.key))
        for triple in single.graph:
            named.add(triple)
    return dataset, merged.graph
