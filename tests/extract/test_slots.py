"""Where and when (kg.extract.slots): candidates across the article, and the trained choice."""
from kg.extract import slots
from kg.score import LinearModel
from tests.extract.helpers import events_of, key_of


def _trace(nlp, lexicon, text, published):
    from kg import nlp as nlp_module
    from kg.extract import Trace, extract
    from kg.ingest import article_key
    from kg.model import Article

    article = Article(key=article_key(None, text), text=text, title=text.split("\n", 1)[0], published=published,
                      source="test")
    trace = Trace()
    extract(article, list(nlp_module.parse(article, nlp)), lexicon, trace=trace)
    return trace


TEXT = ("Gunmen attack village\nGunmen attacked the village of Marvane in Dorsia province on Monday, killing "
        "four farmers. Hundreds of residents fled after the shooting. The governor later visited Nairobi.")


def test_place_candidates_come_from_the_sentence_the_sentence_before_the_lede_and_the_headline(nlp, lexicon):
    trace = _trace(nlp, lexicon, TEXT, "2024-05-08")
    (fled, places), = [(e, p) for e, p in trace.places if e.trigger == "fled"]
    sources = {c.value: {f for f in c.features if f.startswith("src=") and "&" not in f} for c in places}
    marvane = next(k for k in sources if "marvane" in k)
    assert sources[marvane] == {"src=previous_sentence", "src=lede", "src=incident"}  # its own sentence names no
    # place; "the shooting", told beside the flight, retells the attack in the lede
    assert not any("nairobi" in k for k in sources)  # a later, unrelated sentence offers nothing
    (visit, places), = [(e, p) for e, p in trace.places if e.trigger == "visited"]
    assert any("nairobi" in c.value and c.features.get("src=sentence") for c in places)


def test_an_event_told_beside_another_is_offered_the_places_of_that_ones_retellings(nlp, lexicon):
    trace = _trace(nlp, lexicon, "Raid\nFighters raided a market on Monday, wounding 12 traders. The army sent "
                                 "troops. Residents said the raid on the market in Kalamo town lasted three hours.", "2024-05-08")
    (wounding, places), = [(e, p) for e, p in trace.places if e.trigger == "wounding"]
    raid = next(e for e, _ in trace.places if e.trigger == "raided")
    assert len(raid.candidates) == 2  # "the raid" retells it
    kalamo = next(c for c in places if "kalamo" in c.value)
    assert kalamo.features.get("src=incident") == 1.0 and kalamo.features.get("incident_prep=in") == 1.0
    assert not kalamo.features.get("src=sentence")  # its own sentence names no place


def test_the_place_the_story_was_last_in_is_offered_to_later_events(nlp, lexicon):
    trace = _trace(nlp, lexicon, "Raid\nFighters stormed the town of Kalamo in Dorsia province on Monday. Two "
                                 "villages were emptied. Residents fled north. Witnesses said the fighters looted "
                                 "grain and set fire to the market.", "2024-05-08")
    (looted, places), = [(e, p) for e, p in trace.places if e.trigger == "looted"]
    offered = {c.value for c in places if c.features.get("src=named_last")}
    assert len(offered) == 1 and "dorsia" in offered.pop()  # the last named, two sentences or more before
    assert not any(c.features.get("src=named_last") for e, p in trace.places if e.trigger == "stormed" for c in p)


def test_date_candidates_include_the_publication_day_and_the_lede_date(nlp, lexicon):
    trace = _trace(nlp, lexicon, TEXT, "2024-05-08")
    (_, days), = [(e, d) for e, d in trace.dates if e.trigger == "fled"]
    found = {c.value: c.features for c in days}
    assert found["2024-05-08"]["src=published"] == 1.0
    assert found["2024-05-06"]["src=lede"] == 1.0 and found["2024-05-06"]["grain=day"] == 1.0


def test_a_day_that_dates_another_noun_is_told_so(nlp, lexicon):
    trace = _trace(nlp, lexicon, "Markets\nThe Varna index recovered from yesterday's fall with a 10% increase.",
                   "2008-10-09")
    (_, days), = [(e, d) for e, d in trace.dates if e.trigger == "recovered"]
    found = {c.value: c.features for c in days}
    assert found["2008-10-08"]["dates_another_noun"] == 1.0  # the fall's day, not the recovery's


def test_each_source_of_a_place_or_date_is_also_told_with_the_family_of_the_event(nlp, lexicon):
    trace = _trace(nlp, lexicon, TEXT, "2024-05-08")
    (_, days), = [(e, d) for e, d in trace.dates if e.trigger == "attacked"]
    assert days[0].features.get("src=lede&family=ConflictEvent") == 1.0  # a report's day dates markets, not raids
    (_, places), = [(e, p) for e, p in trace.places if e.trigger == "attacked"]
    assert any(c.features.get("src=sentence&family=ConflictEvent") for c in places)


