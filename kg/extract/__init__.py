"""Extraction: parsed blocks of one article -> the IR (kg.model.Extraction). No RDF here."""
from __future__ import annotations

from dataclasses import replace

from kg import gazetteer
from kg.extract import acts, aliases, dates, discourse, disputes, slots
from kg.extract.context import ArticleContext, signature
from kg.extract.entities import EntityMention, entity_mentions, link_described_indices, propagate_names
from kg.extract.events import EventCandidate, event_candidates, passes_rules, subject_of, told_signals
from kg.extract.features import event_features, statement_features
from kg.extract.statements import (StatementCandidate, embedded_posts, from_events, join_mediums, quotes_in,
                                   reported_in)
from kg.keys import government_name, statement_key
from kg.lexicon import Lexicon
from kg.model import THING_TYPES, Article, Entity, Event, Extraction, Mention, Statement
from kg.nlp import Block
from kg.score import RULES, Models


__all__ = ["extract"]


def extract(article: Article, blocks: list[Block], lexicon: Lexicon, models: Models = RULES, *,
            trace: "Trace | None" = None) -> Extraction:
    """Entities, events and statements of one article, every one with its evidence spans.

    ``models`` decide what is an event (kg.score); without one, the hand-written rules do. With a
    ``trace`` (training, kg.train), every candidate is kept and recorded with its features."""
    headline_line = blocks[0].line_start if blocks and article.opens_with_headline else -1
    mentions: list[EntityMention] = []
    content_docs = [None if lexicon.is_boilerplate(b.line.strip()) and not signature(b.line) else (b.doc, b.offset)
                    for b in blocks]  # boilerplate names no one (a post's signature line does)
    for index, block in enumerate(blocks):
        if content_docs[index] is None:
            continue
        found = list(entity_mentions(block.doc, block.offset, index, lexicon))
        for m in found:
            if m.alias_of is not None:
                m.alias_of += len(mentions)  # block-local index -> article index
        mentions.extend(found)
    mentions.extend(propagate_names(mentions, content_docs, lexicon))  # appended: alias_of indices stay valid
    link_described_indices(mentions, lexicon)
    resolution = aliases.resolve(mentions, article.text, lexicon.place_designators, lexicon.company_suffixes,
                                 lexicon.agent_nouns, lexicon.demonyms, scope=article.key,
                                 settlement_words=lexicon.settlement_words, area_words=lexicon.area_words)
    ctx = ArticleContext(blocks=blocks, resolution=resolution, lexicon=lexicon,
                         published=dates.parse_iso(article.published), headline_line=headline_line)
    content = [i for i in range(len(blocks)) if ctx.is_content(i)]
    candidates = [c for i in content for c in event_candidates(ctx, i)]
    discourse.fill_from_context(candidates, ctx)  # before deciding: what the article adds describes them too
    voices = _voices(ctx)
    quotes = {index: list(quotes_in(ctx, index)) for index in content}
    _speakers_do_what_they_say(candidates, [q for found in quotes.values() for q in found], ctx, voices)
    _speak_for_their_bodies(candidates, voices)
    for c in candidates:
        told_signals(c, ctx)
    candidates = _decide_events(candidates, ctx, models, trace)
    _decide_speech_acts(candidates, ctx, models, trace)
    candidates = [part for c in candidates for part in discourse.one_per_participant(c, ctx.lexicon)]
    events = discourse.anchored(discourse.merge_events(candidates, article, ctx))  # by what the rules found
    _decide_slots(events, ctx, models, trace)
    events = discourse.anchored(events)
    discourse.key_events(events, article)
    statements = _statements(ctx, content, quotes, events, article, models, trace, voices)
    sentence_of = _sentence_finder(blocks)
    entities = tuple(_with_sentences(_facility(e, lexicon), sentence_of)
                     for e in _without_capitalized_words(resolution.entities, events, statements, article.text)
                     + _states(ctx, events, statements))
    return Extraction(
        article=article,
        entities=entities,
        events=tuple(_finish_event(e, sentence_of, article.text, models.events is not None) for e in events),
        statements=_one_per_key(_finish_statement(s, sentence_of, article.text) for s in statements),
    )


class Trace:
    """What a training run records: each candidate with its features, and the article context."""

    def __init__(self):
        self.events: list[tuple[EventCandidate, dict[str, float]]] = []
        self.places: list[tuple[object, list[slots.SlotCandidate]]] = []  # (merged event, its place candidates)
        self.dates: list[tuple[object, list[slots.SlotCandidate]]] = []
        self.roles: list[tuple[object, str, str, dict[str, float]]] = []  # (merged event, role, filler, features)
        self.statements: list[tuple[StatementCandidate, dict[str, float]]] = []
        self.acts: list[tuple[EventCandidate, list[slots.SlotCandidate]]] = []  # (saying, the acts it may be)
        self.ctx: ArticleContext | None = None


