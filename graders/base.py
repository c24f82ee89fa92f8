"""The Grader seam: `grade(context) -> GradeResult`, registered in an explicit dict.

A grader that cannot grade says so (status "error" and a reason); it never scores 0 or 1
silently.
"""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol

from graders.environment import GradingEnv
from harness.tasks.spec import Task

if TYPE_CHECKING:
    from graders.functional import HeldTests
    from harness.judge import Judge

CheckOutcome = Literal["passed", "failed", "error", "skipped"]


@dataclass(frozen=True)
class CheckResult:
    name: str
    outcome: CheckOutcome
    message: str = ""
    critical: bool = False
    probe: str = ""
    """Security probes only: the family (SP-*) or the task's own probe id."""
    cwe: int | None = None
    exploit_critical: bool = False
    """Security probes only: an attack whose success zeroes the security score."""
    unanswered: bool = False
    """Failed because the service left it unanswered (a timeout, nothing listening, the
    prober's breaker open): the submission's failure, and no evidence of an exploit."""


@dataclass(frozen=True)
class GradeResult:
    grader: str
    status: Literal["ok", "error", "skipped"]
    """skipped: not applicable to this task (e.g. it declares no probes); reason says why."""
    score: float | None
    reason: str = ""
    checks: tuple[CheckResult, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)
    duration: float = 0.0

    @property
    def passed(self) -> int:
        return sum(c.outcome == "passed" for c in self.checks)

    @property
    def total(self) -> int:
        """Checks that ran (skipped ones do not count)."""
        return sum(c.outcome != "skipped" for c in self.checks)


@dataclass(frozen=True)
class ProbeSettings:
    """Load-probe lengths (seconds), whether the SLO is calibrated on the reference, and whether
    the probe may stop early."""

    warmup: float = 10.0
    duration: float = 30.0
    calibrate: bool = False
    sequential: bool = True
    """Stop measuring as soon as the verdict is clear (graders/seqstop.py); False: always the
    whole duration (`--probe-length fixed`)."""


@dataclass(frozen=True)
class Slo:
    """A load probe's objective: p99 bound and error rate at an arrival rate."""

    rate: float
    p99_ms: float
    max_error_rate: float
    source: str = "task.toml"


@dataclass(frozen=True)
class GradeContext:
    task: Task
    env: GradingEnv
    agent_files: dict[str, bytes] = field(default_factory=dict)
    """The graded workspace's regular files, by path relative to /workspace."""
    reference_files: dict[str, bytes] = field(default_factory=dict)
    """The reference solution laid over the starter workspace, likewise."""
    probe: ProbeSettings = field(default_factory=ProbeSettings)
    slo: Slo | None = None
    """The calibrated SLO for this task in this run (None: the one task.toml declares)."""
    fail_fast: bool = False
    held: "HeldTests | None" = None
    """The hidden tests, already started and collected during the service's boot (the
    functional grader releases them instead of starting pytest)."""
    """Stop the hidden tests at the first failing check (validation of mutants: one killer is
    enough to know a mutant is caught; the score of such a grading is not a sample's score)."""
    judge: "Judge | None" = None
    """Answers a design task's rubric (the design grader); None where no run gave one."""
    judge_samples: int = 3
    """Judge samples per rubric criterion; a criterion is met by a strict majority."""


class Grader(Protocol):
    name: str

    async def grade(self, ctx: GradeContext) -> GradeResult: ...
