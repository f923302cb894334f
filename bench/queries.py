"""Load time and latency of every bundled query on Oxigraph (memory, disk), rdflib and Virtuoso.

    python bench/queries.py [GRAPH] [--replicate N] [--repeat K] [--no-rdflib] [--no-virtuoso]

GRAPH defaults to output/graph.ttl. ``--replicate N`` first makes an N-fold copy of the graph
(every id: IRI renamed per copy) to see how the figures scale. Latencies are the median of K runs
after one warm-up; rdflib's engine runs each query in a forked child that is stopped after
``--rdflib-timeout`` seconds. Virtuoso (if virtuoso-t is installed) is started on loopback from a
throwaway database, the graph pushed into a named graph, and queried over HTTP (so its figures
include an HTTP round trip and JSON parsing). Prints figures; it is not a test.
"""
from __future__ import annotations

import argparse
import importlib.util
import multiprocessing
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402

from kg import push, query, store  # noqa: E402

ID = "https://w3id.org/newskg/id/"
TARGET_MS = 50.0


def replicate(source: Path, copies: int, folder: Path) -> Path:
    """An N-fold copy of the graph as N-Triples; copy k renames every id: IRI with a ~k suffix."""
    triples = push.read_triples(source)

    def rename(term, k):
        if isinstance(term, ox.NamedNode) and term.value.startswith(ID):
            return ox.NamedNode(f"{term.value}~{k}")
        return term

    out = folder / f"{source.stem}-x{copies}.nt"
    with open(out, "wb") as handle:
        for k in range(copies):
            part = [ox.Triple(rename(t.subject, k), t.predicate, rename(t.object, k)) for t in triples]
            ox.serialize(part, handle, format=ox.RdfFormat.N_TRIPLES)
    return out


def pick_params(oxstore) -> dict[str, dict[str, str]]:
    """Parameter values that find something: the busiest place, actor and event of the graph."""
    def top(text: str) -> str:
        rows = query.execute(oxstore, text).rows
        return rows[0][0].value if rows else "nothing"

    nkg = "PREFIX nkg: <https://w3id.org/newskg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    actor = top(nkg + "SELECT ?l WHERE { ?e nkg:agent|nkg:target|nkg:participant ?a . "
                      "?a rdfs:label ?l } GROUP BY ?l ORDER BY DESC(COUNT(?e)) ?l LIMIT 1")
    return {
        "events_in_place": {"place": top(nkg + "SELECT ?l WHERE { ?e nkg:place ?p . ?p rdfs:label ?l } "
                                               "GROUP BY ?l ORDER BY DESC(COUNT(?e)) ?l LIMIT 1")},
        "actor_profile": {"actor": actor},
        "actor_timeline": {"actor": actor},
        "evidence": {"node": top(nkg + "SELECT ?l WHERE { ?n nkg:evidence ?m ; rdfs:label ?l } "
                                       "GROUP BY ?l ORDER BY DESC(COUNT(?m)) ?l LIMIT 1")},
    }


def timed(function, repeat: int) -> tuple[float, int]:
    """(median milliseconds over ``repeat`` runs after a warm-up, rows of the last run)."""
    result = function()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def rows_of(result) -> int:
    return len(result.rows) if result.kind == "bindings" else len(result.triples)


def bench_oxigraph(oxstore, texts, repeat) -> dict[str, tuple[float, int]]:
    return {name: timed(lambda t=text: rows_of(query.execute(oxstore, t)), repeat) for name, text in texts.items()}


_RDFLIB_GRAPH = None


def _rdflib_child(text: str, repeat: int, conn) -> None:
    conn.send(timed(lambda: rows_of(query.run_rdflib(text, _RDFLIB_GRAPH)), repeat))


def bench_rdflib(graph_file: Path, texts, repeat, limit) -> tuple[float, dict]:
    global _RDFLIB_GRAPH
    start = time.perf_counter()
    _RDFLIB_GRAPH = store.load_rdflib([graph_file])
    load = time.perf_counter() - start
    context = multiprocessing.get_context("fork")  # the child shares the loaded graph; no threads here
    out = {}
    for name, text in texts.items():
        parent, child = context.Pipe()
        process = context.Process(target=_rdflib_child, args=(text, repeat, child))
        process.start()
        out[name] = parent.recv() if parent.poll(limit * (repeat + 1)) else None
        if process.is_alive():
            process.kill()
        process.join()
    _RDFLIB_GRAPH = None
    return load, out


