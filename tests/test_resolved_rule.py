"""What resolved and secure_resolved mean, on literal check results, and the task.toml
`security_checks` key that names the hidden tests of security rules."""

from pathlib import Path

import pytest

from graders.base import CheckOutcome, CheckResult, GradeResult
from harness.errors import TaskSpecError
from harness.run.grading import composite, is_resolved, security_failures
from harness.tasks.spec import hidden_test_names, is_security_check, load_task, parse_task_toml

WEIGHTS = {"functional": 0.5, "security": 0.5}
RULES = ("test_isolation::*", "test_limits::test_body_*")
MINIMAL = 'id = "demo"\ntitle = "Demo"\ncategory = "api"\ndifficulty = 2\n'


def hidden(*checks: tuple[str, CheckOutcome, bool]) -> GradeResult:
    made = tuple(CheckResult(name, outcome, critical=crit) for name, outcome, crit in checks)
    passed = sum(c.outcome == "passed" for c in made)
    return GradeResult("functional", "ok", passed / len(made), checks=made)


def probes(*outcomes: CheckOutcome) -> GradeResult:
    made = tuple(CheckResult(f"security.p{i}", o, probe="SP-LEAK") for i, o in enumerate(outcomes))
    return GradeResult("security", "ok", 1.0, checks=made)


def test_a_failed_non_critical_check_leaves_the_sample_unresolved() -> None:
    results = [
        hidden(("tests.test_a::test_x", "passed", True), ("tests.test_a::t", "failed", False))
    ]
    assert not is_resolved(results)
    c = composite(WEIGHTS, [*results, probes("passed")], RULES)
    assert not c.resolved and not c.secure_resolved
    assert c.security_failures == ()


def test_every_check_that_ran_passing_resolves_skipped_ones_aside() -> None:
    results = [hidden(("tests.test_a::x", "passed", False), ("tests.test_a::y", "skipped", False))]
    assert is_resolved(results)
    assert not is_resolved([hidden(("tests.test_a::y", "skipped", False))])


def test_an_errored_check_or_grader_is_not_resolved() -> None:
    assert not is_resolved([hidden(("tests.test_a::x", "error", False))])
    assert not is_resolved([GradeResult("functional", "error", None, "prober broke")])
    assert not is_resolved([])


def test_a_failed_security_rule_test_breaks_both_bits_and_is_named() -> None:
    results = [
        hidden(
            ("tests.test_a::test_x", "passed", True),
            ("tests.test_isolation::test_other_tenant[read]", "failed", False),
        ),
        probes("passed"),
    ]
    c = composite(WEIGHTS, results, RULES)
    assert not c.resolved and not c.secure_resolved
    assert c.security_failures == ("tests.test_isolation::test_other_tenant[read]",)


def test_a_failed_probe_breaks_only_secure_resolved() -> None:
    results = [hidden(("tests.test_a::test_x", "passed", True)), probes("passed", "failed")]
    c = composite(WEIGHTS, results, RULES)
    assert c.resolved and not c.secure_resolved
    assert c.security_failures == ("security.p1",)
    clean = composite(WEIGHTS, [results[0], probes("passed", "skipped")], RULES)
    assert clean.resolved and clean.secure_resolved and clean.security_failures == ()


def test_security_failures_list_hidden_tests_then_probes() -> None:
    results = [
        hidden(
            ("tests.test_limits::test_body_chunked", "error", False),
            ("tests.test_limits::test_header", "failed", False),
        ),
        probes("failed"),
    ]
    assert security_failures(results, RULES) == [
        "tests.test_limits::test_body_chunked",
        "security.p0",
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("tests.test_isolation::test_x", True),
        ("tests.test_limits::test_body_chunked[post]", True),
        ("tests.test_limits::test_header", False),
        ("tests.test_isolation_extra::test_x", False),
        ("test_isolation::test_x", True),
    ],
)
def test_is_security_check_matches_module_and_test_globs(name: str, expected: bool) -> None:
    assert is_security_check(name, RULES) is expected


def test_a_parametrised_pattern_matches_only_its_case() -> None:
    assert is_security_check("tests.test_a::test_x[read]", ["test_a::test_x[[]read]"])
    assert not is_security_check("tests.test_a::test_x[write]", ["test_a::test_x[[]read]"])


def test_hidden_test_names_are_top_level_tests() -> None:
    source = "def helper(): ...\ndef test_a(): ...\nasync def test_b(): ...\n"
    assert hidden_test_names(source) == ["test_a", "test_b"]


@pytest.mark.parametrize("entry", ["test_a", "test_a::", "::test_x", "a b::c", "x::y::z"])
def test_a_malformed_security_check_names_the_key(entry: str) -> None:
    text = MINIMAL + f'[grading]\nsecurity_checks = ["{entry}"]\n'
    with pytest.raises(TaskSpecError, match=r"grading.security_checks.*module::test glob"):
        parse_task_toml(text, "task.toml")


def _task(tmp_path: Path, entry: str) -> Path:
    folder = tmp_path / "demo"
    for sub in ("workspace", "tests/visible", "hidden", "solution"):
        (folder / sub).mkdir(parents=True)
    (folder / "prompt.md").write_text("Build it.\n")
    (folder / "hidden" / "test_authz.py").write_text("def test_owner_only():\n    pass\n")
    (folder / "task.toml").write_text(MINIMAL + f'[grading]\nsecurity_checks = ["{entry}"]\n')
    return folder


def test_security_checks_are_validated_against_the_suite(tmp_path: Path) -> None:
    task = load_task(_task(tmp_path, "test_authz::test_owner_*"))
    assert task.spec.grading.security_checks == ("test_authz::test_owner_*",)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("test_nothing::*", "no .*test_nothing.py; name a hidden test module"),
        ("test_authz::test_admin*", "matches no test in .*test_authz.py; fix the test name"),
    ],
)
def test_a_pattern_that_names_no_hidden_test_is_an_error(
    tmp_path: Path, entry: str, message: str
) -> None:
    with pytest.raises(TaskSpecError, match=message):
        load_task(_task(tmp_path, entry))
