"""Entity mentions: pure functions over a parsed block, yielding typed spans.

Sources, in order of trust: the lexicon's named actors, names after titles, "X township" places,
the gazetteer, the statistical NER (re-typed where it is known to slip), agent nouns ("the army",
"security forces", "protesters"), handles ("@name") and parenthesized acronyms.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg import gazetteer
from kg.lexicon import Lexicon

NER_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
_HANDLE = re.compile(r"@\w{2,}")
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
INSTITUTION_CODES = {"MIL", "COP", "SPY", "GOV"}


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
    extra_aliases: list[str] = field(default_factory=list)

    @property
    def is_actor(self) -> bool:
        return self.type != "Place"


def entity_mentions(doc: Doc, offset: int, block: int, lexicon: Lexicon) -> Iterator[EntityMention]:
    """All entity mentions of one parsed block, non-overlapping, in text order."""
    taken: set[int] = set()
    found: list[EntityMention] = list(_signature_name(doc, offset, block, taken))
    for ent in doc.ents:
        if any(t.i in taken for t in ent):
            continue
        mention = _from_ent(ent, offset, block, lexicon)
        if mention is not None:
            found.append(mention)
            taken.update(range(mention.tok_start, mention.tok_end))
    for mention in _generic_mentions(doc, offset, block, lexicon, taken):
        found.append(mention)
        taken.update(range(mention.tok_start, mention.tok_end))
    found.extend(_handles(doc, offset, block, taken))
    found.sort(key=lambda m: m.start)
    _link_parenthesized(found, doc)
    yield from found


def _trim(span: Span) -> Span:
    """Drop leading determiners and trailing possessives/punctuation from a span."""
    start, end = span.start, span.end
    while start < end and (span.doc[start].lower_ in _DETERMINERS or span.doc[start].is_punct
                           or span.doc[start].tag_ == "POS"):
        start += 1
    while end > start and (span.doc[end - 1].tag_ == "POS" or span.doc[end - 1].is_punct):
        end -= 1
    return span.doc[start:end]


def _from_ent(ent: Span, offset: int, block: int, lexicon: Lexicon) -> EntityMention | None:
    if ent.label_ not in NER_LABELS:
        return None
    span = _trim(ent)
    if not span.text or not any(ch.isalpha() for ch in span.text):
        return None
    text = span.text
    lower = text.lower()
    known = lexicon.named_actors.get(lower)
    if not known and not any(t.text[:1].isupper() for t in span):
        return _as_description(span, offset, block, lexicon)  # "the civilian guerrilla group" is no name
    place = gazetteer.lookup(text) if ent.label_ != "PERSON" or len(span) == 1 else None
    if known:
        entity_type, canonical = known[1], known[0]
    elif ent.label_ == "NORP":
        country = lexicon.demonyms.get(lower)
        if not country:
            return None
        return _mention(span, offset, block, "Place", "name", canonical=country,
                        geonames=_geonames(country))
    elif place and (ent.label_ in ("GPE", "LOC", "FAC") or place.kind in ("country", "state")
                    or (ent.label_ == "PERSON" and len(span) == 1)):
        entity_type, canonical = "Place", None  # a city as FAC, "Lyon" as PERSON; "GAO" stays an ORG
    elif ent.label_ in ("GPE", "LOC", "FAC"):
        entity_type, canonical = "Place", None
    elif ent.label_ == "PERSON":
        entity_type, canonical = "Person", None
    else:
        entity_type, canonical = _organization_type(span, lexicon), None
    if len(span) == 1 and _is_common_word(span[0], lexicon) and not known:
        return None  # "Clampdown" at the start of a heading is not an organization
    return _mention(span, offset, block, entity_type, "name", canonical=canonical,
                    geonames=place.geonames_id if place and entity_type == "Place" else None, ner=ent.label_)


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
    """An ORG's class from its head noun ("... Defence Force" -> ArmedGroup, "... Ministry" -> GovernmentBody)."""
    for size in (2, 1):
        words = " ".join(t.lemma_.lower() for t in span[-size:]) if len(span) >= size else None
        if words and words in lexicon.agent_nouns:
            cls = lexicon.agent_nouns[words][0]
            if cls in ("ArmedGroup", "GovernmentBody", "Organization"):
                return cls
    return "Organization"


def _is_common_word(token: Token, lexicon: Lexicon) -> bool:
    lower = token.lower_
    return (lexicon.trigger(lower, "NOUN") is not None or lexicon.trigger(token.lemma_.lower(), "NOUN") is not None
            or lower in lexicon.agent_nouns or token.lemma_.lower() in lexicon.agent_nouns)


def _mention(span: Span, offset: int, block: int, entity_type: str, kind: str, **extra) -> EntityMention:
    return EntityMention(start=offset + span.start_char, end=offset + span.end_char, text=span.text,
                         type=entity_type, kind=kind, block=block, tok_start=span.start, tok_end=span.end, **extra)


