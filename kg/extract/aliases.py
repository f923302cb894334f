"""One node per thing: cluster an article's entity mentions and resolve references.

Names merge when they normalize equal, when one is an acronym, handle or short form of another
("Merkel", "(IMF)", "@handle"), or a possessive/descriptive variant ("X's new Y"). Generic agent
nouns for national institutions ("the army", "regime troops") become one node per institution
and country, the country being the one named in the phrase or, failing that, the article's
clearly dominant country. Descriptions ("the group", "a militia group") and pronouns resolve to
the nearest compatible named actor.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache

from kg import gazetteer
from kg.extract.entities import PREVIOUS_COUNTRY, EntityMention, acronym, acronyms, name_head
from kg.keys import entity_key, government_name, normalize_name
from kg.model import Entity, Mention

#: Phoenix agent codes naming a country's institution: every mention is one national node.
INSTITUTIONS = {"MIL": "military", "COP": "police", "SPY": "intelligence service"}
_FUNCTION_WORDS = {"of", "for", "the", "and", "in", "on", "to", "&",  # and name particles ("Lula da Silva")
                   "de", "da", "do", "dos", "das", "di", "du", "del", "della", "van", "von", "der", "den",
                   "bin", "ibn", "al", "el", "la", "le", "y"}
_TYPE_RANK = {"ArmedGroup": 5, "GovernmentBody": 4, "Person": 3, "Organization": 2, "Group": 1, "Place": 6,
              "Product": 7, "FinancialInstrument": 8}
_DESIGNATORS_HINT = ("township", "region", "state", "province", "district", "village", "county", "city")


@dataclass
class Cluster:
    mentions: list[int] = field(default_factory=list)
    canonical: str | None = None
    generic: bool = False
    institution: tuple[str, str | None] | None = None

    def merge(self, other: "Cluster") -> None:
        self.mentions.extend(other.mentions)
        self.canonical = self.canonical or other.canonical


@dataclass
class Resolution:
    """The article's entities and, for every mention index, the key of its entity."""

    entities: list[Entity]
    key_of: dict[int, str]
    mentions: list[EntityMention]
    dominant_country: str | None

    def entity(self, key: str) -> Entity | None:
        """The entity with this key (the first, if two share it): a dict lookup, rebuilt when the
        list has grown, since extraction asks for thousands per article."""
        table = self.__dict__.get("_by_key")
        if table is None or self.__dict__.get("_indexed") != len(self.entities):
            table = self.__dict__["_by_key"] = {e.key: e for e in reversed(self.entities)}
            self.__dict__["_indexed"] = len(self.entities)
        return table.get(key)

    def collectives(self) -> dict[str, list[str]]:
        """Phoenix sector code -> keys of the collectives (Group nodes, forces such as the police,
        bodies such as the court) named by nouns of that code."""
        found: dict[str, list[str]] = {}
        for index, m in enumerate(self.mentions):
            key = self.key_of.get(index)
            if m.kind == "generic" and m.type in ("Group", "ArmedGroup", "GovernmentBody") and m.code and key \
                    and key.startswith(("group/", "armedgroup/", "governmentbody/")):
                keys = found.setdefault(m.code, [])
                if key not in keys:
                    keys.append(key)
        return found


def dominant_country(mentions: list[EntityMention]) -> str | None:
    """The country the article is about, if one clearly dominates (>= half of country mentions)."""
    counts = Counter()
    for m in mentions:
        country = m.country or (gazetteer.country(m.canonical or m.text) and gazetteer.country(m.canonical or m.text).name)
        if m.type == "Place" and country:
            counts[country] += 1
    if not counts:
        return None
    (top, n), *rest = counts.most_common()
    return top if n >= 2 * (rest[0][1] if rest else 0) and n >= 1 else None


