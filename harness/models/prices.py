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
FREE_MODELS = frozenset({"oracle", "noop", "mutant", "scripted"})
"""Scripted models and the scripted judge."""


def is_free(model: str) -> bool:
    """Scripted and replayed models make no API calls."""
    return model in FREE_MODELS or model.startswith("replay:")


def price_of(model: str, overrides: dict[str, Price] | None = None) -> Price | None:
    """The price of `model` from --price overrides, else the dated table (by bare model id)."""
    if overrides and model in overrides:
        return overrides[model]
    return PRICES.get(model.partition("/")[2] if "/" in model else model)


def parse_price(text: str) -> tuple[str, Price]:
    """'MODEL=IN,OUT[,CACHE_WRITE,CACHE_READ]' (USD per million tokens) -> (model, Price).
    Raises ValueError with what is wrong. Pure."""
    model, sep, numbers = text.partition("=")
    parts = [p.strip() for p in numbers.split(",")]
    if not sep or not model.strip() or len(parts) not in (2, 4):
        raise ValueError("write MODEL=IN,OUT or MODEL=IN,OUT,CACHE_WRITE,CACHE_READ")
    try:
        values = [float(p) for p in parts]
    except ValueError:
        raise ValueError(
            f"prices must be numbers (USD per million tokens), got {numbers!r}"
        ) from None
    if any(v < 0 for v in values):
        raise ValueError("prices must be >= 0")
    inp, out = values[0], values[1]
    write, read = (values[2], values[3]) if len(values) == 4 else (inp, inp)
    return model.strip(), Price(inp, write, read, out)


def cost_usd(model: str, usage: Usage, overrides: dict[str, Price] | None = None) -> float | None:
    """Cost of `usage` on `model` (5-minute cache writes), or None if the price is unknown."""
    if is_free(model):
        return 0.0
    price = price_of(model, overrides)
    if price is None:
        return None
    return (
        usage.input_tokens * price.input
        + usage.cache_creation_input_tokens * price.cache_write
        + usage.cache_read_input_tokens * price.cache_read
        + usage.output_tokens * price.output
    ) / 1e6
