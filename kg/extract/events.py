"""Events from trigger words (data/lexicons/event_triggers.csv) with roles from the dependency parse.

Verb triggers: subject -> agent, object -> target, passive subject -> target, "by X" -> agent.
Noun triggers: "X's attack", "by X", "on/against Y", "between X and Y", and the subject of a
light verb ("launched attacks", "released a statement"). Place and date come from the trigger's
own clause (or the clause it hangs from in the same sentence), never from another sentence.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Token

from kg.extract import amounts, dates
from kg.extract.context import (ArticleContext, is_thing, list_members, merely_possible, relative_antecedent, said_start,
                                semicolon_between)
from kg.extract.entities import (is_market_verb, market_state_word, non_specific, partitive_of, tokens_tagged,
                                 word_start)
from kg.extract.statements import DOCUMENT_NOUNS, person_named_by, speakers_of_verb

_TARGET_PREPS = {"on", "against", "at", "upon", "into", "of", "over"}
_LOCATIVE_PREPS = {"in", "at", "near", "across", "outside", "inside", "around", "throughout", "within", "from", "into"}
_FUTURE_AUX = {"will", "shall", "'ll"}
#: "can fly 9,000 miles" is able to, not done; "could", "might" only may be.
_HYPOTHETICAL_AUX = {"would", "could", "can", "might", "may", "should", "must"}
_CANCELLING = frozenset({"cancel", "cancellation", "call", "scrap", "abandon", "scuttle", "terminate", "termination"})
_POSTPONING = frozenset({"postpone", "postponement", "delay", "adjourn", "adjournment", "defer", "reschedule"})
_FUTURE_ADJECTIVES = {"proposed", "planned", "future", "upcoming", "impending", "pending", "expected", "scheduled"}
_HYPOTHETICAL_ADJECTIVES = {"possible", "potential", "hypothetical", "rumoured", "rumored"}
_MEANS_PREPS = {"in", "during", "with", "through", "via"}  # "killed eight in an attack": the killers attacked
_DIRECTIVE = {"urge", "ask", "call", "press", "encourage", "invite", "instruct", "demand", "tell", "persuade", "order"}
_ENABLING = {"force", "allow", "permit", "help", "enable", "compel"}  # "forced X to leave": X left
_OBJECT_CONTROL = _DIRECTIVE | _ENABLING  # verbs whose object does what their "to" clause says
_MANDATIVE = {"insist", "demand", "require", "recommend", "propose", "ask", "urge", "suggest", "request"}
_HABITUAL = {"often", "usually", "typically", "generally", "frequently", "sometimes", "routinely", "commonly"}
_INTENT = {"plan", "threaten", "intend", "want", "seek", "hope", "propose", "aim", "expect", "consider", "offer"}
_MOVES = {"MarketMove", "PriceChange", "ProductionChange", "RateDecision"}  # moves that go up or down
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "twenty": 20, "hundred": 100}


@dataclass
class EventCandidate:
    """An event found in one clause, before same-event merging."""

    type: str
    trigger: str
    block: int
    trigger_token: Token
    agents: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)  # products, instruments, facilities acted on
    place: str | None = None
    date: str | None = None
    count: int | None = None
    money: str | None = None
    currency: str | None = None
    percentage: str | None = None
    direction: str | None = None
    modality: str | None = None
    span: tuple[int, int] = (0, 0)  # absolute evidence offsets
    place_from_default: bool = False
    object_head: Token | None = None  # the head of what was acquired, ordered, ...
    definite: bool = False  # "the resolution": a noun that refers back to an event already told
    refers_back: bool = False  # a definite event noun, dated or not ("the assault ... began Monday")
    relative_days: int | None = None  # "a day earlier": days from the dated event told before it
    relative_to: str | None = None  # "a day before the announcement": the noun naming that event
    lexicon_type: str = ""  # the class the trigger word has in the lexicon, before the clause refined it
    phrase: bool = False  # the trigger is a phrase ("open fire", "file for bankruptcy")
    signals: dict[str, bool] = field(default_factory=dict)  # what the rules read from the clause (RULE_SIGNALS)
    confidence: float = 1.0  # the scorer's probability that this is an event the text asserts

    @property
    def actors(self) -> set[str]:
        return set(self.agents) | set(self.targets) | set(self.participants)

    @property
    def involved(self) -> set[str]:
        """Actors and themes: who or what the event is about."""
        return self.actors | set(self.themes)


def event_candidates(ctx: ArticleContext, block: int) -> Iterator[EventCandidate]:
    """Every trigger of a block, with its roles, place, date, count and modality, and the signals
    the rules read from its clause (``signals``): which of them make it no event is for the scorer
    (kg.score) to weigh, not for this function to decide."""
    doc = ctx.blocks[block].doc
    lexicon = ctx.lexicon
    for token in tokens_tagged(doc, ("VERB", "NOUN", "AUX", "PROPN")):  # and "was" of "the index was flat",
        # and a sentence-opening noun tagged a name ("Wildfires broke out")
        found = _trigger(ctx, token, block)
        if found is None:
            continue
        event_type, trigger_tokens = found
        candidate = EventCandidate(type=event_type, trigger=" ".join(t.text for t in trigger_tokens),
                                   block=block, trigger_token=token, lexicon_type=event_type,
                                   phrase=len(trigger_tokens) > 1)
        signals = candidate.signals
        signals["non_specific"] = token.pos_ == "NOUN" and non_specific(token)  # "other agreements", "any attack"
        signals["habitual"] = token.pos_ == "VERB" and any(c.dep_ == "advmod" and c.lower_ in _HABITUAL
                                                           for c in token.children)  # "are often hired"
        _refine_by_fillers(ctx, block, token, candidate)  # before the roles: the refined kind's frame fills them
        if token.pos_ == "VERB" or token.pos_ == "AUX":
            _verb_roles(ctx, block, token, candidate)
        else:
            _noun_roles(ctx, block, token, candidate)
        _refine_type(ctx, block, token, candidate)
        signals["moves_no_market"] = candidate.type == "MarketMove" and (
            any(k.startswith(("place/", "person/")) for k in candidate.agents)
            or any(c.dep_ == "prep" and c.lower_ == "into" for c in token.children))  # "Sudan plunged into war"
        signals["figurative"] = _acts_on_a_deal(ctx, token, candidate)
        signals["asks_a_price"] = _asks_a_price(token, candidate)
        if token.pos_ == "VERB":
            _court_rules(ctx, block, token, candidate)
            signals["sells_to_no_one"] = _converse_roles(ctx, block, token, found[1], candidate) and not candidate.actors
        candidate.place = _place(ctx, block, token)
        candidate.modality = _modality(token)
        candidate.date = _date(ctx, block, token, candidate.modality) or \
            _announced_date(ctx, block, token, candidate.modality)
        if candidate.date is None:
            candidate.relative_days, candidate.relative_to = _relative_days(ctx, block, token)
        if candidate.place is None and not _has_locative(token):
            candidate.place = _default_place(ctx, candidate)
            candidate.place_from_default = candidate.place is not None
        candidate.money, candidate.currency, candidate.percentage = amounts.of_clause(
            _own_subtree(token), lexicon.currencies)
        candidate.direction = _direction(lexicon.directions, token) if candidate.type in _MOVES else None
        told_signals(candidate, ctx)
        signals["unsituated_saying"] = candidate.type == "PublicStatement" and _saying(ctx, token) \
            and candidate.date is None and (candidate.place is None or candidate.place_from_default)
        # ^ "X said" is a statement only; "said on Tuesday", "told reporters in Geneva" is also an event
        candidate.span = _evidence_span(ctx, block, token)
        candidate.refers_back = token.pos_ == "NOUN" and is_definite(token)
        candidate.definite = candidate.refers_back and candidate.date is None
        yield candidate


def is_definite(noun: Token) -> bool:
    """"the attack", "that deal": a noun with a definite determiner refers back to one told before."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children)


def told_signals(c: EventCandidate, ctx: ArticleContext) -> None:
    """The signals that read what the text tells of an event (its actors, place, date): set from
    its clause, and again once the article has filled what the clause left out."""
    actorless = ctx.lexicon.has_trait(c.type, "actorless")
    c.signals["no_actor"] = not c.actors and not actorless and not is_conflict(ctx, c.type)
    c.signals["unanchored"] = not c.actors and not actorless and not (c.place and not c.place_from_default) \
        and not c.count  # the article's country by default anchors nothing
    c.signals["nothing_told"] = not (c.actors or c.place or c.date or c.modality)


#: The signals the hand-written rules dropped a candidate on, before a trained scorer weighed them.
RULE_SIGNALS = ("non_specific", "habitual", "no_actor", "moves_no_market", "figurative", "asks_a_price",
                "sells_to_no_one", "unanchored", "nothing_told", "unsituated_saying")


def passes_rules(candidate: EventCandidate) -> bool:
    """The hand-written decision: an event unless one of the rule signals is set (the baseline the
    trained scorer is measured against)."""
    return not any(candidate.signals.get(s) for s in RULE_SIGNALS)


def _acts_on_a_deal(ctx: ArticleContext, token: Token, c: EventCandidate) -> bool:
    """"The deal had been killed by the Pentagon", "attacked the plan": violence done to a deal or
    a decision is a figure of speech, not a conflict event."""
    return is_conflict(ctx, c.type) and token.pos_ == "VERB" and ctx.names_a_decision(object_head(token))


