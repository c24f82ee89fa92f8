"""v2 lists are paged by an opaque cursor: cursor and limit parameters, no offset, and a
{data, next_cursor} page."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from helpers import errors_of, fixtures, query_parameters, response_validator

LISTS = [("listCustomers", "customer"), ("listOrders", "order")]


@pytest.mark.critical
@pytest.mark.parametrize("operation_id", [name for name, _ in LISTS])
def test_lists_take_cursor_and_limit_not_offset(operation_id):
    params = query_parameters(operation_id)
    missing = [name for name in ("cursor", "limit") if name not in params]
    assert not missing, f"{operation_id} in v2 lacks the query parameters {missing}"
    assert "offset" not in params, f"{operation_id} in v2 still takes offset"
    assert params["cursor"].get("required") is not True, "cursor must be optional (first page)"


@pytest.mark.critical
@pytest.mark.parametrize(("operation_id", "item"), LISTS)
def test_list_pages_have_data_and_next_cursor(operation_id, item):
    validator = response_validator(operation_id)
    row = fixtures()[item]
    for cursor in ("b3JkXzkxa1g", None):
        page = {"data": [row], "next_cursor": cursor}
        errors = errors_of(validator, page)
        assert not errors, f"{operation_id} rejects a valid page (next_cursor {cursor!r}): {errors}"
    assert errors_of(validator, {"items": [row], "total": 1}), (
        f"{operation_id} accepts the v1 page shape; data and next_cursor are required"
    )