def resolve(mentions: list[EntityMention], text: str, designators: dict[str, str],
            suffixes: frozenset[str] = frozenset(), agent_nouns: dict | None = None,
            demonyms: dict | None = None, scope: str = "", settlement_words: frozenset[str] = frozenset(),
            area_words: frozenset[str] = frozenset()) -> Resolution:
    _resolve_previous_country(mentions)
    _spread_told_types(mentions)
    country = dominant_country(mentions)
    parent = list(range(len(mentions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    names = [i for i, m in enumerate(mentions) if m.kind in ("name", "handle")]
    by_norm: dict[str, int] = {}
    for i in names:
        norm = _comparable(mentions[i], designators)
        first = by_norm.get(norm)
        if first is not None and (_compatible(mentions[first].type, mentions[i].type)
                                  or not (_sure_of_type(mentions[first]) and _sure_of_type(mentions[i]))):
            union(first, i)  # the NER called the same name a place here and a person there: one thing, voted
        else:
            by_norm.setdefault(norm, i)
    for i, m in enumerate(mentions):
        if m.alias_of is not None:
            union(m.alias_of, i)
    _merge_acronyms(mentions, names, union, find)
    _merge_short_forms(mentions, names, union, find, designators, suffixes, settlement_words)
    _merge_generics(mentions, union, find, country, agent_nouns, demonyms)
    _resolve_descriptions(mentions, union, find)
    _join_forces(mentions, union, find, agent_nouns or {})
    _resolve_roles(mentions, union, find, text)
    sources: dict[str, int] = {}  # "a security source" twice in one article: one unnamed source
    for i, m in enumerate(mentions):
        if m.kind == "source":
            union(sources.setdefault(normalize_name(m.canonical or m.text), i), i)

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(mentions)):
        groups[find(i)].append(i)
    entities, key_of = [], {}
    for root in sorted(groups):
        entity = _entity(mentions, groups[root], country, scope)
        if entity is None:
            continue
        entities.append(entity)
        for i in groups[root]:
            key_of[i] = entity.key
    entities = _with_affiliations(_dedupe_keys(entities, key_of), mentions, key_of)
    entities = [_with_area_name(e, area_words) for e in entities]
    return Resolution(entities=entities, key_of=key_of, mentions=mentions, dominant_country=country)


def _with_area_name(entity: Entity, area_words: frozenset[str]) -> Entity:
    """"Tapoa province" is also called "Tapoa": a lower-case area word after a place's name
    describes it ("Tahrir Square", capitalized, is the name itself)."""
    words = entity.name.split()
    if entity.type != "Place" or len(words) < 2 or words[-1] not in area_words:
        return entity
    short = " ".join(words[:-1])
    if not short[:1].isupper() or short in entity.aliases:
        return entity
    return replace(entity, aliases=tuple(sorted({*entity.aliases, short})))


def _resolve_previous_country(mentions: list[EntityMention]) -> None:
    """"The country's government" is the government of the country named last before it."""
    last = None
    for m in mentions:
        if m.country == PREVIOUS_COUNTRY:
            m.country = last
        place = gazetteer.country(m.canonical or m.text) if m.type == "Place" else None
        if place:
            last = place.name


def _spread_told_types(mentions: list[EntityMention]) -> None:
    """"Vela, a Canadian auto parts company" makes every "Vela" of the article a company, not
    the town the gazetteer knows."""
    told = {normalize_name(m.text): m.type for m in mentions if m.typed_by_context}
    for m in mentions:
        if m.kind == "name" and not m.canonical and normalize_name(m.text) in told:
            m.type = told[normalize_name(m.text)]


def _sure_of_type(m: EntityMention) -> bool:
    """A type the lexicon, the gazetteer with its context, or the sentence itself gives, not only the NER."""
    return bool(m.canonical or m.typed_by_context or m.ner in ("DATELINE", "NORP") or m.kind == "handle")


def _comparable(m: EntityMention, designators: dict[str, str]) -> str:
    norm = normalize_name(m.canonical or m.text)
    if m.type != "Place" and len(norm.split()) > 1:
        norm = _country_prefix(norm)
    if m.type == "Place" and not gazetteer.lookup(norm):  # "Port Sudan" keeps its "port"
        words = norm.split()  # "Tapoa province", "Lake Chad"; not "State House"
        while len(words) > 1 and designators.get(words[-1]) == "after":
            words.pop()
        while len(words) > 1 and designators.get(words[0]) == "before":
            words.pop(0)
        norm = " ".join(words)
    return norm


def _country_prefix(norm: str) -> str:
    """"U.S. Air Force" and "US Air Force": a leading country name compares as the country."""
    words = norm.split()
    for size in (3, 2, 1):
        place = gazetteer.country(" ".join(words[:size])) if len(words) > size else None
        if place:
            return " ".join([normalize_name(place.name), *words[size:]])
    return norm


def _compatible(a: str, b: str, a_ner: str = "", b_ner: str = "") -> bool:
    """Places merge with places, actors with actors; a "place" the NER called a PERSON may be one."""
    if "PERSON" in (a_ner, b_ner) and "Person" in (a, b):
        return True
    return (a == "Place") == (b == "Place")


def _thing(entity_type: str) -> bool:
    """Products and instruments are things, not actors: "Ford" is the maker, not the Ford Taurus."""
    return entity_type in ("Product", "FinancialInstrument")


def _merge_acronyms(mentions, names, union, find) -> None:
    long_by_acronym: dict[str, set[int]] = defaultdict(set)
    for i in names:
        text = mentions[i].canonical or mentions[i].text
        if len(text.split()) >= 2:
            for form in acronyms(text):
                long_by_acronym[form].add(i)
    for i in names:
        short = mentions[i].text.replace(".", "")
        if short.isupper() and 2 <= len(short) <= 8:
            roots = {find(j) for j in long_by_acronym.get(short, ())}
            if len(roots) == 1:
                union(roots.pop(), i)


def _expand(words: list[str], acronyms: dict[str, list[str]]) -> list[str]:
    out = []
    for w in words:
        out.extend(acronyms.get(w, [w]))
    return out


def _merge_short_forms(mentions, names, union, find, designators, suffixes=frozenset(),
                       settlement_words=frozenset()) -> None:
    """"Merkel" into "Angela Merkel", "UN assembly" into "United Nations General Assembly",
    "Apple" into "Apple Inc." and "Ford" into "Ford Motor Company" (when only one name fits);
    "Marawi" into "Marawi city" (a settlement word names the same town) and "A330s" into "A330".
    Names are indexed by their words, so each short form is compared with the names that share
    a word with it, not with every name of the article."""
    acronyms = {}
    for i in names:
        text = mentions[i].canonical or mentions[i].text
        if len(text.split()) >= 2 and len(acronym(text)) >= 2:  # "Stock indexes" is no "S" (of "S&P")
            acronyms.setdefault(acronym(text).lower(), normalize_name(text).split())
    forms, by_word, places, countries = {}, defaultdict(set), {}, set()
    for i in names:
        words = _expand(_comparable(mentions[i], designators).split(), acronyms)
        words = [w for w in words if w not in _FUNCTION_WORDS]
        if mentions[i].type not in ("Person", "Place") and len(words) > 1:
            words = [w for w in words if w not in suffixes] or words
        if mentions[i].type == "Person" and mentions[i].titles:  # "Maj-Gen Viray" is short for "Gabriel Viray"
            words = _without_leading_titles(words, mentions[i].titles)
        forms[i] = words
        for word in words:
            by_word[word].add(i)
        if mentions[i].type == "Place":
            place = gazetteer.lookup(mentions[i].canonical or mentions[i].text)
            places[i] = place.geonames_id if place else None
            if gazetteer.country(mentions[i].canonical or mentions[i].text):
                countries.add(i)
    located = {mentions[i].text for i in names if mentions[i].type == "Place" and mentions[i].located}
    longest: dict[int, int] = {find(i): 0 for i in names}
    for i in names:
        longest[find(i)] = max(longest[find(i)], len(forms[i]))

    def join(a: int, b: int) -> None:
        size = max(longest.get(find(a), 0), longest.get(find(b), 0))
        union(a, b)
        longest[find(a)] = size

    def settle(i: int, last: bool) -> bool:
        """Join name i to the one longer name it is short for; False when that must wait until the
        other names are settled (which of two longer names a short one means may depend on them)."""
        short = forms[i]
        if not short or longest.get(find(i), 0) > len(short):
            return True  # already the short form of a longer name (the same "Khan" said twice)
        candidates, longer, opened, headed = set(), set(), set(), set()
        singular = short[-1][:-1] if short[-1].endswith("s") and len(short[-1]) > 2 else None
        for j in sorted(by_word[short[0]] | by_word[short[-1]] | (by_word[singular] if singular else set())):
            long = forms[j]
            a, b = mentions[i], mentions[j]
            if len(long) < len(short) or not _compatible(a.type, b.type, a.ner, b.ner) or find(i) == find(j):
                continue
            town = b.type == "Place" and long[:-1] == short and long[-1] in settlement_words  # "Iligan city"
            if a.type == "Place" and a.text in located and b.type == "Person":
                continue  # "in Osh" is the city, not short for a "Jany Osh" the recognizer took for a person
            if a.type == "Place" and places.get(i) and places.get(j) and places[i] != places[j] and not town:
                continue  # "Sudan" is not short for "Port Sudan" (the gazetteer's "Iligan City" is Iligan's district)
            if i in countries and not places.get(j):
                continue  # a country is short for no name the gazetteer does not know ("Garuda Indonesia")
            same_head = long[-1] == short[-1] and _subsequence(short, long) and not _successor(short, long, b.type)
            company_prefix = (_opens(short, long)
                              and b.type not in ("Person", "Place") and not _named_as_place(i, mentions, names, find))
            if company_prefix and _seat_of_a_body(a, b):
                company_prefix, a.type = False, "Place"  # "Varna" is the town the Varna Court of Appeal sits in
            plural = long[:-1] == short[:-1] and long[-1] == singular and a.type not in ("Person", "Place")
            given_names = a.type in ("Person", "Place") and b.type == "Person" and not places.get(i) \
                and _given_names_of(short, long, b.text)  # "Ahmad Faizal" of "Ahmad Faizal Rahman", tagged a place
            if same_head or company_prefix or town or plural or given_names or (long == short and len(long) >= 1):
                candidates.add(find(j))
                if len(long) > len(short):
                    longer.add(find(j))
                    if company_prefix and not same_head:
                        opened.add(find(j))
                    if same_head:
                        headed.add(find(j))
        if len(longer & headed) == 1 and (longer - headed) <= opened:
            longer = longer & headed  # "Air Force": the United States Air Force, not "Air Force Communications"
        if longer and mentions[i].type not in ("Person", "Place"):
            def alike(r: int) -> bool:
                return _thing(mentions[i].type) == _thing(_vote_type([mentions[k] for k in names if find(k) == r]))
            if len(longer) > 1 or longer & opened:  # whether a name it opens is a product shows later
                if not last:
                    return False  # "Ford" before "Taurus" joined "Ford Taurus": is that a product or the company?
                if len(longer) > 1:
                    longer = {r for r in longer if alike(r)} or longer  # the company, not its car
                else:  # "Ford" opening "the new Ford Falcon", a car: the maker, not its product
                    unlike = {r for r in longer & opened if not alike(r)}
                    candidates -= unlike
                    longer -= unlike
        if len(longer) == 1:  # "Kessler" (a person, and a place to the NER) is short for "Daniel Kessler"
            join(longer.pop(), i)
        elif len(candidates) == 1:
            join(candidates.pop(), i)
        elif len(short) == 1 and mentions[i].type == "Person" and (people := {
                r for r in longer if any(mentions[j].type == "Person" for j in names if find(j) == r)}):
            join(_first_named(people, mentions, names, find), i)  # "Khan": the Khan the story is about
        elif len(short) == 1 and not candidates and mentions[i].type != "Place":
            people = {find(j) for j in by_word[short[0]] if mentions[j].type == "Person" and len(forms[j]) > 1
                      and short[0] in forms[j][:-1] and find(j) != find(i)}
            if len(people) == 1:  # "Gohar" for "Gohar Ali Khan", "Lula" for "Luiz Inacio Lula da Silva"
                join(people.pop(), i)
        return True

    waiting = [i for i in names if not settle(i, last=False)]
    for i in waiting:
        settle(i, last=True)


#: Words that make an organization's name the name of another one: "New GM" is the company
#: that is to succeed GM, not GM.
_SUCCESSOR_WORDS = {"new", "old"}


def _opens(short: list[str], long: list[str]) -> bool:
    """Whether a name's words open a longer one, a last word cut short counting ("China Eastern"
    opens "China Eastern Airlines", "Penske Auto" opens "Penske Automotive Group")."""
    if not short or len(short) > len(long) or long[:len(short) - 1] != short[:-1]:
        return False
    last, word = short[-1], long[len(short) - 1]
    return (last == word and len(short) < len(long)) or (len(short) > 1 and len(last) >= 4 and word.startswith(last)
                                                         and word != last)


def _given_names_of(short: list[str], long: list[str], long_text: str) -> bool:
    """Whether a name of two or more words opens a longer person's name whose other words are names
    too ("Mohd Razif" of "Mohd Razif Hashim"; not of "Rose Achieng @RoseAchiengSen")."""
    rest = long_text.split()[len(short):]
    return _opens_a_name(short, long) and bool(rest) \
        and all(word[:1].isupper() and word.replace("-", "").isalpha() for word in rest)


def _opens_a_name(words: list[str], name: list[str]) -> bool:
    """Whether two or more words open a longer name ("Mohd Razif" of "Mohd Razif Hashim")."""
    return 1 < len(words) < len(name) and name[:len(words)] == words


def _successor(short: list[str], long: list[str], kind: str) -> bool:
    """Whether the longer organization name is only the shorter one with a successor word before it."""
    return kind not in ("Person", "Place") and len(long) > len(short) and long[len(long) - len(short):] == short \
        and set(long[:len(long) - len(short)]) <= _SUCCESSOR_WORDS


def _without_leading_titles(words: list[str], titles: tuple[str, ...]) -> list[str]:
    """A person's name words after the title words that open it ("maj-gen viray" -> "viray"); a
    title word inside the name is the name ("Jim Press", "Sam Judge"), and the last word stays."""
    start = 0
    while start < len(words) - 1 and all(part in titles for part in words[start].split("-")):
        start += 1
    return words[start:]


def _seat_of_a_body(short: EntityMention, long: EntityMention) -> bool:
    """Whether a name is the place a public body is named after (a court, a council, a police),
    which the body does not take as its own name: "Varna" alone is the town, not the Varna Court
    of Appeal."""
    return long.type in ("GovernmentBody", "ArmedGroup") and gazetteer.lookup(short.canonical or short.text) is not None


def _named_as_place(i: int, mentions, names, find) -> bool:
    """Whether the text calls a name a place somewhere: "Kosti" is then the town, not short for
    "Kosti Teaching Hospital" (while "Toyota", never a place in the text, is Toyota Motor's)."""
    root = find(i)
    return any(mentions[k].type == "Place" for k in names if find(k) == root)


def _first_named(roots: set[int], mentions, names, find) -> int:
    """Of several people sharing a surname, the one the article names first."""
    return min(roots, key=lambda r: min(mentions[j].start for j in names if find(j) == r))


def _subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(word in it for word in short)


def _merge_generics(mentions, union, find, country, agent_nouns=None, demonyms=None) -> None:
    """Institution nouns ("the army", "regime troops") become one node per institution and country:
    the one the article names, if it does ("the Sudanese Armed Forces", "National Police Service")."""
    first = _named_institutions(mentions, country, agent_nouns or {}, demonyms or {})
    for i, m in enumerate(mentions):
        if m.kind != "generic" or not (m.code in INSTITUTIONS or m.type in ("GovernmentBody", "Group")):
            continue
        key = _institution(m, country)
        if key in first:
            union(first[key], i)
        else:
            first[key] = i
    countries = defaultdict(set)  # "the army" where the article names only one country's army
    for key in first:
        if key[1] is not None:
            countries[key[0]].add(key)
    for i, m in enumerate(mentions):
        if m.kind == "generic" and m.code in INSTITUTIONS:
            key = _institution(m, country)
            if key[1] is None and len(countries.get(key[0], ())) == 1:
                union(first[next(iter(countries[key[0]]))], i)
    qualified = defaultdict(set)  # "employees" where only "Airbus employees" were named are those
    for i, m in enumerate(mentions):
        if m.kind == "generic" and m.type == "Group" and m.qualifiers:
            qualified[m.head].add(find(i))
    for i, m in enumerate(mentions):
        if m.kind == "generic" and m.type == "Group" and not m.qualifiers and len(qualified.get(m.head, ())) == 1:
            union(next(iter(qualified[m.head])), i)
    collectives = {normalize_name(m.canonical or m.text): i for i, m in enumerate(mentions)
                   if m.kind == "generic" and m.type == "Group" and not m.qualifiers}
    for i, m in enumerate(mentions):  # "Several senators said" are of the senators the article counts
        if m.kind == "source" and m.type == "Group" and m.affiliation_token is None \
                and (j := collectives.get(normalize_name(m.canonical or m.text))) is not None:
            union(j, i)


def _join_forces(mentions, union, find, agent_nouns) -> None:
    """Members of a force ("two officers were injured") join the article's only force of the
    likeliest kind they may belong to (its police, else its army); with none, or two, they stay
    nobody the graph can name."""
    forces: dict[str, set[int]] = defaultdict(set)
    for j, m in enumerate(mentions):
        code = _force_code(m, agent_nouns)
        if code:
            forces[code].add(find(j))
    for i, m in enumerate(mentions):
        if m.kind != "member":
            continue
        roots = next((forces[code] for code in m.forces if forces.get(code)), set())
        if len(roots) == 1:
            union(next(iter(roots)), i)


def _force_code(m: EntityMention, agent_nouns) -> str | None:
    """The institution code of a force: "the police" (COP), "the Public Security Police" (its
    head noun), "the Nigerian Army" (MIL)."""
    if m.kind == "generic":
        return m.code if m.code in INSTITUTIONS else None
    if m.kind != "name" or m.type not in ("ArmedGroup", "GovernmentBody", "Organization"):
        return None
    words = normalize_name(m.canonical or m.text).split()
    entry = agent_nouns.get(words[-1]) if words else None
    return entry[1] if entry and entry[0] == "ArmedGroup" and entry[1] in INSTITUTIONS else None


def _named_institutions(mentions, country, agent_nouns, demonyms) -> dict[tuple[str, str | None], int]:
    """Names that are nothing but a country's armed forces or police: a country (or "national")
    and an institution noun ("Armed Forces of the Democratic Republic of Congo", "Nigerian Army",
    "Kenya Defence Forces", "National Police Service"); not "Sudan Liberation Army"."""
    found: dict[tuple[str, str | None], int] = {}
    for i, m in enumerate(mentions):
        if m.kind != "name" or m.type not in ("ArmedGroup", "GovernmentBody", "Organization"):
            continue
        words = normalize_name(m.canonical or m.text).split()
        place, rest = _country_in(words, demonyms)
        rest = [w for w in rest if w not in ("of", "the", "national")]
        phrase = " ".join(rest[:-1] + [rest[-1][:-1] if rest and rest[-1].endswith("s") else (rest or [""])[-1]])
        entry = agent_nouns.get(phrase) or agent_nouns.get(" ".join(rest))
        if entry and entry[0] == "ArmedGroup" and entry[1] in INSTITUTIONS and (place or "national" in words):
            found.setdefault((INSTITUTIONS[entry[1]], place or country), i)
            m.type = "ArmedGroup"
        elif place is None and _force_code(m, agent_nouns) == _POLICE and (m.country or country):
            found.setdefault((INSTITUTIONS[_POLICE], m.country or country), i)
    return found


#: A police force named without its country ("Portugal's Public Security Police", "the Metropolitan
#: Police") is its country's police (the possessor's, else the article's). Not so an army: the Rapid
#: Support Forces are no country's army.
_POLICE = "COP"


def _country_in(words: list[str], demonyms: dict) -> tuple[str | None, list[str]]:
    """The country a name names (a country name or demonym, anywhere) and the other words."""
    for size in (6, 5, 4, 3, 2, 1):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start:start + size])
            place = gazetteer.country(phrase)
            name = place.name if place else demonyms.get(phrase)
            if name:
                return name, words[:start] + words[start + size:]
    return None, words


