"""What a saying does (kg.extract.acts): the candidates the speech-acts model chooses among, on
invented sentences."""
from tests.extract.helpers import events_of, key_of
from tests.extract.test_slots import _trace


def _acts(trace, sentence_word):
    """The act candidates of the saying in the sentence holding ``sentence_word``, by act."""
    c, candidates = next((c, a) for c, a in trace.acts if sentence_word in c.trigger_token.sent.text)
    return {a.value: a.features for a in candidates}


def test_every_act_is_a_candidate_and_the_words_said_are_its_evidence(nlp, lexicon):
    trace = _trace(nlp, lexicon, "Raid row\nThe foreign ministry said on Monday that the raid was a violation of "
                   "its sovereignty. The army said the report was false. The mayor said he welcomed the "
                   "ruling.", "2024-03-12")
    violation = _acts(trace, "violation")
    assert {"PublicStatement", "Condemnation", "Rejection", "Praise", "Appeal", "Threat", "Pledge"} <= set(violation)
    assert violation["Condemnation"]["cue_of_act"] > 0 and "cue_of_act" not in violation["Rejection"]
    assert violation["PublicStatement"]["src=rule"] == 1.0  # the rules left it a plain saying
    assert _acts(trace, "false")["Rejection"]["cue=Rejection&act=Rejection"] == 1.0
    assert _acts(trace, "welcomed")["Praise"]["cue_of_act"] > 0


def test_what_the_grammar_of_the_saying_tells_is_evidence(nlp, lexicon):
    trace = _trace(nlp, lexicon, "Bridge\nThe ministry said it would rebuild the bridge. The union said the "
                   "government should resign. The company said it had not cut jobs.", "2024-03-12")
    assert "commits&act=Pledge" in _acts(trace, "rebuild")["Pledge"]
    assert "obliges&act=Appeal" in _acts(trace, "resign")["Appeal"]
    assert "negated&act=Rejection" in _acts(trace, "cut jobs")["Rejection"]


def test_the_trained_model_makes_a_dated_saying_that_rejects_a_claim_a_rejection(nlp, lexicon, settings):
    from kg import nlp as nlp_module
    from kg import score
    from kg.extract import extract
    from kg.model import Article

    text = ("Report denied\nThe army said on Monday that the report of civilian deaths was false, baseless and "
            "fabricated. The ministry said on Monday that the new road would open in May.")
    article = Article(key="acts", text=text, title="Report denied", published="2024-03-12", source="test")
    x = extract(article, list(nlp_module.parse(article, nlp)), lexicon, score.load(settings.models_dir))
    assert [e.agents for e in events_of(x, "Rejection")] == [(key_of(x, "army"),)]
    assert all(e.agents != (key_of(x, "army"),) for e in events_of(x, "PublicStatement"))
    assert [e.agents for e in events_of(x, "PublicStatement")] == [(key_of(x, "ministry"),)]  # a plain saying
