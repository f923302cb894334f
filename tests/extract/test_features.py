"""What the events model is told about a trigger (kg.extract.features), on invented sentences."""
from tests.extract.test_slots import _trace


def _features(trace, trigger):
    return next(f for c, f in trace.events if c.trigger_token.text == trigger)


def test_the_verb_a_trigger_hangs_on_is_a_feature(nlp, lexicon):
    trace = _trace(nlp, lexicon, "Ardala shooting\nThe shooting took place late Sunday in Ardala. Two men were "
                   "killed in an ambush near the bridge. Rebels tried to storm the base.", "2024-03-12")
    assert _features(trace, "shooting")["gov=nsubj:take"] == 1.0  # "took place" asserts it
    assert _features(trace, "ambush")["gov=in:kill"] == 1.0
    assert _features(trace, "storm")["gov=xcomp:try"] == 1.0


def test_the_occasion_of_a_saying_is_a_feature(nlp, lexicon):
    trace = _trace(nlp, lexicon, "Talks end\nThe minister told reporters after the talks that the deal "
                   "would hold. Her deputy said the ceasefire had failed.", "2024-03-12")
    told, said = _features(trace, "told"), _features(trace, "said")
    assert told["say_prep=after"] == 1.0 and told["say_at_event"] == 1.0
    assert not any(k.startswith("say_") for k in said)  # said where? the text does not say


def test_telling_the_press_somewhere_is_told_apart_from_telling_an_agency(nlp, lexicon):
    trace = _trace(nlp, lexicon, "Clashes\nColonel Ruben Oyola told reporters in Popayan that the attack had "
                   "failed. A police officer told Reuters that two soldiers had died.", "2024-03-12")
    at_the_scene, sourcing = _features(trace, "told"), next(f for c, f in trace.events
                                                            if c.trigger_token.text == "told" and "Reuters" in
                                                            c.trigger_token.sent.text)
    assert at_the_scene.get("target_media&occasion") == 1.0 and at_the_scene.get("say_prep=in") == 1.0
    assert sourcing.get("target_media&no_occasion") == 1.0  # sourcing, mostly no happening


def test_what_the_clause_tells_is_also_a_feature_joined_with_the_family_of_the_event(nlp, lexicon):
    trace = _trace(nlp, lexicon, "Markets\nShares in Halvorsen Group fell 3% on Monday. Rebels attacked a convoy "
                   "near Ardala.", "2024-03-12")
    attacked = _features(trace, "attacked")
    assert attacked["has_agent&family=ConflictEvent"] == 1.0 and attacked["pos=VERB&family=ConflictEvent"] == 1.0
    assert not any(k.endswith("family=MarketEvent") for k in attacked)
    assert any(k.endswith("&family=MarketEvent") for k in _features(trace, "fell"))


def test_the_kind_of_each_actor_is_joined_with_the_family_of_the_event(nlp, lexicon):
    trace = _trace(nlp, lexicon, "Tanker deal\nRebels attacked a convoy near Ardala. That contract was fought for "
                   "between Halvorsen Group and Kivu Aerospace Corp.", "2024-03-12")
    assert _features(trace, "attacked")["agent_kind=armedgroup&family=ConflictEvent"] == 1.0
    fought = _features(trace, "fought")
    assert fought["agent_kind=organization&family=ConflictEvent"] == 1.0  # a company fights no armed clash
    assert fought["rule:figurative"] == 1.0  # and what was fought for is a contract
