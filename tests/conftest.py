"""Shared fixtures: the settings, the lexicon and the spaCy pipeline are loaded once per session."""
from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "articles" / "myanmar-mandalay-pdf-clash.txt"


@pytest.fixture(scope="session")
def settings():
    from kg.config import Settings

    return Settings()


@pytest.fixture(scope="session")
def lexicon(settings):
    from kg import lexicon

    return lexicon.load(settings.lexicon_dir, settings.ontology_path)


@pytest.fixture(scope="session")
def nlp(settings, lexicon):
    from kg import nlp

    return nlp.pipeline(settings, lexicon)


@pytest.fixture(scope="session")
def extract_text(nlp, lexicon):
    """Extract from a text written for the test: extract_text("Headline\\nBody ...", "2021-06-22")."""
    from kg import nlp as nlp_module
    from kg.extract import extract
    from kg.ingest import article_key
    from kg.model import Article

    def run(text: str, published: str | None = None):
        article = Article(key=article_key(None, text), text=text, title=text.split("\n", 1)[0],
                          published=published, source="test", opens_with_headline=True)
        return extract(article, list(nlp_module.parse(article, nlp)), lexicon)

    return run


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory, settings):
    """The sample article built once into a temporary output folder (in-process)."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("sample-out")
    build([SAMPLE], out_dir=out, progress=False, settings=settings)
    return out


def needs(tool: str):
    return pytest.mark.skipif(shutil.which(tool) is None, reason=f"{tool} is not installed (CI installs it)")


def run_until_stopped(server, stop: threading.Event) -> None:
    """waitress's loop, one poll at a time, closed from its own thread (closing it from another
    thread races with select() on the closed socket)."""
    while not stop.is_set():
        server.asyncore.loop(timeout=0.05, map=server._map, count=1)
    server.close()
    server.task_dispatcher.shutdown()
