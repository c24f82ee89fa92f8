"""When a sequential probe's warm-up may end (graders/warmup.py), on literal request timelines."""

from graders.warmup import settled

LIMIT = 0.100  # p99 bound: 100 ms; steady means every answer within 50 ms


def timeline(rate: float, until: float, latency: float = 0.005) -> tuple[list, list[float]]:
    """Requests due every 1/rate s up to `until`, each answered ok in `latency` s."""
    due = [i / rate for i in range(int(rate * until))]
    return [(t, latency, True) for t in due], due


def test_a_steady_service_ends_its_warm_up_at_the_first_look_past_the_minimum() -> None:
    answered, due = timeline(50, 4.0)
    assert settled(answered, due, 2.0, limit_s=LIMIT) is None  # before the 3 s minimum
    assert settled(answered, due, 4.0, limit_s=LIMIT) == 4.0 - 0.050


def test_one_slow_answer_in_the_stretch_keeps_it_warming() -> None:
    answered, due = timeline(50, 6.0)
    answered[120] = (answered[120][0], 0.060, True)  # due at 2.4 s, 60 ms: over half the bound
    assert settled(answered, due, 4.0, limit_s=LIMIT) is None
    assert settled(answered, due, 4.4, limit_s=LIMIT) is None  # stretch 2.35-4.35 s: still in
    assert settled(answered, due, 4.5, limit_s=LIMIT) == 4.5 - 0.050  # 2.45-4.45 s: out


def test_an_error_or_an_unanswered_request_keeps_it_warming() -> None:
    answered, due = timeline(50, 4.0)
    failed = [(t, lat, t != 3.0) for t, lat, _ in answered]
    assert settled(failed, due, 4.0, limit_s=LIMIT) is None
    waiting = [a for a in answered if a[0] != 3.5]
    assert settled(waiting, due, 4.0, limit_s=LIMIT) is None


def test_nothing_due_in_the_stretch_is_no_evidence() -> None:
    assert settled([], [], 5.0, limit_s=LIMIT) is None
