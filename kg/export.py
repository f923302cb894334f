"""Serialize graphs to Turtle and JSON-LD deterministically, and load built graphs back."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pyoxigraph as ox
import rdflib

from kg import atomic
from kg.errors import InputError, OutputError
from kg.rdf.namespaces import NIF, NKG, SCHEMA, SEM

PREFIXES = {
    "nkg": str(NKG._NS),
    "id": "https://w3id.org/newskg/id/",
    "sem": str(SEM),
    "schema": str(SCHEMA),
    "prov": "http://www.w3.org/ns/prov#",
    "nif": str(NIF),
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

def new_graph() -> rdflib.Graph:
    graph = rdflib.Graph()
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph


def to_oxigraph(triples, graph_name=None, convert: "OxConverter | None" = None) -> list:
    """rdflib triples -> pyoxigraph triples (or quads in ``graph_name``), sorted: subject, then
    rdf:type first, then predicate and object, so equal graphs serialize to equal bytes."""
    convert = convert or OxConverter()
    out = [(convert(s), convert(p), convert(o)) for s, p, o in triples]
    out.sort(key=lambda t: (t[0].value, t[1] != _OX_TYPE, t[1].value, str(t[2])))
    if graph_name is None:
        return [ox.Triple(*t) for t in out]
    name = convert(graph_name)
    return [ox.Quad(*t, name) for t in out]


class OxConverter:
    """Converts rdflib terms to pyoxigraph terms, memoized by plain-string keys (most terms repeat,
    and rdflib's own term equality is slow Python)."""

    def __init__(self):
        self._iris: dict[str, ox.NamedNode] = {}
        self._literals: dict[tuple, ox.Literal] = {}

    def __call__(self, term):
        if isinstance(term, rdflib.URIRef):
            text = str(term)
            node = self._iris.get(text)
            if node is None:
                node = self._iris[text] = ox.NamedNode(text)
            return node
        if isinstance(term, rdflib.Literal):
            key = (str(term), term._datatype and str(term._datatype), term._language)
            node = self._literals.get(key)
            if node is None:
                node = self._literals[key] = self._literal(*key)
            return node
        return ox.BlankNode(str(term))

    def _literal(self, lexical: str, datatype: str | None, language: str | None) -> ox.Literal:
        if language:
            return ox.Literal(lexical, language=language)
        if datatype:
            return ox.Literal(lexical, datatype=self(rdflib.URIRef(datatype)))
        return ox.Literal(lexical)


_OX_TYPE = ox.NamedNode(str(rdflib.RDF.type))
# Turtle and TriG spell kg's own ids out in full: their local parts contain "/", which Turtle
# would have to escape ("id:mention\\/1\\/2-3"), legal but unreadable and not every parser takes it.
_TURTLE_PREFIXES = {p: iri for p, iri in PREFIXES.items() if p != "id"}


def to_turtle(graph) -> bytes:
    """Turtle of an rdflib graph (or of triples already sorted by ``to_oxigraph``), written by
    Oxigraph: byte-stable because the triples are sorted first."""
    return ox.serialize(_sorted(graph), format=ox.RdfFormat.TURTLE, prefixes=_TURTLE_PREFIXES)


def to_jsonld(graph) -> bytes:
    """JSON-LD with an embedded @context of prefixes (no remote context), one node per line,
    nodes sorted by @id.

    Written straight from the sorted triples, one subject at a time: compacting against a
    context that only declares prefixes is exactly shortening IRIs to CURIEs and rdf:type to
    @type, and building a whole expanded JSON-LD document first cost hundreds of MB on a corpus.
    """
    curie = _Curies()
    lines = []
    node: dict = {}
    subject = None
    for triple in _sorted(graph):
        if triple.subject != subject:
            if node:
                lines.append(_node_line(node))
            subject, node = triple.subject, {"@id": _term_id(triple.subject, curie)}
        if triple.predicate == _OX_TYPE and isinstance(triple.object, ox.NamedNode):
            node.setdefault("@type", []).append(curie[triple.object.value])
        else:
            node.setdefault(curie[triple.predicate.value], []).append(_jsonld_value(triple.object, curie))
    if node:
        lines.append(_node_line(node))
    lines.sort()
    context = json.dumps(dict(PREFIXES), ensure_ascii=False, sort_keys=True)
    return ('{"@context": ' + context + ',\n"@graph": [\n' + ",\n".join(line for _, line in lines)
            + "\n]}\n").encode("utf-8")


def _node_line(node: dict) -> tuple[str, str]:
    for values in node.values():
        if isinstance(values, list):
            values.sort(key=lambda v: json.dumps(v, sort_keys=True) if isinstance(v, dict) else v)
    return node["@id"], json.dumps(node, ensure_ascii=False, sort_keys=True)


def _term_id(term, curie: "_Curies") -> str:
    return curie[term.value] if isinstance(term, ox.NamedNode) else f"_:{term.value}"


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _jsonld_value(term, curie: "_Curies") -> dict:
    if not isinstance(term, ox.Literal):
        return {"@id": _term_id(term, curie)}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value != _XSD_STRING:
        return {"@value": term.value, "@type": curie[term.datatype.value]}
    return {"@value": term.value}


def _sorted(graph) -> list:
    return graph if isinstance(graph, list) else to_oxigraph(graph)


class _Curies(dict):
    """IRI -> CURIE with kg's prefixes (memoized; IRIs repeat)."""

    def __missing__(self, iri: str) -> str:
        value = iri
        for prefix, base in PREFIXES.items():
            if iri.startswith(base) and len(iri) > len(base):
                value = f"{prefix}:{iri[len(base):]}"
                break
        self[iri] = value
        return value


def to_quads(named, convert: OxConverter | None = None) -> list:
    """Per-article named graphs (article IRI -> triples) as sorted quads, graphs in IRI order."""
    convert = convert or OxConverter()
    return [q for name in sorted(named) for q in to_oxigraph(named[name], graph_name=name, convert=convert)]


def to_trig(quads: list) -> bytes:
    """Per-article named graphs (the article IRI names each) in TriG."""
    return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=_TURTLE_PREFIXES)


