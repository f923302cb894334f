"""Where and when: every place and date an event could have, described for the trained scorers.

The rules of kg.extract.events give an event the place and date its own clause names (and, in
kg.extract.discourse, what linked clauses and earlier sentences give). That is one candidate among
several an article offers: the places and dates of the sentence that tells the event, of the
sentence before, of the lede, of the headline and dateline, and the country the article is about.
Each candidate is described by where it was found and what it is (a country or a village, a day
or a year, the publication day); the places and dates models of kg.score weigh them, and the
event gets the most probable candidate when it is probable enough, else none. Without models the
rules' choice stands. Pure functions over the parsed article; nothing here imports rdflib.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from kg.extract import dates
from kg.extract.context import ArticleContext
from kg.extract.events import dates_another_noun, is_definite, reporting_zone
from kg.keys import normalize_name
from kg.lexicon import PLACE_SIZE

_LOCATIVE = {"in", "at", "near", "across", "outside", "inside", "around", "throughout", "within", "from", "into",
             "on", "off", "along", "towards", "toward", "to"}


@dataclass
class SlotCandidate:
    """One value an event's place or date could take, with what describes it."""

    value: str  # an entity key (places) or an ISO date (dates)
    features: dict[str, float] = field(default_factory=dict)

    def mark(self, name: str, value: float = 1.0) -> None:
        self.features[name] = max(value, self.features.get(name, 0.0))


class _Offers:
    """The candidates offered for one slot, one per value, each marked with every source that
    offered it (and what that source says of it)."""

    def __init__(self):
        self.found: dict[str, SlotCandidate] = {}

    def __call__(self, value: str, source: str, **extra: float) -> None:
        candidate = self.found.setdefault(value, SlotCandidate(value))
        candidate.mark(f"src={source}")
        for name, number in extra.items():
            candidate.mark(name, number)

    def candidates(self) -> list[SlotCandidate]:
        return list(self.found.values())


# ---------------------------------------------------------------------------- sentences
def _sentence_of(ctx: ArticleContext, block: int, token_i: int):
    return ctx.blocks[block].doc[token_i].sent


def _previous_sentence(ctx: ArticleContext, block: int, sent):
    """The sentence before ``sent``: in its block, or the last of the content block before."""
    doc = ctx.blocks[block].doc
    if sent.start > 0:
        return block, doc[sent.start - 1].sent
    for earlier in range(block - 1, -1, -1):
        if ctx.is_content(earlier) and len(ctx.blocks[earlier].doc):
            last = ctx.blocks[earlier].doc
            return earlier, last[len(last) - 1].sent
    return None


def _next_sentence(ctx: ArticleContext, block: int, sent):
    """The sentence after ``sent``: in its block, or the first of the content block after."""
    doc = ctx.blocks[block].doc
    if sent.end < len(doc):
        return block, doc[sent.end].sent
    for later in range(block + 1, len(ctx.blocks)):
        if ctx.is_content(later) and len(ctx.blocks[later].doc):
            return later, ctx.blocks[later].doc[0].sent
    return None


def _headline_block(ctx: ArticleContext) -> int | None:
    return next((i for i, b in enumerate(ctx.blocks) if b.line_start == ctx.headline_line), None)


# ---------------------------------------------------------------------------- places
def _places_in(ctx: ArticleContext, block: int, start: int, end: int):
    """(key, head token, governing preposition) of the places mentioned in tokens [start, end), by
    name or by a noun that stands for one named before ("the town"), in text order."""
    doc = ctx.blocks[block].doc
    found = []
    for index, m in ctx.mentions_by_block.get(block, ()):
        key = ctx.resolution.key_of.get(index)
        if start <= m.tok_start < end and key and key.startswith("place/"):
            found.append((key, doc[m.tok_start:m.tok_end].root))
    found += [(key, noun) for noun, key in ctx.place_referents.get(block, ()) if start <= noun.i < end]
    for key, head in sorted(found, key=lambda item: item[1].i):
        prep = head.head.lower_ if head.dep_ == "pobj" and head.head.dep_ == "prep" else ""
        yield key, head, prep


def _clause_of(token):
    """The verb whose clause a word sits in (the sentence root when none)."""
    while token.pos_ not in ("VERB", "AUX") and token.head != token:
        token = token.head
    return token


