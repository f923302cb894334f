"""Oxigraph stores: in memory for graph files, on disk for `kg build --store DIR`.

Every loaded file lands in the store's default graph (named graphs in .nq/.trig files are merged
into it), so queries see one graph whatever the files were, as with rdflib's ``load_graphs``.
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


def rdf_format(path: Path) -> ox.RdfFormat:
    """The syntax of a graph file, from its extension (Turtle when unknown, as kg.export does)."""
    return FORMATS.get(path.suffix.lower(), ox.RdfFormat.TURTLE)


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
    return store


def _load_file(store: ox.Store, path: Path, *, bulk: bool = False) -> None:
    """Add a graph file's triples to the default graph (named graphs of .nq/.trig merged in);
    ``bulk`` uses Oxigraph's bulk loader, for filling an on-disk store."""
    if not path.is_file():
        raise InputError(f"{path}: no such graph file (build one with `kg build`)")
    fmt = rdf_format(path)
    try:
        if fmt.supports_datasets:
            quads = ox.parse(path=str(path), format=fmt)
            merged = (ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads)
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