def _institution(m: EntityMention, country: str | None) -> tuple[str, str | None]:
    if m.code in INSTITUTIONS:
        return INSTITUTIONS[m.code], m.country or country
    phrase = normalize_name(m.text)
    if m.type == "Group":  # "unarmed civilians" are the civilians; "Airbus employees" are Airbus's
        return " ".join([*(q.lower() for q in m.qualifiers), m.head or phrase.rstrip("s")]), None
    if m.country:
        phrase = phrase.replace(normalize_name(m.country), "").strip()
    if m.type == "GovernmentBody" and phrase == "authorities":  # "the authorities", "Chinese authorities"
        return "government", m.country or country  # speak as its government; "local authorities" do not
    if m.type == "GovernmentBody":  # "Western governments" are no one country's
        return phrase, m.country or (None if m.plural else country)
    return phrase, None


def _resolve_descriptions(mentions, union, find) -> None:
    """Non-institution actor descriptions ("the group", "a militia group") join the nearest
    compatible named actor: the only one of its kind, else the nearest before, else after."""
    clusters = defaultdict(list)
    for i, m in enumerate(mentions):
        clusters[find(i)].append(m)
    people = {root for root, ms in clusters.items() if _vote_type(ms) == "Person"}
    named = [i for i, m in enumerate(mentions) if m.kind == "name" and m.type in ("ArmedGroup", "Organization")
             and find(i) not in people]
    starts = {m.start: j for j, m in enumerate(mentions) if m.kind == "name"}
    heads: dict[str, set[int]] = defaultdict(set)  # "the disaster mitigation agency (BNPB)" is an agency too
    for j, m in enumerate(mentions):
        if m.type not in ("Person", "Place") and len(m.text.split()) > 1 and (
                m.kind == "name" or (m.kind == "description" and m.alias_of is not None and m.code not in _DEFAULT_CODES)):
            heads[name_head(m.text)].add(j)
    national = defaultdict(set)  # "the Navy" after "the U.S. Navy": a country's institution, named
    for j, m in enumerate(mentions):
        norm = normalize_name(m.text)
        if m.kind == "name" and m.type not in ("Person", "Place") and _country_prefix(norm) != norm:
            national[norm.split()[-1]].add(j)
    for i, m in enumerate(mentions):
        if m.kind == "generic" and m.code in INSTITUTIONS and not m.plural and normalize_name(m.text):
            roots = {find(j) for j in national.get(normalize_name(m.text).split()[-1], ())}
            if len(roots) == 1 and len(normalize_name(m.text).split()) == 1:
                union(roots.pop(), i)
    for i, m in enumerate(mentions):  # "the Commission" after "the European Commission"
        if m.kind == "generic" and m.code not in INSTITUTIONS and not m.plural:
            head = normalize_name(m.text).split()[-1] if normalize_name(m.text) else ""
            specific = len(_content_words(m.text)) > 1  # "the electoral commission" may precede its name
            fitting = [j for j in heads.get(head, ()) if (specific or mentions[j].start < m.start)
                       and _modifiers_fit(m, mentions[j])]
            roots = {find(j) for j in fitting}
            if len(roots) > 1 and m.definite and not specific and m.code not in _DEFAULT_CODES:  # "the agency"
                roots = {_most_told(roots, mentions, find)}
            if len(roots) == 1:
                union(roots.pop(), i)
                m.kind = "description"
    for i, m in enumerate(mentions):
        if m.kind != "generic" or m.code in INSTITUTIONS or m.type not in ("ArmedGroup", "Organization"):
            continue
        if m.relational:
            continue  # "its parent company" is not the "it" it belongs to, nor found by nearness
        named_as = next((j for start, j in starts.items() if m.named_as is not None and start <= m.named_as
                         < mentions[j].end), None)
        if named_as is not None:
            union(find(named_as), i)  # "a group claiming to be X" is X
            continue
        pool = [j for j in named if mentions[j].type == m.type or m.type == "Organization"]
        if not pool:
            continue
        if m.code in _CIVIL_CODES:  # "a transporters' union", "the party": no armed group, no ministry
            pool = [j for j in pool if mentions[j].type == "Organization"]
        codes = None  # each cluster's description codes, found once and only when needed
        if m.code in _OWN_KIND_CODES:  # "the union" is no company that is merely the only organization
            codes = _cluster_codes(mentions, find)
            pool = [j for j in pool if _said_to_be(m, mentions[j], codes.get(find(j), set()))]
        if not pool:
            continue
        roots = {find(j) for j in pool}
        if m.plural and not m.definite and m.code not in _DEFAULT_CODES:
            codes = _cluster_codes(mentions, find) if codes is None else codes
            kin = {root for root in roots if m.code in codes.get(root, set())}
            if len(kin) == 1:  # "rebels" where only "the M23 rebels" were called so: the M23
                union(kin.pop(), i)
                continue
        if len(roots) == 1 and (m.definite or not m.plural):
            if not m.definite and any(mentions[j].type != m.type for j in pool):
                continue  # "a hospital" is a new one, not the article's only named armed group
            union(roots.pop(), i)  # the only one of its kind in the article ("gunmen" may be anyone)
            continue
        if m.definite:  # "the group", "the company": the nearest compatible actor before it
            named_roots = {find(j) for j in pool}
            before = [j for j in range(len(mentions)) if mentions[j].start < m.start and find(j) in named_roots
                      and (mentions[j].type == m.type or m.type == "Organization"
                           or mentions[j].type in ("ArmedGroup", "Organization"))]
            codes = _cluster_codes(mentions, find) if codes is None else codes
            before = [j for j in before if not (mentions[j].subject and mentions[j].sentence == m.sentence)
                      and _codes_fit(m.code, codes.get(find(j), set()))]
            same_kind = [j for j in before if m.code not in _DEFAULT_CODES and m.code in codes.get(find(j), set())]
            before = same_kind or before  # "the party": a party the article has called one, if any
            if before:  # not the subject of its own sentence ("X accused Y of backing the group" is not X)
                union(find(_antecedent(m, [mentions[j] for j in before], before)), i)


