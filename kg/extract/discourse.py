"""What an event's own clause leaves open, the article around it tells.

Pure functions over the event candidates of one article (kg.extract.events finds them clause by
clause): a word told again keeps the kind it was given, upholding or rejecting an event told before
aims at its actors, collectives fill the roles the text leaves to them, dates come from the event
told before ("a day earlier"), from a definite "the assault" telling a raid again, from an
announcement of "the company's move", from the same agent's dated act earlier in the paragraph;
places pass between clauses tied to each other. Then the same event told twice becomes one.
"""
from __future__ import annotations

from dataclasses import replace

from kg.extract import dates
from kg.extract.context import ArticleContext
from kg.extract.events import EventCandidate, is_conflict, is_definite, object_head, subject_of
from kg.keys import event_key, normalize_name
from kg.lexicon import Lexicon
from kg.model import Article, Entity, compatible_dates


#: Verbs that side with what an event told before asked for: the target is that event's target
#: ("the GAO upheld Boeing's protest" rules against the one protested against).
_FAVOURING = {"uphold", "sustain", "grant", "accept", "endorse", "back", "support", "approve"}


def fill_from_context(candidates: list[EventCandidate], ctx: ArticleContext) -> None:
    """Roles, dates and places the article gives an event beyond its clause, in this order."""
    _types_told_again(candidates)
    _targets_from_told_events(candidates, ctx.lexicon)
    _agents_from_causing_events(candidates)
    _agents_from_the_event_told_before(candidates, ctx)
    _pairs_told_before(candidates, ctx)
    _more_casualties(candidates, ctx)
    _courts_decide(candidates, ctx)
    _collective_roles(candidates, ctx)
    _themes_from_the_one_product(candidates, ctx)
    _movers_from_the_move_before(candidates, ctx)
    _dates_relative_to_the_event_before(candidates, ctx)
    _dates_from_definite_references(candidates, ctx)
    _dates_from_announced_decisions(candidates, ctx)
    _dates_from_the_sentence_before(candidates)
    _places_from_linked_clauses(candidates, ctx)


class _MergedEvent:
    def __init__(self, first: EventCandidate, text: str):
        self.candidates = [first]
        self.type = first.type
        self.text = text

    @property
    def first(self) -> EventCandidate:
        return self.candidates[0]

    def field(self, name: str):
        explicit = [getattr(c, name) for c in self.candidates if getattr(c, name) is not None
                    and not (name == "place" and c.place_from_default)]
        if explicit:
            return explicit[0]
        return next((getattr(c, name) for c in self.candidates if getattr(c, name) is not None), None)

    @property
    def actors(self) -> set[str]:
        return set().union(*(c.involved for c in self.candidates))

    def roles(self, name: str) -> list[str]:
        for c in self.candidates:
            values = getattr(c, name)
            if values:
                return list(values)
        return []


def _dates_from_the_sentence_before(candidates: list[EventCandidate]) -> None:
    """"The tribunal on March 3 ordered a new hearing. The tribunal upheld the appeal": an undated event
    told in the sentence right after a dated one by the same agent happened then, and so did one
    told in simple past further on in the same paragraph; so does one the agent "also" did
    ("Volvo today named Lind ... Volvo also named Holm as ..."). Only a date an earlier clause
    states is passed on, and only to a verb."""
    dated = [c for c in candidates if c.date and c.modality is None]
    for c in candidates:
        if c.date or c.modality is not None or not c.agents or _perfect(c.trigger_token):
            continue  # "have put down protests" since then: a stretch of time, not that day
        if c.trigger_token.pos_ != "VERB":
            continue  # "in his resignation letter": a noun names an event told before, not a next step
        sentence, token = c.trigger_token.sent, c.trigger_token
        same_agent = [d for d in dated if (d.block, d.trigger_token.i) < (c.block, token.i)
                      and set(d.agents) & set(c.agents)]
        adjacent = [d for d in same_agent if d.block == c.block and d.trigger_token.sent.end in (sentence.start,
                                                                                                 sentence.end)]
        further = [d for d in same_agent if d.block == c.block and token.tag_ == "VBD"
                   and d.trigger_token.pos_ == "VERB"]  # "The GAO on June 18 called ... The GAO upheld"
        also = any(child.lower_ == "also" for child in token.children)
        parallel = [d for d in same_agent if d.type == c.type] if also else []
        if parallel or adjacent or further:
            c.date = (parallel or adjacent or further)[-1].date


