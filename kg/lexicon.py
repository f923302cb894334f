"""Load and check the domain-knowledge files in data/lexicons/ (documented in data/README.md).

Unknown class names fail at load with file:line, so a typo in data never becomes a silent miss.
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.errors import LexiconError
from kg.model import ENTITY_TYPES

ONTOLOGY_NS = "https://w3id.org/newskg/ontology#"
#: How large a place is, from a building to a continent (place_designators.csv, the gazetteer).
PLACE_LEVELS = ("facility", "local", "city", "state", "country", "region")
#: Each level's rank by size (a facility 0, a region 5).
PLACE_SIZE = {level: n for n, level in enumerate(PLACE_LEVELS)}


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Everything extraction knows about words, as plain dicts (lower-case keys)."""

    triggers: dict[tuple[str, str], str]  # (lemma phrase, VERB|NOUN|ANY) -> event class
    cameo: dict[str, str]  # event class -> CAMEO code (from the ontology)
    event_labels: dict[str, str]  # event class -> rdfs:label
    event_parents: dict[str, str]  # event class -> parent class (up to Event)
    agent_nouns: dict[str, tuple[str, str]]  # noun lemma phrase -> (entity class, Phoenix code)
    named_actors: dict[str, tuple[str, str]]  # surface form (lower) -> (canonical name, class)
    named_actor_forms: tuple[tuple[str, str, str], ...]  # (form as written, canonical name, class)
    reporting_verbs: dict[str, str]  # lemma -> say | dispute
    source_markers: dict[str, str]  # phrase -> say
    titles: dict[str, str]  # title phrase -> rank | office | role | courtesy | judicial
    place_designators: dict[str, str]  # word -> after | before
    place_levels: dict[str, str]  # designator word -> the size of place it names (state, city, local, ...)
    boilerplate: tuple[re.Pattern, ...]  # anchored (^...) patterns: whole lines that are not content
    credits: tuple[re.Pattern, ...]  # spans inside a content line that credit a picture or a story
    demonyms: dict[str, str]  # demonym (lower) -> country name
    light_verbs: dict[str, str]  # verbs whose object noun names the event ("launch attacks") -> the
    # preposition of the agent when the subject is what it is done to ("drew criticism from"; "-": none)
    agent_heads: dict[str, str]  # head word -> person | member | organization | government | collective | skip
    company_suffixes: frozenset[str]  # "inc", "corporation": dropped when comparing organization names
    converse: dict[str, str] = None  # trigger lemma -> preposition of its agent ("sell" -> "to")
    name_heads: dict[str, str] = None  # head word of an organization's name -> class ("office")
    claim_nouns: dict[str, str] = None  # "claim", "defence" (before a that-clause) -> say | dispute
    collective_roles: dict[str, dict[str, str]] = None  # event class -> {role: code of the collective}
    dispute_words: frozenset[str] = frozenset()  # lemmas (or lemma phrases) that make a statement a rebuttal
    decision_nouns: frozenset[str] = frozenset()  # "the company's move": a decision told before
    fixed_phrases: tuple[tuple[str, ...], ...] = ()  # "in order to": trigger words doing grammar
    taxonomy: dict[str, "EventClass"] = None  # event class -> its row of ontology/event_taxonomy.csv
    trigger_sources: dict[tuple[str, str], str] = None  # (lemma, pos) -> "curated" | "cameo"
    market_nouns: frozenset[str] = frozenset()  # what moves in a market ("shares", "index", "yen")
    market_verbs: frozenset[str] = frozenset()  # "added", "shed": a market move when a market is the subject
    market_states: frozenset[str] = frozenset()  # "the index was flat": a market move after "to be"
    anaphoric_nouns: dict[str, str] = None  # "the index", "the shares", "the town" -> what they stand for
    instruments: dict[str, tuple[str, str, bool]] = None  # form (lower) -> (name, kind, ambiguous)
    instrument_countries: dict[str, str] = None  # instrument name -> the country of its market or currency
    product_nouns: frozenset[str] = frozenset()  # "aircraft", "smartphone": a name before one is a product
    facility_nouns: frozenset[str] = frozenset()  # "airport", "plant": a place named with one is a facility
    section_labels: frozenset[str] = frozenset()  # "business", "world": page rubrics glued before a line's first name
    day_names: tuple[str, ...] = ()  # "monday": a DATE where the NER missed it
    currencies: dict[str, str] = None  # symbol or money word -> ISO 4217 code
    frames: dict[str, dict[str, str]] = None  # event class -> {slot: role} where it differs from the default
    directions: dict[str, str] = None  # trigger lemma -> up | down
    refinements: tuple[tuple[str, str, str, str], ...] = ()  # (class, slot, filler, new class)
    argument_triggers: dict[str, tuple[tuple[str, str, str], ...]] = None  # lemma -> ((slot, filler, class), ...)
    media_names: frozenset[str] = frozenset()  # forms (lower) of named news media (Phoenix code MED): "Reuters"
    genders: dict[str, str] = None  # title or noun -> f | m ("ms", "spokeswoman"; gendered_words.csv)
    force_members: dict[str, tuple[str, ...]] = None  # "officers" -> (COP, MIL): a force's members (force_members.csv)
    national_agent_nouns: dict[str, tuple[str, str]] = None  # "forces" -> (ArmedGroup, MIL), with a country beside
    partitives: frozenset[str] = frozenset()  # "thousands", "barrage": "X of Y" is about Y (partitive_nouns.txt)
    index_modifiers: frozenset[str] = frozenset()  # "primary", "share": words telling no index apart (index_modifiers.txt)
    product_cues: frozenset[str] = frozenset()  # "current", "latest": "the current Falcon" is a product (product_cues.txt)
    ambiguous_place_words: frozenset[str] = frozenset()  # "department": a place word only capitalized (ambiguous_place_words.txt)
    portfolio_words: frozenset[str] = frozenset()  # "Treasury Department" is a body (portfolio_words.txt)
    unit_words: frozenset[str] = frozenset()  # "Third Division" is a military unit (unit_words.txt)
    party_nouns: frozenset[str] = frozenset()  # "the Frelimo party": the name before one is the party's
    # (party_nouns.txt)
    government_levels: frozenset[str] = frozenset()  # "state", "provincial": a government below the country's
    blame_verbs: dict[str, str] = None  # "blame" -> "on": "attacks blamed on X" were X's (blame_verbs.csv)
    responsibility_claims: frozenset[tuple[str, str]] = frozenset()  # ("claim", "responsibility"): who owns up
    # to an event did it (responsibility_claims.csv)
    naming_verbs: frozenset[str] = frozenset()  # "call", "describe": name something as something
    stance_words: dict[str, str] = None  # "cowardly" -> Condemnation: what a naming verb's judgement makes it
    speech_acts: dict[str, str] = None  # "false" -> Rejection: a word of what was said, evidence of the act
    time_zones: frozenset[str] = frozenset()  # "utc", "est": never an entity (time_zones.txt)

    def names_a_facility(self, name: str) -> bool:
        """Whether a place's name ends in a facility noun ("Suvarnabhumi Airport", "the Kaduna
        breweries"): the one test of it, for typing, sizing and refining events."""
        words = name.lower().split()
        return bool(words) and (words[-1] in self.facility_nouns or words[-1].rstrip("s") in self.facility_nouns)

    def frame_role(self, event_class: str, slot: str, default: str) -> str:
        """The role a slot fills for a class: the nearest class (itself, then its ancestors) with a
        row. A "noun subject" (the subject of "suffered" in "X suffered injuries") falls back on
        the class's "subject" row."""
        frames = self.frames or {}
        for wanted in (slot, "subject") if slot == "noun subject" else (slot,):
            for cls in (event_class, *self.ancestors(event_class)):
                if wanted in frames.get(cls, {}):
                    return frames[cls][wanted]
        return default

    def trigger_source(self, lemma: str, pos: str) -> str:
        sources = self.trigger_sources or {}
        return sources.get((lemma, pos)) or sources.get((lemma, "ANY")) or \
            ("argument" if pos == "VERB" and lemma in (self.argument_triggers or {}) else "none")

    def names_a_court(self, lemma: str) -> bool:
        """Whether a noun is a court's or a tribunal's (a judicial body of agent_nouns.csv)."""
        return self.agent_nouns.get(lemma) == ("GovernmentBody", "JUD")

    def has_trait(self, event_class: str, trait: str) -> bool:
        """Whether the taxonomy gives the class (or, for conflict, any class it descends from) the trait."""
        cls = self.taxonomy.get(event_class) if self.taxonomy else None
        return cls is not None and trait in cls.traits

    def ancestors(self, event_class: str) -> tuple[str, ...]:
        """Every superclass up to (not including) Event, nearest first, each once."""
        return self._lineage.get(event_class, ((), ()))[0]

    def families(self, event_class: str) -> tuple[str, ...]:
        """The families a class belongs to (EconomicEvent and MarketEvent for a market move)."""
        return self._lineage.get(event_class, ((), ()))[1]

    @functools.cached_property
    def argument_verbs(self) -> frozenset[str]:
        """The verbs of argument_triggers.csv ("break" of "break out"): only these are looked at."""
        return frozenset(lemma.split()[0] for lemma in self.argument_triggers or {})

    @functools.cached_property
    def _lineage(self) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
        """Each class's superclasses and families, found once: the models ask for them for every
        candidate."""
        lineage = {}
        for event_class in self.taxonomy or {}:
            seen: list[str] = []
            frontier = [event_class]
            while frontier:
                cls = self.taxonomy.get(frontier.pop(0))
                for parent in cls.parents if cls else ():
                    if parent != "Event" and parent not in seen:
                        seen.append(parent)
                        frontier.append(parent)
            families = tuple(a for a in seen if a in self.taxonomy and "family" in self.taxonomy[a].traits)
            lineage[event_class] = (tuple(seen), families)
        return lineage

    @functools.cached_property
    def title_words(self) -> frozenset[str]:
        """Every word of every title ("executive", "vice", "president"), function words aside."""
        return frozenset(word for title in self.titles for word in title.split()) - {"the", "of", "and", "in", "her", "his"}

    @functools.cached_property
    def area_words(self) -> frozenset[str]:
        """Designators after a name that say what kind of area it is ("Tapoa province", "Kalkurichi
        village"): written in lower case, they are no part of the name, which is the place's name too."""
        return frozenset(w for w, level in self.place_levels.items()
                         if level in ("state", "city", "local") and self.place_designators.get(w) == "after")

    @functools.cached_property
    def settlement_words(self) -> frozenset[str]:
        """Designators after a name that make it a town ("Marawi city"): the name alone is the same town."""
        return frozenset(w for w, level in self.place_levels.items()
                         if level == "city" and self.place_designators.get(w) == "after")

    @functools.cached_property
    def trigger_words(self) -> tuple[frozenset[str], frozenset[str]]:
        """(first words, last words) of every trigger phrase: a token whose lemma is in neither
        cannot start or end a trigger, so most tokens are ruled out by one set lookup."""
        phrases = [phrase.split() for phrase, _ in self.triggers]
        return frozenset(p[0] for p in phrases if p), frozenset(p[-1] for p in phrases if p)

    def trigger(self, lemma: str, pos: str) -> str | None:
        return self.triggers.get((lemma, pos)) or self.triggers.get((lemma, "ANY"))

    def capitalized_trigger(self, word: str) -> str | None:
        """The event class of a noun the tagger took for a name because a sentence opens with it
        ("Wildfires broke out", "Protests spread"): its lower-case form or singular is a trigger."""
        lower = word.lower()
        return self.trigger(lower, "NOUN") or next(
            (t for form in singulars(lower) if (t := self.trigger(form, "NOUN"))), None)

    def is_boilerplate(self, line: str) -> bool:
        return any(p.search(line) for p in self.boilerplate)

    def strip_spans(self, text: str) -> str:
        """Text without the credits inside it (credits.csv: "(AP Photo/Jane Roe)"), for quoting a post."""
        for pattern in self.credits:
            text = pattern.sub("", text)
        return " ".join(text.split())


