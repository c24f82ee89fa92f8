"""Machine-load awareness and the performance grader's sequential bookkeeping, on literal
readings: /proc/stat, cgroup usage, the policy for a verdict measured on a busy machine."""

from pathlib import Path

import pytest

from graders import machine
from graders.base import Slo
from graders.machine import (
    CoreLoad,
    CpuTimes,
    Snapshot,
    container_usage,
    core_loads,
    machine_busy,
    parse_cpu_stat,
    parse_cpuset,
    parse_proc_stat,
    parse_usage_percpu,
)
from graders.performance import (
    PROBE_LENGTHS,
    answered,
    error_objective,
    machine_policy,
    slo_verdict,
    stop_summary,
)

PROC_STAT = """cpu  27245 43 15032 33695 1141 0 326 103 0 0
cpu0 11602 27 6885 19861 348 0 45 48 0 0
cpu1 15642 16 8147 13834 793 0 280 54 0 0
intr 123 4 5
ctxt 99
"""


def test_proc_stat_per_cpu_busy_and_steal_in_seconds() -> None:
    t = parse_proc_stat(PROC_STAT)
    assert t.busy == {0: pytest.approx(185.14), 1: pytest.approx(238.05)}
    assert t.steal == {0: pytest.approx(0.48), 1: pytest.approx(0.54)}


def test_cgroup_files() -> None:
    assert parse_usage_percpu("1500000000 250000000\n") == {0: 1.5, 1: 0.25}
    assert parse_cpu_stat("usage_usec 2500000\nuser_usec 2000000\n") == {-1: 2.5}
    assert parse_cpuset("0-2,5\n") == {0, 1, 2, 5}


def test_container_usage_reads_v1_then_v2_layouts(tmp_path: Path) -> None:
    v1 = tmp_path / "cpuacct" / "docker" / "abc"
    v1.mkdir(parents=True)
    (v1 / "cpuacct.usage_percpu").write_text("1000000000 0\n")
    v2 = tmp_path / "system.slice" / "docker-def.scope"
    v2.mkdir(parents=True)
    (v2 / "cpu.stat").write_text("usage_usec 3000000\n")
    assert container_usage("abc", tmp_path) == {0: 1.0, 1: 0.0}
    assert container_usage("def", tmp_path) == {-1: 3.0}
    assert container_usage("nope", tmp_path) is None


def snap(
    busy: dict[int, float], steal: dict[int, float], **containers: dict[int, float]
) -> Snapshot:
    return Snapshot(CpuTimes(busy, steal), containers)


def test_a_hog_on_the_app_core_is_other_processes_cpu() -> None:
    before = snap({0: 100.0, 1: 50.0}, {0: 0.0, 1: 0.0}, app={0: 10.0}, prober={1: 5.0})
    # 10 s: core 0 fully busy, the app used 2 s of it; core 1 busy 3 s, all the generator's
    after = snap({0: 110.0, 1: 53.0}, {0: 0.0, 1: 0.0}, app={0: 12.0}, prober={1: 8.0})
    loads = core_loads(before, after, (0, 1), 10.0)
    assert loads == [CoreLoad(0, pytest.approx(0.8), 0.0), CoreLoad(1, 0.0, 0.0)]
    assert machine_busy(loads, {}, app_cores=(0,)) == "CPU 0 80% used by other processes"


def test_others_on_the_generator_core_count_only_when_the_generator_waited() -> None:
    loads = [CoreLoad(0, 0.02, 0.0), CoreLoad(1, 0.60, 0.0)]
    assert machine_busy(loads, {"generator_wait": 0.01}, app_cores=(0,)) == ""
    assert machine_busy(loads, {"generator_wait": 0.30}, app_cores=(0,)) == (
        "CPU 1 60% used by other processes; the generator waited 30% of the time for a CPU"
    )
    # it waited, but nobody else took its core: the service's sidecars did, not the machine
    quiet = [CoreLoad(0, 0.02, 0.0), CoreLoad(1, 0.05, 0.0)]
    assert machine_busy(quiet, {"generator_wait": 0.30}, app_cores=(0,)) == ""
    # nothing pinned: every core is the app's
    assert machine_busy(loads, {}) == "CPU 1 60% used by other processes"


