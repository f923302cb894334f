"""Statements: quotes, reported speech, sources, posts and disputes on new text."""
import pytest

from tests.extract.helpers import statements_by

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


def test_denial_disputes_the_earlier_claim(extract_text):
    x = extract_text("Dispute\nThe Democratic Alliance said the vote had been rigged. "
                     "The electoral commission denied the claim.", "2018-12-31")
    (denial,) = [s for s in statements_by(x, "electoral commission") if s.disputes]
    opposition = {s.key: s for s in x.statements}[denial.disputes[0]]
    assert opposition.content.startswith("the vote had been rigged") or "rigged" in opposition.content


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