def _syntax(trigger, head) -> dict[str, float]:
    """How a place named in the trigger's sentence hangs on it: on the trigger itself ("killed in
    X", "an attack in X"), in its clause, inside what it governs, inside what it is done to
    ("attacked the town of X"), or naming what a noun is of ("the Kherson governor", "Colombia's
    army"), which places a person, not the happening."""
    f = {}
    if dates.governor(head) == trigger:
        f["on_trigger"] = 1.0
    if _clause_of(head) == _clause_of(trigger):
        f["own_clause"] = 1.0
    if trigger in head.ancestors:
        f["under_trigger"] = 1.0
        if _in_object(trigger, head):
            f["in_object"] = 1.0
    if _attributive(head):
        f["attributive"] = 1.0
    return f


#: Prepositions by which an event noun takes what it is done to ("the attack on X", "the siege of X").
_OBJECT_PREPS = ("on", "of", "against")


def _in_object(trigger, head) -> bool:
    """The place is, or lies in, what the trigger is done to: "captured the village of X",
    "bombed positions in the X mountains", "the attack on X" (not "killed in X", where it is
    the happening's own place)."""
    word = head
    while word.head != trigger:
        if word.dep_ not in ("pobj", "prep", "compound", "appos", "conj"):
            return False
        word = word.head
    return word.dep_ in ("dobj", "nsubjpass") or (word.dep_ == "prep" and word.lower_ in _OBJECT_PREPS
                                                  and trigger.pos_ == "NOUN")


def _attributive(head) -> bool:
    """The place names what a noun is of ("the Kherson governor", "Colombia's army", "the mayor of X")."""
    return head.dep_ in ("compound", "poss", "amod", "nmod") or (head.dep_ == "pobj" and head.head.lower_ == "of")


def _place_kind(ctx: ArticleContext, key: str) -> str:
    entity = ctx.resolution.entity(key)
    if entity is None:
        return "unknown"
    if ctx.lexicon.names_a_facility(entity.name):
        return "facility"
    return ctx.place_levels.get(key, "unknown")


def incident_sentences(events: list) -> dict[int, list[tuple[int, object]]]:
    """For each event (by id), the sentences that tell the events told beside it, where it is not
    told itself: "RSF fighters stormed a village, killing 46" tells the killing beside the assault,
    and "The assault on Um Adara began on Monday" then places the killing too."""
    told = {id(e): {(c.block, c.trigger_token.sent.start): c.trigger_token.sent for c in e.candidates}
            for e in events}
    beside: dict[tuple[int, int], list] = {}
    for e in events:
        for where in told[id(e)]:
            beside.setdefault(where, []).append(e)
    found: dict[int, list[tuple[int, object]]] = {}
    for e in events:
        sentences: dict[tuple[int, int], object] = {}
        for where in told[id(e)]:
            for other in beside[where]:
                if other is not e:
                    sentences.update({k: v for k, v in told[id(other)].items() if k not in told[id(e)]})
        found[id(e)] = [(block, sent) for (block, _), sent in sorted(sentences.items(), key=lambda item: item[0])]
    return found


