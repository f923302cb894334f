"""A read-only SPARQL 1.1 Protocol endpoint at /sparql (Flask app, served by waitress).

Queries run in worker processes, each holding its own copy of the graph (or the on-disk store
opened read-only). A query that exceeds the time limit is answered 503 and its worker is killed
and replaced: Oxigraph cannot cancel a running query, and a thread would go on burning a core.
When every worker is busy (slow queries), one more is started at once (a worker is ready in a
fraction of a second on a corpus graph), up to ``max_workers``, so a cheap query is not held up
behind slow ones; the extra workers retire once the pool has idle ones to spare. Every request
is logged on stderr: client, method, path, status, result rows and milliseconds.

Refused before anything runs: updates (403), SERVICE (400, no calls out), FROM / FROM NAMED and
the protocol's graph parameters (400: the endpoint serves one default graph and fetches nothing),
queries larger than the size cap (413). Results beyond ``max_results`` rows are cut, and the
response says so in the ``KG-Results-Truncated`` header. No CORS headers unless ``cors`` is set.
"""
from __future__ import annotations

import html
import multiprocessing
import queue
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from kg.errors import InputError, KgError, QueryError

RESULT_TYPES = {  # media type → render format, for SELECT and ASK
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {  # for CONSTRUCT and DESCRIBE
    "text/turtle": "turtle",
    "application/ld+json": "jsonld",
    "application/n-triples": "ntriples",
}
MEDIA_TYPE = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
              "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
              "jsonld": "application/ld+json", "ntriples": "application/n-triples"}
TRUNCATED_HEADER = "KG-Results-Truncated"


class Busy(Exception):
    """Every worker is busy (or being replaced after a timeout)."""


class TimedOut(Exception):
    """The query ran past the time limit; its worker was killed."""


# ---------------------------------------------------------------------------- worker processes

def _worker_main(conn, graphs: list[str], store: str | None) -> None:
    """Body of a worker process: load the graph once, then answer (text, format, limit) requests."""
    from kg import query as queries
    from kg import store as stores

    try:
        oxstore = stores.open_store(Path(store)) if store else stores.load_files([Path(g) for g in graphs])
        conn.send(("ready", len(oxstore)))
    except KgError as error:
        conn.send(("failed", str(error)))
        return
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if request is None:
            return
        text, fmt, limit = request
        try:
            result = queries.execute(oxstore, text, limit=limit)
            if result.kind == "graph":
                body, rows = queries.graph_bytes(result, fmt), len(result.triples)
            else:
                body = queries.render(result, fmt).encode("utf-8")
                rows = len(result.rows) if result.kind == "bindings" else 1
            conn.send(("ok", body, result.truncated, rows))
        except QueryError as error:
            conn.send(("error", str(error)))
        except Exception as error:  # report, keep serving
            conn.send(("error", f"query failed: {type(error).__name__}: {error}"))


class _Worker:
    def __init__(self, context, graphs: Sequence[Path], store: Path | None):
        self._lock = threading.Lock()  # kill() may come from a request thread and from close() at once
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, [str(g) for g in graphs],
                                                                  str(store) if store else None),
                                       daemon=True, name="kg-serve-worker")
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> int:
        if not self.conn.poll(timeout):
            self.kill()
            raise InputError(f"the graph did not load within {timeout:.0f} s")
        try:
            status, detail = self.conn.recv()
        except EOFError:
            raise InputError("the query worker exited while loading the graph") from None
        if status != "ready":
            self.kill()
            raise InputError(detail)
        return detail

    def kill(self) -> None:
        with self._lock:
            if self.process.is_alive():
                self.process.kill()
            self.process.join(timeout=5)
            self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(timeout=2)
        self.kill()


