"""Entity mentions: pure functions over a parsed block, yielding typed spans.

Sources, in order of trust: the lexicon's named actors, names after titles, "X township" places,
the gazetteer, the statistical NER (re-typed where it is known to slip), agent nouns ("the army",
"security forces", "protesters"), handles ("@name") and parenthesized acronyms.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from kg import gazetteer
from kg.keys import government_name, normalize_name
from kg.lexicon import Lexicon
from kg.model import ACTOR_TYPES
from kg.nlp import DATELINE, letters_in_order

NER_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
_HANDLE = re.compile(r"@\w{2,}")
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
INSTITUTION_CODES = {"MIL", "COP", "SPY", "GOV"}
_NON_SPECIFIC = {"other", "any", "such", "every", "each", "similar"}
_PEOPLE_CODES = {"CVL", "PPL"}  # Phoenix codes of civilians and people at large
_NON_STATE_ARMED = {"REB", "UAF"}  # Phoenix codes of rebels, militants, gunmen (not soldiers or peacekeepers)
#: "the X party/union/militia/group/company/news agency": the body X names
_NAMED_BODY_CODES = {"PTY", "REB", "UAF", "LAB", "OPP", "BUS", "MED", ""}
_QUANTIFIERS = {"several", "many", "some", "numerous", "few", "dozens", "hundreds", "thousands", "tens", "scores",
                "more", "most", "all", "both", "least", "nearly", "about", "around", "over", "almost"}
PREVIOUS_COUNTRY = "<the country named last>"  # resolved across blocks by kg.extract.aliases


@dataclass
class EntityMention:
    """A span naming or describing an entity; offsets are absolute into the article text."""

    start: int
    end: int
    text: str
    type: str
    kind: str  # name | generic | handle
    block: int
    tok_start: int
    tok_end: int
    code: str = ""  # Phoenix agent code for generic nouns (MIL, GOV, COP ...)
    country: str | None = None  # explicit country in the phrase ("Ethiopia's foreign ministry")
    geonames: int | None = None
    canonical: str | None = None  # canonical name known from the lexicon
    alias_of: int | None = None  # index of the mention this one is an alias of (acronyms, handles)
    plural: bool = False
    definite: bool = False  # "the group", "its parent company": refers to something already named
    named_as: int | None = None  # start of X in "a group claiming to be X" / "known as X" / "called X"
    ner: str = ""  # the statistical NER's label, kept to let a wrong guess be outvoted
    typed_by_context: bool = False  # the sentence says what it is ("X, a company"): a strong vote
    described_by: int | None = None  # token index of the noun this name is in apposition to
    subject: bool = False  # a clause's subject: "the company" later most likely means it
    relational: bool = False  # "its parent company", "their rival": named relative to someone else
    extra_aliases: list[str] = field(default_factory=list)
    sentence: int = -1  # offset of the sentence it is in (recency for resolving descriptions)
    affiliation_token: int | None = None  # token (in the block) naming whom an unnamed source speaks for
    new_name: bool = False  # the name something is renamed to ("to be renamed Daimler AG"): an alias
    located: bool = False  # the phrase says it is a place ("in Osh", "the town of X"): no one's surname
    titles: tuple[str, ...] = ()  # a person's title words and "kind:<kind>" of them ("mr", "justice", "kind:judicial")
    head: str = ""  # a description's head noun lemma ("civilian" in "unarmed civilians")
    qualifiers: tuple[str, ...] = ()  # names qualifying a description ("Airbus" in "Airbus employees")
    forces: tuple[str, ...] = ()  # a force member's possible forces, by Phoenix code ("officers": COP, MIL)

    @property
    def is_actor(self) -> bool:
        return self.type in ACTOR_TYPES


def entity_mentions(doc: Doc, offset: int, block: int, lexicon: Lexicon) -> Iterator[EntityMention]:
    """All entity mentions of one parsed block, non-overlapping, in text order."""
    taken: set[int] = set()
    found: list[EntityMention] = list(_signature_name(doc, offset, block, taken))
    found.extend(_dateline_places(doc, offset, block, taken, lexicon))
    found.extend(_instruments(doc, offset, block, lexicon, taken))
    found.extend(_product_names(doc, offset, block, lexicon, taken))
    names = _split_at_brackets(_joined_known_names(doc.ents, lexicon))
    for ent in _split_at_commas(names, lexicon.company_suffixes):
        if any(t.i in taken for t in ent):
            continue
        mention = _from_ent(ent, offset, block, lexicon)
        if mention is not None:
            found.append(mention)
            taken.update(range(mention.tok_start, mention.tok_end))
    found.extend(_gazetteer_places(doc, offset, block, lexicon, taken))
    found.extend(_names_before_kind_nouns(doc, offset, block, lexicon, taken))
    found.extend(_unnamed_sources(doc, offset, block, lexicon, taken))
    for mention in _generic_mentions(doc, offset, block, lexicon, taken):
        found.append(mention)
        taken.update(range(mention.tok_start, mention.tok_end))
    found.extend(_handles(doc, offset, block, taken))
    found.extend(_described_names(doc, offset, block, lexicon, taken))
    found.extend(_bracketed_acronyms(doc, offset, block, found, taken))
    found.sort(key=lambda m: m.start)
    _cued_products(found, doc, lexicon)
    _link_parenthesized(found, doc)
    _link_appositions(found, doc)
    _link_renamings(found, doc)
    credits = _credits(doc, lexicon)
    for mention in _join_city_and_region(found, doc):
        if mention.is_actor and any(start <= mention.start - offset < end for start, end in credits):
            continue  # "Feb 13 (Reuters) -", "(AP Photo/Jane Roe)": who reported it, not who is in it
        mention.sentence = offset + doc[mention.tok_start].sent.start_char
        yield mention


def _credits(doc: Doc, lexicon: Lexicon) -> list[tuple[int, int]]:
    """The spans of a block that credit the story or a photo: a dateline (a block of its own, so
    all of it: the agency in its parentheses) and the credits of data/lexicons/credits.csv."""
    text = text_of(doc)
    if DATELINE.match(text) is not None:
        return [(0, len(text))]
    return [m.span() for pattern in lexicon.credits for m in pattern.finditer(text)]


_GLUE = {"to", "from", "with", "by", "into"}  # never inside a name: "X to Y" is two


def _joined_known_names(ents, lexicon: Lexicon) -> list[Span]:
    """"Lockheed| Martin": two entities side by side that together are a name the lexicon knows
    (named_actors.csv) are that one name; the small model cut it, and "Martin" became a product."""
    ents = list(ents)
    joined: list[Span] = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        if i + 1 < len(ents) and ents[i + 1].start == ent.end:
            both = ent.doc[ent.start:ents[i + 1].end]
            known = lexicon.named_actors.get(both.text.lower())
            if known is not None and known[1] != "Place":
                joined.append(Span(ent.doc, both.start, both.end, label="PERSON" if known[1] == "Person" else "ORG"))
                i += 2
                continue
        joined.append(ent)
        i += 1
    return joined


def _split_at_brackets(ents) -> Iterator[Span]:
    """The small model runs a name on into its parenthesis ("the National Flood Directorate (Nafdir"):
    the name ends before the bracket, and what the brackets hold is a name of its own (linked to
    it as its short name by :func:`_link_parenthesized`)."""
    for ent in ents:
        opening = next((t.i for t in ent if t.text == "(" and t.i > ent.start), None)
        if opening is None:
            yield ent
            continue
        closing = next((t.i for t in ent.doc[opening:ent.end] if t.text == ")"), ent.end)
        yield Span(ent.doc, ent.start, opening, label=ent.label_)
        if closing > opening + 1:
            yield Span(ent.doc, opening + 1, closing, label=ent.label_)


def _split_at_commas(ents, suffixes: frozenset[str]) -> Iterator[Span]:
    """The small model glues "Skoda, Petr Novak" and "X to Y" into one ORG: an organization's
    name has no comma and no lower-case "to", so each part is a name of its own; a part of two or three proper nouns after the comma,
    in apposition, is the person the sentence names. A comma before a company suffix alone is the
    name's own ("YRC Worldwide, Inc.")."""
    for ent in ents:
        commas = [t.i for t in ent if (t.text == "," and not _suffix_follows(ent, t.i, suffixes))
                  or (t.lower_ in _GLUE and t.is_lower and ent.start < t.i < ent.end - 1)]
        if ent.label_ != "ORG" or not commas:
            yield ent
            continue
        bounds = [ent.start, *commas, ent.end]
        for left, right in zip(bounds, bounds[1:]):
            start = left + 1 if ent.doc[left].text == "," or ent.doc[left].lower_ in _GLUE else left
            part = ent.doc[start:right]
            if not len(part):
                continue
            person = start > ent.start and ent.doc[left].text == "," and 2 <= len(part) <= 3 \
                and all(t.pos_ == "PROPN" for t in part)
            yield Span(ent.doc, part.start, part.end, label="PERSON" if person else ent.label_)


def is_company_suffix(word: str, suffixes: frozenset[str]) -> bool:
    """"Inc.", "Ltd", "Corporation": a legal-form word of company_suffixes.csv (written without its period there)."""
    return word.lower().rstrip(".") in suffixes


def _suffix_follows(ent: Span, comma: int, suffixes: frozenset[str]) -> bool:
    rest = [t for t in ent.doc[comma + 1:ent.end] if not t.is_punct]
    return len(rest) == 1 and is_company_suffix(rest[0].text, suffixes)