def place_candidates(event, ctx: ArticleContext, incident: list[tuple[int, object]] = ()) -> list[SlotCandidate]:
    """Every place the article offers for an event (a merged record of kg.extract.discourse),
    ``incident`` the sentences that tell the events told beside it (:func:`incident_sentences`)."""
    offer = _Offers()
    for block, sent in incident:
        for key, _, prep in _places_in(ctx, block, sent.start, sent.end):
            offer(key, "incident", **{f"incident_prep={prep or 'none'}": 1.0})
    if event.place:
        offer(event.place, "rule_default" if _from_default(event) else "rule")
    for c in event.candidates:
        trigger = c.trigger_token
        sent = trigger.sent
        in_sentence = list(_places_in(ctx, c.block, sent.start, sent.end))
        for n, (key, head, prep) in enumerate(in_sentence):
            distance = abs(head.i - trigger.i)
            offer(key, "sentence", **_syntax(trigger, head),
                  **{f"prep={prep or 'none'}": 1.0, "near": 1.0 if distance <= 6 else 0.0,
                     "after_trigger": 1.0 if head.i > trigger.i else 0.0,
                     "sentence_first": 1.0 if n == 0 else 0.0,
                     "sentence_only": 1.0 if len({k for k, _, _ in in_sentence}) == 1 else 0.0})
        before = _previous_sentence(ctx, c.block, sent)
        if before is not None:
            block, prev = before
            for key, _, prep in _places_in(ctx, block, prev.start, prev.end):
                offer(key, "previous_sentence", **{f"prev_prep={prep or 'none'}": 1.0})
        after = _next_sentence(ctx, c.block, sent)
        if after is not None and _tells_again(ctx, after[1]):  # "Rebels attacked a post. The assault took place near Kouki"
            block, following = after
            for key, _, prep in _places_in(ctx, block, following.start, following.end):
                offer(key, "next_sentence", **{f"next_prep={prep or 'none'}": 1.0})
    for key in _named_last(event, ctx):
        offer(key, "named_last")
    for block, start, end in _datelines(ctx):
        for key, _, _ in _places_in(ctx, block, start, end):
            offer(key, "dateline")
    lede = ctx.lede_sentence
    if lede is not None:
        block, sent = lede
        for n, (key, head, prep) in enumerate(_places_in(ctx, block, sent.start, sent.end)):
            offer(key, "lede", **({"dateline": 1.0} if head.i - sent.start <= 3 else {}),
                  **({"lede_attributive": 1.0} if _attributive(head) else {}),
                  lede_first=1.0 if n == 0 else 0.0)
    headline = _headline_block(ctx)
    if headline is not None:
        doc = ctx.blocks[headline].doc
        for key, _, _ in _places_in(ctx, headline, 0, len(doc)):
            offer(key, "headline")
    for key in _seats(event, ctx):
        offer(key, "seat")  # "the Ploiesti Court of Appeal sentenced ...": where the court sits
    country = ctx.resolution.dominant_country
    home = next((e.key for e in ctx.resolution.entities if e.type == "Place" and e.name == country), None)
    if home:
        offer(home, "dominant_country")
    return _describe_places(offer.candidates(), event, ctx)


#: How many of the places named last before an event's sentences are offered for it (two or three
#: scored no better out of fold than one: 0.506, 0.490).
NAMED_LAST = 1


def _named_last(event, ctx: ArticleContext) -> list[str]:
    """The places the article named last before the sentence before the event (that one is offered
    already): "The assault on Um Adara ... Witnesses said the fighters looted livestock" happened
    where the story last was, unless a nearer place says otherwise (the model weighs it)."""
    told = [ctx.sentence_at(c.block, c.trigger_token.i) for c in event.candidates]
    first = min((t for t in told if t is not None), default=None)
    if first is None:
        return []
    last = {key: max(s for s in ordinals if s < first - 1) for key, ordinals in ctx.mention_sentences.items()
            if key in ctx.place_keys and any(s < first - 1 for s in ordinals)}
    return sorted(last, key=lambda key: (-last[key], key))[:NAMED_LAST]


_BODIES = ("Organization", "GovernmentBody", "ArmedGroup")


def _seats(event, ctx: ArticleContext) -> list[str]:
    """The places the article names that open the name of a body acting in the event ("the
    Bucharest Court of Appeal", "Kaduna State Police"): the seat of a court, a council, a police."""
    places = ctx.places_by_name
    seats = []
    for key in (*event.agents, *event.participants):
        entity = ctx.resolution.entity(key)
        if entity is None or entity.type not in _BODIES:
            continue
        words = entity.name.split()
        found = next((places[n] for size in (3, 2, 1) if len(words) > size
                      and (n := normalize_name(" ".join(words[:size]))) in places), None)
        if found is not None and found not in seats:
            seats.append(found)
    return seats


def _a_place_alone(ctx: ArticleContext, block: int) -> bool:
    """The block is a dateline, or names a place and nothing else ("NEW DELHI"; not a byline)."""
    doc = ctx.blocks[block].doc
    if doc.text.strip().lower() in ctx.lexicon.section_labels:
        return False  # "ASIA" above the lede is the page's section
    return ctx.is_dateline(block) or any(m.tok_start == 0 and m.tok_end >= len(doc.text.rstrip().split())
                                         for _, m in ctx.mentions_by_block.get(block, ()) if m.type == "Place")


