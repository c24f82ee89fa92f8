"""Money helpers: amounts travel as decimal strings with two decimals and are stored as cents."""

import re
from decimal import Decimal

AMOUNT_RE = re.compile(r"^-?(0|[1-9][0-9]{0,9})\.[0-9]{2}$")
CURRENCIES = ("EUR", "USD", "GBP")


def to_cents(amount: str) -> int:
    return int(Decimal(amount) * 100)


def to_amount(cents: int) -> str:
    return f"{Decimal(cents) / 100:.2f}"


def check_amount(value: str) -> str:
    if not AMOUNT_RE.fullmatch(value):
        raise ValueError('must be a decimal string with two decimals, e.g. "12.50"')
    return value
