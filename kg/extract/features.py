"""Describe candidates with plain features for the trained scorers (kg.score): pure functions.

A feature is a name and a number (mostly 1.0 for "present"). Names say what they test:
``type=Attack``, ``rule:habitual``, ``dep=ccomp``. Nothing here decides anything.
"""
from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import ArticleContext
from kg.extract.events import EventCandidate, moves_a_market

_QUOTES = "\"“”«»"
_PROPOSALS = {"offer", "bid", "plan", "deal", "proposal", "talks", "operation", "campaign", "action"}


def event_features(c: EventCandidate, ctx: ArticleContext, *, headline: bool = False) -> dict[str, float]:
    """What the clause and the article say about one trigger being an event the text asserts."""
    token = c.trigger_token
    lexicon = ctx.lexicon
    f: dict[str, float] = {"bias": 1.0, f"type={c.type}": 1.0, f"pos={token.pos_}": 1.0, f"tag={token.tag_}": 1.0,
                           f"dep={token.dep_}": 1.0, f"lemma={token.lemma_.lower()}": 1.0,
                           f"source={lexicon.trigger_source(token.lemma_.lower(), token.pos_)}": 1.0}
    for ancestor in lexicon.ancestors(c.type):
        f[f"class={ancestor}"] = 1.0
    for trait in (lexicon.taxonomy[c.type].traits if c.type in lexicon.taxonomy else ()):
        f[f"trait={trait}"] = 1.0
    if c.type != c.lexicon_type:
        f["retyped"] = 1.0
    if c.phrase:
        f["phrase"] = 1.0
    for name, on in c.signals.items():
        if on:
            f[f"rule:{name}"] = 1.0
    if not any(c.signals.values()):
        f["rules_pass"] = 1.0
    for role, keys in (("agent", c.agents), ("target", c.targets), ("participant", c.participants)):
        if keys:
            f[f"has_{role}"] = 1.0
            for key in keys[:2]:
                f[f"{role}_kind={key.split('/', 1)[0]}"] = 1.0
                for family in lexicon.families(c.type):  # a company fights no armed clash
                    f[f"{role}_kind={key.split('/', 1)[0]}&family={family}"] = 1.0
    if c.targets and c.agents:
        f["has_agent_and_target"] = 1.0
    if set(c.targets) & ctx.media_keys:
        f["target_media"] = 1.0  # "told Reuters", "told reporters": sourcing, mostly no happening
    if set(c.agents) & ctx.media_keys:
        f["agent_media"] = 1.0  # "the BBC reported"
    if c.place:
        f["has_place_default" if c.place_from_default else "has_place"] = 1.0
    if c.date:
        f["has_date"] = 1.0
    if c.relative_days is not None:
        f["has_relative_date"] = 1.0
    if c.count is not None:
        f["has_count"] = 1.0
    f[f"modality={c.modality or 'asserted'}"] = 1.0
    if c.refers_back:
        f["definite"] = 1.0
    if headline:
        f["headline"] = 1.0
    if c.block == ctx.first_content_block:
        f["lede"] = 1.0
    if _passive(token):
        f["passive"] = 1.0
    if _inside_quote(token):
        f["in_quote"] = 1.0
    if _reported(token, lexicon):
        f["reported_clause"] = 1.0
    if token.pos_ == "NOUN":
        det = next((ch.lower_ for ch in token.children if ch.dep_ == "det"), "none")
        f[f"det={det if det in ('a', 'an', 'the', 'no', 'none', 'this', 'that') else 'other'}"] = 1.0
        if token.tag_ == "NNS":
            f["plural_noun"] = 1.0
        if any(ch.dep_ in ("poss", "compound") for ch in token.children):
            f["noun_modified"] = 1.0
        if any(ch.dep_ == "prep" for ch in token.children):
            f["noun_has_prep"] = 1.0
        if token.dep_ == "compound":  # "a takeover offer" tells an event; "emergency funds" does not
            f["modifies_event_noun" if lexicon.trigger(token.head.lemma_.lower(), "NOUN") or
              token.head.lemma_.lower() in _PROPOSALS else "modifies_noun"] = 1.0
    governor = _governor(token)
    if governor:
        f[f"gov={governor}"] = 1.0
    if c.type == "PublicStatement" and token.pos_ == "VERB":
        occasion = _occasion(token, lexicon)
        f.update(occasion)
        if "target_media" in f:  # "told Reuters" is sourcing; "told reporters at the scene" a happening
            f["target_media&occasion" if occasion else "target_media&no_occasion"] = 1.0
    for child in token.children:
        if child.ent_type_ in ("MONEY", "PERCENT") or any(g.ent_type_ in ("MONEY", "PERCENT") for g in child.children):
            f["has_amount"] = 1.0
    for name in ("has_agent", "has_target", "has_place", "has_date", f"pos={token.pos_}", "lede", "headline",
                 f"dep={token.dep_}", "reported_clause", "in_quote", "passive", f"modality={c.modality or 'asserted'}"):
        if name in f:  # a market move needs no agent, a deal does; a noun tells a clash, less a sale
            for family in lexicon.families(c.type):
                f[f"{name}&family={family}"] = 1.0
    if c.type == "MarketMove" and token.pos_ in ("VERB", "AUX") and any(
            ch.dep_ in ("nsubj", "nsubjpass") for ch in token.children):
        f["market_subject" if moves_a_market(ctx, c.block, token) else "other_subject"] = 1.0
    return f