ROLES = ("agent", "target", "participant", "theme")


def _decide_roles(event, ctx: ArticleContext, models: Models) -> None:
    """How probable each role filler the rules proposed is (the roles model): its confidence.
    Dropping the improbable ones raised the roles model's own F1 but lowered role accuracy on the
    development set (0.60 to 0.56), so every filler is kept, with its confidence."""
    for role in ROLES:
        for key in getattr(event, role + "s"):
            p = models.roles.probability(slots.role_features(event, role, key, ctx))
            event.role_confidence.append((role, key, round(p, 3)))


def _decide_slots(events: list, ctx: ArticleContext, models: Models, trace: Trace | None) -> None:
    """Each event's place and date: the most probable of the candidates the article offers
    (kg.extract.slots) by the trained models, with its probability; without a model, the rules'."""
    incident = slots.incident_sentences(events) if trace is not None or models.places is not None else {}
    for event in events:
        if trace is not None:
            trace.places.append((event, slots.place_candidates(event, ctx, incident[id(event)])))
            trace.dates.append((event, slots.date_candidates(event, ctx)))
            trace.roles.extend((event, role, key, slots.role_features(event, role, key, ctx))
                               for role in ROLES for key in getattr(event, role + "s"))
            continue
        if models.roles is not None:
            _decide_roles(event, ctx, models)
        if models.places is not None:
            event.place, p = slots.choose(slots.place_candidates(event, ctx, incident[id(event)]), models.places,
                                          models.threshold(models.places))
            if event.place is not None:
                event.role_confidence.append(("place", event.place, round(p, 3)))
        if models.dates is not None:
            event.date, p = slots.choose(slots.date_candidates(event, ctx), models.dates,
                                         models.threshold(models.dates))
            if event.date is not None:
                event.role_confidence.append(("date", event.date, round(p, 3)))


def _decide_events(candidates: list[EventCandidate], ctx: ArticleContext, models: Models,
                   trace: Trace | None) -> list[EventCandidate]:
    """The candidates that are events: by the trained model's probability over the operating point,
    or, without a model, by the hand-written rules."""
    if trace is not None:
        trace.ctx = ctx
        trace.events.extend((c, event_features(c, ctx)) for c in candidates)
        return candidates
    if models.events is None:
        return [c for c in candidates if passes_rules(c)]
    threshold = models.threshold(models.events)
    for c in candidates:
        c.confidence = models.events.probability(event_features(c, ctx))
    return [c for c in candidates if c.confidence >= threshold]


def _decide_speech_acts(candidates: list[EventCandidate], ctx: ArticleContext, models: Models,
                        trace: Trace | None) -> None:
    """What each saying kept does, by the speech-acts model: "X said the raid was a violation" is a
    condemnation (its target, the saying's listener, is no longer one). Without the model, the
    rules' class stays."""
    for c in candidates:
        if not acts.is_saying(c):
            continue
        if trace is not None:
            trace.acts.append((c, acts.act_candidates(c, ctx)))
            continue
        if models.speech_acts is None:
            continue
        act, _ = slots.choose(acts.act_candidates(c, ctx), models.speech_acts, models.threshold(models.speech_acts))
        if act is not None and act != c.type:
            c.type = act
            c.targets = []


def _statements(ctx: ArticleContext, content: list[int], quotes: dict[int, list[StatementCandidate]], events: list,
                article: Article, models: Models, trace: Trace | None,
                voices: dict[str, str]) -> list[StatementCandidate]:
    found: list[StatementCandidate] = list(embedded_posts(ctx))
    for index in content:
        found.extend(quotes[index])
        found.extend(reported_in(ctx, index, [q.span for q in quotes[index]] + [f.span for f in found if f.quote]))
    found.extend(from_events(ctx, events))
    kept: list[StatementCandidate] = []
    for s in sorted(join_mediums(found), key=lambda s: (s.span[0], s.quote is None)):
        if s.speaker is None or _is_thing(ctx, s.speaker):
            continue  # a product or an index does not speak: its name was taken for a speaker
        s.speaker = voices.get(s.speaker, s.speaker)  # "a spokesperson for the ministry said": the ministry says it
        twin = next((k for k in kept if k.speaker == s.speaker and disputes.overlap(k.span, s.span)
                     and (k.verb is None or s.verb is None or k.verb == s.verb)), None)
        if twin is not None:
            twin.quote = twin.quote or s.quote
            twin.about = list(dict.fromkeys(twin.about + s.about))
            twin.dispute = twin.dispute or s.dispute
            twin.disputes_hint = twin.disputes_hint or s.disputes_hint
            twin.disputed_words = twin.disputed_words or s.disputed_words
            twin.date = twin.date or s.date
            twin.verb = twin.verb if twin.verb is not None else s.verb
            continue
        kept.append(s)
    for s in kept:
        s.said_in = _said_in(s, events, ctx.lexicon)
    disputes.link_disputes(kept, events, ctx)
    disputes.agreements_share_disputes(kept, ctx)
    disputes.rejections_target_who_they_answer(kept, events, article)
    return _decide_statements(kept, ctx, models, trace)