def _perfect(token) -> bool:
    """"has killed", "have put down": the present perfect tells of a stretch of time up to now."""
    return token.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("has", "have", "'ve") for c in token.children)


def _dates_relative_to_the_event_before(candidates: list[EventCandidate], ctx: ArticleContext) -> None:
    """"The convoy was ambushed on Tuesday. A day earlier, gunmen killed eight": counted from the
    latest event before it with a day of its own."""
    for i, c in enumerate(candidates):
        if c.relative_days is None or c.date:
            continue
        named = ctx.lexicon.trigger(c.relative_to, "NOUN") if c.relative_to else None
        anchor = next((d for d in reversed(candidates[:i]) if d.date and len(d.date) == 10 and d.relative_days is None
                       and (c.relative_to is None or d.type == named
                            or d.trigger_token.lemma_.lower() == c.relative_to)), None)
        if anchor is not None:
            c.date = dates.shift(anchor.date, c.relative_days)


def _dates_from_announced_decisions(candidates: list[EventCandidate], ctx: ArticleContext) -> None:
    """"GM said it would axe 10,000 jobs. Smith announced the company's move on Wednesday": a
    dated announcement of a decision (decision_nouns.csv) dates the latest undated event its
    owner was said to decide."""
    for i, c in enumerate(candidates):
        if c.type != "PublicStatement" or not c.date or c.trigger_token.pos_ != "VERB":
            continue
        decision = next((d for d in c.trigger_token.children if d.dep_ == "dobj"
                         and d.lemma_.lower() in ctx.lexicon.decision_nouns), None)
        if decision is None:
            continue
        owner = next((p for p in decision.children if p.dep_ == "poss"), None)
        owners = {ctx.actor_in(c.block, owner, max_depth=2)} if owner is not None else set(c.agents)
        earlier = next((d for d in reversed(candidates[:i]) if d.date is None and d.type != "PublicStatement"
                        and owners & set(d.agents)), None)
        if earlier is not None:
            earlier.date = c.date


def _same_kind(ctx: ArticleContext, a: str, b: str) -> bool:
    """The same kind of event, or two assaults ("the assault" tells again a raid or an ambush)."""
    return a == b or (ctx.lexicon.has_trait(a, "assault") and ctx.lexicon.has_trait(b, "assault"))


def _dates_from_definite_references(candidates: list[EventCandidate], ctx: ArticleContext) -> None:
    """"Fighters stormed a village ... The assault began Monday afternoon": a definite event noun
    with a date tells again the latest earlier event of its kind that had none; it dates it and is
    merged into it."""
    for i, c in enumerate(candidates):
        if not c.refers_back or c.date is None:
            continue
        earlier = next((d for d in reversed(candidates[:i]) if _same_kind(ctx, d.type, c.type)
                        and d.modality == c.modality), None)
        if earlier is not None and earlier.date is None and (not c.actors or not earlier.actors
                                                             or c.actors & earlier.actors):
            earlier.date = c.date
            c.definite = True


