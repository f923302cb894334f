"""Read inputs (.txt, .html, .jsonl, folders, globs) into Article values.

Every refusal is an InputError naming the file (and line for JSONL) and what is wrong, so the CLI
can print one line. Decoding is strict: UTF-8 (with or without BOM), UTF-16 with a BOM, else
Windows-1252 when the bytes read as plausible text; binary data is refused.
"""
from __future__ import annotations

import codecs
import functools
import glob
import hashlib
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kg.config import Settings
from kg.errors import InputError
from kg.model import Article  # noqa: F401 (re-exported for callers)

SUPPORTED = (".txt", ".text", ".md", ".html", ".htm", ".jsonl")
STDIN = "-"  # the input name of standard input
STDIN_PATH = Path(STDIN)
STDIN_NAME = "<stdin>"  # how messages and nkg:sourceFile name it
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Problem:
    """A skipped input (a malformed JSONL line, a bad file in a folder) reported as a warning."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def expand_inputs(inputs: list[Path]) -> list[Path]:
    """Files named, folders walked recursively (supported extensions, sorted), globs expanded;
    ``-`` is standard input."""
    files: list[Path] = []
    for given in inputs:
        text = str(given)
        if text == STDIN:
            if STDIN_PATH in files:
                raise InputError("- (standard input) is given twice; it can be read once")
            files.append(STDIN_PATH)
        elif any(ch in text for ch in "*?[") and not given.exists():
            matches = sorted(Path(m) for m in glob.glob(text, recursive=True))
            if not matches:
                raise InputError(f"{given}: no file matches this pattern")
            files.extend(m for m in matches if m.is_file())
        elif given.is_dir():
            found = sorted(p for p in given.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED
                           and not any(part.startswith(".") for part in p.relative_to(given).parts))
            if not found:
                raise InputError(f"{given}: folder holds no .txt, .html or .jsonl article")
            files.extend(found)
        elif given.is_file():
            files.append(given)
        else:
            raise InputError(f"{given}: no such file or folder")
    return files


def read_articles(path: Path, settings: Settings, problems: list[Problem] | None = None,
                  strict: bool = False) -> Iterator[Article]:
    """Yield the articles of one file; JSONL lines that are bad go to ``problems`` unless strict.

    A file is read by its extension; one kg does not know (a .docx, a .pdf) is refused rather than
    read as text, which made a graph of a zip archive's bytes. A file without one is read as text.
    """
    if str(path) == STDIN:
        yield from _read_stdin(settings, problems, strict)
        return
    suffix = path.suffix.lower()
    if suffix and suffix not in SUPPORTED:
        raise InputError(f"{path}: kg does not read {suffix} files; give .txt, .html or .jsonl "
                         f"(save the document as plain text first)")
    if suffix == ".jsonl":
        yield from _jsonl_articles(_jsonl_lines(path, settings), str(path), settings, problems, strict)
        return
    text = decode(_read_bytes(path, settings), path)
    if suffix in (".html", ".htm") or _looks_like_html(text):
        yield _from_html(text, str(path), path.stem, settings)
    else:
        yield _from_text(text, str(path), path.stem, settings)


def _read_stdin(settings: Settings, problems, strict: bool) -> Iterator[Article]:
    """Standard input (`kg build -`): JSONL when it opens with "{", HTML when it opens as a page,
    else a plain-text article. Its articles are keyed by their text (there is no file name)."""
    import sys

    data = sys.stdin.buffer.read(settings.max_input_bytes + 1)
    if len(data) > settings.max_input_bytes:
        raise InputError(f"{STDIN_NAME}: over the input limit of {settings.max_input_bytes:,} bytes")
    text = decode(data, STDIN_NAME)
    if text.lstrip().startswith("{"):
        yield from _jsonl_articles(text.split("\n"), STDIN_NAME, settings, problems, strict)
    elif _looks_like_html(text):
        yield _from_html(text, STDIN_NAME, None, settings)
    else:
        yield _from_text(text, STDIN_NAME, None, settings)


def _jsonl_lines(path: Path, settings: Settings) -> Iterator[str]:
    """A JSONL file's lines, decoded one at a time, so that a feed of any size is never held
    whole: plain UTF-8 (with or without a byte-order mark), checked in a first quick read. Any
    other file is decoded whole, as every other input is (UTF-16, Windows-1252, or an error that
    says why it cannot be read)."""
    with _opened(path, settings) as file:
        head = file.read(8192)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head or not _utf8(file):
            yield from decode(_read_bytes(path, settings), path).split("\n")
            return
        file.seek(3 if head.startswith(b"\xef\xbb\xbf") else 0)
        for line in file:
            yield line.decode("utf-8").rstrip("\r\n")


def _utf8(file) -> bool:
    """Whether the whole file decodes as UTF-8, read in blocks (the file is left anywhere)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    file.seek(0)
    try:
        for block in iter(lambda: file.read(1 << 20), b""):
            decoder.decode(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _read_bytes(path: Path, settings: Settings) -> bytes:
    with _opened(path, settings) as file:
        return file.read()


@contextmanager
def _opened(path: Path, settings: Settings):
    """The file opened for reading bytes, or a one-line reason why it cannot be."""
    try:
        size = path.stat().st_size
        if size > settings.max_input_bytes:
            raise InputError(f"{path}: {size:,} bytes is over the input limit of {settings.max_input_bytes:,} bytes")
        file = path.open("rb")
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    with file:
        yield file


def decode(data: bytes, where: Path | str) -> str:
    """Bytes to text, refusing binary data and undecodable bytes with a clear reason."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", where)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", where)
    if b"\x00" in data[:8192]:
        raise InputError(f"{where}: looks like a binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        text = _maybe_cp1252(data)
        if text is None:
            raise InputError(f"{where}: not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
                             "re-save the file as UTF-8") from None
    if _control_ratio(text) > 0.01:
        raise InputError(f"{where}: looks like a binary file (control characters), not text")
    return text


def _strict(data: bytes, encoding: str, where) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(f"{where}: not valid {encoding.upper()} at offset {error.start}") from None


def _maybe_cp1252(data: bytes) -> str | None:
    """Windows-1252/Latin-1 text is common in old news files; accept it only when it reads as text."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    high = sum(1 for ch in text if ord(ch) > 0x7F)
    return text if high < 0.05 * len(text) and _control_ratio(text) < 0.001 else None


def _control_ratio(text: str) -> float:
    sample = text[:100_000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f") or 0x7F <= ord(ch) < 0xA0)
    return bad / max(1, len(sample))


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html"))


def normalize_text(text: str) -> str:
    """Line endings to \\n and no BOM; everything else is kept so offsets match what users see."""
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


def article_key(explicit_id: str | None, text: str) -> str:
    """An article's key: its id when the input gives one, else a hash of its text."""
    if explicit_id:
        slug = re.sub(r"[^A-Za-z0-9._-]+", "-", explicit_id).strip("-")
        if slug:
            return slug[:80]
    return "sha1-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _check_text(text: str, where, settings: Settings) -> None:
    if not text.strip():
        raise InputError(f"{where}: empty article (no text)")
    if len(text) > settings.max_article_chars:
        raise InputError(f"{where}: {len(text):,} characters is over the limit of "
                         f"{settings.max_article_chars:,} characters per article; split it into articles")


def _from_text(text: str, source: str, ident: str | None, settings: Settings) -> Article:
    """A plain-text article: its first non-empty line is the headline, the rest is content."""
    text = normalize_text(text)
    _check_text(text, source, settings)
    published, inferred = infer_published(text)
    return Article(key=article_key(ident, text), text=text, title=first_line(text), published=published,
                   published_inferred=inferred, source=source, opens_with_headline=True)


def first_line(text: str) -> str:
    """The first non-empty line, stripped ("" when there is none)."""
    return next((line.strip() for line in text.split("\n") if line.strip()), "")


def repeats_title(line: str, title: str) -> bool:
    """Whether a text's first line is the title again (feeds and scrapers often repeat it), so it
    is not read as content twice. Spacing and case are ignored: WikiNews writes
    'plan for " New GM "' in a title and 'plan for "New GM"' in the text."""
    def squeezed(value: str) -> str:
        return "".join(value.split()).casefold()

    return bool(title.strip()) and squeezed(line) == squeezed(title)


def _from_html(html: str, source: str, ident: str | None, settings: Settings) -> Article:
    import trafilatura

    try:
        document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                               include_tables=False, favor_precision=True)
    except Exception as error:  # trafilatura raises assorted lxml errors on broken markup
        raise InputError(f"{source}: HTML could not be parsed ({type(error).__name__})") from None
    body = getattr(document, "text", None) if document is not None else None
    if not body or not body.strip():
        raise InputError(f"{source}: HTML has no article text (no main content found)")
    title = " ".join((getattr(document, "title", None) or "").split())
    text = normalize_text(_headline_above(title, normalize_text(body)))
    _check_text(text, source, settings)
    published = getattr(document, "date", None)
    inferred = False
    if not published or not _ISO_DATE.match(published):
        published, inferred = infer_published(text)
    return Article(key=article_key(ident, text), text=text, title=title or first_line(text),
                   published=published[:10] if published else None, published_inferred=inferred,
                   url=getattr(document, "url", None) or None, source=source, opens_with_headline=bool(title))


def _headline_above(title: str, body: str) -> str:
    """A page's text: its title on the first line, then the body trafilatura found, whose own
    first line is dropped when it is that title again (an <h1> repeating <title>), so the title
    is in the text once. A page without a title is all body (its first line names the article,
    as schema:headline, and is read as content all the same)."""
    if not title:
        return body
    lines = body.lstrip("\n").split("\n", 1)
    if repeats_title(lines[0], title):
        body = lines[1] if len(lines) > 1 else ""
    return f"{title}\n{body}"


def _jsonl_articles(lines, path: str, settings: Settings, problems, strict: bool) -> Iterator[Article]:
    """The articles of JSONL lines, one record a line; bad lines go to ``problems`` unless strict.
    A file with no good line is an error that says what the first bad one is, and where."""
    seen, first_bad = 0, None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                where = f"{path}:{number}:{error.colno}"
                raise InputError(f"{where}: malformed JSON: {_json_problem(error)}") from None
            if not isinstance(record, dict):
                raise InputError(f"{where}: expected a JSON object per line")
            yield _from_record(record, where, settings)
            seen += 1
        except InputError as error:
            if strict or problems is None:
                raise
            problems.append(Problem(where, str(error).removeprefix(f"{where}: ")))
            first_bad = first_bad or str(error)
    if seen == 0:
        raise InputError(f"{first_bad}; no readable article in this JSONL file" if first_bad
                         else f"{path}: no readable article in this JSONL file")


def _json_problem(error: json.JSONDecodeError) -> str:
    """json's reason without its dangling "at" ("Unterminated string starting at"): the position
    is in the file:line:column before it."""
    reason = error.msg
    return reason[:-3] + " here" if reason.endswith(" at") else reason


def _from_record(record: dict, where: str, settings: Settings) -> Article:
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(f"{where}: missing \"text\" string")
    text = normalize_text(text)
    _check_text(text, where, settings)
    title = record["title"].strip() if isinstance(record.get("title"), str) else ""
    published = record.get("published")
    inferred = False
    if not (isinstance(published, str) and _ISO_DATE.match(published)):
        published, inferred = infer_published(text)
    ident = record.get("id")
    return Article(key=article_key(str(ident) if ident is not None else None, text), text=text,
                   title=title or first_line(text), published=published[:10] if published else None,
                   published_inferred=inferred, url=record.get("url") if isinstance(record.get("url"), str) else None,
                   source=where, opens_with_headline=repeats_title(first_line(text), title))


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_POST_SIGNATURE = re.compile(rf"^[—–-]\s*.+?\(@\w+\)\s+((?:{_MONTHS})\s+\d{{1,2}},\s+\d{{4}})\s*$", re.M)
_DATE_LINE = re.compile(rf"^\s*((?:{_MONTHS})\s+\d{{1,2}},\s+\d{{4}})\s*$", re.M)
_DATELINE = re.compile(rf"^[A-Z][A-Za-z .'-]+,\s+((?:{_MONTHS})\s+\d{{1,2}},\s+\d{{4}})\s*[(—–-]", re.M)


def infer_published(text: str) -> tuple[str | None, bool]:
    """The publication date when metadata gives none: an embedded post's date, a date line or a dateline.

    The latest such date is taken (an article is published after what it embeds). Returns
    (ISO date or None, inferred flag).
    """
    from datetime import datetime

    found = []
    for pattern in (_POST_SIGNATURE, _DATE_LINE, _DATELINE):
        for match in pattern.finditer(text):
            try:
                found.append(datetime.strptime(match.group(1).replace("  ", " "), "%B %d, %Y").date())
            except ValueError:
                continue
    if not found:
        return None, False
    return max(found).isoformat(), True


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@functools.lru_cache(maxsize=4)
def english_stop_words(lexicon_dir: Path) -> frozenset[str]:
    """spaCy's English stop words, kept as a data file so reading articles needs no spaCy import
    (a cached rebuild never loads spaCy at all)."""
    path = lexicon_dir / "english_stop_words.txt"
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


def check_english(article: Article, settings: Settings | None = None) -> None:
    """Refuse text that is clearly not English: kg's lexicons and model are English only.

    English prose is about 40% function words; below 12% (for 20+ words) it is some other
    language, or not prose at all.
    """
    STOP_WORDS = english_stop_words((settings or Settings()).lexicon_dir)
    words = _WORD.findall(article.text[:50_000].lower())
    if len(words) < 20:
        if words and not any(w in STOP_WORDS for w in words) and not all(w.isascii() for w in words):
            raise InputError(f"{article.source}: does not look like English; only English articles are supported")
        return
    share = sum(w in STOP_WORDS for w in words) / len(words)
    if share < 0.12:
        raise InputError(f"{article.source}: does not look like English ({share:.0%} English function words); "
                         "only English articles are supported")