def _most_told(roots: set[int], mentions, find) -> int:
    """Of several bodies a bare description may mean ("the agency", "the court"), the one the
    article is about: told most often, else named first."""
    told = Counter(find(j) for j in range(len(mentions)))
    first = {}
    for j, m in enumerate(mentions):
        first.setdefault(find(j), m.start)
    return max(sorted(roots), key=lambda r: (told[r], -first[r]))


_DEFAULT_CODES = {"", "BUS"}  # "the company", "the group": what any organization may be called
_OWN_KIND_CODES = {"LAB", "PTY"}  # "the union", "the party": only what the article has shown to be one
_CIVIL_CODES = {"LAB", "PTY", "BUS"}  # unions, parties, companies


def _said_to_be(description: EntityMention, name: EntityMention, codes: set[str]) -> bool:
    """Whether a name is of the kind a description says ("the union" is "the Dockers Union", or
    a name the article has already called a union), not merely the nearest organization."""
    words = _content_words(description.text)
    return description.code in codes or bool(words and words[-1] in _content_words(name.canonical or name.text))


def _modifiers_fit(description: EntityMention, name: EntityMention) -> bool:
    """Every word qualifying a description is in the name, roughly ("Mozambique's electoral
    commission" fits "National Elections Commission"; "the Korean company" does not fit "Ford
    Motor Company"). The country a description names is not such a word."""
    if description.country and name.country and description.country != name.country:
        return False  # "the German government" is not "the Russian Government"
    country = set(normalize_name(description.country).split()) if description.country else set()
    stems = {w[:5] for w in _content_words(name.canonical or name.text)}
    return all(w[:5] in stems for w in _content_words(description.text)[:-1] if w not in country)


