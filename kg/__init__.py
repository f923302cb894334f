"""kg: news articles into an event-centric RDF knowledge graph.

Public API (imported lazily, so `import kg` does no work): ``build`` (inputs -> output files),
``extract_article`` (one Article -> Extraction), and the IR classes of ``kg.model``.
"""
from kg.model import Article, Entity, Event, Extraction, Mention, Statement

__all__ = ["Article", "Entity", "Event", "Extraction", "Mention", "Statement", "build", "extract_article"]
__version__ = "0.1.0"


def build(*args, **kwargs):
    """See kg.pipeline.build."""
    from kg.pipeline import build as _build

    return _build(*args, **kwargs)


def extract_article(article: Article, settings=None) -> Extraction:
    """Parse and extract one article with the configured model and lexicons."""
    from kg.config import Settings
    from kg.pipeline import extract_all

    return extract_all([article], settings or Settings())[0]