def singulars(plural: str) -> list[str]:
    """The singulars an English plural may have ("clashes" -> clash, "floods" -> flood, "casualties"
    -> casualty), for words the tagger did not lemmatize."""
    if not plural.endswith("s") or plural.endswith("ss"):
        return []
    forms = [plural[:-1]]
    if plural.endswith("es"):
        forms.append(plural[:-2])
    if plural.endswith("ies"):
        forms.append(plural[:-3] + "y")
    return forms


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """CSV rows with their line numbers; '#' lines are comments."""
    if not path.is_file():
        raise LexiconError(f"{path}: lexicon file missing")
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [(n, line) for n, line in enumerate(handle, start=1) if line.strip() and not line.startswith("#")]
    if not lines:
        raise LexiconError(f"{path}: empty lexicon file")
    reader = csv.DictReader(line for _, line in lines)
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise LexiconError(f"{path}:{lines[0][0]}: header lacks column(s) {', '.join(missing)}")
    for (number, _), row in zip(lines[1:], reader):
        rows.append((number, {k: (v or "").strip() for k, v in row.items() if k}))
    return rows


@dataclass(frozen=True)
class EventClass:
    """One row of ontology/event_taxonomy.csv: where a kind of event sits and how it behaves."""

    name: str
    parents: tuple[str, ...]  # the family first
    cameo: str
    label: str
    alt_labels: tuple[str, ...]
    roles: tuple[str, ...]
    traits: frozenset[str]


