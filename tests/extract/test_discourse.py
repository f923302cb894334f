"""What the article as a whole gives its events (kg/extract/discourse.py): roles, dates and places
told in other sentences, and the same event told twice merged, on sentences not from the sample."""
import pytest

from tests.extract.helpers import events_of, key_of

pytestmark = pytest.mark.model


def test_two_sales_with_different_buyers_stay_two_events(extract_text):
    x = extract_text("Brand history\nFord bought Jaguar in 1989 and sold it to Tata Motors in 2008.", "2008-06-02")
    deals = events_of(x, "Acquisition")
    assert {e.agents for e in deals} == {(key_of(x, "Ford"),), (key_of(x, "Tata Motors"),)}
    assert all(not set(e.participants) & set(e.agents) for e in deals)


def test_a_definite_event_noun_by_another_agent_is_another_event(extract_text):
    x = extract_text("Airlines order jets\nKorean Air bought 20 Dreamliners earlier this month. Aeroflot has "
                     "negotiated the purchase of 22 new Boeing 787 Dreamliners.", "2009-12-16")
    orders = [e for e in x.events if e.type in ("Order", "Acquisition")]
    assert {a for e in orders for a in e.agents} >= {key_of(x, "Korean Air"), key_of(x, "Aeroflot")}
    assert all(len(e.agents) == 1 for e in orders)  # not one purchase by both


def test_rejecting_an_event_told_earlier_targets_its_author(extract_text):
    x = extract_text("Ceasefire call\nThe African Union on Monday called for an immediate ceasefire in the region. "
                     "On Tuesday, Kenya's foreign ministry released a statement rejecting the AU resolution.",
                     "2019-04-10")
    union = key_of(x, "African Union")
    (rejection,) = events_of(x, "Rejection")
    assert rejection.targets == (union,)
    statements = events_of(x, "PublicStatement")
    assert statements and all(s.targets == (union,) for s in statements)


def test_an_undated_event_right_after_a_dated_one_by_the_same_agent_happened_then(extract_text):
    x = extract_text("Ruling\nThe tribunal on March 3 rejected the first claim. The tribunal upheld the appeal.",
                     "2015-03-20")
    (ruling,) = [e for e in x.events if e.trigger.startswith("upheld")]
    assert ruling.date == "2015-03-03"


def test_what_an_agent_also_did_is_dated_like_the_first(extract_text):
    x = extract_text("Shake-up\nVolvo today named Eva Lind as its chief executive. Lind has worked at the "
                     "company since 1999. She studied in Oslo. Volvo also named Peter Holm as its chairman.",
                     "2016-04-12")
    appointments = events_of(x, "Appointment")
    assert len(appointments) == 2 and {e.date for e in appointments} == {"2016-04-12"}


def test_a_stoppage_to_protest_earlier_cuts_targets_who_made_them(extract_text):
    x = extract_text("Cuts\nSiemens has announced 6,000 job cuts. Employees staged a work stoppage on "
                     "Friday to protest the cuts.", "2014-05-09")
    (strike,) = events_of(x, "LaborStrike")
    assert strike.targets == (key_of(x, "Siemens"),)
    assert all(e.targets == (key_of(x, "Siemens"),) for e in events_of(x, "Protest"))  # "to protest the cuts"


def test_an_event_happened_where_the_clause_tied_to_it_says(extract_text):
    x = extract_text("Front\nGOMA, Feb 13 (Reuters) - At least 14 soldiers were killed on Monday when rebels "
                     "attacked army positions around the town of Kalehe.", "2024-02-13")
    (killing,) = events_of(x, "Killing")
    assert killing.place == key_of(x, "Kalehe")
    assert all(key_of(x, "Reuters") not in e.agents for e in x.events)


def test_victims_counted_make_an_event_and_two_verbs_two_acts(extract_text):
    x = extract_text("Raid\nSix truck drivers travelling with the convoy were abducted on Monday. Witnesses said the "
                     "fighters looted livestock and set fire to the market. A shell hit a house in the town of Kalehe, "
                     "in Masisi territory, killing at least 19 civilians.", "2024-11-20")
    (abduction,) = events_of(x, "Abduction")  # undated as well, it would anchor nothing (test_events.py)
    assert abduction.count == 6 and abduction.date == "2024-11-18"
    assert len(events_of(x, "PropertyDestruction")) == 2
    (killing,) = events_of(x, "Killing")
    assert killing.place == key_of(x, "Kalehe")


def test_a_count_alone_anchors_no_event(extract_text):
    """An event the text gives no actor, place, date or modality is nothing a graph can hold
    (the shapes refuse it), even with its victims counted."""
    x = extract_text("Raid\nSix trucks travelling with the convoy were seized.", "2024-11-20")
    assert x.events == ()
    x = extract_text("Raid\nSix truck drivers travelling with the convoy were abducted.", "2024-11-20")
    (abduction,) = events_of(x, "Abduction")  # the drivers are a collective: the event is done to them
    assert abduction.targets == (key_of(x, "truck drivers"),)


