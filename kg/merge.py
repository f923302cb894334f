"""Cross-article event merging: one event reported by several articles is one event.

A pure stage over the IR (kg.model), run after per-article extraction and before the RDF stage;
no spaCy, no rdflib. Extraction already merges the retellings of an event within one article;
here events of different articles are unified when they are told the same way:

* same event type and same modality (an asserted event never absorbs a negated or hypothetical one);
* overlapping participants: their agents, targets and participants share an entity key (entity
  keys are already the same across articles), and no actor is an agent on one side and a target
  on the other ("A attacked B" and "B attacked A" stay two events);
* the same place, or one side has none;
* compatible dates: equal, or one a prefix of the other ("2007-05" and "2007-05-14", "2007" and
  "2007-05"). Nothing looser: dates are already resolved against each article's publication date
  ("Monday" -> a day), so a one-day difference is two different days as far as the texts say;
* an event without a date is placed by its article's publication date: it merges only with
  events dated to a day within WINDOW_DAYS of that day, or undated events of articles published
  within WINDOW_DAYS of it; a month or a year ("GM's 2009 bankruptcy") is too vague to pin it.
  Without this bound every undated "Apple unveiled", "Boeing orders" or "GM bankruptcy" of a
  corpus spanning years becomes one event. An undated event of an article without a
  publication date merges with nothing;
* at most one event per article: when extraction kept two events of one article apart, this stage
  does not join them through a third article.

An event that carries the key of an event already in a group joins it (its key says it is that
event; extraction keys events by type, roles, place and date). Otherwise an event that fits
several groups joins the one sharing most actors, else the earliest. A group checks a newcomer
against its most specific date and the span of its undated members' publication dates, so every
member stays compatible with every other.

A unified event has one key, that of its first member: articles in key order, events in article
order, so the result does not depend on the order the extractions come in. Each member stays in
its own extraction with its own evidence and its own roles (the RDF stage adds provenance per
article, and the merged graph gets the union of roles); only values that would clash on the one
node are rewritten. Every member that gives a date carries the group's most specific date, every
member that gives a count carries the count of the latest-published article that gives one
(counts are revised as a story develops); places cannot clash. A member that gives no date,
place or count keeps none, so an article's own graph claims nothing its text does not.
Statements' ``about`` lists follow the new keys. Events that share a key but may not merge (their
modality differs) get distinct keys.
"""
from __future__ import annotations

import pickle
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from kg.keys import digest, scope_suffix, slug
from kg.model import Article, Event, Extraction, compatible_dates
from kg.spill import scratch_db

#: How far (in days) an undated event's publication date may lie from the other side's date.
WINDOW_DAYS = 2


@dataclass
class _Group:
    """One unified event while the plan is made: what admitting a newcomer checks, and the
    values the node ends with (the latest count and amounts, the highest confidences), kept as
    members arrive so no member is held."""

    index: int
    key: str
    first: tuple[Event, str, int]  # the first member, its article key and index (for a distinct key)
    place: str | None = None
    date: str | None = None
    agents: set[str] = field(default_factory=set)
    targets: set[str] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)
    undated: tuple[date, date] | None = None  # earliest and latest publication of undated members
    unplaced: bool = False  # holds an undated event of an article without a publication date
    keys: set[str] = field(default_factory=set)
    article: str = ""  # the last member's article and that article's event keys (one event per
    article_keys: set[str] = field(default_factory=set)  # article; articles come in key order)
    latest: dict[str, tuple] = field(default_factory=dict)  # count / amount -> (order, value)
    confidence: float | None = None
    role_confidence: dict[tuple[str, str], float] = field(default_factory=dict)

    def add(self, event: Event, article_key: str, published: date | None, order: tuple) -> None:
        self.place = self.place or event.place
        if event.date and (self.date is None or len(event.date) > len(self.date)):
            self.date = event.date
        if not event.date and published:
            low, high = self.undated or (published, published)
            self.undated = (min(low, published), max(high, published))
        self.unplaced = self.unplaced or not (event.date or published)
        self.keys.add(event.key)
        self.agents.update(event.agents)
        self.targets.update(event.targets)
        self.actors.update(_actors(event))
        if article_key != self.article:
            self.article, self.article_keys = article_key, set()
        self.article_keys.add(event.key)
        for name in ("count",) + AMOUNTS:
            value = getattr(event, name)
            if value is not None and order > self.latest.get(name, ((),))[0]:
                self.latest[name] = (order, value)  # figures are revised as a story develops
        if event.confidence is not None:
            self.confidence = max(event.confidence, self.confidence or event.confidence)
        for role, filler, p in event.role_confidence:
            self.role_confidence[(role, filler)] = max(p, self.role_confidence.get((role, filler), p))

    def admits(self, event: Event, article_key: str, published: date | None) -> bool:
        if article_key == self.article and not self.article_keys <= {event.key}:
            return False  # one event per article
        if event.key in self.keys:
            return True
        if self.unplaced or event.place and self.place and event.place != self.place:
            return False
        if self.targets.intersection(event.agents) or self.agents.intersection(event.targets):
            return False
        if event.date:
            if not compatible_dates(event.date, self.date):
                return False
            refined = event.date if self.date is None or len(event.date) > len(self.date) else self.date
            return self.undated is None or _near(refined, self.undated)
        if published is None:
            return False  # an undated event with nothing to place it in time
        if self.undated and not all(abs((published - day).days) <= WINDOW_DAYS for day in self.undated):
            return False
        return self.date is None or _near(self.date, (published,))

    def fate(self, event: Event) -> tuple:
        """What a member becomes: the group's key, and its date, count, confidences and amounts
        where the member gives one."""
        latest = lambda name: self.latest[name][1] if name in self.latest else None  # noqa: E731
        return (self.key, self.date if event.date else None,
                latest("count") if event.count is not None else None,
                self.confidence if event.confidence is not None else None,
                tuple((r, f, c) for (r, f), c in sorted(self.role_confidence.items())),
                tuple(latest(name) for name in AMOUNTS))


