"""Extraction (the IR) -> RDF triples, per ../shared/CONTRACT.md. No spaCy here.

Each article gives its own set of triples (its *slice*): the article, its mentions, and every node
it mentions with this article's evidence. The merged graph is the union of the slices, so a corpus
never needs a graph of its own in memory: slices are written as they are made, and a store, a
shard or a sample is any union of them. What a slice cannot know alone is the one ``rdfs:label``
of a node several articles name: :class:`Labels` holds it, a keyed reduce over the articles (the
first article in key order names a node; every other name is a ``skos:altLabel``).

Superclass types are asserted (materialized) so queries need no rdfs:subClassOf* paths, which
some triple stores evaluate wrongly; the rdfs:label of every event class used is added so the
graph reads on its own.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
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
from kg.spill import scratch_db


class Labels:
    """The one ``rdfs:label`` of every node: the name the first article (in key order) gives it.

    Built in two passes over the articles' extractions (or their :func:`kg.merge.skeleton`):
    :meth:`add_names` for entities and statements, then, once every name is known,
    :meth:`add_events` (an event's label names its actors, by their labels). Held in SQLite, in
    memory or, for a corpus build, in a file (``path``): every article brings nodes of its own
    (its statements, its unnamed groups), so the table grows with the corpus, and a file keeps
    that off the heap."""

    def __init__(self, settings: Settings, path: Path | None = None):
        _, self.class_labels = class_info(Path(settings.ontology_path))
        self._db = scratch_db(path)
        self._db.executescript(
            "CREATE TABLE labels (key TEXT PRIMARY KEY, article TEXT NOT NULL, label TEXT NOT NULL);"
            # a statement several articles make: its highest confidence in any of them
            "CREATE TABLE confidences (key TEXT PRIMARY KEY, confidence REAL NOT NULL);")

    def _offer(self, rows: Iterable[tuple[str, str, str]]) -> None:
        self._db.executemany("INSERT INTO labels VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                             "article = excluded.article, label = excluded.label "
                             "WHERE excluded.article < labels.article", rows)

    def add_names(self, extraction: Extraction) -> None:
        article_key = extraction.article.key
        self._offer([(entity.key, article_key, entity.name) for entity in extraction.entities]
                    + [(s.key, article_key, statement_label(s)) for s in extraction.statements])
        self._db.executemany("INSERT INTO confidences VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                             "confidence = max(confidence, excluded.confidence)",
                             [(s.key, s.confidence) for s in extraction.statements if s.confidence is not None])

    def add_events(self, extraction: Extraction) -> None:
        self._offer([(event.key, extraction.article.key, self.event_label(event)) for event in extraction.events])

    def confidence(self, key: str) -> float | None:
        """A statement several articles make is one node with one confidence: the highest."""
        row = self._db.execute("SELECT confidence FROM confidences WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def get(self, key: str) -> str | None:
        row = self._db.execute("SELECT label FROM labels WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def name(self, key: str) -> str:
        return self.get(key) or key.rsplit("/", 1)[-1]

    def event_label(self, event: Event) -> str:
        def names(keys):
            return ", ".join(self.name(k) for k in keys)

        label = self.class_labels.get(event.type, event.type)
        if event.agents and event.targets:
            return f"{label}: {names(event.agents)} \u2192 {names(event.targets)}"
        if event.agents or event.participants:
            return f"{label}: {names(event.agents or event.participants)}"
        if event.targets or event.themes:
            return f"{label}: \u2192 {names(event.targets or event.themes)}"
        return f"{label} ({event.trigger})"

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM labels").fetchone()[0]

    def counts(self) -> tuple[int, int, int]:
        """(entities, events, statements): the nodes of the merged graph, each once."""
        events, statements = (self._db.execute("SELECT count(*) FROM labels WHERE key GLOB ?", (f"{kind}/*",)).fetchone()[0]
                              for kind in ("event", "statement"))
        return len(self) - events - statements, events, statements

    def close(self) -> None:
        self._db.close()


def statement_label(statement: Statement) -> str:
    text = statement.quote or statement.content
    return text if len(text) <= 80 else text[:77].rstrip() + "\u2026"


class SliceMaker:
    """Makes each article's slice: its triples, with the corpus's labels."""

    def __init__(self, settings: Settings, labels: Labels):
        self.mint = Minter(settings.base_iri)
        self.parents, self.class_labels = class_info(Path(settings.ontology_path))
        self.labels = labels
        self._triples: set[tuple] = set()

    def article_iri(self, extraction: Extraction) -> URIRef:
        return self.mint.article(extraction.article.key)

    def triples(self, extraction: Extraction) -> set[tuple]:
        """The article's slice: everything its text says, each node labelled as the corpus labels it."""
        self._triples = set()
        article = self.mint.article(extraction.article.key)
        self._article(extraction.article, article)
        for entity in extraction.entities:
            self._entity(entity, article, extraction.article.key)
        for event in extraction.events:
            self._event(event, article, extraction.article.key)
        for statement in extraction.statements:
            self._statement(statement, article, extraction.article.key)
        return self._triples

    def _add(self, triple: tuple) -> None:
        self._triples.add(triple)

    # ---------------------------------------------------------------- nodes
    def _types(self, node: URIRef, local: str) -> None:
        """The class and its nkg superclasses, asserted; and, once per class, its label and
        superclass, so the graph reads (and queries) without the ontology loaded."""
        chain = lineage(local, self.parents)
        for cls in chain:
            self._add((node, RDF.type, NKG[cls]))
        for cls in chain:
            self._add((NKG[cls], RDFS.label, Literal(self.class_labels.get(cls, cls), lang="en")))
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

    def _label(self, node: URIRef, key: str, names: Iterable[str]) -> None:
        """Exactly one rdfs:label per node, the corpus's; this article's other names are altLabels."""
        label = self.labels.get(key)
        self._add((node, RDFS.label, Literal(label)))
        for name in names:
            if name != label:
                self._add((node, SKOS.altLabel, Literal(name)))

    def _entity(self, entity: Entity, article: URIRef, article_key: str) -> None:
        node = self.mint.node(entity.key)
        self._types(node, entity.type)
        self._label(node, entity.key, (entity.name, *entity.aliases))
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
        self._label(node, event.key, (self.labels.event_label(event),))
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

    def _statement(self, statement: Statement, article: URIRef, article_key: str) -> None:
        node = self.mint.node(statement.key)
        self._types(node, "Statement")
        self._label(node, statement.key, (statement_label(statement),))
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
        confidence = self.labels.confidence(statement.key)
        if confidence is not None:
            self._add((node, NKG.confidence, confidence_literal(confidence)))
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


def corpus_labels(extractions: Sequence[Extraction], settings: Settings) -> Labels:
    labels = Labels(settings)
    for extraction in extractions:
        labels.add_names(extraction)
    for extraction in extractions:
        labels.add_events(extraction)
    return labels


def to_graph(extractions: Iterable[Extraction], settings: Settings) -> rdflib.Graph:
    """The merged graph of extractions (already merged by kg.merge), in memory: for tests and
    one-article uses; builds stream slices instead."""
    extractions = list(extractions)
    slices = SliceMaker(settings, corpus_labels(extractions, settings))
    graph = new_graph()
    for extraction in extractions:
        for triple in slices.triples(extraction):
            graph.add(triple)
    return graph