def _voices(ctx: ArticleContext) -> dict[str, str]:
    """Unnamed spokespersons and officials of a body, each with that body (a resident of a town
    speaks for no one)."""
    return {e.key: e.affiliation for e in ctx.resolution.entities
            if e.affiliation and e.affiliation.split("/", 1)[0] in ("governmentbody", "organization", "armedgroup")}


_FIRST_PERSON = {"i": "speaker", "we": "side"}


def _speakers_do_what_they_say(candidates: list[EventCandidate], quotes: list[StatementCandidate],
                               ctx: ArticleContext, voices: dict[str, str]) -> None:
    """'"We will appeal in the High Court," the party's lawyer said', '"I have resigned," X said':
    inside a quote, "I" is its speaker and "we" the speaker's side (the body the speaker speaks
    for or belongs to, else the speaker)."""
    for c in candidates:
        subject = subject_of(c.trigger_token) if not c.agents else None
        if subject is None or subject.lower_ not in _FIRST_PERSON or subject.pos_ != "PRON":
            continue
        offset = ctx.blocks[c.block].offset + subject.idx
        quote = next((q for q in quotes if q.speaker and q.span[0] <= offset < q.span[1]), None)
        if quote is None:
            continue
        speaker = quote.speaker
        if _FIRST_PERSON[subject.lower_] == "side":
            entity = ctx.resolution.entity(speaker)
            speaker = voices.get(speaker) or (entity.affiliation if entity is not None and entity.affiliation
                                              and not entity.affiliation.startswith("place/") else speaker)
        if speaker not in c.targets:
            c.agents = [speaker]


def _speak_for_their_bodies(candidates: list[EventCandidate], voices: dict[str, str]) -> None:
    """"A spokesman for the regional government said it would release funds": what an unnamed
    voice of a body does (pledges, denies, warns), the body does, as its statements are the body's."""
    for c in candidates:
        if any(a in voices for a in c.agents):
            c.agents = list(dict.fromkeys(voices.get(a, a) for a in c.agents))


def _decide_statements(kept: list[StatementCandidate], ctx: ArticleContext, models: Models,
                       trace: Trace | None) -> list[StatementCandidate]:
    """Each statement's confidence (the statements model); only an operating point the user sets
    (``--min-confidence``) drops any: the model's own threshold kept nearly all of them anyway."""
    if trace is not None:
        trace.statements.extend((s, statement_features(s, ctx)) for s in kept)
        return kept
    if models.statements is None:
        return kept
    for s in kept:
        s.confidence = models.statements.probability(statement_features(s, ctx))
    least = models.chosen("statements")
    if least is None:
        return kept
    chosen = [s for s in kept if s.confidence >= least]
    for s in chosen:
        s.disputed = [d for d in s.disputed if d in chosen]
    return chosen


def _is_thing(ctx: ArticleContext, key: str) -> bool:
    entity = ctx.resolution.entity(key)
    return entity is not None and entity.type in THING_TYPES


def _states(ctx: ArticleContext, events: list, statements: list[StatementCandidate]) -> list[Entity]:
    """The governments of the countries that act or speak in the events and statements kept
    ("Russia vetoed"), unless the article names that government itself ("the government")."""
    used = {k for e in events for k in (*e.agents, *e.targets, *e.participants)} | {s.speaker for s in statements}
    known = {e.key for e in ctx.resolution.entities}
    states = []
    for government, place in ctx.states.items():
        country = ctx.resolution.entity(place)
        if government in used and government not in known and country is not None:
            name = gazetteer.acting_for(country.name) or country.name  # "Bamako denied": the Mali government
            forms = sorted({government_name(a) for a in country.aliases if a[:1].isupper()}) \
                if name == country.name else []
            states.append(Entity(key=government, type="GovernmentBody", name=government_name(name),
                                 aliases=tuple(forms), mentions=country.mentions))  # "Congo government", "DRC government"
    return states


