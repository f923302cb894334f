"""`kg build`: inputs -> articles -> parsed blocks -> extractions -> per-article triples -> files.

A build is a stream in two passes, so memory does not grow with the corpus:

1. *extract*: the inputs are read as a stream (a JSONL feed line by line), a batch of
   articles at a time, and every article is parsed and extracted (or read back from the
   per-article cache), in one process, in forked jobs or on a Dask cluster
   (:func:`extract_partition` is the one function all run); each extraction goes to the cache
   and nothing of it stays in memory: its :func:`kg.merge.skeleton`, its names and the name of
   its cache entry go to SQLite files in the build's temporary folder (kg.spill).
2. *reduce*: what spans articles is keyed: the cross-article event merge (kg.merge.Planner, a fold
   over the skeletons read back in key order) and the one label of each node (kg.rdf.mapping.Labels).
3. *write*: extractions are read back from the cache one at a time, in IRI order, and each one's triples (its
   slice) are written out at once: single files for small corpora, shards plus a manifest for
   large ones (kg.export). SHACL validation and the viewer then run on the graph (small) or on
   the first shard's articles (large), which the summary says.

Outputs are written to a staging folder and moved into place when complete, so a failed build
leaves the previous output untouched; a build killed midway resumes from the cache.
"""
from __future__ import annotations

import gc
import hashlib
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg import ingest
from kg.checks import Checks
from kg.config import Settings
from kg.errors import InputError
from kg.model import Article, Extraction

#: Articles parsed between two full garbage collections (cheap: the model is frozen out of them).
COLLECT_EVERY = 32
#: Corpora of up to this many articles get single files; larger ones shards of this many articles.
SHARD_ARTICLES = 200


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


def stream_articles(inputs: list[Path], settings: Settings, strict: bool, warnings: list[str],
                    published: str | None = None) -> Iterator[Article]:
    """Every article of every input, read as it is needed (a JSONL file line by line), none
    held; with several inputs a bad file is a warning unless strict. An article whose id comes
    again with the same text is read once; with another text it is an error. ``published`` (ISO)
    dates the articles whose input gives no date (see :func:`date_if_unknown`). The inputs are
    expanded at once, so a missing one is an error before anything starts; the articles are read
    as the stream is consumed."""
    return _stream(ingest.expand_inputs(inputs), inputs, settings, strict, warnings, published)


def _stream(files: list[Path], inputs: list[Path], settings: Settings, strict: bool, warnings: list[str],
            published: str | None) -> Iterator[Article]:
    from kg.spill import scratch_db

    # article key -> digest of its text: all that is kept of what was read, off the Python heap
    texts = scratch_db()
    texts.execute("CREATE TABLE texts (key TEXT PRIMARY KEY, digest BLOB NOT NULL)")
    for path in files:
        for article in _articles_of(path, settings, strict, len(files) == 1, warnings):
            digest = hashlib.blake2b(article.text.encode("utf-8"), digest_size=16).digest()
            if texts.execute("INSERT OR IGNORE INTO texts VALUES (?, ?)", (article.key, digest)).rowcount:
                yield date_if_unknown(article, published)  # the first time this id is read
                continue
            (known,) = texts.execute("SELECT digest FROM texts WHERE key = ?", (article.key,)).fetchone()
            if known != digest:
                raise InputError(f"{article.source}: article id {article.key!r} is also used by another article "
                                 "with a different text")
    if texts.execute("SELECT count(*) FROM texts").fetchone()[0] == 0:
        raise InputError(f"{', '.join(map(str, inputs))}: no article could be read")
    texts.close()


def _articles_of(path: Path, settings: Settings, strict: bool, only: bool, warnings: list[str]) -> Iterator[Article]:
    """The English articles of one input file; a file that cannot be read is an error when it is
    the only input or the build is strict, else a warning, as are its bad JSONL lines."""
    problems: list[ingest.Problem] = []
    try:
        for article in ingest.read_articles(path, settings, problems, strict):
            ingest.check_english(article, settings)
            yield article
    except InputError as error:
        if strict or only:
            raise
        warnings.append(str(error))
    warnings.extend(str(p) for p in problems)


def date_if_unknown(article: Article, published: str | None) -> Article:
    """The article dated ``published`` (what the user says) when its input gives no date: a
    .txt or standard input has none, and a date inferred from the text is a guess. Dates a JSONL
    record or a page's metadata give are kept."""
    from dataclasses import replace

    if published is None or (article.published is not None and not article.published_inferred):
        return article
    return replace(article, published=published, published_inferred=False)