def text_of(doc: Doc) -> str:
    """A block's text, made once (spaCy joins the tokens again on every ``doc.text``)."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def nominals(doc: Doc) -> list[Token]:
    """The nouns and proper nouns of a parsed block, found once (several passes look only at them)."""
    return tokens_tagged(doc, ("NOUN", "PROPN"))


def tokens_tagged(doc: Doc, tags: tuple[str, ...]) -> list[Token]:
    """The tokens of a block with one of these parts of speech, found once per block: passes over
    a few word classes need not make a Python object of every token."""
    key = "kg_pos_" + "_".join(tags)
    found = doc.user_data.get(key)
    if found is None:
        pos = doc.to_array("POS")
        wanted = {doc.vocab.strings[tag] for tag in tags}
        found = doc.user_data[key] = [doc[i] for i in range(len(doc)) if pos[i] in wanted]
    return found


def _government_of(span: Span, lexicon: Lexicon) -> str | None:
    """The country of a name that is a national adjective and "government" ("Russian Government")."""
    words = span.text.split()
    if len(words) == 2 and words[1].lower() == "government":
        return lexicon.demonyms.get(words[0].lower())
    return None


def _trim(span: Span) -> Span:
    """Drop leading determiners and trailing possessives/punctuation from a span."""
    start, end = span.start, span.end
    while start < end and (span.doc[start].lower_ in _DETERMINERS or span.doc[start].is_punct
                           or span.doc[start].tag_ == "POS"):
        start += 1
    while end > start and (span.doc[end - 1].tag_ == "POS" or span.doc[end - 1].is_punct):
        end -= 1
    return span.doc[start:end]


def _with_name_before_suffix(span: Span, lexicon: Lexicon) -> Span:
    """A company's name the NER cut before its company suffix ("YRC |Worldwide, Inc."): the
    capitalized proper nouns right before it that no other entity holds belong to it."""
    if not is_company_suffix(span.doc[span.end - 1].text, lexicon.company_suffixes):
        return span
    start = span.start
    while start > 0 and span.start - start < 3 and span.doc[start - 1].pos_ == "PROPN" \
            and span.doc[start - 1].text[:1].isupper() and not span.doc[start - 1].ent_type_:
        start -= 1
    return span.doc[start:span.end]


def _from_ent(ent: Span, offset: int, block: int, lexicon: Lexicon) -> EntityMention | None:
    ent = _told_a_person(ent, lexicon)
    if (money := _SUM.match(ent.text)) and money.group(1) in lexicon.currencies:
        return None  # "R7.9bn", "Rs500": a sum of money after its currency's symbol, whatever the NER says
    product = _product(ent, offset, block, lexicon)
    if product is not None:
        return product
    if ent.label_ not in NER_LABELS:
        return None
    span = _trim(ent)
    place_with_body = False
    if ent.label_ in ("ORG", "NORP", "GPE", "LOC"):
        longer = _with_body_noun(span, lexicon)  # "Finance| Ministry": the NER stopped before the head noun
        place_with_body = ent.label_ in ("GPE", "LOC") and longer.end > span.end  # "Prahova County| Council"
        span = longer
    if ent.label_ == "ORG":
        span = _with_name_complement(span, lexicon)  # "United Party| for National Development"
        span = _with_name_before_suffix(span, lexicon)  # "YRC |Worldwide, Inc.": the NER left out the first word
        span = _without_title_tail(span, lexicon)  # "Airbus Executive| Vice President Jane Doerr"
        span = _without_description_head(span, lexicon)  # "the British union |Amicus"
    if not span.text or not any(ch.isalpha() for ch in span.text) or span.text.lower() in lexicon.time_zones:
        return None  # "16:30 UTC": a time zone, however the NER tagged it
    if ent.label_ == "ORG" and is_company_suffix(span.text, lexicon.company_suffixes):
        return None  # "Chrysler| LLC" cut in two by the NER: the suffix alone names no one
    if ent.label_ == "ORG" and all(t.lower_ in lexicon.portfolio_words for t in span) \
            and span.end < len(span.doc) and _is_title_word(span.doc[span.end], lexicon):
        return None  # "Interior| Secretary Juan Villareal": a field of government opening a title
    if ent.label_ == "PERSON" and all(_is_title_word(t, lexicon) for t in span):
        return None  # "Vice President" alone is a title, not a name
    span = _without_section_label(span, lexicon)  # "BUSINESS| Meridian Pharma" opening a scraped line
    titled = None
    if ent.label_ == "PERSON":
        span = _without_title_head(_with_given_names(span, lexicon), lexicon)
        # ^ "General| Jane Roe": the title is nkg:title, the whole an altLabel
        start = span.start
        while start > 0 and span.start - start < 4 and _is_title_word(span.doc[start - 1], lexicon) \
                and span.doc[start - 1].text[:1].isupper():
            start -= 1
        titled = span.doc[start:span.end].text if start < span.start else None
    text = span.text
    lower = text.lower()
    known = lexicon.named_actors.get(lower) if len(span) > 1 or text != lower else None
    # ^ one word with no capital is a word: "un-freeze" names no UN, whatever the NER tagged
    country = _government_of(span, lexicon)
    if country is not None:  # "the Russian Government" is Russia's, however it is capitalized
        return _mention(span, offset, block, "GovernmentBody", "name", canonical=government_name(country),
                        country=country, ner=ent.label_)
    if not known and not any(t.text[:1].isupper() for t in span):
        return _as_description(span, offset, block, lexicon)  # "the civilian guerrilla group" is no name
    place = gazetteer.lookup(text) if ent.label_ != "PERSON" or len(span) == 1 or _said_to_be_a_place(span, lexicon) \
        else None
    if place is None and (ent.label_ != "PERSON" or _said_to_be_a_place(span, lexicon)):
        place = gazetteer.division(text)  # "in Manabí" tagged ORG; not "Guerrero said" (a surname)
    only_a_place = False  # "an operation around Nacuale": the preposition says so (set below)
    if known:
        entity_type, canonical = known[1], known[0]
    elif place_with_body:
        entity_type, canonical, place = _organization_type(span, lexicon), None, None
    elif ent.label_ == "NORP" or (ent.label_ == "PERSON" and lower in lexicon.demonyms
                                  and span.root.dep_ in ("amod", "compound")) \
            or (ent.label_ in ("GPE", "LOC") and lower in lexicon.demonyms and place is None):
        # ^ "the Tajik delegation", "Sri Lankan Foreign Minister X" tagged a person; "the southern
        # Ukrainian city" tagged a place: the country
        country = lexicon.demonyms.get(lower)
        if not country:  # "neighboring Esmeraldas" tagged as a nationality may be a province
            return _mention(span, offset, block, "Place", "name") if place else None
        return _mention(span, offset, block, "Place", "name", canonical=country,
                        geonames=_geonames(country), ner="NORP")
    elif place and (ent.label_ in ("GPE", "LOC", "FAC") or place.kind in ("region", "country", "state")
                    or (ent.label_ == "PERSON" and len(span) == 1) or _said_to_be_a_place(span, lexicon)):
        entity_type, canonical = "Place", None  # a city as FAC, "Lyon" as PERSON; "GAO" stays an ORG
    elif ent.label_ in ("GPE", "LOC", "FAC") and any(ch.isdigit() for ch in text):
        entity_type, canonical = _organization_type(span, lexicon), None  # "M23": places have no digits
    elif ent.label_ in ("GPE", "LOC", "FAC") or (ent.label_ == "PERSON" and _said_to_be_a_place(span, lexicon)) \
            or _named_by_place_word(span, lexicon) or _a_building_where(span, lexicon) \
            or (only_a_place := ent.label_ == "ORG" and _only_a_place_there(span, lexicon)):
        entity_type, canonical = "Place", None  # nobody fights "in" a person; "a resident of X"
    elif ent.label_ == "PERSON":
        entity_type, canonical = "Person", None
    else:
        entity_type, canonical = _organization_type(span, lexicon), None
    if len(span) == 1 and _is_common_word(span[0], lexicon) and not known:
        return None  # "Clampdown" at the start of a heading is not an organization
    if entity_type == "Organization" and not known and ent.label_ == "ORG" and 2 <= len(span) <= 3 \
            and span.start > 1 and span.doc[span.start - 1].text == "," \
            and (role := _noun_before(span) or _role_of_body_before(span.doc[span.start - 2])) is not None \
            and lexicon.titles.get(role.lower_) in ("role", "office"):
        entity_type = "Person"  # "said the senior market strategist for Invesco, Fritz Meyer": a person's role
    told = None
    if not known and not (place and place.kind in ("region", "country", "state")):
        told = _type_told_by_context(span, lexicon)  # "Vela, a Canadian parts company"
        if told == "Organization" and entity_type in ("GovernmentBody", "ArmedGroup"):
            told = entity_type  # "head of the Federal Privatisation Agency": the name's own head is more precise
        entity_type = told or entity_type
    if entity_type == "Place" and place and place.kind == "country" and not canonical:
        canonical = place.name  # "Britain", "U.S." -> the country's one name
    before = _noun_before(span) if entity_type not in ("Person", "Place") else None
    described = before is not None and _organization_noun(before, lexicon) is not None  # "its unit, Seatco"
    return _mention(span, offset, block, entity_type, "name", canonical=canonical, subject=_is_subject(span),
                    geonames=place.geonames_id if place and entity_type == "Place" else None, ner=ent.label_,
                    located=entity_type == "Place" and (_said_to_be_a_place(span, lexicon) or only_a_place),
                    typed_by_context=told is not None or only_a_place, described_by=before.i if described else None,
                    extra_aliases=([_description_words(before)] if described else []) + ([titled] if titled else []),
                    titles=_titles_of(span, lexicon) if entity_type == "Person" else ())


_SUM = re.compile(r"^([A-Za-z$\u20ac\u00a3]{1,3})\d[\d.,]*(?:bn|mn|m|k)?(?:/\S*)?$")
_PRICE_WORDS = {"price", "prices", "future", "futures", "contract", "contracts", "yield", "yields"}


def _instruments(doc: Doc, offset: int, block: int, lexicon: Lexicon, taken: set[int]) -> Iterator[EntityMention]:
    """Stock indices, currencies, commodities and bonds by name (data/gazetteer/instruments.csv),
    and indices described by their head ("the banking index"). A name that is also an ordinary
    word ("real", "gold") counts only where a market sense is clear."""
    starts = _instrument_starts(lexicon)
    i = 0
    while i < len(doc):
        found = None
        if doc[i].lower_ not in starts:
            i += 1
            continue
        for j in range(min(len(doc), i + 6), i, -1):
            entry = lexicon.instruments.get(doc[i:j].text.lower())
            if entry is not None and not any(t.i in taken for t in doc[i:j]) and not _inside_longer_name(doc[i:j]):
                found = (j, entry)
                break
        if found is None or (found[1][2] and not _market_sense(doc[i:found[0]], lexicon)):
            i += 1
            continue
        end, (name, kind, _ambiguous) = found
        if kind != "index" and end < len(doc) and doc[end].lemma_.lower() == "index":
            i = end  # "the dollar index" is no dollar: an index of its own, named below
            continue
        while end < len(doc) and doc[end].lower_ in _PRICE_WORDS and not any(t.i in taken for t in doc[end:end + 1]):
            end += 1  # "the gold price slipped": what moved is gold, named with its price
        if end + 1 < len(doc) and doc[end].like_num and doc[end + 1].lemma_.lower() == "index":
            end += 1  # "the Merval 25 index": the index's number is part of its name
        short = doc[i:end].text
        word = end
        while word < len(doc) and doc[word].lower_ in lexicon.index_modifiers and kind == "index":
            word += 1  # "the Hang Seng share index"
        if word < len(doc) and doc[word].lemma_.lower() == "index" and not any(k in taken for k in range(end, word + 1)):
            end = word + 1  # ... and so is the index word ("the Standard & Poor's 500 Index")
        span = doc[i:end]
        taken.update(range(i, end))
        yield _mention(span, offset, block, "FinancialInstrument", "name", canonical=name,
                       extra_aliases=[short] if short != span.text else [])
        i = end
    for token in doc:
        if token.lemma_.lower() in ("index", "indice") and token.pos_ in ("NOUN", "PROPN") and token.i not in taken:
            words = [c for c in token.lefts if c.dep_ in ("compound", "amod", "nmod")
                     and (c.pos_ in ("NOUN", "PROPN") or c.text[:1].isupper() or c.lower_ in lexicon.index_modifiers)
                     and c.lower_ not in ("benchmark", "main", "broader", "key", "wider", "other", "same")]
            # ^ a lower-case adjective is part of an index's name only as an index word ("the primary UK
            # index"), a nationality capitalized ("the Japanese index"); "the few indexes" is none
            if words and not any(w.i in taken for w in words):
                first = min(w.i for w in words)
                while first > 0 and doc[first - 1].dep_ == "compound" and doc[first - 1].head.i >= first \
                        and doc[first - 1].text[:1].isupper() and first - 1 not in taken:
                    first -= 1  # "United States stock market indexes": "United" hangs on "States"
                span = doc[first:token.i + 1]
                taken.update(range(span.start, span.end))
                country = next(filter(None, (_country_named(t, lexicon) for t in span[:-1])), None)
                yield _mention(span, offset, block, "FinancialInstrument", "name", country=country, head="index",
                               plural=token.tag_ in ("NNS", "NNPS"),
                               qualifiers=tuple(t.lower_ for t in span[:-1] if t.lower_ not in lexicon.index_modifiers
                                                and _country_named(t, lexicon) is None))


def _cued_products(found: list[EntityMention], doc: Doc, lexicon: Lexicon) -> None:
    """A one-word name heading its phrase after "the current", "its latest" (product_cues.txt) is a
    product, whatever the NER or the gazetteer say ("the current Falcon" had been a place)."""
    for m in found:
        if m.kind != "name" or m.tok_end - m.tok_start != 1 or m.tok_start < 2 or m.type == "Product":
            continue
        token = doc[m.tok_start]
        cue, det = doc[m.tok_start - 1], doc[m.tok_start - 2]
        if token.dep_ not in ("compound", "amod", "poss") and cue.lower_ in lexicon.product_cues \
                and det.lower_ in ("the", "its", "their") and token.text[:1].isupper():
            m.type, m.typed_by_context = "Product", True


def _told_a_person(ent: Span, lexicon: Lexicon) -> Span:
    """A name right after "Mr", "Ms" or "Dr", or opening with one, is a person's, whatever the NER
    called it ("Mr MacFarlane" had been an organization, and his quotes went to the minister named
    before him); so is a name of two or three proper nouns right after an office or rank
    ("President Thabo Nkosi", tagged an organization), or one followed by an age."""
    if ent.label_ not in ("ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT"):
        return ent
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    opens = len(ent) > 1 and _is_courtesy_title(ent[0], lexicon) and ent[1].text[:1].isupper()  # "Ms Tierney"
    if opens or before is not None and _is_courtesy_title(before, lexicon) or _a_titled_name(ent, lexicon) \
            or _followed_by_age(ent):
        return Span(ent.doc, ent.start, ent.end, label="PERSON")
    return ent


def _followed_by_age(ent: Span) -> bool:
    """Whether an age stands between commas right after a name ("found Mohd Razif Hashim, 58, guilty",
    the name tagged an organization): only people are given their age that way."""
    doc, end = ent.doc, ent.end
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 2].text != ",":
        return False
    age = doc[end + 1].text
    return age.isdigit() and len(age) <= 3 and 5 <= int(age) <= 110


def _is_courtesy_title(token: Token, lexicon: Lexicon) -> bool:
    return token.text[:1].isupper() and lexicon.titles.get(token.lower_.rstrip(".")) == "courtesy"


def _a_titled_name(ent: Span, lexicon: Lexicon) -> bool:
    """Whether a capitalized office or rank of up to three words stands right before a name of two
    or three proper nouns that has no word of a body's name ("President X Y", not "Minister Z Party")."""
    if not 2 <= len(ent) <= 3 or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in ent):
        return False
    if any(t.lower_ in lexicon.agent_nouns or t.lower_ in (lexicon.name_heads or {})
           or t.lower_.rstrip(".") in lexicon.company_suffixes for t in ent):
        return False
    doc = ent.doc
    for size in (1, 2, 3):
        if ent.start - size < 0 or not doc[ent.start - size].text[:1].isupper():
            return False
        title = doc[ent.start - size:ent.start].text.lower().replace(".", "")
        if lexicon.titles.get(title) in ("office", "rank"):
            return True
    return False


def _country_named(token: Token, lexicon: Lexicon) -> str | None:
    """The country a word names, by demonym or by name ("Japanese", "UK")."""
    if token.lower_ in lexicon.demonyms:
        return lexicon.demonyms[token.lower_]
    place = gazetteer.country(token.text) if token.text[:1].isupper() else None
    return place.name if place else None