def test_a_place_in_what_the_event_is_done_to_is_told_apart_from_one_it_happens_in(nlp, lexicon):
    trace = _trace(nlp, lexicon, "Rebels seize town\nRebels captured the town of Marvane near Kelto on Monday. "
                                 "Four farmers were killed in Dorsia on Tuesday.", "2024-05-08")
    (_, places), = [(e, p) for e, p in trace.places if e.trigger == "captured"]
    marvane = next(c for c in places if "marvane" in c.value and c.features.get("src=sentence"))
    assert marvane.features.get("in_object") == 1.0  # "captured the town of Marvane"
    (_, places), = [(e, p) for e, p in trace.places if e.trigger == "killed"]
    dorsia = next(c for c in places if "dorsia" in c.value and c.features.get("src=sentence"))
    assert dorsia.features.get("on_trigger") == 1.0 and not dorsia.features.get("in_object")


def test_the_town_stands_for_the_town_named_before_and_offers_it_as_a_place(nlp, lexicon):
    trace = _trace(nlp, lexicon, "Rebels seize town\nRebels captured the town of Marvane on Monday. Officials "
                                 "said hundreds of residents fled the town overnight.", "2024-05-08")
    (_, places), = [(e, p) for e, p in trace.places if e.trigger == "fled"]
    marvane = next(c for c in places if "marvane" in c.value)
    assert marvane.features.get("src=sentence") == 1.0  # its own sentence says "the town"
    (referents,) = trace.ctx.place_referents.values()
    assert [(noun.text, key) for noun, key in referents] == [("town", marvane.value)]


def test_choose_takes_the_most_probable_candidate_over_the_threshold_else_none():
    model = LinearModel("places", {"src=lede": 2.0, "src=headline": -1.0}, 0.0, (1.0, 0.0), 0.5)
    lede = slots.SlotCandidate("place/a", {"src=lede": 1.0})
    headline = slots.SlotCandidate("place/b", {"src=headline": 1.0})
    value, p = slots.choose([headline, lede], model, 0.5)
    assert value == "place/a" and 0.88 < p < 0.89
    assert slots.choose([headline], model, 0.5) == (None, None)


def test_the_trained_models_give_the_told_event_a_place_and_a_date_with_confidences(nlp, lexicon, settings):
    from kg import nlp as nlp_module
    from kg import score
    from kg.extract import extract
    from kg.model import Article

    article = Article(key="slots", text=TEXT, title=TEXT.split("\n", 1)[0], published="2024-05-08", source="test")
    x = extract(article, list(nlp_module.parse(article, nlp)), lexicon, score.load(settings.models_dir))
    attack = next(e for e in events_of(x, "Attack") if e.date)
    assert attack.date == "2024-05-06"
    by_role = {role: (value, p) for role, value, p in attack.role_confidence}
    assert by_role["date"] == ("2024-05-06", by_role["date"][1]) and 0 < by_role["date"][1] <= 1
    assert attack.place is None or attack.place == by_role["place"][0]
    assert by_role["agent"][0] == key_of(x, "Gunmen")


def test_statements_carry_the_statements_models_confidence(nlp, lexicon, settings):
    from kg import nlp as nlp_module
    from kg import score
    from kg.extract import extract
    from kg.model import Article

    text = ("Port talks\nThe harbour authority said on Monday that the strike had ended. \"We are back at work,\" "
            "union leader Mara Kessel told reporters.")
    article = Article(key="said", text=text, title="Port talks", published="2024-05-08", source="test")
    x = extract(article, list(nlp_module.parse(article, nlp)), lexicon, score.load(settings.models_dir))
    assert x.statements and all(0 < s.confidence <= 1 for s in x.statements)
    quoted = next(s for s in x.statements if s.quote)
    assert quoted.quote.startswith("We are back at work")


def test_the_lede_event_is_offered_the_date_of_the_sentence_after_it_and_no_later_event_is(nlp, lexicon):
    text = ("Blast at fertiliser plant\nAn explosion at a fertiliser plant in Verlo killed five workers, officials "
            "said. The blast happened late on Friday during a night shift. Unions called a strike on Tuesday. "
            "The plant will stay shut.")
    trace = _trace(nlp, lexicon, text, "2024-05-12")  # a Sunday
    sources = {e.trigger: {c.value: c.features for c in days} for e, days in trace.dates}
    assert sources["killed"]["2024-05-10"].get("src=next_sentence") == 1.0
    assert not any(f.get("src=next_sentence") for f in sources["strike"].values())


