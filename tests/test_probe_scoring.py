"""Security and load-probe scoring, credential scanning and probe validation on literal inputs."""

import base64
import hashlib
import math

import pytest

from graders.base import CheckResult, GradeResult, Slo
from graders.junit import parse_junit
from graders.performance import calibrated_slo, slo_verdict, tier_score
from graders.security import credential_findings, score_probes
from harness.run.grading import GradingOutcome, composite
from harness.run.validate import probe_killers, probe_note, probe_outcomes, probe_problems


def probe(name: str, outcome: str, family: str = "", critical: bool = False) -> CheckResult:
    return CheckResult(name, outcome, probe=family, exploit_critical=critical)  # type: ignore[arg-type]


def test_security_score_is_the_mean_pass_fraction_over_probe_ids() -> None:
    checks = [
        probe("a1", "passed", "SP-LEAK"),
        probe("a2", "failed", "SP-LEAK"),
        probe("b", "passed", "SP-MASS"),
        probe("c", "skipped", "SP-DOS"),  # inconclusive: left out
    ]
    assert score_probes(checks) == (pytest.approx(0.75), "")


def test_a_failed_critical_family_zeroes_security() -> None:
    checks = [probe("a", "passed", "SP-LEAK"), probe("b", "failed", "SP-BOLA")]
    assert score_probes(checks) == (0.0, "critical exploit succeeded: SP-BOLA")


def test_a_failed_task_probe_marked_critical_zeroes_security() -> None:
    checks = [probe("x", "passed", "SP-LEAK"), probe("t", "failed", "TS-admin", critical=True)]
    assert score_probes(checks)[0] == 0.0


def test_unmarked_checks_are_their_own_probe() -> None:
    checks = [probe("t1", "passed"), probe("t2", "failed")]
    assert score_probes(checks) == (0.5, "")


def test_nothing_conclusive_means_no_score() -> None:
    score, reason = score_probes([probe("a", "skipped", "SP-AUTHN")])
    assert score is None and "no probe was conclusive" in reason


PASSWORD = "Pw-s3cret-value"


@pytest.mark.parametrize(
    ("stored", "form"),
    [
        (PASSWORD.encode(), "plaintext"),
        (hashlib.sha256(PASSWORD.encode()).hexdigest().encode(), "sha256"),
        (hashlib.md5(PASSWORD.encode()).hexdigest().upper().encode(), "md5 (upper hex)"),
        (hashlib.sha1(PASSWORD.encode()).digest(), "sha1 (raw)"),
        (base64.b64encode(PASSWORD.encode()), "base64"),
        (PASSWORD.encode().hex().encode(), "hex"),
    ],
)
def test_credential_scan_finds_weak_storage(stored: bytes, form: str) -> None:
    dump = b"INSERT INTO users VALUES (1, 'alice', '" + stored + b"');"
    assert f"password 1 stored as {form}" in credential_findings(dump, [PASSWORD])


def test_credential_scan_accepts_slow_salted_hashes() -> None:
    dump = b"$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo and $2b$12$abcdefghijk"
    assert credential_findings(dump, [PASSWORD, "other-Pass-1"]) == []


def test_junit_probe_properties_are_parsed() -> None:
    xml = (
        '<testsuite><testcase classname="security.test_generic" name="test_bola[read]">'
        '<properties><property name="probe" value="SP-BOLA"/><property name="cwe" value="639"/>'
        '<property name="exploit_critical" value="1"/></properties></testcase></testsuite>'
    )
    [check] = parse_junit(xml)
    assert (check.probe, check.cwe, check.exploit_critical) == ("SP-BOLA", 639, True)


SLO = Slo(rate=100, p99_ms=50, max_error_rate=0.01)


def stats(p99_s: float = 0.02, errors: int = 0, achieved: float = 100.0, **kw: object) -> dict:
    return {"requests": 1000, "errors": errors, "p99": p99_s, "achieved_rate": achieved, **kw}


def test_slo_holds_within_bounds() -> None:
    assert slo_verdict(stats(), SLO, 100) == (True, "")


@pytest.mark.parametrize(
    ("s", "why"),
    [
        (stats(p99_s=0.051), "p99 51 ms > 50 ms"),
        (stats(errors=11), "errors 1.1% > 1.0%"),
        (stats(achieved=96.0), "achieved 96/s < 97% of 100/s"),
        (stats(healthy_after=False), "unhealthy after the probe"),
        (stats(p99_s=math.nan), "p99 nan ms > 50 ms"),
        ({"requests": 0}, "no request completed in the measured window"),
    ],
)
def test_slo_misses_say_why(s: dict, why: str) -> None:
    ok, reason = slo_verdict(s, SLO, 100)
    assert not ok and why in reason


def test_tiers() -> None:
    assert tier_score(True, None) == 1.0
    assert tier_score(False, True) == 0.5
    assert tier_score(False, False) == 0.0
    assert tier_score(False, None) == 0.0


