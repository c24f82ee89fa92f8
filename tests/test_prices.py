"""cost_usd: dated prices per million tokens; free offline models; unknown models cost None."""

import pytest

from harness.models.base import Usage
from harness.prices import PRICES, cost_usd

USAGE = Usage(
    input_tokens=2_000_000,
    output_tokens=100_000,
    cache_creation_input_tokens=400_000,
    cache_read_input_tokens=1_000_000,
)


def test_known_model_sums_each_token_kind_at_its_price() -> None:
    # sonnet 4.5: 2M*$3 + 0.1M*$15 + 0.4M*$3.75 + 1M*$0.30 = 6 + 1.5 + 1.5 + 0.3
    assert cost_usd("claude-sonnet-4-5", USAGE) == pytest.approx(9.3, abs=1e-12)


def test_each_price_applies_to_its_own_token_kind() -> None:
    price = PRICES["claude-haiku-4-5"]

    assert cost_usd("claude-haiku-4-5", Usage(input_tokens=1_000_000)) == price.input
    assert cost_usd("claude-haiku-4-5", Usage(output_tokens=1_000_000)) == price.output
    assert (
        cost_usd("claude-haiku-4-5", Usage(cache_creation_input_tokens=1_000_000))
        == price.cache_write
    )
    assert (
        cost_usd("claude-haiku-4-5", Usage(cache_read_input_tokens=1_000_000)) == price.cache_read
    )


def test_anthropic_prefix_is_accepted() -> None:
    assert cost_usd("anthropic/claude-sonnet-4-5", USAGE) == cost_usd("claude-sonnet-4-5", USAGE)


@pytest.mark.parametrize("model", ["oracle", "noop"])
def test_offline_models_are_free(model: str) -> None:
    assert cost_usd(model, USAGE) == 0.0


@pytest.mark.parametrize(
    "model",
    ["gpt-x", "anthropic/claude-sonnet-4-5-20250929", "claude-sonnet-4", "anthropic/oracle", ""],
)
def test_unknown_models_cost_none(model: str) -> None:
    assert cost_usd(model, USAGE) is None


def test_zero_usage_costs_zero() -> None:
    assert cost_usd("claude-opus-4-8", Usage()) == 0.0