def _without_capitalized_words(entities: list[Entity], events: list, statements: list[StatementCandidate],
                               text: str) -> list[Entity]:
    """Without the one-word "persons" the article names once, opening a sentence, that take part in
    nothing: "Turnout was 43%" (the recognizer's guess for a capitalized common noun; a real person
    is named in full first, and a surname alone then joins that name)."""
    used = {k for e in events for k in (*e.agents, *e.targets, *e.participants, *e.themes, e.place)}
    used |= {k for s in statements for k in (s.speaker, *s.about)} | {e.affiliation for e in entities}
    return [e for e in entities if not (e.type == "Person" and len(e.name.split()) == 1 and len(e.mentions) == 1
                                        and not e.aliases and e.key not in used
                                        and text[:e.mentions[0].start].rstrip(" \t")[-1:] in ("", ".", "!", "?", "\n"))]


def _facility(entity: Entity, lexicon: Lexicon) -> Entity:
    """A place named by a facility noun ("Suvarnabhumi Airport", "the Kaduna brewery") is a
    Facility (a kind of place: its key stays the place's)."""
    if entity.type == "Place" and lexicon.names_a_facility(entity.name):
        return replace(entity, type="Facility")
    return entity


def _sentence_finder(blocks: list[Block]):
    sentences = []
    for block in blocks:
        for sent in block.doc.sents:
            sentences.append((block.offset + sent.start_char, block.offset + sent.end_char, sent.text))

    def sentence_of(start: int, end: int) -> str:
        for s_start, s_end, text in sentences:
            if s_start <= start < s_end:
                return text
        return ""

    return sentence_of


def _mention(start: int, end: int, text: str, sentence_of) -> Mention:
    return Mention(start, end, text, sentence_of(start, end))


def _with_sentences(entity: Entity, sentence_of) -> Entity:
    return replace(entity, mentions=tuple(sorted(_mention(m.start, m.end, m.text, sentence_of) for m in entity.mentions)))


def _finish_event(e, sentence_of, text: str, scored: bool) -> Event:
    mentions = tuple(sorted({_mention(s, t, text[s:t], sentence_of) for s, t in e.spans}))
    return Event(key=e.key, type=e.type, trigger=e.trigger, agents=tuple(e.agents), targets=tuple(e.targets),
                 participants=tuple(e.participants), place=e.place, date=e.date, count=e.count,
                 modality=e.modality, mentions=mentions, themes=tuple(e.themes), money=e.money, currency=e.currency,
                 percentage=e.percentage, direction=e.direction,
                 confidence=round(e.confidence, 3) if scored else None,
                 role_confidence=tuple(e.role_confidence) if scored else ())


def _said_in(s: StatementCandidate, events: list, lexicon: Lexicon) -> str | None:
    """The communication event a statement was made in: the dated or placed saying of its own
    verb, or the verbal event (a rejection, an appeal) it was read from."""
    for e in events:
        if e.block == s.block and s.verb is not None and e.trigger_index == s.verb and e.agents[:1] == [s.speaker]:
            return e.key
    communication = {e.key for e in events if "CommunicationEvent" in (e.type, *lexicon.ancestors(e.type))}
    return next((k for k in s.about if k in communication), None)


def _one_per_key(statements) -> tuple[Statement, ...]:
    """"GM said it was cancelling the deal" read from its saying and from the rejection it tells is
    one statement (one key): one node, with both spans, what either is about, and the first's
    single-valued facts (date, the event it was said in, confidence)."""
    merged: dict[str, Statement] = {}
    for s in statements:
        first = merged.get(s.key)
        merged[s.key] = s if first is None else replace(
            first, about=tuple(dict.fromkeys(first.about + s.about)),
            disputes=tuple(dict.fromkeys(first.disputes + s.disputes)),
            mentions=tuple(sorted(set(first.mentions + s.mentions), key=lambda m: (m.start, m.end))),
            said_in=first.said_in or s.said_in, date=first.date or s.date)
    return tuple(merged.values())


def _finish_statement(s: StatementCandidate, sentence_of, text: str) -> Statement:
    key = statement_key(s.speaker, s.quote or s.content)
    disputes = tuple(statement_key(d.speaker, d.quote or d.content) for d in s.disputed)
    start, end = s.span
    return Statement(key=key, speaker=s.speaker, content=" ".join(s.content.split()), quote=s.quote,
                     about=tuple(s.about), disputes=disputes, date=s.date, said_in=s.said_in,
                     confidence=None if s.confidence is None else round(s.confidence, 3),
                     mentions=(_mention(start, end, text[start:end], sentence_of),))