def link_described_indices(mentions: list[EntityMention], lexicon: Lexicon) -> None:
    """"The Japanese index" and "the primary UK index" are the one index of that country the
    article names (the Nikkei 225, the FTSE 100); "the share index" is its only named index. An
    index described by any other word ("the banking index") is another one."""
    named = {}
    for j, m in enumerate(mentions):
        if m.type == "FinancialInstrument" and m.canonical and m.kind == "name" \
                and lexicon.instruments.get(m.canonical.lower(), ("", ""))[1] == "index":
            named.setdefault(m.canonical, j)
    for d in mentions:
        if d.head != "index" or d.canonical or d.qualifiers or d.plural or d.alias_of is not None:
            continue
        fits = [j for name, j in named.items() if d.country is None or lexicon.instrument_countries.get(name) == d.country]
        if len(fits) == 1:
            d.alias_of, d.kind = fits[0], "description"


_STARTS: dict[int, frozenset[str]] = {}


def _instrument_starts(lexicon: Lexicon) -> frozenset[str]:
    """The first words of the instrument names: a token that starts none starts no name (checking
    every span of six tokens from every token took a quarter of the extraction)."""
    table = lexicon.instruments
    if id(table) not in _STARTS:
        _STARTS[id(table)] = frozenset(re.split(r"[\s\-/]", form)[0] for form in table if form.strip())
    return _STARTS[id(table)]


def _inside_longer_name(span: Span) -> bool:
    """"Gold Fields", "Dow Chemical": the word is part of a company's or a person's name (not "the
    Hang Seng", a name the recognizer took with its article)."""
    return any(t.ent_type_ in ("ORG", "PERSON") and t.ent_iob_ != "O" for t in span) and any(
        ent.label_ in ("ORG", "PERSON") and ent.start <= span.start and span.end <= ent.end
        and len([t for t in ent if t.tag_ != "DT"]) > len(span) for ent in span.doc.ents)


def _market_sense(span: Span, lexicon: Lexicon) -> bool:
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None
    if after is not None and (after.lower_ in _PRICE_WORDS or after.lemma_.lower() in ("index", "indice")):
        return True  # "gold prices", "oil futures", "the NASDAQ index"
    if before is not None and (before.lower_ in ("spot", "brent") or before.ent_type_ == "NORP"
                               or before.lower_ in lexicon.demonyms):
        return True  # "the South African rand", "spot gold"
    root = span.root
    while root.dep_ == "conj" and root.head != root:
        root = root.head  # "the S&P 500 and the Nasdaq both closed higher": a subject with the first
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return tells_a_market_move(root.head, lexicon)  # "gold rose", "oil added 2%", "gold was steady"


def tells_a_market_move(verb: Token, lexicon: Lexicon) -> bool:
    """A verb that tells its subject moved in a market: a market-move trigger ("rose"), a market
    verb ("added 2%"), "to be" with a market state ("was steady", "was 1% lower"), or a verb whose
    event is a market move when an instrument is its subject (type_refinements.csv: "struck a high")."""
    lemma = verb.lemma_.lower()
    kind = lexicon.trigger(lemma, "VERB")
    return kind == "MarketMove" or is_market_verb(verb, lexicon) or market_state_word(verb, lexicon) is not None \
        or (kind, "subject", "instrument", "MarketMove") in lexicon.refinements  # "the Nasdaq struck a high"


def is_market_verb(verb: Token, lexicon: Lexicon) -> bool:
    """A verb of market_verbs.csv, alone ("added 2%") or with its particle ("went up 2%": "go up";
    "went" alone is no market verb)."""
    lemma = verb.lemma_.lower()
    particles = [f"{lemma} {c.lower_}" for c in verb.children
                 if c.dep_ == "prt" or (c.dep_ == "advmod" and c.i == verb.i + 1)]  # "went down 3%"
    return lemma in lexicon.market_verbs or any(p in lexicon.market_verbs for p in particles)


def market_state_word(verb: Token, lexicon: Lexicon) -> Token | None:
    """"was flat", "was 1.75% lower": the word after "to be" that says where a market stands
    (directions.csv, market_states.csv)."""
    if verb.lemma_ != "be":
        return None
    return next((c for c in verb.children if c.dep_ in ("advmod", "acomp")
                 and (c.lower_ in lexicon.directions or c.lower_ in lexicon.market_states)), None)


#: A model number opening a name: "787 Dreamliner", "A380", "A400M" (not "M23" or "G20", nor a year).
_MODEL_NUMBER = re.compile(r"[A-Z]?\d{3}[A-Z]{0,2}")


def _product(ent: Span, offset: int, block: int, lexicon: Lexicon) -> EntityMention | None:
    """What the NER calls a product, or a name it tagged otherwise that opens with a model number
    ("the 787 Dreamliner", an organization to the NER), unless the lexicon knows it as an actor; a
    place the gazetteer knows when it stands bare after a locative preposition ("leaders in
    Rameswaram"; not "in the new Santa Fe", a car)."""
    span = _trim(ent)
    modelled = ent.label_ in ("ORG", "GPE", "LOC", "FAC", "NORP", "PERSON") and bool(span.text) \
        and _MODEL_NUMBER.fullmatch(span[0].text)
    if not (ent.label_ == "PRODUCT" or modelled) or not span.text or lexicon.named_actors.get(span.text.lower()):
        return None  # (the lexicon is asked only of a product's name: every other name asks it later)
    if modelled:
        return _mention(span, offset, block, "Product", "name", ner=ent.label_)
    place = gazetteer.lookup(span.text)
    if place and span.root.dep_ == "pobj" and span.root.head.lower_ in _LOCATIVE_PREPS \
            and not any(t.dep_ == "det" for t in span.root.children):
        return _mention(span, offset, block, "Place", "name", geonames=place.geonames_id, ner=ent.label_)
    return _mention(span, offset, block, "Product", "name", ner=ent.label_)


_CAMEL = re.compile(r"^[a-z][A-Z][A-Za-z]+$")  # "iPhone", "iPod", "eReader": product names, not words


def _product_names(doc: Doc, offset: int, block: int, lexicon: Lexicon, taken: set[int]) -> Iterator[EntityMention]:
    """Products by the words around them: the capitalized or numbered words right before a noun for
    a kind of product ("the 787 Dreamliner jet", "the iPhone 4 smartphone", "the A380 superjumbo"),
    and camel-case names ("iPod"). A maker named first ("Boeing 787 ...") stays the maker."""
    for noun in doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in lexicon.product_nouns or noun.i in taken:
            continue
        start = noun.i
        while start > 0 and doc[start - 1].dep_ in ("compound", "nummod", "amod", "nmod", "npadvmod") \
                and start - 2 <= doc[start - 1].head.i <= noun.i and doc[start - 1].pos_ in ("PROPN", "NUM", "ADJ", "NOUN") \
                and (doc[start - 1].text[:1].isupper() or any(ch.isdigit() for ch in doc[start - 1].text)
                     or _CAMEL.match(doc[start - 1].text)) and doc[start - 1].i not in taken \
                and doc[start - 1].ent_type_ not in ("MONEY", "PERCENT"):  # "a $25,000 vehicle voucher"
            start -= 1
        while start < noun.i - 1 and doc[start].like_num and doc[start].dep_ == "nummod" and doc[start].head.i == noun.i:
            start += 1  # "12 Azerbaijani drones", "40 Boeing 787 jets": how many, not the model's name
        named_from = start
        while start + 1 < noun.i and _maker(doc[start], noun, lexicon):
            start += 1  # "Boeing 787 Dreamliner": Boeing makes it
        if start < noun.i and any(t.text[:1].isupper() or any(ch.isdigit() for ch in t.text) for t in doc[start:noun.i]):
            span = doc[start:noun.i]
            if lexicon.named_actors.get(span.text.lower()) or all(t.lower_ in lexicon.demonyms for t in span):
                continue
            if _a_count(span, noun):
                continue  # "ordered 12 jets": a count of them, not a model named "12"
            if not any(t.pos_ == "PROPN" or any(ch.isdigit() for ch in t.text) or _CAMEL.match(t.text) for t in span):
                continue  # "New jet" in a title-case headline: an adjective, not a model's name
            if len(span) == 1 and _is_acronym(span.text):
                continue  # "RSF drones", "NATO jets", "GPS devices": whose or what kind, not a model's name
            taken.update(range(start, noun.i))
            yield _mention(span, offset, block, "Product", "name", typed_by_context=True,  # "X laptops": said
                           extra_aliases=[doc[named_from:noun.i].text] if named_from < start else [])  # "Airbus A320"
    yield from _products_in_apposition(doc, offset, block, lexicon, taken)
    for token in doc:
        if token.i not in taken and _CAMEL.match(token.text) and not lexicon.named_actors.get(token.lower_):
            end = token.i + 1
            while end < len(doc) and end not in taken and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() \
                    and doc[end - 1].dep_ == "compound" and doc[end - 1].head.i >= end:
                end += 1  # "iTunes Music Store": the capitalized words it is a compound of name it too
            while end < len(doc) and doc[end].pos_ == "NUM" and doc[end].dep_ == "nummod" and doc[end].head.i == token.i:
                end += 1
            taken.update(range(token.i, end))
            yield _mention(doc[token.i:end], offset, block, "Product", "name")


def _products_in_apposition(doc: Doc, offset: int, block: int, lexicon: Lexicon,
                            taken: set[int]) -> Iterator[EntityMention]:
    """A name the recognizer left untagged in apposition to a noun for a kind of product: "the
    Kestrel K9, the company's newest airliner", "a new phone, the Zentec Nova". A maker named first
    stays the maker."""
    for noun in doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in lexicon.product_nouns:
            continue
        name = noun.head if noun.dep_ == "appos" else next((c for c in noun.children if c.dep_ == "appos"), None)
        if name is None or name.pos_ != "PROPN" or name.i in taken:
            continue
        start, end = name.i, name.i + 1
        while start > 0 and _part_of_model_name(doc[start - 1], name):
            start -= 1  # "the 787 "Dreamliner"": the number and the quoted name are one
        while doc[start].is_quote:
            start += 1
        if start < name.i and end < len(doc) and doc[end].is_quote and doc[end].head.i == name.i:
            end += 1
        words = doc[start:end]
        if any(t.i in taken or t.ent_type_ not in ("", "PRODUCT", "CARDINAL") for t in words) \
                or lexicon.named_actors.get(words.text.lower()) or gazetteer.lookup(words.text):
            continue
        while start < name.i and _maker(doc[start], name, lexicon):
            start += 1  # "the Zentec Nova": Zentec makes it
        span = doc[start:end]
        taken.update(range(span.start, span.end))
        yield _mention(span, offset, block, "Product", "name", typed_by_context=True,
                       extra_aliases=[words.text] if words.start < start else [])


def _part_of_model_name(token: Token, name: Token) -> bool:
    """A capitalized word, a number or a quote mark hung on a model's name, before it."""
    return token.head.i == name.i and (token.is_quote or token.dep_ in ("compound", "nummod") and (
        token.text[:1].isupper() or token.like_num))


def _maker(token, noun, lexicon: Lexicon) -> bool:
    """A word before a product's name that names its maker: a known actor ("Boeing 787"), or an
    organization the NER ends before the name does; a name the NER calls an organization as a
    whole ("MacBook Air laptops") is the product's own."""
    if any(ch.isdigit() for ch in token.text):
        return False
    if lexicon.named_actors.get(token.lower_):
        return True
    if token.ent_type_ != "ORG":
        return False
    end = next(e.end for e in token.doc.ents if e.start <= token.i < e.end)
    return end < noun.i


def _a_count(span: Span, noun) -> bool:
    """"12 jets", "the 40 engines" count; "Boeing's larger 777 planes" names a model: a number alone
    before a plural noun counts it unless a possessive or an adjective comes before the number."""
    if noun.tag_ != "NNS" or not all(t.like_num for t in span):
        return False
    return not any(c.dep_ in ("poss", "amod") and c.i < span.start for c in noun.children)


