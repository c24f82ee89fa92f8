"""openapi-v2.yaml is a valid OpenAPI 3.1 document that keeps every v1 operation except the one
the prompt removes, and deprecation.yaml lists exactly that one as removed."""

import os
import sys

import pytest
from openapi_spec_validator import validate

sys.path.insert(0, os.path.dirname(__file__))
from helpers import REMOVED, counterpart, normalised, operations, plan, v1_operations, v2


@pytest.mark.critical
def test_v2_is_a_valid_openapi_document():
    doc = v2()
    try:
        validate(doc)
    except Exception as exc:  # the validator's errors have no common public base
        pytest.fail(f"openapi-v2.yaml is not a valid OpenAPI document: {str(exc)[:400]}")


def test_v2_is_openapi_3_1():
    version = str(v2().get("openapi", ""))
    assert version.startswith("3.1"), f"openapi-v2.yaml must be OpenAPI 3.1, says {version!r}"


@pytest.mark.critical
def test_every_kept_v1_operation_has_a_v2_counterpart():
    removed = set(plan()["removed_operations"])
    for operation_id in sorted(set(v1_operations()) - removed):
        counterpart(operation_id)  # fails naming the missing operation


def test_the_removed_operation_is_gone_and_listed():
    listed = set(plan()["removed_operations"])
    assert listed == REMOVED, (
        f"removed_operations must list the v1 operations v2 drops ({sorted(REMOVED)}),"
        f" and only those; it lists {sorted(listed)}"
    )
    old = v1_operations()
    still = [
        name
        for name in REMOVED
        if any(
            op.method == old[name].method and normalised(op.path) == normalised(old[name].path)
            for op in operations(v2())
        )
    ]
    assert not still, f"{still} are listed as removed but still in openapi-v2.yaml"
