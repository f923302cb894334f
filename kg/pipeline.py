"""`kg build`: inputs -> articles -> parsed blocks -> extractions -> graph -> files.

Everything is rendered in memory first and written atomically at the end, so a failed build
leaves the previous output untouched.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from kg import atomic, ingest
from kg.config import Settings
from kg.errors import InputError
from kg.model import Article, Extraction


@dataclass
class BuildSummary:
    """What a build wrote. ``entities``, ``events`` and ``statements`` count the nodes of the
    written graph, where a node several articles mention is one; ``per_article`` holds the sums
    over articles (entities, events, statements), which count such a node once per article."""

    articles: int = 0
    entities: int = 0
    events: int = 0
    statements: int = 0
    triples: int = 0
    per_article: tuple[int, int, int] = (0, 0, 0)
    written: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    validation: str = ""

    def __str__(self) -> str:
        lines = [f"built {self.articles} article(s): {self.entities} entities, {self.events} events, "
                 f"{self.statements} statements, {self.triples} triples"]
        if self.per_article != (self.entities, self.events, self.statements):
            entities, events, statements = self.per_article
            lines.append(f"summed over the articles (a node once per article that mentions it): {entities} entities, "
                         f"{events} events, {statements} statements")
        if self.written:
            lines.append("wrote " + ", ".join(self.written))
        if self.validation:
            lines.append(self.validation)
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)


def read_all(inputs: list[Path], settings: Settings, strict: bool, warnings: list[str],
             published: str | None = None) -> list[Article]:
    """Every article of every input; with several inputs a bad file is a warning unless strict.
    ``published`` (ISO) dates the articles whose input gives no date (see :func:`date_if_unknown`)."""
    files = ingest.expand_inputs(inputs)
    articles: list[Article] = []
    for path in files:
        problems: list[ingest.Problem] = []
        try:
            for article in ingest.read_articles(path, settings, problems, strict):
                ingest.check_english(article, settings)
                articles.append(date_if_unknown(article, published))
        except InputError as error:
            if strict or len(files) == 1:
                raise
            warnings.append(str(error))
        warnings.extend(str(p) for p in problems)
    if not articles:
        raise InputError(f"{', '.join(map(str, inputs))}: no article could be read")
    seen: dict[str, Article] = {}
    for article in articles:
        if article.key in seen and seen[article.key].text != article.text:
            raise InputError(f"{article.source}: article id {article.key!r} also used by {seen[article.key].source}")
        seen[article.key] = article
    return sorted(seen.values(), key=lambda a: a.key)


def date_if_unknown(article: Article, published: str | None) -> Article:
    """The article dated ``published`` (what the user says) when its input gives no date: a
    .txt or standard input has none, and a date inferred from the text is a guess. Dates a JSONL
    record or a page's metadata give are kept."""
    from dataclasses import replace

    if published is None or (article.published is not None and not article.published_inferred):
        return article
    return replace(article, published=published, published_inferred=False)


def extract_all(articles: list[Article], settings: Settings, *, cache_dir: Path | None = None, jobs: int = 1,
                progress: bool = False) -> list[Extraction]:
    """Extractions in article order: cached ones read back, the rest parsed and extracted, in
    ``jobs`` processes when there are several (see :func:`_extract_forked`)."""
    from kg.cache import Cache

    cache = Cache(cache_dir, settings) if cache_dir is not None else None
    results: dict[int, Extraction] = {}
    todo = []
    for index, article in enumerate(articles):
        cached = cache.get(article) if cache else None
        if cached is not None:
            results[index] = cached
        else:
            todo.append(index)
    bar = Progress(len(articles), enabled=progress, done=len(results))
    if todo:
        for index, extraction in _extract(articles, todo, settings, jobs):
            results[index] = extraction
            if cache:
                cache.put(extraction)
            bar.step()
    bar.close()
    return [results[i] for i in range(len(articles))]


