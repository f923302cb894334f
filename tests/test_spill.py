"""kg.spill: records written in any order come back in the order of Python's sorted()."""
import random

import pytest

from kg.spill import SortedSpill


def test_records_come_back_in_key_order_as_python_sorts_strings(tmp_path):
    keys = ["b", "a10", "a9", "Zeta", "émile", "ábc", "日本", "a", "a\u00e9", "\U0001f600x"]
    spill = SortedSpill(tmp_path / "s.sqlite")
    shuffled = keys[:]
    random.Random(7).shuffle(shuffled)
    for key in shuffled:
        spill.put(key, {"key": key, "payload": (1, 2.5, None)})
    assert spill.count == len(keys)
    assert [r["key"] for r in spill] == sorted(keys)
    assert [r["key"] for r in spill] == sorted(keys), "a spill can be read more than once"
    spill.close()


def test_a_key_is_stored_once(tmp_path):
    spill = SortedSpill(tmp_path / "s.sqlite")
    spill.put("a", 1)
    with pytest.raises(Exception):
        spill.put("a", 2)