def _near(value: str, days) -> bool:
    """``value`` is a day ("YYYY-MM-DD"; a month or a year is too vague to pin an undated event
    to) at most WINDOW_DAYS from each of ``days``."""
    day = _published(value) if len(value) == 10 else None
    return day is not None and all(abs((day - other).days) <= WINDOW_DAYS for other in days)


def _published(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _actors(event: Event) -> set[str]:
    return set(event.agents) | set(event.targets) | set(event.participants)


#: What merging decides for one article, per event in the article's order: (key, date, count,
#: confidence, role confidences, amounts). One node has one nkg:confidence (the most confident
#: member's) and one of each amount (money, currency, percentage, direction: the latest article's).
EventFates = tuple[tuple[str, "str | None", "int | None", "float | None", tuple, tuple], ...]

AMOUNTS = ("money", "currency", "percentage", "direction")


def merge_events(extractions: Sequence[Extraction]) -> list[Extraction]:
    """The extractions, in the given order, with the events several articles report unified."""
    return [apply(x, fates) for x, fates in zip(extractions, plan(extractions))]


def skeleton(extraction: Extraction) -> Extraction:
    """What merging reads of an extraction: its article's key and date and its events, without
    text or evidence (what a build spills to disk for the one reduce that spans articles)."""
    article = extraction.article
    return Extraction(article=Article(key=article.key, text="", published=article.published),
                      events=tuple(replace(e, mentions=()) for e in extraction.events))


def apply(extraction: Extraction, fates: EventFates) -> Extraction:
    """The extraction with its events' keys, dates and counts as :func:`plan` decided, and its
    statements' ``about`` following the new keys."""
    renamed: dict[str, str] = {}
    events = []
    for event, (key, day, count, confidence, roles, amounts) in zip(extraction.events, fates):
        renamed.setdefault(event.key, key)
        own = {(role, filler) for role, filler, _ in event.role_confidence}
        given = {name: value for name, value in zip(AMOUNTS, amounts) if getattr(event, name) is not None}
        events.append(replace(event, key=key, date=day, count=count, confidence=confidence,
                              role_confidence=tuple(r for r in roles if (r[0], r[1]) in own), **given))
    statements = [replace(s, about=tuple(dict.fromkeys(renamed.get(k, k) for k in s.about)),
                          said_in=renamed.get(s.said_in, s.said_in) if s.said_in else None)
                  for s in extraction.statements]
    if events == list(extraction.events) and statements == list(extraction.statements):
        return extraction
    return replace(extraction, events=tuple(events), statements=tuple(statements))


def plan(extractions: Sequence[Extraction]) -> list[EventFates]:
    """Per extraction (in the given order), the fate of each of its events; reads only what
    :func:`skeleton` keeps."""
    planner = Planner()
    try:
        for x in sorted(range(len(extractions)), key=lambda i: (extractions[i].article.key, i)):
            planner.add(extractions[x], x)
        planner.finish()
        return [planner.fates(extraction, x) for x, extraction in enumerate(extractions)]
    finally:
        planner.close()


class Planner:
    """The merge as a fold: skeletons are added one at a time in article-key order and none is
    held. What stays in memory is the groups that may still grow; a group whose actors are all the article's own (entities scoped to it, such as
    "a taxi driver") or which has none can take no other article's event, so when the fold moves
    past its article it is final and goes to disk (``path``, an SQLite file; in memory without one).
    Which groups an article's events joined goes to the same file. A corpus that keeps telling new
    stories of named actors is planned in the memory of those."""

    def __init__(self, path: Path | None = None) -> None:
        self.groups: list[_Group | None] = []  # None: final, on disk
        self._index: dict[tuple[str, str | None, str], list[_Group]] = {}
        self._touched: dict[int, _Group] = {}  # the groups the current article joined
        self._final = scratch_db(path)
        self._final.executescript("CREATE TABLE final (number INTEGER PRIMARY KEY, grp BLOB NOT NULL);"
                                  # article id -> the groups its events joined, in event order
                                  "CREATE TABLE joined (article TEXT PRIMARY KEY, numbers BLOB NOT NULL);")
        self._last = ""
        self._finished = False
        self._added = 0  # articles folded in so far (orders two extractions of one key)

    def add(self, extraction: Extraction, article_id: object = None) -> None:
        """Fold in one article (in key order); ``article_id`` names it in :meth:`fates`
        (default its key)."""
        article_key = extraction.article.key
        if article_key < self._last or self._finished:
            raise ValueError("articles must be planned in key order, before finish()")
        if article_key != self._last:
            self._put_away_final()
        self._last = article_key
        self._added += 1
        published = _published(extraction.article.published)
        joined = []
        for e, event in enumerate(extraction.events):
            group = self._group_for(event, article_key, published, e)
            group.add(event, article_key, published, (extraction.article.published or "", article_key, self._added, e))
            joined.append(group.index)
            self._touched[group.index] = group
        self._final.execute("INSERT INTO joined VALUES (?, ?)", (self._article_id(extraction, article_id),
                                                                 array("q", joined).tobytes()))

    def _group_for(self, event: Event, article_key: str, published: date | None, e: int) -> _Group:
        actors = sorted(_actors(event))
        seen: dict[int, _Group] = {}
        for actor in actors:
            for group in self._index.get((event.type, event.modality, actor), ()):
                seen.setdefault(group.index, group)
        fitting = [g for g in seen.values() if g.admits(event, article_key, published)]
        if fitting:
            group = max(fitting, key=lambda g: (event.key in g.keys, len(g.actors.intersection(actors)), -g.index))
        else:
            group = _Group(index=len(self.groups), key=event.key, first=(event, article_key, e))
            self.groups.append(group)
        for actor in actors:
            if actor not in group.actors:
                self._index.setdefault((event.type, event.modality, actor), []).append(group)
        return group

    def _put_away_final(self) -> None:
        """The groups the last article joined that only its own actors can reach go to disk."""
        own = scope_suffix(self._last)
        for number, group in self._touched.items():
            if all(actor.endswith(own) for actor in group.actors):
                event = group.first[0]
                for actor in group.actors:
                    reach = (event.type, event.modality, actor)
                    self._index[reach] = [g for g in self._index[reach] if g is not group]
                    if not self._index[reach]:
                        del self._index[reach]
                self._final.execute("INSERT INTO final VALUES (?, ?)",
                                    (number, pickle.dumps(group, protocol=pickle.HIGHEST_PROTOCOL)))
                self.groups[number] = None
        self._touched = {}

    def _group(self, number: int) -> _Group:
        group = self.groups[number]
        if group is None:
            (blob,) = self._final.execute("SELECT grp FROM final WHERE number = ?", (number,)).fetchone()
            group = pickle.loads(blob)
        return group

    def finish(self) -> None:
        """Once every article is in: two groups holding the same key (the same event told with
        a different modality) would be one node, so every group after the first gets its own."""
        self._put_away_final()
        self._finished, self._index = True, {}
        used: set[str] = set()
        for number in range(len(self.groups)):
            group = self._group(number)
            if group.key in used:
                event, article_key, e = group.first
                salt = 0
                while group.key in used:
                    group.key = f"event/{slug(event.type)}-{digest(event.key, event.modality, article_key, e, salt)}"
                    salt += 1
                if self.groups[number] is None:
                    self._final.execute("UPDATE final SET grp = ? WHERE number = ?",
                                        (pickle.dumps(group, protocol=pickle.HIGHEST_PROTOCOL), number))
            used.add(group.key)

    def fates(self, extraction: Extraction, article_id: object = None) -> EventFates:
        """The fate of each of an article's events (after :meth:`finish`)."""
        (blob,) = self._final.execute("SELECT numbers FROM joined WHERE article = ?",
                                      (self._article_id(extraction, article_id),)).fetchone()
        joined = array("q", blob).tolist()
        groups = {number: self._group(number) for number in set(joined)}
        return tuple(groups[g].fate(event) for g, event in zip(joined, extraction.events))

    @staticmethod
    def _article_id(extraction: Extraction, article_id: object) -> str:
        return extraction.article.key if article_id is None else f"\x00{article_id}"

    def close(self) -> None:
        self._final.close()
