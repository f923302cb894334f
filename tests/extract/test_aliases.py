"""Which mentions are one entity (kg.extract.aliases), on mentions made for the test."""
from kg.extract.aliases import _given_names_of, resolve
from kg.extract.entities import EntityMention


def _name(text: str, entity_type: str, start: int) -> EntityMention:
    return EntityMention(start=start, end=start + len(text), text=text, type=entity_type, kind="name", block=0,
                         tok_start=start, tok_end=start + len(text.split()))


def test_a_makers_short_name_is_the_maker_not_the_product_named_after_it():
    # "Ford Taurus" (an ORG to the NER) comes first; "Taurus" alone shows it is a car
    mentions = [_name("Ford Taurus", "Organization", 0), _name("Ford Motor Company", "Organization", 20),
                _name("Ford", "Organization", 50), _name("Taurus", "Product", 70), _name("Taurus", "Product", 90)]
    keys = resolve(mentions, "", {}).key_of
    assert keys[2] == keys[1] and keys[3] == keys[0] != keys[1]


def test_two_companies_a_short_name_opens_stay_apart_from_it():
    mentions = [_name("Baltic Gate Partners", "Organization", 0), _name("Baltic Gate Capital", "Organization", 30),
                _name("Baltic Gate", "Organization", 60)]
    keys = resolve(mentions, "", {}).key_of
    assert len({keys[0], keys[1], keys[2]}) == 3  # which one is meant, the text does not say


def test_given_names_join_a_person_only_when_the_rest_of_the_long_name_is_names():
    assert _given_names_of(["mohd", "razif"], ["mohd", "razif", "hashim"], "Mohd Razif Hashim")
    assert not _given_names_of(["rose", "achieng"], ["rose", "achieng", "roseachiengsen"], "Rose Achieng @RoseAchiengSen")
    assert not _given_names_of(["ak", "bulak"], ["ak", "bulak", "party"], "Ak Bulak party")
    assert not _given_names_of(["rahman"], ["rahman", "ali"], "Rahman Ali")  # one word: a surname's business
