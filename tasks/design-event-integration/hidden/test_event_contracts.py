"""Rules 1-3: every event declared once on a topic, with a valid schema and a usable key."""

import os
import sys

import jsonschema
import pytest

sys.path.insert(0, os.path.dirname(__file__))
from helpers import FIELDS, PRODUCER, distinct_pair, event_schema, events, example, topics

EVENTS = sorted(FIELDS)


def _validator(name: str) -> jsonschema.protocols.Validator:
    schema = event_schema(name)
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as exc:
        pytest.fail(f"{name}.schema is not a valid Draft 2020-12 JSON Schema: {exc.message}")
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.critical
def test_every_event_is_declared_once_on_a_topic_its_producer_writes():
    known = topics()
    wrong = []
    for name, event in events().items():
        topic = known.get(str(event.get("topic")))
        if topic is None:
            wrong.append(f"{name}: topic {event.get('topic')!r} is not in topics")
        elif name in PRODUCER and PRODUCER[name] not in (topic.get("producers") or []):
            wrong.append(
                f"{name}: topic {topic.get('name')} does not list {PRODUCER[name]} as a producer"
            )
    assert not wrong, "; ".join(wrong)


@pytest.mark.critical
@pytest.mark.parametrize("name", EVENTS)
def test_event_schema_is_valid_and_accepts_the_examples(name):
    validator = _validator(name)
    for body in (example(name), example(name)):
        errors = [e.message for e in validator.iter_errors(body)]
        assert not errors, f"{name}.schema rejects a valid example {body}: {errors[:3]}"


@pytest.mark.parametrize("name", EVENTS)
def test_event_schema_requires_every_listed_field(name):
    validator = _validator(name)
    accepted = []
    for field in FIELDS[name]:
        body = example(name)
        del body[field]
        if validator.is_valid(body):
            accepted.append(field)
    assert not accepted, f"{name}.schema accepts a body without the required fields {accepted}"


@pytest.mark.parametrize("name", EVENTS)
def test_event_schema_accepts_an_unknown_extra_field(name):
    body = example(name) | {"trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}
    errors = [e.message for e in _validator(name).iter_errors(body)]
    assert not errors, (
        f"{name}.schema rejects a body with an extra field (events must evolve): {errors[:3]}"
    )


@pytest.mark.critical
@pytest.mark.parametrize("name", EVENTS)
def test_idempotency_key_is_a_required_field(name):
    key = events()[name].get("idempotency_key")
    schema = event_schema(name)
    assert key in FIELDS[name], (
        f"{name}.idempotency_key {key!r} is not one of its fields {FIELDS[name]}"
    )
    assert key in (schema.get("properties") or {}), f"{name}.schema has no property {key!r}"
    assert key in (schema.get("required") or []), (
        f"{name}.schema does not require its idempotency key {key!r}"
    )


@pytest.mark.parametrize("name", EVENTS)
def test_idempotency_key_tells_two_events_apart(name):
    key = events()[name].get("idempotency_key")
    if key not in FIELDS[name]:
        pytest.fail(f"{name}.idempotency_key {key!r} is not one of its fields")
    first, second = distinct_pair(name)
    assert first[key] != second[key], (
        f"{name}: two different events share the idempotency key {key}={first[key]!r} "
        f"(first {first}, second {second})"
    )