def decision_models(settings: Settings):
    """The trained scorers of data/models (or none: the hand-written rules), as the settings ask."""
    from kg import score

    if settings.decider == "rules":
        return score.RULES
    return score.load(settings.models_dir, settings.min_confidence)


#: Most processes ``--jobs`` uses by default: past a few, memory grows and the writing, which is
#: not parallel, dominates.
MAX_DEFAULT_JOBS = 4


def default_jobs() -> int:
    """The processes a build uses unless told: one per core this process may run on, at most
    MAX_DEFAULT_JOBS. Measured on the 120-article corpus, 2 idle cores: 16.1 s with one, 12.4 s
    with two, 12.6 s with four (median of three); on cores other work keeps busy no setting was
    faster, and two were no slower than one."""
    import os

    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_DEFAULT_JOBS))


#: Articles a forked worker parses and extracts per task: enough to batch the parser well,
#: few enough that the workers finish together.
_ARTICLES_PER_TASK = 8
_FORKED: tuple = ()  # (articles, pipeline, lexicon, models), set before forking so workers inherit them


def _extract(articles: list[Article], todo: list[int], settings: Settings, jobs: int):
    """(index, Extraction) for the articles at ``todo``, in that order.

    One process parses the blocks of all articles in one nlp.pipe stream. With ``jobs`` > 1 the
    articles are shared among that many forked processes instead (see :func:`_extract_forked`).
    """
    from kg import lexicon as lexicon_module
    from kg import nlp
    from kg.extract import extract

    lexicon = lexicon_module.load(settings.lexicon_dir, settings.ontology_path)
    models = decision_models(settings)
    pipe = nlp.pipeline(settings, lexicon)
    if jobs > 1 and len(todo) > _ARTICLES_PER_TASK and _can_fork():
        yield from _extract_forked(articles, todo, pipe, lexicon, models, jobs)
        return
    for index, blocks in nlp.parse_many([articles[i] for i in todo], pipe, ids=todo):
        yield index, extract(articles[index], blocks, lexicon, models)


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _extract_forked(articles: list[Article], todo: list[int], pipe, lexicon, models, jobs: int):
    """Parse and extract in ``jobs`` forked processes, a few articles per task, results in order.

    Forked, each worker has the loaded model and lexicons at no cost, and extracts as well as
    parses: only the small Extraction values travel back (spaCy's own n_process shipped every
    parsed Doc back to this process, which then extracted alone: 13.2 s for the 120-article corpus
    with two jobs, against 12.4 s this way and 16.1 s with one). The caller writes the cache.
    """
    import multiprocessing

    global _FORKED
    tasks = [todo[i:i + _ARTICLES_PER_TASK] for i in range(0, len(todo), _ARTICLES_PER_TASK)]
    _FORKED = (articles, pipe, lexicon, models)
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for done in pool.imap(_extract_task, tasks):
                yield from done
    finally:
        _FORKED = ()


def _extract_task(indices: list[int]) -> list[tuple[int, Extraction]]:
    """A forked worker's task: parse and extract some articles (see :func:`_extract_forked`)."""
    from kg import nlp
    from kg.extract import extract

    articles, pipe, lexicon, models = _FORKED
    return [(index, extract(articles[index], blocks, lexicon, models))
            for index, blocks in nlp.parse_many([articles[i] for i in indices], pipe, ids=indices)]


