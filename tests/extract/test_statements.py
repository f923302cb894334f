"""Statements: quotes, reported speech, sources, posts and disputes on new text."""
import pytest

from tests.extract.helpers import events_of, key_of, statements_by

pytestmark = pytest.mark.model


def test_direct_quote_with_speaker_after(extract_text):
    x = extract_text("Strike\n\"We will not accept these cuts,\" said union leader Maria Gonzalez on Tuesday.",
                     "2014-03-05")
    (s,) = [s for s in statements_by(x, "Maria Gonzalez") if s.quote]
    assert s.quote == "We will not accept these cuts,"


def test_curly_quote_and_reported_speech(extract_text):
    x = extract_text("Results\nThe chief executive of Boeing, Jim McNerney, said the company expected deliveries "
                     "to rise. \u201cDemand remains strong,\u201d McNerney told reporters.", "2012-01-25")
    by = statements_by(x, "Jim McNerney")
    assert any(s.quote == "Demand remains strong," for s in by)


def test_according_to_names_the_source(extract_text):
    x = extract_text("Deaths\nAt least 40 people died in the floods, according to the Red Cross.", "2017-08-14")
    assert statements_by(x, "Red Cross")


def test_scare_quotes_are_not_statements(extract_text):
    x = extract_text("Groups\nArmed groups known as \u201cself-defence units\u201d have formed in the north.",
                     "2020-01-01")
    assert not any(s.quote == "self-defence units" for s in x.statements)


def test_embedded_post_is_a_statement_by_its_account(extract_text):
    x = extract_text("Storm\nThe storm made landfall near the coast tonight. pic.twitter.com/abc123\n"
                     "\u2014 Weather Desk (@weather_desk) September 3, 2019\nMore follows.", "2019-09-03")
    posts = statements_by(x, "Weather Desk")
    assert posts and posts[0].quote and "pic.twitter.com" not in posts[0].quote
    assert posts[0].date == "2019-09-03"


def test_the_person_a_title_names_is_the_speaker(extract_text):
    x = extract_text("Offer\nThe finance director of Skoda, Petr Novak, said the offer was too low.", "2010-02-02")
    assert statements_by(x, "Petr Novak") and not statements_by(x, "Skoda")


def test_a_claim_noun_with_a_that_clause_is_a_statement_by_its_owner(extract_text):
    x = extract_text("Trial\nQantas argued that the crash was caused by the engines. The judge accepted "
                     "Rolls-Royce's defence that the engines had been serviced.", "2011-06-01")
    (defence,) = [s for s in x.statements if "serviced" in s.content]
    assert defence.speaker == key_of(x, "Rolls-Royce")
    assert defence.disputes and "crash" in {s.key: s for s in x.statements}[defence.disputes[0]].content


def test_a_quote_without_a_reporting_verb_belongs_to_the_person_the_sentence_is_about(extract_text):
    x = extract_text("Merger\nAfter the vote, Acme chief executive Laura Finch thanked the staff, "
                     "\"we could not have done this without every one of you\".", "2015-09-09")
    assert [s for s in statements_by(x, "Laura Finch") if s.quote]


def test_a_negated_saying_is_no_statement(extract_text):
    x = extract_text("Cuts\nThe minister Paul Brandt did not say where the cuts would fall.", "2009-11-05")
    assert not statements_by(x, "Paul Brandt")


def test_welcoming_a_decision_is_a_statement(extract_text):
    x = extract_text("Reaction\nThe Spanish government welcomed the ruling on Friday.", "2009-11-05")
    assert statements_by(x, "Spain government")


def test_a_statement_is_dated_when_it_was_said_not_by_what_it_tells(extract_text):
    x = extract_text("Talks\nThe ministry said on Friday that the talks would resume on May 3.", "2016-04-24")
    (s,) = statements_by(x, "ministry")
    assert s.date == "2016-04-22"
    assert s.content == "that the talks would resume on May 3"


def test_unnamed_sources_speak_as_people_of_their_own(extract_text):
    x = extract_text("Ambush\n\u201cThe convoy fell into an ambush,\u201d a security source told AFP. A senior military "
                     "official who asked not to be named said the toll was provisional. A resident of Kaya said the "
                     "fighting lasted hours. A spokesperson for the Patriotic Front said the group had withdrawn.",
                     "2025-03-13")
    source = next(e for e in x.entities if e.name == "security source")
    assert source.type == "Person" and [s.quote for s in x.statements if s.speaker == source.key] == [
        "The convoy fell into an ambush,"]
    official = next(e for e in x.entities if e.name == "senior military official")
    (said,) = [s for s in x.statements if s.speaker == official.key]
    assert said.content == "the toll was provisional"  # not "not to be named"
    resident = next(e for e in x.entities if e.name == "resident of Kaya")
    assert resident.affiliation == key_of(x, "Kaya")
    spokesperson = next(e for e in x.entities if e.name.startswith("spokesperson for"))
    assert spokesperson.affiliation == key_of(x, "Patriotic Front")


def test_an_unnamed_source_is_this_article_s_only(extract_text):
    a = extract_text("One\nA security source said the road was cut.", "2025-03-13")
    b = extract_text("Two\nA security source said the bridge was open.", "2025-03-14")
    assert {e.key for e in a.entities if e.name == "security source"}.isdisjoint(
        {e.key for e in b.entities if e.name == "security source"})


def test_a_quote_running_over_two_sentences_and_the_one_after_its_attribution(extract_text):
    x = extract_text("Front\n\"The enemy was repelled. The town remains ours,\" Colonel Amadou Diallo told Reuters. "
                     "\"We will hold it,\" he said. \"Nothing has changed.\"", "2024-02-13")
    quotes = {s.quote for s in statements_by(x, "Colonel Amadou Diallo")}
    assert quotes == {"The enemy was repelled. The town remains ours,", "We will hold it,", "Nothing has changed."}


