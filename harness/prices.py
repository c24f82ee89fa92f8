"""Model prices in USD per million tokens, dated. Unknown models are priced None, never 0."""

from dataclasses import dataclass

from harness.models.base import Usage

PRICES_AS_OF = "2026-10-24"


@dataclass(frozen=True)
class Price:
    input: float
    cache_write: float
    cache_read: float
    output: float


PRICES: dict[str, Price] = {
    "claude-opus-5-5": Price(4.0, 5.0, 0.20, 20.0),
    "claude-opus-5": Price(5.0, 6.25, 0.50, 25.0),
    "claude-opus-4-8": Price(5.0, 6.25, 0.50, 25.0),
    "claude-sonnet-5-5": Price(2.0, 2.50, 0.10, 10.0),
    "claude-sonnet-5": Price(2.0, 2.50, 0.20, 10.0),
    "claude-sonnet-4-5": Price(3.0, 3.75, 0.30, 15.0),
    "claude-haiku-4-5": Price(1.0, 1.25, 0.10, 5.0),
}
FREE_MODELS = frozenset({"oracle", "noop"})


def cost_usd(model: str, usage: Usage) -> float | None:
    """Cost of `usage` on `model` (5-minute cache writes), or None if the price is unknown."""
    if model in FREE_MODELS:
        return 0.0
    price = PRICES.get(model.removeprefix("anthropic/"))
    if price is None:
        return None
    return (
        usage.input_tokens * price.input
        + usage.cache_creation_input_tokens * price.cache_write
        + usage.cache_read_input_tokens * price.cache_read
        + usage.output_tokens * price.output
    ) / 1e6