class QueryPool:
    """Worker processes; a request borrows an idle one, a timed-out one is replaced.

    ``workers`` are kept running. A request that finds none idle starts one more (up to
    ``max_workers``) and takes whichever is free first, the new one or one that finished; a worker
    handed back while ``workers`` others are idle retires, so the pool shrinks after a burst.
    """

    def __init__(self, graphs: Sequence[Path], store: Path | None, *, workers: int = 2,
                 max_workers: int | None = None, load_timeout: float = 600.0):
        self._context = multiprocessing.get_context("spawn")
        self._graphs, self._store, self._load_timeout = list(graphs), store, load_timeout
        self._base = max(1, workers)
        self._max = max(self._base, max_workers if max_workers is not None else self._base + 4)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        self._all: set[_Worker] = set()
        self._starting = 0
        self._lock = threading.Lock()
        started = [self._spawn() for _ in range(self._base)]
        try:
            self.triples = [w.wait_ready(load_timeout) for w in started][0]
        except BaseException:
            for worker in started:
                worker.kill()
            raise
        for worker in started:
            self._idle.put(worker)

    @property
    def capacity(self) -> int:
        """The most worker processes the pool may run at once."""
        return self._max

    @property
    def size(self) -> int:
        """Worker processes running or starting."""
        with self._lock:
            return len(self._all) + self._starting

    def _spawn(self, *, reserved: bool = False) -> _Worker:
        """A new worker process, counted in the pool (``reserved``: it was counted as starting)."""
        try:
            worker = _Worker(self._context, self._graphs, self._store)
        except BaseException:
            if reserved:
                with self._lock:
                    self._starting -= 1
            raise
        with self._lock:
            self._all.add(worker)
            if reserved:
                self._starting -= 1
        return worker

    def _grow(self) -> None:
        """Start one more worker in the background, unless the pool is at its cap."""
        with self._lock:
            if self._closed or len(self._all) + self._starting >= self._max:
                return
            self._starting += 1  # reserved now, so two requests at once cannot pass the cap

        def start() -> None:
            worker = self._spawn(reserved=True)
            try:
                worker.wait_ready(self._load_timeout)
            except (KgError, OSError, EOFError):  # failed to load, or closed meanwhile
                with self._lock:
                    self._all.discard(worker)
                worker.kill()
                return
            if self._closed:
                worker.stop()
            else:
                self._idle.put(worker)

        threading.Thread(target=start, daemon=True, name="kg-serve-start").start()

    def _replace(self, dead: _Worker) -> None:
        dead.kill()
        with self._lock:
            self._all.discard(dead)
        if self.size < self._base:
            self._grow()

    def _give_back(self, worker: _Worker) -> None:
        """Back to the idle ones, or retired when enough others are idle (after a burst)."""
        with self._lock:
            surplus = len(self._all) > self._base and self._idle.qsize() >= self._base
            if surplus:
                self._all.discard(worker)
        if surplus:
            threading.Thread(target=worker.stop, daemon=True, name="kg-serve-retire").start()
        else:
            self._idle.put(worker)

    def run(self, text: str, fmt: str, limit: int, timeout: float) -> tuple[bytes, bool, int]:
        """(body, truncated, rows); raises QueryError, Busy or TimedOut."""
        start = time.monotonic()
        try:
            worker = self._idle.get_nowait()
        except queue.Empty:
            self._grow()  # every worker is busy: a cheap query must not wait for the slow ones
            try:
                worker = self._idle.get(timeout=timeout)
            except queue.Empty:
                raise Busy() from None
        remaining = max(timeout - (time.monotonic() - start), 0.05)
        try:
            worker.conn.send((text, fmt, limit))
            if not worker.conn.poll(remaining):
                self._replace(worker)
                raise TimedOut()
            status, *detail = worker.conn.recv()
        except (EOFError, OSError):
            self._replace(worker)
            raise QueryError("the query worker died; try again") from None
        self._give_back(worker)
        if status == "error":
            raise QueryError(detail[0])
        return detail[0], detail[1], detail[2]

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()


# ---------------------------------------------------------------------------- the web app

@dataclass(frozen=True)
class Limits:
    timeout: float
    max_results: int
    max_query_bytes: int