def _places_from_linked_clauses(candidates: list[EventCandidate], ctx: ArticleContext) -> None:
    """"14 soldiers were killed when rebels attacked positions around the town of Sake": an
    event without a place (or a date) of its own happened where (and when) the clause tied to it
    ("when ...", ", killing ...", "and ...") says."""
    in_block: dict[int, list[EventCandidate]] = {}
    for c in candidates:
        in_block.setdefault(c.block, []).append(c)
    for c in candidates:
        linked = [d for d in in_block[c.block] if d is not c and (
            _clause_linked(c.trigger_token, d.trigger_token) or _clause_linked(d.trigger_token, c.trigger_token))
            and ctx.lexicon.event_parents.get(d.type) == ctx.lexicon.event_parents.get(c.type)]
        if c.place is None or c.place_from_default:
            d = next((d for d in linked if d.place is not None and not d.place_from_default), None)
            if d is not None:
                c.place, c.place_from_default = d.place, False
        if c.date is None:  # only the clause hanging from the dated one shares its day ("..., killing 46")
            d = next((d for d in linked if d.date and d.modality == c.modality
                      and _clause_linked(d.trigger_token, c.trigger_token)), None)
            if d is not None:
                c.date = d.date


def _clause_linked(main, other) -> bool:
    """``other`` heads a clause (or is the verb of one) attached to ``main``'s verb."""
    verb = main if main.pos_ in ("VERB", "AUX") else main.head
    clause = other if other.pos_ in ("VERB", "AUX") else other.head
    return clause.head == verb and clause.dep_ in ("advcl", "conj", "xcomp") and clause != verb


def _types_told_again(candidates: list[EventCandidate]) -> None:
    """A word the article has used for one kind of event keeps that kind for the same actor:
    after "a formal protest before the GAO" (a legal challenge), "Boeing's protest" is that too."""
    retyped: dict[str, tuple[str, set[str]]] = {}
    for c in candidates:
        lemma = c.trigger_token.lemma_.lower()
        if c.type != c.lexicon_type:
            retyped.setdefault(lemma, (c.type, set(c.actors)))
        elif lemma in retyped and set(c.actors) & retyped[lemma][1] and c.trigger_token.pos_ == "NOUN":
            c.type = retyped[lemma][0]  # a noun told again; a verb says afresh what it does


def _targets_from_told_events(candidates: list[EventCandidate], lexicon: Lexicon) -> None:
    """"Rejecting the UN resolution": when what an event acts on is an event told earlier in the
    article, its target is that event's agent (the resolution's author), not a name inside the
    phrase. "A stoppage to protest the cuts" is aimed at whoever made the cuts. And "a statement
    rejecting X" is aimed where the rejection is."""
    at = _by_trigger(candidates)
    for i, c in enumerate(candidates):
        thing = object_head(c.trigger_token) or _purpose_object(c.trigger_token)
        if thing is None or thing.pos_ != "NOUN" or (c.phrase and thing.text in c.trigger.split()):
            continue  # "dispatched aid": the object is the trigger's own word, no event told before
        own = at.get((c.block, thing.i))
        told_type = own.type if own is not None else lexicon.trigger(thing.lemma_.lower(), "NOUN")
        told = [e for e in candidates[:i] if e.agents and not (e.block == c.block and e.trigger_token.i == thing.i)
                and (e.type == told_type or (told_type is None and _names_told_event(thing, e)))]
        if told and not set(told[-1].agents) & set(c.agents):
            if c.trigger_token.lemma_.lower() in _FAVOURING:  # upholding a protest: against whom it was
                aimed = next((e.targets for e in reversed(told) if e.targets), [])
                c.targets = [t for t in aimed if t not in c.agents] or c.targets
            else:
                c.targets = list(told[-1].agents)
    for c in candidates:
        if c.targets or c.trigger_token.pos_ != "NOUN":
            continue
        for child in c.trigger_token.children:
            inner = at.get((c.block, child.i)) if child.dep_ == "acl" else None
            if inner is not None and inner.targets:
                c.targets = [t for t in inner.targets if t not in c.agents]


def _agents_from_causing_events(candidates: list[EventCandidate]) -> None:
    """"A Turkish drone strike killed four", "the protest blocked the road": when the subject of
    an event's verb is an event told in the same clause, whoever did that one did this one."""
    at = _by_trigger(candidates)
    for c in candidates:
        token = c.trigger_token
        if c.agents or token.pos_ != "VERB" or any(ch.dep_ == "auxpass" for ch in token.children):
            continue
        subject = next((ch for ch in token.children if ch.dep_ == "nsubj" and ch.pos_ == "NOUN"), None)
        cause = at.get((c.block, subject.i)) if subject is not None else None
        if cause is not None and cause.agents:
            c.agents = [a for a in cause.agents if a not in c.targets]


