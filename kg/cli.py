"""The `kg` command line: one short function per command, translating arguments and errors.

KgError (bad usage or bad input) becomes one line on stderr and exit status 2; anything else is an
internal error (exit 1). Modules are imported inside the commands so `kg --help` stays instant.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from kg.errors import KgError, OutputError


def _operating_point(value: str) -> tuple[str | None, float]:
    """``--min-confidence``'s value: "0.5" (every model) or "places=0.1" (one model)."""
    from kg.score import DECIDING_MODELS

    name, _, number = value.rpartition("=")
    if name and name not in DECIDING_MODELS:
        raise KgError(f"--min-confidence {value}: no model {name!r} decides by a threshold "
                      f"(use {', '.join(DECIDING_MODELS)}; the roles model only scores)")
    try:
        point = float(number)
    except ValueError:
        point = -1.0
    if not 0.0 <= point <= 1.0:
        raise KgError(f"--min-confidence {value}: give a probability between 0 and 1")
    return name or None, point


def cmd_build(args: argparse.Namespace) -> int:
    published = _published(args.published)
    if args.jobs is not None and args.jobs < 1:
        raise KgError(f"--jobs {args.jobs}: give 1 or more processes")
    check_writable(Path(args.output))
    if args.store:
        check_writable(Path(args.store))
    from kg.config import Settings
    from kg.pipeline import build, default_jobs

    settings = Settings()
    for value in args.min_confidence or ():
        name, point = _operating_point(value)
        settings = settings.with_(**({"min_confidence": point} if name is None else {
            "model_confidence": tuple(sorted({**dict(settings.model_confidence), name: point}.items()))}))
    summary = build(
        [Path(p) for p in args.inputs],
        settings=settings,
        published=published,
        out_dir=Path(args.output),
        store_dir=Path(args.store) if args.store else None,
        html=not args.no_html,
        validate=not args.no_validate,
        strict=args.strict,
        cache_dir=Path(args.cache) if args.cache else None,
        jobs=args.jobs or default_jobs(),
        progress=not args.quiet,
        cluster=args.cluster,
        shard_size=args.shard_size,
    )
    print(summary, file=sys.stderr)
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from kg import query

    if args.list:
        for name, description in query.bundled():
            print(f"{name:<22} {description}")
        return 0
    if not args.query:
        raise KgError("kg query: give a query (SPARQL text, a .rq file or a bundled name), or --list")
    result = query.run(
        args.query,
        graphs=[Path(g) for g in args.graph] or [Path("output/graph.ttl")] * (args.store is None),
        store=Path(args.store) if args.store else None,
        params=_params(args.param),
    )
    sys.stdout.write(query.render(result, args.format))
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    from kg import timeline

    found = timeline.timeline(args.actor, [Path(g) for g in args.graphs] or [Path("output/graph.ttl")])
    print(found.summary(), file=sys.stderr)
    sys.stdout.write(found.render(args.format))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from kg import serve

    serve.serve(
        graphs=[Path(g) for g in args.graph] or ([Path("output/graph.ttl")] if not args.store else []),
        store=Path(args.store) if args.store else None,
        host=args.host,
        port=args.port,
        timeout=args.timeout,
        max_results=args.max_results,
        cors=args.cors,
        workers=args.workers,
        max_workers=args.max_workers,
    )
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from kg import push

    message = push.push(
        Path(args.graph_file),
        args.endpoint,
        graph_iri=args.graph_iri,
        user=args.user,
        password=args.password,
        auth=args.auth,
    )
    print(message, file=sys.stderr)
    return 0


def cmd_view(args: argparse.Namespace) -> int:
    from kg import viz
    from kg.export import load_graphs

    if args.hops is not None and not args.focus:
        raise KgError(f"--hops {args.hops} needs --focus LABEL: it counts links away from the focused node")
    graph = load_graphs([Path(g) for g in args.graphs])
    viz.write_html(graph, Path(args.output), focus=args.focus, hops=1 if args.hops is None else args.hops,
                   top=args.top)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from kg import analytics
    from kg.export import load_graphs

    graph = load_graphs([Path(g) for g in args.graphs])
    print(analytics.render(analytics.summarize(graph, top=args.top)))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from kg import validate
    from kg.export import load_graphs

    report = validate.validate(load_graphs([Path(g) for g in args.graphs]))
    print(report.text)
    return 0 if report.conforms else 3