def to_nquads(quads: list) -> bytes:
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)


def write_graph(graph: rdflib.Graph, out_dir: Path) -> dict[str, Path]:
    """Write graph.ttl and graph.jsonld atomically; returns the paths written."""
    paths = {"turtle": out_dir / "graph.ttl", "jsonld": out_dir / "graph.jsonld"}
    atomic.write_bytes(paths["turtle"], to_turtle(graph))
    atomic.write_bytes(paths["jsonld"], to_jsonld(graph))
    return paths


def load_graphs(paths: list[Path]) -> rdflib.Graph:
    """Load built graph files into one graph: any format kg build writes (a shards folder as its shards, a dataset as the merged
    graph it was built with, see kg.store.merge_named_graphs), N-Triples, N3 and RDF/XML. Anything
    else, and a file with no triples, is refused with one line (an empty graph would "conform").
    Oxigraph parses (one parser for every command, and several times faster than rdflib's)."""
    from kg.store import graph_files, read_triples

    graph = new_graph()
    for path in graph_files(paths):
        data = ox.serialize(read_triples(Path(path)), format=ox.RdfFormat.N_TRIPLES)
        graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


# ---------------------------------------------------------------- writing a build, slice by slice
_TRIG_HEADER = ox.serialize([], format=ox.RdfFormat.TRIG, prefixes=_TURTLE_PREFIXES)


def trig_body(quads: list) -> bytes:
    """TriG of one named graph without the prefix lines, to append to a file that has them."""
    data = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=_TURTLE_PREFIXES)
    return data[len(_TRIG_HEADER):] if data.startswith(_TRIG_HEADER) else data


def _staging(out_dir: Path) -> Path:
    """A fresh folder inside ``out_dir`` where a build writes before anything is replaced."""
    import tempfile

    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=".kg-build-", dir=out_dir))
    except OSError as error:
        raise OutputError(f"{out_dir}: cannot write here ({error.strerror or error})") from None


