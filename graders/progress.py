"""Parse the prober conftest's progress lines: one JSON object per collected hidden test
(outcome `pending`), then one per finished test, the record of a pytest run that was killed
before it could write its JUnit XML. Pure."""

import json

from graders.base import CheckResult

OUTCOMES = ("passed", "failed", "error", "skipped", "pending")
NOT_RUN = "not run: the hidden tests were stopped at their time limit"


class ProgressParseError(ValueError):
    pass


def parse_progress(text: str) -> list[CheckResult]:
    """One CheckResult per test, its last line winning; a test still pending failed (it never
    ran). A line that is not one of the conftest's is an error; a truncated last line (a kill
    mid-write) is left out."""
    lines = text.splitlines()
    if lines and not text.endswith("\n"):
        lines = lines[:-1]
    checks = {c.name: c for c in (_check(n, line) for n, line in enumerate(lines, 1) if line)}
    return list(checks.values())


def _check(n: int, line: str) -> CheckResult:
    try:
        data = json.loads(line)
    except ValueError:
        raise ProgressParseError(f"progress line {n} is not JSON") from None
    if not isinstance(data, dict) or data.get("outcome") not in OUTCOMES:
        raise ProgressParseError(f"progress line {n} has no outcome")
    name, critical = str(data.get("name", "")), bool(data.get("critical"))
    if data["outcome"] == "pending":
        return CheckResult(name, "failed", NOT_RUN, critical)
    return CheckResult(
        name, data["outcome"], critical=critical, unanswered=bool(data.get("unanswered"))
    )
