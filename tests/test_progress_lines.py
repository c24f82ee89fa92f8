"""Progress for a CI log: the lines and the estimate of time left (pure), the observer on a
fake clock, the heartbeat thread on a short interval, and the run's summary table."""

import io
import threading
import time
from pathlib import Path

import pytest
from rich.console import Console
from test_report import RUN, sample

from harness.cli.live import RichObserver, show_progress
from harness.cli.progress_lines import (
    FinishedSample,
    estimate_left,
    finished_line,
    format_duration,
    format_eta,
    heartbeat_line,
)
from harness.cli.progress_log import LogObserver, heartbeat
from harness.cli.summary import summary_rows
from harness.reports.report import results_df
from harness.results.log import ResultsWriter
from harness.run.runner import RunConfig
from harness.run.sample import SampleJob


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0m00s"), (20.4, "0m20s"), (100, "1m40s"), (3599.6, "1h00m"), (3720, "1h02m")],
)
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (None, "ETA unknown"),
        (0, "ETA <1 min"),
        (59, "ETA <1 min"),
        (60, "ETA ~1 min"),
        (661, "ETA ~12 min"),
        (5999, "ETA ~1h40m"),
    ],
)
def test_format_eta(seconds: float | None, text: str) -> None:
    assert format_eta(seconds) == text


def test_no_estimate_before_a_sample_finished() -> None:
    assert estimate_left(finished=[], running=[30.0], queued=5, concurrency=2) is None


def test_estimate_allows_for_concurrency() -> None:
    # mean 100 s; nothing running, 4 queued: two slots take two rounds of 100 s
    assert estimate_left(finished=[50.0, 150.0], running=[], queued=4, concurrency=2) == 200.0
    # one slot: the same four one after the other
    assert estimate_left(finished=[100.0], running=[], queued=4, concurrency=1) == 400.0
    # a fifth queued sample waits for a third round on two slots
    assert estimate_left(finished=[100.0], running=[], queued=5, concurrency=2) == 300.0


def test_estimate_counts_what_running_samples_have_left() -> None:
    # mean 100 s: running samples at 80 s and 30 s need 20 s and 70 s more; the queued one
    # starts on the slot that frees first (at 20 s) and ends at 120 s
    assert estimate_left(finished=[100.0], running=[80.0, 30.0], queued=1, concurrency=2) == 120.0
    # a running sample past the mean is taken to be about to finish
    assert estimate_left(finished=[100.0], running=[250.0], queued=0, concurrency=4) == 0.0
    assert estimate_left(finished=[100.0], running=[], queued=0, concurrency=4) == 0.0


def test_finished_line_names_the_sample_and_the_time_left() -> None:
    s = FinishedSample("crud-books", 1, "arch", "oracle", "graded", 1.0, 100.0)
    assert (
        finished_line(s, done=3, total=34, eta=661)
        == "[3/34] crud-books epoch 1 agent=arch model=oracle graded score=1.00 in 1m40s, "
        "ETA ~12 min"
    )


def test_finished_line_shows_runtime_and_the_reason_of_a_failure() -> None:
    s = FinishedSample(
        "jwt-auth", 2, "arch", "noop", "sandbox_error", None, 5.0, "builtin", "docker\n  gone"
    )
    assert (
        finished_line(s, done=1, total=2, eta=None)
        == "[1/2] jwt-auth epoch 2 agent=arch model=noop runtime=builtin sandbox_error "
        "(docker gone) score=- in 0m05s, ETA unknown"
    )


def test_heartbeat_lists_running_samples_longest_first() -> None:
    line = heartbeat_line(
        done=3, total=34, running=[("jwt-auth", 20.0), ("crud-books", 100.0)], eta=700
    )
    assert line == "... 3/34 done, 2 running (crud-books 1m40s, jwt-auth 0m20s), ETA ~12 min"


def test_heartbeat_counts_what_it_does_not_name() -> None:
    running = [(f"t{i}", float(i)) for i in range(8)]
    line = heartbeat_line(done=0, total=8, running=running, eta=None)
    assert line == (
        "... 0/8 done, 8 running (t7 0m07s, t6 0m06s, t5 0m05s, t4 0m04s, t3 0m03s, t2 0m02s, "
        "+2 more), ETA unknown"
    )


class FakeTask:
    def __init__(self, tid: str) -> None:
        self.id = tid


def job(task: str, epoch: int = 1, model: str = "oracle", runtime: str = "") -> SampleJob:
    return SampleJob(FakeTask(task), epoch, model, runtime=runtime)  # type: ignore[arg-type]


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_observer_prints_finished_samples_and_heartbeats_on_a_fake_clock() -> None:
    clock, lines = FakeClock(), []
    obs = LogObserver(lines.append, concurrency=2, interval=60.0, clock=clock)
    obs.run_started(3)
    obs.sample_started(job("crud-books"))
    obs.sample_started(job("jwt-auth"))
    clock.now += 59
    obs.tick()  # under a minute since the last line: quiet
    clock.now += 1
    obs.tick()
    clock.now += 40
    obs.sample_finished(job("crud-books"), sample("crud-books", "oracle", score=1.0))
    clock.now += 30
    obs.tick()  # 30 s since the finished line: quiet
    obs.sample_phase(job("jwt-auth"), "retry", {"status": "sandbox_error", "attempt": 1})

    assert lines == [
        "running 3 samples, 2 at a time",
        "... 0/3 done, 2 running (crud-books#1 1m00s, jwt-auth#1 1m00s), ETA unknown",
        # mean 100 s; jwt-auth (at 100 s) is due now, the queued one takes a slot: 100 s
        "[1/3] crud-books epoch 0 agent=arch model=oracle graded score=1.00 in 1m40s, ETA ~2 min",
        "jwt-auth#1: sandbox_error on attempt 1, retrying",
    ]
    assert obs.seconds_to_next() == 60.0