def _cluster_codes(mentions, find) -> dict[int, set[str]]:
    """Phoenix sector codes of each cluster's descriptions ("the army": MIL, "the rebels": REB)."""
    codes: dict[int, set[str]] = defaultdict(set)
    for j, m in enumerate(mentions):
        if m.code and m.kind in ("generic", "description"):
            codes[find(j)].add(m.code)
    return codes


def _codes_fit(code: str, codes: set[str]) -> bool:
    """A description of one kind ("the rebels") is no name of another ("the army")."""
    return not code or not codes or code in codes


def _antecedent(description: EntityMention, candidates: list[EntityMention], indices: list[int]) -> int:
    """The name a definite description refers back to: one sharing a word with it ("the
    Craiova-based car maker" -> "Automobile Craiova"), else the one in the nearest sentence
    before it, a clause's subject first ("X said ... its unit, Y. The company's ..." is X)."""
    words = {w for form in (description.text, *description.extra_aliases)  # the head noun only says the kind
             for w in _content_words(form)[:-1]}
    sharing = {i for c, i in zip(candidates, indices)
               if c.kind == "name" and words & set(_content_words(c.canonical or c.text))}
    if len(sharing) == 1:
        return sharing.pop()
    nearest = max(c.sentence for c in candidates)
    return max((c.subject, c.start, i) for c, i in zip(candidates, indices) if c.sentence == nearest)[2]


