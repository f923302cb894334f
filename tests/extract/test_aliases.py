"""Which mentions are one entity (kg.extract.aliases), on mentions made for the test."""
from kg.extract.aliases import resolve
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
