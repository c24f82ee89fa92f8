"""cost_usd: dated prices per million tokens; free offline models; unknown models cost None."""

import pytest

from harness.models.base import Usage
from harness.models.prices import PRICES, cost_usd

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


def test_parse_price_forms_and_errors() -> None:
    from harness.models.prices import Price, parse_price

    assert parse_price("openai/qwen=0.5,1.5") == ("openai/qwen", Price(0.5, 0.5, 0.5, 1.5))
    assert parse_price("m=1,2,3,4") == ("m", Price(1.0, 3.0, 4.0, 2.0))
    for bad, why in [
        ("m", "write MODEL=IN,OUT"),
        ("m=1", "write MODEL=IN,OUT"),
        ("=1,2", "write MODEL=IN,OUT"),
        ("m=a,b", "prices must be numbers"),
        ("m=-1,2", "prices must be >= 0"),
    ]:
        with pytest.raises(ValueError, match=why):
            parse_price(bad)


def test_overrides_price_unknown_models_and_free_models_cost_nothing() -> None:
    from harness.models.prices import Price, cost_usd, is_free

    assert (
        cost_usd("openai/qwen", Usage(input_tokens=2_000_000), {"openai/qwen": Price(1, 1, 1, 2)})
        == 2.0
    )
    assert cost_usd("openai/qwen", Usage(input_tokens=1)) is None
    assert is_free("mutant") and is_free("replay:results/x") and not is_free("anthropic/x")
