"""Entities beyond the small model, on sentences that are not from the sample."""
import pytest

from tests.extract.helpers import entity

pytestmark = pytest.mark.model


def test_titled_person_is_found_and_rank_kept(extract_text):
    x = extract_text("Rebels regroup\nColonel Tesfaye Bekele said the unit had withdrawn from the border town.",
                     "2020-03-02")
    person = entity(x, "Colonel Tesfaye Bekele")
    assert person is not None and person.type == "Person"


def test_short_name_is_an_alias_of_the_full_name(extract_text):
    x = extract_text("Talks resume\nAngela Merkel met union leaders in Berlin on Monday. "
                     "Merkel said the talks had been constructive.", "2009-11-05")
    merkel = entity(x, "Angela Merkel")
    assert merkel is not None and "Merkel" in merkel.aliases
    assert len([e for e in x.entities if "merkel" in e.name.lower()]) == 1


def test_parenthesized_acronym_is_one_node(extract_text):
    x = extract_text("Fund warns\nThe International Monetary Fund (IMF) cut its forecast on Tuesday. "
                     "The IMF said growth would slow.", "2012-10-09")
    imf = entity(x, "International Monetary Fund")
    assert imf is not None and entity(x, "IMF") == imf


def test_places_get_geonames_ids(extract_text):
    x = extract_text("Flooding\nHeavy rain hit Lyon and parts of France on Sunday.", "2018-01-22")
    lyon = entity(x, "Lyon")
    assert lyon is not None and lyon.type == "Place"
    assert lyon.same_as and lyon.same_as[0].startswith("https://sws.geonames.org/")


def test_designated_place(extract_text):
    x = extract_text("Clashes\nFighting was reported in Hlaing Tharyar township on Monday.", "2021-03-15")
    place = entity(x, "Hlaing Tharyar township")
    assert place is not None and place.type == "Place"


def test_generic_army_resolves_to_the_country_of_the_article(extract_text):
    x = extract_text("Ethiopia offensive\nEthiopian troops entered the town on Friday, the army said. "
                     "Ethiopia's government denied the reports. The soldiers later withdrew from Ethiopia's north.",
                     "2020-11-20")
    military = entity(x, "army")
    assert military is not None and military.type == "ArmedGroup"
    assert military.name == "Ethiopia military"
    assert entity(x, "soldiers") == military


def test_plain_nouns_at_heading_start_are_not_organizations(extract_text):
    x = extract_text("Crackdown on dissent\nPolice detained dozens of students in the capital on Monday.",
                     "2019-05-06")
    assert entity(x, "Crackdown") is None


def test_surname_that_is_also_a_town_stays_a_person(extract_text):
    x = extract_text("Carmaker shake-up\nThe board replaced its chief executive with Fritz Henderson on Sunday. "
                     "Henderson said on Tuesday that the company had submitted a new plan.", "2009-03-31")
    person = entity(x, "Fritz Henderson")
    assert person is not None and person.type == "Person" and "Henderson" in person.aliases
    assert not [e for e in x.entities if e.type == "Place" and "henderson" in e.key]
