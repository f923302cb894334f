"""Oxigraph stores: in memory for graph files, on disk for `kg build --store DIR`; and reading
every graph format `kg build` writes.

Every loaded file lands in the store's default graph, so queries see one graph whatever the files
were, as with rdflib's ``load_graphs``. A dataset (``graph.trig``, ``graph.nq``: one named graph
per article) is read as the merged graph it was built with (:func:`merge_named_graphs`), so every
command sees the same nodes in ``graph.ttl``, ``graph.jsonld``, ``graph.trig`` and ``graph.nq``.
An on-disk store is written to a fresh folder beside the target and swapped in when complete, so a
failed build leaves the previous store untouched; queries open it read-only.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Iterable, Sequence

import pyoxigraph as ox

from kg.errors import InputError, OutputError

FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE, ".turtle": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG, ".n3": ox.RdfFormat.N3,
    ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML, ".xml": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD, ".json": ox.RdfFormat.JSON_LD,
}
MARKER = "kg-store"  # a file in every store folder kg made, so we never open or replace a stranger's folder
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"


def rdf_format(path: Path) -> ox.RdfFormat:
    """The syntax of a graph file, from its extension; any other file is refused with what to give
    instead (guessing Turtle made the viewer page or a Word file fail with a parser's complaint)."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: {_not_a_graph(path)}; give a graph file "
                         f"({', '.join(sorted(set(FORMATS)))})")
    return fmt


def _not_a_graph(path: Path) -> str:
    if path.suffix.lower() in (".html", ".htm"):
        return "is the viewer page (HTML), not a graph"
    if is_store(path):
        return f"is a store folder (query it with `kg query --store {path}`), not a graph file"
    return f"kg reads no graph from {path.suffix or 'a file without an extension'}"


def check_graph_file(path: Path) -> ox.RdfFormat:
    """The format of a graph file that exists, or one InputError line saying what is wrong."""
    if path.is_dir() and not is_store(path):
        raise InputError(f"{path}: is a folder, not a graph file (give {path}/graph.ttl)")
    fmt = rdf_format(path)
    if not path.is_file():
        raise InputError(f"{path}: no such graph file (build one with `kg build`)")
    return fmt


def read_triples(path: Path) -> list[ox.Triple]:
    """The triples of a graph file in any format kg reads, literals exactly as written; a dataset
    is merged as :func:`merge_named_graphs` says. A file that holds no triple is refused: a
    command that read nothing must not report on it (an empty graph "conforms")."""
    fmt = check_graph_file(path)
    try:
        quads = list(ox.parse(path=str(path), format=fmt))
    except SyntaxError as error:
        raise InputError(f"{path}: not a readable {fmt.name} graph ({_first_line(error)})") from None
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: cannot read ({_first_line(error)})") from None
    if not quads:
        raise InputError(f"{path}: holds no triples (an empty {fmt.name} file)")
    if fmt.supports_datasets:
        return merge_named_graphs(quads)
    return list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads))


def merge_named_graphs(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """The one graph of a dataset kg built: the union of its graphs, keeping one rdfs:label per node.

    Each article's named graph labels a node by that article's name for it; the merged graph keeps
    the first article's and makes the others skos:altLabels (kg.rdf.mapping). Done the same way
    here (the default graph first, then named graphs in IRI order, the order kg writes them), the
    union of ``graph.trig`` is ``graph.ttl`` again, and no node has two labels.
    """
    by_graph: dict[str, list[ox.Quad]] = {}
    for quad in quads:
        name = "" if isinstance(quad.graph_name, ox.DefaultGraph) else str(quad.graph_name)
        by_graph.setdefault(name, []).append(quad)
    label_of: dict = {}
    triples: dict[ox.Triple, None] = {}
    for name in sorted(by_graph):
        for quad in by_graph[name]:
            predicate, obj = quad.predicate, quad.object
            if predicate.value == RDFS_LABEL:
                kept = label_of.setdefault(quad.subject, obj)
                if kept != obj:
                    predicate = ox.NamedNode(SKOS_ALT_LABEL)
            triples[ox.Triple(quad.subject, predicate, obj)] = None
    alt = ox.NamedNode(SKOS_ALT_LABEL)
    return [t for t in triples if not (t.predicate == alt and label_of.get(t.subject) == t.object)]


def graph_files(paths: Sequence[Path]) -> list[Path]:
    """The files to read: a build's shards folder (or its manifest.json) stands for the shards
    its manifest lists, whose union is the corpus's merged graph; other paths are themselves."""
    from kg.export import shard_files

    files = []
    for path in map(Path, paths):
        if path.is_dir() and (path / "manifest.json").is_file():
            files += shard_files(path)
        elif path.name == "manifest.json" and path.is_file():
            files += shard_files(path.parent)
        else:
            files.append(path)
    return files


def load_files(paths: Sequence[Path], store: ox.Store | None = None) -> ox.Store:
    """Load graph files (or shards folders) into a store (a new in-memory one by default)."""
    store = ox.Store() if store is None else store
    if not paths:
        raise InputError("no graph to query: give --graph FILE (or --store DIR)")
    for path in graph_files(paths):
        _load_file(store, Path(path))
    if len(store) == 0:
        raise InputError(f"{', '.join(map(str, paths))}: no triples to query (the graph files are empty)")
    return store


def _load_file(store: ox.Store, path: Path, *, bulk: bool = False) -> None:
    """Add a graph file's triples to the default graph (a dataset as its merged graph, see
    :func:`read_triples`); ``bulk`` uses Oxigraph's bulk loader, for filling an on-disk store."""
    fmt = check_graph_file(path)
    try:
        if fmt.supports_datasets:
            merged = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in read_triples(path)]
            (store.bulk_extend if bulk else store.extend)(merged)
        else:
            (store.bulk_load if bulk else store.load)(path=str(path), format=fmt, to_graph=ox.DefaultGraph())
    except SyntaxError as error:
        raise InputError(f"{path}: not a readable {fmt.name} graph ({_first_line(error)})") from None
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: cannot load ({_first_line(error)})") from None


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:200] if text else type(error).__name__


