"""Money in v2: an integer amount of minor units with a currency from the prompt's list, in the
order and refund objects and in the requests that create them."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from helpers import errors_of, fixtures, request_validator, response_validator

MONEY_CASES = [
    ("createOrder", "response", "order"),
    ("getOrder", "response", "order"),
    ("createRefund", "response", "refund"),
    ("createOrder", "request", "create_order"),
    ("createRefund", "request", "create_refund"),
]


def _validator(operation_id: str, side: str):
    if side == "request":
        return request_validator(operation_id)
    return response_validator(operation_id)


@pytest.mark.critical
@pytest.mark.parametrize(("operation_id", "side", "example"), MONEY_CASES)
def test_integer_minor_units_in_every_listed_currency_validate(operation_id, side, example):
    validator = _validator(operation_id, side)
    for currency in fixtures()["currencies"]:
        instance = dict(fixtures()[example], currency=currency)
        errors = errors_of(validator, instance)
        assert not errors, f"{operation_id} {side} rejects a valid example in {currency}: {errors}"


@pytest.mark.critical
@pytest.mark.parametrize(("operation_id", "side", "example"), MONEY_CASES)
def test_amounts_that_are_not_integers_are_rejected(operation_id, side, example):
    validator = _validator(operation_id, side)
    for bad in ("float_amount", "string_amount"):
        instance = dict(fixtures()[example], amount=fixtures()[bad])
        assert errors_of(validator, instance), (
            f"{operation_id} {side} accepts amount={fixtures()[bad]!r}:"
            " v2 amounts are integers of minor units"
        )


@pytest.mark.parametrize(("operation_id", "side", "example"), MONEY_CASES)
def test_currencies_outside_the_list_are_rejected(operation_id, side, example):
    validator = _validator(operation_id, side)
    instance = dict(fixtures()[example], currency=fixtures()["foreign_currency"])
    assert errors_of(validator, instance), (
        f"{operation_id} {side} accepts currency {fixtures()['foreign_currency']!r};"
        f" it must be one of {fixtures()['currencies']}"
    )
    missing = {k: v for k, v in fixtures()[example].items() if k != "currency"}
    assert errors_of(validator, missing), f"{operation_id} {side} accepts an amount alone"
