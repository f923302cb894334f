"""Events with roles, places, dates and counts on sentences that are not from the sample."""
import pytest

from tests.extract.helpers import events_of, key_of

pytestmark = pytest.mark.model


def test_passive_voice_roles(extract_text):
    x = extract_text("Arrests\nThree journalists were arrested by police in Istanbul on Monday.", "2016-07-20")
    (arrest,) = events_of(x, "Arrest")
    assert key_of(x, "police") in arrest.agents
    assert key_of(x, "journalists") in arrest.targets
    assert arrest.place == key_of(x, "Istanbul")
    assert arrest.date == "2016-07-18"


def test_active_voice_and_count(extract_text):
    x = extract_text("Attack\nGunmen killed at least 12 villagers in northern Nigeria on Sunday.", "2019-02-11")
    (killing,) = events_of(x, "Killing")
    assert key_of(x, "gunmen") in killing.agents
    assert killing.count == 12
    assert killing.date == "2019-02-10"


def test_between_x_and_y(extract_text):
    x = extract_text("Border\nA clash broke out between Indian troops and Chinese troops in Ladakh on Monday.",
                     "2020-06-16")
    (clash,) = events_of(x, "ArmedClash")
    sides = set(clash.agents) | set(clash.targets) | set(clash.participants)
    assert len(sides) == 2


def test_negated_event_is_marked(extract_text):
    x = extract_text("Calm\nPolice did not arrest any protesters in Paris on Saturday.", "2019-01-14")
    arrests = events_of(x, "Arrest")
    assert arrests and all(a.modality == "negated" for a in arrests)


def test_company_acquisition(extract_text):
    x = extract_text("Deal\nMicrosoft agreed to acquire LinkedIn for $26.2 billion on Monday.", "2016-06-13")
    acquisitions = events_of(x, "Acquisition")
    assert acquisitions
    assert key_of(x, "LinkedIn") in acquisitions[0].targets


def test_place_is_never_taken_from_another_sentence(extract_text):
    x = extract_text("Raid\nThe police visited Lagos on Monday. Officers raided a warehouse the next day.",
                     "2021-05-05")
    for raid in events_of(x, "Raid"):
        assert raid.place is None