def _titles_of(span: Span, lexicon: Lexicon) -> tuple[str, ...]:
    """The title words around a person's name ("Mr Justice X", "Foreign Minister X", "X, the
    army's spokesman") and the kinds of those titles, so "the judge" or "the minister" can be
    told to mean them."""
    doc = span.doc
    words = [t.lower_.rstrip(".") for t in span if _is_title_word(t, lexicon)]
    i = span.start - 1
    while i >= 0 and span.start - i <= 4 and _is_title_word(doc[i], lexicon):
        words.append(doc[i].lower_.rstrip("."))
        i -= 1
    words += [c.lemma_.lower() for c in span.root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    kinds = {lexicon.titles[w] for w in words if w in lexicon.titles}
    before = doc[i + 1:span.start]
    phrase = {f"phrase:{before.text}"} if len(before) and any(t.text[:1].isupper() for t in before) else set()
    return tuple(sorted(set(words) | {f"kind:{k}" for k in kinds} | phrase))


_LOCATIVE_PREPS = {"in", "near", "outside", "around", "across", "inside", "towards", "toward", "throughout", "within"}


def _said_to_be_a_place(span: Span, lexicon: Lexicon, *, aimed: bool = False) -> bool:
    """The phrase says a name is a place, whatever the NER guessed: "the town of X", or the
    object of a locative preposition on an event, a verb or a building ("fighting in X", "fled
    towards X", "a hospital in X"; not "a stake in X"); with ``aimed``, also what an event is
    aimed at ("an assault on X")."""
    token = span.root
    while token.dep_ == "conj" and token.head.i != token.i:  # "in X and Y"
        token = token.head
    if token.dep_ != "pobj":
        return False
    prep, head = token.head, token.head.head
    if prep.lower_ == "of":  # "the city of X"; "the Socio Vivienda neighborhood of X", "a district of X"
        return f"{head.lower_} of" in lexicon.place_designators or head.lower_ in lexicon.area_words
    if prep.lower_ not in _LOCATIVE_PREPS:
        return aimed and prep.lower_ in ("on", "against", "at") and _is_trigger(head, lexicon)
    return head.pos_ in ("VERB", "AUX") or (head.pos_ == "NOUN" and (
        _is_trigger(head, lexicon) or head.lower_ in lexicon.place_designators
        or head.lemma_.lower() in lexicon.facility_nouns))  # "a hospital in X", "its plants in X and Y"


#: Prepositions whose object is a place whatever governs them: "an operation around X", "villages near X".
_PLACE_PREPS = {"near", "around", "outside", "towards", "toward", "across", "throughout"}


def _only_a_place_there(span: Span, lexicon: Lexicon) -> bool:
    """A bare name the NER called an organization where only a place can stand ("launched an
    operation around Nacuale", "villages near Kawlin"): no word of it names a kind of body, a
    company or a building, and it is no short form of an organization named in the paragraph
    ("skewed towards Northrop" after "Northrop Grumman")."""
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ not in _PLACE_PREPS:
        return False
    if any(e.label_ == "ORG" and e.text.startswith(span.text + " ") for e in span.doc.ents):
        return False
    return not any(t.lower_ in lexicon.agent_nouns or t.lower_ in (lexicon.name_heads or {})
                   or t.lower_.rstrip(".") in lexicon.company_suffixes or t.lemma_.lower() in lexicon.facility_nouns
                   for t in span)


def _a_building_where(span: Span, lexicon: Lexicon) -> bool:
    """"met at Hyderabad House", "announced at the Ndola Civic Centre": a name ending in a
    facility noun, where something is done, is the building (the NER calls it an organization)."""
    root = span.root
    if not lexicon.names_a_facility(span.text) or root.dep_ != "pobj" \
            or root.head.lower_ not in (*_LOCATIVE_PREPS, "at"):
        return False
    head = root.head.head
    return head.pos_ in ("VERB", "AUX") or (head.pos_ == "NOUN" and _is_trigger(head, lexicon))


def _is_trigger(token: Token, lexicon: Lexicon) -> bool:
    return lexicon.trigger(token.lemma_.lower(), "VERB" if token.pos_ == "VERB" else "NOUN") is not None


_NOT_PLACES = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}


def _gazetteer_places(doc: Doc, offset: int, block: int, lexicon: Lexicon, taken: set[int]) -> Iterator[EntityMention]:
    """Places the NER missed or called something else ("an assault on Kidal" tagged as a
    language): a capitalized name the gazetteer knows, where the phrase says it is a place."""
    for ent in doc.ents:
        if ent.label_ in NER_LABELS or ent.label_ in _NOT_PLACES or any(t.i in taken for t in ent):
            continue  # "sales dropped in March": a date, though a town is called March
        place = gazetteer.lookup(ent.text) or gazetteer.division(ent.text)
        if place and ent[0].is_title and _said_to_be_a_place(ent, lexicon, aimed=True):
            taken.update(range(ent.start, ent.end))
            yield _mention(ent, offset, block, "Place", "name", geonames=place.geonames_id, ner=ent.label_, located=True)
    for token in nominals(doc):
        if token.i in taken or token.pos_ not in ("PROPN", "NOUN") or not token.is_title or token.ent_type_ \
                or (token.pos_ == "NOUN" and token.is_sent_start):
            continue  # a capitalized "noun" mid-sentence ("the town of Sake") is a name the tagger missed
        span = doc[token.i:token.i + 1]
        place = gazetteer.lookup(token.text) or gazetteer.division(token.text)
        if (place and _said_to_be_a_place(span, lexicon, aimed=True)) or _named_by_place_word(span, lexicon):
            taken.add(token.i)
            yield _mention(span, offset, block, "Place", "name", geonames=place.geonames_id if place else None,
                           located=True)


def _named_by_place_word(span: Span, lexicon: Lexicon) -> bool:
    """"the town of Sake", "the village of Um Adara": a place word says so, gazetteer or not."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ == "of" and f"{root.head.head.lower_} of" in lexicon.place_designators


def _with_given_names(span: Span, lexicon: Lexicon) -> Span:
    """"Nurul [Amin Chowdhury]": a capitalized proper noun right before a person's name, in the
    same noun phrase, is a name the NER left out (not a title, not another entity)."""
    doc, start = span.doc, span.start
    while start > 0 and span.start - start < 2:
        before = doc[start - 1]
        if not (before.pos_ == "PROPN" and before.is_title and before.dep_ == "compound" and not before.ent_type_
                and span.start <= before.head.i < span.end and not _is_title_word(before, lexicon)
                and not before.is_sent_start):
            break
        start -= 1
    return doc[start:span.end]


def _with_body_noun(span: Span, lexicon: Lexicon) -> Span:
    """"a Finance Ministry spokesperson": a capitalized noun for a body right after the NER's span
    ("Ministry", "Commission", "Party") belongs to the name."""
    doc, end = span.doc, span.end
    while end < len(doc) and doc[end].is_title and doc[end].pos_ in ("NOUN", "PROPN") and not doc[end].ent_type_ \
            and lexicon.agent_nouns.get(doc[end].lemma_.lower(), ("",))[0] in _BODY_TYPES:
        end += 1
    return doc[span.start:end]


_BODY_TYPES = ("GovernmentBody", "Organization", "ArmedGroup")
#: Prepositions that carry on a body's name ("Movement for Democratic Change", "Party of Regions",
#: "Council on Foreign Relations").
_NAME_PREPOSITIONS = ("for", "of", "on")


def _with_name_complement(span: Span, lexicon: Lexicon) -> Span:
    """"the ruling United Party for National Development": a name ending in a noun for a body,
    then "for"/"of"/"on" and capitalized words no other name claims, goes on to the last of them
    (the NER stopped at the preposition)."""
    doc, end = span.doc, span.end
    if not span or end + 1 >= len(doc) or doc[end].lower_ not in _NAME_PREPOSITIONS \
            or lexicon.agent_nouns.get(span[-1].lemma_.lower(), ("",))[0] not in _BODY_TYPES:
        return span
    last = end
    for token in doc[end + 1:]:
        if token.is_title and token.pos_ == "PROPN" and token.ent_type_ in ("", "ORG"):
            last = token.i
        elif not (token.lower_ == "and" and last == token.i - 1):
            break
    return doc[span.start:last + 1] if last > end else span


def _is_subject(span: Span) -> bool:
    """The span is (part of) a clause's subject: "The US car manufacturer General Motors said"."""
    token = span.root
    while token.dep_ in ("compound", "appos", "conj") and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


def _without_description_head(span: Span, lexicon: Lexicon) -> Span:
    """The NER sometimes takes the description before a name into it ("the British union Amicus"):
    a lower-case organization noun followed only by capitalized words leaves the name alone."""
    for i in range(len(span) - 2, -1, -1):
        token = span[i]
        if token.text[:1].islower() and _organization_noun(token, lexicon) \
                and all(t.text[:1].isupper() for t in span[i + 1:]):
            return span[i + 1:]
    return span


def _is_title_word(token: Token, lexicon: Lexicon) -> bool:
    word = token.lower_.rstrip(".")
    return word in lexicon.title_words or (word.endswith("s") and word[:-1] in lexicon.title_words)  # "Senators"


def _without_title_head(span: Span, lexicon: Lexicon) -> Span:
    """Title words the NER took into a person's name ("Maj-Gen" as written too), dropped while a
    given name and a surname remain ("General Jane Roe" -> "Jane Roe"; "Major Kadro", known only
    so, stays whole); a courtesy title goes before a surname alone ("Mr Aydemir" -> "Aydemir")."""
    doc, start = span.doc, span.start
    while start < span.end - 1:
        token = doc[start]
        if token.text in ("-", "\u2013") and start > span.start and _is_title_word(doc[start + 1], lexicon):
            start += 1  # "Maj-Gen"
            continue
        courtesy = lexicon.titles.get(token.lower_.rstrip(".")) == "courtesy"
        if not _is_title_word(token, lexicon):
            break
        if start >= span.end - 2 and not courtesy:
            return span  # "Lt Gen Viray", "Maj-Gen Viray": known only so, whole
        start += 1
    return doc[start:span.end]


def _without_section_label(span: Span, lexicon: Lexicon) -> Span:
    """A page's rubric in capitals glued before a line's first name ("BUSINESS Meridian Pharma")."""
    first = span.doc[span.start] if len(span) > 1 else None
    if first is None or first.i != 0 or not first.is_alpha or not first.text.isupper() \
            or first.lower_ not in lexicon.section_labels:
        return span
    following = span.doc[span.start + 1]
    return span.doc[span.start + 1:span.end] if following.text[:1].isupper() and not following.text.isupper() else span


def _without_title_tail(span: Span, lexicon: Lexicon) -> Span:
    """Title words the NER glued to an organization's name before a person's title."""
    doc, end = span.doc, span.end
    while end - 1 > span.start and _is_title_word(doc[end - 1], lexicon) and end < len(doc) \
            and _is_title_word(doc[end], lexicon) and lexicon.agent_nouns.get(doc[end - 1].lower_, ("",))[0] \
            not in ("Organization", "GovernmentBody", "ArmedGroup"):
        end -= 1  # ("Finance Ministry| spokesperson" keeps its ministry)
    return doc[span.start:end]


def _type_told_by_context(span: Span, lexicon: Lexicon) -> str | None:
    """What the sentence says a name is, outvoting the NER and the gazetteer: an apposition headed
    by an organization noun ("Vela, a Canadian auto parts company"; "the carmaker Seatco"), the
    object of a title ("the finance director of Skoda"), a plural name ("the Rolling Stones")."""
    root = span.root
    if len(span) == 1 and root.tag_ == "NNPS":
        return "Organization"
    if _names_a_party(span, lexicon):
        return "Organization"  # "the Frelimo party", tagged a person
    others = [c for c in root.children if c.dep_ == "appos"]
    before = _noun_before(span)
    if before is not None:
        others.append(before)
    if span.start > 0 and span.doc[span.start - 1].dep_ == "compound" and span.doc[span.start - 1].head.i in \
            range(span.start, span.end):
        others.append(span.doc[span.start - 1])  # "the carmaker Dacia"
    for other in others:
        if other.lemma_.lower() in _OFFSHOOTS and (parent := _known_parent(other, lexicon)):
            return parent  # "X, the Sahel affiliate of Al-Qaeda" is armed as Al-Qaeda is
        if not other.ent_type_ and (cls := _organization_noun(other, lexicon)):
            return cls
    if _traded(span, lexicon):
        return "Organization"  # "shares in Rietfontein Gold", "Harmony Gold rose 1%": a listed company
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN" and not (
            root.ent_type_ == "PERSON" and any(t.ent_type_ == "ORG" for t in root.subtree if t.i < span.start)):
        title = root.head.head  # (not "the chairman of Chrysler LLC Jim Press": Chrysler is what he chairs)
        if any(c.dep_ in ("compound", "amod") and c.lower_ in lexicon.place_designators for c in title.children):
            return None  # "the village chairman of Lumbac" heads a village, not a company
        phrase = " ".join(t.lower_ for t in title.doc[max(title.i - 1, 0):title.i + 1])
        kinds = {lexicon.titles.get(phrase), lexicon.titles.get(title.lower_)}
        if "role" in kinds or ("office" in kinds and title.lower_ == "president"):
            return "Organization"  # "the chief executive of X", "the vice president of X" (not a country)
    return None


def _names_a_party(span: Span, lexicon: Lexicon) -> bool:
    """A name right before a noun for a political grouping ("the Chile Vamos alliance", party_nouns.txt)
    that the recognizer called a person, or a place no gazetteer knows ("Bulgaria alliance" stays
    the country)."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is None or after.lower_ not in lexicon.party_nouns or span.root.head.i != after.i:
        return False
    label = span.root.ent_type_
    return label == "PERSON" or label in ("GPE", "LOC") and gazetteer.lookup(span.text) is None \
        and gazetteer.division(span.text) is None


_STOCK_NOUNS = {"share", "stock"}


def _traded(span: Span, lexicon: Lexicon) -> bool:
    """A name no gazetteer knows that the sentence trades: "shares in X", "X shares", "X stock",
    or the subject of a move by a percentage ("X fell 2.1%"): a listed company, whatever the NER
    guessed (it took "Rietfontein Gold" for a place and "Harmony Gold" for a person)."""
    if gazetteer.lookup(span.text) is not None:
        return False  # "Hong Kong shares", "Tokyo stocks": a market's place
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in ("in", "of") and root.head.head.lemma_.lower() in _STOCK_NOUNS:
        return True
    if root.dep_ == "compound" and root.head.lemma_.lower() in _STOCK_NOUNS:
        return True
    verb = root.head
    return root.dep_ == "nsubj" and verb.lemma_.lower() in (lexicon.directions or {}) and any(
        t.ent_type_ == "PERCENT" for c in verb.children if c.dep_ in ("dobj", "npadvmod", "prep") for t in c.subtree)


_OFFSHOOTS = {"affiliate", "branch", "wing", "offshoot", "faction", "franchise", "arm", "splinter"}


def _known_parent(noun: Token, lexicon: Lexicon) -> str | None:
    """The class of the named actor an offshoot is "of", when the lexicon knows it."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                words = [t for t in pobj.subtree if t.pos_ == "PROPN" or t.text[:1].isupper()]
                known = lexicon.named_actors.get(" ".join(t.text for t in words).lower()) if words else None
                if known and known[1] in ("ArmedGroup", "Organization", "GovernmentBody"):
                    return known[1]
    return None