def create_app(*, graphs: Sequence[Path] = (), store: Path | None = None, timeout: float = 10.0,
               max_results: int = 10_000, cors: str | None = None, workers: int = 2,
               max_workers: int | None = None, max_query_bytes: int = 64 * 1024, log=None):
    """The Flask app; loads the graph in its workers before returning (bad files fail here).
    ``log`` receives one line per request (default: printed on stderr)."""
    from flask import Flask, Response, g, request

    if store is None and not graphs:
        raise InputError("nothing to serve: give --graph FILE or --store DIR")
    if timeout <= 0 or max_results <= 0:
        raise KgError("--timeout and --max-results must be positive")
    if workers < 1 or (max_workers is not None and max_workers < workers):
        raise KgError("--workers must be 1 or more, and --max-workers at least --workers")
    pool = QueryPool(list(graphs), store, workers=workers, max_workers=max_workers)
    log = log or _log_line
    limits = Limits(timeout, max_results, max_query_bytes)
    app = Flask("kg.serve")
    app.config["MAX_CONTENT_LENGTH"] = 4 * max_query_bytes + 4096
    app.extensions["kg_pool"] = pool
    source = str(store) if store is not None else ", ".join(str(g) for g in graphs)

    def plain(status: int, message: str, **headers) -> Response:
        return Response(message.rstrip("\n") + "\n", status=status, mimetype="text/plain", headers=headers)

    @app.before_request
    def clock() -> None:
        g.started = time.monotonic()

    @app.after_request
    def headers(response: Response) -> Response:
        elapsed = (time.monotonic() - g.get("started", time.monotonic())) * 1000
        rows = g.get("rows")
        log(f"{request.remote_addr or '-'} {request.method} {request.path} {response.status_code} "
            f"{'-' if rows is None else rows} rows {elapsed:.1f} ms")
        response.headers["X-Content-Type-Options"] = "nosniff"
        if cors:
            response.headers["Access-Control-Allow-Origin"] = cors
            response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = "Content-Type, Accept"
            response.headers["Access-Control-Expose-Headers"] = TRUNCATED_HEADER
            if cors != "*":
                response.headers["Vary"] = "Origin"
        return response

    @app.errorhandler(413)
    def too_large(_error):
        return plain(413, f"request too large: the query size limit is {max_query_bytes} bytes")

    @app.get("/")
    def home() -> Response:
        return Response(_home_page(source, pool.triples, limits), mimetype="text/html",
                        headers={"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"})

    @app.route("/sparql", methods=["GET", "POST", "OPTIONS"])
    def sparql() -> Response:
        if request.method == "OPTIONS":
            return Response(status=204, headers={"Allow": "GET, POST, OPTIONS"})
        text, problem = _read_query(request)
        if problem:
            return plain(*problem)
        if len(text.encode("utf-8")) > max_query_bytes:
            return plain(413, f"query too large: {len(text.encode('utf-8'))} bytes, the limit is {max_query_bytes}")
        from kg.query import shape

        found = shape(text)
        if found.form == "UPDATE":
            return plain(403, "this endpoint is read-only: SPARQL updates are refused")
        if found.service:
            return plain(400, "SERVICE is refused: this endpoint makes no calls to other services")
        if found.datasets:
            return plain(400, f"FROM <{found.datasets[0]}> is refused: this endpoint serves one default graph "
                              "and does not load other graphs")
        offers = GRAPH_TYPES if found.form in ("CONSTRUCT", "DESCRIBE") else RESULT_TYPES
        media = _negotiate(request, offers)
        if media is None:
            return plain(406, "none of the accepted media types is available; this query can answer "
                              + ", ".join(offers))
        fmt = offers[media]
        try:
            body, truncated, g.rows = pool.run(text, fmt, max_results, timeout)
        except QueryError as error:
            return plain(400, str(error))
        except TimedOut:
            return plain(503, f"query stopped: it ran longer than the time limit of {timeout:g} s")
        except Busy:
            return plain(503, "all query workers are busy; retry shortly", **{"Retry-After": "1"})
        response = Response(body, status=200, mimetype=MEDIA_TYPE[fmt])
        response.charset = "utf-8"
        if truncated:
            response.headers[TRUNCATED_HEADER] = f"results cut at {max_results}"
        return response

    return app


def _log_line(line: str) -> None:
    print(f"kg serve: {line}", file=sys.stderr, flush=True)