@lru_cache(maxsize=2)
def _resources(settings: Settings):
    """The lexicon, the spaCy pipeline and the trained decision models, loaded once per process
    (a Dask worker's plugin calls this at start)."""
    from kg import lexicon as lexicon_module
    from kg import nlp

    lexicon = lexicon_module.load(settings.lexicon_dir, settings.ontology_path)
    return lexicon, nlp.pipeline(settings, lexicon), decision_models(settings)


def decision_models(settings: Settings):
    """The trained scorers of data/models, as KG_DECIDER asks: ``model`` (all of them), ``rules``
    (none: the hand-written rules decide), or a comma-separated list of model names
    (``events,dates``), which is how the README's rules-against-model comparison is made."""
    from dataclasses import replace

    from kg import score

    if settings.decider == "rules":
        return score.RULES
    models = score.load(settings.models_dir, settings.min_confidence, settings.model_confidence)
    if settings.decider == "model":
        return models
    wanted = {name.strip() for name in settings.decider.split(",")}
    unknown = wanted - set(score.MODEL_NAMES)
    if unknown:
        raise InputError(f"KG_DECIDER={settings.decider}: unknown model {', '.join(sorted(unknown))} "
                         f"(use model, rules or some of {', '.join(score.MODEL_NAMES)})")
    return replace(models, **{name: None for name in score.MODEL_NAMES if name not in wanted})


@lru_cache(maxsize=1)
def _freeze() -> None:
    """The model and lexicons live as long as the process: keep the collector off them, so the
    collections of a long build cost milliseconds."""
    gc.collect()
    gc.freeze()


def extract_partition(articles: list[Article], settings: Settings) -> Iterator[Extraction]:
    """Parse and extract a partition of articles, in order: the one function a build runs, in
    its own process, in each forked job or on each Dask worker. Blocks of many articles go
    through one nlp.pipe stream; no Doc outlives its article."""
    from kg import nlp
    from kg.extract import extract

    if not articles:
        return
    lexicon, pipe, models = _resources(settings)
    if len(articles) > COLLECT_EVERY:
        _freeze()
    for index, blocks in nlp.parse_many(articles, pipe, ids=list(range(len(articles)))):
        yield extract(articles[index], blocks, lexicon, models)


def extract_all(articles: list[Article], settings: Settings, *, cache_dir: Path | None = None, jobs: int = 1,
                progress: bool = False) -> list[Extraction]:
    """Extractions in article order (cached ones read back): for small uses and tests."""
    from kg.cache import Cache

    cache = Cache(cache_dir, settings) if cache_dir is not None else None
    with LocalEngine(settings, jobs) as engine:
        found = {x.article.key: x for x in _extractions(articles, cache, engine,
                                                        Progress(len(articles), enabled=progress))}
    return [found[a.key] for a in articles]


class LocalEngine:
    """Extraction on this machine, as a context manager giving a function: articles -> their
    extractions. In this process, or shared among ``jobs`` forked processes (one pool for the
    whole build) when a batch has enough articles for that to pay (see :func:`_extract_forked`)."""

    def __init__(self, settings: Settings, jobs: int):
        self.settings, self.jobs = settings, jobs
        self.pool = None

    def __enter__(self):
        return self.run

    def run(self, articles: list[Article]) -> Iterator[Extraction]:
        if self.jobs > 1 and len(articles) > _ARTICLES_PER_TASK and _can_fork():
            if self.pool is None:
                self.pool = _forked_pool(self.settings, self.jobs)
            return _extract_forked(articles, self.settings, self.pool)
        return extract_partition(articles, self.settings)

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool = None


#: Articles read, looked up in the cache and sent to be extracted at a time: what a build holds
#: of its input (a few hundred texts), whatever the size of the corpus.
BATCH_ARTICLES = 256


def _extractions(articles, cache, engine, bar: "Progress") -> Iterator[Extraction]:
    """Every article's extraction (in no set order): cached ones read back, the others made by
    ``engine`` a batch at a time and cached as they come, so a killed build resumes where it was.
    ``articles`` may be a stream: no more than a batch of it is held."""
    done = 0
    for batch in _batches(articles, BATCH_ARTICLES):
        todo = []
        for article in batch:
            cached = cache.get(article) if cache else None
            if cached is None:
                todo.append(article)
            else:
                bar.step()
                yield cached
        del batch
        for extraction in engine(todo):
            if cache:
                cache.put(extraction)
            bar.step()
            yield extraction
            done += 1
            if done % COLLECT_EVERY == 0:
                gc.collect()  # extraction leaves reference cycles (contexts and their docs): free them
    bar.close()