def _governor(token: Token) -> str | None:
    """The verb a trigger hangs on and how, as the model's evidence that the clause asserts it:
    "the shooting took place" (nsubj:take), "condemned the attack" (dobj:condemn), "killed in an
    attack" (in:kill), "tried to storm" (xcomp:try), "plans to buy" (xcomp:plan)."""
    head, dep = token.head, token.dep_
    if head is token:
        return None
    if dep == "pobj" and head.dep_ == "prep" and head.head is not head:
        dep, head = head.lower_, head.head
    if head.pos_ not in ("VERB", "AUX") or dep not in ("nsubj", "nsubjpass", "dobj", "xcomp", "ccomp", "advcl",
                                                         "conj", "in", "on", "after", "during", "for", "of", "by"):
        return None
    return f"{dep}:{head.lemma_.lower()}"


_OCCASION_PREPS = ("at", "in", "outside", "after", "during", "before", "on", "from")


def _occasion(verb: Token, lexicon) -> dict[str, float]:
    """Where and on what occasion a saying was made, as the events model's evidence that it is a
    happening and not only a statement: "told reporters at the scene", "said at a briefing in
    Beijing", "speaking to journalists after the vote" (say_prep=at, say_at_event ...), the phrase
    on the verb or on whom it was told to ("told reporters in Popayan")."""
    f = {}
    listeners = [c for c in verb.children if c.dep_ in ("dobj", "dative")]  # "told reporters [in Popayan]"
    for prep in (p for head in (verb, *listeners) for p in head.children):
        if prep.dep_ != "prep" or prep.lower_ not in _OCCASION_PREPS:
            continue
        noun = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if noun is None or noun.ent_type_ in ("DATE", "TIME"):
            continue
        f[f"say_prep={prep.lower_}"] = 1.0
        lemma = noun.lemma_.lower()
        if noun.pos_ == "NOUN" and lexicon.trigger(lemma, "NOUN"):
            f["say_at_event"] = 1.0  # "after the talks", "at the signing ceremony"
        elif noun.pos_ == "NOUN" and lemma in lexicon.facility_nouns:
            f["say_at_facility"] = 1.0  # "outside the courthouse"
        elif noun.pos_ == "PROPN":
            f["say_at_name"] = 1.0  # "in Marawi", "at La Moneda"
    return f


def _passive(token: Token) -> bool:
    return any(ch.dep_ == "auxpass" for ch in token.children)


def _inside_quote(token: Token) -> bool:
    """An odd number of quotation marks before the token in its sentence."""
    sent = token.sent
    marks = sum(1 for t in token.doc[sent.start:token.i] if any(q in t.text for q in _QUOTES))
    return marks % 2 == 1


def _reported(token: Token, lexicon) -> bool:
    """The trigger sits in a clause a reporting verb governs ("said rebels had attacked")."""
    current = token
    for _ in range(5):
        if current.dep_ == "ccomp" and lexicon.reporting_verbs.get(current.head.lemma_.lower()):
            return True
        if current.head == current:
            return False
        current = current.head
    return False


def statement_features(s, ctx: ArticleContext) -> dict[str, float]:
    """What describes a statement kg found: how it was said (a quote, a reported clause, a post),
    by whom (the speaker's kind) and with which verb; for the statements model of kg.score."""
    block = ctx.blocks[s.block]
    verb = block.doc[s.verb] if s.verb is not None and s.verb < len(block.doc) else None
    entity = ctx.resolution.entity(s.speaker) if s.speaker else None
    words = len(s.content.split())
    f = {"bias": 1.0, "quoted" if s.quote else "reported": 1.0,
         f"speaker_kind={entity.type if entity else (s.speaker or 'none').split('/', 1)[0]}": 1.0,
         f"verb={verb.lemma_.lower() if verb is not None else 'none'}": 1.0,
         f"length={'short' if words < 8 else 'medium' if words < 25 else 'long'}": 1.0}
    if s.dispute:
        f["dispute"] = 1.0
    if s.about:
        f["about_something"] = 1.0
    if s.date:
        f["dated"] = 1.0
    if s.block == ctx.first_content_block:
        f["lede"] = 1.0
    if entity is not None and entity.name[:1].islower():
        f["unnamed_speaker"] = 1.0
    if verb is not None and verb.tag_ in ("VBZ", "VBP"):
        f["present_tense"] = 1.0
    return f