def _read_query(request) -> tuple[str, tuple[int, str] | None]:
    """The query text of a SPARQL Protocol request, or (status, message) saying what is wrong."""
    graph_params = [k for k in ("default-graph-uri", "named-graph-uri")
                    if k in request.args or k in request.form]
    if "update" in request.args or "update" in request.form:
        return "", (403, "this endpoint is read-only: SPARQL updates are refused")
    if request.method == "GET":
        text = request.args.get("query")
    else:
        kind = (request.mimetype or "").lower()
        if kind == "application/sparql-update":
            return "", (403, "this endpoint is read-only: SPARQL updates are refused")
        if kind == "application/sparql-query":
            text = request.get_data(as_text=True)
        elif kind == "application/x-www-form-urlencoded":
            text = request.form.get("query")
        else:
            return "", (415, "POST a query as application/sparql-query or as a form "
                             "(application/x-www-form-urlencoded) with query=…")
    if graph_params:
        return "", (400, f"{graph_params[0]} is refused: this endpoint serves one default graph")
    if not text or not text.strip():
        return "", (400, "no query: send ?query=… (GET), a form with query=…, or an application/sparql-query body")
    return text, None


def _negotiate(request, offers: dict[str, str]) -> str | None:
    """The offered media type the client prefers (ties go to the first offer; no Accept: the first)."""
    if not request.accept_mimetypes:
        return next(iter(offers))
    return request.accept_mimetypes.best_match(list(offers))


def _home_page(source: str, triples: int, limits: Limits) -> str:
    from kg.query import bundled

    items = "\n".join(f"<li><code>{html.escape(name)}</code> — {html.escape(description)}</li>"
                      for name, description in bundled())
    example = html.escape("curl -H 'Accept: application/sparql-results+json' "
                          "--data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' http://HOST/sparql")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kg SPARQL endpoint</title>
<style>body{{font:15px/1.5 system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em}}
code,pre{{background:#f3f3f3;padding:.1em .3em}}</style></head>
<body><h1>kg SPARQL endpoint</h1>
<p>A read-only <a href="https://www.w3.org/TR/sparql11-protocol/">SPARQL 1.1 Protocol</a> endpoint at
<code>/sparql</code> over {triples} triples from <code>{html.escape(source)}</code>.</p>
<p>Send <code>GET /sparql?query=…</code>, or <code>POST</code> a form or an
<code>application/sparql-query</code> body. Results come as SPARQL JSON, XML, CSV or TSV
(CONSTRUCT/DESCRIBE: Turtle, JSON-LD or N-Triples), by the <code>Accept</code> header.</p>
<p>Limits: {limits.timeout:g} s per query, {limits.max_results} result rows, {limits.max_query_bytes} bytes
of query. Updates, <code>SERVICE</code> and <code>FROM</code> are refused.</p>
<pre>{example}</pre>
<h2>Bundled queries</h2><p>Their text is in <code>kg/queries/</code>; run them with <code>kg query NAME</code>.</p>
<ul>
{items}
</ul></body></html>
"""


def serve(*, graphs: Sequence[Path] = (), store: Path | None = None, host: str = "127.0.0.1",
          port: int = 8000, timeout: float = 10.0, max_results: int = 10_000, cors: str | None = None,
          workers: int = 2, max_workers: int | None = None) -> None:
    """Serve until interrupted (blocking)."""
    import waitress

    app = create_app(graphs=graphs, store=store, timeout=timeout, max_results=max_results, cors=cors,
                     workers=workers, max_workers=max_workers)
    pool = app.extensions["kg_pool"]
    try:  # a thread per request a worker can answer, and a few for the page and refusals
        server = waitress.create_server(app, host=host, port=port, threads=pool.capacity + 4,
                                        ident="kg-serve")
    except OSError as error:
        pool.close()
        raise KgError(f"cannot listen on {host}:{port} ({error.strerror or error})") from None
    shown = f"[{host}]" if ":" in host else host
    print(f"kg serve: SPARQL endpoint at http://{shown}:{port}/sparql ({pool.triples} triples); "
          "Ctrl-C to stop", file=sys.stderr)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"kg serve: warning: listening on {host}, reachable from other machines, with no "
              "authentication", file=sys.stderr)
    _stop_on_signals()
    try:
        server.run()
    finally:
        server.close()
        pool.close()


def _stop_on_signals() -> None:
    """Ctrl-C and SIGTERM stop the server even when the process inherited them ignored or
    blocked (a background job of a script, a supervisor, a test runner)."""
    import signal

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, stop)