def _datelines(ctx: ArticleContext) -> list[tuple[int, int, int]]:
    """(block, start, end) of what comes before the lede's first telling sentence and is no
    headline: a dateline on a line of its own ("NEW DELHI"), or opening the lede ("Bogota (AFP) -")."""
    found = [(i, 0, len(ctx.blocks[i].doc)) for i in range(max(ctx.first_content_block, 0))
             if ctx.blocks[i].line_start != ctx.headline_line and _a_place_alone(ctx, i)]
    lede = ctx.lede_sentence
    if lede is not None and lede[1].start > 0:
        found.append((lede[0], 0, lede[1].start))
    return found


_HAPPENED = {"happen", "occur", "unfold"}


def _tells_again(ctx: ArticleContext, sent) -> bool:
    """A sentence that refers back to an event told before: a definite event noun ("the clashes
    erupted in Gazipur", "the assault took place near Kouki") or "it happened ..."."""
    for token in sent:
        if token.lemma_.lower() in _HAPPENED or (token.lower_ == "place" and token.head.lemma_ == "take"):
            return True
        if token.pos_ == "NOUN" and ctx.lexicon.trigger(token.lemma_.lower(), "NOUN") and is_definite(token):
            return True
    return False


def _from_default(event) -> bool:
    return all(c.place_from_default for c in event.candidates if c.place == event.place)


def _describe_places(candidates: list[SlotCandidate], event, ctx: ArticleContext) -> list[SlotCandidate]:
    kinds = {c.value: _place_kind(ctx, c.value) for c in candidates}
    rank = {**PLACE_SIZE, "unknown": PLACE_SIZE["city"]}
    finest = min((rank[k] for k in kinds.values()), default=4)
    country = ctx.resolution.dominant_country
    counts = ctx.mention_counts
    actors = set(event.agents) | set(event.targets) | set(event.participants)
    traits = ctx.lexicon.taxonomy[event.type].traits if event.type in ctx.lexicon.taxonomy else ()
    families = ctx.lexicon.families(event.type)  # a company's deal is placed by its seat, a clash where it is fought
    sources = [n for c in candidates for n in c.features if n.startswith("src=")]
    values = {c.value for c in candidates}
    told_in = {ctx.sentence_at(m.block, m.trigger_token.i) for m in event.candidates} - {None}
    for c in candidates:
        c.mark(_sentence_distance(ctx.mention_sentences.get(c.value, ()), told_in))
        kind = kinds[c.value]
        c.mark(f"kind={kind}")
        if rank[kind] == finest:
            c.mark("finest")
        entity = ctx.resolution.entity(c.value)
        if entity is not None and country and entity.name == country:
            c.mark("dominant")
        if c.value in actors:
            c.mark("is_actor")
        if ctx.places_within.get(c.value, set()) & values:
            c.mark("within_other")  # "Jasper, Alabama": the town is the finer place
        if any(c.value in ctx.places_within.get(v, ()) for v in values):
            c.mark("holds_other")
        c.mark("mentions", math.log1p(counts.get(c.value, 0)))
        c.mark("alone", 1.0 if len(candidates) == 1 else 0.0)
        own = [n for n in c.features if n.startswith("src=")]
        c.mark("sources", float(len(own)))
        if len(own) >= 3:
            c.mark("many_sources")
        for source in own:
            for trait in traits:
                if trait in ("conflict", "national", "scoped", "actorless", "saying"):
                    c.mark(f"{source}&{trait}")
            c.mark(f"{source}&kind={kind}")
            for family in families:
                c.mark(f"{source}&family={family}")
        if "src=sentence" not in own and "src=rule" not in own and any(s == "src=sentence" for s in sources):
            c.mark("sentence_offers_other")
        for relation in ("on_trigger", "own_clause"):  # another place hangs on the trigger: this one less likely
            if relation not in c.features and any(relation in other.features for other in candidates):
                c.mark(f"other_{relation}")
    return candidates


