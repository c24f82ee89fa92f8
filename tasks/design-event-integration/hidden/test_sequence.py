"""sequence.mmd: the happy path through the four services, in the prompt's order."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from helpers import Diagram, diagram

SERVICES = ["orders", "payments", "shipping", "notifications"]
FLOW = ["OrderPlaced", "PaymentCaptured", "ShipmentDispatched"]


def _first(d: Diagram, word: str) -> int | None:
    return next((i for i, m in enumerate(d.messages) if word in m.text), None)


@pytest.mark.critical
def test_every_service_takes_part():
    d = diagram()
    assert d.header_ok, "sequence.mmd must start with the line `sequenceDiagram`"
    active = {m.sender for m in d.messages} | {m.receiver for m in d.messages}
    missing = [s for s in SERVICES if s not in active]
    assert not missing, f"these services send or receive no message (ids must be exact): {missing}"


def test_events_appear_in_the_flow_order():
    d = diagram()
    firsts = {word: _first(d, word) for word in FLOW}
    absent = [w for w, i in firsts.items() if i is None]
    assert not absent, f"no message mentions {absent}"
    order = [firsts[w] for w in FLOW]
    assert order == sorted(order), f"first mentions out of order: {firsts}"


@pytest.mark.parametrize(
    ("service", "role", "word"),
    [
        ("orders", "sends", "OrderPlaced"),
        ("payments", "sends", "PaymentCaptured"),
        ("shipping", "sends", "ShipmentDispatched"),
        ("payments", "receives", "OrderPlaced"),
        ("shipping", "receives", "PaymentCaptured"),
        ("notifications", "receives", "ShipmentDispatched"),
    ],
)
def test_service_handles_its_event(service, role, word):
    d = diagram()
    side = (lambda m: m.sender) if role == "sends" else (lambda m: m.receiver)
    assert any(side(m) == service and word in m.text for m in d.messages), (
        f"{service} {role} no message containing {word}"
    )