class Progress:
    """A one-line progress bar on stderr, silent when stderr is not a terminal."""

    def __init__(self, total: int, *, enabled: bool, done: int = 0):
        self.total, self.done = total, done
        self.enabled = enabled and sys.stderr.isatty() and total > 1

    def step(self) -> None:
        self.done += 1
        if self.enabled:
            width = 30
            filled = int(width * self.done / max(1, self.total))
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} articles")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def _validate_in_background(graph, triples: set, settings: Settings):
    """Start SHACL validation in a forked child (it inherits the graph, nothing is copied) while
    this process renders the viewer; returns a function that waits for the report. Without fork,
    or if the child fails, validation runs here."""
    import multiprocessing

    from kg import export
    from kg import validate as validation

    if "fork" not in multiprocessing.get_all_start_methods():
        report = validation.validate(graph, settings)
        return lambda: report
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)

    def child() -> None:
        try:
            sender.send(validation.validate(graph, settings, triples=export.to_oxigraph(triples)))
        except BaseException:  # the parent validates itself
            sender.send(None)

    process = context.Process(target=child, daemon=True)
    process.start()
    sender.close()

    def wait():
        try:
            report = receiver.recv()
        except EOFError:
            report = None
        process.join()
        return report if report is not None else validation.validate(graph, settings)

    return wait


def build(inputs: list[Path], *, out_dir: Path, store_dir: Path | None = None, html: bool = True,
          validate: bool = True, strict: bool = False, cache_dir: Path | None = None, jobs: int = 1,
          progress: bool = True, settings: Settings | None = None, published: str | None = None) -> BuildSummary:
    from kg import export
    from kg.merge import merge_events
    from kg.rdf.mapping import to_dataset

    settings = settings or Settings()
    summary = BuildSummary()
    articles = read_all(inputs, settings, strict, summary.warnings, published)
    cache_dir = cache_dir if cache_dir is not None else out_dir / ".cache"
    extractions = extract_all(articles, settings, cache_dir=cache_dir, jobs=jobs, progress=progress)
    named, builder = to_dataset(merge_events(extractions), settings)
    graph = builder.graph
    wait_for_report = (_validate_in_background(graph, builder.triples, settings)
                       if validate and settings.shapes_path.is_file() else None)
    convert = export.OxConverter()
    triples = export.to_oxigraph(builder.triples, convert=convert)
    quads = export.to_quads(named, convert)
    files = {out_dir / "graph.ttl": export.to_turtle(triples), out_dir / "graph.jsonld": export.to_jsonld(triples),
             out_dir / "graph.trig": export.to_trig(quads), out_dir / "graph.nq": export.to_nquads(quads)}
    if html:
        from kg import viz

        files[out_dir / "graph.html"] = viz.render_html(graph).encode("utf-8")
    if wait_for_report is not None:
        report = wait_for_report()
        summary.validation = "SHACL: conforms" if report.conforms else f"SHACL: {report.summary}"
        if not report.conforms:
            summary.warnings.append(f"the graph does not conform to {settings.shapes_path.name}; run `kg validate`")
    for path, data in files.items():
        atomic.write_bytes(path, data)
        summary.written.append(str(path))
    if store_dir is not None:
        from kg import store

        store.save(out_dir / "graph.ttl", store_dir)
        summary.written.append(f"{store_dir}/ (Oxigraph store)")
    summary.articles = len(articles)
    summary.entities, summary.events, summary.statements = count_nodes(builder.triples)
    summary.per_article = (sum(len(x.entities) for x in extractions), sum(len(x.events) for x in extractions),
                           sum(len(x.statements) for x in extractions))
    summary.triples = len(graph)
    return summary


def count_nodes(triples) -> tuple[int, int, int]:
    """(entities, events, statements) of a graph: its nodes typed nkg:Actor or nkg:Place,
    nkg:Event, nkg:Statement (superclass types are asserted, so no reasoning is needed)."""
    from rdflib.namespace import RDF

    from kg.rdf.namespaces import NKG

    kinds = {NKG.Actor: "entity", NKG.Place: "entity", NKG.Event: "event", NKG.Statement: "statement"}
    nodes: dict[str, set] = {"entity": set(), "event": set(), "statement": set()}
    for subject, predicate, obj in triples:
        if predicate == RDF.type and obj in kinds:
            nodes[kinds[obj]].add(subject)
    return len(nodes["entity"]), len(nodes["event"]), len(nodes["statement"])