def test_observer_names_runtime_and_model_in_a_matrix_run() -> None:
    clock, lines = FakeClock(), []
    obs = LogObserver(lines.append, concurrency=1, models=2, interval=10.0, clock=clock)
    obs.run_started(2)
    obs.sample_started(job("books", 2, "noop", runtime="builtin"))
    clock.now += 10
    obs.tick()
    obs.sample_finished(
        job("books", 2, "noop", runtime="builtin"), sample("books", "noop", score=0.25)
    )
    assert lines[1] == "... 0/2 done, 1 running (books#2 builtin noop 0m10s), ETA unknown"
    assert lines[2].startswith("[1/2] books epoch 0 agent=arch model=noop runtime=builtin ")


def test_heartbeat_thread_beats_while_nothing_finishes_and_stops_with_the_block() -> None:
    lines: list[str] = []
    obs = LogObserver(lines.append, concurrency=1, interval=0.05)
    obs.run_started(1)
    obs.sample_started(job("slow"))
    with heartbeat(obs):
        time.sleep(0.4)
    beats = [ln for ln in lines if ln.startswith("... 0/1 done, 1 running (slow#1 ")]
    assert 3 <= len(beats) <= 9, lines
    count = len(lines)
    time.sleep(0.15)
    assert len(lines) == count
    assert not [t for t in threading.enumerate() if t.name == "archbench-heartbeat"]


def config(concurrency: int = 3) -> RunConfig:
    return RunConfig(
        agents=(),
        models=("oracle",),
        model_reason="",
        tasks=(),
        epochs=1,
        concurrency=concurrency,
        run_dir=Path("unused"),
        run_id="r",
        cli_args=(),
    )


def test_plain_lines_when_the_console_is_not_a_terminal() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, width=40, soft_wrap=True)
    with show_progress(config(), console) as obs:
        assert isinstance(obs, LogObserver)
        obs.run_started(34)
        obs.sample_started(job("a-task-with-a-rather-long-name"))
        obs.sample_finished(job("a-task-with-a-rather-long-name"), sample("x", "oracle", score=1))
    out = buffer.getvalue().splitlines()
    assert out[0] == "running 34 samples, 3 at a time"
    assert out[1].startswith("[1/34] x epoch 0 agent=arch model=oracle graded score=1.00 in ")
    assert len(out) == 2  # one line each, never wrapped at the console's width


def test_rich_display_on_a_terminal() -> None:
    console = Console(file=io.StringIO(), force_terminal=True)
    with show_progress(config(), console) as obs:
        assert isinstance(obs, RichObserver)
        obs.run_started(5)
        assert obs.progress.tasks[0].total == 5


def write_run(tmp_path: Path, samples: list[object]) -> Path:
    w = ResultsWriter(tmp_path / "r1")
    w.write_run(RUN)
    for s in samples:
        w.append_sample(s)  # type: ignore[arg-type]
    return w.run_dir


def test_summary_shows_each_agent_of_a_matrix_run(tmp_path: Path) -> None:
    run_dir = write_run(
        tmp_path,
        [
            sample("books", "oracle", score=1.0, agent="a@1", sample_id="b-a"),
            sample("books", "oracle", score=0.5, agent="b@2", sample_id="b-b"),
            sample("jwt", "oracle", score=0.0, agent="b@2", sample_id="j-b"),
            sample("jwt", "oracle", "sandbox_error", agent="a@1", sample_id="j-a"),
        ],
    )
    header, *rows = summary_rows(results_df(run_dir))
    assert header == (
        "task", "agent", "model", "samples", "score", "resolved", "checks", "infra errors"
    )  # fmt: skip
    assert rows == [
        ("books", "a@1", "oracle", "1", "1.000", "1.00", "0/0", "0"),
        ("books", "b@2", "oracle", "1", "0.500", "0.00", "0/0", "0"),
        ("jwt", "a@1", "oracle", "0", "-", "-", "-", "1"),
        ("jwt", "b@2", "oracle", "1", "0.000", "0.00", "0/0", "0"),
        ("overall", "a@1", "oracle", "1", "1.000", "1.00", "", "1"),
        ("overall", "b@2", "oracle", "2", "0.250", "0.00", "", "0"),
    ]


def test_summary_of_one_configuration_has_no_agent_column(tmp_path: Path) -> None:
    run_dir = write_run(tmp_path, [sample("books", "oracle", score=1.0)])
    header, *rows = summary_rows(results_df(run_dir))
    assert header[:3] == ("task", "model", "samples")
    assert rows == [
        ("books", "oracle", "1", "1.000", "1.00", "0/0", "0"),
        ("overall", "oracle", "1", "1.000", "1.00", "", "0"),
    ]


def test_summary_splits_runtimes_too(tmp_path: Path) -> None:
    run_dir = write_run(
        tmp_path,
        [
            sample("books", "oracle", score=1.0, runtime="builtin", sample_id="1"),
            sample("books", "oracle", score=0.0, runtime="claude-code", sample_id="2"),
        ],
    )
    header, *rows = summary_rows(results_df(run_dir))
    assert header[:3] == ("task", "runtime", "model")
    assert [r[:4] for r in rows] == [
        ("books", "builtin", "oracle", "1"),
        ("books", "claude-code", "oracle", "1"),
        ("overall", "builtin", "oracle", "1"),
        ("overall", "claude-code", "oracle", "1"),
    ]
