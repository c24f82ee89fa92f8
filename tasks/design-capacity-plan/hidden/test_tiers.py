"""The api and jobs tiers: workers per instance (cores and memory), cores needed, instance counts
that hold the utilisation ceiling with one instance lost (N+1), utilisation, monthly cost."""

import math
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from helpers import (
    OVERPROVISION,
    assert_close,
    get,
    instance_types,
    minimum_instances,
    number,
    plan,
    platform,
    tier_cores,
    tier_type,
    workers_per_instance,
)

TIERS = ["api", "jobs"]


@pytest.mark.parametrize("tier", TIERS)
def test_workers_per_instance_fit_cores_and_memory(tier):
    data = plan()
    expected = workers_per_instance(tier, tier_type(data, tier))
    got = get(data, "tiers", tier, "workers_per_instance")
    assert got == expected, (
        f"tiers.{tier}.workers_per_instance = {got}, but {tier_type(data, tier)} runs {expected} "
        "(one process per vCPU at most, each needing its resident memory beside the OS reserve)"
    )


@pytest.mark.critical
@pytest.mark.parametrize("tier", TIERS)
def test_tier_cpu_cores_needed(tier):
    assert_close(
        number(plan(), "tiers", tier, "cpu_cores_needed"),
        tier_cores(tier),
        f"tiers.{tier}.cpu_cores_needed",
    )


@pytest.mark.critical
@pytest.mark.parametrize("tier", TIERS)
def test_instances_hold_the_ceiling_with_one_lost(tier):
    data = plan()
    minimum = minimum_instances(tier, tier_type(data, tier))
    got = get(data, "tiers", tier, "instances")
    assert got >= minimum, (
        f"tiers.{tier}.instances = {got}: {tier_type(data, tier)} needs {minimum} to keep "
        f"{tier_cores(tier):.1f} cores under the utilisation ceiling with one instance lost (N+1)"
    )


@pytest.mark.parametrize("tier", TIERS)
def test_instances_are_not_overprovisioned(tier):
    data = plan()
    cap = math.ceil(minimum_instances(tier, tier_type(data, tier)) * OVERPROVISION)
    got = get(data, "tiers", tier, "instances")
    assert got <= cap, (
        f"tiers.{tier}.instances = {got}, more than 25% above the minimum ({cap} at most)"
    )


@pytest.mark.parametrize("tier", TIERS)
def test_utilisation_at_target(tier):
    data = plan()
    workers = workers_per_instance(tier, tier_type(data, tier)) * number(
        data, "tiers", tier, "instances"
    )
    expected = tier_cores(tier) / workers
    got = number(data, "tiers", tier, "utilisation_at_target")
    assert_close(got, expected, f"tiers.{tier}.utilisation_at_target")
    assert got <= float(platform()["utilisation_ceiling"]), (
        f"tiers.{tier} runs above the utilisation ceiling"
    )


def test_monthly_cost():
    data = plan()
    hours = float(platform()["hours_per_month"])
    expected = sum(
        number(data, "tiers", tier, "instances")
        * instance_types()[tier_type(data, tier)].usd_per_hour
        * hours
        for tier in TIERS
    )
    assert_close(number(data, "monthly_cost_usd"), expected, "monthly_cost_usd")