def _organization_noun(token: Token, lexicon: Lexicon) -> str | None:
    """The organization class a common noun names ("company", "union", "division"), if any (the
    tagger may call it a proper noun outside any name: "Indonesia's competition commission, KPPU")."""
    if token.pos_ != "NOUN" and (token.pos_ != "PROPN" or token.ent_type_):
        return None
    lemma = token.lemma_.lower()
    cls = lexicon.agent_nouns.get(lemma, ("",))[0] or (lexicon.name_heads or {}).get(lemma)
    return cls if cls in ("Organization", "GovernmentBody", "ArmedGroup") else None


def _described_names(doc: Doc, offset: int, block: int, lexicon: Lexicon, taken: set[int]) -> Iterator[EntityMention]:
    """Names the NER missed but the sentence describes: "its Spanish division, Seatco", "the
    British union Amicus" (a proper noun in apposition to, or after, an organization noun)."""
    for token in nominals(doc):
        if token.i in taken or token.pos_ != "PROPN" or not token.text[:1].isupper() or token.dep_ == "compound":
            continue
        appositive = _noun_before(doc[token.i:token.i + 1])
        describer = appositive or next((c for c in token.children if c.dep_ == "compound" and c.i == token.i - 1), None)
        cls = _organization_noun(describer, lexicon) if describer is not None else None
        if cls is None:
            continue
        start = token.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound" \
                and doc[start - 1].i not in taken and doc[start - 1].text[:1].isupper():
            start -= 1
        span = doc[start:token.i + 1]
        taken.update(range(span.start, span.end))
        yield _mention(span, offset, block, cls, "name", typed_by_context=True,
                       described_by=describer.i if appositive is not None else None,
                       extra_aliases=[_description_words(describer)] if appositive is not None else [])


def _names_before_kind_nouns(doc: Doc, offset: int, block: int, lexicon: Lexicon,
                             taken: set[int]) -> Iterator[EntityMention]:
    """"the ruling Unity party", "the Verdi union", "the Carlos Patino front": capitalized words
    the NER missed, right before a noun for a kind of body, are that body's name (with the noun,
    another)."""
    for token in nominals(doc):
        cls = _organization_noun(token, lexicon)
        code = lexicon.agent_nouns.get(token.lemma_.lower(), ("", ""))[1]
        if cls is None or code not in _NAMED_BODY_CODES or token.tag_ == "NNS":
            continue
        end = token.i
        start = end
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title \
                and doc[start - 1].dep_ == "compound" and start - 1 not in taken and not doc[start - 1].ent_type_:
            start -= 1
        if start == end or doc[start].is_sent_start:
            continue
        span = doc[start:end]
        taken.update(range(span.start, span.end))
        yield _mention(span, offset, block, cls, "name", typed_by_context=True,
                       extra_aliases=[doc[start:end + 1].text])  # "the Carlos Patino front" is called so too


def _model_code(name: str) -> bool:
    """"A380", "F-16", "777X": letters and digits together name one model wherever they recur."""
    return any(ch.isdigit() for ch in name) and any(ch.isalpha() for ch in name)


def propagate_names(mentions: list[EntityMention], docs: list[tuple[Doc, int]],
                    lexicon: Lexicon | None = None) -> list[EntityMention]:
    """The NER tags a name in one sentence and misses it in the next: every other capitalized
    occurrence of a name the article has established (typed by its sentence, of two words or
    more, or an acronym) is a mention too, and so are a body's initials of three letters or more
    ("UPND" for "United Party for National Development"), a person's first word no other name
    shares ("Han" for "Han Seung-woo") and a company's first word ("Hanbit" after
    "Hanbit Petrochemical Co."). With a lexicon, "the secretariat" after "the Risk Management
    Secretariat" is that organization too (:func:`_head_descriptions`). ``docs`` are (doc, offset)
    per block, None for blocks that are not content; returns the new mentions."""
    known = {}
    for m in mentions:
        if m.kind == "name" and m.type != "Place" and (m.typed_by_context or len(m.text.split()) > 1
                                                       or (m.type == "Product" and _model_code(m.text))
                                                       or (m.type != "Person" and _is_acronym(m.text))):
            known.setdefault(tuple(m.text.split()), m)
    for m in mentions:  # "UPND" for "United Party for National Development", though the NER missed it
        if m.kind == "name" and m.type in _BODY_TYPES and len(m.text.split()) >= 3:
            for form in acronyms(m.canonical or m.text):
                if len(form) >= 3:
                    known.setdefault((form,), m)
    places = {m.text for m in mentions if m.kind == "name" and m.type == "Place" and m.located}
    for m in mentions:  # "Mondlane" after "Venancio Mondlane" (not "Osh" after "Jany Osh", where "in Osh" is a city)
        words = m.text.split()
        if m.kind == "name" and m.type == "Person" and len(words) > 1 and words[-1].istitle() and len(words[-1]) > 2 \
                and words[-1] not in places:
            known.setdefault((words[-1],), m)
    if lexicon is not None:
        for word, m in _first_words_of_persons(mentions, lexicon).items():
            known.setdefault((word,), m)
        for m in mentions:  # "Dreamliner" after "787 Dreamliner", and "20 Dreamliners": the product's own word
            words = m.text.split()
            if m.kind == "name" and m.type == "Product" and len(words) > 1 and _a_name_word(words[-1], lexicon):
                known.setdefault((words[-1],), m)
                known.setdefault((words[-1] + "s",), m)
        text = " ".join(text_of(item[0]) for item in docs if item is not None)
        seen = set()
        for m in mentions:
            if (m.text, m.kind, m.type) not in seen:  # once per name, not per mention of it
                seen.add((m.text, m.kind, m.type))
                first = _company_first_word(m, lexicon, text)
                if first:
                    known.setdefault((first,), m)
    by_first: dict[str, list[tuple[tuple[str, ...], EntityMention]]] = {}
    for words, model in sorted(known.items(), key=lambda item: -len(item[0])):  # longest first
        by_first.setdefault(words[0], []).append((words, model))
    taken = {(m.block, i) for m in mentions for i in range(m.tok_start, m.tok_end)}
    found = _product_variants(mentions, docs, taken)  # before "777" is found again inside "777-200LR"
    firsts = re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in sorted(by_first, key=len, reverse=True))) \
        if by_first else None
    for block, item in enumerate(docs):
        if item is None:
            continue
        doc, offset = item
        for match in firsts.finditer(text_of(doc)) if firsts else ():  # only where a known name's first word is
            char = match.start()
            token = doc.char_span(char, char + 1, alignment_mode="expand")
            if token is None:
                continue
            token = token[0]
            i = token.i
            for words, model in by_first.get(token.text, ()):
                end = i + len(words)
                if end > len(doc) or tuple(t.text for t in doc[i:end]) != words:
                    continue
                if any((block, k) in taken for k in range(i, end)) or (end < len(doc) and doc[end].pos_ == "PROPN"
                                                                         and doc[end].is_title):
                    continue
                taken.update((block, k) for k in range(i, end))
                found.append(_mention(doc[i:end], offset, block, model.type, "name", typed_by_context=True,
                                      sentence=offset + doc[i].sent.start_char, subject=_is_subject(doc[i:end]),
                                      canonical=model.canonical or model.text if model.type == "Product" else None))
                break
    if lexicon is not None:
        found += _head_descriptions(mentions, docs, lexicon, taken)
    return found


def _product_variants(mentions: list[EntityMention], docs: list, taken: set[tuple[int, int]]) -> list[EntityMention]:
    """"The 777-200LR" after "its 777 airliner": a product's name joined by a hyphen to a code with
    a digit is a variant of it, a product of its own (the NER misses such codes in running text)."""
    names = {m.text for m in mentions if m.kind == "name" and m.type == "Product"}
    if not names:
        return []
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(n)}-(?=\w*\d)\w+" for n in sorted(names, key=len, reverse=True)))
    found = []
    for block, item in enumerate(docs):
        if item is None:
            continue
        doc, offset = item
        for match in pattern.finditer(text_of(doc)):
            span = doc.char_span(match.start(), match.end())
            if span is None or any((block, t.i) in taken for t in span):
                continue
            taken.update((block, t.i) for t in span)
            found.append(_mention(span, offset, block, "Product", "name", typed_by_context=True,
                                  sentence=offset + span[0].sent.start_char, subject=_is_subject(span)))
    return found


def _a_name_word(word: str, lexicon: Lexicon) -> bool:
    """A capitalized word that is a name, not a common noun for a kind of product or a place."""
    return word.isalpha() and word.istitle() and len(word) > 3 and word.lower() not in lexicon.product_nouns \
        and word.lower() not in STOP_WORDS and gazetteer.lookup(word) is None


def _first_words_of_persons(mentions: list[EntityMention], lexicon: Lexicon) -> dict[str, EntityMention]:
    """The first word of a person's name, where no other person's name shares it: the family
    name in "Han Seung-woo" ("Han said", which the NER calls a people), the usual name in
    "Ganbold Tsogtbayar" (no title, no common word, no place, no demonym)."""
    firsts: dict[str, dict[str, EntityMention]] = {}
    for m in mentions:
        words = [w for w in m.text.split() if w.lower() not in lexicon.title_words]
        if m.kind == "name" and m.type == "Person" and len(words) > 1:
            firsts.setdefault(words[0], {}).setdefault(" ".join(words), m)
    return {word: next(iter(names.values())) for word, names in firsts.items()
            if len(names) == 1 and word.isalpha() and word.istitle() and len(word) > 2
            and word.lower() not in STOP_WORDS and word.lower() not in lexicon.demonyms
            and gazetteer.lookup(word) is None}


def _is_acronym(text: str) -> bool:
    """"UPND", "RSF": capitals only, two to six letters."""
    return 2 <= len(text) <= 6 and text.isalpha() and text.isupper()


def _company_first_word(m: EntityMention, lexicon: Lexicon, text: str) -> str | None:
    """The word a company is called by after its full name ("Hanbit" for "Hanbit Petrochemical
    Co."): the first word of a name that ends in a company suffix, when it is no common word (the
    article never writes it in lower case, it is no stop word, title, demonym or place)."""
    words = m.text.split()
    if m.kind != "name" or m.type != "Organization" or len(words) < 3 \
            or not is_company_suffix(words[-1], lexicon.company_suffixes):
        return None
    first = words[0]
    lower = first.lower()
    if not (first.isalpha() and first[:1].isupper() and len(first) > 2) or lower in STOP_WORDS \
            or lower in lexicon.title_words or lower in lexicon.demonyms or gazetteer.lookup(first) is not None:
        return None
    if re.search(rf"(?<!\w){re.escape(lower)}(?!\w)", text):
        return None  # a word the article also writes in lower case is a common word
    return first


def _head_descriptions(mentions: list[EntityMention], docs, lexicon: Lexicon,
                       taken: set[tuple[int, int]]) -> list[EntityMention]:
    """"The secretariat" after "the Risk Management Secretariat": "the" and the head noun of the
    one organization name the article has with that head (a noun that is no agent noun of the
    lexicon: those, "the court", "the army", are resolved as descriptions in kg.extract.aliases)."""
    by_head: dict[str, set[str]] = {}
    first: dict[str, int] = {}
    for index, m in enumerate(mentions):
        words = m.text.split()
        if m.kind == "name" and m.type in ("Organization", "GovernmentBody", "ArmedGroup") and len(words) > 1:
            head = name_head(m.text)
            if head.isalpha() and head not in lexicon.agent_nouns and head not in STOP_WORDS:
                by_head.setdefault(head, set()).add(" ".join(words).lower())
                first.setdefault(head, index)
    found = []
    if not by_head:
        return found
    for block, item in enumerate(docs):
        if item is None:
            continue
        doc, offset = item
        for token in doc:
            names = by_head.get(token.lower_)
            if not names or len(names) > 1 or token.tag_ != "NN" or token.dep_ == "compound" or token.i == 0 \
                    or doc[token.i - 1].lower_ != "the" or (block, token.i) in taken:
                continue
            model = mentions[first[token.lower_]]
            if model.start >= offset + token.idx:
                continue  # a description refers back to a name told before it
            taken.add((block, token.i))
            found.append(_mention(doc[token.i:token.i + 1], offset, block, model.type, "description",
                                  alias_of=first[token.lower_], definite=True,
                                  sentence=offset + token.sent.start_char, subject=_is_subject(doc[token.i:token.i + 1])))
    return found


