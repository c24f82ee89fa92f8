"""Lint grader (`quality`): ruff with archbench's fixed rules over the agent's Python files,
violations per KLOC compared with the task's reference solution. mypy (non-strict) is reported
beside it as a separate signal, never scored.

Both run in the prober on copies of the files; neither executes agent code, and both ignore any
configuration the agent wrote (`ruff --isolated`, `mypy --config-file /dev/null`).
"""

import json
import time
from collections import Counter
from dataclasses import dataclass

from graders.base import GradeContext, GradeResult

RUFF_SELECT = "E,F,B,S,ASYNC,UP,SIM,PL"
RUFF_IGNORE = "S104,S101,PLR2004,PLR0913,E501"  # S104: the service must bind 0.0.0.0
EXCLUDED_PREFIXES = ("tests/visible/",)
ZERO_AT_MULTIPLE = 3.0
"""The score falls linearly from 1.0 at the reference's rate to 0 at this multiple of it."""
RATE_FLOOR = 2.0
"""Violations per KLOC always allowed, so a spotless reference does not make one nit fatal."""
LINT_ROOT = "/grader/lint"


def count_loc(files: dict[str, bytes]) -> int:
    """Non-blank, non-comment lines in the .py files that count. Pure."""
    total = 0
    for name, data in files.items():
        if counts_for_lint(name):
            for line in data.decode(errors="replace").splitlines():
                stripped = line.strip()
                total += bool(stripped) and not stripped.startswith("#")
    return total


def counts_for_lint(name: str) -> bool:
    return name.endswith(".py") and not name.startswith(EXCLUDED_PREFIXES)


def parse_ruff_json(text: str) -> Counter[str]:
    """Violations by rule code from `ruff check --output-format json`. Pure."""
    items = json.loads(text) if text.strip() else []
    return Counter(str(item.get("code") or "syntax-error") for item in items)


def parse_mypy_errors(text: str) -> int:
    return sum(": error:" in line for line in text.splitlines())


def per_kloc(count: int, loc: int) -> float:
    return 1000.0 * count / loc if loc else 0.0


def lint_score(rate: float, reference_rate: float) -> float:
    """1.0 at or below the reference's rate (floored), falling linearly to 0 at 3x. Pure."""
    base = max(reference_rate, RATE_FLOOR)
    if rate <= base:
        return 1.0
    return max(0.0, 1.0 - (rate - base) / (base * (ZERO_AT_MULTIPLE - 1.0)))


@dataclass(frozen=True)
class LintCounts:
    rules: Counter[str]
    mypy_errors: int


def ruff_cmd(folder: str) -> list[str]:
    return [
        "ruff",
        "check",
        "--isolated",
        "--no-cache",
        "--select",
        RUFF_SELECT,
        "--ignore",
        RUFF_IGNORE,
        "--line-length",
        "100",
        "--target-version",
        "py311",
        "--exclude",
        "tests/visible",
        "--output-format",
        "json",
        "--exit-zero",
        folder,
    ]


MYPY_CMD = [
    "mypy",
    "--config-file",
    "/dev/null",
    "--ignore-missing-imports",
    "--no-color-output",
    "--no-error-summary",
    "--cache-dir",
    "/tmp/mypy-cache",
    "--exclude",
    "tests/visible",
    ".",
]


class LintGrader:
    name = "quality"

    async def _counts(self, ctx: GradeContext, folder: str) -> LintCounts | str:
        ruff = await ctx.env.prober_exec(ruff_cmd(folder), timeout=120)
        if ruff.exit_code != 0:
            return f"ruff failed ({ruff.exit_code}): {ruff.output[-300:]}"
        mypy = await ctx.env.prober_exec(
            ["bash", "-c", f"cd {folder} && {' '.join(MYPY_CMD)}"], timeout=180
        )
        try:
            return LintCounts(parse_ruff_json(ruff.output), parse_mypy_errors(mypy.output))
        except json.JSONDecodeError:
            return f"ruff output is not JSON: {ruff.output[:200]}"

    async def grade(self, ctx: GradeContext) -> GradeResult:
        start = time.monotonic()
        agent = await self._counts(ctx, f"{LINT_ROOT}/agent")
        reference = await self._counts(ctx, f"{LINT_ROOT}/reference")
        for got in (agent, reference):
            if isinstance(got, str):
                return GradeResult(self.name, "error", None, got, duration=time.monotonic() - start)
        assert isinstance(agent, LintCounts) and isinstance(reference, LintCounts)
        loc, ref_loc = count_loc(ctx.agent_files), count_loc(ctx.reference_files)
        if loc == 0:
            return GradeResult(
                self.name,
                "error",
                None,
                "no Python files to lint",
                duration=time.monotonic() - start,
            )
        rate = per_kloc(sum(agent.rules.values()), loc)
        ref_rate = per_kloc(sum(reference.rules.values()), ref_loc)
        details = {
            "rules": dict(agent.rules.most_common()),
            "loc": loc,
            "per_kloc": rate,
            "reference_per_kloc": ref_rate,
            "reference_rules": dict(reference.rules),
            "mypy_errors": agent.mypy_errors,
            "mypy_per_kloc": per_kloc(agent.mypy_errors, loc),
            "reference_mypy_per_kloc": per_kloc(reference.mypy_errors, ref_loc),
        }
        return GradeResult(
            self.name,
            "ok",
            lint_score(rate, ref_rate),
            details=details,
            duration=time.monotonic() - start,
        )