class _Output:
    """What both writers share: a staging folder, files staged in it, moved into place at commit."""

    SINGLE_FILES = ("graph.ttl", "graph.jsonld", "graph.trig", "graph.nq")

    def __init__(self, out_dir: Path):
        self.out_dir = Path(out_dir)
        self.staging = _staging(self.out_dir)
        self.staged: dict[Path, Path] = {}  # final path -> staged file
        self.triples = 0

    def stage(self, path: Path, data: bytes) -> None:
        staged = self.staging / Path(path).name
        atomic.write_bytes(staged, data)
        self.staged[Path(path)] = staged

    def _move_staged(self) -> list[str]:
        for final, staged in self.staged.items():
            try:
                os.replace(staged, final)
            except OSError as error:
                raise OutputError(f"{final}: cannot write ({error.strerror or error})") from None
        return [str(p) for p in self.staged]

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


class GraphFiles(_Output):
    """A small corpus's files: graph.ttl and graph.jsonld (the merged graph, the union of the
    slices), graph.trig and graph.nq (one named graph per article, appended as each comes)."""

    def __init__(self, out_dir: Path):
        super().__init__(out_dir)
        self.merged: set[tuple] = set()
        self._nquads = _Stream(self.staging / "graph.nq")
        self._trig = _Stream(self.staging / "graph.trig", header=_TRIG_HEADER)

    def add(self, name, triples: set) -> bytes:
        """Append one article's slice; returns its N-Quads (for the checks)."""
        self.merged |= triples
        quads = to_oxigraph(triples, graph_name=name)
        data = to_nquads(quads)
        self._nquads.write(data)
        self._trig.write(trig_body(quads))
        return data

    def sample_note(self) -> str:
        return ""

    def finish_files(self) -> None:
        """Write the merged graph and close the per-article files, all still in the staging folder."""
        triples = to_oxigraph(self.merged)
        self.merged = set()
        self.triples = len(triples)
        self.stage(self.out_dir / "graph.ttl", to_turtle(triples))
        self.stage(self.out_dir / "graph.jsonld", to_jsonld(triples))
        del triples
        for stream, name in ((self._trig, "graph.trig"), (self._nquads, "graph.nq")):
            self.staged[self.out_dir / name] = stream.close()

    def commit(self) -> list[str]:
        """Move every file into place (each by an atomic rename)."""
        order = [self.out_dir / n for n in self.SINGLE_FILES] + [p for p in self.staged if p.name not in self.SINGLE_FILES]
        self.staged = {p: self.staged[p] for p in order if p in self.staged}
        written = self._move_staged()
        remove_shards(self.out_dir)  # a corpus that shrank: its old shards are no longer this build's
        return written

    def discard(self) -> None:
        self._nquads.abort()
        self._trig.abort()
        super().discard()

    def graph_files(self) -> list[Path]:
        return [self.out_dir / "graph.ttl"]