def test_calibration_widens_the_bound_on_a_slow_machine() -> None:
    slo = calibrated_slo(SLO, [(100, stats(p99_s=0.030))])
    assert slo is not None and (slo.rate, slo.p99_ms) == (100, pytest.approx(90.0))
    assert slo.source == "reference p99 30.0 ms"


def test_calibration_keeps_the_declared_bound_on_a_fast_machine() -> None:
    slo = calibrated_slo(SLO, [(100, stats(p99_s=0.005))])
    assert slo is not None and slo.p99_ms == 50


def test_calibration_halves_the_rate_when_the_reference_cannot_keep_up() -> None:
    tried = [(100, stats(achieved=60.0, p99_s=2.0)), (50, stats(achieved=50.0, p99_s=0.04))]
    slo = calibrated_slo(SLO, tried)
    assert slo is not None and (slo.rate, slo.p99_ms) == (50, pytest.approx(120.0))


def test_calibration_fails_when_the_reference_errs_everywhere() -> None:
    assert calibrated_slo(SLO, [(100, stats(errors=500)), (50, stats(errors=500))]) is None


def _security(*checks: CheckResult) -> GradingOutcome:
    return GradingOutcome("graded", "", 1.0, [GradeResult("security", "ok", 1.0, checks=checks)])


def test_probe_outcomes_fold_checks_per_probe() -> None:
    outcome = _security(
        probe("a1", "passed", "SP-AUTHN"),
        probe("a2", "skipped", "SP-AUTHN"),
        probe("b1", "passed", "SP-INJ"),
        probe("b2", "failed", "SP-INJ"),
        probe("c", "skipped", "SP-DOS"),
    )
    assert probe_outcomes(outcome) == {
        "SP-AUTHN": "passed",
        "SP-INJ": "failed",
        "SP-DOS": "inconclusive",
    }
    assert probe_problems(probe_outcomes(outcome)) == [
        "probe SP-DOS is inconclusive on the reference",
        "probe SP-INJ is failed on the reference",
    ]


def test_probe_note_says_what_a_probe_saw_and_why_it_could_not_tell() -> None:
    from dataclasses import replace

    skipped = CheckResult(
        "c", "skipped", "inconclusive: no probe password was recorded", probe="SP-CRED"
    )
    assert probe_note(_security(skipped), "SP-CRED") == (
        "inconclusive: inconclusive: no probe password was recorded"
    )
    assert probe_note(_security(probe("c", "passed", "SP-CRED")), "SP-CRED") == "passed"
    assert probe_note(_security(probe("c", "failed", "SP-CRED")), "SP-CRED") == "failed"
    assert probe_note(_security(probe("c", "passed", "SP-INJ")), "SP-CRED") == "not run"
    broken = GradingOutcome(
        "graded", "", 1.0, [GradeResult("security", "error", None, "pytest timed out")]
    )
    assert probe_note(broken, "SP-CRED") == "security grader error: pytest timed out"
    dead = replace(broken, status="startup_failed", reason="exited 0", results=[])
    assert probe_note(dead, "SP-CRED") == "not graded (startup_failed: exited 0)"


def test_probe_killers_name_the_mutants_each_reference_probe_failed_against() -> None:
    from pathlib import Path

    mutants = {
        Path("m/leaky"): _security(probe("a", "failed", "SP-LEAK"), probe("b", "passed", "SP-INJ")),
        Path("m/quiet"): _security(probe("a", "skipped", "SP-LEAK"), probe("x", "failed", "SP-X")),
    }
    assert probe_killers({"SP-LEAK": "passed", "SP-INJ": "passed"}, mutants) == {
        "SP-LEAK": ["leaky"],
        "SP-INJ": [],
    }


def test_secure_resolved_needs_resolved_and_no_failed_probe() -> None:
    functional = GradeResult("functional", "ok", 1.0, checks=(CheckResult("f", "passed"),))
    clean = GradeResult("security", "ok", 1.0, checks=(probe("p", "passed", "SP-LEAK"),))
    leaky = GradeResult("security", "ok", 0.5, checks=(probe("p", "failed", "SP-LEAK"),))
    weights = {"functional": 0.5, "security": 0.5}

    assert composite(weights, [functional, clean]).secure_resolved
    c = composite(weights, [functional, leaky])
    assert c.resolved and not c.secure_resolved and c.score == 0.75


def test_skipped_grader_is_missing_with_its_reason() -> None:
    functional = GradeResult("functional", "ok", 1.0, checks=(CheckResult("f", "passed"),))
    perf = GradeResult("performance", "skipped", None, "the task declares no [load]")
    c = composite({"functional": 1.0}, [functional, perf])
    assert c.score == 1.0 and c.missing == {"performance": "the task declares no [load]"}
