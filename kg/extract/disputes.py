"""Who disputes whom: a disputing statement points at the claim it answers.

Over the statements of one article, after kg.extract.statements found them: the claim by the actor
a denial names, or about the event it names, or the claim of the words it names ("the fraud
allegations"), or the latest claim about the denier, else the latest claim by someone else (not when what is
rejected is a thing such as a proposal, which answers only a claim that speaks of it); a claim
made jointly is disputed for all who made it, mutual blame both ways, and who sides with a claim
disputes what it disputes. A rejection that named no one is then aimed at whom it answers.
"""
from __future__ import annotations

import bisect
import re

from kg.extract.context import ArticleContext
from kg.extract.discourse import key_of_event
from kg.extract.statements import StatementCandidate
from kg.model import Article


#: Verbs by which a speaker sides with another's claim ("agreed with X's defence").
_SIDING = {"agree", "side", "concur"}


def rejections_target_who_they_answer(statements: list[StatementCandidate], events: list, article: Article) -> None:
    """"The CNE dismissed the fraud allegations": a rejection that names no one is aimed at the
    speaker of the claim its statement answers. The event's key is made again from its roles,
    and statements about it follow."""
    by_key = {e.key: e for e in events}
    renamed = {}
    for s in statements:
        for key in s.about:
            event = by_key.get(key)
            if event is None or event.type != "Rejection" or event.targets or not s.disputed:
                continue
            event.targets = [t for t in dict.fromkeys(d.speaker for d in s.disputed) if t not in event.agents]
            new_key = key_of_event(event.type, event.agents, event.targets, event.place, event.date, article,
                                    event.span, set(by_key) - {key})
            renamed[key], event.key = new_key, new_key
            by_key[new_key] = event
    if renamed:
        for s in statements:
            s.about = [renamed.get(k, k) for k in s.about]
            s.said_in = renamed.get(s.said_in, s.said_in)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def link_disputes(statements: list[StatementCandidate], events: list, ctx: ArticleContext) -> None:
    """A disputing statement points at the statement it answers: one by the actor its object
    names ("rejected Kanyuka's account"), or by the author of the event it names; else the latest
    claim made about the disputer ("X denies any wrongdoing" answers who accused X); else the
    latest earlier statement by someone else that claims something (not an appeal: "called for
    calm" is no claim to deny; not one told after the denial: "X, who denies wrongdoing, will
    appeal, his lawyer said. 'This is a political trial,' the lawyer said" answers no one).
    Earlier includes the same sentence ("X blames Y, an accusation Y denies")."""
    for s in statements:
        s.disputed = []
        if not s.dispute:
            continue
        hint = s.disputes_hint
        if hint == "reciprocal":  # "the army and the rebels blamed each other": each disputes the other
            s.disputed = [t for t in statements if t.span == s.span and t.speaker != s.speaker]
            continue
        others = [t for t in statements if t.speaker != s.speaker and not _said_together(t, s)
                  and not _later_in_the_sentence(t, s)]
        before = [t for t in others if t.span[0] <= s.span[0]]
        earlier = before or others  # a denial may lead, the claim follow
        chosen = None
        if hint and hint not in ("previous", "words"):
            event_agents = {a for e in events if hint in e.targets or hint in e.agents for a in e.agents}
            chosen = next((t for t in reversed(earlier) if t.speaker == hint), None) or \
                next((t for t in reversed(earlier) if t.speaker in event_agents), None)
        if chosen is None and s.disputed_words:  # "dismissed the fraud allegations": the claim of fraud
            chosen = next((t for t in reversed(earlier) if _shares_words(s.disputed_words, t.quote or t.content)), None)
        if chosen is None and hint == "words":
            continue  # "rejected the proposal": only a claim that speaks of the proposal is answered
        if chosen is None:
            chosen = next((t for t in reversed(earlier) if s.speaker in _named_in(ctx, t.span)), None)
        if chosen is None:  # an appeal ("called for calm", "urged restraint") claims nothing to deny, and
            chosen = next((t for t in reversed(before) if not _asks(ctx, t)), None)  # nor does what follows
        if chosen is not None:  # a claim several made together is disputed for all of them
            s.disputed = [t for t in statements if t is chosen or (_said_together(t, chosen) and t.speaker != s.speaker)]


#: The kinds of saying that ask rather than claim: a denial does not answer them.
_ASKING = ("MakeAppeal", "Demand")


def _asks(ctx: ArticleContext, statement: StatementCandidate) -> bool:
    """Whether a statement's verb asks for something ("called for calm", "urged restraint")."""
    if statement.verb is None:
        return False
    verb = ctx.blocks[statement.block].doc[statement.verb]
    lemma = verb.lemma_.lower()
    phrases = [lemma, *(f"{lemma} {c.lower_}" for c in verb.children if c.dep_ in ("prep", "prt"))]
    kinds = {ctx.lexicon.trigger(p, "VERB") for p in phrases} - {None}
    return any(k in _ASKING or set(_ASKING) & set(ctx.lexicon.ancestors(k)) for k in kinds)


def _later_in_the_sentence(claim: StatementCandidate, denial: StatementCandidate) -> bool:
    """"X rejected the proposal, although Y says ...": a claim told after the denial's verb in
    the same sentence is not what the denial answers ("X blames Y, an accusation Y denies" is)."""
    return claim.span == denial.span and None not in (claim.verb, denial.verb) and claim.verb > denial.verb


def _shares_words(words: tuple[str, ...], text: str) -> bool:
    """Whether a claim's own words mention what a denial names (compared by their first letters)."""
    stems = {w[:5] for w in words}
    return any(w[:5] in stems for w in re.findall(r"\w{3,}", text.lower()))


def agreements_share_disputes(statements: list[StatementCandidate], ctx: ArticleContext) -> None:
    """"The judge agreed with Apple's defence that ...: 'I conclude ...'": who sides with a claim
    disputes what it disputes."""
    for s in statements:
        if s.disputed or s.speaker is None:
            continue
        block = ctx.blocks[s.block]
        span = block.doc.char_span(s.span[0] - block.offset, s.span[1] - block.offset, alignment_mode="expand")
        if span is None:
            continue
        for verb in span.sent:
            if verb.lemma_.lower() not in _SIDING or ctx.actor_in(s.block, next(
                    (c for c in verb.children if c.dep_ == "nsubj"), verb), max_depth=2) != s.speaker:
                continue
            sided = [ctx.actor_in(s.block, g, max_depth=2) for c in verb.children if c.dep_ == "prep"
                     and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"]
            claim = next((t for t in statements if t.speaker in sided and t.disputed and t.block == s.block
                          and overlap(t.span, (block.offset + span.sent.start_char, block.offset + span.sent.end_char))),
                         None)
            if claim is not None:
                s.dispute, s.disputed = True, list(claim.disputed)


def _said_together(a: StatementCandidate, b: StatementCandidate) -> bool:
    """One statement of several speakers ("Congo and the UN accuse ..."): same words, same verb."""
    return a.span == b.span and a.content == b.content and a.verb == b.verb


def _named_in(ctx: ArticleContext, span: tuple[int, int]) -> set[str]:
    """Keys of the entities mentioned within a span of the article."""
    starts, keys = ctx.mention_starts
    named = set(keys[bisect.bisect_left(starts, span[0]):bisect.bisect_left(starts, span[1])]) - {None}
    return named | {government for government, country in ctx.states.items() if country in named}  # "Kenya" speaks as its government