_MODIFIERS = ("advmod", "acomp", "oprd", "prt")


def _direction(directions: dict[str, str], token: Token) -> str | None:
    """Which way a move went: "fell" says it, "closed 0.8% lower" says it in the verb's modifier."""
    own = directions.get(token.lemma_.lower())
    if own is not None:
        return own
    return next((directions[c.lower_] for c in token.children
                 if c.dep_ in _MODIFIERS and c.lower_ in directions), None)  # as written: "lower", not "low"


def _a_directive(token: Token, c: EventCandidate) -> bool:
    """"The Air Force was ordered by Congress to work with Boeing": ordering someone to do
    something is a command (CAMEO 100, as PETRARCH2 codes ORDER), not a purchase order."""
    return c.type == "Order" and token.pos_ == "VERB" and token.lemma_.lower() == "order" and any(
        child.dep_ in ("xcomp", "ccomp") for child in token.children)


_PRICES = {"cost", "fee", "price", "rate", "premium", "tariff", "tax", "commission", "interest", "amount", "sum"}


def _asks_a_price(token: Token, c: EventCandidate) -> bool:
    """"Airbus charges an added cost": charging a price or a sum is no charge against anyone."""
    head = object_head(token) if c.type in ("Arrest", "Charge") and token.pos_ == "VERB" else None
    return head is not None and (head.lemma_.lower() in _PRICES or head.ent_type_ == "MONEY")


def _saying(ctx: ArticleContext, token: Token) -> bool:
    return token.pos_ == "VERB" and ctx.lexicon.reporting_verbs.get(token.lemma_.lower()) == "say"


def is_conflict(ctx: ArticleContext, event_type: str) -> bool:
    """An act of force (the taxonomy's "conflict" trait): fighting "in X" is an event even when the
    text names no side ("clashes in X killed five")."""
    return ctx.lexicon.has_trait(event_type, "conflict")


def _trigger(ctx: ArticleContext, token: Token, block: int | None = None) -> tuple[str, list[Token]] | None:
    lex = ctx.lexicon
    pos = "VERB" if token.pos_ in ("VERB",) else "NOUN" if token.pos_ == "NOUN" else None
    if token.pos_ == "PROPN":  # "Wildfires broke out": a sentence-opening noun the tagger took for a name
        event_type = lex.capitalized_trigger(token.text) if token.is_sent_start and token.is_title else None
        return (event_type, [token]) if event_type else None
    if pos is None:
        state = _market_state(ctx, block, token) if block is not None else None
        return ("MarketMove", [token, state]) if state is not None else None
    lemma = token.lemma_.lower()
    if pos == "VERB" and is_market_verb(token, lex) and block is not None and moves_a_market(ctx, block, token):
        return "MarketMove", [token]  # "the index added 0.2%" (market_verbs.csv)
    if pos == "VERB" and block is not None and (kind := _argument_trigger(ctx, block, token)) is not None:
        return kind, [token]  # "a shell hit a house", "rebels took the town" (argument_triggers.csv)
    if pos == "VERB" and lemma in lex.naming_verbs and (stance := _stance(token, lex)) is not None:
        return stance, [token]  # "called the killings cowardly": a condemnation
    first_words, last_words = lex.trigger_words
    if lemma not in first_words and (pos != "NOUN" or lemma not in last_words):
        return None
    if pos == "VERB" and token.dep_ == "amod":
        return None  # "the elected government", "armoured vehicles": adjectives, not events
    if pos == "VERB" and token.dep_ == "acl" and lemma in lex.blame_verbs:
        return None  # "attacks blamed on the RSF": who did the attacks, not an accusation made
    if _in_fixed_phrase(token, lex.fixed_phrases):
        return None  # "in order to": grammar, not an order
    options: list[tuple[str, list[Token]]] = _longer_phrases(token, lemma) if pos == "VERB" else \
        _longer_noun_phrases(token, lemma)
    for child in token.children:
        if child.dep_ == "prt" or (pos == "VERB" and child.dep_ == "prep" and not _dates_the_verb(child)):
            options.append((f"{lemma} {child.lower_}", [token, child]))
        if pos == "VERB" and child.dep_ in ("dobj", "attr", "oprd", "nsubjpass"):  # "trading was suspended"
            options.append((f"{lemma} {child.lemma_.lower()}", [token, child]))
            word = token.doc[word_start(token.doc, child.i):child.i + 1]
            if len(word) > 1:  # "won the run-off": the parser's object is "off"; the phrase says "runoff"
                written = word.text.lower()
                options += [(f"{lemma} {form}", [token, *word]) for form in (written, written.replace("-", ""))]
        if pos == "VERB" and child.dep_ == "dobj":  # "found X guilty": the parser hangs the complement on X
            options += [(f"{lemma} {g.lemma_.lower()}", [token, g]) for g in child.children
                        if g.dep_ == "amod" and g.i > child.i]
        if pos == "VERB" and child.dep_ in ("ccomp", "xcomp", "acomp", "advcl") and child.pos_ == "ADJ":
            options.append((f"{lemma} {child.lemma_.lower()}", [token, child]))  # ... or a small clause ("pulled X alive")
        if pos == "VERB" and child.dep_ == "advmod" and child.i > token.i:
            options.append((f"{lemma} {child.lower_}", [token, child]))  # "were set ablaze"
        if pos == "VERB" and child.dep_ in ("advcl", "ccomp", "xcomp"):  # "called for the vote to be annulled":
            options += [(f"{lemma} {g.lower_}", [token, g]) for g in child.children  # the parser hangs "for"
                        if g.dep_ == "mark" and g.i == token.i + 1]              # on the clause it opens
    if pos == "NOUN" and token.i > 0 and not token.doc[token.i - 1].is_punct:
        before = token.doc[token.i - 1]
        options.append((f"{before.lower_} {lemma}", [before, token]))
    for phrase, tokens in options:
        event_type = lex.trigger(phrase, pos)
        if event_type:
            return event_type, tokens  # "announced X as its president", "opened fire": a phrase
    if pos == "VERB" and _is_light_verb(token, lex) and _event_object(ctx, token):
        return None  # "launched attacks", "opened an investigation": the noun is the event
    event_type = lex.trigger(lemma, pos)
    if event_type in ("Attack", "ArmedClash") and _incident_argument(token, lex):
        return None  # "an earthquake struck X", "firefighters battled a blaze": the incident is the event
    return (event_type, [token]) if event_type else None


def _longer_phrases(verb: Token, lemma: str) -> list[tuple[str, list[Token]]]:
    """The phrases of three words or more a verb may head, longest first: with a preposition and
    its object ("file for bankruptcy", "take into custody", "go to the polls", "set on fire"),
    with a particle and its object ("break off relations"), with an object and its compounds
    ("fire tear gas")."""
    found = []
    for child in verb.children:
        if child.dep_ == "prep":
            found += _with_preposition(verb, lemma, child, article=True)
        if child.dep_ == "prt":
            found += [(f"{lemma} {child.lower_} {g.lemma_.lower()}", [verb, child, g])
                      for g in verb.children if g.dep_ == "dobj"]
        if child.dep_ == "dobj":
            compounds = [g for g in child.children if g.dep_ == "compound" and g.i < child.i]
            if compounds:
                words = " ".join(g.lemma_.lower() for g in compounds)
                found.append((f"{lemma} {words} {child.lemma_.lower()}", [verb, *compounds, child]))
    return found


def _longer_noun_phrases(noun: Token, lemma: str) -> list[tuple[str, list[Token]]]:
    """The phrases of three words a noun may end or head: "initial public offering", "seizure of
    power", "memorandum of understanding"."""
    doc = noun.doc
    found = []
    if noun.i >= 2 and all(t.dep_ in ("amod", "compound", "nmod") and t.head.i in (noun.i, noun.i - 1)
                           for t in doc[noun.i - 2:noun.i]):  # modifiers of the noun, not "memorandum of"
        found.append((f"{doc[noun.i - 2].lower_} {doc[noun.i - 1].lower_} {lemma}", [doc[noun.i - 2], doc[noun.i - 1], noun]))
    for child in noun.children:
        if child.dep_ == "prep":
            found += _with_preposition(noun, lemma, child, article=False)
    return found


def _with_preposition(head: Token, lemma: str, prep: Token, *, article: bool) -> list[tuple[str, list[Token]]]:
    """A word, a preposition of it and that one's object ("file for bankruptcy", "seizure of
    power"); with ``article``, also with "the" kept ("go to the polls")."""
    found = []
    for pobj in (g for g in prep.children if g.dep_ == "pobj"):
        dets = [d for d in pobj.children if d.dep_ == "det" and d.lower_ == "the"] if article else []
        if dets:
            found.append((f"{lemma} {prep.lower_} the {pobj.lemma_.lower()}", [head, prep, *dets, pobj]))
        found.append((f"{lemma} {prep.lower_} {pobj.lemma_.lower()}", [head, prep, pobj]))
    return found