def _sentence_distance(mentioned, told_in: set[int]) -> str:
    """How many sentences lie between the event's telling and the nearest mention of a place."""
    if not mentioned or not told_in:
        return "dist=none"
    gap = min(abs(a - b) for a in mentioned for b in told_in)
    return "dist=0" if gap == 0 else "dist=1" if gap == 1 else "dist=2-3" if gap <= 3 else "dist=4+"


# ---------------------------------------------------------------------------- dates
def _dates_in(ctx: ArticleContext, block: int, start: int, end: int, future: bool):
    doc = ctx.blocks[block].doc
    for ent in doc.ents:
        if ent.label_ in dates.LABELS and start <= ent.start < end and dates.names_a_happening_day(ent):
            value = dates.normalize(ent.text, ctx.published, future=dates.tense_of(ent, future, ctx.lexicon.reporting_verbs))
            if value:
                yield value, ent


def _dates_another_kind(ctx: ArticleContext, ent, event_type: str) -> bool:
    """"X sued Y. X acquired Z on March 13": the date is the acquisition's, a verb that triggers
    another kind of event; "The blast happened late on Friday" dates what the lede told."""
    token = dates.governor(ent.root)
    if token.lemma_.lower() in ctx.lexicon.light_verbs or token.lemma_.lower() in _HAPPENED:
        return False  # "the assault began late on Saturday": when the event told before happened
    kind = ctx.lexicon.trigger(token.lemma_.lower(), "VERB") if token.pos_ == "VERB" else None
    return kind is not None and kind != event_type


def date_candidates(event, ctx: ArticleContext) -> list[SlotCandidate]:
    """Every date the article offers for an event: its clause's (the rules'), its sentence's, the
    sentence before's (and, for the lede's events, the sentence after's), the lede's, and the
    publication day."""
    offer = _Offers()
    future = event.modality in dates.FORWARD_MODALITIES

    lede = ctx.lede_sentence
    if event.date:
        offer(event.date, "rule")
    if event.date and any(c.relative_days is not None for c in event.candidates):
        offer(event.date, "sentence", near=1.0, own_clause=1.0)  # "a week later" in its clause, counted
        # from the event before
    zones = {(c.block, i) for c in event.candidates for i in reporting_zone(ctx, c.trigger_token)}
    for c in event.candidates:  # ^ "said on Monday it would close": Monday is the saying's, wherever it hangs
        sent = c.trigger_token.sent
        for value, ent in _dates_in(ctx, c.block, sent.start, sent.end, future):
            governor = dates.governor(ent.root)
            saying = (governor != c.trigger_token and ctx.lexicon.reporting_verbs.get(governor.lemma_.lower())) \
                or (c.block, ent.start) in zones
            if saying and future:  # "announced on Friday that it will buy": the last Friday, not the next
                value = _day_said(ent, value, ctx)
            offer(value, "sentence", near=1.0 if abs(ent.start - c.trigger_token.i) <= 6 else 0.0,
                  after_trigger=1.0 if ent.start > c.trigger_token.i else 0.0,
                  own_clause=1.0 if governor == c.trigger_token else 0.0,
                  dates_the_saying=1.0 if saying else 0.0,  # "X was killed, police said Sunday": the saying's day
                  dates_another_noun=1.0 if dates_another_noun(ent, c.trigger_token) else 0.0)
            # ^ "recovered from yesterday's fall": the day is the fall's, not the recovery's
        before = _previous_sentence(ctx, c.block, sent)
        if before is not None:
            block, prev = before
            for value, _ in _dates_in(ctx, block, prev.start, prev.end, future):
                offer(value, "previous_sentence")
        after = _next_sentence(ctx, c.block, sent) if lede is not None and lede[1] == sent else None
        if after is not None:  # "A blast hit a plant, killing five. It happened late on Friday": the lede's when
            block, following = after
            for value, ent in _dates_in(ctx, block, following.start, following.end, future):
                if not _dates_another_kind(ctx, ent, event.type):
                    offer(value, "next_sentence")
    if lede is not None:
        block, sent = lede
        for value, ent in _dates_in(ctx, block, sent.start, sent.end, future):
            if future and (block, ent.start) in zones:
                value = _day_said(ent, value, ctx)
            offer(value, "lede")
    if ctx.published is not None:
        offer(ctx.published.isoformat(), "published")
    return _describe_dates(offer.candidates(), event, ctx)


