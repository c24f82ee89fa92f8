"""Parse pytest's JUnit XML into check results. Pure."""

import xml.etree.ElementTree as ET

from graders.base import CheckOutcome, CheckResult


class JUnitParseError(ValueError):
    pass


def _outcome(case: ET.Element) -> tuple[CheckOutcome, str]:
    for tag, outcome in (("failure", "failed"), ("error", "error"), ("skipped", "skipped")):
        node = case.find(tag)
        if node is not None:
            return outcome, (node.get("message") or node.text or "").strip()[:500]  # type: ignore[return-value]
    return "passed", ""


def _properties(case: ET.Element) -> dict[str, str]:
    return {p.get("name", ""): p.get("value", "") for p in case.iter("property")}


def _flag(props: dict[str, str], name: str) -> bool:
    return props.get(name) in ("1", "True", "true")


def parse_junit(xml: str) -> list[CheckResult]:
    """One CheckResult per <testcase>, named `classname::name`."""
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as e:
        raise JUnitParseError(f"JUnit XML is not well formed: {e}") from None
    if root.tag not in ("testsuites", "testsuite"):
        raise JUnitParseError(f"JUnit XML root is <{root.tag}>, expected <testsuites>")
    checks = []
    for case in root.iter("testcase"):
        outcome, message = _outcome(case)
        name = f"{case.get('classname', '')}::{case.get('name', '')}".strip(":")
        props = _properties(case)
        cwe = props.get("cwe", "")
        checks.append(
            CheckResult(
                name,
                outcome,
                message,
                _flag(props, "critical"),
                probe=props.get("probe", ""),
                cwe=int(cwe) if cwe.isdigit() else None,
                exploit_critical=_flag(props, "exploit_critical"),
                unanswered=_flag(props, "unanswered"),
            )
        )
    return checks