TRAITS = frozenset({"symmetric", "actorless", "conflict", "national", "scoped", "assault", "saying", "root", "family",
                    "products", "distributive", "by_court"})


def load_taxonomy(path: Path) -> dict[str, EventClass]:
    """The event classes, checked: every parent is a class of the file (or Event), every trait known."""
    classes = {}
    for n, row in _rows(path, ("class", "parents", "cameo", "label", "alt_labels", "roles", "traits", "definition")):
        traits = frozenset(filter(None, row["traits"].split("|")))
        if traits - TRAITS:
            raise LexiconError(f"{path}:{n}: unknown trait(s) {', '.join(sorted(traits - TRAITS))}")
        classes[row["class"]] = EventClass(row["class"], tuple(row["parents"].split("|")), row["cameo"], row["label"],
                                           tuple(filter(None, row["alt_labels"].split("|"))),
                                           tuple(filter(None, row["roles"].split("|"))), traits)
    for n, (name, cls) in enumerate(classes.items(), start=1):
        for parent in cls.parents:
            if parent != "Event" and parent not in classes:
                raise LexiconError(f"{path}: class {name}: unknown parent {parent!r}")
    return classes


def _event_classes(ontology: Path) -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, EventClass]]:
    """Event classes from the taxonomy next to the ontology: CAMEO codes, labels, families."""
    taxonomy = load_taxonomy(ontology.parent / "event_taxonomy.csv")
    cameo = {c: e.cameo for c, e in taxonomy.items() if e.cameo}
    labels = {c: e.label for c, e in taxonomy.items()}
    parents = {c: e.parents[0] for c, e in taxonomy.items()}
    return cameo, labels, parents, taxonomy