@lru_cache(maxsize=4096)
def _content_words(text: str) -> tuple[str, ...]:
    """Lower-case words of three letters or more, hyphenated parts apart ("Craiova-based")."""
    return tuple(w for w in re.split(r"[\s-]+", normalize_name(text)) if len(w) >= 3 and w not in _FUNCTION_WORDS)


def _is_clean_name(text: str) -> bool:
    words = text.replace("\u2019", "'").split()
    return bool(words) and all(w[0].isupper() or w.lower() in _FUNCTION_WORDS or not w[0].isalpha() for w in words) \
        and not any(w.endswith("'s") for w in words[:-1])


def _resolve_roles(mentions, union, find, text: str = "") -> None:
    """"The trial judge", "the minister": the nearest person named before with that title (a
    judicial title for a judge)."""
    for i, m in enumerate(mentions):
        if m.kind != "role":
            continue
        titled = [j for j, p in enumerate(mentions) if p.kind == "name" and p.type == "Person" and p.start < m.start
                  and ((m.head in p.titles and _same_title(m, p, text)) or (m.code == "JUD" and "kind:judicial" in p.titles))]
        named = [j for j, p in enumerate(mentions) if p.kind == "name" and p.type == "Person"
                 and m.end <= p.start <= m.end + _APPOSITION_CHARS
                 and (_in_apposition(text[m.end:p.start]) or _TITLE_CHAIN.match(text[m.end:p.start]))]
        # ^ "The vice president of Dacia, Constantin Stroe"; "the vice president and chairman of Chrysler LLC Jim Press"
        named += [j for j, p in enumerate(mentions) if p.kind == "name" and p.type == "Person"
                  and p.end <= m.start <= p.end + _APPOSITION_CHARS and text[p.end:m.start].lstrip().startswith(",")
                  and _in_apposition(text[p.end:m.start])]  # "Steve Jobs, the Apple Chief Executive Officer"
        if titled or named:
            union(find(named[0] if named else max(titled, key=lambda j: mentions[j].start)), i)
    _resolve_offices(mentions, union, find, text)


def _resolve_offices(mentions, union, find, text: str) -> None:
    """A country's office named before its holder ("Moscow's ambassador was summoned ... Russia's
    ambassador, Alexei Pavlovsky, said"; a headline's "Indonesia's transport minister" before
    "Jusman Syafii Djamal, minister of transport for Indonesia"): the one person the article
    names in that office, by the same title of the same country or by his own titles."""
    people = {find(j) for j, p in enumerate(mentions) if p.kind == "name" and p.type == "Person"}
    for i, m in enumerate(mentions):
        if m.kind != "role" or not m.qualifiers or find(i) in people:
            continue
        country = _office_country(m)
        same_office = {find(j) for j, r in enumerate(mentions) if r.kind == "role" and r.head == m.head
                       and find(j) in people and _office_country(r) == country}
        titled = {find(j) for j, p in enumerate(mentions) if p.kind == "name" and p.type == "Person"
                  and ((m.head in p.titles and _same_title(m, p, text)) or _described_as(m, p, text, country))}
        roots = same_office or titled
        if len(roots) == 1:
            union(roots.pop(), i)


def _described_as(role: EntityMention, person: EntityMention, text: str, country: str | None) -> bool:
    """"Jusman Syafii Djamal, minister of transport for Indonesia,": the phrase set after the name
    holds every word of the role's title and its country."""
    after = text[person.end:person.end + _APPOSITION_CHARS * 2]
    if not after.startswith(",") or country is None:
        return False
    words = set(normalize_name(after[1:].split(",", 1)[0]).split())
    title = _title_words(role)
    return bool(title) and title | set(normalize_name(country).split()) <= words


def _office_country(role: EntityMention) -> str | None:
    """The country whose office a title names ("Moscow's ambassador": Russia)."""
    whose = role.qualifiers[0] if role.qualifiers else None
    return (gazetteer.acting_for(whose) or whose) if whose is not None else None


def _title_words(role: EntityMention) -> set[str]:
    """A role's title words, without determiners and the country whose office it is ("Moscow's
    ambassador": ambassador)."""
    whose = {w for q in role.qualifiers for w in normalize_name(q).split()}
    return set(normalize_name(role.text).split()) - _DETERMINERS - whose


