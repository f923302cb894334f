"""The one intermediate representation between extraction and RDF.

Frozen dataclasses with plain fields, so extraction never touches rdflib and the RDF stage never
touches spaCy; ``dataclasses.asdict`` gives JSON for caches and golden tests.
"""
from __future__ import annotations

from dataclasses import dataclass, field

#: Entity classes of the ontology that extraction may assign (local names in ``nkg:``).
ENTITY_TYPES = ("Person", "Organization", "ArmedGroup", "GovernmentBody", "Group", "Place", "Facility", "Product",
                "FinancialInstrument")
ACTOR_TYPES = ("Person", "Organization", "ArmedGroup", "GovernmentBody", "Group")
THING_TYPES = ("Product", "FinancialInstrument", "Facility")  # what events involve besides actors


@dataclass(frozen=True, order=True)
class Mention:
    """A span of the article text: ``text == article.text[start:end]`` always holds."""

    start: int
    end: int
    text: str
    sentence: str = ""


@dataclass(frozen=True)
class Article:
    """One input article. ``key`` is content-derived (id if given, else a hash of the text).

    ``title`` is the headline (an input without one is named by its first line). ``opens_with_headline``
    says whether the text's first line is that headline (line 1 of a ``.txt``, a page title kept
    above the body, a title a JSONL text repeats) rather than content: extraction skips that line,
    and only that one, so a lead sentence is never taken for a headline.
    """

    key: str
    text: str
    title: str = ""
    published: str | None = None  # ISO date YYYY-MM-DD
    published_inferred: bool = False
    url: str | None = None
    source: str = ""
    opens_with_headline: bool = False


@dataclass(frozen=True)
class Entity:
    """One real-world thing: a person, organization, group, place, product or financial instrument."""

    key: str  # content key, e.g. "armedgroup/ethiopia-military"; one function makes it (kg.keys)
    type: str  # one of ENTITY_TYPES
    name: str  # canonical label
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    same_as: tuple[str, ...] = ()  # external IRIs (GeoNames ...)
    affiliation: str | None = None  # key of the group/place an unnamed source belongs to
    titles: tuple[str, ...] = ()  # titles the text gives a person ("Attorney General"), kept out of the name


@dataclass(frozen=True)
class Event:
    """Something that happened; roles map role name (agent/target/participant/theme) to entity keys.

    ``confidence`` is the scorer's calibrated probability that the text asserts the event;
    ``role_confidence`` gives one for each role filler, place and date: (role, key or date, p)."""

    key: str
    type: str  # event class local name, e.g. "Raid"
    trigger: str  # the trigger word as written
    agents: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    place: str | None = None  # entity key
    date: str | None = None  # "YYYY-MM-DD", "YYYY-MM" or "YYYY"
    count: int | None = None
    modality: str | None = None  # None (asserted), "negated", "hypothetical", "future", "cancelled"
    mentions: tuple[Mention, ...] = ()
    themes: tuple[str, ...] = ()  # products, instruments, facilities the event is done to or about
    money: str | None = None  # a sum of money as a decimal string ("1100000000")
    currency: str | None = None  # its ISO 4217 code
    percentage: str | None = None  # a percentage as a decimal string ("3.2")
    direction: str | None = None  # "up" | "down" for moves of markets, prices, output
    confidence: float | None = None
    role_confidence: tuple[tuple[str, str, float], ...] = ()


def compatible_dates(a: str | None, b: str | None) -> bool:
    """Two IR dates can name the same day: equal, one a prefix of the other ("2007-05" /
    "2007-05-14"), or one missing."""
    return a is None or b is None or a.startswith(b) or b.startswith(a)


@dataclass(frozen=True)
class Statement:
    """Something an actor said, wrote or declared."""

    key: str
    speaker: str | None  # entity key
    content: str
    quote: str | None = None
    about: tuple[str, ...] = ()  # keys of events / entities / statements
    disputes: tuple[str, ...] = ()  # keys of statements
    date: str | None = None
    mentions: tuple[Mention, ...] = ()
    said_in: str | None = None  # key of the communication event (a dated or placed saying) it was made in
    confidence: float | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    statements: tuple[Statement, ...] = ()
    warnings: tuple[str, ...] = field(default=(), compare=False)