def _agents_from_the_event_told_before(candidates: list[EventCandidate], ctx: ArticleContext) -> None:
    """"Gunmen stormed a bar, killing nine. Four others were wounded in the attack": an event that
    happened in or during an event told before ("the attack", a definite event noun of the same
    kind) was done by whoever did that one."""
    for n, c in enumerate(candidates):
        if c.agents:
            continue
        for noun in _events_it_happened_in(c.trigger_token, ctx):
            kind = ctx.lexicon.trigger(noun.lemma_.lower(), "NOUN")
            told = next((e for e in reversed(candidates[:n]) if e.agents and e.modality is None
                         and _same_kind(ctx, e.type, kind)), None)
            if told is not None:
                c.agents = [a for a in told.agents if a not in c.targets]
                break


_CASUALTIES = {"Killing", "Death", "Injury"}
_MORE = {"more", "other", "others", "another"}


def _more_casualties(candidates: list[EventCandidate], ctx: ArticleContext) -> None:
    """"14 soldiers were killed by M23. Dozens more were wounded", "31 protesters were killed and
    107 others injured": casualties counted on from the ones just told are of the same side, hurt
    by the same hand. An injury or a death told without its cause shortly after an act of force
    with a doer, on no other day and in no other place, is by that doer ("RSF shelling killed 46.
    ... More than 100 people were wounded"); a killing needs a doer of its own."""
    for n, c in enumerate(candidates):
        if c.type not in _CASUALTIES or (c.agents and c.targets):
            continue
        here = ctx.sentence_at(c.block, c.trigger_token.i)
        if _counts_on(c.trigger_token):
            told = next((e for e in reversed(candidates[:n]) if e.type in _CASUALTIES and (e.targets or e.agents)
                         and _sentences_apart(ctx, e, here) in (0, 1)), None)
            if told is not None:
                c.targets = c.targets or list(told.targets)
                c.agents = c.agents or [a for a in told.agents if a not in c.targets]
        if not c.agents and c.type != "Killing" and _nobody_named(c.trigger_token):
            told = _the_attack_just_told(candidates[:n], ctx)
            if told is not None and _sentences_apart(ctx, told, here) in (0, 1, 2, 3) and _same_time_and_place(told, c):
                # "RSF shelling killed 46. ... More than 100 people were wounded": the same hand
                c.agents = [a for a in told.agents if a not in c.targets]


def _courts_decide(candidates: list[EventCandidate], ctx: ArticleContext) -> None:
    """"The Bucharest Court of Appeal ruled on Wednesday ... Two others were acquitted": an act only a
    court does (the taxonomy's "by_court" trait) told without its doer was done by the court that
    last did such an act before it, else by the court the article named last before it: the only
    court named so far, or the last one named in this sentence or the three before (not the higher
    court named as where an appeal may go: "can be challenged before the High Court")."""
    courts, acting = None, None
    for c in candidates:
        if not ctx.lexicon.has_trait(c.type, "by_court"):
            continue
        if courts is None:
            courts = _courts_by_sentence(ctx)
            court_keys = {key for _, key in courts}
        if c.agents:
            if c.modality is None:  # "the court may sentence him" has done nothing yet
                acting = next((a for a in c.agents if a in court_keys), acting)
            continue
        here = ctx.sentence_at(c.block, c.trigger_token.i)
        named = [(ordinal, key) for ordinal, key in courts if here is not None and ordinal <= here]
        if acting is not None:
            c.agents = [acting] if acting not in c.targets else []
        elif named and (len({key for _, key in named}) == 1 or here - named[-1][0] <= 3):
            c.agents = [named[-1][1]] if named[-1][1] not in c.targets else []


