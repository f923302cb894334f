"""What a saying does: the speech act of a verb of saying, proposed as one candidate per act.

"X said the raid was a violation of its sovereignty" is a condemnation, "X said the report was
false" a rejection, "X said it would rebuild the bridge" a pledge; the verb is the same. Each act a
saying may be (a statement, a condemnation, a rejection, a threat or warning, an appeal, a praise,
a pledge, a demand, an apology) is a candidate described by what was said: the cue words of each
act it holds (data/lexicons/speech_acts.csv, stance_words.csv), its modals and negation, the verb
of saying, and the class the rules gave it. The speech-acts model (kg.score) chooses among them.
Pure: no model, no RDF.
"""
from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import ArticleContext
from kg.extract.events import COMMITTING_AUX, SELF_PRONOUNS, EventCandidate, subject_of
from kg.extract.slots import SlotCandidate

#: The class of a plain saying: the candidates are it and the classes speech_acts.csv names.
SAYING = "PublicStatement"


def is_saying(c: EventCandidate) -> bool:
    """Whether a candidate is told by a verb of saying, whatever the rules made of it since."""
    return c.lexicon_type == SAYING and c.trigger_token.pos_ in ("VERB", "AUX")


def act_candidates(c: EventCandidate, ctx: ArticleContext) -> list[SlotCandidate]:
    """One candidate per act the saying may be, each with the same evidence seen from that act."""
    said = _said_words(c.trigger_token)
    cues = _cues(said, ctx)
    traits = _traits(c.trigger_token, said)
    verb = c.trigger_token.lemma_.lower()
    acts = sorted({SAYING, *ctx.lexicon.speech_acts.values()})
    out = []
    for act in acts:
        f = {"bias": 1.0, f"act={act}": 1.0, f"verb={verb}&act={act}": 1.0}
        if act == c.type:
            f["src=rule"] = 1.0  # "said it would": the rules made it a pledge
            f[f"src=rule&act={act}"] = 1.0
        if cues.get(act):
            f["cue_of_act"] = min(cues[act], 3) / 3  # a word of this act, whichever the act
            f[f"cue_of_act&act={act}"] = 1.0
        for cue_act in cues:
            f[f"cue={cue_act}&act={act}"] = 1.0
        if not cues:
            f[f"no_cue&act={act}"] = 1.0
        for trait in traits:
            f[f"{trait}&act={act}"] = 1.0
        out.append(SlotCandidate(act, f))
    return out


def _said_words(verb: Token) -> list[Token]:
    """The words of the sentence that are not the saying itself nor who says it: what was said."""
    subject = subject_of(verb)
    speaker = {t.i for t in subject.subtree} if subject is not None else set()
    return [t for t in verb.sent if t.i != verb.i and t.i not in speaker and not t.is_punct]


def _cues(said: list[Token], ctx: ArticleContext) -> dict[str, int]:
    """How many cue words of each act what was said holds."""
    counts: dict[str, int] = {}
    lexicon = ctx.lexicon
    for t in said:
        act = lexicon.speech_acts.get(t.lemma_.lower()) or lexicon.speech_acts.get(t.lower_) \
            or lexicon.stance_words.get(t.lemma_.lower())
        if act:
            counts[act] = counts.get(act, 0) + 1
    return counts


def _traits(verb: Token, said: list[Token]) -> list[str]:
    """What the grammar of what was said tells: the speaker commits itself ("it would"), someone is
    told what to do ("should", "must"), it is denied ("not"), or it is quoted."""
    traits = []
    clause = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp")), None)
    if clause is not None:
        auxes = {c.lower_ for c in clause.children if c.dep_ == "aux"}
        subject = subject_of(clause)
        if auxes & COMMITTING_AUX and subject is not None and subject.lower_ in SELF_PRONOUNS:
            traits.append("commits")
        if auxes & {"should", "must"}:
            traits.append("obliges")
        if any(c.dep_ == "neg" for c in clause.children):
            traits.append("negated")
    if any(t.text in ('"', "“", "”") for t in verb.sent):
        traits.append("quoted")
    if not said:
        traits.append("nothing_said")
    return traits