def test_a_passive_saying_is_by_whom_it_is_done(extract_text):
    x = extract_text("Tanker\nThe Air Force said Boeing had lost. Boeing was then challenged by Lockheed.", "2008-03-01")
    (challenge,) = statements_by(x, "Lockheed")
    assert challenge.disputes == tuple(s.key for s in statements_by(x, "Air Force"))
    assert not statements_by(x, "Boeing")  # who is challenged says nothing


def test_a_statement_read_from_its_saying_and_from_the_event_it_tells_is_one_statement(extract_text):
    x = extract_text("Deal off\nA day before the announcement, Halvorsen Group said it was cancelling a deal to sell "
                     "Brightwater to Vantor, a Canadian parts company.", "2009-11-04")
    keys = [s.key for s in x.statements]
    assert keys and len(keys) == len(set(keys))  # one node each: one date, one event it was said in


def test_a_pronoun_speaker_is_never_a_person_the_article_tells_is_of_the_other_gender(extract_text):
    x = extract_text("Vote\nMs Ana Ruiz beat Pedro Gil in the runoff on Sunday. \"The count was rigged,\" he "
                     "said on Monday. Carla Mendes told reporters she would appeal.", "2024-06-12")
    assert any("rigged" in s.content for s in statements_by(x, "Pedro Gil"))
    assert not any("rigged" in s.content for s in statements_by(x, "Ana Ruiz"))


def test_what_was_told_to_someone_is_the_clause_not_the_listener(extract_text):
    x = extract_text("Budget\nFinance Minister Ana Vaz told parliament on Monday that prices would rise.", "2024-06-12")
    (statement,) = statements_by(x, "Ana Vaz")
    assert "prices would rise" in statement.content and statement.content != "parliament"


def test_a_thing_added_to_a_thing_is_no_saying_and_a_plan_explained_to_reporters_is(extract_text):
    x = extract_text("Phones\nIn 2009 Nordfon Corp added audio recording features to its Lumo handsets. Nordfon Corp "
                     "explained the plan to reporters on Monday. Nordfon Corp added that sales were strong.", "2024-01-01")
    contents = [s.content for s in statements_by(x, "Nordfon Corp")]
    assert not any("features" in c for c in contents)
    assert any("the plan" in c for c in contents) and any("sales were strong" in c for c in contents)


def test_an_unnamed_spokesperson_or_officials_say_what_their_body_says_and_a_resident_speaks_for_none(extract_text):
    x = extract_text("Curfew\nInterior Ministry officials said on Monday that no decision had been taken. A "
                     "spokesperson for the Dorsian foreign ministry said the talks would resume. A resident of "
                     "Kavala said the shelling lasted all night.", "2024-11-25")
    assert statements_by(x, "Interior Ministry") and statements_by(x, "Dorsian foreign ministry")
    assert not statements_by(x, "Kavala")  # a resident of a town is no voice of the town


def test_what_a_spokesperson_denies_the_body_denies(extract_text):
    x = extract_text("Denial\nA spokesperson for the Patriotic Front denied the accusation on Tuesday.", "2024-11-25")
    (rejection,) = events_of(x, "Rejection")
    assert rejection.agents == (key_of(x, "Patriotic Front"),)


def test_what_a_saying_was_made_in_is_no_statement_of_its_own_and_a_that_clause_on_it_is_said(extract_text):
    x = extract_text("Talks\nThe two leaders met in Vantor on Monday.\n\"This is a new chapter,\" Governor Alan "
                     "Brisk said in a joint announcement after the talks.\nMayor Tom Kettle said in a statement "
                     "that the deal was fair.", "2026-12-01")
    brisk = statements_by(x, "Alan Brisk")
    assert [s.quote for s in brisk] == ["This is a new chapter,"]  # not "a joint announcement after the talks"
    (announcement,) = [e for e in x.events if e.trigger == "announcement"]
    assert brisk[0].said_in == announcement.key
    (kettle,) = statements_by(x, "Tom Kettle")
    assert "the deal was fair" in kettle.content  # the parser hangs the "that" clause on "a statement"


def test_a_spokesperson_named_by_the_bodys_initials_speaks_for_the_body_once(extract_text):
    x = extract_text("Party reacts\nThe Liberal Reform Party (LRP) lost the vote on Tuesday. An LRP spokesperson said "
                     "on Wednesday that the party would appeal the decision.", "2026-03-05")
    party = key_of(x, "Liberal Reform Party")
    saying = next(e for e in x.events if e.type == "PublicStatement")
    assert saying.agents == (party,)  # the recognizer did not tag the initials before "spokesperson"
    assert [s.speaker for s in x.statements if "appeal" in s.content] == [party]


def test_a_voice_of_a_body_and_the_bodys_saying_are_one_statement(extract_text):
    x = extract_text("Party reacts\nThe Liberal Reform Party lost the vote on Tuesday. A spokesperson for the party "
                     "said on Wednesday that the party would appeal the decision.", "2026-03-05")
    party = key_of(x, "Liberal Reform Party")
    assert [s.speaker for s in x.statements if "appeal" in s.content] == [party]


def test_a_role_noun_with_a_name_in_apposition_is_that_named_person_not_its_possessor(extract_text):
    x = extract_text("Vote\nGovernor Aibek Sadykov won the vote on Sunday. \"The people have chosen stability,\" "
                     "Sadykov's spokesman, Daniyar Bekov, said late on Sunday.", "2025-04-14")
    quote = next(s for s in x.statements if s.quote and "stability" in s.quote)
    assert quote.speaker == key_of(x, "Daniyar Bekov")
