"""IRIs for IR keys: every key is made by kg.keys; this only prefixes the base."""
from __future__ import annotations

from rdflib import URIRef

from kg.keys import slug


class Minter:
    """Turns content keys into IRIs under one base (a Settings value, not a global)."""

    def __init__(self, base: str):
        self.base = base

    def node(self, key: str) -> URIRef:
        return URIRef(self.base + key)

    def article(self, article_key: str) -> URIRef:
        return URIRef(f"{self.base}article/{self._article_slug(article_key)}")

    def mention(self, article_key: str, start: int, end: int) -> URIRef:
        return URIRef(f"{self.base}mention/{self._article_slug(article_key)}/{start}-{end}")

    @staticmethod
    def _article_slug(article_key: str) -> str:
        return article_key if article_key.startswith("sha1-") else slug(article_key)
