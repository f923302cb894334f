"""The spaCy pipeline: the configured model, plus components fed from data/lexicons.

- ``kg_place_ruler`` (spaCy's entity ruler, before ``ner``): "X township/region/..." places.
- ``kg_actor_ruler`` (entity ruler, after ``ner``, no overwrite): named actors from the Phoenix
  dictionaries, filling what the statistical model missed.
- ``kg_titled_persons`` (ours, after ``ner``): "Major X", "CEO X", "Mr X" become PERSON spans.
- ``kg_acronym_definitions`` (ours, after ``ner``): "Name of the Body (ACRONYM)" makes both an ORG,
  whatever the NER made of the words ("Group for the Support of Islam and Muslims (JNIM)").
- ``kg_lemma_fixes`` (ours, last): lemmas the small model gets wrong for words the lexicons know
  ("Rebels" opening a sentence is a plural noun, "staged" is "stage", not "stag").

Articles are parsed block by block (lines, long lines cut at sentence ends) so memory stays
bounded by the longest block, not by the article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.config import Settings
from kg.errors import KgError
from kg.lexicon import Lexicon
from kg.model import Article

MAX_BLOCK_CHARS = 20_000
PLACE_LABEL, ORG_LABEL, PERSON_LABEL = "GPE", "ORG", "PERSON"
_LABEL_OF_CLASS = {"Person": PERSON_LABEL, "Place": PLACE_LABEL}


@dataclass(frozen=True)
class Block:
    """A parsed piece of the article: ``doc.text == article.text[offset:offset + len(doc.text)]``."""

    offset: int
    doc: Doc
    line_start: int  # offset of the line the block belongs to (for heading/boilerplate checks)
    line: str


@Language.factory("kg_titled_persons", default_config={"titles": [], "ranks": []})
def make_titled_persons(nlp: Language, name: str, titles: list[str], ranks: list[str]):
    return TitledPersons(titles, ranks)


class TitledPersons:
    """Mark capitalized names after a title ("Colonel Tesfaye Bekele", "CEO Jane Roe") as PERSON.

    Ranks and courtesy titles become part of the name span; offices and roles only anchor it.
    Spans the statistical NER already labelled as something else are left alone, which keeps
    "General Motors" an organization.
    """

    def __init__(self, titles: list[str], ranks: list[str]):
        self.titles = {tuple(t.split()) for t in titles}
        self.ranks = {tuple(t.split()) for t in ranks}
        self.known = self.titles | self.ranks
        self.first_words = {t[0] for t in self.known}
        self.max_len = max((len(t) for t in self.known), default=1)

    def __call__(self, doc: Doc) -> Doc:
        person_at = {e.start: e for e in doc.ents if e.label_ == PERSON_LABEL}
        taken = {t.i for ent in doc.ents if ent.label_ not in _GUESSES_A_TITLE_OVERRULES for t in ent}
        new, replaced = [], set()
        for i in range(len(doc)):
            if doc[i].lower_.rstrip(".") not in self.first_words:
                continue
            for size in range(self.max_len, 0, -1):
                words = tuple(t.lower_.rstrip(".") for t in doc[i:i + size])
                if len(words) < size or words not in self.known:
                    continue
                rank = words in self.ranks and doc[i].is_title
                j = i + size
                if j in person_at:  # the NER found the name: a rank joins it ("Colonel X Y")
                    if rank and i not in taken:
                        new.append(Span(doc, i, person_at[j].end, label=PERSON_LABEL))
                        replaced.add(j)
                    break
                while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].is_title and j not in taken:
                    j += 1
                if j > i + size and j - (i + size) <= 4:
                    new.append(Span(doc, i if rank else i + size, j, label=PERSON_LABEL))
                break
        if new:
            kept = [e for e in doc.ents if e.start not in replaced
                    and not any(n.start <= e.start < n.end or e.start <= n.start < e.end for n in new)]
            doc.ents = filter_spans(kept + new)
        return doc


@Language.factory("kg_acronym_definitions",
                  default_config={"connectors": ["of", "for", "the", "and", "on", "in", "&", "de", "des", "du", "la",
                                                 "le", "les", "et", "pour", "del", "di", "per", "y", "da", "do", "dos",
                                                 "das", "e", "für", "fuer", "der", "die", "und", "van", "von", "voor",
                                                 "al", "el"]})
def make_acronym_definitions(nlp: Language, name: str, connectors: list[str]):
    return AcronymDefinitions(connectors)


class AcronymDefinitions:
    """"The Federal Financial Supervisory Authority (BaFin)", "HypoVereinsbank (HVB)": a name in
    capitals followed by a bracketed acronym defines an organization and its short name (after
    Schwartz & Hearst's abbreviation definitions; the acronym may be in another language). The
    name runs left from the bracket over capitalized words and connectors ("for the"), never over
    a comma or a possessive."""

    def __init__(self, connectors: list[str]):
        self.connectors = frozenset(connectors)

    def __call__(self, doc: Doc) -> Doc:
        new = []
        for i in range(1, len(doc) - 2):
            if doc[i].text != "(" or doc[i + 2].text != ")" or not _acronym_like(doc[i + 1].text):
                continue
            start = i
            while start > 0 and (doc[start - 1].is_title or doc[start - 1].is_upper and doc[start - 1].is_alpha
                                 or doc[start - 1].lower_ in self.connectors or _hyphen_glued(doc, start - 1)) \
                    and doc[start - 1].text != "(":
                start -= 1
            while start < i and (doc[start].lower_ in self.connectors or doc[start].is_sent_start
                                 and doc[start].lower_ in ("the", "a", "an")):
                start += 1
            capitals = [t for t in doc[start:i] if t.text[:1].isupper()]
            if not capitals or (len(capitals) == 1 and not letters_in_order(doc[i + 1].text, doc[start:i].text)):
                continue
            if any(e.label_ == PERSON_LABEL and e.start <= start and e.end >= i for e in doc.ents):
                continue  # a person's initials ("John Smith (JS)") define no organization
            new += [Span(doc, start, i, label=ORG_LABEL), Span(doc, i + 1, i + 2, label=ORG_LABEL)]
        if new:
            kept = [e for e in doc.ents if not any(n.start < e.end and e.start < n.end for n in new)]
            doc.ents = filter_spans(kept + new)
        return doc


def letters_in_order(short: str, name: str) -> bool:
    """Schwartz & Hearst's test: the short form's letters appear in the name in order, the first
    one starting it ("HVB" in "HypoVereinsbank")."""
    letters = short.replace(".", "").lower()
    rest = name.lower()
    if len(letters) < 2 or not rest.startswith(letters[0]):
        return False
    position = 1
    for letter in letters[1:]:
        position = rest.find(letter, position) + 1
        if position == 0:
            return False
    return True


def _hyphen_glued(doc: Doc, i: int) -> bool:
    """A hyphen, or a word hyphens glue into a name ("Tehreek-e-Insaf")."""
    token = doc[i]
    if token.text == "-":
        return not token.whitespace_ and i > 0 and not doc[i - 1].whitespace_
    return i > 0 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not token.whitespace_


def _acronym_like(word: str) -> bool:
    """"JNIM", "BaFin", "U.N.": short, no spaces, at least two capitals, mostly letters."""
    letters = word.replace(".", "").replace("-", "")
    return 2 <= len(letters) <= 10 and letters.isalnum() and sum(c.isupper() for c in letters) >= 2


#: Marks that open an item of a list written on one line ("... affected: * St. Thomas, Ontario * Chicago").
BULLETS = frozenset({"*", "\u2022", "\u25aa", "\u25cf"})


def _bullet(token) -> bool:
    """A list mark after a space and before a word (not "5 * 3", not a footnote's "word*")."""
    doc = token.doc
    return token.text in BULLETS and 0 < token.i < len(doc) - 1 and bool(doc[token.i - 1].whitespace_) \
        and doc[token.i + 1].text[:1].isalpha()


@Language.component("kg_list_items")
def list_items(doc: Doc) -> Doc:
    """Each item of a list flattened into one line is a sentence of its own, so the parser never
    makes one clause of two items, nor of the last item and the sentence after the list."""
    for token in doc:
        if _bullet(token):
            token.is_sent_start = True
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.component("kg_list_item_names")
def list_item_names(doc: Doc) -> Doc:
    """A name the recognizer ran across a list's bullet ("Illinois * Wixom Assembly Plant") is
    cut there; the part after the bullet keeps the label."""
    ents, cut = [], False
    for ent in doc.ents:
        bullets = [t.i for t in ent if _bullet(t)]
        cut = cut or bool(bullets)
        if bullets and bullets[-1] + 1 < ent.end:
            ents.append(Span(doc, bullets[-1] + 1, ent.end, label=ent.label_))
        elif not bullets:
            ents.append(ent)
    if cut:  # most blocks have no list: their names stay as they are, untouched
        doc.set_ents(ents, default="outside")
    return doc


@Language.factory("kg_lemma_fixes", default_config={"nouns": [], "verbs": []})
def make_lemma_fixes(nlp: Language, name: str, nouns: list[str], verbs: list[str]):
    return LemmaFixes(nouns, verbs)


class LemmaFixes:
    """Repair lemmas of words the lexicons know, where the small model slips.

    - A capitalized word opening a sentence and tagged as a proper noun outside any entity
      ("Rebels attacked ...", "Protesters marched ...") is the common noun when its lower-case
      singular is a known noun: its lemma and POS become the noun's.
    - A verb whose lemma is no known verb, while a regular inflection of its form is one
      ("staged" -> "stage", not "stag"), gets that lemma.
    """

    def __init__(self, nouns: list[str], verbs: list[str]):
        self.nouns, self.verbs = frozenset(nouns), frozenset(verbs)

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            if token.tag_ in ("NNP", "NNPS") and token.is_sent_start and token.ent_type_ in ("", "NORP") \
                    and token.is_title:
                lemma = _known_base(token.lower_, self.nouns, _NOUN_ENDINGS)
                if lemma is not None:
                    token.lemma_, token.pos_ = lemma, "NOUN"
                    token.tag_ = "NN" if lemma == token.lower_ else "NNS"
            elif token.pos_ == "VERB" and token.lemma_.lower() not in self.verbs:
                lemma = _known_base(token.lower_, self.verbs, _VERB_ENDINGS)
                if lemma is not None:
                    token.lemma_ = lemma
        return doc


_NOUN_ENDINGS = (("ies", "y"), ("es", ""), ("s", ""), ("", ""))
_VERB_ENDINGS = (("ied", "y"), ("ies", "y"), ("ed", "e"), ("ed", ""), ("es", "e"), ("es", ""), ("s", ""),
                 ("ing", "e"), ("ing", ""), ("d", ""))


def _known_base(form: str, known: frozenset[str], endings) -> str | None:
    """The first regular base of ``form`` that is a known word."""
    for ending, replacement in endings:
        if form.endswith(ending) and len(form) > len(ending) + 2:
            base = form[:len(form) - len(ending)] + replacement
            if base in known:
                return base
    return None


def known_words(lexicon: Lexicon) -> tuple[list[str], list[str]]:
    """Single-word nouns (actor nouns, noun triggers) and verbs (verb triggers, light and
    reporting verbs) the lexicons know, for ``kg_lemma_fixes``."""
    nouns = {n for n in lexicon.agent_nouns if " " not in n}
    nouns |= {phrase for (phrase, pos) in lexicon.triggers if pos in ("NOUN", "ANY") and " " not in phrase}
    verbs = {phrase.split()[0] for (phrase, pos) in lexicon.triggers if pos in ("VERB", "ANY")}
    verbs |= set(lexicon.light_verbs) | set(lexicon.reporting_verbs)
    return sorted(nouns), sorted(verbs)


#: NER labels a title before capitalized words outweighs ("Lieutenant Colonel X" after a quote
#: is no work of art).
_GUESSES_A_TITLE_OVERRULES = {"WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE"}


def actor_patterns(lexicon: Lexicon) -> list[dict]:
    """Named actors as written in the lexicon; they only fill gaps the statistical NER left.
    Phrase patterns, so spaCy matches them with its PhraseMatcher."""
    patterns, seen = [], set()
    for form, name, cls in lexicon.named_actor_forms:
        key = (form, cls)
        if key in seen or len(form) < 2:
            continue
        seen.add(key)
        # a phrase pattern (a string): spaCy's PhraseMatcher, fast with thousands of names, and
        # tokenized like the text, so "Al-Qaeda" and "Workers' Party" match too
        patterns.append({"label": _LABEL_OF_CLASS.get(cls, ORG_LABEL), "pattern": form})
    return patterns


#: Lower-case words inside a place's name ("San Juan de la Vega", "Rio de la Plata").
PLACE_NAME_PARTICLES = ["al", "da", "das", "de", "del", "della", "den", "der", "di", "do", "dos", "du", "el",
                        "la", "las", "le", "les", "los", "van", "von"]


def place_patterns(lexicon: Lexicon) -> list[dict]:
    """"Hlaing Tharyar township", "Rakhine State", "the San Juan de la Vega neighborhood", "the Bab
    al-Tabbaneh neighbourhood": a capitalized name, name particles and all, before a place word; a
    place word that also follows other names ("the Justice department") only capitalized."""
    after = sorted(w for w, pos in lexicon.place_designators.items() if pos == "after")
    ambiguous = lexicon.ambiguous_place_words
    plain = {"LOWER": {"IN": [w for w in after if w not in ambiguous]}}
    capitalized = {"LOWER": {"IN": [w for w in after if w in ambiguous]}, "IS_TITLE": True}
    name = {"IS_TITLE": True, "POS": "PROPN", "OP": "+"}
    particles = [{"LOWER": {"IN": PLACE_NAME_PARTICLES}, "OP": "+"}, {"ORTH": "-", "OP": "?"}]
    patterns = [[name, plain], [name, *particles, {"IS_TITLE": True, "OP": "+"}, plain]]
    # "the Treasury Department", "the State Department": a body, not a region (portfolio_words.txt);
    # "the Third Division", "the 1st Infantry Division": a military unit (unit_words.txt)
    not_a_field = {"LOWER": {"NOT_IN": sorted(lexicon.portfolio_words | lexicon.unit_words)}}
    patterns += [[{**name, "OP": "*"}, {"IS_TITLE": True, "POS": "PROPN", **not_a_field}, capitalized],
                 [name, *particles, {"IS_TITLE": True, "OP": "*"}, {"IS_TITLE": True, **not_a_field}, capitalized]]
    return [{"label": PLACE_LABEL, "pattern": pattern} for pattern in patterns]


@lru_cache(maxsize=2)
def load_pipeline(model: str, lexicon: Lexicon) -> Language:
    """Load the model once per process and add our components."""
    import spacy

    try:
        nlp = spacy.load(model, exclude=["senter"])
    except OSError:
        raise KgError(f"spaCy model {model!r} is not installed; run `make run` (or set KG_SPACY_MODEL)") from None
    nlp.add_pipe("kg_list_items", before="parser")
    places = nlp.add_pipe("entity_ruler", name="kg_place_ruler", before="ner", config={"validate": False})
    places.add_patterns(place_patterns(lexicon))
    actors = nlp.add_pipe("entity_ruler", name="kg_actor_ruler", after="ner", config={"overwrite_ents": False})
    with nlp.select_pipes(enable=[]):  # phrase patterns match on ORTH, which the tokenizer alone
        actors.add_patterns(actor_patterns(lexicon))  # gives; else every pattern runs through ner
    days = nlp.add_pipe("entity_ruler", name="kg_date_ruler", after="kg_actor_ruler", config={"overwrite_ents": False})
    days.add_patterns([{"label": "DATE", "pattern": [{"LOWER": {"IN": list(lexicon.day_names)}, "IS_TITLE": True}]}])
    titles = sorted(t for t, kind in lexicon.titles.items() if kind in ("office", "role", "judicial"))
    ranks = sorted(t for t, kind in lexicon.titles.items() if kind in ("rank", "courtesy"))
    nlp.add_pipe("kg_list_item_names", after="ner")
    nlp.add_pipe("kg_titled_persons", after="kg_list_item_names", config={"titles": titles, "ranks": ranks})
    nlp.add_pipe("kg_acronym_definitions", after="kg_titled_persons")
    nouns, verbs = known_words(lexicon)
    nlp.add_pipe("kg_lemma_fixes", last=True, config={"nouns": nouns, "verbs": verbs})
    nlp.max_length = MAX_BLOCK_CHARS * 2
    return nlp


def pipeline(settings: Settings, lexicon: Lexicon) -> Language:
    return load_pipeline(settings.spacy_model, lexicon)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


#: "GOMA, Democratic Republic of Congo, Feb 13 (Reuters) - ", "FRANKFURT — ", "Dhaka (AFP) - ": where
#: a story was filed (``places`` in capitals, or capitalized before an agency in brackets, then what
#: follows up to the dash). The one definition of a dateline: it is cut into a block of its own here,
#: and kg.extract.entities reads its places from that block.
DATELINE = re.compile(r"^(?P<places>[A-Z][A-Z'\u2019.\-]+(?:[ /][A-Z][A-Z'\u2019.\-]+)*"
                      r"|[A-Z][a-z'\u2019.\-]+(?:[ /][A-Z][a-z'\u2019.\-]+){0,3}(?=\s*\([A-Z][A-Za-z]{1,15}\)))"
                      r"(?P<rest>(?:,[^\u2014\u2013\n]{1,60}?)?(?:\s*\([^()\n]{1,40}\))?\s+[\u2014\u2013-](?:\s+|$))")


def blocks_of(text: str) -> list[tuple[int, int, str]]:
    """(offset, line_start, piece) for every non-empty line, long lines cut at sentence ends; a
    dateline opening a line is a piece of its own, so the parser never makes the place or the
    news agency part of the first sentence."""
    pieces = []
    line_start = 0
    for line in text.split("\n"):
        if line.strip():
            dateline = DATELINE.match(line)
            cut = dateline.end() if dateline and dateline.end() < len(line) else 0
            if cut:
                pieces.append((line_start, line_start, line[:cut]))
            for offset, piece in _cut(line[cut:], MAX_BLOCK_CHARS):
                pieces.append((line_start + cut + offset, line_start, piece))
        line_start += len(line) + 1
    return pieces


def _cut(line: str, limit: int) -> list[tuple[int, str]]:
    if len(line) <= limit:
        return [(0, line)]
    out, start = [], 0
    while start < len(line):
        end = min(len(line), start + limit)
        if end < len(line):
            cut = max((m.end() for m in _SENTENCE_END.finditer(line, start, end)), default=None)
            if cut is None or cut <= start:
                cut = line.rfind(" ", start, end) + 1 or end
            end = cut
        out.append((start, line[start:end]))
        start = end
    return out


def parse_many(articles: list[Article], nlp: Language, *, ids: list[int], n_process: int = 1,
               batch_size: int = 64):
    """Yield (id, blocks) per article, parsing the blocks of all articles in one nlp.pipe stream."""
    def pieces():
        for ident, article in zip(ids, articles):
            lines = {}
            for offset, line_start, piece in blocks_of(article.text):
                if line_start not in lines:
                    end = article.text.find("\n", line_start)
                    lines[line_start] = article.text[line_start:end if end >= 0 else len(article.text)]
                yield piece, (ident, offset, line_start, lines[line_start])
            yield "", (ident, -1, -1, "")  # end-of-article marker

    blocks: list[Block] = []
    stream = nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size, n_process=max(1, n_process))
    for doc, (ident, offset, line_start, line) in stream:
        if offset < 0:
            yield ident, blocks
            blocks = []
            continue
        blocks.append(Block(offset=offset, doc=doc, line_start=line_start, line=line))


def parse(article: Article, nlp: Language, batch_size: int = 64):
    """Yield the Blocks of one article (see parse_many)."""
    for _, blocks in parse_many([article], nlp, ids=[0], batch_size=batch_size):
        yield from blocks