def test_a_day_earlier_counts_from_the_event_told_before(extract_text):
    x = extract_text("Ambush\nJihadists ambushed a convoy near Kaya on Tuesday. A day earlier, gunmen killed at least "
                     "eight civilians near Kaya.", "2025-03-13")
    (killing,) = events_of(x, "Killing")
    assert killing.date == "2025-03-10"


def test_a_week_later_in_a_clause_after_a_dated_one_counts_from_it(extract_text):
    x = extract_text("War update\nOn July 9, rebels attacked a base near Suarez, and a week later a military patrol "
                     "was ambushed near the town of Morales.", "2024-10-17")
    assert [e.date for e in x.events if e.trigger == "ambushed"] == ["2024-07-16"]  # not the other clause's July 9


def test_a_definite_assault_tells_again_the_raid_and_dates_it(extract_text):
    x = extract_text("Raid\nFighters from the Rapid Support Forces stormed a village in Gezira, killing at least 46 "
                     "people. The assault on the village of Wad Sharif began Monday afternoon.", "2024-11-20")
    (raid,) = events_of(x, "Raid")
    assert raid.date == "2024-11-18" and not events_of(x, "Attack")
    (killing,) = events_of(x, "Killing")
    assert killing.date == "2024-11-18"  # told in the raid's own sentence


def test_days_before_or_after_an_event_named_by_its_noun(extract_text):
    x = extract_text("Cuts\nSiemens said that it would axe 6,000 jobs. Its chief announced the company's move on "
                     "Wednesday. A day before the announcement, Siemens said it was cancelling a deal with "
                     "Alstom.", "2014-05-09")
    (announcement,) = events_of(x, "PublicStatement")
    assert announcement.date == "2014-05-07"
    (layoff,) = events_of(x, "Layoff")
    assert layoff.date == "2014-05-07"  # the move announced that day
    (cancelling,) = events_of(x, "Cancellation")
    assert cancelling.date == "2014-05-06"


def test_an_arrest_no_one_is_named_for_is_by_the_articles_one_police_force(extract_text):
    x = extract_text("Raid\nDorsia state police said on Monday that gunmen had robbed a bank. One suspect was arrested "
                     "early on Tuesday in the town of Marvane.", "2023-04-12")
    (arrest,) = events_of(x, "Arrest")
    assert arrest.agents == (key_of(x, "Dorsia state police"),)  # event_collectives.csv: Arrest, agent, COP


def test_people_hurt_in_the_attack_were_hurt_by_whoever_attacked(extract_text):
    x = extract_text("Bar attack\nGunmen stormed a bar in the town of Marvane on Sunday, killing nine people. Four "
                     "other people were wounded in the attack.", "2023-04-12")
    (injury,) = events_of(x, "Injury")
    assert injury.agents == (key_of(x, "gunmen"),)


def test_casualties_counted_on_are_of_the_same_side_hurt_by_the_same_hand(extract_text):
    x = extract_text("Clashes\nAt least 14 soldiers were killed by Kivu rebels near Marvane on Monday. Dozens more "
                     "were wounded on Monday. At least 31 protesters were killed and 107 others injured in Dorsia on "
                     "Tuesday.", "2023-04-12")
    injuries = {e.date: e for e in events_of(x, "Injury")}
    assert injuries["2023-04-10"].targets == (key_of(x, "soldiers"),)
    assert injuries["2023-04-10"].agents == (key_of(x, "Kivu rebels"),)
    assert injuries["2023-04-11"].targets == (key_of(x, "protesters"),) and not injuries["2023-04-11"].agents


def test_casualties_told_without_a_cause_after_an_attack_are_by_its_attackers(extract_text):
    x = extract_text("Village raid\nFighters of the Kivu Front shelled the village of Marvane on Monday, killing 12 "
                     "people. The assault lasted hours. The council said three children were among the dead and that "
                     "more than 40 people were wounded.", "2023-04-12")
    (injury,) = events_of(x, "Injury")
    (killing,) = events_of(x, "Killing")
    assert killing.agents and injury.agents == killing.agents


def test_casualties_with_their_own_cause_or_far_from_any_attack_have_no_attacker(extract_text):
    x = extract_text("Two stories\nFighters of the Kivu Front shelled the village of Marvane on Monday. Farmers sold "
                     "grain. Prices rose. The harvest was late. Rain fell. Six people were injured on Tuesday. Two "
                     "workers were hurt in a bus crash on Wednesday.", "2023-04-12")
    injuries = events_of(x, "Injury")
    assert injuries and not any(e.agents for e in injuries)


def test_shares_named_together_move_each_on_their_own(extract_text):
    x = extract_text("Markets\nShares of Halvorsen Group and Nordair Holdings both fell more than 4 percent on Monday. "
                     "Varna Air and Kivu Mining signed a deal on Tuesday.", "2023-04-12")
    moves = events_of(x, "MarketMove")
    movers = sorted(e.targets + e.themes for e in moves)
    assert movers == sorted([(key_of(x, "Halvorsen Group"),), (key_of(x, "Nordair Holdings"),)])
    assert all(e.date == "2023-04-10" for e in moves)
    (deal,) = events_of(x, "Agreement")  # two that sign one deal do it together
    assert len(deal.agents + deal.targets + deal.participants) == 2


