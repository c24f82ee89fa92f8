"""customer_name is split into given_name and family_name in v2."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from helpers import errors_of, fixtures, request_validator, response_validator


@pytest.mark.critical
def test_create_customer_takes_the_split_name():
    validator = request_validator("createCustomer")
    errors = errors_of(validator, fixtures()["create_customer"])
    assert not errors, f"createCustomer rejects a valid v2 request: {errors}"
    assert errors_of(validator, fixtures()["create_customer_v1_shape"]), (
        "createCustomer in v2 accepts the v1 body with only customer_name;"
        " given_name and family_name are required"
    )


@pytest.mark.parametrize("operation_id", ["createCustomer", "getCustomer"])
def test_customer_objects_carry_the_split_name(operation_id):
    validator = response_validator(operation_id)
    customer = fixtures()["customer"]
    errors = errors_of(validator, customer)
    assert not errors, f"{operation_id} rejects a valid v2 customer: {errors}"
    for field in ("given_name", "family_name"):
        partial = {k: v for k, v in customer.items() if k != field}
        assert errors_of(validator, partial), f"{operation_id}: {field} must be required"
