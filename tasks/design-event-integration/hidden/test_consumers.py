"""Rules 6-8: consumers read what they need, deduplicate, retry briefly and dead-letter."""

import os
import sys
from typing import Any

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from helpers import (
    MAX_ATTEMPTS,
    MAX_TOTAL_WAIT_MS,
    MIN_ATTEMPTS,
    NEEDS,
    REDELIVERY_HOURS,
    consumers,
    events,
    topics,
)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


@pytest.mark.critical
@pytest.mark.parametrize("consumer", sorted(NEEDS))
def test_consumer_reads_the_events_it_needs(consumer):
    declared = consumers()
    assert consumer in declared, f"consumers has no {consumer!r}"
    read = set(map(str, declared[consumer].get("topics") or []))
    carried = {name for name, e in events().items() if str(e.get("topic")) in read}
    missing = sorted(NEEDS[consumer] - carried)
    assert not missing, f"{consumer} reads {sorted(read)}, which carry none of {missing}"


def test_topics_and_consumers_agree():
    known = topics()
    wrong = []
    for name, consumer in consumers().items():
        for topic in map(str, consumer.get("topics") or []):
            if topic not in known:
                wrong.append(f"{name} reads {topic!r}, which is not in topics")
            elif name not in (known[topic].get("consumers") or []):
                wrong.append(f"topic {topic} does not list its consumer {name}")
    assert not wrong, "; ".join(wrong)


@pytest.mark.critical
def test_every_consumer_deduplicates_for_the_redelivery_window():
    wrong = {}
    for name, consumer in consumers().items():
        dedup = consumer.get("dedup")
        ttl = _number(dedup.get("ttl_hours")) if isinstance(dedup, dict) else None
        if ttl is None or ttl < REDELIVERY_HOURS:
            wrong[name] = dedup
    assert not wrong, f"consumers need dedup with ttl_hours >= {REDELIVERY_HOURS}: {wrong}"


def test_dedup_key_is_the_idempotency_key():
    declared = events()
    wrong = {}
    for name, consumer in consumers().items():
        dedup = consumer.get("dedup")
        key = dedup.get("key") if isinstance(dedup, dict) else None
        read = set(map(str, consumer.get("topics") or []))
        keys = {
            str(e.get("idempotency_key")) for e in declared.values() if str(e.get("topic")) in read
        }
        if key != "idempotency_key" and keys != {key}:
            wrong[name] = f"key {key!r}, but the events it reads are keyed by {sorted(keys)}"
    assert not wrong, f"dedup.key must be the idempotency key of what the consumer reads: {wrong}"


@pytest.mark.critical
def test_every_consumer_has_a_dead_letter_topic():
    known = topics()
    wrong = {}
    for name, consumer in consumers().items():
        dlt = consumer.get("dead_letter_topic")
        if dlt not in known or dlt in (consumer.get("topics") or []):
            wrong[name] = dlt
    assert not wrong, (
        f"dead_letter_topic must be a topic of topics, not one the consumer reads: {wrong}"
    )


def _total_wait_ms(retry: dict[str, Any]) -> float | None:
    backoff = retry.get("backoff")
    attempts = retry.get("max_attempts")
    if not isinstance(backoff, dict) or not isinstance(attempts, int):
        return None
    initial, factor, cap = (_number(backoff.get(k)) for k in ("initial_ms", "multiplier", "max_ms"))
    if initial is None or factor is None or cap is None:
        return None
    return sum(min(initial * factor ** (i - 1), cap) for i in range(1, attempts))


def test_retries_are_bounded_before_dead_lettering():
    wrong = {}
    for name, consumer in consumers().items():
        retry = consumer.get("retry") if isinstance(consumer.get("retry"), dict) else {}
        attempts = retry.get("max_attempts")
        total = _total_wait_ms(retry)
        if not isinstance(attempts, int) or not MIN_ATTEMPTS <= attempts <= MAX_ATTEMPTS:
            wrong[name] = (
                f"max_attempts {attempts!r} (the prompt: {MIN_ATTEMPTS} to {MAX_ATTEMPTS})"
            )
        elif total is None or total > MAX_TOTAL_WAIT_MS:
            wrong[name] = f"waits sum to {total} ms (the prompt: at most {MAX_TOTAL_WAIT_MS})"
    assert not wrong, f"poison messages must reach the dead-letter topic quickly: {wrong}"
