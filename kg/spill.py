"""A bag of records on disk, read back in key order: the external sort of a keyed reduce.

A corpus build folds what spans articles (the cross-article event merge) in article-key order,
while articles arrive in input order. Holding every article's record until the fold would make
memory grow with the corpus; here they go to a SQLite file in the build's temporary folder
(SQLite is in the standard library, sorts on disk and reads back a row at a time).
"""
from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Iterator
from pathlib import Path


def scratch_db(path: Path | None = None) -> sqlite3.Connection:
    """An SQLite database for a build's scratch data (a file, or memory without ``path``): no
    journal and no syncing, since a failed build throws it away; one open transaction, whose
    pages SQLite writes to the file when its page cache (2 MiB) is full."""
    db = sqlite3.connect(path or ":memory:")
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
    return db


class SortedSpill:
    """Picklable records under distinct string keys; iterating yields them in key order (the
    order of Python's ``sorted`` on str: SQLite compares UTF-8 bytes, which order as code points)."""

    def __init__(self, path: Path):
        self._db = scratch_db(path)
        self._db.execute("CREATE TABLE records (key TEXT PRIMARY KEY, record BLOB NOT NULL)")
        self.count = 0

    def put(self, key: str, record: object) -> None:
        self._db.execute("INSERT INTO records VALUES (?, ?)",
                         (key, pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)))
        self.count += 1

    def __iter__(self) -> Iterator:
        for (blob,) in self._db.execute("SELECT record FROM records ORDER BY key"):
            yield pickle.loads(blob)

    def close(self) -> None:
        self._db.close()