def _check_class(value: str, allowed, path: Path, number: int) -> str:
    if value not in allowed:
        raise LexiconError(f"{path}:{number}: unknown class {value!r} (expected one of {', '.join(sorted(allowed))})")
    return value


@lru_cache(maxsize=4)
def load(lexicon_dir: Path, ontology: Path) -> Lexicon:
    """The lexicons, checked; compiled once per version of the data files and this module, then
    read back from an on-disk cache (``KG_CACHE_DIR``, default ~/.cache/kg) in a few milliseconds
    instead of parsed and checked again at every build."""
    import hashlib
    import os
    import pickle
    import sys

    digest = hashlib.sha256(sys.version.encode())
    # this module, the ontology folder (the ontology and its event taxonomy), the lexicons and the
    # gazetteer tables read with them (instruments.csv, market_places.csv)
    for path in [Path(__file__), *sorted(Path(ontology).parent.glob("*")), *sorted(Path(lexicon_dir).glob("*")),
                 *sorted((Path(lexicon_dir).parent / "gazetteer").glob("*.csv"))]:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    folder = Path(os.environ.get("KG_CACHE_DIR") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg")
    cached = folder / f"lexicon-{digest.hexdigest()[:24]}.pickle"
    try:
        return pickle.loads(cached.read_bytes())
    except Exception:  # no entry yet, or one that cannot be read: compile it
        pass
    lexicon = _compile_lexicon(lexicon_dir, ontology)
    try:
        from kg import atomic

        atomic.write_bytes(cached, pickle.dumps(lexicon, protocol=pickle.HIGHEST_PROTOCOL), sync=False)
    except Exception:  # a cache that cannot be written only costs time
        pass
    return lexicon


def _compile_lexicon(lexicon_dir: Path, ontology: Path) -> Lexicon:
    cameo, labels, parents, taxonomy = _event_classes(ontology)
    d = lexicon_dir
    triggers, sources = {}, {}
    for n, row in _rows(d / "event_triggers.csv", ("lemma", "pos", "event_class")):
        cls = _check_class(row["event_class"], parents, d / "event_triggers.csv", n)
        key = (row["lemma"].lower(), row["pos"].upper() or "ANY")
        triggers[key] = cls
        sources[key] = "curated" if row.get("source", "") == "curated" else "cameo"
    agent_nouns = {}
    for n, row in _rows(d / "agent_nouns.csv", ("noun", "class")):
        agent_nouns[row["noun"].lower()] = (_check_class(row["class"], ENTITY_TYPES, d / "agent_nouns.csv", n),
                                            row.get("code", "")[:3])  # the sector part of a Phoenix code
    named, forms, media = {}, [], set()
    for n, row in _rows(d / "named_actors.csv", ("name", "class", "aliases")):
        cls = _check_class(row["class"], ENTITY_TYPES, d / "named_actors.csv", n)
        for form in [row["name"], *filter(None, row["aliases"].split("|"))]:
            named.setdefault(form.strip().lower(), (row["name"], cls))
            forms.append((form.strip(), row["name"], cls))
            if row.get("code", "").endswith("MED"):
                media.add(form.strip().lower())
    return Lexicon(
        triggers=triggers,
        cameo=cameo,
        event_labels=labels,
        event_parents=parents,
        taxonomy=taxonomy,
        trigger_sources=sources,
        market_nouns=frozenset(r["noun"].lower() for _, r in _rows(d / "market_nouns.csv", ("noun",))),
        market_verbs=frozenset(r["lemma"].lower() for _, r in _rows(d / "market_verbs.csv", ("lemma",))),
        market_states=frozenset(r["word"].lower() for _, r in _rows(d / "market_states.csv", ("word",))),
        anaphoric_nouns=_anaphoric_nouns(d / "anaphoric_nouns.csv"),
        instruments=_instruments(d.parent / "gazetteer" / "instruments.csv", d.parent / "gazetteer" / "market_places.csv"),
        instrument_countries=_instrument_countries(d.parent / "gazetteer" / "instruments.csv", d / "countries.csv"),
        product_nouns=frozenset(r["noun"].lower() for _, r in _rows(d / "product_nouns.csv", ("noun",))),
        facility_nouns=frozenset(r["noun"].lower() for _, r in _rows(d / "facility_nouns.csv", ("noun",))),
        section_labels=frozenset(_list(d / "section_labels.txt")),
        day_names=tuple(_list(d / "day_names.txt")),
        partitives=frozenset(_list(d / "partitive_nouns.txt")),
        index_modifiers=frozenset(_list(d / "index_modifiers.txt")),
        product_cues=frozenset(_list(d / "product_cues.txt")),
        ambiguous_place_words=frozenset(_list(d / "ambiguous_place_words.txt")),
        portfolio_words=frozenset(_list(d / "portfolio_words.txt")),
        unit_words=frozenset(_list(d / "unit_words.txt")),
        party_nouns=frozenset(_list(d / "party_nouns.txt")),
        government_levels=frozenset(_list(d / "government_levels.txt")),
        force_members={r["noun"].lower(): tuple(r["forces"].split())
                       for _, r in _rows(d / "force_members.csv", ("noun", "forces"))},
        national_agent_nouns={r["noun"].lower(): (_check_class(r["class"], ENTITY_TYPES, d / "national_agent_nouns.csv", n),
                                                  r["code"])
                              for n, r in _rows(d / "national_agent_nouns.csv", ("noun", "class", "code"))},
        time_zones=frozenset(_list(d / "time_zones.txt")),
        blame_verbs={r["lemma"].lower(): r["preposition"].lower()
                     for _, r in _rows(d / "blame_verbs.csv", ("lemma", "preposition"))},
        responsibility_claims=frozenset((r["verb"].lower(), r["noun"].lower())
                                        for _, r in _rows(d / "responsibility_claims.csv", ("verb", "noun"))),
        naming_verbs=frozenset(_list(d / "naming_verbs.txt")),
        stance_words={r["word"].lower(): _check_class(r["event_class"], taxonomy, d / "stance_words.csv", n)
                      for n, r in _rows(d / "stance_words.csv", ("word", "event_class"))},
        speech_acts={r["word"].lower(): _check_class(r["event_class"], taxonomy, d / "speech_acts.csv", n)
                     for n, r in _rows(d / "speech_acts.csv", ("word", "event_class"))},
        currencies={r["form"] if not r["form"].isalpha() or r["form"].isupper() else r["form"].lower(): r["code"]
                    for _, r in _rows(d / "currencies.csv", ("form", "code"))},
        frames=_frames(d / "frames.csv", taxonomy),
        refinements=tuple((_check_class(r["event_class"], taxonomy, d / "type_refinements.csv", n),
                           _check_class(r["slot"], ("subject", "object", "verb", "cause", "subject&object"), d / "type_refinements.csv", n), r["filler"],
                           _check_class(r["new_class"], taxonomy, d / "type_refinements.csv", n))
                          for n, r in _rows(d / "type_refinements.csv", ("event_class", "slot", "filler", "new_class"))),
        argument_triggers=_argument_triggers(d / "argument_triggers.csv", taxonomy),
        directions={r["lemma"].lower(): _check_class(r["direction"], ("up", "down"), d / "directions.csv", n)
                    for n, r in _rows(d / "directions.csv", ("lemma", "direction"))},
        agent_nouns=agent_nouns,
        named_actors=named,
        media_names=frozenset(media),
        genders={r["word"].lower(): _check_class(r["gender"], ("f", "m"), d / "gendered_words.csv", n)
                 for n, r in _rows(d / "gendered_words.csv", ("word", "gender"))},
        named_actor_forms=tuple(forms),
        reporting_verbs={r["lemma"].lower(): r["kind"] for _, r in _rows(d / "reporting_verbs.csv", ("lemma", "kind"))},
        source_markers={r["phrase"].lower(): r["kind"] for _, r in _rows(d / "source_markers.csv", ("phrase", "kind"))},
        titles={r["title"].lower(): r["kind"] for _, r in _rows(d / "titles.csv", ("title", "kind"))},
        place_designators={r["word"].lower(): r["position"] for _, r in
                           _rows(d / "place_designators.csv", ("word", "position"))},
        place_levels={r["word"].lower(): _check_class(r["level"], PLACE_LEVELS, d / "place_designators.csv", n)
                      for n, r in _rows(d / "place_designators.csv", ("word", "position", "level")) if r["level"]},
        boilerplate=tuple(_compile(r["pattern"], d / "boilerplate.csv", n) for n, r in
                          _rows(d / "boilerplate.csv", ("pattern",))),
        credits=tuple(_compile(r["pattern"], d / "credits.csv", n) for n, r in _rows(d / "credits.csv", ("pattern",))),
        demonyms={r["demonym"].lower(): r["country"] for _, r in _rows(d / "demonyms.csv", ("demonym", "country"))},
        light_verbs={r["lemma"].lower(): r["agent_preposition"].lower()
                     for _, r in _rows(d / "light_verbs.csv", ("lemma", "agent_preposition"))},
        agent_heads={r["head"].lower(): r["kind"] for _, r in _rows(d / "agent_heads.csv", ("head", "kind"))},
        company_suffixes=frozenset(r["suffix"].lower() for _, r in _rows(d / "company_suffixes.csv", ("suffix",))),
        converse={r["lemma"].lower(): r["agent_preposition"].lower()
                  for _, r in _rows(d / "converse_triggers.csv", ("lemma", "agent_preposition"))},
        name_heads={r["head"].lower(): _check_class(r["class"], ENTITY_TYPES, d / "name_heads.csv", n)
                    for n, r in _rows(d / "name_heads.csv", ("head", "class"))},
        claim_nouns={r["noun"].lower(): r["kind"] for _, r in _rows(d / "claim_nouns.csv", ("noun", "kind"))},
        collective_roles=_collective_roles(d / "event_collectives.csv", parents),
        dispute_words=frozenset(r["phrase"].lower() for _, r in _rows(d / "dispute_words.csv", ("phrase",))),
        decision_nouns=frozenset(r["noun"].lower() for _, r in _rows(d / "decision_nouns.csv", ("noun",))),
        fixed_phrases=tuple(tuple(r["phrase"].lower().split()) for _, r in _rows(d / "fixed_phrases.csv", ("phrase",))),
    )


def _list(path: Path) -> list[str]:
    """Entries of a one-per-line list (`#` starts a comment), lower case."""
    if not path.is_file():
        raise LexiconError(f"{path}: missing lexicon file")
    return [line.split("#", 1)[0].strip().lower() for line in path.read_text(encoding="utf-8").splitlines()
            if line.split("#", 1)[0].strip()]


_REFERENTS = ("index", "currency", "commodity", "bond", "company", *PLACE_LEVELS)


def _anaphoric_nouns(path: Path) -> dict[str, str]:
    """Definite nouns and the kind of named thing each stands for (anaphoric_nouns.csv)."""
    table = {}
    for n, row in _rows(path, ("noun", "refers_to")):
        if row["refers_to"] not in _REFERENTS:
            raise LexiconError(f"{path}:{n}: refers_to must be one of {', '.join(_REFERENTS)}, not {row['refers_to']!r}")
        table[row["noun"].lower()] = row["refers_to"]
    return table


def _instruments(path: Path, markets: Path) -> dict[str, tuple[str, str, bool]]:
    """Instrument forms (instruments.csv), and the market places (market_places.csv) as ambiguous
    forms of their index: "Hong Kong gained 0.5%" is the Hang Seng, "a fire in Hong Kong" a place."""
    found: dict[str, tuple[str, str, bool]] = {}
    for n, row in _rows(path, ("name", "aliases", "kind", "ambiguous")):
        kind = _check_class(row["kind"], ("index", "currency", "commodity", "bond"), path, n)
        for form in [row["name"], *filter(None, row["aliases"].split("|"))]:
            found.setdefault(form.strip().lower(), (row["name"], kind, row["ambiguous"] == "yes"))
    names = {name: kind for name, kind, _ in found.values()}
    for n, row in (_rows(markets, ("place", "instrument")) if markets.is_file() else ()):
        name = _check_class(row["instrument"], names, markets, n)
        found.setdefault(row["place"].strip().lower(), (name, names[name], True))
    return found


def _instrument_countries(path: Path, countries: Path) -> dict[str, str]:
    """Instrument name -> the country of its market or currency (a country of countries.csv)."""
    known = {row["name"] for _, row in _rows(countries, ("code", "name"))}
    return {row["name"]: _check_class(row["country"], known, path, n)
            for n, row in _rows(path, ("name", "country")) if row["country"]}


def _argument_triggers(path: Path, taxonomy: dict) -> dict[str, tuple[tuple[str, str, str], ...]]:
    found: dict[str, list[tuple[str, str, str]]] = {}
    for n, row in _rows(path, ("lemma", "slot", "filler", "event_class")):
        slot = _check_class(row["slot"], ("subject", "object", "cause", "subject&object"), path, n)
        cls = _check_class(row["event_class"], taxonomy, path, n)
        found.setdefault(row["lemma"].strip().lower(), []).append((slot, row["filler"], cls))
    return {lemma: tuple(rows) for lemma, rows in found.items()}


def _frames(path: Path, taxonomy: dict) -> dict[str, dict[str, str]]:
    frames: dict[str, dict[str, str]] = {}
    for n, row in _rows(path, ("event_class", "slot", "role")):
        cls = _check_class(row["event_class"], taxonomy, path, n)
        slot = row["slot"] if row["slot"].startswith("prep ") else \
            _check_class(row["slot"], ("subject", "noun subject", "object", "possessor"), path, n)
        frames.setdefault(cls, {})[slot] = _check_class(row["role"], ("agent", "target", "none"), path, n)
    return frames


def _collective_roles(path: Path, event_classes) -> dict[str, dict[str, str]]:
    roles: dict[str, dict[str, str]] = {}
    for n, row in _rows(path, ("event_class", "role", "code")):
        cls = _check_class(row["event_class"], event_classes, path, n)
        if row["role"] not in ("agent", "target"):
            raise LexiconError(f"{path}:{n}: role must be agent or target, not {row['role']!r}")
        roles.setdefault(cls, {})[row["role"]] = row["code"].upper()
    return roles


def _compile(pattern: str, path: Path, number: int) -> re.Pattern:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        raise LexiconError(f"{path}:{number}: bad regular expression ({error})") from None