def name_head(name: str) -> str:
    """The head word of a name, normalized: "commission" in "National Commission on Human
    Rights", "secretariat" in "Risk Management Secretariat", "bank" in "Bank of America"."""
    words = normalize_name(name).split()
    if not words:
        return ""  # a name of symbols only normalizes to nothing
    cut = next((k for k, w in enumerate(words) if w in ("of", "on", "for") and k > 0), len(words))
    return words[cut - 1]


def _role_of_body_before(token: Token) -> Token | None:
    """"the strategist for Invesco AIM": the noun a body named last before a comma belongs to."""
    if token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.lower_ in ("for", "at", "of", "with") \
            and token.head.head.pos_ == "NOUN":
        return token.head.head
    return None


def _noun_before(span: Span) -> Token | None:
    """The common noun a name is in apposition to, from the parse or, where the small model
    misparses, from the commas: "its Spanish division, Seatco" / "... division, Seatco, said"."""
    root, doc = span.root, span.doc
    if root.dep_ == "appos" and root.head.i < span.start and (
            root.head.pos_ == "NOUN" or root.head.pos_ == "PROPN" and not root.head.ent_type_):
        return root.head  # the tagger may call an unnamed "commission" a proper noun
    if span.start >= 2 and doc[span.start - 1].text == "," and doc[span.start - 2].pos_ == "NOUN" \
            and (span.end == len(doc) or doc[span.end].text in (",", ".", ";")):
        return doc[span.start - 2]
    return None


def _description_words(noun: Token) -> str:
    """"its European division" -> "European division": the noun and its modifiers, no determiner."""
    left = noun.i
    while left > 0 and noun.doc[left - 1].dep_ in ("amod", "compound") and noun.doc[left - 1].head.i == noun.i:
        left -= 1
    return noun.doc[left:noun.i + 1].text


def _link_appositions(mentions: list[EntityMention], doc: Doc) -> None:
    """"its Spanish division, Seatco" and "Solidaires, the largest rail union": a description
    in apposition to a name is that name."""
    for i, m in enumerate(mentions):
        if m.described_by is None:
            continue
        for j, d in enumerate(mentions[:i]):
            if d.kind == "generic" and d.block == m.block and d.tok_end - 1 == m.described_by:
                d.kind, d.alias_of = "description", i
    for d in mentions:
        head = doc[d.tok_end - 1]
        if d.kind != "generic" or head.dep_ != "appos" or d.plural:
            continue
        named = next((j for j, m in enumerate(mentions) if m.kind == "name" and m.is_actor
                      and m.tok_start <= head.head.i < m.tok_end), None)
        if named is not None:
            d.kind, d.alias_of = "description", named
    for d in mentions:  # "the US carmaker General Motors", "private equity firm Cerberus": the name after it
        if d.kind != "generic" or d.plural or d.type in ("Person", "Group", "Place"):
            continue
        named = next((j for j, m in enumerate(mentions) if m.kind == "name" and m.block == d.block
                      and m.tok_start == d.tok_end and m.type not in ("Person", "Place")), None)
        if named is None:
            continue
        head, name = doc[d.tok_end - 1], doc[mentions[named].tok_start:mentions[named].tok_end].root
        if head.head.i in range(mentions[named].tok_start, mentions[named].tok_end) \
                or (head.dep_ == name.dep_ and head.head == name.head):  # the parse's two subjects of one verb
            d.kind, d.alias_of = "description", named
    for d in mentions:  # "M23 rebels": the group's members; "the ruling Frelimo party": the group itself
        member = d.type == "ArmedGroup" and d.code in _NON_STATE_ARMED
        body = d.type in ("Organization", "ArmedGroup") and not d.plural and d.code in _NAMED_BODY_CODES
        if d.kind != "generic" or not (member or body):
            continue
        named = next((j for j, m in enumerate(mentions) if m.kind == "name" and m.block == d.block
                      and m.tok_end == d.tok_start and m.type != "Place"
                      and (m.type != "Person" or (body and m.ner == "PERSON" and len(m.text.split()) == 1))), None)
        if named is None and member:  # "fighters from the Rapid Support Forces", "members of X"
            named = _member_of_named(mentions, d, doc)
        if named is not None:
            d.kind, d.alias_of = "description", named
            mentions[named].type = d.type if body else "ArmedGroup"
            mentions[named].typed_by_context = True  # spread to every mention of the name


def _member_of_named(mentions: list[EntityMention], d: EntityMention, doc: Doc) -> int | None:
    """The named group members are "from" or "of"."""
    head = doc[d.tok_end - 1]
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("from", "of"):
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if pobj is None:
                continue
            return next((j for j, m in enumerate(mentions) if m.kind == "name" and m.block == d.block
                         and m.tok_start <= pobj.i < m.tok_end and m.type in ("Organization", "ArmedGroup")), None)
    return None


def _link_renamings(mentions: list[EntityMention], doc: Doc) -> None:
    """A company renamed is one company with two names: "the name change of X to Y", "X was
    renamed Y", "X, formerly Y", "X's name was changed to Y", and "the companies' names are to be
    changed to Y and Z" (the companies the sentence before named first, in their order)."""
    def named_in(token: Token) -> int | None:  # a one-word "person" may be a company the NER misread
        return next((j for j, m in enumerate(mentions) if m.kind == "name" and m.type != "Place"
                     and (m.type != "Person" or len(m.text.split()) == 1) and m.tok_start <= token.i < m.tok_end), None)

    def any_named(token: Token) -> int | None:
        return next((j for j, m in enumerate(mentions) if m.kind == "name" and m.type != "Place"
                     and m.tok_start <= token.i < m.tok_end), None)

    def names_under(token: Token) -> list[int]:
        found = [named_in(t) for t in token.subtree]
        return list(dict.fromkeys(j for j in found if j is not None))

    if not _RENAMING.search(text_of(doc)):
        return

    def link(old: int | None, new: int | None) -> None:
        if old is not None and new is not None and old != new and mentions[new].alias_of is None:
            mentions[new].alias_of = old
            mentions[new].new_name = True
            if "Person" in (mentions[old].type, mentions[new].type) and mentions[old].type != mentions[new].type:
                kind = mentions[new].type if mentions[old].type == "Person" else mentions[old].type
                mentions[old].type = mentions[new].type = kind
                mentions[old].typed_by_context = mentions[new].typed_by_context = True

    for token in doc:
        lemma = token.lemma_.lower()
        if lemma in ("change", "renaming"):
            old = next((names_under(c) for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), [])
            new = next((names_under(c) for c in token.children if c.dep_ == "prep" and c.lower_ == "to"), [])
            if old and new and (lemma == "renaming" or any(c.dep_ == "compound" and c.lemma_.lower() == "name"
                                                           for c in token.children)):
                link(old[0], new[0])  # "the name change of X to Y"
            elif token.pos_ == "VERB" and new:  # "X's name was changed to Y", "the companies' names ..."
                name = next((c for c in token.children if c.dep_ in ("nsubjpass", "nsubj")
                             and c.lemma_.lower() == "name"), None) or _name_subject(token)
                owner = next((c for c in name.children if c.dep_ == "poss"), None) if name is not None else None
                if owner is not None and named_in(owner) is not None:
                    link(named_in(owner), new[0])
                elif owner is not None and owner.tag_ == "NNS":  # each new name to the old one it resembles
                    before = _names_of_sentence_before(mentions, doc, token)
                    for new_name in new:
                        similar = [j for j in before if _share_a_stem(mentions[j].text, mentions[new_name].text)]
                        if len(similar) == 1:
                            link(similar[0], new_name)
        elif lemma == "rename" and token.pos_ == "VERB":  # (a new name is never the first, see _best_name)
            names = list(dict.fromkeys(j for c in token.children if c.dep_ not in _OTHER_CLAUSE_DEPS
                                       for j in names_under(c)))
            if len(names) == 2:
                link(names[0], names[1])  # "X was renamed Y", "renamed X as Y"
        elif token.lower_ == "formerly":  # "X, formerly Y", "X (formerly known as Y)": one thing, whatever its kind
            after = next((j for j in map(any_named, doc[token.i + 1:token.i + 5]) if j is not None), None)
            before = next((j for j in map(any_named, reversed(doc[max(0, token.i - 6):token.i])) if j is not None),
                          None)
            if before is not None and after is not None:
                mentions[after].type = mentions[before].type
            link(before, after)


def _share_a_stem(a: str, b: str) -> bool:
    """"DaimlerChrysler" / "Daimler AG", "Chrysler Group" / "Chrysler Holding LLC": a word of one
    begins a word of the other (five letters at least)."""
    words_a = [w.lower() for w in re.findall(r"\w{5,}", a)]
    words_b = [w.lower() for w in re.findall(r"\w{5,}", b)]
    return any(x.startswith(y) or y.startswith(x) for x in words_a for y in words_b)


_RENAMING = re.compile(r"renam|\bnames?\b|formerly", re.I)  # a sentence without these renames nothing
_OTHER_CLAUSE_DEPS = {"conj", "cc", "advcl", "relcl", "ccomp", "parataxis", "punct"}


def _name_subject(verb: Token) -> Token | None:
    """The "name(s)" a verb in an xcomp chain is about: "names are announced to be changed"."""
    head = verb
    while head.dep_ == "xcomp" and head.head != head:
        head = head.head
        found = next((c for c in head.children if c.dep_ in ("nsubjpass", "nsubj") and c.lemma_.lower() == "name"), None)
        if found is not None:
            return found
    return None


def _names_of_sentence_before(mentions: list[EntityMention], doc: Doc, token: Token) -> list[int]:
    """Organizations named in the sentence before, in order, each once."""
    sentence = token.sent
    previous = doc[sentence.start - 1].sent if sentence.start > 0 else None
    if previous is None:
        return []
    found = [j for j, m in enumerate(mentions) if m.kind == "name" and m.type not in ("Person", "Place")
             and previous.start <= m.tok_start < previous.end]
    return list(dict.fromkeys(found))


def _as_description(span: Span, offset: int, block: int, lexicon: Lexicon) -> EntityMention | None:
    entry = _agent_entry(span[-1], lexicon)
    if entry is None or entry[0] in ("Person", "Place"):
        return None
    definite = span.start > 0 and span.doc[span.start - 1].lower_ in ("the", "this", "that", "its", "their")
    return _mention(span, offset, block, entry[0], "generic", code=entry[1], canonical=_generic_name(span),
                    definite=definite)


def _geonames(name: str) -> int | None:
    place = gazetteer.lookup(name)
    return place.geonames_id if place else None


def _organization_type(span: Span, lexicon: Lexicon) -> str:
    """An ORG's class from its head noun ("... Defence Force" -> ArmedGroup, "... Ministry" ->
    GovernmentBody, "Court of Appeal" -> GovernmentBody, "... Accountability Office" -> GovernmentBody)."""
    for size in (2, 1):
        words = " ".join(t.lemma_.lower() for t in span[-size:]) if len(span) >= size else None
        if words and words in lexicon.agent_nouns:
            cls = lexicon.agent_nouns[words][0]
            if cls in ("ArmedGroup", "GovernmentBody", "Organization"):
                return cls
    root = span.root.lemma_.lower()
    if span.root.i != span[-1].i and lexicon.agent_nouns.get(root, ("",))[0] in ("ArmedGroup", "GovernmentBody"):
        return lexicon.agent_nouns[root][0]
    return (lexicon.name_heads or {}).get(root) or (lexicon.name_heads or {}).get(span[-1].lower_) or "Organization"


def _is_common_word(token: Token, lexicon: Lexicon) -> bool:
    lower = token.lower_
    return (lexicon.capitalized_trigger(lower) is not None or lexicon.trigger(token.lemma_.lower(), "NOUN") is not None
            or lower in lexicon.agent_nouns or token.lemma_.lower() in lexicon.agent_nouns)


def _mention(span: Span, offset: int, block: int, entity_type: str, kind: str, **extra) -> EntityMention:
    return EntityMention(start=offset + span.start_char, end=offset + span.end_char, text=span.text,
                         type=entity_type, kind=kind, block=block, tok_start=span.start, tok_end=span.end, **extra)


