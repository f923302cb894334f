"""The one place keys (and so IRIs) are made from content.

An entity's key is its class and normalized canonical name, so the same actor in two articles
gets the same IRI; events and statements hash what defines them.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2032": "'"})


def normalize_name(text: str) -> str:
    """Compare names ignoring case, curly quotes, a leading article, possessive 's and punctuation."""
    text = text.translate(_QUOTES).strip().lower()
    text = re.sub(r"^(the|a|an)\s+", "", text)
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w\s@-]", " ", text)
    return " ".join(text.split())


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", normalize_name(text)).encode("ascii", "ignore").decode()
    value = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if not value:  # names in scripts with no ASCII letters keep a stable hash
        value = "x" + hashlib.sha1(normalize_name(text).encode("utf-8")).hexdigest()[:12]
    return value[:80]


def entity_key(entity_type: str, name: str, scope: str = "") -> str:
    """Type and normalized name; a ``scope`` (an article's key) keeps apart things named only by a
    description that may be someone else elsewhere ("a security source" in two articles)."""
    key = f"{entity_type.lower()}/{slug(name)}"
    return f"{key}{scope_suffix(scope)}" if scope else key


def scope_suffix(scope: str) -> str:
    """What ends the key of every entity scoped to ``scope`` (an article's key): no other
    article's entity ends so, which is how cross-article merging knows an event is this article's alone."""
    return f"-{digest(scope)[:8]}"


def government_name(country: str) -> str:
    """The name of a country's government node ("Russia government"), however the article calls
    it: "the government" of an article about Russia, "the Russian Government", "Russia vetoed"."""
    return f"{country} government"


def digest(*parts: object) -> str:
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


def event_key(event_type: str, agents, targets, place, date, anchor: str) -> str:
    """Type, participants, place and date; the anchor (article key + offset) separates events
    that share all of those but nothing else."""
    return f"event/{slug(event_type)}-{digest(event_type, sorted(agents), sorted(targets), place, date, anchor)}"


def statement_key(speaker: str | None, content: str) -> str:
    return f"statement/{digest(speaker, normalize_name(content))}"