def _courts_by_sentence(ctx: ArticleContext) -> list[tuple[int, str]]:
    """(sentence ordinal, key) of each mention of a court (a government body named with a judicial
    noun of the agent lexicon: "court", "tribunal"), in text order."""
    found = []
    for index, m in enumerate(ctx.resolution.mentions):
        key = ctx.resolution.key_of.get(index)
        if not key or not key.startswith("governmentbody/") or not ctx.is_content(m.block):
            continue
        words = ctx.blocks[m.block].doc[m.tok_start:m.tok_end]
        if any(ctx.lexicon.names_a_court(t.lemma_.lower()) for t in words):
            ordinal = ctx.sentence_at(m.block, m.tok_start)
            if ordinal is not None:
                found.append((ordinal, m.start, key))
    return [(ordinal, key) for ordinal, _, key in sorted(found)]


def _the_attack_just_told(before: list[EventCandidate], ctx: ArticleContext) -> EventCandidate | None:
    """The last act of force told with its doer."""
    return next((e for e in reversed(before) if e.agents and e.modality is None
                 and ctx.lexicon.has_trait(e.type, "conflict")), None)


def _same_time_and_place(a: EventCandidate, b: EventCandidate) -> bool:
    """Nothing tells two happenings apart: no two different days, no two different places."""
    return compatible_dates(a.date, b.date) and (a.place is None or b.place is None or a.place == b.place)


def _nobody_named(token) -> bool:
    """A casualty told without its cause: a passive with no "by", a participle, a noun ("were
    wounded", "seven injured", "the dead"), not "wounded in a blast" or "died of cholera"."""
    if token.pos_ == "VERB" and any(ch.dep_ == "nsubj" for ch in token.children):
        return False
    return not any(ch.dep_ in ("agent", "prep") and ch.lower_ in ("by", "in", "from", "of", "after", "during")
                   for ch in token.children)


def _sentences_apart(ctx: ArticleContext, earlier: EventCandidate, here: int | None) -> int | None:
    there = ctx.sentence_at(earlier.block, earlier.trigger_token.i)
    return None if here is None or there is None else here - there


def _counts_on(token) -> bool:
    """"dozens more were wounded", "107 others injured", "four other people were hurt"."""
    near = [t for ch in token.children if ch.dep_ in ("advmod", "nsubj", "nsubjpass", "dobj") for t in ch.subtree]
    if token.dep_ == "acl":
        near += [t for t in token.head.subtree if t.i < token.i]  # "107 others [injured]"
    return any(t.lower_ in _MORE for t in near)


def _events_it_happened_in(token, ctx: ArticleContext) -> list:
    return [g for p in token.children if p.dep_ == "prep" and p.lower_ in ("in", "during")
            for g in p.children if g.dep_ == "pobj" and g.pos_ == "NOUN" and ctx.lexicon.trigger(g.lemma_.lower(), "NOUN")
            and is_definite(g)]


def _by_trigger(candidates: list[EventCandidate]) -> dict[tuple[int, int], EventCandidate]:
    """The candidate a token of a block triggers (block, token index): a token triggers one."""
    at: dict[tuple[int, int], EventCandidate] = {}
    for c in candidates:
        at.setdefault((c.block, c.trigger_token.i), c)
    return at