def cmd_evaluate(args: argparse.Namespace) -> int:
    from kg import evaluate

    if args.all:
        print(evaluate.evaluate_folder(Path(args.all)))
        return 0
    if len(args.files) != 2:
        raise KgError("kg evaluate: give GOLD.json GRAPH.ttl, or --all GOLD_DIR")
    print(evaluate.render(evaluate.evaluate_files(Path(args.files[0]), Path(args.files[1]))))
    return 0


def check_writable(folder: Path) -> None:
    """Refuse an output folder that cannot be written before spending minutes on parsing.

    Tried, not guessed from permission bits: those say root may write anywhere, yet nothing can be
    made in /proc or on a read-only file system. A scratch folder is made and removed at once in
    the folder, or in its nearest existing parent when it does not exist yet, so nothing is left
    behind. The atomic writer still turns any later write failure into the same kind of error.
    """
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        raise OutputError(f"{folder}: cannot write here ({probe} is not a folder)")
    try:
        os.rmdir(tempfile.mkdtemp(prefix=".kg-write-test-", dir=probe))
    except OSError as error:
        raise OutputError(f"{folder}: cannot write here (nothing can be created in {probe}: "
                          f"{error.strerror or error})") from None


def _published(value: str | None) -> str | None:
    """--published as an ISO date, or one line saying what is wrong with it."""
    import datetime
    import re

    if value is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise KgError(f"--published {value!r}: expected a date as YYYY-MM-DD, such as 2021-06-22") from None


def _params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise KgError(f"--param {pair!r}: expected NAME=VALUE")
        params[name] = value
    return params