def test_the_services_own_cpu_never_counts_as_others() -> None:
    """A service that keeps its sidecar busy on the generator's core: its own doing."""
    before = snap({0: 0.0, 1: 0.0}, {0: 0.0, 1: 0.0}, app={0: 0.0}, db={0: 0.0, 1: 0.0})
    after = snap({0: 10.0, 1: 9.0}, {0: 0.0, 1: 0.0}, app={0: 10.0}, db={0: 0.0, 1: 9.0})
    assert machine_busy(core_loads(before, after, (0, 1), 10.0), {}) == ""


def test_v2_totals_are_spread_over_the_probe_cores() -> None:
    before = snap({0: 0.0, 1: 0.0}, {0: 0.0, 1: 0.0}, app={-1: 0.0})
    after = snap({0: 6.0, 1: 4.0}, {0: 2.0, 1: 0.0}, app={-1: 8.0})
    loads = core_loads(before, after, (0, 1), 10.0)
    assert [round(c.other, 2) for c in loads] == [0.2, 0.0]
    assert (
        machine_busy(loads, {})
        == "CPU 0 20% used by other processes; CPU 0 20% stolen by the hypervisor"
    )


def test_a_generator_that_waited_for_its_cpu_says_so() -> None:
    assert (
        machine_busy([], {"generator_wait": 0.25})
        == "the generator waited 25% of the time for a CPU"
    )
    assert machine_busy([], {"generator_wait": 0.01}) == ""


def test_snapshot_is_none_when_a_container_cannot_be_read(tmp_path: Path) -> None:
    assert machine.snapshot(["no-such-container-id"], tmp_path / "stat") is None


def test_machine_policy_never_fails_a_service_for_the_machine() -> None:
    assert machine_policy(True, "CPU 0 80% used by other processes", 1) == "accept"
    assert machine_policy(False, "", 1) == "accept"
    assert machine_policy(False, "CPU 0 80% used by other processes", 1) == "remeasure"
    assert machine_policy(False, "CPU 0 80% used by other processes", 2) == "inconclusive"


def test_error_objective_is_the_stricter_of_the_slo_and_the_achieved_floor() -> None:
    assert error_objective(Slo(50, 100, 0.01)) == 0.01
    assert error_objective(Slo(50, 100, 0.10)) == pytest.approx(0.03)


def test_a_setup_the_service_cannot_serve_fails_and_skips_the_half_rate() -> None:
    stats = {"setup_failed": "ReadTimeout: timed out", "healthy_after": True}
    ok, why = slo_verdict(stats, Slo(50, 100, 0.01), 50)
    assert not ok and why.startswith("the load setup failed against the service: ReadTimeout")
    assert not answered(stats)
    assert not answered({"requests": 10, "healthy_after": False})
    assert answered({"requests": 10, "healthy_after": True})


def test_stop_summary_says_why_and_when() -> None:
    stop = {
        "reason": "p99 <= 12 ms and error rate <= 1.0%",
        "p99_low_ms": 5.0,
        "p99_high_ms": 12.0,
        "errors_low": 0.0,
        "errors_high": 0.009,
    }
    stats = {"sequential": True, "warmup_s": 3.95, "window_s": 6.4, "looks": [{}] * 7, "stop": stop}
    assert stop_summary(stats) == {
        "sequential": True,
        "warmup_s": 3.95,
        "measured_s": 6.4,
        "looks": 7,
        "stopped_early": True,
        "reason": "p99 <= 12 ms and error rate <= 1.0%",
        "bounds": {"p99_low_ms": 5.0, "p99_high_ms": 12.0, "errors_low": 0.0, "errors_high": 0.009},
    }
    full = stop_summary({"sequential": False, "window_s": 30.0})
    assert (full["stopped_early"], full["reason"], full["bounds"]) == (False, "full window", None)


def test_probe_lengths_keep_a_fixed_full_length_probe() -> None:
    assert PROBE_LENGTHS["full"].sequential and PROBE_LENGTHS["short"].sequential
    fixed = PROBE_LENGTHS["fixed"]
    assert not fixed.sequential and (fixed.warmup, fixed.duration) == (10.0, 30.0)
