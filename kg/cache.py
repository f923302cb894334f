"""Per-article extraction cache: JSON files keyed by the article's content and the pipeline version.

Rebuilding a corpus after adding one article parses only that article. The version covers kg's
code, the lexicons, the ontology and the model name, so any change to them invalidates the cache.
Files are written atomically, so a crash never leaves a half-written entry (at most a stray
``.NAME.json.XXXX.tmp`` file, which is never read). A cache folder that cannot be written is not
an error: the build goes on without caching, after one warning line on stderr.
"""
from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

from kg import atomic
from kg.config import ROOT, Settings
from kg.errors import OutputError
from kg.model import Article, Entity, Event, Extraction, Mention, Statement


@lru_cache(maxsize=4)
def pipeline_version(settings: Settings) -> str:
    digest = hashlib.sha256(f"{settings.spacy_model} {settings.min_confidence} {settings.model_confidence} "
                            f"{settings.decider}".encode())
    sources = sorted((ROOT / "kg").rglob("*.py")) + sorted(settings.lexicon_dir.glob("*"))
    sources += sorted(settings.models_dir.glob("*.json"))
    sources += sorted(Path(settings.ontology_path).parent.glob("*"))
    for path in sources:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1024)
def article_hash(article: Article, settings: Settings) -> str:
    """The name of an article's cache entry; a build asks for it when it looks the article up,
    when it writes its extraction and when it notes where to read it back (hence the cache)."""
    payload = json.dumps(asdict(article), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256((pipeline_version(settings) + payload).encode("utf-8")).hexdigest()[:32]


class Cache:
    """``fallback``: a folder (the build's own temporary one) that takes the entries when
    ``folder`` cannot be written, since a build reads every extraction back in its second pass."""

    def __init__(self, folder: Path, settings: Settings, fallback: Path | None = None):
        self.folder = folder
        self.settings = settings
        self.fallback = fallback
        self.unwritable = False

    def entry(self, article: Article) -> str:
        """The name of the article's entry: what finds its extraction again (:meth:`get_entry`)."""
        return f"{article_hash(article, self.settings)}.json"

    def get(self, article: Article) -> Extraction | None:
        return self.get_entry(self.entry(article))

    def get_entry(self, entry: str) -> Extraction | None:
        for folder in (self.folder, self.fallback) if self.unwritable else (self.folder,):
            if folder is None:
                continue
            try:
                return from_dict(json.loads((folder / entry).read_text(encoding="utf-8")))
            except (OSError, ValueError, KeyError, TypeError):
                pass  # missing or unreadable entries are simply recomputed
        return None

    def put(self, extraction: Extraction) -> None:
        data = json.dumps(asdict(extraction), ensure_ascii=False, sort_keys=True)
        if not self.unwritable:
            try:
                atomic.write_text(self.folder / self.entry(extraction.article), data, sync=False)
                return
            except OutputError as error:
                self.unwritable = True
                print(f"warning: cache not written, building without it: {error}", file=sys.stderr)
        if self.fallback is not None:
            atomic.write_text(self.fallback / self.entry(extraction.article), data, sync=False)


def _mentions(items) -> tuple[Mention, ...]:
    return tuple(Mention(**m) for m in items)


def from_dict(data: dict) -> Extraction:
    """The inverse of dataclasses.asdict for an Extraction."""
    tuples = lambda d, *names: {**d, **{n: tuple(d[n]) for n in names}}  # noqa: E731
    return Extraction(
        article=Article(**data["article"]),
        entities=tuple(Entity(**{**tuples(e, "aliases", "same_as", "titles"), "mentions": _mentions(e["mentions"])})
                       for e in data["entities"]),
        events=tuple(Event(**{**tuples(e, "agents", "targets", "participants", "themes"),
                              "role_confidence": tuple(tuple(r) for r in e["role_confidence"]),
                              "mentions": _mentions(e["mentions"])})
                     for e in data["events"]),
        statements=tuple(Statement(**{**tuples(s, "about", "disputes"), "mentions": _mentions(s["mentions"])})
                         for s in data["statements"]),
    )