def _collective_roles(candidates: list[EventCandidate], ctx: ArticleContext) -> None:
    """Roles the text leaves to a collective (data/lexicons/event_collectives.csv): job cuts cut
    the workforce's jobs ("Airbus employees" before "temporary workers" when Airbus cuts), and
    "security forces put down protests" acts on the protesters. Only when one collective fits."""
    roles = ctx.lexicon.collective_roles or {}
    collectives = ctx.resolution.collectives()
    for c in candidates:
        own = next((roles[cls] for cls in (c.type, *ctx.lexicon.ancestors(c.type)) if cls in roles), {})
        for role, code in own.items():  # the class's row, or its nearest ancestor's
            if not getattr(c, role + "s"):
                owner = [ctx.resolution.entity(k) for k in c.agents if role == "target"]
                chosen = _one_collective(ctx, collectives.get(code, []), lambda e: any(
                    o and any(_contains_name(form, o) for form in (e.name, *e.aliases)) for o in owner))
                if chosen:
                    setattr(c, role + "s", [chosen])
        thing = object_head(c.trigger_token)
        if c.targets or thing is None or thing.pos_ != "NOUN":
            continue
        code = roles.get(ctx.lexicon.trigger(thing.lemma_.lower(), "NOUN") or "", {}).get("agent")
        stem = thing.lemma_.lower()[:6]
        chosen = _one_collective(ctx, collectives.get(code, []), lambda e: e.name.split()[-1].lower().startswith(stem))
        if chosen and chosen not in c.agents:
            c.targets = [chosen]


def _pairs_told_before(candidates: list[EventCandidate], ctx: ArticleContext) -> None:
    """"X met Y on Tuesday ... The two ministers met at Hyderabad House", "both sides agreed": a
    symmetric event whose subject is the two of something (or both) is done by the pair of the
    latest such event told before, not by a new node "ministers"; it then merges with it."""
    for n, c in enumerate(candidates):
        if not ctx.lexicon.has_trait(c.type, "symmetric") or not _the_two(subject_of(c.trigger_token)):
            continue
        before = next((d for d in reversed(candidates[:n]) if d.type == c.type
                       and len(set(d.agents + d.targets + d.participants)) >= 2), None)
        if before is not None:
            c.agents, c.targets, c.participants = list(before.agents), list(before.targets), list(before.participants)


def _the_two(subject) -> bool:
    """"the two ministers", "both sides": a plural subject that counts two of what was told."""
    if subject is None or subject.tag_ not in ("NNS", "NNPS"):
        return False
    words = {ch.lower_ for ch in subject.children if ch.dep_ in ("det", "nummod", "predet")}
    return "both" in words or {"the", "two"} <= words


def _themes_from_the_one_product(candidates: list[EventCandidate], ctx: ArticleContext) -> None:
    """"Launch customer X has ordered 55", "Y bought six of these aeroplanes", "the plane made its
    maiden flight": an order, a delivery or a test that names no product of its own is of the
    article's one product, when it names one only and the clause names nothing else it acts on."""
    products = {e.key for e in ctx.resolution.entities if e.type == "Product"}
    if len(products) != 1:
        return
    for c in candidates:
        if c.themes or not any(ctx.lexicon.has_trait(f, "products") for f in ctx.lexicon.families(c.type)):
            continue
        thing = object_head(c.trigger_token) if c.trigger_token.pos_ == "VERB" else None
        if thing is None or thing.like_num or thing.pos_ == "PRON" or thing.lemma_.lower() in ctx.lexicon.product_nouns:
            c.themes = sorted(products)


def _movers_from_the_move_before(candidates: list[EventCandidate], ctx: ArticleContext) -> None:
    """"The index dipped, then rose to close up 0.7%": a market move with no subject of its own
    (the parser left "rose" none) moved what the move told before it in the same sentence moved."""
    for n, c in enumerate(candidates):
        if c.type != "MarketMove" or c.involved or any(
                ch.dep_ in ("nsubj", "nsubjpass", "expl") for ch in c.trigger_token.children):
            continue
        here = ctx.sentence_at(c.block, c.trigger_token.i)
        before = next((e for e in reversed(candidates[:n]) if e.type == "MarketMove" and e.involved
                       and e.block == c.block and e.trigger_token.i < c.trigger_token.i
                       and ctx.sentence_at(e.block, e.trigger_token.i) == here), None)
        if before is not None:
            c.themes, c.targets, c.agents = list(before.themes), list(before.targets), list(before.agents)