def bench_virtuoso(graph_file: Path, texts, repeat) -> tuple[float, dict] | None:
    spec = importlib.util.spec_from_file_location("kg_bench_virtuoso", ROOT / "tests" / "fixtures" / "virtuoso.py")
    virtuoso = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = virtuoso
    spec.loader.exec_module(virtuoso)
    if virtuoso.binary() is None:
        return None
    import requests

    folder = Path(tempfile.mkdtemp(prefix="kg-bench-virtuoso-"))
    server = virtuoso.start(folder / "db")
    graph = "https://example.org/bench"
    try:
        start = time.perf_counter()
        push.push(graph_file, server.graph_store, graph_iri=graph, user=virtuoso.USER, password=virtuoso.PASSWORD,
                  timeout=3600)
        load = time.perf_counter() - start
        session = requests.Session()

        def ask(text):
            response = session.post(server.sparql, data={"query": text, "default-graph-uri": graph},
                                    headers={"Accept": "application/sparql-results+json"}, timeout=600)
            response.raise_for_status()
            return len(response.json()["results"]["bindings"])

        return load, {name: timed(lambda t=text: ask(t), repeat) for name, text in texts.items()}
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graph", nargs="?", default=str(ROOT / "output" / "graph.ttl"))
    parser.add_argument("--replicate", type=int, default=1, metavar="N")
    parser.add_argument("--repeat", type=int, default=5, metavar="K")
    parser.add_argument("--no-rdflib", action="store_true")
    parser.add_argument("--rdflib-timeout", type=float, default=60.0, metavar="SECONDS")
    parser.add_argument("--no-virtuoso", action="store_true")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        graph_file = Path(args.graph)
        if not graph_file.is_file():
            print(f"{graph_file}: no such graph (run `kg build` first)", file=sys.stderr)
            return 2
        if args.replicate > 1:
            graph_file = replicate(graph_file, args.replicate, work)

        start = time.perf_counter()
        memory = store.load_files([graph_file])
        memory_load = time.perf_counter() - start
        params = pick_params(memory)
        texts = {}
        for name, _ in query.bundled():
            prepared = query.load(name)
            texts[name] = query.substitute(prepared.text, query.bind_params(prepared, params.get(name, {})))
        print(f"graph: {graph_file} ({len(memory)} triples); parameters: "
              + ", ".join(f"{k}={v}" for p in params.values() for k, v in p.items()))

        columns = {"oxigraph memory": bench_oxigraph(memory, texts, args.repeat)}
        loads = {"oxigraph memory": memory_load}
        start = time.perf_counter()
        store.save(graph_file, work / "store")
        loads["oxigraph disk"] = time.perf_counter() - start
        columns["oxigraph disk"] = bench_oxigraph(store.open_store(work / "store"), texts, args.repeat)
        if not args.no_rdflib:
            loads["rdflib"], columns["rdflib"] = bench_rdflib(graph_file, texts, args.repeat, args.rdflib_timeout)
        if not args.no_virtuoso:
            found = bench_virtuoso(graph_file, texts, args.repeat)
            if found is None:
                print("virtuoso: virtuoso-t not installed, skipped")
            else:
                loads["virtuoso (push)"], columns["virtuoso (HTTP)"] = found
        report(loads, columns)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def report(loads: dict[str, float], columns: dict[str, dict]) -> None:
    print("\nload: " + " · ".join(f"{name} {seconds:.2f} s" for name, seconds in loads.items()))
    base = columns["oxigraph memory"]
    names = list(base)
    header = ["query (ms, rows)"] + list(columns) + [f"{c} / memory" for c in list(columns)[1:]]
    lines = [header]
    for name in names:
        line = [name]
        for column in columns.values():
            found = column.get(name)
            line.append("timeout" if found is None else f"{found[0]:.1f} ({found[1]})")
        for column in list(columns.values())[1:]:
            found = column.get(name)
            line.append("-" if found is None or base[name][0] == 0 else f"{found[0] / base[name][0]:.1f}×")
        lines.append(line)
    widths = [max(len(row[i]) for row in lines) for i in range(len(header))]
    for row in lines:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    slow = [name for name in names if base[name][0] > TARGET_MS]
    print(f"\ntarget ≤ {TARGET_MS:.0f} ms per query on Oxigraph in memory: "
          + ("met" if not slow else "missed by " + ", ".join(slow)))
    mismatched = [name for name in names if len({c[name][1] for c in columns.values() if c.get(name)}) > 1]
    if mismatched:
        print("row counts differ between engines for: " + ", ".join(mismatched))


if __name__ == "__main__":
    sys.exit(main())