def test_a_dateline_and_a_retelling_in_the_next_sentence_offer_places(nlp, lexicon):
    text = ("Post overrun\nBAMAKO\nRebels attacked an army post on Monday. The assault took place near Marvane "
            "village, residents said. The governor later travelled to Nairobi.")
    trace = _trace(nlp, lexicon, text, "2024-05-08")
    (_, places), = [(e, p) for e, p in trace.places if e.trigger == "attacked"]
    sources = {c.value: {f for f in c.features if f.startswith("src=") and "&" not in f} for c in places}
    assert any("bamako" in k and "src=dateline" in s for k, s in sources.items())
    assert any("marvane" in k and "src=next_sentence" in s for k, s in sources.items())  # "the assault" tells it again
    assert not any("nairobi" in k for k in sources)  # two sentences on, about something else


def test_the_lede_after_its_dateline_offers_the_next_sentences_day_and_a_sayings_day_is_marked(nlp, lexicon):
    text = ("Base attacked\nBogota (AFP) - Two soldiers were killed when rebels attacked an army base in Dorsia, the "
            "military said Sunday.\nThe assault on the base began late Saturday and lasted four hours.")
    trace = _trace(nlp, lexicon, text, "2025-07-20")
    (_, days), = [(e, d) for e, d in trace.dates if e.trigger == "killed"]
    found = {c.value: c.features for c in days}
    assert found["2025-07-19"].get("src=next_sentence")  # "the assault ... began late Saturday" tells when
    assert found["2025-07-20"].get("dates_the_saying")  # "said Sunday" dates the saying, not the killing
    (_, places), = [(e, p) for e, p in trace.places if e.trigger == "killed"]
    assert any("bogota" in c.value and c.features.get("src=dateline") for c in places)


def test_a_section_label_or_a_byline_above_the_lede_is_no_dateline(nlp, lexicon):
    text = ("Workers clash with police\nASIA\nBy JANE ROE Associated Press\nPolice clashed with striking workers in "
            "the industrial town of Marvane on Wednesday, officials said.")
    trace = _trace(nlp, lexicon, text, "2025-05-22")
    (_, places), = [(e, p) for e, p in trace.places if e.trigger == "clashed"]
    assert not any(c.features.get("src=dateline") for c in places)


def test_a_clause_that_dates_itself_is_not_dated_by_the_lede(extract_text):
    x = extract_text("Water dispute\nOfficials from Tajikistan and Kazakhstan met on Tuesday in Dushanbe to discuss "
                     "water. Last month, several hundred farmers in southern Kazakhstan blocked a highway for four "
                     "hours. Last week, herders protested in Osh.", "2023-06-14")
    dates = sorted(e.date for e in x.events if e.type == "Protest")
    assert dates == ["2023-05", "2023-06"]  # the month before; the week of June 5 to 11


def test_the_day_a_future_deal_was_announced_is_the_last_such_day_not_the_next(nlp, lexicon):
    trace = _trace(nlp, lexicon, "Deal\nVarnoth announced on Friday that it will buy the rest of Zentra Air.",
                   "2011-05-29")  # a Sunday
    (_, days), = [(e, d) for e, d in trace.dates if e.trigger == "buy"]
    saying = [c.value for c in days if c.features.get("dates_the_saying")]
    assert saying == ["2011-05-27"]  # not 2011-06-03


def test_the_place_opening_the_name_of_a_court_that_acts_is_offered_as_its_seat(nlp, lexicon):
    trace = _trace(nlp, lexicon, "Mayor jailed\nThe Varna Court of Appeal on Tuesday sentenced Ivan Petrov, the former "
                   "mayor, to five years in prison. Petrov was arrested in the city of Varna in 2022.", "2024-05-08")
    (_, places), = [(e, p) for e, p in trace.places if e.type == "Sentencing"]
    seat = next(c for c in places if "varna" in c.value)
    assert "src=seat" in seat.features


def test_a_date_a_change_is_compared_with_is_offered_for_no_event(nlp, lexicon):
    trace = _trace(nlp, lexicon, "Sales slump\nVarnoth Motors said on Thursday its sales in Dorsia dropped 23% in "
                                 "March compared to March of 2008. Profit was lower than in 2019.", "2009-04-03")
    offered = {c.value for _, days in trace.dates for c in days}
    assert "2009-03" in offered and "2008-03" not in offered and "2019" not in offered


def test_a_day_between_a_reporting_verb_and_what_it_reports_is_the_sayings_not_the_next_such_day(nlp, lexicon):
    trace = _trace(nlp, lexicon, "Plants to shut\nVarnoth Breweries said on Monday it would close two plants.",
                   "2026-12-01")  # a Tuesday
    (_, days), = [(e, d) for e, d in trace.dates if e.trigger == "close"]
    monday = {c.value: c.features for c in days}
    assert "2026-11-30" in monday and "2026-12-07" not in monday  # the parser hangs "on Monday" on "close"
    assert monday["2026-11-30"].get("dates_the_saying") == 1.0
