"""What validate concludes from one grading: mutants lose their bit, equivalents pass all."""

from graders.base import CheckOutcome, CheckResult, GradeResult
from harness.run.grading import GradingOutcome
from harness.run.verdicts import lost_bit, mutant_problem, mutant_verdict, variant_verdict

WEIGHTS = {"functional": 0.45, "security": 0.25, "performance": 0.15, "quality": 0.10}


def functional(*outcomes: CheckOutcome) -> GradeResult:
    checks = tuple(CheckResult(f"tests.t::c{i}", o, critical=True) for i, o in enumerate(outcomes))
    score = sum(o == "passed" for o in outcomes) / len(outcomes)
    return GradeResult("functional", "ok", score, checks=checks)


def security(outcome: CheckOutcome) -> GradeResult:
    check = CheckResult("security.inj", outcome, probe="SP-INJ")
    return GradeResult("security", "ok", 1.0 if outcome == "passed" else 0.0, checks=(check,))


def performance(score: float | None, status: str = "ok") -> GradeResult:
    return GradeResult("performance", status, score)  # type: ignore[arg-type]


def quality(score: float = 1.0) -> GradeResult:
    return GradeResult("quality", "ok", score)


def graded(*results: GradeResult) -> GradingOutcome:
    return GradingOutcome("graded", "", 1.0, list(results))


def test_a_contract_flaw_must_cost_resolved() -> None:
    unresolved = [functional("passed", "failed"), security("passed")]
    probe_only = [functional("passed", "passed"), security("failed")]
    assert lost_bit("contract", WEIGHTS, unresolved) is True
    assert lost_bit("contract", WEIGHTS, probe_only) is False


def test_a_security_flaw_must_cost_secure_resolved() -> None:
    assert lost_bit("security", WEIGHTS, [functional("passed"), security("failed")]) is True
    # a failed hidden check proves nothing about the security flaw unless it is a declared
    # security check; the quick form (hidden tests stopped at their first failure) cannot tell
    hidden_only = [functional("failed"), security("passed")]
    assert lost_bit("security", WEIGHTS, hidden_only) is False
    assert lost_bit("security", WEIGHTS, hidden_only, ["t::c*"]) is True
    assert lost_bit("security", WEIGHTS, hidden_only, whole_suite=False) is True
    assert lost_bit("security", WEIGHTS, [functional("passed"), security("passed")]) is False


def test_a_performance_flaw_must_fail_the_objective_or_cannot_be_told() -> None:
    ok = [functional("passed"), security("passed")]
    assert lost_bit("performance", WEIGHTS, [*ok, performance(0.5)]) is True
    assert lost_bit("performance", WEIGHTS, [*ok, performance(1.0)]) is False
    assert lost_bit("performance", WEIGHTS, [functional("failed"), performance(None)]) is True
    assert lost_bit("performance", WEIGHTS, [*ok, performance(None, "skipped")]) is None


def test_mutant_verdicts_and_their_one_problem() -> None:
    kept = mutant_verdict(
        "m", graded(functional("passed"), security("failed")), "contract", WEIGHTS
    )
    assert (kept.killed, kept.killers, kept.lost_bit) == (True, ("security.inj",), False)
    assert mutant_problem(kept) == "mutant m is killed but keeps resolved (contract flaw)"
    lost = mutant_verdict("m", graded(functional("failed")), "contract", WEIGHTS)
    assert lost.lost_bit is True and mutant_problem(lost) is None
    unsure = mutant_verdict(
        "m",
        graded(functional("passed"), quality(0.5), performance(None, "skipped")),
        "performance",
        WEIGHTS,
    )
    assert unsure.killed is False and "survived" in (mutant_problem(unsure) or "")
    dead = mutant_verdict(
        "m", GradingOutcome("startup_failed", "exit 3", None), "security", WEIGHTS
    )
    assert mutant_problem(dead) == "mutant m survived (startup_failed: exit 3)"


def test_an_equivalent_passes_every_check_that_ran_with_full_marks() -> None:
    quick = graded(
        functional("passed", "passed"),
        security("passed"),
        performance(None, "skipped"),
        GradeResult("quality", "skipped", None),
    )
    assert variant_verdict("e", quick, WEIGHTS).ok
    full = graded(functional("passed"), security("passed"), performance(0.5), quality())
    slow = variant_verdict("e", full, WEIGHTS)
    assert not slow.ok and slow.failing == ()
    assert slow.describe() == "score 0.921 (performance=0.50)"  # 1 - 0.15 * 0.5 / 0.95
    strict = variant_verdict(
        "e", graded(functional("passed", "failed"), security("passed")), WEIGHTS
    )
    assert strict.failing == ("tests.t::c1",)
    assert strict.describe().startswith("fails tests.t::c1 (score ")
    dead = variant_verdict("e", GradingOutcome("startup_failed", "exit 3", None), WEIGHTS)
    assert dead.describe() == "not graded (startup_failed: exit 3)"