def parser() -> argparse.ArgumentParser:
    from kg import __version__

    top = argparse.ArgumentParser(prog="kg", description="News articles into an event-centric RDF knowledge graph.")
    top.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    graph_files = "a graph file kg build wrote (.ttl, .jsonld, .trig, .nq; also .nt, .rdf)"

    p = sub.add_parser("build", help="build the graph of articles (.txt, .html, .jsonl, folders)")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="a .txt, .html or .jsonl file, a folder of them, a glob, or - for standard input "
                        "(text, HTML, or JSONL when it starts with '{')")
    p.add_argument("-o", "--output", default="output", help="output folder (default: output/)")
    p.add_argument("--store", help="also load the graph into an Oxigraph store on disk in this folder")
    p.add_argument("--published", metavar="YYYY-MM-DD",
                   help="publication date of the articles whose input gives none (a .txt, standard input); "
                        "it replaces a date kg would infer from the text")
    p.add_argument("--min-confidence", action="append", metavar="[MODEL=]P",
                   help="the operating point: keep events, places and dates the trained models give at least "
                        "this probability (default: each model's own, set by cross-validation on the "
                        "development annotations; see data/models/*.json); MODEL=P sets one model's "
                        "(events, places, dates or statements), and may be repeated")
    p.add_argument("--no-html", action="store_true", help="skip the HTML viewer")
    p.add_argument("--no-validate", action="store_true", help="skip SHACL validation of the result")
    p.add_argument("--strict", action="store_true", help="fail on the first bad article or JSONL line")
    p.add_argument("--cache", help="per-article cache folder (default: OUTPUT/.cache)")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="processes that parse and extract articles at once (default: one per core, at most 4). "
                        "Each is a fork of the loaded model, so more jobs than free cores gain nothing: on 2 idle "
                        "cores 120 articles took 12.4 s with 2 jobs and 16.1 s with 1; on a machine other work "
                        "keeps busy, more jobs are no faster than 1. A build of 8 articles or fewer uses one process")
    p.add_argument("--cluster", metavar="ADDRESS",
                   help="parse on a Dask cluster: local:N (N worker processes here) or tcp://HOST:8786")
    p.add_argument("--shard-size", type=int, default=200, metavar="N",
                   help="corpora over N articles are written as shards of N articles plus a manifest (default 200)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("query", help="run SPARQL (text, .rq file or bundled name) on built graphs")
    p.add_argument("query", nargs="?", metavar="QUERY",
                   help="a bundled query's name (see --list), a .rq file, or SPARQL text")
    p.add_argument("--graph", action="append", default=[], metavar="FILE",
                   help=f"{graph_files} to query; repeat for several (default: output/graph.ttl)")
    p.add_argument("--store", metavar="DIR", help="query an Oxigraph store folder made by `kg build --store`")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="bind a parameter the query declares (an IRI if VALUE is http(s)://… or <…>, "
                        "else a string); repeat for several")
    p.add_argument("--format", default="table", choices=["table", "csv", "tsv", "json", "xml", "turtle", "jsonld"],
                   help="output: a table (default), SPARQL results as csv, tsv, json or xml; "
                        "turtle or jsonld for CONSTRUCT")
    p.add_argument("--list", action="store_true", help="list the bundled queries and their parameters")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("timeline", help="the events and statements of one actor across the articles, by date")
    p.add_argument("actor", metavar="ACTOR",
                   help="a name or other name of an actor, place, product or instrument (any case), or its IRI (id:…)")
    p.add_argument("graphs", nargs="*", metavar="GRAPH",
                   help="graph files written by kg build (.ttl, .jsonld, .nt, .nq, .trig; default: output/graph.ttl)")
    p.add_argument("--format", default="table", choices=["table", "csv", "json"],
                   help="table (evidence cut to 60 characters), csv, or json (SPARQL 1.1 results); default table")
    p.set_defaults(func=cmd_timeline)

    p = sub.add_parser("serve", help="read-only SPARQL 1.1 Protocol endpoint at /sparql")
    p.add_argument("--graph", action="append", default=[], metavar="FILE",
                   help=f"{graph_files} to serve; repeat for several (default: output/graph.ttl)")
    p.add_argument("--store", metavar="DIR", help="serve an Oxigraph store folder made by `kg build --store`")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    p.add_argument("--timeout", type=float, default=10.0, help="query time limit in seconds (default: 10)")
    p.add_argument("--max-results", type=int, default=10_000, help="result row cap (default: 10000)")
    p.add_argument("--cors", default=None, help="send CORS headers for this origin ('*' for any)")
    p.add_argument("--workers", type=int, default=2,
                   help="query worker processes kept running (default 2); while all are busy, one more "
                        "is started for each new query, up to --max-workers")
    p.add_argument("--max-workers", type=int, default=None,
                   help="most query worker processes at once, each with its own copy of an in-memory "
                        "graph (default: --workers plus 4)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("push", help="upload a built graph into a named graph of a SPARQL store")
    p.add_argument("graph_file", metavar="GRAPH", help=f"{graph_files} to upload")
    p.add_argument("--endpoint", required=True, help="Graph Store Protocol URL (or SPARQL Update URL)")
    p.add_argument("--graph-iri", default=None, help="named graph IRI (default: one per article)")
    p.add_argument("--user", help="user name for the store")
    p.add_argument("--password", help="password for the store (or set KG_PUSH_PASSWORD)")
    p.add_argument("--auth", choices=["basic", "digest"], default="digest", help="HTTP authentication (default: digest)")
    p.set_defaults(func=cmd_push)

    p = sub.add_parser("view", help="write the HTML viewer for graphs")
    p.add_argument("graphs", nargs="+", metavar="GRAPH", help=f"{graph_files}; several are shown as one")
    p.add_argument("-o", "--output", default="output/view.html", help="the page to write (default: output/view.html)")
    p.add_argument("--focus", help="label of a node to centre the view on")
    p.add_argument("--hops", type=int, default=None,
                   help="with --focus: how many links away from it to show (default 1)")
    p.add_argument("--top", type=int, help="keep only the N most central nodes")
    p.set_defaults(func=cmd_view)

    p = sub.add_parser("stats", help="central actors, communities and counts")
    p.add_argument("graphs", nargs="+", metavar="GRAPH", help=f"{graph_files}; several are counted as one")
    p.add_argument("--top", type=int, default=10, help="how many central actors to list (default: 10)")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("validate", help="check a graph against ontology/shapes.ttl (SHACL)")
    p.add_argument("graphs", nargs="+", metavar="GRAPH", help=f"{graph_files}; several are checked as one")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("evaluate", help="score a graph against a gold annotation")
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="GOLD.json GRAPH: a gold annotation and a graph holding its article "
                        "(of a corpus graph, only that article is scored)")
    p.add_argument("--all", metavar="GOLD_DIR", help="build and score every gold file in a folder")
    p.set_defaults(func=cmd_evaluate)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except KgError as error:
        print(f"kg {args.command}: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print(f"kg {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def run() -> None:
    """The `kg` command: main(), then an immediate exit. Everything a command writes is in place
    (atomically) before main() returns; tearing down the interpreter after a build (the spaCy model,
    a corpus's worth of objects) took 0.3 s of the 2 s a one-article build takes, and skipping it
    loses nothing."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, OSError, ValueError):
            pass
    os._exit(code if isinstance(code, int) else 1)


if __name__ == "__main__":
    run()