class Shards(_Output):
    """A large corpus's files: ``shards/part-NNNNN.nq``, each the named graphs (one per article,
    in IRI order) of ``size`` articles, and ``shards/manifest.json``. The merged graph is the union
    of all the named graphs (a store that loads them into one graph, as ``kg query`` and ``kg build
    --store`` do, holds exactly graph.ttl's triples). The shards and the manifest are replaced as a
    set: ``shards`` is a symbolic link swapped in one rename to a folder holding the new set."""

    def __init__(self, out_dir: Path, size: int, *, sample: int):
        super().__init__(out_dir)
        self.size, self.sample = size, sample
        self.folder = self.staging / "shards"
        self.folder.mkdir()
        self.parts: list[dict] = []
        self._articles = 0
        self._stream: _Stream | None = None

    def add(self, name, triples: set) -> bytes:
        """Append one article's slice to the current shard; returns its N-Quads."""
        if self._articles % self.size == 0:
            self._close_part()
            self._stream = _Stream(self.folder / f"part-{len(self.parts):05d}.nq")
            self.parts.append({"file": self._stream.path.name, "articles": 0, "quads": 0, "first": str(name)})
        quads = to_oxigraph(triples, graph_name=name)
        data = to_nquads(quads)
        self._stream.write(data)
        part = self.parts[-1]
        part["articles"] += 1
        part["quads"] += len(quads)
        part["last"] = str(name)
        self._articles += 1
        self.triples += len(quads)
        return data

    def _close_part(self) -> None:
        if self._stream is not None:
            path = self._stream.close()
            self.parts[-1]["sha256"] = _sha256(path)
            self._stream = None

    def finish_files(self) -> None:
        self._close_part()

    def sample_note(self) -> str:
        return f" (the first {min(self.sample, self._articles)} of {self._articles} articles)"

    def commit(self) -> list[str]:
        manifest = {
            "format": "kg shards 1",
            "articles": self._articles,
            "quads": self.triples,
            "shard_articles": self.size,
            "union": "the merged graph is the union of every shard's named graphs (one per article, named by its IRI)",
            "checked": f"SHACL validation and graph.html: the first {min(self.sample, self._articles)} articles",
            "shards": self.parts,
        }
        data = (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
        atomic.write_bytes(self.folder / "manifest.json", data)
        folder = self.out_dir / f".shards-{hashlib.sha256(data).hexdigest()[:16]}"
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(self.folder, folder)
        previous = _shards_target(self.out_dir)
        link = self.out_dir / f".shards-link-{os.getpid()}"
        link.unlink(missing_ok=True)
        link.symlink_to(folder.name)
        target = self.out_dir / "shards"
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)  # a real folder from elsewhere cannot be swapped in one rename
        os.replace(link, target)
        if previous is not None and previous != folder:
            shutil.rmtree(previous, ignore_errors=True)
        written = [f"{target}/ ({len(self.parts)} shards, manifest.json)"] + self._move_staged()
        for name in self.SINGLE_FILES:  # a small corpus's files are no longer this build's
            (self.out_dir / name).unlink(missing_ok=True)
        return written

    def discard(self) -> None:
        if self._stream is not None:
            self._stream.abort()
        super().discard()

    def graph_files(self) -> list[Path]:
        return sorted((self.out_dir / "shards").glob("part-*.nq"))


def _shards_target(out_dir: Path) -> Path | None:
    link = out_dir / "shards"
    if link.is_symlink():
        return (out_dir / os.readlink(link)).resolve()
    return None


def remove_shards(out_dir: Path) -> None:
    previous = _shards_target(out_dir)
    (out_dir / "shards").unlink(missing_ok=True) if (out_dir / "shards").is_symlink() else None
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)


def shard_files(folder: Path) -> list[Path]:
    """The shard files a manifest lists, in order (``folder`` is the shards folder)."""
    manifest = Path(folder) / "manifest.json"
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        return [Path(folder) / part["file"] for part in data["shards"]]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise InputError(f"{manifest}: not a readable shard manifest ({error})") from None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class _Stream:
    """A file written bit by bit in the staging folder, fsynced when closed."""

    def __init__(self, path: Path, header: bytes = b""):
        self.path = path
        try:
            self.handle = open(path, "wb")
            self.handle.write(header)
        except OSError as error:
            raise OutputError(f"{path.parent}: cannot write here ({error.strerror or error})") from None

    def write(self, data: bytes) -> None:
        try:
            self.handle.write(data)
        except OSError as error:
            raise OutputError(f"{self.path}: cannot write ({error.strerror or error})") from None

    def close(self) -> Path:
        try:
            self.handle.flush()
            os.fsync(self.handle.fileno())
            self.handle.close()
        except OSError as error:
            raise OutputError(f"{self.path}: cannot write ({error.strerror or error})") from None
        return self.path

    def abort(self) -> None:
        if not self.handle.closed:
            self.handle.close()
