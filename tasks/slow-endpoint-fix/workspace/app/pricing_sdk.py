"""Vendored stand-in for the pricing SDK (third-party code: do not modify this file).

The real SDK performs a synchronous HTTPS call to the pricing service and blocks the calling
thread for about half a second; this stand-in reproduces that behaviour and the data.
"""

import time

_TAX_RATES_BP = {
    "books": 700,
    "electronics": 1900,
    "food": 700,
    "garden": 1900,
    "music": 1900,
    "office": 1900,
    "sports": 1900,
    "toys": 1900,
}
DEFAULT_RATE_BP = 1900


def get_tax_rates() -> dict[str, int]:
    """Current tax rates per product category, in basis points (1900 = 19 %). Blocks ~0.5 s."""
    time.sleep(0.5)
    return dict(_TAX_RATES_BP)
