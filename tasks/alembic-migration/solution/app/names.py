"""The rules shared by the API and migration 0003 (which keeps its own frozen copy)."""

from decimal import ROUND_HALF_UP, Decimal


def split_full_name(full_name: str) -> tuple[str, str]:
    """Split on runs of whitespace: the last word is the last name, the rest the first name."""
    words = full_name.split()
    if not words:
        return "", ""
    if len(words) == 1:
        return words[0], ""
    return " ".join(words[:-1]), words[-1]


def to_cents(amount: float) -> int:
    """A dollar amount, read as the decimal it prints as, rounded half up to whole cents."""
    return int((Decimal(f"{amount:.15g}") * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