#: What may stand between a title and the name it is set before, with no comma: the rest of the
#: title and the body it is of ("... and chairman of Chrysler LLC Jim Press", "... of Acme Corp John Roe").
_TITLE_CHAIN = re.compile(r"^(?: and [a-z-]+(?: [a-z-]+)?)? of(?: the)?(?: [A-Z][\w.&'-]*)+ $")


def _in_apposition(between: str) -> bool:
    """The words between a name and its title (either way round) set one beside the other: none,
    or a comma, articles and capitalized names ("the rebel spokesman Jean Bosco"; "Jean Roe, the
    European Central Bank president"; "the vice president of Dacia, Constantin Stroe")."""
    if not between.strip():
        return True  # "the rebel spokesman Jean Bosco": a title right before the name
    return "," in between and len(between) <= _APPOSITION_CHARS and all(
        w[:1].isupper() or w.lower() in _DETERMINERS or w.lower() == "of" for w in between.replace(",", " ").split())


_APPOSITION_CHARS = 60  # how far apart a name and its title in apposition stand at most


def _spans(ms: list[EntityMention]) -> tuple[Mention, ...]:
    return tuple(sorted({Mention(m.start, m.end, m.text) for m in ms}))


def _titled_unnamed(ms: list[EntityMention], scope: str) -> Entity | None:
    """"The interior minister told reporters", "the Prime Minister", with no one of that title
    named: one person of the article, named by the title (a bare "the minister" names nobody)."""
    titles = [" ".join(w for w in m.text.split() if w.lower() not in _DETERMINERS) for m in ms]
    title = max((t for t in titles if len(t.split()) >= 2), key=lambda t: (len(t.split()), t), default=None)
    if title is None:
        return None
    spans = _spans(ms)
    return Entity(key=entity_key("Person", title, scope), type="Person", name=title,
                  aliases=tuple(sorted(set(titles) - {title})), mentions=spans)


_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her"}


def _same_title(role: EntityMention, person: EntityMention, text: str) -> bool:
    """"The Prime Minister" is not "External Affairs Minister X": every word of the role's title is
    one of the person's ("the minister" is any minister's), unless the role stands in apposition."""
    if person.end <= role.start and text[person.end:role.start].lstrip().startswith(",") \
            and _in_apposition(text[person.end:role.start]):
        return True  # "Jean Roe, the European Central Bank president": the apposition names her title
    said = {w for t in person.titles for w in normalize_name(t.split(":", 1)[-1]).split()}
    return _title_words(role) <= said


def _with_affiliations(entities: list[Entity], mentions: list[EntityMention], key_of: dict[int, str]) -> list[Entity]:
    """An unnamed source's affiliation: the entity of the word its description names ("for the group"),
    else the body whose name or initials are among the words before its noun ("a PSD spokesperson",
    where the recognizer did not tag the initials)."""
    at = {(m.block, t): key_of.get(i) for i, m in enumerate(mentions) for t in range(m.tok_start, m.tok_end)}
    bodies = _bodies_by_form(entities)
    affiliation = {}
    for i, m in enumerate(mentions):
        if m.kind != "source" or not key_of.get(i):
            continue
        target = at.get((m.block, m.affiliation_token)) if m.affiliation_token is not None else None
        if target in (None, key_of[i]):
            target = _body_in_description(m.text, bodies)
        if target:
            affiliation.setdefault(key_of[i], target)
    return [replace(e, affiliation=affiliation[e.key]) if e.key in affiliation else e for e in entities]


def _bodies_by_form(entities: list[Entity]) -> dict[str, str]:
    """Each capitalized name and alias of a body, normalized, with its key (a form two bodies share
    names neither)."""
    found: dict[str, set[str]] = defaultdict(set)
    for e in entities:
        if e.type in ("Organization", "GovernmentBody", "ArmedGroup"):
            for form in (e.name, *e.aliases):
                if form[:1].isupper():
                    found[normalize_name(form)].add(e.key)
    return {form: next(iter(keys)) for form, keys in found.items() if len(keys) == 1}


def _body_in_description(text: str, bodies: dict[str, str]) -> str | None:
    """The body named by the longest run of capitalized words before a description's noun."""
    words = text.split()[:-1]
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            run = words[start:start + size]
            if run[0][:1].isupper() and (key := bodies.get(normalize_name(" ".join(run)))):
                return key
    return None


def _entity(mentions: list[EntityMention], members: list[int], country: str | None, scope: str = "") -> Entity | None:
    ms = [mentions[i] for i in members]
    if all(m.kind == "member" for m in ms):
        return None  # "officers" of no force the article names: anyone's
    if all(m.kind == "role" for m in ms):
        return _titled_unnamed(ms, scope)  # "the minister" with no minister named: nobody the graph can name
    if all(m.kind == "source" for m in ms):  # named by its description, this article's only
        source = ms[0]
        spans = _spans(ms)
        aliases = tuple(sorted({a for m in ms for a in (m.text, *m.extra_aliases)} - {source.canonical}))
        return Entity(key=entity_key(source.type, source.canonical, scope), type=source.type, name=source.canonical,
                      aliases=aliases, mentions=spans)
    named = [m for m in ms if m.kind == "name"]
    if not named and all(m.kind == "generic" and m.type in ("Organization", "ArmedGroup") and m.code not in INSTITUTIONS
                         and not m.plural for m in ms):
        return None  # "the group" with no named group to stand for is not a thing of its own
    if all(m.type == "Place" and m.ner == "NORP" for m in ms):
        return None  # "a Canadian company" says where a thing is from, not that Canada is in the story
    entity_type = _vote_type(ms)
    national = next((m.canonical for m in named if m.type == "GovernmentBody" and m.country and m.canonical), None)
    if national:
        name = national  # "the Russian Government" is named as "Russia vetoed" names it: Russia government
    elif named:
        name = _best_name([m for m in named if not m.new_name] or named)
    elif any(m.kind == "generic" for m in ms):
        generic = min((m for m in ms if m.kind == "generic"),  # the plainest form names a collective
                      key=lambda m: (m.type == "Group" and len(m.text.split()), m.start))
        institution, place = _institution(generic, country)
        if generic.code in INSTITUTIONS or entity_type == "GovernmentBody":
            name = f"{place} {institution}" if place else (generic.canonical or institution)
        elif generic.qualifiers:  # "Airbus employees", also for "employees of Airbus"
            name = " ".join([*generic.qualifiers, (generic.canonical or _plain_phrase(generic)).split()[-1]])
        else:
            name = generic.canonical or _plain_phrase(generic)
    else:
        name = ms[0].text
    # a description cut short by a name inside it ("French| troops") is known by its whole form
    surface = {m.text for m in ms if not (m.kind == "generic" and m.extra_aliases)
               and not (m.kind == "description" and m.text.islower())}  # "the secretariat" is no name of it
    surface |= {x for m in ms for x in m.extra_aliases} | {m.canonical for m in ms if m.canonical}
    surface |= {_strip_det(s) for s in surface}
    aliases = tuple(sorted(a for a in surface if a and normalize_name(a) != normalize_name(name) or (a and a != name and a in {m.text for m in ms})))
    aliases = tuple(sorted({a for a in aliases if a != name}))
    if entity_type == "FinancialInstrument":  # "Hong Kong gained 0.5%" names the Hang Seng, yet is no name of it
        aliases = tuple(a for a in aliases if not gazetteer.lookup(a))
    geonames = sorted({m.geonames for m in ms if m.geonames})
    same_as = tuple(gazetteer.GEONAMES_IRI.format(g) for g in geonames[:1]) if entity_type == "Place" else ()
    spans = _spans(ms)
    titles = tuple(sorted({t[len("phrase:"):] for m in ms for t in m.titles if t.startswith("phrase:")}))
    return Entity(key=entity_key(entity_type, name), type=entity_type, name=name, aliases=aliases,
                  mentions=spans, same_as=same_as, titles=titles if entity_type == "Person" else ())


