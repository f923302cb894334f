"""Statements: direct quotes, reported speech, "according to X", embedded posts, verbal events.

A quote needs a reporting verb or source marker in its sentence, or sentence punctuation inside
it, so scare quotes around a term ("known as 'X'") are not statements. The speaker of "said a
post ... from X" or "according to reports from X" is X, not the document.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from kg.extract import dates
from kg.extract.context import (ArticleContext, is_thing, list_members, merely_possible, said_start,
                                semicolon_between, signature)
from kg.extract.entities import nominals, text_of, tokens_tagged

DOCUMENT_NOUNS = {"post", "statement", "report", "tweet", "message", "letter", "communique", "release", "page",
                  "account", "video", "announcement", "interview", "note", "filing", "website", "blog", "posts",
                  "reports", "media", "broadcast", "notice", "document", "email", "memo",
                  "case", "lawsuit", "suit", "complaint", "indictment", "petition"}
_QUOTE = re.compile(r"\u201c([^\u201d]{2,}?)\u201d|\"([^\"\n]{2,}?)\"|\u2018([^\u2019]{8,}?)\u2019(?!\w)")
_LINK = re.compile(r"\s*pic\.twitter\.com/\S+|\s*https?://\S+")
_RECIPROCAL = re.compile(r"\b(each other|one another)\b", re.I)  # "X and Y blamed each other"
_COMMUNICATION = {"Appeal", "Rejection", "PublicStatement", "Condemnation", "Threat"}


@dataclass
class StatementCandidate:
    speaker: str | None
    content: str
    quote: str | None
    block: int
    span: tuple[int, int]
    date: str | None = None
    disputes_hint: str | None = None  # entity key or "previous"
    about: list[str] = field(default_factory=list)
    dispute: bool = False
    verb: int | None = None  # token index of the reporting verb (two verbs in a sentence: two statements)
    disputed_words: tuple[str, ...] = ()  # what a denial names ("the fraud allegations" -> fraud)
    disputed: list[StatementCandidate] = field(default_factory=list)  # what it disputes (kg.extract.disputes)
    said_in: str | None = None  # key of the communication event it was made in
    confidence: float | None = None  # the statements model's probability (kg.score)
    medium: bool = False  # read from what a saying was made in ("X said in a statement"); span: the sentence


def quotes_in(ctx: ArticleContext, block: int) -> Iterator[StatementCandidate]:
    doc = ctx.blocks[block].doc
    offset = ctx.blocks[block].offset
    previous = None  # (end token, speaker) of the last attributed quote in this block
    for match in _QUOTE.finditer(text_of(doc)):
        inner = next(g for g in match.groups() if g is not None)
        start = match.start() + 1
        span = doc.char_span(start, start + len(inner), alignment_mode="expand")
        if span is None:
            continue
        sentence = _quote_context(span)
        verb = _reporting_verb(ctx, sentence, exclude=span)
        is_statement = verb is not None or re.search(r"[.!?,]$", inner.strip()) or len(inner.split()) >= 8
        if not is_statement or len(inner.split()) < 3:
            continue
        speaker = _speaker_of_verb(ctx, block, verb) if verb is not None else None
        if speaker is None:
            speaker = _according_to(ctx, block, sentence)
        if speaker is None and verb is None:
            speaker = _person_subject(ctx, block, sentence, span)
        if speaker is None and previous is not None and _follows(previous[0], span):
            speaker = previous[1]  # '"We will appeal," he said. "This is not over."'
        if speaker is not None:
            previous = (span.end, speaker)
        rebuttal = _rebuts(ctx, span)
        yield StatementCandidate(speaker=speaker, content=inner, quote=inner, block=block,
                                 span=(offset + start, offset + start + len(inner)),
                                 date=_sentence_date(ctx, block, sentence, said=range(span.start - 1, span.end + 1)),
                                 dispute=rebuttal, disputes_hint=_named_in_words(ctx, block, span, speaker)
                                 if rebuttal else None)


def reported_in(ctx: ArticleContext, block: int, quoted_spans: list[tuple[int, int]]) -> Iterator[StatementCandidate]:
    """"X said (that) ...", "X disputes that figure", "..., according to X"."""
    doc = ctx.blocks[block].doc
    offset = ctx.blocks[block].offset
    for sentence in doc.sents:
        sent_span = (offset + sentence.start_char, offset + sentence.end_char)
        has_quote = any(sent_span[0] <= s < sent_span[1] for s, _ in quoted_spans)
        for token in _within(tokens_tagged(doc, ("VERB",)), sentence):
            kind = ctx.lexicon.reporting_verbs.get(token.lemma_.lower())
            if kind is None or token.pos_ != "VERB" or any(c.dep_ == "neg" for c in token.children) \
                    or merely_possible(token):
                continue  # "he didn't say where", "a chance of X challenging it" state nothing
            if _describes_a_speaker(ctx, token):
                continue  # "an official who asked not to be named said ...": the asking says nothing
            complement = next((c for dep in ("ccomp", "xcomp", "dobj") for c in token.children  # "told X that Y": Y
                               if c.dep_ == dep and not semicolon_between(c, token)), None) \
                or _clause_on_medium(token)
            speakers = speakers_of_verb(ctx, block, token)
            if not speakers or (has_quote and kind == "say"):
                continue
            if kind == "say" and (complement is None or _puts_a_thing_somewhere(ctx, block, token, complement)):
                continue
            content = _said_text(complement) if complement is not None and not _bare(complement) else sentence.text
            said = _token_range(complement) if complement is not None else range(sentence.start, sentence.end)
            words = doc[said.start:said.stop] if complement is not None else None
            rebuttal = kind != "dispute" and words is not None and _rebuts(ctx, words)
            for speaker in speakers:
                yield StatementCandidate(speaker=speaker, content=content or sentence.text, block=block,
                                         quote=_partial_quote(complement) if complement is not None else None,
                                         span=sent_span, date=_sentence_date(ctx, block, sentence, said=said),
                                         dispute=kind == "dispute" or rebuttal, verb=token.i,
                                         disputed_words=_object_words(ctx, complement) if kind == "dispute"
                                         and complement is not None else (),
                                         disputes_hint=_dispute_hint(ctx, block, complement) if kind == "dispute"
                                         else _named_in_words(ctx, block, words, speaker) if rebuttal else None)
        yield from _verbless_dispute(ctx, block, sentence, sent_span)
        yield from _claim_nouns(ctx, block, sentence, sent_span)
        speaker = _according_to(ctx, block, sentence)
        if speaker is not None and not has_quote:
            yield StatementCandidate(speaker=speaker, content=_without_attribution(sentence), quote=None, block=block,
                                     span=sent_span)


def _puts_a_thing_somewhere(ctx: ArticleContext, block: int, verb: Token, complement: Token) -> bool:
    """"Added audio recording to its computers": a thing put into a thing, nothing said (but
    "explained the plan to reporters" says it to someone)."""
    if complement.dep_ != "dobj" or complement.pos_ != "NOUN":
        return False
    goals = [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "into")
             for g in c.children if g.dep_ == "pobj"]
    listeners = [g for g in goals if ctx.lexicon.agent_nouns.get(g.lemma_.lower())
                 or (key := ctx.key_at(block, g)) and not is_thing(key) and not key.startswith("place/")]
    return bool(goals) and not listeners


def _medium_of_saying(ctx: ArticleContext, noun: Token) -> bool:
    """"said in a joint announcement", "told reporters in an interview": the noun is where a
    reporting verb's saying was made, not a saying of its own."""
    if noun.dep_ != "pobj" or noun.head.dep_ != "prep":
        return False
    verb = noun.head.head
    return verb.pos_ == "VERB" and ctx.lexicon.reporting_verbs.get(verb.lemma_.lower()) is not None