def _batches(items, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


#: Most processes ``--jobs`` uses by default: past a few, memory grows and the writing, which is
#: not parallel, dominates.
MAX_DEFAULT_JOBS = 4


def default_jobs() -> int:
    """The processes a build uses unless told: one per core this process may run on, at most
    MAX_DEFAULT_JOBS. Measured on the 120-article corpus, 2 idle cores: 16.1 s with one, 12.4 s
    with two, 12.6 s with four (median of three); on cores other work keeps busy no setting was
    faster, and two were no slower than one."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_DEFAULT_JOBS))


#: Articles a forked worker parses and extracts per task: enough to batch the parser well,
#: few enough that the workers finish together.
_ARTICLES_PER_TASK = 8


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _forked_pool(settings: Settings, jobs: int):
    """``jobs`` forked processes, forked once the resources are loaded, so each has the model,
    lexicons and trained models at no cost."""
    import multiprocessing

    _resources(settings)
    _freeze()
    return multiprocessing.get_context("fork").Pool(jobs, initializer=_die_with_the_build, initargs=(os.getpid(),))


def _extract_forked(articles: list[Article], settings: Settings, pool) -> Iterator[Extraction]:
    """Parse and extract a batch in the pool's forked processes, a few articles per task, results
    in order. The workers extract as well as parse: only the articles go to them and the small
    Extraction values come back (spaCy's own n_process shipped every parsed Doc back to this
    process, which then extracted alone: 13.2 s for the 120-article corpus with two jobs, against
    12.4 s this way and 16.1 s with one). The caller writes the cache."""
    tasks = [(articles[i:i + _ARTICLES_PER_TASK], settings) for i in range(0, len(articles), _ARTICLES_PER_TASK)]
    for done in pool.imap(_extract_task, tasks):
        yield from done


def _die_with_the_build(build_pid: int) -> None:
    """A job ends the moment its build does (killed, even with SIGKILL): the kernel sends it
    SIGKILL (Linux's parent-death signal), so no job is left behind holding the build's pipes,
    and none prints the traceback of a broken pipe as it dies. Elsewhere the job finds the pipe
    broken and ends with that traceback."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != build_pid:  # the build died before the signal was asked for
        os._exit(1)


def _extract_task(task: tuple[list[Article], Settings]) -> list[Extraction]:
    """A forked worker's task: parse and extract some articles (see :func:`_extract_forked`)."""
    articles, settings = task
    return list(extract_partition(articles, settings))


class Progress:
    """A one-line progress bar on stderr (a count when the total is not known: a streamed
    corpus), silent when stderr is not a terminal."""

    def __init__(self, total: int | None, *, enabled: bool, done: int = 0):
        self.total, self.done = total, done
        self.enabled = enabled and sys.stderr.isatty() and (total is None or total > 1)

    def step(self) -> None:
        self.done += 1
        if self.enabled and self.total is None:
            sys.stderr.write(f"\r{self.done} articles")
            sys.stderr.flush()
        elif self.enabled:
            width = 30
            filled = int(width * self.done / max(1, self.total))
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} articles")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
            self.enabled = False


def build(inputs: list[Path], *, out_dir: Path, store_dir: Path | None = None, html: bool = True,
          validate: bool = True, strict: bool = False, cache_dir: Path | None = None, jobs: int = 1,
          progress: bool = True, settings: Settings | None = None, published: str | None = None,
          cluster: str | None = None, shard_size: int = SHARD_ARTICLES) -> BuildSummary:
    settings = settings or Settings()
    if shard_size < 1:
        raise InputError(f"--shard-size {shard_size}: must be 1 or more")
    summary = BuildSummary()
    articles = stream_articles(inputs, settings, strict, summary.warnings, published)
    checks = Checks(settings, html=html, validate=validate)  # forked now, it prepares while we parse
    try:
        return _build(articles, summary, out_dir, store_dir, cache_dir, jobs, progress, settings, cluster,
                      shard_size, checks)
    finally:
        checks.close()


@dataclass(frozen=True)
class _Read:
    """What the writing pass needs of an article the extraction pass read: its key, where it came
    from, and the name of its cache entry (the extraction holds the rest)."""

    key: str
    source: str
    entry: str


def _build(articles, summary, out_dir, store_dir, cache_dir, jobs, progress, settings, cluster, shard_size,
           checks) -> BuildSummary:
    from kg import export, merge
    from kg.cache import Cache
    from kg.rdf.mapping import Labels, SliceMaker
    from kg.rdf.iris import Minter
    from kg.spill import SortedSpill

    with tempfile.TemporaryDirectory(prefix="kg-spill-") as spill:
        cache = Cache(cache_dir if cache_dir is not None else out_dir / ".cache", settings, fallback=Path(spill))
        held: dict[str, Extraction] = {}  # a small corpus stays in memory between the passes
        labels = Labels(settings, Path(spill) / "labels.sqlite")
        skeletons = SortedSpill(Path(spill) / "skeletons.sqlite")  # by article key, for the reduce
        reads = SortedSpill(Path(spill) / "reads.sqlite")  # by article IRI, the order of the writing pass
        mint = Minter(settings.base_iri)
        per_article = [0, 0, 0]
        with _engine(cluster, settings, jobs) as engine:
            for extraction in _extractions(articles, cache, engine, Progress(None, enabled=progress)):
                article = extraction.article
                reads.put(str(mint.article(article.key)), _Read(article.key, article.source, cache.entry(article)))
                labels.add_names(extraction)
                skeletons.put(article.key, merge.skeleton(extraction))
                per_article[0] += len(extraction.entities)
                per_article[1] += len(extraction.events)
                per_article[2] += len(extraction.statements)
                if reads.count <= shard_size:
                    held[article.key] = extraction
                else:
                    held.clear()  # a large corpus is read back from the cache
        sharded = reads.count > shard_size
        planner = _reduce(skeletons, labels, Path(spill) / "groups.sqlite")
        summary.per_article = tuple(per_article)
        summary.entities, summary.events, summary.statements = labels.counts()

        slices = SliceMaker(settings, labels)
        writer = (export.Shards(out_dir, shard_size, sample=SAMPLE_ARTICLES) if sharded
                  else export.GraphFiles(out_dir))
        checked = 0
        try:
            for article in reads:
                extraction = held.pop(article.key, None) or cache.get_entry(article.entry)
                if extraction is None:
                    raise InputError(f"{article.source}: its extraction vanished from the cache during the build")
                extraction = merge.apply(extraction, planner.fates(extraction))
                nquads = writer.add(slices.article_iri(extraction), slices.triples(extraction))
                if checked < (SAMPLE_ARTICLES if sharded else reads.count):
                    checks.feed(nquads)  # the helper reads the graph as it is written
                    checked += 1
            _check(writer, checks, summary, settings, out_dir)
            summary.written += writer.commit()
        finally:
            writer.discard()
            labels.close()
            reads.close()
            planner.close()
    summary.articles = reads.count
    summary.triples = writer.triples
    if store_dir is not None:
        from kg import store

        store.load_into_store(store_dir, writer.graph_files(), replace=True)
        summary.written.append(f"{store_dir}/ (Oxigraph store)")
    return summary


def _reduce(skeletons, labels, path: Path) -> "merge.Planner":
    """The keyed reduce over the skeletons, read back from disk in article-key order: the
    cross-article event merge, then the labels of the merged events (which name their actors)."""
    from kg import merge

    planner = merge.Planner(path)
    for skeleton in skeletons:
        planner.add(skeleton)
    planner.finish()
    for skeleton in skeletons:
        labels.add_events(merge.apply(skeleton, planner.fates(skeleton)))
    skeletons.close()
    return planner


#: In a sharded build, SHACL validation and the viewer look at the first this many articles.
SAMPLE_ARTICLES = 100


def _check(writer, checks: "Checks", summary: BuildSummary, settings: Settings, out_dir: Path) -> None:
    """Hand the graph (small build) or the sample (sharded) to the checks, finish writing the
    files meanwhile, then take the report; the viewer joins the files the writer commits."""
    if not (checks.html or checks.validate):
        writer.finish_files()
        return
    html_path = writer.staging / "graph.html"
    checks.start(html_path)
    writer.finish_files()
    report = checks.finish()
    if checks.html:
        writer.staged[out_dir / "graph.html"] = html_path
    if report is not None:
        summary.validation = f"SHACL{writer.sample_note()}: " + ("conforms" if report.conforms else report.summary)
        if not report.conforms:
            summary.warnings.append(f"the graph does not conform to {settings.shapes_path.name}; run `kg validate`")


def _engine(cluster: str | None, settings: Settings, jobs: int):
    if cluster is None:
        return LocalEngine(settings, jobs)
    from kg.cluster import DaskEngine

    return DaskEngine(cluster, settings)