def _strip_det(text: str) -> str:
    words = text.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0].lower() in ("the", "a", "an") else text


def _plain_phrase(m: EntityMention) -> str:
    return _strip_det(m.text)


def _best_name(named: list[EntityMention]) -> str:
    """The fullest clean proper name: capitalized words, no inner possessive, most words."""
    forms = Counter(m.text for m in named if not (m.ner == "NORP" and m.canonical))  # "Romanian" names no node
    written = {f.upper(): f for f in forms if not f.isupper()}
    canonicals = {written.get(c, c) if c.isupper() else c for m in named for c in [m.canonical] if c}
    forms += Counter({c: 2 for c in canonicals})  # a dictionary's "HONDA" as the article writes it: "Honda"
    def score(text: str):
        singular = not (text.endswith("s") and text[:-1] in forms)  # "A330" over "A330s"
        return (_is_clean_name(text), len(normalize_name(text).split()), singular, forms[text], "'" not in text, text)
    best = max(forms, key=score)
    return best.replace("\u2019", "'") if "\u2019" in best and any("'" in f for f in forms) else best


def _vote_type(ms: list[EntityMention]) -> str:
    """Lexicon and title evidence outvote the statistical NER; a PERSON name beats an ORG guess."""
    votes, untitled_people = Counter(), 0
    for m in ms:
        titled = m.type == "Person" and any(not t.startswith("kind:") for t in m.titles)  # "Mr Zhang"
        weight = 3 if (m.canonical or m.typed_by_context or titled) and m.kind == "name" else 1
        if m.kind == "handle":
            weight = 0.1
        votes[m.type] += weight
        untitled_people += weight if m.type == "Person" and not titled else 0
    full_person = [m.text.split() for m in ms if m.type == "Person" and m.kind == "name" and len(m.text.split()) > 1]
    places = [m for m in ms if m.type == "Place"]
    if full_person and places and all(_part_of_a_name(m.text.split(), full_person) for m in places):
        return "Person"  # "Henderson" after "Fritz Henderson" is his surname, whatever the gazetteer says
    if any(m.type == "Place" and m.geonames for m in ms) and all(
            m.type == "Place" or (m.kind == "name" and m.ner == "ORG" and not m.typed_by_context and not m.canonical)
            for m in ms):
        return "Place"  # a town the gazetteer knows, used as a place once: the NER's bare ORG guesses are wrong
    full_org = [m for m in ms if m.type not in ("Person", "Place") and m.kind == "name" and len(m.text.split()) > 1]
    if full_org and not full_person and any(m.type == "Person" for m in ms):
        votes.pop("Person")  # "Cerberus" tagged PERSON after "Cerberus Capital Management": a short name
    if "Place" in votes and votes["Place"] > sum(v for t, v in votes.items() if t != "Place") - (
            untitled_people if not any(m.type == "Person" and m.kind == "name" and len(m.text.split()) > 1
                                       for m in ms) else 0):
        return "Place"
    specific = [t for t in ("GovernmentBody", "ArmedGroup") if votes.get(t)]
    if votes.get("Organization") and specific:  # "NAO" (just an ORG) is the "... Office" it stands for
        votes[max(specific, key=votes.get)] += votes.pop("Organization")
    if votes.get("Person") and votes.get("Organization") and not any(m.canonical and m.kind == "name" for m in ms) \
            and any(m.type == "Person" and len(m.text.split()) >= 2 for m in ms):
        return "Person"  # a full name tagged ORG once, PERSON elsewhere
    return max(votes, key=lambda t: (votes[t], _TYPE_RANK[t]))


def _part_of_a_name(words: list[str], full_names: list[list[str]]) -> bool:
    """Whether words are a person's surname ("Henderson") or given names ("Mohd Razif") in the same cluster."""
    return any(words == name[-1:] or _opens_a_name(words, name) for name in full_names)


def _dedupe_keys(entities: list[Entity], key_of: dict[int, str]) -> list[Entity]:
    """Two clusters that ended with the same key are one entity (same class, same name)."""
    merged: dict[str, Entity] = {}
    for e in entities:
        if e.key in merged:
            old = merged[e.key]
            merged[e.key] = Entity(key=e.key, type=e.type, name=old.name,
                                   aliases=tuple(sorted(set(old.aliases) | set(e.aliases) - {old.name})),
                                   mentions=tuple(sorted(set(old.mentions) | set(e.mentions))),
                                   same_as=tuple(sorted(set(old.same_as) | set(e.same_as))))
        else:
            merged[e.key] = e
    return sorted(merged.values(), key=lambda e: e.key)
