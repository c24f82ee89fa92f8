"""What `tasks validate` concludes from one grading of a variant of the reference. Pure.

- a mutant (the reference with one flaw) must be killed (>= 1 check failed) and lose the bit its
  flaw concerns: `contract` -> not resolved, `security` -> a security check saw it (a probe or
  a declared security hidden test; see lost_bit), `performance` ->
  its performance objective failed (a failed load probe, or 0 because it is not resolved);
- an equivalent (the reference using a freedom the prompt grants) and an independent
  implementation must pass every check that ran, with full marks on every dimension that ran.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from graders.base import GradeResult
from harness.run.grading import GradingOutcome, composite
from harness.tasks.patches import Concerns

BIT_NAMES: dict[str, str] = {
    "contract": "resolved",
    "security": "secure_resolved",
    "performance": "its performance objective met",
}


@dataclass(frozen=True)
class MutantVerdict:
    name: str
    killed: bool
    status: str
    killers: tuple[str, ...]
    reason: str = ""
    concerns: Concerns | None = None
    lost_bit: bool | None = None
    """Whether it lost the bit its flaw concerns (None: not killed, or cannot tell)."""


@dataclass(frozen=True)
class VariantVerdict:
    """An equivalent's or an independent implementation's grading."""

    name: str
    status: str
    score: float | None
    failing: tuple[str, ...]
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "graded" and self.score == 1.0 and not self.failing

    def describe(self) -> str:
        if self.status != "graded":
            return f"not graded ({self.status}: {self.reason})"
        if self.failing:
            return f"fails {', '.join(self.failing)} (score {self.score:.3f})"
        return f"score {self.score:.3f} ({self.reason})" if not self.ok else "passes every check"


def failing_checks(outcome: GradingOutcome) -> tuple[str, ...]:
    return tuple(
        c.name for r in outcome.results for c in r.checks if c.outcome in ("failed", "error")
    )


def lost_bit(
    concerns: Concerns,
    weights: dict[str, float],
    results: list[GradeResult],
    security_checks: Sequence[str] = (),
    *,
    whole_suite: bool = True,
) -> bool | None:
    """Did a graded mutant lose the bit its flaw concerns? None when the performance objective
    was not measured on a resolved mutant (nothing to tell it by).

    A security flaw must be seen by a security check (a failed probe, or a failed hidden test
    the task declares in security_checks): that every killed mutant is unresolved, and so not
    secure_resolved, would prove nothing. When the hidden tests stopped at their first failure
    (`whole_suite` False, the quick form) the declared tests may not have run, so there an
    unresolved mutant counts as having lost it."""
    c = composite(weights, results, security_checks)
    if concerns == "contract":
        return not c.resolved
    if concerns == "security":
        return bool(c.security_failures) or (not whole_suite and not c.secure_resolved)
    if not c.resolved:
        return True  # an unresolved sample's performance counts 0
    perf = next((r for r in results if r.grader == "performance"), None)
    if perf is None or perf.status != "ok" or perf.score is None:
        return None
    return perf.score < 1.0


def mutant_verdict(
    name: str,
    outcome: GradingOutcome,
    concerns: Concerns | None = None,
    weights: dict[str, float] | None = None,
    security_checks: Sequence[str] = (),
    *,
    whole_suite: bool = True,
) -> MutantVerdict:
    """Killed = it started, was graded, and at least one check failed; then, with `concerns`
    and the task's `weights`, whether it lost its bit."""
    if outcome.status != "graded":
        return MutantVerdict(name, False, outcome.status, (), outcome.reason, concerns)
    found = failing_checks(outcome)
    lost = (
        lost_bit(concerns, weights, outcome.results, security_checks, whole_suite=whole_suite)
        if found and concerns and weights is not None
        else None
    )
    return MutantVerdict(name, bool(found), outcome.status, found, "", concerns, lost)


def mutant_problem(m: MutantVerdict) -> str | None:
    """The one thing wrong with a mutant, if any."""
    if m.concerns is None:
        return f"mutant {m.name} has no 'Concerns: contract|security|performance' line; add one"
    if not m.killed:
        return f"mutant {m.name} survived ({m.status}{': ' + m.reason if m.reason else ''})"
    if m.lost_bit is None:
        return (
            f"mutant {m.name}: cannot tell whether it lost {BIT_NAMES[m.concerns]} (not measured)"
        )
    if not m.lost_bit:
        return f"mutant {m.name} is killed but keeps {BIT_NAMES[m.concerns]} ({m.concerns} flaw)"
    return None


def variant_verdict(
    name: str, outcome: GradingOutcome, weights: dict[str, float]
) -> VariantVerdict:
    """Every check that ran passed, and every dimension that ran scored full marks (a quick
    form that skips quality and load is judged on the rest)."""
    if outcome.status != "graded":
        return VariantVerdict(name, outcome.status, None, (), outcome.reason)
    ran = {r.grader for r in outcome.results if r.status != "skipped"}
    c = composite({d: w for d, w in weights.items() if d in ran}, outcome.results)
    low = [f"{d}={v:.2f}" for d, v in c.dimensions.items() if d in ran and v is not None and v < 1]
    return VariantVerdict(name, "graded", c.score, failing_checks(outcome), " ".join(low))