def _day_said(ent, value: str, ctx: ArticleContext) -> str:
    """A date phrase of a reporting verb read looking back: what was said is future, the saying is not."""
    return dates.normalize(ent.text, ctx.published) or value


def _describe_dates(candidates: list[SlotCandidate], event, ctx: ArticleContext) -> list[SlotCandidate]:
    traits = ctx.lexicon.taxonomy[event.type].traits if event.type in ctx.lexicon.taxonomy else ()
    families = ctx.lexicon.families(event.type)  # market moves are dated by the report's day, deals by their own
    published = ctx.published
    in_lede = any(c.block == ctx.first_content_block for c in event.candidates)
    tenses = {c.trigger_token.tag_ for c in event.candidates}
    in_sentence = {c.value for c in candidates if "src=sentence" in c.features}
    in_clause = {c.value for c in candidates if c.features.get("own_clause")}
    for c in candidates:
        if in_sentence and c.value not in in_sentence:
            c.mark("sentence_offers_other")  # "Last month, farmers blocked a highway": not the lede's day
        if in_clause and c.value not in in_clause:
            c.mark("clause_offers_other")
        grain = {10: "day", 7: "month", 4: "year"}.get(len(c.value), "other")
        c.mark(f"grain={grain}")
        day = dates.parse_iso(c.value) if grain == "day" else None
        if published is not None and day is not None:
            gap = (published - day).days
            c.mark("gap=0" if gap == 0 else "gap=1-7" if 0 < gap <= 7 else "gap>7" if gap > 7 else "gap<0")
        c.mark(f"modality={event.modality or 'asserted'}")
        own = [n for n in c.features if n.startswith("src=")]
        for source in own:
            if in_lede:
                c.mark(f"{source}&lede_event")
            for tag in tenses:
                c.mark(f"{source}&tag={tag}")
            for trait in traits:
                if trait in ("conflict", "saying", "national"):
                    c.mark(f"{source}&{trait}")
            for family in families:
                c.mark(f"{source}&family={family}")
        c.mark("alone", 1.0 if len(candidates) == 1 else 0.0)
    return candidates


# ---------------------------------------------------------------------------- choosing
def choose(candidates: list[SlotCandidate], model, threshold: float) -> tuple[str | None, float | None]:
    """The most probable candidate and its probability, or (None, None) when none is probable enough."""
    best, best_p = None, 0.0
    for c in sorted(candidates, key=lambda c: c.value):
        p = model.probability(c.features)
        if p > best_p:
            best, best_p = c.value, p
    return (best, best_p) if best is not None and best_p >= threshold else (None, None)


# ---------------------------------------------------------------------------- roles
def role_features(event, role: str, key: str, ctx: ArticleContext) -> dict[str, float]:
    """What describes one filler of an event's role (agent, target, participant, theme): how sure
    kg may be of it. The rules chose it; the roles model says how often such choices are right."""
    entity = ctx.resolution.entity(key)
    kind = entity.type if entity is not None else key.split("/", 1)[0]
    first = event.candidates[0]
    sent = first.trigger_token.sent
    in_sentence = any(k == key for k, _, _ in _actors_in(ctx, first.block, sent.start, sent.end))
    f = {"bias": 1.0, f"role={role}": 1.0, f"role={role}&kind={kind}": 1.0, f"role={role}&type={event.type}": 1.0,
         f"role={role}&pos={first.trigger_token.pos_}": 1.0,
         "in_sentence" if in_sentence else "from_context": 1.0,
         f"role={role}&retellings": min(len(event.candidates), 3) / 3}
    if any(ch.dep_ == "auxpass" for ch in first.trigger_token.children):
        f[f"role={role}&passive"] = 1.0
    if len(getattr(event, role + "s", ()) or ()) > 1:
        f[f"role={role}&shared"] = 1.0
    if key.startswith("group/"):
        f["collective"] = 1.0
    return f


def _actors_in(ctx: ArticleContext, block: int, start: int, end: int):
    for index, m in ctx.mentions_by_block.get(block, ()):
        if start <= m.tok_start < end:
            key = ctx.resolution.key_of.get(index)
            if key:
                yield key, m.tok_start, ""
