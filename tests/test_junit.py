"""parse_junit on literal pytest (junit_family=legacy) XML."""

import pytest

from graders.base import CheckResult
from graders.junit import JUnitParseError, parse_junit

LEGACY = """\
<?xml version="1.0" encoding="utf-8"?>
<testsuites>
  <testsuite name="pytest" errors="1" failures="1" skipped="1" tests="5" time="1.2">
    <testcase classname="tests.test_list" name="test_list_empty" time="0.01">
      <properties><property name="critical" value="1"/></properties>
    </testcase>
    <testcase classname="tests.test_create" name="test_create_201" time="0.02">
      <failure message="assert 400 == 201">tests/test_create.py:12: AssertionError</failure>
    </testcase>
    <testcase classname="tests.test_delete" name="test_delete[missing]" time="0.01">
      <error message="failed on setup with &quot;ConnectError&quot;">trace</error>
    </testcase>
    <testcase classname="tests.test_openapi" name="test_docs" time="0.0">
      <skipped type="pytest.skip" message="no /docs route">tests/test_openapi.py:3</skipped>
    </testcase>
    <testcase classname="tests.test_update" name="test_put" time="0.03">
      <properties><property name="critical" value="0"/></properties>
      <system-out>captured</system-out>
    </testcase>
  </testsuite>
</testsuites>
"""


def test_legacy_report_gives_one_check_per_testcase() -> None:
    assert parse_junit(LEGACY) == [
        CheckResult("tests.test_list::test_list_empty", "passed", "", True),
        CheckResult("tests.test_create::test_create_201", "failed", "assert 400 == 201", False),
        CheckResult(
            "tests.test_delete::test_delete[missing]",
            "error",
            'failed on setup with "ConnectError"',
            False,
        ),
        CheckResult("tests.test_openapi::test_docs", "skipped", "no /docs route", False),
        CheckResult("tests.test_update::test_put", "passed", "", False),
    ]


def test_failure_without_message_uses_text_trimmed_to_500() -> None:
    xml = (
        '<testsuite><testcase classname="c" name="n"><failure>'
        + "  "
        + "x" * 600
        + "  "
        + "</failure></testcase></testsuite>"
    )

    (check,) = parse_junit(xml)

    assert check.outcome == "failed"
    assert check.message == "x" * 500


@pytest.mark.parametrize("value", ["1", "true", "True"])
def test_critical_property_values(value: str) -> None:
    xml = (
        '<testsuites><testsuite><testcase classname="c" name="n"><properties>'
        f'<property name="critical" value="{value}"/>'
        "</properties></testcase></testsuite></testsuites>"
    )

    assert parse_junit(xml) == [CheckResult("c::n", "passed", "", True)]


def test_other_property_is_not_critical() -> None:
    xml = (
        '<testsuite><testcase classname="c" name="n"><properties>'
        '<property name="severity" value="1"/></properties></testcase></testsuite>'
    )

    assert parse_junit(xml) == [CheckResult("c::n", "passed", "", False)]


def test_missing_classname_gives_bare_name() -> None:
    assert parse_junit('<testsuite><testcase name="n"/></testsuite>') == [
        CheckResult("n", "passed")
    ]


def test_empty_suites_give_no_checks() -> None:
    assert parse_junit('<testsuites><testsuite name="pytest" tests="0"/></testsuites>') == []


@pytest.mark.parametrize(
    "xml",
    [
        pytest.param("", id="empty"),
        pytest.param("<testsuites><testsuite>", id="truncated"),
        pytest.param("pytest crashed", id="not-xml"),
    ],
)
def test_malformed_xml_raises(xml: str) -> None:
    with pytest.raises(JUnitParseError) as info:
        parse_junit(xml)

    assert str(info.value).startswith("JUnit XML is not well formed: ")


def test_wrong_root_raises() -> None:
    with pytest.raises(JUnitParseError) as info:
        parse_junit('<html><testcase name="n"/></html>')

    assert str(info.value) == "JUnit XML root is <html>, expected <testsuites>"
