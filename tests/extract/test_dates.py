"""Dates resolve against the publication date, the way a reader of the article would."""
from datetime import date

import pytest

from kg.extract.dates import anchored_offset, normalize

TUESDAY = date(2021, 6, 22)


@pytest.mark.parametrize("text, expected", [
    ("Tuesday", "2021-06-22"),            # same weekday as publication: that very day
    ("Tuesday morning", "2021-06-22"),
    ("Friday", "2021-06-18"),
    ("Saturday", "2021-06-19"),
    ("last Tuesday", "2021-06-15"),
    ("February", "2021-02"),
    ("November", "2020-11"),              # a month after the publication month is last year's
    ("June 22, 2021", "2021-06-22"),
    ("April 28, 2003", "2003-04-28"),
    ("28 April", "2021-04-28"),
    ("2006", "2006"),
    ("yesterday", "2021-06-21"),
    ("last month", "2021-05"),
    ("last year", "2020"),
    ("last week", "2021-06"),             # June 14 to 20: within June
    ("earlier this week", "2021-06"),
    ("next week", None),
    ("next month", "2021-07"),
    ("next year", "2022"),
    ("next year's", "2022"),             # "next year's election"
    ("last year's", "2020"),
    ("Monday's", "2021-06-21"),          # "Monday's attack"
    ("the first quarter of 2009", "2009"),  # a part of a year is told by its year
    ("the second half of 2019", "2019"),
    ("Q3 2018", "2018"),
    ("the 1990's", None),
    ("six months", None),                 # a duration, not a point in time
    ("the next six months", None),
    ("the 1990s", None),
    ("now", None),
])
def test_normalize_against_publication(text, expected):
    assert normalize(text, TUESDAY) == expected


def test_future_clause_looks_forward():
    assert normalize("Friday", TUESDAY, future=True) == "2021-06-25"
    assert normalize("March", TUESDAY, future=True) == "2022-03"


def test_a_month_no_tense_points_at_is_the_next_only_when_it_is_much_nearer():
    may = date(2024, 5, 13)
    assert normalize("June 2", may, future=None) == "2024-06-02"  # 20 days ahead, not 49 weeks back
    assert normalize("January", date(2019, 11, 21), future=None) == "2020-01"
    assert normalize("November", TUESDAY, future=None) == "2020-11"  # 5 months ahead is not half of 7 back
    assert normalize("February", may, future=None) == "2024-02"
    assert normalize("last September", may, future=None) == "2023-09"  # the words say which
    assert normalize("next March", may) == "2025-03"
    assert normalize("Friday", TUESDAY, future=None) == "2021-06-18"  # weekdays still look back


def test_a_date_governed_by_a_past_tense_is_in_the_past(nlp):
    from kg.extract.dates import in_the_past

    doc = nlp("Sales fell in January. The vote is scheduled for January. He was arrested on May 2, before "
              "the June 2 elections.")
    found = [(e.text, in_the_past(e)) for e in doc.ents if e.label_ == "DATE"]
    assert found == [("January", True), ("January", False), ("May 2", True), ("June 2", False)]


def test_no_publication_date_gives_only_absolute_dates():
    assert normalize("Tuesday", None) is None
    assert normalize("June 22, 2021", None) == "2021-06-22"


@pytest.mark.parametrize("text, expected", [
    ("2021-06-22", "2021-06-22"), ("22.06.2021", "2021-06-22"), ("three days ago", "2021-06-19"),
    ("a week ago", "2021-06-15"), ("now", None), ("the past three days", None),
])
def test_numeric_dates_and_days_ago_through_dateparser(text, expected):
    assert normalize(text, date(2021, 6, 22)) == expected


@pytest.mark.parametrize("text, days", [
    ("A day earlier", -1), ("two days later", 2), ("the next day", 1), ("the previous day", -1),
    ("a week before", -7), ("last week", None), ("a day before the announcement", None),
])
def test_days_counted_from_the_event_told_before(text, days):
    assert anchored_offset(text) == days


def test_a_day_between_said_and_what_was_said_dates_the_saying_and_a_would_clause_looks_forward(extract_text):
    x = extract_text("Strike\nThe Kelmar Dockers Union said on Monday it would begin an indefinite strike on June 3 "
                     "if the port did not reverse the pay cut.", "2024-05-29")
    sayings = [e for e in x.events if e.trigger == "said"]
    assert [e.type for e in sayings] == ["Threat"]  # it commits itself to a strike, on a condition
    assert sayings[0].date == "2024-05-27"  # the Monday before publication
    assert all(e.date != "2023-06-03" for e in x.events)  # the coming June 3, if any
    assert any(e.date == "2024-06-03" for e in x.events if e.type == "LaborStrike")


def test_a_record_measured_since_a_year_is_not_dated_that_year(extract_text):
    x = extract_text("Markets\nThe Kospi had its worst fall since 1987 on Thursday, a drop of 9%. Police have held the "
                     "trader since Monday.", "2010-05-07")
    assert all(not (e.date or "").startswith("1987") for e in x.events)
    assert any(e.date == "2010-05-06" for e in x.events if e.type == "MarketMove")


def test_a_week_across_two_months_names_no_month():
    assert normalize("last week", date(2026, 2, 3)) is None  # January 26 to February 1
    assert normalize("this week", date(2026, 2, 3)) == "2026-02"  # Monday February 2 to the Tuesday
    assert normalize("this week", date(2026, 1, 29), future=True) is None  # to Sunday February 1


def test_a_day_something_lasts_until_dates_nothing(extract_text):
    from tests.extract.helpers import events_of
    x = extract_text("Hearing delayed\nThe court postponed the hearing of Omar Haddad until July 30, his lawyer "
                     "said on Monday.", "2024-06-13")
    (postponement,) = events_of(x, "Postponement")
    assert "-07-30" not in (postponement.date or "")  # the day the hearing is put off to


@pytest.mark.parametrize("sentence, day", [
    ("Talks between management and the union are scheduled for Monday.", "2023-11-13"),
    ("The trial is set to begin on Wednesday in London.", "2023-11-08"),
    ("The central bank holds a two-day meeting that ends on Friday.", "2023-11-10"),
    ("The chief executive plans to stand down on January 15.", "2024-01-15"),
    ("Police arrested him on Monday.", "2023-11-06"),
    ("The company says on Monday that sales rose.", "2023-11-06"),  # a saying in the present looks back
])
def test_a_day_a_verb_sets_ahead_is_the_coming_one(nlp, sentence, day):
    from kg.extract.dates import tense_of
    ent = [e for e in nlp(sentence).ents if e.label_ == "DATE"][-1]
    assert normalize(ent.text, date(2023, 11, 8), future=tense_of(ent, False, {"say"})) == day  # a Wednesday
