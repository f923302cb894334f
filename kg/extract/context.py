"""What event and statement extraction need to know about the whole article.

Built once per article from the parsed blocks and the resolved entities: which entity a token
belongs to, what a pronoun refers to, and which lines are not content (headline, headings,
boilerplate such as "READ MORE:" lines and photo credits).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Span, Token

from kg import gazetteer
from kg.extract.aliases import INSTITUTIONS, Resolution
from kg.extract.entities import tells_a_market_move
from kg.keys import entity_key, government_name, normalize_name
from kg.lexicon import PLACE_SIZE, Lexicon
from kg.nlp import DATELINE, Block

PRONOUNS = {"it": "org", "its": "org", "they": "plural", "their": "plural", "them": "plural",
            "he": "person", "his": "person", "him": "person", "she": "person", "her": "person"}
#: The gender a third-person pronoun tells (grammar, not data).
PRONOUN_GENDERS = {"he": "m", "his": "m", "him": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
# "we"/"our" are left alone: inside a quote they mean the speaker's side, which needs the speaker
_SIGNATURE = re.compile(r"^\s*[—–-]\s*(?P<name>[^(@\n]+?)\s*\((?P<handle>@\w+)\)\s*(?P<date>.*)$")


@dataclass
class ArticleContext:
    blocks: list[Block]
    resolution: Resolution
    lexicon: Lexicon
    published: date | None
    headline_line: int
    token_mention: dict[tuple[int, int], int] = field(default_factory=dict)
    states: dict[str, str] = field(default_factory=dict)  # government key -> key of the country acting through it

    def __post_init__(self) -> None:
        for index, m in enumerate(self.resolution.mentions):
            for i in range(m.tok_start, m.tok_end):
                self.token_mention[(m.block, i)] = index

    @functools.cached_property
    def mention_starts(self) -> tuple[list[int], list[str | None]]:
        """Mention start offsets, sorted, and the key of each (for finding who a span names)."""
        pairs = sorted(((m.start, self.resolution.key_of.get(i)) for i, m in enumerate(self.resolution.mentions)),
                       key=lambda pair: pair[0])
        return [p[0] for p in pairs], [p[1] for p in pairs]

    @functools.cached_property
    def mentions_by_block(self) -> dict[int, list[tuple[int, object]]]:
        """(index, mention) of each block's entity mentions, in text order."""
        found: dict[int, list[tuple[int, object]]] = {}
        for index, m in enumerate(self.resolution.mentions):
            found.setdefault(m.block, []).append((index, m))
        return found

    @functools.cached_property
    def place_referents(self) -> dict[int, list[tuple[Token, str]]]:
        """(noun, place key) of each content block's definite place nouns that stand for a place
        named before them ("the town was shelled": :meth:`referent`)."""
        kinds = {noun for noun, kind in (self.lexicon.anaphoric_nouns or {}).items() if kind in PLACE_SIZE}
        found: dict[int, list[tuple[Token, str]]] = {}
        for block in range(len(self.blocks)):
            if not self.is_content(block):
                continue
            for token in self.blocks[block].doc:
                if token.lemma_.lower() in kinds and (block, token.i) not in self.token_mention \
                        and (key := self.referent(block, token)) is not None:
                    found.setdefault(block, []).append((token, key))
        return found

    @functools.cached_property
    def mention_counts(self) -> dict[str, int]:
        """How many mentions each entity key has in the article."""
        counts: dict[str, int] = {}
        for index in range(len(self.resolution.mentions)):
            key = self.resolution.key_of.get(index)
            if key:
                counts[key] = counts.get(key, 0) + 1
        return counts

    @functools.cached_property
    def sentence_order(self) -> dict[tuple[int, int], int]:
        """The ordinal of each sentence of the content, keyed by (block, first token index)."""
        order: dict[tuple[int, int], int] = {}
        for block in range(len(self.blocks)):
            if self.is_content(block):
                for sent in self.blocks[block].doc.sents:
                    order[(block, sent.start)] = len(order)
        return order

    def sentence_at(self, block: int, token_i: int) -> int | None:
        """The ordinal of the content sentence holding a token (None outside the content)."""
        return self.sentence_order.get((block, self.blocks[block].doc[token_i].sent.start))

    @functools.cached_property
    def mention_sentences(self) -> dict[str, list[int]]:
        """The ordinals of the content sentences that mention each entity key, in order."""
        found: dict[str, list[int]] = {}
        for index, m in enumerate(self.resolution.mentions):
            key = self.resolution.key_of.get(index)
            ordinal = self.sentence_at(m.block, m.tok_start) if key and self.is_content(m.block) else None
            if ordinal is not None:
                found.setdefault(key, []).append(ordinal)
        return {key: sorted(set(ordinals)) for key, ordinals in found.items()}

    @functools.cached_property
    def place_levels(self) -> dict[str, str]:
        """How large each place of the article is (PLACE_LEVELS): by a designator in its name or
        a mention of it ("Tapoa province"), else following a mention ("X regency"), else by the
        gazetteer, else preceding a mention ("the village of X"); a place nothing sizes is local
        (news names villages the gazetteer does not know). A phrase before a name sizes a place
        the gazetteer does not know, not one it does: "the outskirts of Goma" leave Goma a city,
        "the Kursk region of Russia" Russia a country. A word after a demonym sizes the place named
        next, not the country ("the Ukrainian city of Zaporizhzhia")."""
        levels: dict[str, str] = {}
        for index, m in self._place_mentions():
            key = self.resolution.key_of[index]
            entity = self.resolution.entity(key)
            by_name = next(filter(None, (self._designated_level(_heads(w), _tails(w)) for w in
                                         (entity.name.lower().split() if entity else [], m.text.lower().split()))), "")
            doc = self.blocks[m.block].doc
            before = [t.lower_ for t in doc[max(0, m.tok_start - 2):m.tok_start]]
            # "the Ukrainian city of X": a word after a demonym sizes X, not the country
            after = [] if m.text.lower() in self.lexicon.demonyms else [t.lower_ for t in doc[m.tok_end:m.tok_end + 2]]
            by_context = self._designated_level([], _heads(after)) or (
                "" if entity is not None and gazetteer.level(entity.name) else self._designated_level(_tails(before), []))
            if by_name or not levels.get(key):
                levels[key] = by_name or by_context
        for key, level in levels.items():
            if not level:
                entity = self.resolution.entity(key)
                levels[key] = (entity and gazetteer.level(entity.name)) or "local"
        return levels

    def _place_mentions(self):
        for index, m in enumerate(self.resolution.mentions):
            key = self.resolution.key_of.get(index)
            if key and key.startswith("place/"):
                yield index, m

    def _designated_level(self, before: list[str], after: list[str]) -> str:
        """The level a designator gives, from the phrases before a name ("city of") or after it
        ("province", "air base"), each in the position the lexicon lists it."""
        positions, levels = self.lexicon.place_designators, self.lexicon.place_levels
        for phrase in after:
            if positions.get(phrase) == "after" and phrase in levels:
                return levels[phrase]
        for phrase in before:
            if positions.get(phrase) == "before" and phrase in levels:
                return levels[phrase]
        return ""

    @functools.cached_property
    def place_keys(self) -> frozenset[str]:
        """The keys of the article's places."""
        return frozenset(e.key for e in self.resolution.entities if e.type == "Place")

    @functools.cached_property
    def places_by_name(self) -> dict[str, str]:
        """Each place's key by its normalized name and other names (the last place listed wins)."""
        return {normalize_name(form): e.key for e in self.resolution.entities if e.type == "Place"
                for form in (e.name, *e.aliases)}

    @functools.cached_property
    def places_within(self) -> dict[str, set[str]]:
        """The places the text puts each place in: "Jasper, Alabama", "the village of X in Y
        regency" (a place, a comma or "in", and a larger place right after it; "Lagos, Abuja and
        Ibadan" is a list)."""
        within: dict[str, set[str]] = {}
        mentions = sorted(self._place_mentions(), key=lambda pair: (pair[1].block, pair[1].tok_start))
        for (i, a), (j, b) in zip(mentions, mentions[1:]):
            if a.block != b.block:
                continue
            between = [t.lower_ for t in self.blocks[a.block].doc[a.tok_end:b.tok_start]]
            inner, outer = self.resolution.key_of[i], self.resolution.key_of[j]
            if inner == outer or PLACE_SIZE[self.place_levels[inner]] >= PLACE_SIZE[self.place_levels[outer]]:
                continue
            if between and between[0] in (",", "in") and len(between) <= 3 \
                    and all(w in (",", "in", "the", "of") or w in self.lexicon.place_designators for w in between):
                within.setdefault(inner, set()).add(outer)
        return within

    @functools.cached_property
    def first_content_block(self) -> int:
        """The lede: the first block that is content (not the headline, a dateline alone or clutter)."""
        return next((i for i in range(len(self.blocks)) if self.is_content(i) and not self.is_dateline(i)), -1)

    @functools.cached_property
    def lede_sentence(self):
        """(block, sentence): the lede's first sentence that tells something ("Bogota (AFP) -" is
        its dateline), or None. Every event's place and date candidates read it."""
        block = self.first_content_block
        if block < 0 or not len(self.blocks[block].doc):
            return None
        sentences = list(self.blocks[block].doc.sents)
        return block, next((s for s in sentences if any(t.pos_ in ("VERB", "AUX") for t in s)), sentences[0])

    def is_dateline(self, block: int) -> bool:
        """The block is a dateline cut from its line ("Bogota (AFP) - ", kg.nlp.blocks_of)."""
        text = self.blocks[block].doc.text
        match = DATELINE.match(text)
        return match is not None and match.end() >= len(text.rstrip())

    def instrument_at(self, block: int, token: Token) -> str | None:
        """The key of the financial instrument a token names ("the Nikkei", "the euro"), if any."""
        key = self.key_at(block, token)
        return key if key and key.startswith("financialinstrument/") else None

    # ---------------------------------------------------------------- lines
    @functools.cached_property
    def person_genders(self) -> dict[str, str]:
        """The gender the article tells of each person, where it tells one and only one: by a
        title or noun beside the name ("Ms X", "X, a spokeswoman"; gendered_words.csv), or by the
        pronouns of a sentence whose subject is the only person it names ("X said she would ...")."""
        votes: dict[str, set[str]] = {}
        genders = self.lexicon.genders or {}
        persons_by_sentence: dict[int, list[tuple[str, object]]] = {}  # by the offset of their sentence
        for index, m in enumerate(self.resolution.mentions):
            key = self.resolution.key_of.get(index)
            if not key or not key.startswith("person/"):
                continue
            votes.setdefault(key, set()).update(genders[w] for w in m.titles if w in genders)
            doc = self.blocks[m.block].doc
            where = m.sentence if m.sentence >= 0 else self.blocks[m.block].offset + doc[m.tok_start].sent.start_char
            persons_by_sentence.setdefault(where, []).append((key, m))
        for found in persons_by_sentence.values():
            key, m = found[0]
            doc = self.blocks[m.block].doc
            if any(k != key for k, _ in found) or doc[m.tok_end - 1].dep_ != "nsubj":
                continue
            told = {PRONOUN_GENDERS[t.lower_] for t in doc[m.tok_end:doc[m.tok_start].sent.end]
                    if t.lower_ in PRONOUN_GENDERS and t.pos_ == "PRON"}
            if len(told) == 1:
                votes[key].update(told)
        return {key: next(iter(v)) for key, v in sorted(votes.items()) if len(v) == 1}

    @functools.cached_property
    def media_keys(self) -> frozenset[str]:
        """The entities that are news media: a named outlet (Phoenix code MED: "Reuters", "the
        BBC") or a noun for the press ("reporters", "local media")."""
        media = self.lexicon.media_names
        named = {e.key for e in self.resolution.entities
                 if any(form.lower() in media for form in (e.name, *e.aliases))}
        return frozenset(named | {self.resolution.key_of[i] for i, m in enumerate(self.resolution.mentions)
                                  if m.code.endswith("MED") and i in self.resolution.key_of})

    def is_content(self, block: int) -> bool:
        """False for the headline, section headings, boilerplate and post signatures."""
        b = self.blocks[block]
        line = b.line.strip()
        if b.line_start == self.headline_line or self.lexicon.is_boilerplate(line) or _SIGNATURE.match(line):
            return False
        return not is_heading(line)

    # ---------------------------------------------------------------- tokens to entities
    def mention_at(self, block: int, token: Token) -> int | None:
        return self.token_mention.get((block, token.i))

    def names_a_decision(self, token: Token | None) -> bool:
        """"the proposal", "the deal", "calls for talks": a noun for a decision, a deal or an appeal
        (decision_nouns.csv, and nouns that trigger those kinds of event) names a thing proposed
        or agreed, not something said and not someone who can be harmed."""
        if token is None or token.pos_ != "NOUN":
            return False
        lemma = token.lemma_.lower()
        return lemma in self.lexicon.decision_nouns or self.lexicon.trigger(lemma, "NOUN") in _DECIDED_KINDS

    def key_at(self, block: int, token: Token) -> str | None:
        index = self.mention_at(block, token)
        return self.resolution.key_of.get(index) if index is not None else None

    def entity_type(self, key: str | None) -> str | None:
        return key.split("/", 1)[0] if key else None

    def actor_in(self, block: int, token: Token, *, max_depth: int = 4, places: bool = False) -> str | None:
        """The nearest entity key in a token's subtree (breadth first), resolving pronouns. The maker
        named before a product noun is not it ("the Airbus A330 jetliner crashed": not Airbus; "a
        new lineup of MacBook Air laptops": the MacBook Air)."""
        frontier, depth = [(token, False)], 0
        while frontier and depth <= max_depth:
            for tok, maker in frontier:
                key = self.key_at(block, tok)
                if key and ((key.startswith("place/")) == places) and not (maker and not is_thing(key)):
                    return key
                if not places and tok.lower_ in PRONOUNS and tok.pos_ == "PRON":
                    resolved = self.resolve_pronoun(block, tok)
                    if resolved:
                        return resolved
                if tok.pos_ == "NOUN":
                    resolved = self.referent(block, tok)
                    if resolved and resolved.startswith("place/") == places:
                        return resolved
                if not places and tok.dep_ == "amod" and depth > 0:
                    resolved = self.institution_of_adjective(tok)
                    if resolved:
                        return resolved
                antecedent = relative_antecedent(tok)
                if antecedent is not None:  # "X, who was appointed ...": the pronoun is X
                    return self.actor_in(block, antecedent, max_depth=max_depth, places=places)
            frontier = [(c, c.dep_ in ("compound", "nmod") and tok.lemma_.lower() in self.lexicon.product_nouns)
                        for tok, _ in frontier for c in tok.children  # conjuncts are actors of their own
                        if c.dep_ not in ("relcl", "acl", "advcl", "ccomp", "punct", "appos", "conj", "cc")
                        and not (c.dep_ == "poss" and self._relational(tok))]
            depth += 1
        return None

    def referent(self, block: int, noun: Token) -> str | None:
        """"The index fell 2%", "the shares closed lower", "the town was shelled": a definite noun
        that names nothing itself (anaphoric_nouns.csv) stands for the index, currency, company or
        place of its size the article named before it: one in the same sentence, the nearest first;
        else the one it has named most often so far, the nearest on a tie (the article's company,
        not the exchange it files with)."""
        kind = (self.lexicon.anaphoric_nouns or {}).get(noun.lemma_.lower())
        if kind is None or not _bare_definite(noun, self.lexicon.index_modifiers) \
                or (kind in PLACE_SIZE and noun.tag_ != "NN"):  # "the villages" are not one village
            return None
        position, sentence = self.blocks[block].offset + noun.idx, noun.sent
        counts, best = {}, None
        for index, m in enumerate(self.resolution.mentions):
            key = self.resolution.key_of.get(index)
            if m.start >= position or key is None or not self._refers_as(key, kind):
                continue
            counts[key] = counts.get(key, 0) + 1
            same_sentence = m.block == block and sentence.start <= m.tok_start < sentence.end
            rank = (same_sentence, m.start if same_sentence else 0, counts[key], m.start)
            if best is None or rank > best[0]:
                best = (rank, key)
        return best[1] if best else None

    def institution_of_adjective(self, adjective: Token) -> str | None:
        """"a military truck", "military aircraft": an adjective that is an institution's noun
        (agent_nouns.csv: "military") names whose the thing is, the article's one node for that
        institution (its army), when it has exactly one."""
        entry = self.lexicon.agent_nouns.get(adjective.lemma_.lower())
        keys = self.institution_keys.get(entry[1]) if entry else None
        return next(iter(keys)) if keys and len(keys) == 1 else None

    @functools.cached_property
    def institution_keys(self) -> dict[str, set[str]]:
        """The nodes the article's generic institution mentions ("the army", "troops") resolved
        to, by institution code (MIL, COP, SPY)."""
        found: dict[str, set[str]] = {}
        for index, m in enumerate(self.resolution.mentions):
            key = self.resolution.key_of.get(index)
            if key and m.kind in ("generic", "description") and m.code in INSTITUTIONS:
                found.setdefault(m.code, set()).add(key)
        return found

    def _refers_as(self, key: str, kind: str) -> bool:
        """Whether an entity is of the kind an anaphoric noun stands for."""
        entity_type = key.split("/", 1)[0]
        if kind in PLACE_SIZE:
            return entity_type == "place" and self.place_levels.get(key) == kind
        if kind == "company":
            return entity_type == "organization"
        if entity_type != "financialinstrument":
            return False
        entity = self.resolution.entity(key)
        name = entity.name.lower() if entity is not None else ""
        known = self.lexicon.instruments.get(name)
        return (known[1] if known else "index" if name.endswith("index") else None) == kind

    def _relational(self, noun: Token) -> bool:
        """"his wife", "his main challenger": a person named relative to the possessor, not the
        possessor; "Hanbit's labor union", "the company's board": a body of the possessor's that
        no node stands for, which is not the possessor either."""
        entry = self.lexicon.agent_nouns.get(noun.lemma_.lower())
        if noun.pos_ != "NOUN" or entry is None:
            return False
        return (entry[0] == "Person" and not entry[1]) or entry[0] in ("Organization", "GovernmentBody", "ArmedGroup")

    def acting_country(self, block: int, token: Token, *, capitals: bool = False) -> str | None:
        """A country named as the one who acts or speaks ("Rwanda denies this", "Russia vetoed"):
        its government does, an actor (a place is none: the ontology keeps actors and places
        apart). The key is the one "the government" of that country gets; kg.extract adds the node.
        With ``capitals`` (a clause's subject), a capital speaks for its country ("Bamako denied")."""
        key = self.key_at(block, token)
        if not key or not key.startswith("place/"):
            return None
        entity = self.resolution.entity(key)
        if entity is None:
            return None
        country = gazetteer.acting_for(entity.name, capitals=capitals)
        if not country:
            return None
        government = entity_key("GovernmentBody", government_name(country))
        self.states.setdefault(government, key)
        return government

    def resolve_pronoun(self, block: int, token: Token) -> str | None:
        """Nearest preceding actor of a compatible kind: a subject of the same sentence first, then
        the nearest sentence before, its subject first ("Y told supporters ... '...,' she said" is
        Y, not a name after Y), never a person the article tells is of the other gender. Where it
        tells none, "X defeated Y in a vote she refused to recognise" stays X.""" 
        kind = PRONOUNS.get(token.lower_)
        gender = PRONOUN_GENDERS.get(token.lower_)
        market = kind == "org" and token.dep_ in ("nsubj", "nsubjpass") and tells_a_market_move(token.head, self.lexicon)
        if self._unnamed_speaker(block, token, kind):
            return None  # "the company said it would close": it is the company, which no node stands for
        ahead = self._subject_ahead(block, token, kind, gender)
        if ahead is not None:
            return ahead  # "In its press release, the Federal Reserve stated": the subject that follows
        position = self.blocks[block].offset + token.idx
        sentence = token.sent
        excluded = self._clause_subject(block, token) if token.dep_ in ("dobj", "dative") else None
        candidates = []
        for index, m in enumerate(self.resolution.mentions):
            if m.start >= position or not (m.is_actor or market and m.type == "FinancialInstrument") \
                    or index not in self.resolution.key_of:
                continue
            if excluded is not None and self.resolution.key_of[index] == excluded:
                continue  # "X sold it": "it" is not X
            if not _kind_fits(kind, m, self.resolution.key_of[index], market=market):
                continue
            if gender and self.person_genders.get(self.resolution.key_of[index], gender) != gender:
                continue  # "she said" is not the man named just before
            same_sentence = m.block == block and sentence.start <= m.tok_start < sentence.end
            subject = same_sentence and self.blocks[block].doc[m.tok_end - 1].dep_ in ("nsubj", "nsubjpass")
            candidates.append((subject, same_sentence, m.sentence, m.subject, m.start, index))
        if not candidates:
            return None
        best = max(candidates)
        return self.resolution.key_of[best[-1]]

    def _subject_ahead(self, block: int, token: Token, kind: str | None, gender: str | None) -> str | None:
        """The subject a possessive in a fronted phrase points ahead to ("In its statement, the
        ministry said", "In his speech, X said"), when it is of the pronoun's kind."""
        noun = token.head
        if token.dep_ != "poss" or noun.dep_ != "pobj" or noun.head.dep_ != "prep":
            return None
        verb = noun.head.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > token.i), None)
        if subject is None or subject.i < noun.head.i:
            return None  # the phrase must come before the subject it points to
        index = self.mention_at(block, subject)
        if index is None or index not in self.resolution.key_of:
            return None
        m, key = self.resolution.mentions[index], self.resolution.key_of[index]
        if not m.is_actor or not _kind_fits(kind, m, key, market=False):
            return None
        return None if gender and self.person_genders.get(key, gender) != gender else key

    def _unnamed_speaker(self, block: int, token: Token, kind: str | None) -> bool:
        """Whether a pronoun subject of a reported clause stands for the reporting verb's subject,
        a common noun that names no node ("The company said it would ...", "Officials said
        they had ..."): then it is nobody the graph knows, not an actor further back."""
        if token.dep_ not in ("nsubj", "nsubjpass") or token.head.dep_ != "ccomp" or kind == "person":
            return False
        subject = next((c for c in token.head.head.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.pos_ != "NOUN" or (subject.tag_ == "NNS") != (kind == "plural"):
            return False
        return all(self.key_at(block, t) is None for t in subject.subtree)

    def _clause_subject(self, block: int, token: Token) -> str | None:
        """The entity that is the subject of an object pronoun's clause (climbing "by selling it"
        and "agreed to buy it" to the clause that has the subject); an object pronoun never
        refers to it."""
        current, steps = token.head, 0
        while steps < 4:
            subject = next((c for c in current.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                if subject.lower_ in PRONOUNS and subject.pos_ == "PRON" and subject != token:
                    return self.resolve_pronoun(block, subject)
                return self.key_at(block, subject)
            if current.dep_ not in ("xcomp", "conj", "pcomp", "prep", "advcl") or current.head == current:
                return None
            current, steps = current.head, steps + 1
        return None

    def span_mention(self, block: int, span: Span):
        from kg.model import Mention

        offset = self.blocks[block].offset
        return Mention(offset + span.start_char, offset + span.end_char, span.text)


def _heads(words: list[str]) -> list[str]:
    """The first two words and the first word, as phrases."""
    return [" ".join(words[:2]), *words[:1]]


def _tails(words: list[str]) -> list[str]:
    """The last two words and the last word, as phrases."""
    return [" ".join(words[-2:]), *words[-1:]]


def relative_antecedent(token: Token) -> Token | None:
    """The noun a relative pronoun stands for: "who" in "Akerson, who was appointed" is Akerson."""
    if token.tag_ not in ("WP", "WDT") and not (token.lower_ == "that" and token.dep_ in ("nsubj", "nsubjpass", "dobj")):
        return None
    clause = token.head
    if clause.dep_ != "relcl" or clause.head == clause or token.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return None
    before = token.nbor(-2) if token.i >= 2 else None
    if token.lower_ in ("which", "who") and before is not None and token.nbor(-1).text == "," \
            and before.pos_ == "PROPN" and clause.head.i < token.i - 2 and not _places_it(before, clause.head):
        return before  # "members of the union - 62,000 at GM, which is seeking": the name before the comma
    return clause.head


def _places_it(name: Token, noun: Token) -> bool:
    """"the Hang Seng in Hong Kong, which closed up": a place that only says where the noun is, is
    not what the relative clause is about."""
    return name.ent_type_ in ("GPE", "LOC") and name.dep_ == "pobj" and name.head.head == noun


def list_members(token: Token) -> list[Token]:
    """A noun and its conjuncts, in order: "X and Y", and "X, Y and Z", which the small model parses
    as X with an apposition Y that has the conjunct Z."""
    members = [token, *[t for t in token.conjuncts if t.i > token.i]]
    for child in token.children:
        if child.dep_ == "appos" and any(c.dep_ == "conj" for c in child.children):
            members += [child, *[t for t in child.conjuncts if t.i > child.i]]
    return sorted(set(members), key=lambda t: t.i)


def said_start(complement: Token) -> int:
    """Where what was said begins in a reported clause: at its "that" or its subject, so a date
    right after the reporting verb ("said on Friday it had ...") dates the saying."""
    starts = [c.left_edge.i for c in complement.children if c.dep_ in ("mark", "nsubj", "nsubjpass", "expl")]
    return min(starts) if starts else complement.left_edge.i


def _bare_definite(noun: Token, modifiers: frozenset[str]) -> bool:
    """"the index", "the broader index", "the shares": a determiner that points back, and no word
    that tells which one ("the banking index", "the Class A shares", "the index of leading indicators")."""
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children):
        return False
    return not any(c.dep_ in ("compound", "amod", "nmod", "poss", "nummod") and c.lower_ not in modifiers
                   or c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)


def _kind_fits(kind: str | None, m, key: str, market: bool = False) -> bool:
    """Whether a pronoun's kind fits a mention, by what the mention was resolved to ("Mubambiro",
    called a person by the NER, is a place); "it" that moves in a market may be an index."""
    entity_type = key.split("/", 1)[0]
    if kind == "person":
        return entity_type == "person"
    if kind == "org":
        return entity_type in ("organization", "armedgroup", "governmentbody") or (
            market and entity_type == "financialinstrument")
    return entity_type not in ("person", "place")


def is_heading(line: str) -> bool:
    """A short line without sentence punctuation ("Thousands displaced") is a section heading."""
    words = line.split()
    return 0 < len(words) <= 8 and not re.search(r"[.!?:;\"\u201d]$", line) and not line.startswith(("\u2014", "-"))


def signature(line: str) -> re.Match | None:
    return _SIGNATURE.match(line)


def semicolon_between(clause: Token, verb: Token) -> bool:
    """"There is a chance of X; Y was challenged by Z": a clause set off by a semicolon is no
    complement of the verb beyond it, whatever the parse says."""
    low, high = sorted((clause.i, verb.i))
    return any(t.text == ";" for t in clause.doc[low:high])


#: Kinds of event whose nouns name a thing proposed or agreed ("the deal", "the appeal").
_DECIDED_KINDS = {"Agreement", "Negotiation", "Acquisition", "Order", "Investment", "Appeal"}
_POSSIBILITY_NOUNS = {"possibility", "chance", "prospect", "likelihood", "risk", "danger", "threat", "fear"}


def merely_possible(token: Token) -> bool:
    """"a possibility of Boeing challenging the decision", "the risk of a strike": what is only
    possible has not happened, nor been said."""
    return token.dep_ in ("pcomp", "pobj") and token.head.lower_ == "of" and \
        token.head.head.lemma_.lower() in _POSSIBILITY_NOUNS


def is_thing(key: str) -> bool:
    """A product or a financial instrument: what an event involves, never who acts."""
    return key.startswith(("product/", "financialinstrument/"))