def _generic_mentions(doc: Doc, offset: int, block: int, lexicon: Lexicon, taken: set[int]) -> Iterator[EntityMention]:
    """Agent nouns: "the army", "regime troops", "Ethiopia's foreign ministry", "protesters"."""
    for token in nominals(doc):
        if token.i in taken or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if token.dep_ == "compound" and lexicon.reporting_verbs.get(token.head.lemma_.lower()) is None \
                and (token.head.pos_ != "NOUN" or token.head.lemma_.lower() in lexicon.agent_nouns
                     or lexicon.agent_nouns.get(token.lemma_.lower(), ("",))[0] != "ArmedGroup"):
            continue  # part of a longer noun ("army chief", "assembly plant"), but "army positions" are the army's
        entry = _agent_entry(token, lexicon)
        if entry is None:
            continue
        entity_type, code, start = entry
        plural = token.tag_ in ("NNS", "NNPS")
        if entity_type == "Person" and plural and code in INSTITUTION_CODES and _member_of_organization(token, lexicon):
            entity_type, code = "Group", ""  # "union officials" are no government body
        elif entity_type == "Person" and plural and code in INSTITUTION_CODES:
            entity_type = "ArmedGroup" if code in ("MIL", "COP", "SPY") else "GovernmentBody"  # "soldiers"
        elif entity_type == "Person" and plural and code:
            entity_type = "Group"  # "women", "three men", "prosecutors", "lawyers": people as a collective
        elif entity_type == "Person" and plural and (forces := (lexicon.force_members or {}).get(token.lemma_.lower())):
            if _unqualified(token):  # "two officers were injured": the article's force, if it has one
                yield _mention(doc[token.i:token.i + 1], offset, block, "ArmedGroup", "member", forces=forces,
                               plural=True, subject=_is_subject(doc[token.i:token.i + 1]), head=token.lemma_.lower())
            continue
        elif entity_type == "Person":  # "the trial judge", "the minister": someone named before, by title
            country = _country_possessor(token)
            if not plural and (country is not None or any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)):
                first = min(start, country.left_edge.i) if country is not None else start  # "Mali's ambassador"
                yield _mention(_trim(doc[first:token.i + 1]), offset, block, "Person", "role", code=code,
                               head=token.lemma_.lower(), subject=_is_subject(doc[token.i:token.i + 1]),
                               qualifiers=(doc[first:country.i + 1].text,) if country is not None else ())
            continue  # an unnamed person ("a resident") is found where they speak (_unnamed_sources)
        if entity_type == "Group" and not plural:
            continue  # "a protester" is one person; "protesters" the collective
        if plural and lexicon.agent_heads.get(token.lemma_.lower()) == "organization" and code not in INSTITUTION_CODES:
            continue  # "militia groups" names a kind of organization, not one actor ("gunmen" is a collective)
        if non_specific(token):
            continue  # "other media", "any company": no particular actor
        if _partitive(token, lexicon):
            continue  # "a group of lawyers" are lawyers, not a group the article named before
        country, start = _country_modifier(doc, token, start, lexicon)
        whole = _trim(doc[word_start(doc, start):token.i + 1])
        start = max([start] + [i + 1 for i in range(start, token.i + 1) if i in taken])
        if start not in taken and word_start(doc, start) not in taken:
            start = word_start(doc, start)  # "full-time workers", not "time workers"
        while start < token.i and (doc[start].lower_ in _QUANTIFIERS or doc[start].like_num
                                   or _describes_the_government(doc[start], token, lexicon)):
            start += 1  # "several unarmed civilians" are unarmed civilians; "the national government" the government
        start = _past_an_age(doc, start, token.i)
        span = _trim(doc[start:token.i + 1])
        if not len(span) or not span[0].text[:1].isalnum():
            continue
        definite = any((c.dep_ == "det" and c.lower_ not in ("a", "an", "some", "any"))
                       or (c.dep_ == "poss" and (c.pos_ in ("PROPN", "PRON") or any(d.lower_ == "the" for d in c.children)))
                       for c in token.children)  # "the union", "its union", not "a transporters' union"
        relational = any(c.dep_ == "poss" and (c.pos_ == "PRON" or (c.pos_ == "PROPN" and c.ent_type_ in ("ORG", "PERSON")))
                         for c in token.children)  # "its parent company", "the UAW's jobs bank": not the possessor
        qualifiers = tuple(t.text for t in [*whole[:-1], *_of_names(token)]
                           if t.pos_ == "PROPN" and t.ent_type_ not in ("GPE", "NORP"))
        count = _counted(token, start) if plural else None
        counted = [_description(token.doc[count.start:token.i + 1])] if count is not None else []
        yield _mention(span, offset, block, entity_type, "generic", code=code, country=country, relational=relational,
                       canonical=_generic_name(span), plural=plural, definite=definite, subject=_is_subject(span),
                       head=token.lemma_.lower(), qualifiers=qualifiers,
                       named_as=_named_as(token, offset),
                       extra_aliases=([whole.text] if len(whole) > len(span) else [])  # "the UK government"
                       + counted)  # "at least 19 civilians": the collective, counted where it takes part


def _describes_the_government(word: Token, noun: Token, lexicon: Lexicon) -> bool:
    """"national", "centre-right", "minority" before "government" describe the country's one
    government; a level ("state", "provincial") or a name ("Lagos state") makes another body."""
    return noun.lemma_.lower() == "government" and word.pos_ in ("ADJ", "NOUN", "PUNCT", "PART") \
        and word.lower_ not in lexicon.government_levels and not word.text[:1].isupper()


_AGE_UNITS = {"year", "month", "week", "day"}


def _past_an_age(doc: Doc, start: int, end: int) -> int:
    """Past "year-old" left of a dropped number ("a 32-year-old Latvian citizen" is a Latvian
    citizen, not a "year-old Latvian citizen")."""
    at = start
    while at < end and doc[at].is_punct:
        at += 1
    if at + 2 < end and doc[at].lower_ in _AGE_UNITS and doc[at + 1].text == "-" and doc[at + 2].lower_ == "old":
        start = at + 3
        while start < end and doc[start].is_punct:
            start += 1
    return start


def non_specific(noun: Token) -> bool:
    """"other media", "any attack", "similar agreements": a noun naming no particular one."""
    return any(c.lower_ in _NON_SPECIFIC for c in noun.children if c.dep_ in ("amod", "det"))


def _of_names(token: Token) -> list[Token]:
    """"employees of Boeing": the names an of-phrase gives a description."""
    return [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.subtree if g.pos_ == "PROPN"]


def word_start(doc: Doc, i: int) -> int:
    """The first token of the written word token ``i`` is part of ("Craiova-based", "full-time")."""
    while i > 0 and not doc[i - 1].whitespace_ and (doc[i - 1].text == "-" or doc[i].text == "-"):
        i -= 1
    return i


_AFFILIATION_PREPS = ("for", "of", "at", "from", "with", "in")
_UNNAMED = {"a", "an", "one", "two", "three", "several", "some", "another"}


def _unnamed_sources(doc: Doc, offset: int, block: int, lexicon: Lexicon, taken: set[int]) -> Iterator[EntityMention]:
    """Unnamed people who speak: "a senior military official who asked not to be named said",
    "a resident of Diapaga told AFP", "two people familiar with the matter said", "according to a
    doctor there". Each is a Person (a Group when plural) named by its description, linked to
    whom it speaks for ("a spokesperson for the group", "a Finance Ministry spokesperson")."""
    for noun in nominals(doc):
        if noun.i in taken or noun.pos_ != "NOUN":
            continue
        counted = any(c.dep_ in ("det", "nummod", "amod") and (c.lower_ in _UNNAMED or c.like_num)
                      for c in noun.children)
        if not _speaks(noun, lexicon) and not (counted and noun.tag_ == "NN" and _takes_part(noun)):
            continue  # many who take part are a collective (_generic_mentions); one is someone
        entry = _agent_entry(noun, lexicon)
        if entry is None or entry[0] not in ("Person", "Group"):
            continue
        if not counted and (noun.tag_ != "NNS" or entry[0] == "Group"):
            continue  # "the spokesman said": someone already named; "residents said": the collective
        if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in noun.children) or (
                noun.i + 2 < len(doc) and doc[noun.i + 1].text == "," and doc[noun.i + 2].ent_type_ == "PERSON"):
            continue  # "an aerospace analyst, Jane Roe, said": she is named
        first = min([entry[2]] + [c.left_edge.i for c in noun.children if c.dep_ in ("amod", "compound")
                                  and c.i < noun.i])
        while first < noun.i and (doc[first].lower_ in _UNNAMED or doc[first].like_num or doc[first].is_punct):
            first += 1
        aged, first = first, _past_an_age(doc, first, noun.i)
        if aged != first and aged >= 2 and doc[aged - 1].text == "-" and doc[aged - 2].like_num:
            aged -= 2  # "46-year-old man": the annotators' and the reader's name for him, kept as an alias
        left = first
        while left < noun.i and left in taken:
            left += 1
        head = doc[left:noun.i + 1]
        tail = _affiliation_phrase(noun)
        phrase = doc[first:tail.end] if tail is not None else doc[first:noun.i + 1]  # "Finance Ministry spokesperson"
        count = _counted(noun, first)
        name = _description(doc[count.start:phrase.end] if count is not None else phrase)  # "two people familiar"
        taken.update(range(head.start, head.end))
        yield _mention(head, offset, block, "Group" if noun.tag_ == "NNS" else "Person", "source",
                       canonical=name, plural=noun.tag_ == "NNS", subject=_is_subject(head),
                       affiliation_token=_affiliation_token(noun, taken), head=noun.lemma_.lower(),
                       extra_aliases=sorted({phrase.text, name, doc[aged:phrase.end].text} - {head.text}))


#: Where an unnamed, counted someone takes part in what a clause tells: its subject or object, or
#: the object of a preposition ("the death of a driver", "attacked by a gunman").
_PARTICIPANT_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "agent")


def _takes_part(noun: Token) -> bool:
    """"A man attacked", "police arrested a suspect", "a bus driver was killed" (or a conjunct of
    such a noun): an unnamed someone the story tells of, not one it compares to ("like a soldier")."""
    while noun.dep_ == "conj":
        noun = noun.head
    return noun.dep_ in _PARTICIPANT_DEPS and not (noun.dep_ == "pobj" and noun.head.lower_ in ("than", "like", "as"))


def _counted(noun: Token, first: int) -> Span | None:
    """The number that counts a description, with what qualifies it ("at least 19" in "at least
    19 civilians", "seven" in "seven Mauritanian herders"); not an article or a vague quantity."""
    nums = [c for c in noun.children if c.dep_ == "nummod" and c.i < first and c.like_num]
    return noun.doc[nums[0].left_edge.i:nums[0].i + 1] if nums else None


def _description(span: Span) -> str:
    """A description as a name: "Three men" at the start of a sentence is "three men" ("Dutch
    prosecutors" stay as written)."""
    first, text = span[0], span.text
    if first.is_sent_start and first.pos_ != "PROPN" and first.ent_type_ in ("", "CARDINAL") and text[:2] != text[:2].upper():
        return text[:1].lower() + text[1:]
    return text


def _speaks(noun: Token, lexicon: Lexicon) -> bool:
    """The subject of a reporting verb, or "according to" it."""
    if noun.dep_ in ("nsubj", "nsubjpass"):
        return lexicon.reporting_verbs.get(noun.head.lemma_.lower()) is not None
    return noun.dep_ == "pobj" and noun.head.lower_ == "to" and noun.head.i > 0 \
        and noun.doc[noun.head.i - 1].lower_ == "according"


def _affiliation_phrase(noun: Token) -> Span | None:
    """"of Diapaga", "for the group", "familiar with the matter": the prepositional phrase that
    completes a source's description (never a clause)."""
    after = [c for c in noun.children if c.i > noun.i and (c.dep_ == "prep" and c.lower_ in _AFFILIATION_PREPS
                                                          or c.dep_ == "amod")]  # "people familiar with ..."
    if not after:
        return None
    return noun.doc[noun.i + 1:max(c.right_edge.i if c.dep_ == "amod" else _name_end(c) for c in after) + 1]


