"""Issue 2's floor on the user's sample article: the facts it must already produce.

These assert meaning (who did what to whom), not the current output. The sample's names live
here, in a test, never in kg/.
"""
import pytest

from tests.conftest import SAMPLE
from tests.extract.helpers import entity, events_of, key_of, statements_by

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def sample(extract_text):
    return extract_text(SAMPLE.read_text(encoding="utf-8"), "2021-06-22")


def test_the_military_is_one_node_with_its_generic_names(sample):
    military = entity(sample, "army")
    assert military is not None and military.type == "ArmedGroup"
    for alias in ("junta", "security forces", "regime troops"):
        assert entity(sample, alias) == military


def test_february_coup_by_the_military(sample):
    (coup,) = events_of(sample, "Coup")
    assert key_of(sample, "army") in coup.agents
    assert coup.date == "2021-02"


def test_mandalay_raid_with_both_sides(sample):
    raids = events_of(sample, "Raid")
    assert len(raids) == 1, "the raid told three times is one event"
    raid = raids[0]
    assert key_of(sample, "army") in raid.agents
    assert key_of(sample, "Mandalay People's Defence Force") in raid.targets
    assert raid.date == "2021-06-22"
    assert len(raid.mentions) >= 2


def test_clash_between_the_two_sides(sample):
    clashes = events_of(sample, "ArmedClash")
    assert clashes
    sides = set(clashes[0].agents) | set(clashes[0].targets) | set(clashes[0].participants)
    assert {key_of(sample, "army"), key_of(sample, "Mandalay People's Defence Force")} <= sides


def test_un_general_assembly_call(sample):
    unga = key_of(sample, "United Nations General Assembly")
    appeals = [e for e in events_of(sample, "Appeal") if unga in e.agents]
    assert appeals and appeals[0].date == "2021-06-18"  # "on Friday" before a Tuesday


def test_foreign_ministry_rejection_with_its_quote(sample):
    ministry = entity(sample, "foreign ministry")
    assert ministry is not None and ministry.type == "GovernmentBody"
    quoted = [s for s in statements_by(sample, "foreign ministry") if s.quote]
    assert quoted and quoted[0].quote == "based on one-sided sweeping allegations and false assumptions"


def test_major_zeekwat_quote(sample):
    (statement,) = [s for s in statements_by(sample, "Major Zeekwat") if s.quote]
    assert statement.quote.startswith("We retaliated as one of our guerrilla base camps was invaded")
    assert entity(sample, "Major Zeekwat").type == "Person"


def test_junta_disputes_the_rights_group(sample):
    aapp = key_of(sample, "Assistance Association for Political Prisoners")
    disputing = [s for s in statements_by(sample, "junta") if s.disputes]
    assert disputing
    disputed = {s.key: s for s in sample.statements}[disputing[0].disputes[0]]
    assert disputed.speaker == aapp


def test_boilerplate_is_not_content(sample):
    assert not any("READ MORE" in m.text for e in sample.events for m in e.mentions)
    assert all("pic.twitter.com" not in (s.quote or "") for s in sample.statements)


def test_every_mention_slices_the_text(sample):
    text = sample.article.text
    for item in (*sample.entities, *sample.events, *sample.statements):
        for m in item.mentions:
            assert text[m.start:m.end] == m.text
