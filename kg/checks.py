"""SHACL validation and the viewer of a build, beside the build rather than after it.

A helper process is forked when the build starts: while the build imports spaCy and parses, it
imports pySHACL, networkx and scipy and reads the shapes and the ontology. As the build writes each
article's slice (all of them, or a sharded build's sample), it sends its N-Quads, which the helper
reads into its graph; when the last is written the build goes on closing its files while the
helper validates the graph (in a forked child of its own) while it renders the viewer, writes
graph.html and sends the report back. Without fork (or if the helper dies) both run in this
process, one after the other.
"""
from __future__ import annotations

import multiprocessing
from pathlib import Path

from kg.config import Settings


class Checks:
    def __init__(self, settings: Settings, *, html: bool, validate: bool):
        self.settings, self.html = settings, html
        self.validate = validate and settings.shapes_path.is_file()
        self.process = self.connection = None
        self.pieces: list[bytes] = []  # kept for checking here if the helper fails
        self.started = False
        if (self.html or self.validate) and "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self.connection, theirs = context.Pipe()
            # not a daemon: it forks the validation child; it ends by itself when the build's end of
            # the pipe closes
            self.process = context.Process(target=_helper,
                                           args=(theirs, self.connection, settings, self.html, self.validate))
            self.process.start()
            theirs.close()

    def feed(self, nquads: bytes) -> None:
        """One more piece of the graph to check (N-Quads; their graph names are dropped). Pieces are
        kept here too (a sample at most: a small corpus, or a sharded one's first articles) in
        case the helper fails."""
        if not (self.html or self.validate):
            return
        self.pieces.append(nquads)
        if self.connection is not None:
            try:
                self.connection.send_bytes(nquads)
            except OSError:
                self._stop()

    def start(self, html_path: Path) -> None:
        """The graph is complete: check it, and write the viewer to ``html_path``."""
        self.html_path, self.started = html_path, True
        if self.connection is not None:
            try:
                self.connection.send_bytes(b"")
                self.connection.send(str(html_path))
            except OSError:
                self._stop()

    def finish(self):
        """The SHACL report (None without validation), graph.html written when asked."""
        if self.connection is not None:
            try:
                ok, report = self.connection.recv()
                self._stop()
                if ok:
                    return report
            except (EOFError, OSError):
                self._stop()
        reader = _Reader()
        for piece in self.pieces:
            reader.read(piece)
        return run(reader.graph, self.html_path, self.settings, self.html, self.validate, triples=reader.triples)

    def close(self) -> None:
        """Stop the helper; one that was never handed a graph (a failed build) is ended at once."""
        if self.process is not None and not self.started:
            self.process.kill()
        self._stop()

    def _stop(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None
        if self.process is not None:
            self.process.join(timeout=5)
            if self.process.is_alive():
                self.process.kill()
            self.process = None


def _helper(connection, builds_end, settings: Settings, html: bool, validate: bool) -> None:
    builds_end.close()  # forked with the build's end of the pipe: keeping it would hide the build's death
    try:
        _prepare(settings, html, validate)
        graph = _Reader()
        while piece := connection.recv_bytes():
            graph.read(piece)
        html_path = Path(connection.recv())
        connection.send((True, run(graph.graph, html_path, settings, html, validate, fork=True,
                                   triples=graph.triples)))
    except (EOFError, OSError, KeyboardInterrupt):
        pass
    except BaseException:  # the build checks in its own process instead
        try:
            connection.send((False, None))
        except OSError:
            pass
    finally:
        connection.close()


def _prepare(settings: Settings, html: bool, validate: bool) -> None:
    """Import and read now what the checks need, while the build parses; then run each check once
    on a two-node graph, so its first-call costs (parser plugins, pySHACL's and networkx's lazy
    imports: a quarter of a second) are paid before the build waits for it."""
    if validate:
        import pyshacl  # noqa: F401

        from kg import validate as validation  # noqa: F401
    if html:
        import scipy.sparse  # noqa: F401 (networkx's pagerank and the layout import these when first used)
        import scipy.spatial  # noqa: F401

        from kg import analytics, viz  # noqa: F401

        analytics.ontology_graph()
    try:
        tiny = _tiny_graph()
        if validate:
            validation.validate(tiny, settings)
        if html:
            viz.render_html(tiny)
    except Exception:  # a warm-up only: the real checks report for themselves
        pass


_TINY = """<urn:kg:warm:e> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/newskg/ontology#Attack> .
<urn:kg:warm:e> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/newskg/ontology#Event> .
<urn:kg:warm:e> <https://w3id.org/newskg/ontology#agent> <urn:kg:warm:p> .
<urn:kg:warm:e> <http://www.w3.org/2000/01/rdf-schema#label> "warm-up" .
<urn:kg:warm:p> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/newskg/ontology#Person> .
<urn:kg:warm:p> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/newskg/ontology#Actor> .
<urn:kg:warm:p> <http://www.w3.org/2000/01/rdf-schema#label> "warm-up" .
"""


def _tiny_graph():
    from kg.export import new_graph

    return new_graph().parse(data=_TINY, format="nt")


def run(graph, html_path: Path, settings: Settings, html: bool, validate: bool, *, fork: bool = False,
        triples: list | None = None):
    """Validate ``graph`` and write its viewer; ``triples``: the same graph as pyoxigraph triples,
    for the SPARQL checks (read with the graph, not converted back from it)."""
    from kg import atomic

    wait = _validation(graph, settings, fork, triples) if validate else (lambda: None)
    if html:
        from kg import viz

        atomic.write_bytes(html_path, viz.render_html(graph).encode("utf-8"))
    return wait()


#: How many forked children share the validation: with the viewer rendered meanwhile, SHACL is
#: the last thing a build waits for, and its shapes split into shares that validate apart.
VALIDATION_SHARES = 2


def _validation(graph, settings: Settings, fork: bool, triples: list | None):
    """Validation in forked children (they inherit the graph), each checking a share of the
    shapes, while the caller renders the viewer."""
    from kg import validate as validation

    if not fork:
        report = validation.validate(graph, settings, triples)
        return lambda: report
    context = multiprocessing.get_context("fork")
    running = []
    for share in range(VALIDATION_SHARES):
        receiver, sender = context.Pipe(duplex=False)

        def child(sender=sender, share=share) -> None:
            try:
                sender.send(validation.validate(graph, settings, triples, part=(share, VALIDATION_SHARES)))
            except BaseException:
                sender.send(None)

        process = context.Process(target=child, daemon=True)
        process.start()
        sender.close()
        running.append((receiver, process))

    def wait():
        reports = []
        for receiver, process in running:
            try:
                reports.append(receiver.recv())
            except EOFError:
                reports.append(None)
            process.join()
        if any(r is None for r in reports):
            return validation.validate(graph, settings)
        return validation.combine(reports)

    return wait


class _Reader:
    """N-Quads (as Oxigraph writes them) into one rdflib graph, terms as kg's mapping makes them."""

    STRING = "http://www.w3.org/2001/XMLSchema#string"

    def __init__(self):
        from kg.export import new_graph

        self.graph = new_graph()
        self.triples: list = []  # the same, as pyoxigraph triples (repeats across articles included)
        self.iris: dict = {}

    def term(self, node):
        import pyoxigraph as ox
        from rdflib import BNode, Literal, URIRef

        if isinstance(node, ox.NamedNode):
            found = self.iris.get(node.value)
            if found is None:
                found = self.iris[node.value] = URIRef(node.value)
            return found
        if isinstance(node, ox.Literal):
            if node.language:
                return Literal(node.value, lang=node.language)
            datatype = node.datatype.value
            return Literal(node.value) if datatype == self.STRING else Literal(node.value, datatype=self.term(node.datatype))
        return BNode(node.value)

    def read(self, nquads: bytes) -> None:
        import pyoxigraph as ox

        term, add, keep = self.term, self.graph.add, self.triples.append
        for quad in ox.parse(nquads, format=ox.RdfFormat.N_QUADS):
            add((term(quad.subject), term(quad.predicate), term(quad.object)))
            keep(quad.triple)