def test_an_event_noun_takes_no_date_from_the_sentence_before(extract_text):
    x = extract_text("Farewell\nIvan Petrov unveiled the Orion phone in Sofia on March 3. In his resignation letter, "
                     "Petrov thanked the staff.", "2024-05-02")
    (launch,) = events_of(x, "ProductLaunch")
    (resignation,) = events_of(x, "Resignation")
    assert launch.date == "2024-03-03" and resignation.date is None


def test_an_order_that_names_no_product_is_of_the_article_s_one_product(extract_text):
    x = extract_text("New jet\nHalvorsen rolled out the K90 Skylark jet on Monday. Launch customer Nordair has "
                     "ordered 55. Varna Air bought 20 of the jets last month.", "2024-05-08")
    skylark = key_of(x, "K90 Skylark") or key_of(x, "Skylark")
    orders = events_of(x, "Order")
    assert skylark is not None and len(orders) == 2 and all(o.themes == (skylark,) for o in orders)


def test_with_two_products_an_order_that_names_none_stays_without_one(extract_text):
    x = extract_text("New jets\nHalvorsen rolled out the K90 Skylark jet and the K70 Kestrel jet on Monday. Launch "
                     "customer Nordair has ordered 55.", "2024-05-08")
    assert all(not o.themes for o in events_of(x, "Order"))


def test_a_court_act_told_without_its_doer_is_by_the_court_named_last(extract_text):
    x = extract_text("Verdict\nThe Varnoka Court of Appeal ruled on Wednesday in the bribery case of Ilan Doreth, a "
                     "former rail chief. Doreth was convicted of taking bribes and was jailed for eight years. "
                     "His deputy, Mara Lestin, was acquitted.", "2024-03-08")
    court = key_of(x, "Varnoka Court of Appeal")
    assert court and court.startswith("governmentbody/")
    for kind in ("Conviction", "Sentencing", "Acquittal"):
        assert [e.agents for e in events_of(x, kind)] == [(court,)], kind


def test_a_court_act_without_its_doer_is_by_the_court_that_acted_not_the_one_an_appeal_may_go_to(extract_text):
    x = extract_text("Ex-mayor jailed\nThe Varna Court of Appeal on Tuesday convicted former mayor Ion Petrescu of "
                     "bribe-taking. The verdict can be challenged before the High Court of Cassation and Justice "
                     "within ten days. Mihai Dobre, a businessman who paid the bribes, was sentenced to four years.",
                     "2026-12-01")
    (sentencing,) = events_of(x, "Sentencing")
    assert sentencing.agents == (key_of(x, "Varna Court of Appeal"),)


def test_no_court_is_the_doer_when_the_article_names_none_before_the_act(extract_text):
    x = extract_text("Verdict\nIlan Doreth, a former rail chief, was jailed for eight years on Wednesday. Doreth's "
                     "lawyer said he would appeal to the Varnoka Court of Appeal.", "2024-03-08")
    assert all(not e.agents for e in events_of(x, "Sentencing"))


def test_a_market_move_left_without_a_subject_moved_what_the_move_before_it_moved(nlp, lexicon):
    from tests.extract.test_slots import _trace

    trace = _trace(nlp, lexicon, "Markets\nThe FTSE 100 fell 2% on Monday. After the news was announced the index "
                                 "dipped, then rose to close up 0.7%.", "2008-11-18")
    moves = {c.trigger_token.lower_: c for c, _ in trace.events if c.type == "MarketMove"}
    assert moves["rose"].themes and moves["rose"].themes == moves["dipped"].themes


def test_companies_reporting_results_together_each_have_their_own(extract_text):
    x = extract_text("Car sales\nKelmar Motors and Varnoka Industries both reported a 39% loss on Wednesday.",
                     "2009-04-02")
    results = events_of(x, "FinancialResult")
    assert sorted(e.agents for e in results) == sorted([(key_of(x, "Kelmar Motors"),), (key_of(x, "Varnoka Industries"),)])


def test_the_two_of_a_pair_told_before_is_that_pair_and_one_meeting(extract_text):
    x = extract_text("Talks\nIndian Foreign Minister Raghav Menon met Foreign Minister Ranjith Wickramasuriya in Delhi "
                     "on Tuesday. The two ministers met at Hyderabad House for over two hours.", "2026-03-04")
    (meeting,) = events_of(x, "Meeting")
    assert set(meeting.agents + meeting.targets) == {key_of(x, "Raghav Menon"), key_of(x, "Ranjith Wickramasuriya")}


def test_two_events_told_in_one_clause_have_keys_of_their_own(extract_text):
    x = extract_text("Markets\nThe Varna dollar and the Dorsian crown rose on Monday. The Varna 50 index fell 2% in "
                     "Dorsia on Monday, before rallying late in the session.", "2024-05-08")
    keys = [e.key for e in x.events]
    assert len(keys) == len(set(keys))  # one node per event: the graph would merge two under one key
    assert len([e for e in x.events if e.type == "MarketMove"]) >= 2
