"""Atomic file writes: a failed or interrupted run never leaves a half-written output file."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kg.errors import OutputError


def write_bytes(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Write to a temporary file in the same folder, fsync, then rename over ``path``.
    ``sync=False`` skips the fsync: the rename still guarantees a killed process leaves the old
    file or the new one, never half of one; only a power cut could leave an empty file, which is
    fine for caches (an entry that does not read is computed again)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise OutputError(f"{path.parent}: cannot write here ({error.strerror or error})") from None
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as error:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise OutputError(f"{path}: cannot write ({error.strerror or error})") from None
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(path: Path, text: str, *, sync: bool = True) -> None:
    write_bytes(path, text.encode("utf-8"), sync=sync)
