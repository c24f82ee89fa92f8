"""The standby keeps one thing made ahead of time: handed out once, never waited for, thrown
away when stale or unfit or at close, and a make that fails or finishes after close leaves
nothing behind."""

import threading
from typing import Any

from harness.sandbox.standby import Standby


class Maker:
    def __init__(self) -> None:
        self.made: list[str] = []
        self.discarded: list[str] = []
        self.gate = threading.Event()
        self.gate.set()
        self.fail = False

    def make(self, stop: threading.Event) -> str | None:
        self.gate.wait(5)
        if self.fail:
            raise RuntimeError("docker said no")
        if stop.is_set():
            return None
        self.made.append(f"shell{len(self.made) + 1}")
        return self.made[-1]

    def discard(self, spare: str) -> None:
        self.discarded.append(spare)


def _ready(standby: Standby[Any]) -> None:
    making = standby._making  # the test waits for the background make it started
    assert making is not None
    making.result(5)


def test_nothing_is_handed_out_before_a_refill_and_a_spare_only_once() -> None:
    m = Maker()
    standby = Standby(m.make, m.discard, max_age_s=60)
    assert standby.take() is None
    standby.refill()
    _ready(standby)
    assert standby.take() == "shell1"
    assert standby.take() is None
    standby.close()
    assert m.discarded == []


def test_a_refill_while_one_is_ready_or_being_made_makes_no_second() -> None:
    m = Maker()
    m.gate.clear()
    standby = Standby(m.make, m.discard, max_age_s=60)
    standby.refill()
    standby.refill()
    assert standby.take() is None  # still being made: never waited for
    m.gate.set()
    _ready(standby)
    standby.refill()
    assert standby.take() == "shell1"
    assert m.made == ["shell1"]
    standby.close()


def test_a_stale_or_unfit_spare_is_discarded_not_handed_out() -> None:
    m, now = Maker(), [0.0]
    standby = Standby(m.make, m.discard, max_age_s=60, clock=lambda: now[0])
    standby.refill()
    _ready(standby)
    now[0] = 61.0
    assert standby.take() is None
    standby.refill()
    _ready(standby)
    assert standby.take(lambda s: s != "shell2") is None
    assert m.discarded == ["shell1", "shell2"]
    standby.close()


def test_a_failed_make_hands_out_nothing_and_the_next_refill_tries_again() -> None:
    m = Maker()
    m.fail = True
    standby = Standby(m.make, m.discard, max_age_s=60)
    standby.refill()
    assert standby._making is not None
    standby._making.exception(5)
    assert standby.take() is None
    m.fail = False
    standby.refill()
    _ready(standby)
    assert standby.take() == "shell1"
    standby.close()


def test_close_discards_the_spare_and_refills_after_it_do_nothing() -> None:
    m = Maker()
    standby = Standby(m.make, m.discard, max_age_s=60)
    standby.refill()
    _ready(standby)
    standby.close()
    assert m.discarded == ["shell1"]
    standby.refill()
    assert standby.take() is None
    assert m.made == ["shell1"]


def test_close_stops_a_make_that_is_still_waiting() -> None:
    m = Maker()
    m.gate.clear()
    standby = Standby(m.make, m.discard, max_age_s=60)
    standby.refill()
    threading.Timer(0.1, m.gate.set).start()
    standby.close()  # the make sees the stop event and gives up: nothing to discard
    assert (m.made, m.discarded) == ([], [])
