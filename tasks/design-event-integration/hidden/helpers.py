"""Shared helpers for the design-event-integration hidden checks (imported, never collected).

The events, their fields, producers and consumers' needs are the prompt's table; the example
bodies are built here from the prompt's stated formats, never copied from the reference.
"""

import json
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

WS = Path(os.environ["ARCHBENCH_WORKSPACE"])
HERE = Path(__file__).resolve().parent
REDELIVERY_HOURS = 48
REPLAY_HOURS = 168
MIN_ATTEMPTS, MAX_ATTEMPTS = 2, 5
MAX_TOTAL_WAIT_MS = 60_000
PUBLISHING_PATTERNS = {"outbox", "cdc"}
ORDER_KEY = "order_id"

FIELDS: dict[str, list[str]] = {
    "OrderPlaced": [
        "event_id",
        "order_id",
        "customer_id",
        "items",
        "total_cents",
        "currency",
        "placed_at",
    ],
    "OrderCancelled": ["event_id", "order_id", "reason", "cancelled_at"],
    "PaymentCaptured": [
        "event_id",
        "order_id",
        "payment_id",
        "amount_cents",
        "currency",
        "captured_at",
    ],
    "PaymentFailed": ["event_id", "order_id", "payment_id", "reason", "failed_at"],
    "ShipmentDispatched": [
        "event_id",
        "order_id",
        "shipment_id",
        "carrier",
        "tracking_number",
        "dispatched_at",
    ],
}
PRODUCER = {
    "OrderPlaced": "orders",
    "OrderCancelled": "orders",
    "PaymentCaptured": "payments",
    "PaymentFailed": "payments",
    "ShipmentDispatched": "shipping",
}
NEEDS = {
    "payments": {"OrderPlaced"},
    "shipping": {"PaymentCaptured", "OrderCancelled"},
    "notifications": {"OrderPlaced", "PaymentFailed", "ShipmentDispatched"},
}


def load_json_schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((HERE / "events.schema.json").read_text())
    return loaded


def spec() -> dict[str, Any]:
    """The agent's events.yaml, or a test failure that says what is wrong with the file."""
    path = WS / "events.yaml"
    if not path.is_file():
        pytest.fail("events.yaml is missing from the workspace")
    try:
        loaded = yaml.safe_load(path.read_text())
    except yaml.YAMLError as exc:
        pytest.fail(f"events.yaml is not valid YAML: {exc}")
    if not isinstance(loaded, dict):
        pytest.fail("events.yaml must be a mapping at the top level")
    return loaded


def entries(key: str) -> list[dict[str, Any]]:
    value = spec().get(key)
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        pytest.fail(f"events.yaml {key} must be a list of mappings")
    return value


def topics() -> dict[str, dict[str, Any]]:
    return {str(t.get("name")): t for t in entries("topics")}


def events() -> dict[str, dict[str, Any]]:
    """The declared events by name; a test failure when one of the prompt's is missing or twice."""
    names = [str(e.get("name")) for e in entries("events")]
    missing = sorted(set(FIELDS) - set(names))
    twice = sorted({n for n in names if names.count(n) > 1})
    if missing or twice:
        pytest.fail(
            f"events must declare each event of the prompt once: missing {missing}, twice {twice}"
        )
    return {str(e.get("name")): e for e in entries("events")}


def consumers() -> dict[str, dict[str, Any]]:
    return {str(c.get("name")): c for c in entries("consumers")}


def event_schema(name: str) -> dict[str, Any]:
    schema = events()[name].get("schema")
    if not isinstance(schema, dict):
        pytest.fail(f"{name}.schema must be a mapping (a JSON Schema object)")
    return schema


def _hex(n: int = 12) -> str:
    return uuid.uuid4().hex[:n]


def example(name: str, order_id: str | None = None) -> dict[str, Any]:
    """A fresh example body of the event in the prompt's stated formats."""
    common = {"event_id": str(uuid.uuid4()), "order_id": order_id or f"ord_{_hex()}"}
    at = "2026-03-14T09:26:53Z"
    bodies: dict[str, dict[str, Any]] = {
        "OrderPlaced": {
            "customer_id": f"cus_{_hex()}",
            "items": [
                {"sku": "SKU-1042", "quantity": 2, "unit_price_cents": 1999},
                {"sku": "mug-blue", "quantity": 1, "unit_price_cents": 0},
            ],
            "total_cents": 3998,
            "currency": "EUR",
            "placed_at": at,
        },
        "OrderCancelled": {"reason": "customer request", "cancelled_at": "2026-03-14T10:01:00Z"},
        "PaymentCaptured": {
            "payment_id": f"pay_{_hex()}",
            "amount_cents": 3998,
            "currency": "EUR",
            "captured_at": at,
        },
        "PaymentFailed": {
            "payment_id": f"pay_{_hex()}",
            "reason": "card declined",
            "failed_at": at,
        },
        "ShipmentDispatched": {
            "shipment_id": f"shp_{_hex()}",
            "carrier": "DHL",
            "tracking_number": "JD014600006281230001",
            "dispatched_at": "2026-03-15T16:40:12Z",
        },
    }
    return common | bodies[name]


def distinct_pair(name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Two different events of one type that agree on every field that does not identify them.

    Several payment attempts and several shipments belong to one order (the prompt), so for
    PaymentFailed and ShipmentDispatched the second event is of the same order; the other events
    occur once per order, so the second one is of another order (same customer, same amounts).
    """
    first = example(name)
    second = first | {"event_id": str(uuid.uuid4())}
    if name == "PaymentFailed":
        second["payment_id"] = f"pay_{_hex()}"
    elif name == "ShipmentDispatched":
        second |= {"shipment_id": f"shp_{_hex()}", "tracking_number": "JD014600006281230002"}
    else:
        second["order_id"] = f"ord_{_hex()}"
        if name == "PaymentCaptured":
            second["payment_id"] = f"pay_{_hex()}"
    return first, second


@dataclass(frozen=True)
class Message:
    sender: str
    receiver: str
    text: str


ARROW = re.compile(
    r"^\s*([A-Za-z0-9_]+)\s*(?:-->>|->>|--\)|-\))\s*[+-]?\s*([A-Za-z0-9_]+)\s*:\s*(.*)$"
)
PARTICIPANT = re.compile(r"^\s*(?:participant|actor)\s+([A-Za-z0-9_]+)(?:\s+as\s+.*)?$")


@dataclass(frozen=True)
class Diagram:
    header_ok: bool
    participants: set[str]
    messages: list[Message]


def parse_sequence(text: str) -> Diagram:
    """The prompt's subset of Mermaid sequenceDiagram: header, participant lines, arrow lines."""
    lines = [
        line for line in text.splitlines() if line.strip() and not line.strip().startswith("%%")
    ]
    header_ok = bool(lines) and lines[0].strip() == "sequenceDiagram"
    participants: set[str] = set()
    messages = []
    for line in lines[1:]:
        if m := PARTICIPANT.match(line):
            participants.add(m.group(1))
        elif m := ARROW.match(line):
            messages.append(Message(m.group(1), m.group(2), m.group(3)))
    return Diagram(header_ok, participants, messages)


def diagram() -> Diagram:
    path = WS / "sequence.mmd"
    if not path.is_file():
        pytest.fail("sequence.mmd is missing from the workspace")
    return parse_sequence(path.read_text(errors="replace"))