def _clause_on_medium(verb: Token) -> Token | None:
    """"said in a statement that the deal was fair": the parser may hang the "that" clause on the
    statement noun, not on the verb; it is still what was said."""
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            clause = next((c for c in noun.children if c.dep_ in ("acl", "relcl", "ccomp")
                           and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
            if clause is not None:
                return clause
    return None


def join_mediums(found: list[StatementCandidate]) -> list[StatementCandidate]:
    """A saying's medium ("said in a statement") is no statement of its own where its speaker says
    something in that sentence: what is said there was said in it (its event joins what that
    statement is about)."""
    kept = []
    for s in found:
        host = next((k for k in found if s.medium and not k.medium and k.speaker == s.speaker
                     and s.span[0] <= k.span[0] < s.span[1]), None)
        if host is None:
            kept.append(s)
        else:
            host.about = list(dict.fromkeys(host.about + s.about))
    return kept


def _speaking_verb(ctx: ArticleContext, event) -> int | None:
    """The token that makes an event-derived statement one of its own: the trigger, or the
    reporting verb whose subject holds it; none for a statement noun (the medium of another)."""
    if event.type == "PublicStatement":
        return None
    token = ctx.blocks[event.block].doc[event.trigger_index]
    for ancestor in token.ancestors:
        if ancestor.dep_ in ("nsubj", "nsubjpass") and ctx.lexicon.reporting_verbs.get(ancestor.head.lemma_.lower()):
            return ancestor.head.i
    return event.trigger_index


def _object_words(ctx: ArticleContext, complement: Token) -> tuple[str, ...]:
    """The words naming what is denied, but the claim or decision noun itself: "the fraud allegations" ->
    ("fraud",), "the accusations of abuses" -> ("abuse",)."""
    generic = set(ctx.lexicon.claim_nouns or {}) | ctx.lexicon.decision_nouns  # "the decision" names nothing
    return tuple(t.lemma_.lower() for t in complement.subtree if t.pos_ in ("NOUN", "PROPN", "ADJ", "VERB")
                 and t.lemma_.lower() not in generic and not t.is_stop and len(t.text) > 2)


def _rebuts(ctx: ArticleContext, words: Span) -> bool:
    """What was said contests a claim: "rigged", "lies and propaganda", "not true", "the wrong
    conclusion" (data/lexicons/dispute_words.csv)."""
    lemmas = [t.lemma_.lower() for t in words]
    known = ctx.lexicon.dispute_words
    return any(lemma in known for lemma in lemmas) or any(" ".join(pair) in known for pair in zip(lemmas, lemmas[1:]))


def _named_in_words(ctx: ArticleContext, block: int, words: Span, speaker: str | None) -> str:
    """The actor a rebuttal names ("the trial judge reached the wrong conclusion"), else the
    claim right before it is meant."""
    for token in words:
        key = ctx.key_at(block, token)
        if key and key != speaker and not key.startswith("place/"):
            return key
    return "previous"


def _within(tokens: list[Token], sentence: Span) -> list[Token]:
    return [t for t in tokens if sentence.start <= t.i < sentence.end]


def _bare(complement: Token) -> bool:
    """"Rwanda denies this": an object that says nothing by itself (the sentence does)."""
    return len(list(complement.subtree)) == 1 and complement.pos_ in ("PRON", "DET")


def _partial_quote(complement: Token) -> str | None:
    """The speaker's own words quoted inside reported speech: 'said troops held "full control"'."""
    doc = complement.doc
    first, last = doc[said_start(complement)], doc[complement.right_edge.i]
    match = _QUOTE.search(text_of(doc), first.idx, last.idx + len(last.text) + 1)
    return next(g for g in match.groups() if g is not None) if match else None


def _describes_a_speaker(ctx: ArticleContext, verb: Token) -> bool:
    """A reporting verb in a relative clause on the subject of another reporting verb."""
    noun = verb.head
    return verb.dep_ == "relcl" and noun.dep_ in ("nsubj", "nsubjpass") \
        and ctx.lexicon.reporting_verbs.get(noun.head.lemma_.lower()) is not None


def _verbless_dispute(ctx: ArticleContext, block: int, sentence: Span, sent_span) -> Iterator[StatementCandidate]:
    """"The council disputes that figure." - the small model may parse the verb as a plural noun
    ("council disputes"); a ROOT that is a dispute verb's form with an actor before it is that verb."""
    root = sentence.root
    if root.pos_ != "NOUN" or root.tag_ != "NNS" or ctx.lexicon.reporting_verbs.get(root.lemma_.lower()) != "dispute":
        return
    speaker = next((ctx.key_at(block, t) for t in root.lefts if ctx.key_at(block, t)), None)
    if speaker:
        yield StatementCandidate(speaker=speaker, content=sentence.text, quote=None, block=block, span=sent_span,
                                 dispute=True, disputes_hint="previous")


def _claim_nouns(ctx: ArticleContext, block: int, sentence: Span, sent_span) -> Iterator[StatementCandidate]:
    """"Rolls-Royce's defence that the engines had been serviced": a statement by the noun's owner."""
    for noun in _within(nominals(sentence.doc), sentence):
        kind = (ctx.lexicon.claim_nouns or {}).get(noun.lemma_.lower())
        if kind is None or noun.pos_ != "NOUN":
            continue
        nearby = list(noun.children) + [c for c in noun.head.head.children if c.dep_ == "ccomp"
                                         and c.left_edge.i == noun.i + 1]  # the clause hung on the verb
        clause = next((c for c in nearby if c.dep_ in ("acl", "ccomp", "appos")
                       and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if clause is None or owner is None:
            continue
        speaker = ctx.actor_in(block, owner, max_depth=2)
        if speaker is None:
            continue
        yield StatementCandidate(speaker=speaker, content=_subtree_text(clause), quote=None, block=block,
                                 span=sent_span, date=_sentence_date(ctx, block, sentence, said=_token_range(clause)),
                                 dispute=kind == "dispute", disputes_hint="previous" if kind == "dispute" else None)


def _person_subject(ctx: ArticleContext, block: int, sentence: Span, quote: Span) -> str | None:
    """A quote in a sentence with no reporting verb ("CEO X extended an invitation: '...'") is the
    words of the person the sentence outside the quote is about, when a subject there is a person."""
    def outside(token: Token) -> bool:
        return not quote.start - 1 <= token.i <= quote.end
    for token in sentence:
        if token.dep_ in ("nsubj", "nsubjpass") and outside(token) and outside(token.head):
            key = ctx.actor_in(block, token, max_depth=2)
            if key:
                return key if key.startswith("person/") else None
    return None


def embedded_posts(ctx: ArticleContext) -> Iterator[StatementCandidate]:
    """"— Name (@handle) June 22, 2021" closes an embedded post: the lines above it are its text."""
    for index, block in enumerate(ctx.blocks):
        match = signature(block.line)
        if not match or block.offset != block.line_start:
            continue
        name_end = block.line_start + match.end("name")
        speaker = None
        for m_index, m in enumerate(ctx.resolution.mentions):
            if m.block == index and m.start < name_end + len(match.group("handle")) + 3 and m.is_actor:
                speaker = ctx.resolution.key_of.get(m_index)
                if speaker:
                    break
        previous = index - 1
        if previous < 0 or not ctx.is_content(previous):
            continue
        body = ctx.blocks[previous]
        text = ctx.lexicon.strip_spans(_LINK.sub("", body.line))
        if body.line.find(text) < 0:
            text = _LINK.sub("", body.line).strip()
        if not text:
            continue
        published = dates.normalize(match.group("date"), ctx.published)
        yield StatementCandidate(speaker=speaker, content=text, quote=text, block=previous,
                                 span=(body.line_start, body.line_start + len(text)), date=published)


def _quote_context(quote: Span) -> Span:
    """The sentences a quote runs through, and the one its closing mark is in: "A. B," X said."""
    doc = quote.doc
    end = doc[quote.end].sent.end if quote.end < len(doc) else quote.sent.end
    return doc[quote.sent.start:max(end, quote.sent.end)]


def _follows(previous_end: int, quote: Span) -> bool:
    """A quote opening the sentence after an attributed one, with nothing but its attribution between."""
    return quote.start > previous_end and quote.sent.start >= previous_end - 1 and \
        quote.doc[quote.sent.start:quote.start].text.strip() in ("", "\"", "\u201c")


def _reporting_verb(ctx: ArticleContext, sentence: Span, exclude: Span) -> Token | None:
    options = [t for t in sentence if t.pos_ == "VERB" and ctx.lexicon.reporting_verbs.get(t.lemma_.lower())
               and not (exclude.start <= t.i < exclude.end)]
    if not options:
        return None
    return min(options, key=lambda t: min(abs(t.i - exclude.start), abs(t.i - exclude.end)))


def _speaker_of_verb(ctx: ArticleContext, block: int, verb: Token) -> str | None:
    speakers = speakers_of_verb(ctx, block, verb)
    return speakers[0] if speakers else None


def speakers_of_verb(ctx: ArticleContext, block: int, verb: Token) -> list[str]:
    """Who says it: the subject, each conjunct on its own ("Congo and the UN accuse ..."); of a
    passive verb, who it is done by ("Boeing was challenged by Lockheed" is Lockheed's saying)."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.dep_ == "nsubjpass":
        subject = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if subject is None:
            return []
    if subject is None and (verb.dep_ in ("relcl", "conj", "xcomp") or (verb.dep_ == "advcl" and verb.tag_ == "VBG")):
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)  # "..., alleging fraud"
    if subject is None:
        return []
    found = [_speaker(ctx, block, part) for part in list_members(subject)]
    return list(dict.fromkeys(k for k in found if k))


def _speaker(ctx: ArticleContext, block: int, subject: Token) -> str | None:
    if subject.lemma_.lower() in DOCUMENT_NOUNS:
        return _document_owner(ctx, block, subject)
    person = person_named_by(ctx, block, subject)
    if person:
        return person
    return ctx.actor_in(block, subject, max_depth=3) or ctx.acting_country(block, subject, capitals=True)


def person_named_by(ctx: ArticleContext, block: int, noun: Token) -> str | None:
    """The person a role noun stands for, named in its phrase: "the finance director of Skoda, Petr
    Novak, said", "X's leader, Y, said", "the head of the mission, Z, told reporters" (however the
    parser hung the name), else None."""
    if not _names_a_person(ctx, noun):
        return None
    named = [t for c in noun.children if c.dep_ == "appos" for t in c.subtree]
    return next((k for t in [*named, *noun.subtree] if (k := ctx.key_at(block, t) or "").startswith("person/")), None)


def _names_a_person(ctx: ArticleContext, noun: Token) -> bool:
    """A title or a role noun ("general secretary", "spokesman"): the speaker is the person it names."""
    lemma = noun.lemma_.lower()
    return (noun.pos_ == "NOUN" and (lemma in ctx.lexicon.titles or noun.lower_ in ctx.lexicon.titles
                                     or ctx.lexicon.agent_nouns.get(lemma, ("",))[0] == "Person"))


def _document_owner(ctx: ArticleContext, block: int, document: Token) -> str | None:
    """"a post on the group's page from X" -> X; "a statement by X" -> X; "X's statement" -> X.
    What a clause on the document mentions ("the army's statement rejecting Y's account") is
    not its author."""
    tokens = _without_clauses(document)
    for tok in tokens:
        if tok.dep_ in ("prep", "agent") and tok.lower_ in ("from", "by"):
            for pobj in tok.children:
                key = ctx.actor_in(block, pobj, max_depth=2)
                if key:
                    return key
    owner = next((c for c in document.children if c.dep_ == "poss"), None)
    if owner is not None and ctx.actor_in(block, owner, max_depth=2):
        return ctx.actor_in(block, owner, max_depth=2)
    person = next((ctx.key_at(block, t) for t in tokens if (ctx.key_at(block, t) or "").startswith("person/")), None)
    return person or ctx.actor_in(block, document, max_depth=4)


def _without_clauses(token: Token) -> list[Token]:
    """A noun's phrase without the clauses hanging from it, but with its passive participle
    ("a statement released by X", "the case, brought by X")."""
    out, stack = [], [token]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(c for c in current.children if c.dep_ not in ("acl", "relcl", "advcl", "ccomp")
                     or (c.dep_ == "acl" and c.tag_ == "VBN"))
    return sorted(out, key=lambda t: t.i)


def _according_to(ctx: ArticleContext, block: int, sentence: Span) -> str | None:
    if "ccording" not in sentence.text:
        return None
    for token in sentence:
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
            prep = token.doc[token.i + 1]
            for pobj in prep.children:
                if pobj.lemma_.lower() in DOCUMENT_NOUNS:
                    return _document_owner(ctx, block, pobj)
                return ctx.actor_in(block, pobj, max_depth=4)
    return None


def _without_attribution(sentence: Span) -> str:
    text = sentence.text
    cut = re.split(r",?\s*according to\b", text, maxsplit=1, flags=re.I)[0].strip()
    return cut or text


def _said_text(complement: Token) -> str:
    said = _token_range(complement)
    return complement.doc[said.start:said.stop].text


def _subtree_text(token: Token) -> str:
    tokens = list(token.subtree)
    return token.doc[tokens[0].i:tokens[-1].i + 1].text


def _sentence_date(ctx: ArticleContext, block: int, sentence: Span, *, said: range) -> str | None:
    """When the words were said: a date in the sentence outside what was said ("X said on
    Friday that ..."); a date inside it ("... that the deal closes on May 3") dates its content."""
    for ent in sentence.ents:
        if ent.label_ in dates.LABELS and not any(t.i in said for t in ent):
            value = dates.normalize(ent.text, ctx.published)
            if value:
                return value
    return None


def _token_range(token: Token) -> range:
    """What a complement says: from its "that" or its subject on ("said on Friday [it had ...]":
    the small model hangs the reporting verb's date on the complement)."""
    return range(said_start(token), token.right_edge.i + 1)


def _dispute_hint(ctx: ArticleContext, block: int, complement: Token | None) -> str | None:
    if complement is None:
        return "previous"
    key = ctx.actor_in(block, complement, max_depth=3)
    return key or ("words" if ctx.names_a_decision(complement) else "previous")  # "rejected the proposal"


def from_events(ctx: ArticleContext, events) -> Iterator[StatementCandidate]:
    """Verbal events (appeals, rejections, statements) are also statements by their agent; one
    told inside a document that speaks ("the army's statement rejecting X said ...") is that
    document's statement."""
    for event in events:
        if event.type not in _COMMUNICATION or not event.agents or event.modality in ("negated", "hypothetical", "future"):
            continue  # "a possibility of X challenging the decision": X has said nothing yet
        verb = _speaking_verb(ctx, event)
        reciprocal = bool(_RECIPROCAL.search(event.clause_text)) and len(event.agents) > 1
        trigger = ctx.blocks[event.block].doc[event.trigger_index]
        denied = next((c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")), None) \
            if event.type == "Rejection" else None
        hint = "reciprocal" if reciprocal else (event.targets[0] if event.targets else
                                                "words" if ctx.names_a_decision(denied) else "previous")
        medium = event.type == "PublicStatement" and _medium_of_saying(ctx, trigger)
        span = (ctx.blocks[event.block].offset + trigger.sent.start_char,
                ctx.blocks[event.block].offset + trigger.sent.end_char) if medium else event.span
        for agent in event.agents:  # "Congo and the UN accuse ...": each of them says so
            yield StatementCandidate(speaker=agent, content=event.clause_text, quote=None, block=event.block,
                                     span=span, date=event.date, about=[event.key], medium=medium,
                                     verb=verb, disputed_words=_object_words(ctx, denied) if denied is not None else (),
                                     dispute=event.type == "Rejection" or reciprocal,
                                     disputes_hint=hint if event.type == "Rejection" or reciprocal else None)
