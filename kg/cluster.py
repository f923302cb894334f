"""`kg build --cluster`: the extraction pass spread over a Dask cluster.

The cluster is a way to run :func:`kg.pipeline.extract_partition`, the same function a build
runs in its own process: the articles still to parse are cut into partitions, each worker
(loaded once with the lexicon and the spaCy pipeline by a worker plugin) parses and extracts its
partitions and sends back the extractions, which this process caches and reduces as they come.
The result does not depend on which worker did what, nor in which order results arrive: the
reduce is keyed and the writing pass goes in article order, so the bytes are those of a build
in one process.

``local:N`` starts a local cluster of N worker processes (one thread each: spaCy parses in
Python, so threads would share one core); ``tcp://HOST:PORT`` (or ``tls://``) joins a running
scheduler, whose workers need the same kg, model and data installed.
"""
from __future__ import annotations

import logging
import re

from kg.config import Settings
from kg.errors import InputError, KgError

#: Articles per task: enough for nlp.pipe to batch well, few enough to spread a small corpus.
MAX_PARTITION = 32


def parse_address(address: str) -> tuple[str, int | str]:
    """("local", N) or ("remote", address); anything else is a usage error."""
    local = re.fullmatch(r"local:(\d+)", address)
    if local:
        workers = int(local.group(1))
        if workers < 1:
            raise InputError(f"--cluster {address}: a local cluster needs at least 1 worker")
        return "local", workers
    if re.fullmatch(r"(tcp|tls|ucx)://[^\s/:]+(:\d+)?/?", address):
        return "remote", address
    raise InputError(f"--cluster {address!r}: expected local:N (N worker processes here) or tcp://HOST:8786 "
                     "(a running Dask scheduler)")


def _extract(articles, settings: Settings) -> list:
    from kg.pipeline import extract_partition

    return list(extract_partition(articles, settings))


def partitions(articles: list, workers: int) -> list[list]:
    """Contiguous runs of articles, about four per worker (so a slow one does not hold the
    others up), at most MAX_PARTITION each."""
    if not articles:
        return []
    size = max(1, min(MAX_PARTITION, -(-len(articles) // (4 * max(1, workers)))))
    return [articles[i:i + size] for i in range(0, len(articles), size)]


class DaskEngine:
    """A context manager giving a function: articles -> their extractions, from the cluster."""

    def __init__(self, address: str, settings: Settings):
        self.kind, self.target = parse_address(address)
        self.address = address
        self.settings = settings
        self.client = None
        self.cluster = None

    def __enter__(self):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:  # pragma: no cover - a dependency of kg
            raise KgError("--cluster needs dask and distributed (pip install kg installs them)") from None
        if self.kind == "local":
            self.cluster = LocalCluster(n_workers=self.target, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        else:
            try:
                self.client = Client(self.target, timeout=30)
            except (OSError, TimeoutError) as error:
                raise KgError(f"--cluster {self.address}: cannot reach the scheduler ({error})") from None
        self.client.register_plugin(PipelineLoader(self.settings), name="kg-pipeline")
        return self.run

    def run(self, articles: list):
        from dask.distributed import as_completed

        if not articles:
            return
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        futures = self.client.map(_extract, partitions(articles, workers), settings=self.settings, pure=False)
        for future in as_completed(futures):
            extractions = future.result()
            future.release()
            yield from extractions

    def __exit__(self, *exc) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()


try:
    from distributed import WorkerPlugin
except ImportError:  # pragma: no cover
    WorkerPlugin = object


class PipelineLoader(WorkerPlugin):
    """Loads the lexicon and the spaCy pipeline once, when a worker starts."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def setup(self, worker) -> None:
        from kg.pipeline import _resources

        _resources(self.settings)