def is_store(store_dir: Path) -> bool:
    return (Path(store_dir) / MARKER).is_file()


def open_store(store_dir: Path) -> ox.Store:
    """Open a store folder made by :func:`save` read-only (several readers may share it)."""
    store_dir = Path(store_dir)
    if not is_store(store_dir):
        raise InputError(f"{store_dir}: not a kg store folder (make one with `kg build --store {store_dir}`)")
    try:
        return ox.Store.read_only(str(store_dir / "oxigraph"))
    except OSError as error:
        raise InputError(f"{store_dir}: cannot open the store ({_first_line(error)})") from None


def save(graph, store_dir: Path) -> int:
    """Write ``graph`` (an rdflib Graph, or a path to a graph file) as the on-disk store in
    ``store_dir``, replacing any previous store there only once the new one is complete.
    Returns the number of triples stored."""
    if isinstance(graph, (str, Path)):
        return load_into_store(store_dir, [Path(graph)], replace=True)
    data = graph.serialize(format="nt", encoding="utf-8")
    return _write_store(Path(store_dir), lambda store: store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES,
                                                                     to_graph=ox.DefaultGraph()))


def load_into_store(store_dir: Path, graph_paths: Iterable[Path], *, replace: bool = True) -> int:
    """Bulk-load graph files (or shards folders) into the store in ``store_dir``, streaming them
    (no graph in memory): a fresh store when ``replace`` (the default), else added to the store
    already there. Returns the number of triples stored."""
    store_dir = Path(store_dir)
    files = graph_files(list(graph_paths))
    for path in files:
        if not path.is_file():
            raise InputError(f"{path}: no such graph file")

    def fill(store: ox.Store) -> None:
        if not replace and is_store(store_dir):
            source = ox.Store.read_only(str(store_dir / "oxigraph"))
            store.bulk_extend(source.quads_for_pattern(None, None, None, None))
            del source
        for path in files:
            _load_file(store, Path(path), bulk=True)

    return _write_store(store_dir, fill)


def _write_store(store_dir: Path, fill) -> int:
    if store_dir.exists() and not is_store(store_dir) and any(store_dir.iterdir()):
        raise OutputError(f"{store_dir}: exists and is not a kg store; refusing to replace it")
    try:
        store_dir.parent.mkdir(parents=True, exist_ok=True)
        fresh = Path(tempfile.mkdtemp(prefix=f".{store_dir.name}.", suffix=".new", dir=store_dir.parent))
    except OSError as error:
        raise OutputError(f"{store_dir.parent}: cannot write here ({error.strerror or error})") from None
    try:
        store = ox.Store(str(fresh / "oxigraph"))
        fill(store)
        store.flush()
        count = len(store)
        del store  # closes the database before the folder moves
        (fresh / MARKER).write_text("Oxigraph store written by `kg build --store`; query it with `kg query --store`.\n")
        _swap(fresh, store_dir)
        return count
    except BaseException as error:
        shutil.rmtree(fresh, ignore_errors=True)
        if isinstance(error, OSError):
            raise OutputError(f"{store_dir}: cannot write the store ({_first_line(error)})") from None
        raise


def _swap(fresh: Path, target: Path) -> None:
    """Put ``fresh`` where ``target`` is, keeping the old one until the rename has happened."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
    fresh.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def load_rdflib(paths: Sequence[Path]):
    """The same files as one rdflib Graph (for rdflib's SPARQL engine, in the equivalence checks)."""
    from kg.export import load_graphs

    return load_graphs([Path(p) for p in paths])
