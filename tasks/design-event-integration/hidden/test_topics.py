"""Rules 4, 5 and 9: per-order partitioning, 7-day retention, publishing through an outbox."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from helpers import ORDER_KEY, PUBLISHING_PATTERNS, REPLAY_HOURS, events, spec, topics


@pytest.mark.critical
def test_event_topics_are_partitioned_by_order_id():
    carrying = {str(e.get("topic")) for e in events().values()}
    wrong = {
        name: t.get("partition_key")
        for name, t in topics().items()
        if name in carrying and t.get("partition_key") != ORDER_KEY
    }
    assert not wrong, f"topics carrying order events must be partitioned by {ORDER_KEY}: {wrong}"


@pytest.mark.critical
def test_every_topic_keeps_seven_days():
    hours = {name: t.get("retention_hours") for name, t in topics().items()}
    short = {
        name: h
        for name, h in hours.items()
        if isinstance(h, bool) or not isinstance(h, (int, float)) or h < REPLAY_HOURS
    }
    assert not short, f"topics must keep messages >= {REPLAY_HOURS} h for the 7-day replay: {short}"


@pytest.mark.critical
def test_publishing_uses_an_outbox_or_cdc():
    publishing = spec().get("publishing")
    pattern = publishing.get("pattern") if isinstance(publishing, dict) else None
    assert pattern in PUBLISHING_PATTERNS, (
        f"publishing.pattern is {pattern!r}; accepted: {sorted(PUBLISHING_PATTERNS)} "
        "(no dual write)"
    )