def _incident_argument(verb: Token, lexicon) -> bool:
    """Whether a verb's subject or object is a noun that tells an incident ("the quake", "a blaze")."""
    for argument in verb.children:
        if argument.dep_ in ("nsubj", "dobj") and argument.pos_ in ("NOUN", "PROPN"):
            kind = lexicon.trigger(argument.lemma_.lower(), "NOUN")
            if kind is not None and "Incident" in lexicon.ancestors(kind):
                return True
    return False


_PREDICATES = ("oprd", "acomp", "xcomp", "ccomp", "advmod")


def _stance(verb: Token, lexicon) -> str | None:
    """The judgement a naming verb passes on what it names (stance_words.csv): "called the deal
    outrageous", "calling the bombing reckless" (the parser hangs the predicate on the object),
    "described the raid as barbaric", "called the ruling a victory" -> Condemnation or Praise."""
    predicates = [c for c in verb.children if c.dep_ in _PREDICATES and c.i > verb.i]
    for child in verb.children:
        if child.dep_ == "dobj":
            predicates += [g for g in child.children if g.dep_ in ("oprd", "amod") and g.i > child.i]
        if child.dep_ == "prep" and child.lower_ == "as":
            predicates += list(child.children)
    for predicate in predicates:
        for word in predicate.subtree:
            stance = lexicon.stance_words.get(word.lemma_.lower()) or lexicon.stance_words.get(word.lower_)
            if stance is not None:
                return stance
    return None


def _dates_the_verb(preposition: Token) -> bool:
    """"settled on Friday": the preposition dates the verb and makes no phrase with it ("settle on").
    "Called for a week of strikes" is no date: the span of time measures the thing asked for."""
    return any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME")
               and not any(p.dep_ == "prep" and p.lower_ == "of" for p in g.children) for g in preposition.children)


def moves_a_market(ctx: ArticleContext, block: int, verb: Token) -> bool:
    """Whether a verb's subject is what moves in a market: an instrument, or shares, an index, a
    price (the rules' test for market verbs, and the events model's market_subject feature)."""
    head = _slot_head(verb, "subject")
    if head is None or head.pos_ == "PRON":
        return False
    return _fills(ctx, block, head, "instrument") or head.lemma_.lower() in ctx.lexicon.market_nouns


def _market_state(ctx: ArticleContext, block: int, token: Token) -> Token | None:
    """"The Dow was down 2%", "the Dax was 1.75% lower", "the index was flat": the word that says
    where a market subject stands after a copula (directions.csv, market_states.csv)."""
    if token.dep_ in ("aux", "auxpass"):
        return None
    state = market_state_word(token, ctx.lexicon)
    return state if state is not None and moves_a_market(ctx, block, token) else None