def _one_collective(ctx: ArticleContext, keys: list[str], fits) -> str | None:
    """The only collective, or the only one that fits."""
    if len(keys) == 1:
        return keys[0]
    fitting = [k for k in keys if fits(ctx.resolution.entity(k))]
    return fitting[0] if len(fitting) == 1 else None


def _contains_name(form: str, entity: Entity) -> bool:
    words = f" {normalize_name(form)} "
    return any(f" {normalize_name(n)} " in words for n in (entity.name, *entity.aliases))


def _names_told_event(noun, event: EventCandidate) -> bool:
    """"the cuts" after "10,000 job cuts": a definite noun that ends the trigger of an event told before."""
    return (any(d.dep_ == "det" and d.lower_ in ("the", "these", "those", "this") for d in noun.children)
            and event.trigger_token.pos_ == "NOUN" and event.trigger_token.lemma_.lower() == noun.lemma_.lower())


def _purpose_object(trigger) -> object:
    """What "to protest X" / "to oppose X" acts on, for the event the purpose clause hangs on."""
    for holder in (trigger, trigger.head):
        for clause in holder.children:
            if clause.dep_ in ("advcl", "xcomp", "acl", "relcl") and clause.pos_ == "VERB" and clause.i > trigger.i \
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children):
                return object_head(clause)
    return None


def _two_actions(event: "_MergedEvent", c: EventCandidate, ctx: ArticleContext) -> bool:
    """"They looted livestock and set fire to the market": two verbs of one sentence are two acts
    of force ("called for a stop ... and urged the military" is one appeal)."""
    return is_conflict(ctx, c.type) and any(d.block == c.block and d.trigger_token.sent == c.trigger_token.sent
                                            and d.trigger_token.pos_ == c.trigger_token.pos_ == "VERB"
                                            and d.trigger_token.i != c.trigger_token.i for d in event.candidates)


def _same_roles(event: "_MergedEvent", c: EventCandidate) -> bool:
    """Two mentions are one event only if, where both name an agent (or a target), they share one:
    "bought Jaguar ... sold it to Tata" and "named A ... named B" are two events each."""
    return all(not (set(event.roles(role)) and getattr(c, role) and not set(event.roles(role)) & set(getattr(c, role)))
               for role in ("agents", "targets"))


def one_per_participant(c: EventCandidate, lexicon: Lexicon) -> list[EventCandidate]:
    """"Shares of Toyota, Nissan and Honda all fell", "Chrysler and Toyota both reported a loss":
    where each participant does it on its own (the taxonomy's "distributive" trait: each share,
    index or currency moves by itself, each company has its own results), one event per mover (or,
    where none is moved, per agent), as an event coder codes one event per dyad."""
    if not lexicon.has_trait(c.type, "distributive"):
        return [c]
    movers = c.targets + c.themes
    if len(movers) >= 2:
        return [replace(c, targets=[m] if m in c.targets else [], themes=[m] if m in c.themes else [],
                        signals=dict(c.signals)) for m in movers]
    if len(c.agents) >= 2:  # "Chrysler and Toyota both reported a 39% loss": each its own result
        return [replace(c, agents=[a], signals=dict(c.signals)) for a in c.agents]
    return [c]