def _name_end(token: Token) -> int:
    """Where the phrase a token heads ends as a name: its "of" phrases stay ("the Ministry of
    Defence"), what only places or describes it goes ("Ukraine's forces| in the area", "the
    regional government| which administers X")."""
    kept = [c for c in token.children if c.i > token.i and not (
        c.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj") or (c.dep_ == "prep" and c.lower_ != "of"))]
    return max([token.i] + [_name_end(c) for c in kept])


def _affiliation_token(noun: Token, taken: set[int]) -> int | None:
    """The word naming whom a source speaks for: "for the group", "of Diapaga", "a Finance
    Ministry spokesperson", "the army's spokesman"."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in _AFFILIATION_PREPS:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj.i
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.i in taken):
            return child.i
    amod = next((c for c in noun.children if c.dep_ == "amod" and c.i in taken), None)
    return amod.i if amod is not None else None


def _country_possessor(noun: Token) -> Token | None:
    """The country whose office a title names: "Mali's ambassador", "South Korea's foreign minister"."""
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ == "PROPN" and (
                child.ent_type_ == "GPE" or gazetteer.acting_for(noun.doc[child.left_edge.i:child.i + 1].text)):
            return child
    return None


def _unqualified(noun: Token) -> bool:
    """"officers", "two senior officers", not "company officers", "its officers" or "officers of
    the bank": nothing says whose they are."""
    return not any(c.dep_ in ("compound", "poss", "prep", "nmod") for c in noun.children)


def _member_of_organization(token: Token, lexicon: Lexicon) -> bool:
    """"union officials", "company officials": the modifier names a non-state organization."""
    for child in token.children:
        if child.dep_ == "compound" and child.i < token.i:
            cls, code = lexicon.agent_nouns.get(child.lemma_.lower(), ("", ""))
            if cls == "Organization" and code not in INSTITUTION_CODES:
                return True
    return False


def _agent_entry(token: Token, lexicon: Lexicon) -> tuple[str, str, int] | None:
    """The agent-noun entry for a head noun (longest phrase ending in it wins); the mention
    starts at its leftmost modifier ("the elected government", "regime troops")."""
    doc = token.doc
    left = token.i
    while left > 0 and doc[left - 1].dep_ in ("compound", "amod", "advmod") and doc[left - 1].head.i in (token.i, left) \
            and not _gerund_after_verb(doc, left - 1):
        left -= 1
    for start in range(left, token.i + 1):
        words = " ".join([t.lower_ for t in doc[start:token.i]] + [token.lemma_.lower()])
        words_plain = " ".join(t.lower_ for t in doc[start:token.i + 1])
        for key in (words, words_plain):
            if key in lexicon.agent_nouns:
                cls, code = lexicon.agent_nouns[key]
                return cls, code, left
    national = (lexicon.national_agent_nouns or {}).get(token.lower_)
    if national is not None and _country_modifier(doc, token, left, lexicon)[0] is not None:
        return national[0], national[1], left  # "Israeli forces", "Russia's forces": that country's
    return None


def _gerund_after_verb(doc: Doc, i: int) -> bool:
    """"denied attacking civilians": a verb's -ing form the parser took for an adjective."""
    return doc[i].tag_ == "VBG" and i > 0 and doc[i - 1].pos_ in ("VERB", "AUX")


_NAMING_VERBS = {"claim", "call", "know", "name", "style", "identify"}


def _named_as(token: Token, offset: int) -> int | None:
    """"a group claiming to be X", "a militia known as X", "a company called X": where X starts."""
    for child in token.children:
        if child.dep_ == "acl" and child.lemma_.lower() in _NAMING_VERBS:
            names = [t for t in child.subtree if t.ent_type_ in ("ORG", "PERSON", "NORP", "GPE") and t.i > child.i]
            if names:
                return offset + names[0].idx
    return None


def partitive_of(token: Token, lexicon: Lexicon) -> list[Token]:
    """What "thousands of X", "a wave of X", "200 of X" are about: X (data/lexicons/partitive_nouns.txt)."""
    if not (token.like_num or token.ent_type_ == "CARDINAL" or token.lemma_.lower() in lexicon.partitives):
        return []
    return [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]


def _partitive(token: Token, lexicon: Lexicon) -> bool:
    """"a group of lawyers", "a band of gunmen": the noun only measures the plural after "of"."""
    return token.lemma_.lower() in lexicon.partitives and any(
        g.tag_ in ("NNS", "NNPS") for g in partitive_of(token, lexicon))


def _generic_name(span: Span) -> str:
    """A description's plain form: lower-cased where only sentence position capitalized it."""
    text = span.text
    first = span[0]
    if first.is_sent_start and first.pos_ != "PROPN" and text[:1].isupper():
        text = text[:1].lower() + text[1:]
    return text


def _country_modifier(doc: Doc, token: Token, start: int, lexicon: Lexicon) -> tuple[str | None, int]:
    """A country named in the phrase: "Ethiopian security forces", "Ethiopia's army", "Kenyan troops"."""
    for child in token.children:
        if child.i >= token.i or child.dep_ not in ("compound", "poss", "amod", "nmod"):
            continue
        text = child.text
        if child.dep_ == "poss" and child.lemma_.lower() in ("country", "nation") and any(
                d.lower_ == "the" for d in child.children):
            return PREVIOUS_COUNTRY, start  # "the country's government": the country named last
        if child.dep_ == "poss" or child.dep_ == "compound":
            phrase = doc[child.left_edge.i:child.i + 1]
            country = gazetteer.country(_trim(phrase).text) if len(phrase) else None
            if country:
                return country.name, min(start, _trim(phrase).start)
        demonym = lexicon.demonyms.get(text.lower())
        if demonym:
            return demonym, min(start, child.i)
    return None, start


def _handles(doc: Doc, offset: int, block: int, taken: set[int]) -> Iterator[EntityMention]:
    for match in _HANDLE.finditer(text_of(doc)):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or any(t.i in taken for t in span):
            continue
        yield EntityMention(start=offset + match.start(), end=offset + match.end(), text=match.group(),
                            type="Organization", kind="handle", block=block, tok_start=span.start, tok_end=span.end)


_MONTH_DAY = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}\b")


def _dateline_places(doc: Doc, offset: int, block: int, taken: set[int], lexicon: Lexicon) -> Iterator[EntityMention]:
    """"GOMA, Democratic Republic of Congo, Feb 13 (Reuters) -", "PITTSBURGH/TOKYO —": a dateline
    (kg.nlp.DATELINE, a block of its own) names where the story was filed. Each place is taken
    when the gazetteer knows it or a date follows; the NER's guess ("FRANKFURT" as an
    organization) is overruled."""
    match = DATELINE.match(text_of(doc))
    if not match:
        yield from _dateline_line(doc, offset, block, taken, lexicon)
        return
    rest = match.group("rest").lstrip()
    dated = bool(_MONTH_DAY.search(rest)) or rest.startswith(("\u2014", "\u2013", "- "))  # "FRANKFURT —"
    position = match.start("places")
    for part in match.group("places").split("/"):
        start = text_of(doc).index(part, position)
        position = start + len(part)
        place = gazetteer.lookup(part)
        span = doc.char_span(start, start + len(part), alignment_mode="contract")
        if span is None or not (place or dated) or any(t.i in taken for t in span):
            continue
        taken.update(range(span.start, span.end))
        yield _mention(span, offset, block, "Place", "name", canonical=part.title(),
                       geonames=place.geonames_id if place else None, ner="DATELINE")


def _dateline_line(doc: Doc, offset: int, block: int, taken: set[int], lexicon: Lexicon) -> Iterator[EntityMention]:
    """"NEW DELHI" on a line of its own above the lede: a dateline when the gazetteer knows the
    place ("ASIA" is a page's section, though a town is called Asia)."""
    text = text_of(doc).strip()
    place = gazetteer.lookup(text) if text.isupper() and len(text) <= 40 and \
        text.lower() not in lexicon.section_labels else None
    start = text_of(doc).index(text)
    span = doc.char_span(start, start + len(text)) if place else None
    if span is not None and not any(t.i in taken for t in span):
        taken.update(range(span.start, span.end))
        yield _mention(span, offset, block, "Place", "name", canonical=place.name, geonames=place.geonames_id,
                       ner="DATELINE")


_SIGNATURE_NAME = re.compile(r"^\s*[\u2014\u2013-]\s*(?P<name>[^(@\n]+?)\s*\(@\w+\)")


def _signature_name(doc: Doc, offset: int, block: int, taken: set[int]) -> Iterator[EntityMention]:
    """"— Some Outlet (@handle) June 1, 2021" closes an embedded post: the name is its author."""
    match = _SIGNATURE_NAME.match(text_of(doc))
    if not match:
        return
    span = doc.char_span(match.start("name"), match.end("name"), alignment_mode="contract")
    if span is None or not len(span) or any(t.i in taken for t in span):
        return
    entity_type = "Person" if any(e.label_ == "PERSON" for e in span.ents) else "Organization"
    taken.update(range(span.start, span.end))
    yield _mention(span, offset, block, entity_type, "name")


def _bracketed_acronyms(doc: Doc, offset: int, block: int, found: list[EntityMention],
                        taken: set[int]) -> list[EntityMention]:
    """"the Federal Privatisation Agency (BPI)": an acronym in brackets after an organization's
    name is a mention even when the NER missed it (linked as an alias by _link_parenthesized)."""
    extra = []
    for m in found:
        i = m.tok_end
        if m.type in ("Person", "Place") or i + 2 >= len(doc):
            continue
        if doc[i].text == "(" and doc[i + 2].text == ")" and i + 1 not in taken:
            if _looks_like_acronym(doc[i + 1].text):
                taken.add(i + 1)
                extra.append(_mention(doc[i + 1:i + 2], offset, block, m.type, "name"))
    return extra


_KNOWN_AS = re.compile(r",?\s+(?:\(\s*)?(?:also |commonly |locally |widely |better )?known as\s+", re.IGNORECASE)


def _link_parenthesized(mentions: list[EntityMention], doc: Doc) -> None:
    """"Name (ACRONYM)" and "Name (@handle)": the parenthesized one is an alias of the name (a
    handle after a place, "the Russian Embassy in Australia (@RusEmbAUS)", is the account of what
    stands there, not of the place)."""
    text = text_of(doc)
    base = mentions[0].start - doc[mentions[0].tok_start].idx if mentions else 0
    for i in range(1, len(mentions)):
        prev, cur = mentions[i - 1], mentions[i]
        if prev.block != cur.block:
            continue
        between = text[prev.end - base:cur.start - base]
        after = text[cur.end - base:cur.end - base + 1]
        if between.strip() == "(" and after == ")" and ((cur.kind == "handle" and prev.type != "Place")
                                                         or _is_acronym_of(cur.text, prev.text)
                                                         or _is_foreign_acronym(cur, prev)
                                                         or _is_short_name_of(cur, prev)):
            cur.alias_of = i - 1
            cur.type = prev.type
        elif between == ", " and after in (",", ".", ";") and prev.type not in ("Person", "Place") \
                and _is_reordered_acronym(cur.text, prev.text):
            cur.alias_of = i - 1  # "the Social Democratic Party, PSD, which": its own language's order
            cur.type = prev.type
        elif _KNOWN_AS.fullmatch(between) and prev.kind == cur.kind == "name" and prev.alias_of is None:
            cur.alias_of = i - 1  # "the Electoral Service, known as Servel": one body, two names
            cur.type = prev.type


def _join_city_and_region(mentions: list[EntityMention], doc: Doc) -> list[EntityMention]:
    """"Flint, Michigan" names one place: the city, qualified by its state (the gazetteer must
    agree on the country). The city's name stays an alias. "Bangkok, Thailand" stays two places:
    the country is a thing of its own in the story."""
    out: list[EntityMention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and prev.type == m.type == "Place" and m.kind == prev.kind == "name" \
                and m.tok_start == prev.tok_end + 1 and doc[prev.tok_end].text == "," and _city_in(prev, m):
            joined = doc[prev.tok_start:m.tok_end]
            out[-1] = EntityMention(start=prev.start, end=m.end, text=joined.text, type="Place", kind="name",
                                    block=prev.block, tok_start=prev.tok_start, tok_end=m.tok_end,
                                    geonames=prev.geonames, canonical=prev.text, ner=prev.ner,
                                    extra_aliases=[prev.text])
            continue
        out.append(m)
    return out


def _city_in(city: EntityMention, region: EntityMention) -> bool:
    inner, outer = gazetteer.lookup(city.text), gazetteer.lookup(region.canonical or region.text)
    return bool(inner and outer and inner.kind == "city" and outer.kind == "state"
                and inner.country_code == outer.country_code and region.ner != "NORP")


def acronym(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w[0].isupper()]
    return "".join(w[0] for w in words)


def acronyms(name: str) -> set[str]:
    """The acronyms a name may go by: of its capitalized words ("Democratic Republic of the Congo":
    DRC), and of all its words ("Bank of Japan": BOJ)."""
    every = "".join(w[0] for w in re.split(r"[\s-]+", name) if w and w[0].isalpha()).upper()
    return {acronym(name), every} - {""}


def _is_foreign_acronym(short: EntityMention, name: EntityMention) -> bool:
    """"the Federal Privatisation Agency (BPI)", "... Supervisory Authority (BaFin)": an
    organization's acronym in its own language; "HypoVereinsbank (HVB)": the capitals of one word."""
    if name.type in ("Person", "Place") or short.type in ("Person", "Place"):
        return False
    if len(name.text.split()) == 1:
        return letters_in_order(short.text, name.text)
    return _looks_like_acronym(short.text) or _mixed_case_acronym(short.text)


def _is_short_name_of(short: EntityMention, name: EntityMention) -> bool:
    """"the Permanent Contingency Commission (Copeco)", "the Caribbean Community (Caricom)": one
    capitalized word in parentheses after a body's name is the name it goes by, when it opens with
    the initial of one of the name's words (the recognizer may have tagged it a person)."""
    word = short.text
    if name.type in ("Person", "Place") or short.type == "Place" or len(name.text.split()) < 2:
        return False
    return word.isalpha() and word.istitle() and 3 <= len(word) <= 10 \
        and word[0] in {w[0] for w in name.text.split() if w[0].isupper()}


def _mixed_case_acronym(word: str) -> bool:
    return word.isalpha() and 2 <= len(word) <= 8 and sum(c.isupper() for c in word) >= 2


def _looks_like_acronym(word: str) -> bool:
    return word.isupper() and word.isalpha() and 2 <= len(word) <= 8


def _is_reordered_acronym(short: str, name: str) -> bool:
    """The initials of a name, in any order ("PSD" for the Social Democratic Party, "DNA" for the
    National Anticorruption Directorate): an acronym in apposition, set off by commas."""
    return _looks_like_acronym(short) and len(name.split()) >= 2 \
        and any(sorted(form) == sorted(short) for form in acronyms(name))


def _is_acronym_of(short: str, name: str) -> bool:
    return short.isupper() and 2 <= len(short) <= 8 and short.replace(".", "") in acronyms(name)
