"""Probe slots cut from literal core sets: disjoint app/generator pairs, busy cores skipped."""

import pytest

from harness.sandbox.cores import CoresError, Slot, free_slot, parse_cores, probe_slots


def test_two_cores_make_one_slot_as_today() -> None:
    assert probe_slots([0, 1]) == [Slot(0, 1)]


def test_eight_cores_make_three_slots_and_leave_two() -> None:
    slots = probe_slots(range(8))
    assert slots == [Slot(0, 1), Slot(2, 3), Slot(4, 5)]
    used = [c for s in slots for c in s.cores]
    assert len(used) == len(set(used)) == 6


@pytest.mark.parametrize(("n", "count"), [(1, 1), (3, 1), (4, 1), (5, 1), (6, 2), (7, 2), (16, 7)])
def test_slot_count_by_core_count(n: int, count: int) -> None:
    assert len(probe_slots(range(n))) == count


def test_one_core_is_one_slot_on_it() -> None:
    assert probe_slots([3]) == [Slot(3, 3)]
    assert Slot(3, 3).cores == (3,)


def test_slots_follow_the_given_ids() -> None:
    assert probe_slots([9, 4, 2, 7]) == [Slot(2, 4)]


def test_busy_cores_are_skipped_and_release_frees_the_slot() -> None:
    slots = probe_slots(range(8))
    assert free_slot(slots, []) == Slot(0, 1)
    assert free_slot(slots, [1]) == Slot(2, 3)
    assert free_slot(slots, [0, 2, 5]) is None
    taken = [0, 1, 2, 3, 4, 5]
    assert free_slot(slots, taken) is None
    assert free_slot(slots, [0, 1, 4, 5]) == Slot(2, 3)  # the middle probe released


def test_cores_outside_every_slot_never_block() -> None:
    assert free_slot(probe_slots(range(8)), [6, 7]) == Slot(0, 1)


@pytest.mark.parametrize(
    ("text", "cores"), [("0-7", tuple(range(8))), ("0,2,4-5", (0, 2, 4, 5)), ("3, 1", (1, 3))]
)
def test_parse_cores(text: str, cores: tuple[int, ...]) -> None:
    assert parse_cores(text) == cores


@pytest.mark.parametrize("text", ["", "a", "3-1", "0-", "-2", "1,,2"])
def test_parse_cores_rejects_malformed(text: str) -> None:
    with pytest.raises(CoresError, match="ARCHBENCH_CORES"):
        parse_cores(text)