def _in_fixed_phrase(token: Token, phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Whether the token is a word of one of the fixed phrases (fixed_phrases.csv), as written around it."""
    doc, word = token.doc, token.lower_
    for phrase in phrases:
        for k, w in enumerate(phrase):
            start = token.i - k
            if w == word and start >= 0 and start + len(phrase) <= len(doc) and \
                    all(doc[start + j].lower_ == p for j, p in enumerate(phrase)):
                return True
    return False


def object_head(token: Token) -> Token | None:
    """What a verb acts on (its object) or a noun names (its "of" phrase)."""
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return child
    small = small_clause_subjects(token)
    if small:
        return small[0]
    if token.dep_ == "acl" and token.tag_ == "VBN" and token.head.pos_ == "NOUN":
        return token.head  # "the data released on Wednesday": a participle acts on the noun it follows
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def small_clause_subjects(verb: Token) -> list[Token]:
    """"found X guilty", "declared X dead" parsed as a small clause ("X guilty"): X is what the verb acts on."""
    return [g for child in verb.children if child.dep_ in ("ccomp", "xcomp") and child.pos_ == "ADJ"
            for g in child.children if g.dep_ == "nsubj"]


def _converse_roles(ctx: ArticleContext, block: int, verb: Token, trigger: list[Token], c: EventCandidate) -> bool:
    """"X sold Y to Z": Z is the agent (it acquires Y), X takes part. When Y is not a company the
    event is an order Z placed with X, so X is the target. Without a "to" phrase the buyer is
    unknown: the seller only takes part."""
    preposition = ctx.lexicon.converse.get(" ".join(t.lemma_.lower() for t in trigger))
    if preposition is None:
        return False
    buyers = [k for child in verb.children if child.dep_ in ("prep", "dative") and child.lower_ == preposition
              for pobj in child.children for k in _keys(ctx, block, pobj)]
    sellers = list(c.agents)
    things = [k for k in c.targets if k not in buyers]
    if c.type == "Order":
        c.agents, c.targets, c.participants = buyers, sellers if buyers else [], []
    elif buyers or things:
        c.agents, c.targets = buyers, things
        c.participants = [k for k in _unique(c.participants + sellers) if k not in buyers and k not in things]
    else:  # neither a buyer nor a company sold: "the music it sells"
        c.agents, c.targets, c.participants = [], [], []
    return True


def _court_rules(ctx: ArticleContext, block: int, verb: Token, c: EventCandidate) -> None:
    """"X lost its case against Y in the High Court": a ruling's agent is the court named in its
    clause (a government body whose head noun is judicial in the agent lexicon); the parties are
    its targets."""
    if c.type != "Ruling":
        return
    for child in verb.children:
        if child.dep_ != "prep" or child.lower_ not in ("in", "by", "at", "before", "from"):
            continue
        for pobj in child.children:
            key = ctx.key_at(block, pobj)
            noun = ctx.lexicon.agent_nouns.get(pobj.lemma_.lower())
            if key and key.startswith("governmentbody/") and noun and noun[1] == "JUD" and key not in c.agents:
                c.targets = _unique(c.agents + c.targets)
                c.agents = [key]
                return


def _refine_by_fillers(ctx: ArticleContext, block: int, token: Token, c: EventCandidate) -> None:
    """The kind of event its subject or object tells (data/lexicons/type_refinements.csv)."""
    for event_class, slot, filler, new_class in ctx.lexicon.refinements:
        if c.type == event_class and _slots_filled(ctx, block, token, slot, filler):
            c.type = new_class
            return


_PARTICLES = {"back", "out", "off", "over", "up", "down", "on", "in", "away"}  # tagged as adverbs


def _argument_trigger(ctx: ArticleContext, block: int, verb: Token) -> str | None:
    """The event a verb tells only with such arguments: "a shell hit", not "sales hit a record"
    (data/lexicons/argument_triggers.csv)."""
    if verb.lemma_.lower() not in ctx.lexicon.argument_verbs:
        return None  # asked of every verb: most are none of these
    particle = next((c.lower_ for c in verb.children
                     if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in _PARTICLES)), None)
    lemma = verb.lemma_.lower() if particle is None else f"{verb.lemma_.lower()} {particle}"
    # ^ "hit back", "took over" are other verbs than "hit", "take"; "a fight broke out" is its own
    return next((event_class for slot, filler, event_class in ctx.lexicon.argument_triggers.get(lemma, ())
                 if _slots_filled(ctx, block, verb, slot, filler)), None)


def _slots_filled(ctx: ArticleContext, block: int, token: Token, slot: str, filler: str) -> bool:
    """Whether the slot holds the filler ("subject&object": both must hold)."""
    return all(any(_fills(ctx, block, head, what) for head in _slot_heads(ctx, token, one))
               for one, what in zip(slot.split("&"), filler.split("&")))


def _slot_heads(ctx: ArticleContext, token: Token, slot: str) -> list[Token]:
    """The slot's head, and for an object also what a verb is aimed at ("fired tear gas at protesters");
    each with what a partitive head is of ("thousands of students", "a barrage of missiles")."""
    head = _slot_head(token, slot, ctx.lexicon.light_verbs)
    aims = ("at", "on", "against", "upon") if token.pos_ == "VERB" else ("on", "upon")  # "a strike on the plant"
    aimed = [g for c in token.children if c.dep_ == "prep" and c.lower_ in aims
             for g in _prepositional_objects(c)] if slot == "object" else []
    return [h for one in ([head] if head is not None else []) + aimed for h in (one, *partitive_of(one, ctx.lexicon))]


def _prepositional_objects(preposition: Token) -> list[Token]:
    """A preposition's object, also when the parser reads it as a clause's subject ("at workers
    demanding wages": "workers" is the subject of "demanding")."""
    return [g for c in preposition.children
            for g in ([c] if c.dep_ == "pobj" else [s for s in c.children if s.dep_ == "nsubj"] if c.dep_ == "pcomp" else [])]


def _when_clause_subjects(verb: Token) -> list[Token]:
    """The subjects of the clauses that say when or as what a verb happened ("... when rebels attacked")."""
    return [s for clause in _adverbial_clauses(verb)
            if any(m.dep_ in ("advmod", "mark") and m.lower_ in ("when", "as") for m in clause.children)
            for s in clause.children if s.dep_ in ("nsubj", "nsubjpass")]


def _adverbial_clauses(verb: Token) -> list[Token]:
    """A verb's adverbial clauses, and those the parser hangs on its day ("injured on Wednesday when
    police fired": a relative clause of "Wednesday")."""
    days = [t for c in verb.children for t in ([c] if c.dep_ == "npadvmod" else c.children if c.dep_ == "prep" else [])
            if t.ent_type_ in ("DATE", "TIME")]
    return [c for c in verb.children if c.dep_ == "advcl"] + [c for day in days for c in day.children if c.dep_ == "relcl"]


def _passive_conjuncts(verb: Token) -> list[Token]:
    """The verb and the passives conjoined with it: "one was killed and 30 were injured when police
    fired" hangs the when-clause on the last of them, and it tells when each happened. The later
    ones may lack their auxiliary ("two were killed and seven wounded when ...") or hang on a
    conjoined noun ("31 people were killed and 107 others injured as police fired")."""
    later = [v for v in verb.conjuncts if v.pos_ in ("VERB", "AUX") and (_is_passive(v) or _reduced_passive(v))]
    on_nouns = [p for n in verb.children if n.dep_ == "conj" and n.pos_ == "NOUN"
                for p in n.children if p.dep_ == "acl" and p.tag_ == "VBN"]
    return [verb, *later, *on_nouns]


def _joined_to_force(ctx: ArticleContext, verb: Token) -> bool:
    """"Russian bombs hit the city, killing six and wounding 23": a verb conjoined with an act of
    force shares its subject, and a state's weapons wound for that state as they kill for it."""
    head = verb.head if verb.dep_ == "conj" else None
    kind = ctx.lexicon.trigger(head.lemma_.lower(), "VERB") if head is not None and head.pos_ == "VERB" else None
    return kind is not None and is_conflict(ctx, kind)


def _is_passive(verb: Token) -> bool:
    return any(ch.dep_ == "auxpass" for ch in verb.children)  # the model's "nsubjpass" alone misleads


def _reduced_passive(verb: Token) -> bool:
    """"seven wounded" after a passive, "107 others injured": a past participle without an
    auxiliary of its own, conjoined with a passive or hung on a noun, is a passive too."""
    if verb.tag_ != "VBN" or any(ch.dep_ in ("aux", "auxpass") for ch in verb.children):
        return False
    return verb.dep_ == "acl" or (verb.dep_ == "conj" and _is_passive(verb.head))


def _slot_head(token: Token, slot: str, light_verbs=None) -> Token | None:
    if slot == "object":
        return object_head(token)
    if slot == "cause":  # "killed by a landslide", "killed when an earthquake struck"
        by = next((g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        return by if by is not None else next(iter(_when_clause_subjects(token)), None)
    if slot == "verb":  # "sales fell 23%": the verb a noun is the subject of
        return token.head if token.pos_ == "NOUN" and token.dep_ in ("nsubj", "nsubjpass") else None
    verb = token if token.pos_ in ("VERB", "AUX") else None
    if verb is None:  # a noun's possessor, else who carries it out ("Turkey carried out strikes")
        possessor = next((ch for ch in token.children if ch.dep_ == "poss"), None)
        carried = token.dep_ == "dobj" and token.head.lemma_.lower() in (light_verbs or ())
        return possessor if possessor is not None or not carried else _subject(token.head)
    subject = next((ch for ch in verb.children if ch.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return _subject(verb)
    return relative_antecedent(subject) or subject  # "the index, which closed lower": the index


def _fills(ctx: ArticleContext, block: int, head: Token, filler: str) -> bool:
    if filler.startswith("lemma:"):
        words = set(filler[len("lemma:"):].split("|"))
        return any(phrase in words for phrase in _compound_tails(head))
    if filler == "incident":
        kind = ctx.lexicon.trigger(head.lemma_.lower(), "NOUN")
        return kind is not None and "Incident" in ctx.lexicon.ancestors(kind)
    if filler == "money":  # "lost $6 billion": a sum, not a share of a price
        return head.ent_type_ == "MONEY"
    if filler == "percent":  # "its loss of 27.3%": a share of a price
        return head.ent_type_ == "PERCENT"
    depth = 3 if filler == "product" else 2  # "released a new lineup of MacBook Air laptops"
    key = ctx.key_at(block, head) or ctx.actor_in(block, head, max_depth=depth, places=filler in ("place", "facility"))
    if key is not None and key in {ctx.actor_in(block, c, max_depth=0) for c in head.children if c.dep_ == "poss"}:
        return False  # "left its rate target at 0.1%": whose the thing is does not fill the slot
    kinds = {"instrument": "financialinstrument"}
    if filler == "facility":
        entity = ctx.resolution.entity(key) if key else None
        return entity is not None and key.startswith("place/") and ctx.lexicon.names_a_facility(entity.name)
    return key is not None and key.split("/", 1)[0] == kinds.get(filler, filler)


def _blamed_on(noun: Token, blame_verbs: dict[str, str]) -> list[Token]:
    """Who an event is laid at: "drone attacks blamed on the RSF", "the attack was blamed on rebels",
    "a bombing claimed by the group" (blame_verbs.csv)."""
    verbs = [c for c in noun.children if c.dep_ == "acl"]
    if noun.dep_ == "nsubjpass":
        verbs.append(noun.head)
    return [g for v in verbs if v.lemma_.lower() in blame_verbs for c in v.children
            if c.dep_ in ("prep", "agent") and c.lower_ == blame_verbs[v.lemma_.lower()]
            for g in c.children if g.dep_ == "pobj"]


def _claimed_by(noun: Token, claims: frozenset[tuple[str, str]]) -> list[Token]:
    """Who owns up to an event: "the group claimed responsibility for the bombing", with "for" on
    the noun or on the verb (responsibility_claims.csv)."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "for":
        return []
    owned = noun.head.head
    verb = owned.head if owned.dep_ == "dobj" else owned
    objects = [owned] if owned.dep_ == "dobj" else [c for c in verb.children if c.dep_ == "dobj"]
    if verb.pos_ not in ("VERB", "AUX") or not any((verb.lemma_.lower(), o.lemma_.lower()) in claims for o in objects):
        return []
    subject = _subject(verb)
    return [subject] if subject is not None else []


def _names_a_kind_of_place(ctx: ArticleContext, noun: Token) -> bool:
    """"villages", "the town", "an airbase": a word that names places (place_designators.csv, facility_nouns.csv)."""
    lemma = noun.lemma_.lower()
    return ctx.lexicon.place_designators.get(lemma) == "after" or lemma in ctx.lexicon.facility_nouns


def _compound_tails(head: Token) -> set[str]:
    """The head and each run of compound words ending in it, as lemmas and as written: "volume",
    "sale volume", "sales volume", "vehicle sales volume" for "vehicle sales volume"."""
    compounds = [t for t in head.lefts if t.dep_ == "compound"]
    tails = set()
    for start in range(len(compounds) + 1):
        words = compounds[start:]
        tails.add(" ".join([*(t.lemma_.lower() for t in words), head.lemma_.lower()]))
        tails.add(" ".join([*(t.lower_ for t in words), head.lemma_.lower()]))
    return tails


def _refine_type(ctx: ArticleContext, block: int, token: Token, c: EventCandidate) -> None:
    """Buying a company is an acquisition; buying things (aircraft, shares of output) is an order.
    The difference is whether the object's head word is itself an organization. Capturing a town
    takes territory; capturing soldiers abducts them; seizing weapons takes property."""
    if _a_directive(token, c):
        c.type = "Demand"
        return
    if c.type == "PublicStatement" and (commitment := _speaker_commits(ctx, token)):
        c.type = commitment  # "the ministry said it would release funds": a pledge (CAMEO 03)
        return
    if c.type == "Appointment" and c.targets and all(k.startswith(("organization/", "armedgroup/"))
                                                      for k in c.targets):
        c.type = "Order"  # "selected Northrop Grumman to build the aircraft": a contract, not a post
        return
    if c.type in ("Rejection", "Protest") and _before_a_tribunal(ctx, block, token):
        c.type = "Lawsuit"  # "challenged the award in a protest before the GAO": a legal challenge
        c.targets = [k for k in c.targets if not _is_forum(ctx, k)]
        return
    if c.type == "Appeal" and _before_a_tribunal(ctx, block, token, courts_only=True):
        c.type = "LegalAppeal"  # "will appeal in the High Court", "appealed to the Supreme Court"
        c.targets = [k for k in c.targets if not _is_forum(ctx, k)]
        return
    if c.type == "Capture":
        head = object_head(token)
        if head is not None and head.pos_ in ("NOUN", "PROPN") and not ctx.actor_in(block, head, places=True) \
                and not _names_a_kind_of_place(ctx, head):  # "captured several villages" takes territory
            c.type = "Abduction" if c.targets or ctx.lexicon.agent_nouns.get(head.lemma_.lower()) \
                else "Seizure"
        return
    if c.type != "Acquisition":
        return
    head = _bought(token)
    if head is None or head.pos_ == "PRON":
        return
    owned = _holding_in(ctx, block, head)
    if owned:  # "a 72.4 percent stake in X", "shares of X": X is what is bought
        c.targets = [k for k in owned if k not in c.agents] or c.targets
        return
    key = ctx.key_at(block, head)
    noun = ctx.lexicon.agent_nouns.get(head.lemma_.lower()) or ctx.lexicon.agent_nouns.get(
        " ".join(t.lower_ for t in head.lefts if t.dep_ == "compound") + " " + head.lemma_.lower())
    is_organization = (key is not None and not key.startswith(("place/", "person/", "group/")) and not is_thing(key)) or (
        key is None and noun is not None and noun[0] in ("Organization", "GovernmentBody", "ArmedGroup"))
    if not is_organization:
        c.type = "Order"


#: Subjects by which a speaker speaks of itself ("it would", "we will"), and the auxiliaries of what is to come.
SELF_PRONOUNS = {"it", "we", "he", "she", "they", "i"}
COMMITTING_AUX = _FUTURE_AUX | {"would"}
_PRESSURE = {"ConflictEvent", "ExpressDissent"}  # CAMEO 13: threats of force, of protests and strikes


def _speaker_commits(ctx: ArticleContext, verb: Token) -> str | None:
    """"X said it would Y", "'We will Y,' X said": the speaker commits itself to act: a Pledge, or
    a Threat when Y is force, a protest or a strike, or hangs on a condition ("... if the port does not")."""
    if not _saying(ctx, verb):
        return None
    clause = next((ch for ch in verb.children if ch.dep_ == "ccomp"), None)
    if clause is None or clause.pos_ != "VERB" or not any(
            ch.dep_ == "aux" and ch.lower_ in COMMITTING_AUX for ch in clause.children):
        return None
    subject = next((ch for ch in clause.children if ch.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ not in SELF_PRONOUNS or any(ch.dep_ == "neg" for ch in clause.children):
        return None
    acts = [clause] + ([o for o in clause.children if o.dep_ == "dobj"] if _is_light_verb(clause, ctx.lexicon) else [])
    kinds = {ctx.lexicon.trigger(t.lemma_.lower(), t.pos_ if t.pos_ == "VERB" else "NOUN") for t in acts} - {None}
    if kinds and all(_runs_its_business(ctx, kind) for kind in kinds):
        return None  # "the company said it would close two plants": an announcement, not a promise to anyone
    forceful = any(set(ctx.lexicon.ancestors(kind)) & _PRESSURE for kind in kinds)  # force, a strike, a protest
    conditional = any(ch.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in ch.children if m.dep_ == "mark")
                      for ch in clause.children)  # "would strike if the port did not ...": a threat
    return "Threat" if forceful or conditional else "Pledge"


def _runs_its_business(ctx: ArticleContext, kind: str) -> bool:
    """A business's own move (closing, cutting jobs, hiring, renaming), which it announces rather
    than pledges; a partnership is a promise to another (cooperation)."""
    lineage = set(ctx.lexicon.ancestors(kind)) | {kind}
    return "BusinessEvent" in lineage and "MaterialCooperation" not in lineage and not lineage & _PRESSURE


_HOLDINGS = {"stake", "share", "holding", "interest", "majority", "control", "percent", "%"}


def _bought(token: Token) -> Token | None:
    """What a buying verb buys: its object, or what a sum is paid "for" ("pay $57 million for a stake")."""
    head = object_head(token)
    for_phrase = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "for"
                       for g in c.children if g.dep_ == "pobj"), None)
    if for_phrase is not None and (head is None or head.ent_type_ in ("MONEY", "CARDINAL") or head.like_num
                                   or any(c.like_num or c.ent_type_ in ("MONEY", "CARDINAL") for c in head.children)):
        return for_phrase  # a sum ("57 million euros") is what is paid, not what is bought
    return head


def _holding_in(ctx: ArticleContext, block: int, noun: Token) -> list[str]:
    """The company a stake or shares are in: "a stake in X", "20 percent of X", "X's shares"."""
    if noun.lemma_.lower() not in _HOLDINGS:
        return []
    keys = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "of"):
            for pobj in child.children:
                keys += [k for k in [ctx.actor_in(block, pobj, max_depth=3)] if k]
        elif child.dep_ == "poss":
            keys += [k for k in [ctx.actor_in(block, child, max_depth=1)] if k]
    return keys


def _before_a_tribunal(ctx: ArticleContext, block: int, token: Token, *, courts_only: bool = False) -> bool:
    """The clause takes it "before", "to" or "in" a court, tribunal or (unless ``courts_only``)
    other public body."""
    for tok in token.subtree:
        if tok.dep_ == "prep" and tok.lower_ in ("before", "to", "in", "with") and tok.head.i in (
                token.i, *[c.i for c in token.subtree if c.pos_ == "NOUN"]):
            for pobj in tok.children:
                key = ctx.actor_in(block, pobj, max_depth=1)
                if pobj.lemma_.lower() in ("court", "tribunal") or (key and _is_forum(ctx, key) and (
                        not courts_only or ctx.lexicon.names_a_court(pobj.lemma_.lower()))):
                    return True
    return False


def _is_forum(ctx: ArticleContext, key: str) -> bool:
    return key.startswith("governmentbody/")


def subject_of(token: Token) -> Token | None:
    """The subject of an event trigger's clause (see :func:`_subject`)."""
    return _subject(token)


def _subject(token: Token) -> Token | None:
    """The subject of a verb, climbing through xcomp/conj chains ("continued to attack"), "after
    doing" / ", killing 12" clauses and purpose clauses ("fired into the air to disperse the crowd"),
    which share the main clause's subject (a passive one too: "was charged with taking bribes").
    A participle modifying a noun ("protests opposing X") has that noun as its subject, unless the
    noun is a document ("a statement rejecting X"), whose author is the subject of the clause
    around it."""
    current, seen, controlled = token, 0, False
    while current is not None and seen < 4:
        for child in current.children:
            if child.dep_ in ("nsubj", "csubj") or (controlled and child.dep_ == "nsubjpass"):
                return child  # "he was charged with taking bribes": he took them
        if current.dep_ == "acl" and current.head.pos_ in ("NOUN", "PROPN"):
            noun = current.head
            return _governing_subject(noun) if noun.lemma_.lower() in DOCUMENT_NOUNS else noun
        controller = next((c for c in current.head.children if c.dep_ == "dobj"), None) \
            if current.dep_ == "xcomp" and current.head != current and \
            current.head.lemma_.lower() in _OBJECT_CONTROL else None
        if controller is not None:
            return controller  # "urged shareholders to reject the offer": the shareholders would reject it
        if current.dep_ in ("xcomp", "conj", "pcomp", "prep", "oprd", "acomp") and current.head != current \
                or (current.dep_ == "advcl" and (current.tag_ == "VBG" or _purpose(current))):
            controlled = current.dep_ != "conj"  # "was arrested and released": released, not releasing
            current = current.head
            seen += 1
            continue
        return None
    return None


def _reported_subject(ctx: ArticleContext, verb: Token) -> Token | None:
    """"X won the run-off, the commission said, defeating Y": a participle the parser hangs on a
    reporting verb after the clause that verb reports continues that clause, and has its subject
    (not when it is a saying itself: "..., he said, adding that ..." is his)."""
    head, reporting = verb.head, ctx.lexicon.reporting_verbs
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or head == verb or not reporting.get(head.lemma_.lower()) \
            or reporting.get(verb.lemma_.lower()):
        return None
    reported = next((c for c in head.children if c.dep_ == "ccomp" and c.i < head.i), None)
    return _subject(reported) if reported is not None else None


def _purpose(verb: Token) -> bool:
    """A "to" clause of purpose: "(in order) to disperse the crowd"."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _governing_subject(noun: Token) -> Token | None:
    verb = noun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _verb_roles(ctx: ArticleContext, block: int, verb: Token, c: EventCandidate) -> None:
    passive = _is_passive(verb)
    reduced = not passive and _reduced_passive(verb)
    subjects: list[str] = []
    objects: list[str] = []
    small_clauses = {g.head: g for g in small_clause_subjects(verb)}  # "found X guilty": X
    for child in verb.children:
        if (child.dep_ == "nsubjpass" and passive) or (child.dep_ == "nsubj" and reduced):
            objects += _keys(ctx, block, child)
        elif child.dep_ == "nsubjpass":
            subjects += _keys(ctx, block, child)
        elif child.dep_ == "agent":
            for pobj in child.children:
                subjects += _keys(ctx, block, pobj)
        elif child.dep_ in ("dobj", "attr", "oprd") and not passive:  # oprd: "named X as ..."
            objects += _keys(ctx, block, child)
        elif child in small_clauses:
            objects += _keys(ctx, block, small_clauses[child])
        elif child.dep_ == "prep" and child.lower_ in ("between", "among"):
            for pobj in child.children:
                c.participants += _keys(ctx, block, pobj)
        elif child.dep_ in ("prep", "dative") and _names_target(ctx, c, child, (child.lower_ in _TARGET_PREPS
                                                                     or child.lower_ == "with") and not objects):
            # "delivered X to Y": Y, beside X (the parser may call "to" a dative)
            for pobj in child.children:
                objects += [k for k in _keys(ctx, block, pobj) if not k.startswith("place/")]
    if (passive or reduced) and not subjects:  # "two soldiers were killed when rebels attacked": the rebels did it
        subjects += [k for v in _passive_conjuncts(verb) for cause in _when_clause_subjects(v)
                     for k in _keys(ctx, block, cause)]
    own_object = any(ch.dep_ == "dobj" and ch.text not in c.trigger.split() for ch in verb.children)
    if not objects and not own_object:  # "seized power and removed the government": the shared object
        for conj in verb.conjuncts:
            if conj.i > verb.i and conj.pos_ == "VERB":
                for child in conj.children:
                    if child.dep_ == "dobj":
                        objects += _keys(ctx, block, child)
    if not objects and not (passive or reduced) and is_conflict(ctx, c.type) and (aimed := object_head(verb)) is not None:
        objects += _states_using(ctx, block, aimed)  # "shot down 37 Ukrainian drones", "shelled Russian positions"
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        objects += _keys(ctx, block, verb.head)  # "people displaced from their homes": done to them
    elif not (passive or reduced):
        subject = _reported_subject(ctx, verb) or _subject(verb)
        if subject is not None:
            acting = ctx.lexicon.frame_role(c.type, "subject", "agent") == "agent"
            subjects += _keys(ctx, block, subject, capitals=acting)  # "Moscow condemned"; not "Tokyo fell"
            forceful = is_conflict(ctx, c.type) or _joined_to_force(ctx, verb)
            if not subjects and acting and forceful and subject.pos_ == "NOUN":
                subjects += _states_using(ctx, block, subject)  # "Russian glide bombs slammed into X"
            subjects += [k for other in verb.children if other.dep_ == "nsubj" and other is not subject
                         for k in _keys(ctx, block, other)]  # "Shares in carmakers Toyota, Nissan ... dropped"
        if not subjects and ctx.lexicon.reporting_verbs.get(verb.lemma_.lower()):
            subjects = speakers_of_verb(ctx, block, verb)  # "The head of the mission, X, told reporters": X
    _assign(c, subjects, objects, symmetric=ctx.lexicon.has_trait(c.type, "symmetric"), lexicon=ctx.lexicon)
    c.count = _count(verb, objects, ctx, block)


def _noun_roles(ctx: ArticleContext, block: int, noun: Token, c: EventCandidate) -> None:
    subjects, objects = [], []
    head_noun = _phrase_head(noun)
    undergone = ctx.lexicon.frame_role(c.type, "possessor", "agent") == "target" and not any(
        ch.dep_ == "prep" and ch.lower_ == "of" for ch in noun.children)  # "his release", not "X's release of Y"
    for child in (*noun.children, *(c for c in head_noun.children if c.i != noun.i and head_noun is not noun)):
        if child.dep_ == "poss":
            (objects if undergone else subjects).extend(_keys(ctx, block, child))
        elif child.dep_ == "prep" and child.lower_ == "by":
            for pobj in child.children:
                subjects += _keys(ctx, block, pobj)
        elif child.dep_ == "prep" and child.lower_ in ("between", "among"):
            for pobj in child.children:
                c.participants += _keys(ctx, block, pobj)
        elif child.dep_ == "prep" and _names_target(ctx, c, child, child.lower_ in _TARGET_PREPS or (
                child.lower_ == "with" and ctx.lexicon.has_trait(c.type, "symmetric"))):
            for pobj in child.children:  # "an attack on X"; "a deal with X", "clashes with X": the other side
                objects += [k for k in _keys(ctx, block, pobj) if not k.startswith("place/")]
        elif child.dep_ == "compound" and ctx.key_at(block, child) and not ctx.key_at(block, child).startswith("place/"):
            subjects += [ctx.key_at(block, child)]
    if is_conflict(ctx, c.type):  # "Russian shelling", "a Turkish drone strike": force a state used
        subjects += [k for n in _unique([noun, head_noun]) for k in _states_using(ctx, block, n)]
    if not subjects:
        subjects += [k for pobj in _blamed_on(head_noun, ctx.lexicon.blame_verbs) for k in _keys(ctx, block, pobj)]
    if not subjects:
        subjects += [k for who in _claimed_by(head_noun, ctx.lexicon.responsibility_claims)
                     for k in _keys(ctx, block, who)]
    anchor = head_noun
    while anchor.dep_ == "conj" and anchor.head != anchor:
        anchor = anchor.head
    if anchor.dep_ == "nmod" and anchor.head.pos_ == "NOUN":
        anchor = anchor.head
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "in" and anchor.head.head.ent_type_ in ("MONEY", "CARDINAL"):
        anchor = anchor.head.head  # "received $13.4 billion in federal loans": the sum stands where the noun would
    head = anchor.head
    if not subjects and anchor.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and head.pos_ in ("VERB", "AUX", "ADP"):
        verb = head.head if anchor.dep_ == "pobj" else head
        light = _is_light_verb(verb, ctx.lexicon) and not (anchor.dep_ == "pobj" and _event_object(ctx, verb)) or (
            anchor.dep_ == "pobj" and head.lower_ in _MEANS_PREPS and not _accuses(ctx, verb))
        # ^ "went on strike" is the strikers'; "opened an investigation into the killing": the
        #   investigators did not kill (the verb's object is its event)
        if anchor.dep_ in ("dobj", "pobj") and light:
            subject = _subject(verb) if verb.pos_ in ("VERB", "AUX") else None
            by = ctx.lexicon.light_verbs.get(verb.lemma_.lower()) if anchor.dep_ == "dobj" else ""
            if subject is not None:  # "the plan drew criticism from unions": done to the plan, by the unions
                (objects if by else subjects).extend(_keys(ctx, block, subject))
            for prep in [*verb.children, *anchor.children, *(head_noun.children if anchor is not head_noun else ())] \
                    if by else ():  # "from" on the verb or the noun (or the noun a sum stands for)
                if prep.dep_ in ("prep", "agent") and prep.lower_ == by:
                    subjects += [k for pobj in prep.children for k in _keys(ctx, block, pobj)]
            if anchor.dep_ == "pobj" and head.lower_ == "with" and verb.pos_ == "VERB":
                objects += [k for d in verb.children if d.dep_ == "dobj" for k in _keys(ctx, block, d)]
                # ^ "provided Ford with a $50 million assistance package": Ford receives it
        for child in verb.children if anchor.dep_ != "pobj" or light else ():
            if child.dep_ == "prep" and child.lower_ in ("between", "among"):  # "talks were held between X and Y"
                for pobj in child.children:
                    c.participants += _keys(ctx, block, pobj)
    _assign(c, subjects, objects, symmetric=ctx.lexicon.has_trait(c.type, "symmetric"), lexicon=ctx.lexicon,
            noun=True)
    c.count = _count(noun, objects, ctx, block)


def _states_using(ctx: ArticleContext, block: int, noun: Token) -> list[str]:
    """The countries whose force a noun names by their adjective or name, on it or on the noun
    compounded with it: "Russian glide bombs", "a Turkish drone strike", "Israeli missiles"."""
    words = [m for part in (noun, *(c for c in noun.children if c.dep_ == "compound")) for m in part.children
             if m.dep_ in ("amod", "compound", "nmod") and m.i < noun.i]
    return _unique([state for m in words if (state := ctx.acting_country(block, m))])


def _names_target(ctx: ArticleContext, c: EventCandidate, prep: Token, by_default: bool) -> bool:
    """Whether a preposition's object is the event's target: as the class's frame says (frames.csv:
    "a bid for X" names it, "smuggled X into Bulgaria" names where, not whom), else by default."""
    role = ctx.lexicon.frame_role(c.type, f"prep {prep.lower_}", "")
    return role == "target" or (by_default and role != "none")


def _event_object(ctx: ArticleContext, verb: Token) -> bool:
    """The verb's object names an event: "launched attacks", "launched a takeover offer"."""
    return any(c.dep_ == "dobj" and any(ctx.lexicon.trigger(t.lemma_.lower(), "NOUN") for t in (c, *_noun_modifiers(c)))
               for c in verb.children)


def _noun_modifiers(noun: Token) -> list[Token]:
    return [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN"]


def _phrase_head(noun: Token) -> Token:
    """The head of the noun phrase an event noun modifies: "a takeover offer", "merger talks"
    (the phrase is the event; its head carries the determiners, prepositions and verb)."""
    return noun.head if noun.dep_ == "compound" and noun.head.pos_ == "NOUN" and noun.head.i > noun.i else noun


def _accuses(ctx: ArticleContext, verb: Token) -> bool:
    """"Police charged two men with murder": what a charge or an accusation names was not done by
    whoever charges (a verb of an arrest, a lawsuit, a ruling or a condemnation)."""
    kind = ctx.lexicon.trigger(verb.lemma_.lower(), "VERB") if verb.pos_ == "VERB" else None
    return kind in ("Arrest", "Charge", "Conviction", "Sentencing", "Lawsuit", "Ruling", "Condemnation")


def _is_light_verb(verb: Token, lexicon) -> bool:
    return verb.lemma_.lower() in lexicon.light_verbs


def _assign(c: EventCandidate, subjects: list[str], objects: list[str], *, symmetric: bool, lexicon,
            noun: bool = False) -> None:
    """Subjects and objects into roles, by the class's frame (data/lexicons/frames.csv); products,
    financial instruments and facilities acted on are the event's themes, not actors."""
    subjects = _unique(subjects)
    objects = [o for o in _unique(objects) if o not in subjects]
    participants = _unique(c.participants)
    if symmetric and participants and not subjects:
        subjects, participants = participants[:1], participants[1:]
        objects = _unique(objects + participants)
        participants = []
    elif symmetric and len(subjects) > 1 and not objects:
        subjects, objects = subjects[:1], subjects[1:]
    roles = {"agent": [], "target": [], "none": []}
    roles[lexicon.frame_role(c.type, "noun subject" if noun else "subject", "agent")] += subjects
    roles[lexicon.frame_role(c.type, "object", "target")] += objects
    c.themes = _unique(c.themes + [k for k in roles["agent"] + roles["target"] + participants if is_thing(k)])
    c.agents = [k for k in _unique(roles["agent"]) if not is_thing(k)]
    c.targets = [k for k in _unique(roles["target"]) if not is_thing(k) and k not in c.agents]
    c.participants = [p for p in participants if p not in c.agents and p not in c.targets and not is_thing(p)]


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _keys(ctx: ArticleContext, block: int, token: Token, *, capitals: bool = False) -> list[str]:
    """Actor keys for a role filler and its conjuncts ("X and Y"); a country filling the role is
    the actor ("Congo and the UN accuse Rwanda"), and with ``capitals`` a capital too ("Bamako
    denied": the subject of a verb whose subject acts)."""
    keys = []
    for tok in _holders(ctx, list_members(token)):
        named = [ctx.key_at(block, a) for a in tok.children if a.dep_ == "appos" and a.pos_ == "PROPN"
                 and not any(c.dep_ == "conj" for c in a.children)]  # "X, Y and Z" is a list
        named = [k for k in named if k and not k.startswith("place/")]
        key = named[0] if named else person_named_by(ctx, block, tok) or ctx.actor_in(block, tok)
        # ^ "the firm Cerberus": the name, not "the firm"; "the head of the mission, X, told": X
        key = key or ctx.acting_country(block, tok, capitals=capitals)
        if key:
            keys.append(key)
    return keys


def _holders(ctx: ArticleContext, members: list[Token]) -> list[Token]:
    """"Shares of X and Y": the companies each share is of, one filler each (a share noun of
    data/lexicons/market_nouns.csv whose "of"/"in" names a list)."""
    out = []
    for tok in members:
        held = [g for p in tok.children if p.dep_ == "prep" and p.lower_ in ("of", "in")
                for g in p.children if g.dep_ == "pobj"] if tok.lemma_.lower() in ctx.lexicon.market_nouns else []
        listed = list_members(held[0]) if held else []
        out += listed if len(listed) > 1 else [tok]
    return out


def _count(token: Token, objects: list[str], ctx: ArticleContext, block: int) -> int | None:
    """"killed at least 12 villagers" -> 12 (the number modifying the target noun)."""
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass", "pobj") or (child.dep_ == "prep"):
            nouns = [child] + [g for g in child.children if g.dep_ == "pobj"]
            for noun in nouns:
                for nummod in noun.children:
                    if nummod.dep_ == "nummod" and nummod.ent_type_ not in ("DATE", "TIME"):
                        value = _number(nummod.text)
                        if value is not None:
                            return value
    return None


def _number(text: str) -> int | None:
    cleaned = text.replace(",", "")
    if re.fullmatch(r"\d{1,9}", cleaned):
        return int(cleaned)
    return _NUMBER_WORDS.get(text.lower())


_OTHER_CLAUSES = {"advcl", "ccomp", "xcomp", "relcl", "acl", "conj", "parataxis", "csubj"}


def _own_subtree(token: Token) -> list[Token]:
    """A token's subtree without the clauses hanging from it (they state other events), but with
    how a document came out ("in a statement read on state television late on Wednesday")."""
    out, stack = [], [token]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(c for c in current.children if c.dep_ not in _OTHER_CLAUSES
                     or (c.dep_ == "acl" and c.tag_ == "VBN" and current.lemma_.lower() in DOCUMENT_NOUNS))
    return sorted(out, key=lambda t: t.i)


def _clause_tokens(token: Token) -> list[Token]:
    """The trigger's clause: its own subtree, and for nouns and subordinate verbs the governing
    verb's direct modifiers (same sentence only)."""
    tokens = _own_subtree(token)
    head = token
    if token.pos_ == "NOUN" or _is_gerund(token) or token.dep_ in ("advcl", "xcomp", "conj", "pcomp", "acl"):
        steps = 0
        while head.dep_ not in ("ROOT",) and steps < 3 and head.head != head:
            head = head.head
            steps += 1
            if head.pos_ in ("VERB", "AUX"):
                break
        for child in head.children:
            if child.dep_ in ("prep", "npadvmod", "advmod", "nmod", "obl") and child.i not in {t.i for t in tokens}:
                tokens.extend(_own_subtree(child))
    return tokens


def _is_gerund(token: Token) -> bool:
    """"Fighting continued in X": a verb form used as a noun phrase; its clause is its governor's."""
    return token.tag_ == "VBG" and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")


def _place(ctx: ArticleContext, block: int, token: Token) -> str | None:
    found = []
    for tok in sorted(_clause_tokens(token), key=lambda t: abs(t.i - token.i)):
        if tok.dep_ == "prep" and tok.lower_ in _LOCATIVE_PREPS:
            for pobj in tok.children:
                key = ctx.actor_in(block, pobj, places=True)
                if key:
                    found.append((tok, key))
    for tok, key in found:  # "in the town of X, in Y territory": X, which Y only locates
        if any(other is not tok and other.is_ancestor(tok) for other, _ in found):
            continue
        siblings = [(o, k) for o, k in found if o.head == tok.head]
        return min(siblings, key=lambda pair: pair[0].i)[1]  # the first names the place, the next its region
    for child in token.children:  # "the Lyon clash"
        key = ctx.key_at(block, child)
        if child.dep_ in ("compound", "nmod") and key and key.startswith("place/"):
            return key
    return _object_place(ctx, block, token) or _subject_place(ctx, block, token)


def _object_place(ctx: ArticleContext, block: int, token: Token) -> str | None:
    """"attacked the town of Beni", "an assault on Kidal": what is acted on is a place, and
    the event happens there."""
    for child in token.children:
        if child.dep_ == "dobj" or (child.dep_ == "prep" and child.lower_ in _TARGET_PREPS - {"of", "over"}):
            filler = child if child.dep_ == "dobj" else next((g for g in child.children if g.dep_ == "pobj"), None)
            if filler is None or ctx.actor_in(block, filler) or ctx.acting_country(block, filler):
                continue  # an actor (a country too) acted on is a target, not where it happened
            key = ctx.actor_in(block, filler, max_depth=2, places=True)
            if key:
                return key
    return None


def _subject_place(ctx: ArticleContext, block: int, token: Token) -> str | None:
    """"Workers at four French sites stopped work", "protesters in Lyon clashed": where the
    subject is, it acts."""
    verb = token
    for _ in range(3):  # "went on strike": up to the verb
        if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
            break
        verb = verb.head
    for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
        for prep in subject.children:
            if prep.dep_ == "prep" and prep.lower_ in _LOCATIVE_PREPS:
                for pobj in prep.children:
                    key = ctx.actor_in(block, pobj, places=True)
                    if key:
                        return key
    return None


def _has_locative(token: Token) -> bool:
    return any(t.dep_ == "prep" and t.lower_ in _LOCATIVE_PREPS
               and any(c.pos_ in ("NOUN", "PROPN") and c.ent_type_ not in ("DATE", "TIME") for c in t.children)
               for t in _clause_tokens(token))


def _default_place(ctx: ArticleContext, c: EventCandidate) -> str | None:
    """A national institution acting at home: the event's place is its country, when the clause
    names no place at all and the event is of a kind that happens within a country."""
    if not ctx.lexicon.has_trait(c.type, "scoped"):
        return None
    country = ctx.resolution.dominant_country
    home = next((e.key for e in ctx.resolution.entities if e.type == "Place" and e.name == country), None)
    if ctx.lexicon.has_trait(c.type, "national") and not c.actors:
        return home  # "the presidential election", in an article about one country, is that country's
    for key in c.agents:
        entity = ctx.resolution.entity(key)
        if entity and country and entity.name.startswith(country + " ") and entity.type in ("ArmedGroup", "GovernmentBody"):
            return home
    return None


def _date_ents(ctx: ArticleContext, block: int, token: Token) -> list:
    """DATE spans of the trigger's clause, nearest first (not those of a reporting verb's zone)."""
    doc = ctx.blocks[block].doc
    clause = {t.i for t in _clause_tokens(token)} - set(reporting_zone(ctx, token))
    clause.update(i for c in token.children if c.dep_ == "ccomp" and _reported_clause(ctx, c) is c
                  for i in range(c.left_edge.i, said_start(c)))  # "said on Monday it would": the saying's day
    return _when_date(doc, token) + [
        ent for ent in sorted(doc.ents, key=lambda e: abs(e.start - token.i))
        if ent.label_ in dates.LABELS and any(t.i in clause for t in ent) and dates.names_a_happening_day(ent)
        and not dates_another_noun(ent, token)]


def _when_date(doc, token: Token) -> list:
    """"since March, when militants ambushed a truck", "in December 2023, when a bomb exploded":
    a "when" clause on a date tells what happened then."""
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    if verb.dep_ not in ("relcl", "advcl") or not any(c.lower_ == "when" and c.dep_ == "advmod" for c in verb.children):
        return []
    return [ent for ent in doc.ents if ent.label_ == "DATE" and ent.start <= verb.head.i < ent.end]


def dates_another_noun(ent, token: Token) -> bool:
    """"condemned Sunday's attack": the possessive dates the attack, not the condemning (but
    "Sunday's attack killed four": what the subject did happened then)."""
    noun = ent.root.head
    return ent.root.dep_ == "poss" and noun != token and noun.dep_ not in ("nsubj", "nsubjpass")


def _date(ctx: ArticleContext, block: int, token: Token, modality: str | None) -> str | None:
    future = modality in dates.FORWARD_MODALITIES
    if token.pos_ == "NOUN" and token.dep_ in ("dobj", "nsubjpass") and _trigger(ctx, token.head):
        own = {t.i for t in _own_subtree(token)}  # "upheld the protest on June 18": the upholding's day
        ents = [e for e in _date_ents(ctx, block, token) if all(t.i in own for t in e)]
    else:
        ents = _date_ents(ctx, block, token)
    for ent in ents:  # nearest first
        if dates.anchored_offset(ent.text) is not None:
            return None  # "On July 9 rebels attacked X, and a week later ...": counted from the event before
        value = dates.normalize(ent.text, ctx.published, future=dates.tense_of(ent, future, ctx.lexicon.reporting_verbs))
        if value:
            return value
    return None


def _relative_days(ctx: ArticleContext, block: int, token: Token) -> tuple[int | None, str | None]:
    """"A day earlier, gunmen killed ...": days from the event told before; "two days after the
    attack", "a day before the announcement" (also on the verb reporting it): days from the event
    that noun names. Placed by kg.extract, which knows the events told before."""
    days = next((d for ent in _date_ents(ctx, block, token) if (d := dates.anchored_offset(ent.text))), None)
    if days is not None:
        return days, None
    report = _reported_clause(ctx, token)
    around = [t for c in report.head.children if c.dep_ == "npadvmod" for t in c.subtree] if report is not None else []
    for tok in _clause_tokens(token) + around:
        if tok.dep_ == "prep" and tok.lower_ in ("before", "after") and tok.head.lemma_.lower() in ("day", "week"):
            unit, noun = tok.head, next((g for g in tok.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
            count = next((dates.anchored_offset(f"{c.lower_} day {tok.lower_}") for c in unit.children
                          if c.dep_ in ("det", "nummod")), None)
            if noun is not None and count:
                return count * (7 if unit.lemma_.lower() == "week" else 1), noun.lemma_.lower()
    return None, None


def _announced_date(ctx: ArticleContext, block: int, token: Token, modality: str | None) -> str | None:
    """"X said on Tuesday it would cut 500 jobs" / "is selling Y": a decision told as news
    (future, modal or present, not past) is dated by its announcement."""
    report = _reported_clause(ctx, token)
    if report is None or modality not in (None, "future", "hypothetical"):
        return None
    auxes = {c.lower_ for c in report.children if c.dep_ in ("aux", "auxpass")}
    if report.tag_ == "VBD" or (report.tag_ == "VBN" and auxes & {"had", "has", "have"}):
        return None  # "said troops had killed 12": when they did is not said
    said = range(said_start(report), report.right_edge.i + 1)
    verb = report.head
    for ent in verb.sent.ents:
        if ent.label_ in dates.LABELS and not any(t.i in said for t in ent) and ent.root.head.i in (verb.i, *said_prepositions(verb)):
            value = dates.normalize(ent.text, ctx.published)
            if value:
                return value
    return None


def said_prepositions(verb: Token) -> list[int]:
    return [c.i for c in verb.children if c.dep_ == "prep"]


def _reported_clause(ctx: ArticleContext, token: Token) -> Token | None:
    """The clause a reporting verb governs that holds the token, if any ("said [it would cut jobs]")."""
    current = token
    for _ in range(5):
        if current.dep_ == "ccomp" and ctx.lexicon.reporting_verbs.get(current.head.lemma_.lower()):
            return None if semicolon_between(current, current.head) else current
        if current.head == current or current.dep_ in ("relcl", "advcl"):
            return None
        current = current.head
    return None


def reporting_zone(ctx: ArticleContext, token: Token) -> range:
    """"X said on Friday it had repelled ...": the tokens between a reporting verb and the
    clause it reports belong to the saying, whatever the parse hung them on."""
    report = _reported_clause(ctx, token)
    return range(report.left_edge.i, said_start(report)) if report is not None else range(0)


def _modality(token: Token) -> str | None:
    if _cancelled(token):
        return "cancelled"
    if _cancelled(token, _POSTPONING):
        return "future"  # "postponed the vote", "the adjournment of the trial": not held yet
    if merely_possible(token):
        return "hypothetical"
    if token.pos_ == "NOUN":  # "the proposed sale", "a possible strike"
        if _asked_for(token):
            return "future"  # "ordered a new hearing", "called for talks": wanted, not held
        words = {c.lower_ for c in token.children if c.dep_ == "amod"}
        if words & _FUTURE_ADJECTIVES:
            return "future"
        if words & _HYPOTHETICAL_ADJECTIVES:
            return "hypothetical"
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    if token.dep_ == "pobj" and verb.pos_ == "ADP" and verb.lower_ in ("for", "in", "into", "to", "on") \
            and verb.head.pos_ in ("VERB", "AUX"):  # not "under the accord, X will": the accord is in force
        verb = verb.head  # "going to have to file for bankruptcy": the verb the noun's preposition hangs on
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _MANDATIVE and verb.tag_ in ("VB", "VBP") \
            and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return "future"  # "insisted that the union agree to wage cuts": demanded, not done
    if any(g.dep_ == "neg" or (g.dep_ == "det" and g.lower_ == "no") for s in subjects for g in s.children):
        return "negated"  # "not all of their claims were upheld", "no one was arrested"
    came_by = None  # how the climb reached this verb: "urged X to [reject]" is an xcomp, "told AFP [...]" a ccomp
    for _ in range(3):
        children = {c.lower_ for c in verb.children if c.dep_ in ("aux", "neg", "auxpass")}
        if children & {"not", "n't", "never"}:
            return "negated"
        if children & _FUTURE_AUX:
            return "future"
        if children & _HYPOTHETICAL_AUX:
            return "hypothetical"
        if verb != token and (verb.lemma_.lower() in _INTENT or
                                  (verb.lemma_.lower() in _DIRECTIVE and came_by == "xcomp")):
            return "future"  # "plans to buy", "urged shareholders to reject": not done yet
        if verb != token and came_by == "xcomp" and ((verb.lemma_.lower() == "go" and verb.tag_ == "VBG") or (
                verb.lemma_.lower() in ("have", "need") and verb.tag_ in ("VB", "VBP", "VBZ"))):
            return "future"  # "they're going to file", "will have to file", "need to raise": not done yet
        if verb.dep_ in ("xcomp", "ccomp") and verb.head != verb:
            came_by, verb = verb.dep_, verb.head
            continue
        if verb.dep_ == "conj" and verb.head != verb and not children:
            verb = verb.head  # "would have stayed and tortured him": the conjuncts share "would have"
            continue
        break
    if any(c.dep_ == "mark" and c.lower_ == "if" for c in token.children):
        return "hypothetical"
    return None


def _asked_for(noun: Token) -> bool:
    """The noun is what a directive or a plan asks for: "ordered a hearing", "called for talks", "called
    for a week of strikes and marches"."""
    while (noun.dep_ == "conj" and noun.head.pos_ == "NOUN") or (
            noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN"):
        noun = noun.head if noun.dep_ == "conj" else noun.head.head  # up to the phrase asked for
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "for":
        head = head.head
    elif noun.dep_ != "dobj":
        return False
    return head != noun and head.pos_ == "VERB" and head.lemma_.lower() in (_DIRECTIVE | _INTENT | _MANDATIVE)


def _cancelled(token: Token, verbs: frozenset[str] = _CANCELLING) -> bool:
    """"cancelling a deal", "the cancellation of the Volvo deal": the event was called off; so
    is what the deal was for ("cancelling a deal to sell Opel"). With ``verbs``, put off instead."""
    if token.dep_ == "acl" and token.head.pos_ == "NOUN" and token.head != token and _cancelled(token.head, verbs):
        return True
    if token.dep_ in ("advcl", "xcomp") and _calls_off(token.head, verbs) \
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return True  # the parse hangs "to sell" on "cancelling", not on "a deal"
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "of":
        head = head.head
    elif token.dep_ not in ("dobj", "nsubjpass"):
        return False
    return head.i != token.i and _calls_off(head, verbs)


def _calls_off(word: Token, verbs: frozenset[str]) -> bool:
    """A word of cancelling (or putting off); "call" only with "off": "called a strike" and "called
    on Congress to investigate" start or ask for what "called off the strike" ends."""
    lemma = word.lemma_.lower()
    return lemma in verbs and (lemma != "call" or any(c.dep_ == "prt" and c.lower_ == "off" for c in word.children))


def _evidence_span(ctx: ArticleContext, block: int, token: Token) -> tuple[int, int]:
    """The clause stating the event, from its subject to the end of the trigger's phrase, within the sentence."""
    sent = token.sent
    tokens = [t for t in token.subtree if sent.start <= t.i < sent.end]
    subject = _subject(token) if token.pos_ in ("VERB", "AUX") else None
    if subject is not None and sent.start <= subject.i < sent.end:
        tokens += list(subject.subtree)
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    offset = ctx.blocks[block].offset
    return offset + start, offset + end