def _generic_mentions(doc: Doc, offset: int, block: int, lexicon: Lexicon, taken: set[int]) -> Iterator[EntityMention]:
    """Agent nouns: "the army", "regime troops", "Ethiopia's foreign ministry", "protesters"."""
    for token in doc:
        if token.i in taken or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if token.dep_ == "compound" and lexicon.reporting_verbs.get(token.head.lemma_.lower()) is None:
            continue  # part of a longer noun phrase, unless the "head" is a verb misparsed as a noun
        entry = _agent_entry(token, lexicon)
        if entry is None:
            continue
        entity_type, code, start = entry
        plural = token.tag_ in ("NNS", "NNPS")
        if entity_type == "Person" and plural and code in INSTITUTION_CODES:
            entity_type = "ArmedGroup" if code in ("MIL", "COP", "SPY") else "GovernmentBody"  # "soldiers"
        elif entity_type == "Person":
            continue  # single unnamed people are handled where they speak or act
        if entity_type == "Group" and not plural:
            continue  # "a protester" is one person; "protesters" the collective
        if plural and lexicon.agent_heads.get(token.lemma_.lower()) == "organization" and code not in INSTITUTION_CODES:
            continue  # "militia groups" names a kind of organization, not one actor ("gunmen" is a collective)
        country, start = _country_modifier(doc, token, start, lexicon)
        start = max([start] + [i + 1 for i in range(start, token.i + 1) if i in taken])
        span = _trim(doc[start:token.i + 1])
        if not len(span):
            continue
        definite = any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "some", "any") for c in token.children)
        yield _mention(span, offset, block, entity_type, "generic", code=code, country=country,
                       canonical=_generic_name(span), plural=plural, definite=definite,
                       named_as=_named_as(token, offset))


def _agent_entry(token: Token, lexicon: Lexicon) -> tuple[str, str, int] | None:
    """The agent-noun entry for a head noun (longest phrase ending in it wins); the mention
    starts at its leftmost modifier ("the elected government", "regime troops")."""
    doc = token.doc
    left = token.i
    while left > 0 and doc[left - 1].dep_ in ("compound", "amod", "advmod") and doc[left - 1].head.i in (token.i, left):
        left -= 1
    for start in range(left, token.i + 1):
        words = " ".join([t.lower_ for t in doc[start:token.i]] + [token.lemma_.lower()])
        words_plain = " ".join(t.lower_ for t in doc[start:token.i + 1])
        for key in (words, words_plain):
            if key in lexicon.agent_nouns:
                cls, code = lexicon.agent_nouns[key]
                return cls, code, left
    return None


_NAMING_VERBS = {"claim", "call", "know", "name", "style", "identify"}


def _named_as(token: Token, offset: int) -> int | None:
    """"a group claiming to be X", "a militia known as X", "a company called X": where X starts."""
    for child in token.children:
        if child.dep_ == "acl" and child.lemma_.lower() in _NAMING_VERBS:
            names = [t for t in child.subtree if t.ent_type_ in ("ORG", "PERSON", "NORP", "GPE") and t.i > child.i]
            if names:
                return offset + names[0].idx
    return None


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
    for match in _HANDLE.finditer(doc.text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or any(t.i in taken for t in span):
            continue
        yield EntityMention(start=offset + match.start(), end=offset + match.end(), text=match.group(),
                            type="Organization", kind="handle", block=block, tok_start=span.start, tok_end=span.end)


_SIGNATURE_NAME = re.compile(r"^\s*[\u2014\u2013-]\s*(?P<name>[^(@\n]+?)\s*\(@\w+\)")


def _signature_name(doc: Doc, offset: int, block: int, taken: set[int]) -> Iterator[EntityMention]:
    """"— Some Outlet (@handle) June 1, 2021" closes an embedded post: the name is its author."""
    match = _SIGNATURE_NAME.match(doc.text)
    if not match:
        return
    span = doc.char_span(match.start("name"), match.end("name"), alignment_mode="contract")
    if span is None or not len(span) or any(t.i in taken for t in span):
        return
    entity_type = "Person" if any(e.label_ == "PERSON" for e in span.ents) else "Organization"
    taken.update(range(span.start, span.end))
    yield _mention(span, offset, block, entity_type, "name")


def _link_parenthesized(mentions: list[EntityMention], doc: Doc) -> None:
    """"Name (ACRONYM)" and "Name (@handle)": the parenthesized one is an alias of the name."""
    text = doc.text
    base = mentions[0].start - doc[mentions[0].tok_start].idx if mentions else 0
    for i in range(1, len(mentions)):
        prev, cur = mentions[i - 1], mentions[i]
        if prev.block != cur.block:
            continue
        between = text[prev.end - base:cur.start - base]
        after = text[cur.end - base:cur.end - base + 1]
        if between.strip() == "(" and after == ")" and (cur.kind == "handle" or _is_acronym_of(cur.text, prev.text)):
            cur.alias_of = i - 1
            cur.type = prev.type


def acronym(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w[0].isupper()]
    return "".join(w[0] for w in words)


def _is_acronym_of(short: str, name: str) -> bool:
    return short.isupper() and 2 <= len(short) <= 8 and short.replace(".", "") == acronym(name)