def merge_events(candidates: list[EventCandidate], article: Article, ctx: ArticleContext) -> list:
    """The same event told twice (same type, shared actors, compatible dates) is one event."""
    merged: list[_MergedEvent] = []
    for c in candidates:
        earlier = [e for e in merged if _same_kind(ctx, e.type, c.type) and e.first.modality == c.modality]
        if c.definite and earlier and not _done_by_others(earlier[-1], c):
            earlier[-1].candidates.append(c)  # "the resolution" refers back to the one told before
            continue
        for event in merged:
            if event.type == c.type and any(_one_happening(e, c) for e in event.candidates):
                event.candidates.append(c)  # "a car bomb exploded": the noun and its verb tell one bombing
                break
            if (event.type == c.type and event.actors & c.involved and compatible_dates(event.field("date"), c.date)
                    and event.first.modality == c.modality and _same_roles(event, c)
                    and not _two_actions(event, c, ctx) and _same_amounts(event, c)):
                event.candidates.append(c)
                break
        else:
            merged.append(_MergedEvent(c, article.text))
    finished = []
    for event in merged:
        agents, targets, participants = event.roles("agents"), event.roles("targets"), event.roles("participants")
        themes = event.roles("themes")
        targets = [t for t in targets if t not in agents]
        participants = [p for p in participants if p not in agents and p not in targets]
        place, date = event.field("place"), event.field("date")
        finished.append(_EventRecord(key="", type=event.type, trigger=event.first.trigger, agents=agents,
                                     targets=targets, participants=participants, place=place, date=date,
                                     count=event.field("count"), modality=event.first.modality,
                                     spans=[c.span for c in event.candidates], block=event.first.block,
                                     trigger_index=event.first.trigger_token.i,
                                     clause_text=article.text[event.first.span[0]:event.first.span[1]],
                                     candidates=event.candidates, themes=themes,
                                     money=event.field("money"), currency=event.field("currency"),
                                     percentage=event.field("percentage"), direction=event.field("direction"),
                                     confidence=max(c.confidence for c in event.candidates), role_confidence=[]))
    return finished


def _done_by_others(event: "_MergedEvent", c: EventCandidate) -> bool:
    """Whether a definite event noun names its own agents, none of the earlier event's: "X bought
    20 jets. Y negotiated the purchase of 22 more" tells two purchases."""
    agents = set(event.roles("agents"))
    return bool(c.agents) and bool(agents) and not agents & set(c.agents)


def _same_amounts(event: "_MergedEvent", c: EventCandidate) -> bool:
    """"Oil rose 2 percent ... oil prices rose 3 percent" are two moves: where both tell a
    percentage, a sum or a direction, they agree."""
    return all(getattr(c, name) is None or event.field(name) is None or getattr(c, name) == event.field(name)
               for name in ("percentage", "money", "direction"))


def _one_happening(a: EventCandidate, b: EventCandidate) -> bool:
    """Two triggers of one clause where one is the other's subject ("a car bomb exploded", "the
    blast killed" is two kinds, so the type check stays with the caller)."""
    if a.block != b.block:
        return False
    x, y = a.trigger_token, b.trigger_token
    return (x.head == y and x.dep_ in ("nsubj", "nsubjpass")) or (y.head == x and y.dep_ in ("nsubj", "nsubjpass"))


def anchored(events: list) -> list:
    """The events a graph can hold: each with an actor, a place, a date or a stated modality (a
    count or a trigger alone anchors nothing); then each gets its key, from what defines it."""
    kept = [e for e in events if e.agents or e.targets or e.participants or e.themes or e.place or e.date or e.modality]
    return kept


def key_events(events: list, article: Article) -> None:
    used: set[str] = set()
    for e in events:
        e.key = key_of_event(e.type, e.agents, e.targets, e.place, e.date, article, e.span, used)


def key_of_event(event_type: str, agents, targets, place, date, article: Article, span: tuple[int, int],
                  used: set[str]) -> str:
    """An event's key from what defines it; one with too little of that (no actor, or no place
    and no date), or sharing all of it with another event of the article ("looted livestock and
    set fire to the market"), is told apart by where the article states it."""
    anchor = "" if (agents or targets) and (date or place) else f"{article.key}:{span[0]}"
    key = event_key(event_type, agents, targets, place, date, anchor)
    if key in used:
        key = event_key(event_type, agents, targets, place, date, f"{article.key}:{span[0]}")
    told = 1
    while key in used:  # "the dollar and the yen rose": two events of one clause, by their order in it
        key = event_key(event_type, agents, targets, place, date, f"{article.key}:{span[0]}:{told}")
        told += 1
    used.add(key)
    return key


class _EventRecord:
    def __init__(self, **fields):
        self.__dict__.update(fields)

    @property
    def span(self) -> tuple[int, int]:
        return self.spans[0]
