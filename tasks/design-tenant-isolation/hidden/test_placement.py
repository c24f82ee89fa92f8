"""Every tenant is placed where its contract, its residency and the tiers' limits allow."""

import os
import sys
from collections import defaultdict

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from helpers import exceeds, placement, platform, platform_databases, tenants


def test_databases_exist_for_their_tier_and_region():
    dbs = platform_databases()
    bad = {}
    dedicated_names: dict[str, list[str]] = defaultdict(list)
    for tid, p in placement().items():
        if tid not in tenants():
            continue
        if p["tier"] == "dedicated":
            dedicated_names[p["database"]].append(tid)
            if p["database"] in dbs:
                bad[tid] = f"dedicated on the pooled database {p['database']}"
            elif p["region"] not in platform()["dedicated"]["regions"]:
                bad[tid] = f"no dedicated databases in {p['region']}"
            continue
        db = dbs.get(p["database"])
        if db is None or db["tier"] != p["tier"]:
            bad[tid] = f"{p['database']} is not a {p['tier']}-tier database of platform.json"
        elif db["region"] != p["region"]:
            bad[tid] = f"{p['database']} is in {db['region']}, the placement says {p['region']}"
    shared = {name: ids for name, ids in dedicated_names.items() if len(ids) > 1}
    assert not bad, f"placements that name the wrong database: {bad}"
    assert not shared, f"dedicated databases used by more than one tenant: {shared}"


def test_schema_names_are_unique_per_database():
    seen: dict[tuple[str, str], list[str]] = defaultdict(list)
    for tid, p in placement().items():
        if p["tier"] == "schema":
            seen[(p["database"], p["schema"])].append(tid)
    clashes = {f"{db}.{schema}": ids for (db, schema), ids in seen.items() if len(ids) > 1}
    assert not clashes, f"tenants sharing one schema: {clashes}"


@pytest.mark.critical
def test_residency_is_respected():
    wrong = {
        tid: f"must stay in {t['data_residency']}, placed in {placement()[tid]['region']}"
        for tid, t in tenants().items()
        if t["data_residency"] and placement()[tid]["region"] != t["data_residency"]
    }
    assert not wrong, f"data residency broken: {wrong}"


@pytest.mark.critical
def test_contractually_dedicated_tenants_get_their_own_database():
    wrong = [
        tid
        for tid, t in tenants().items()
        if "dedicated_database" in t["compliance"] and placement()[tid]["tier"] != "dedicated"
    ]
    assert not wrong, f"contracts require a dedicated database for {wrong}"


@pytest.mark.critical
def test_regulated_tenants_do_not_share_tables():
    wrong = [
        tid
        for tid, t in tenants().items()
        if "no_shared_tables" in t["compliance"] and placement()[tid]["tier"] == "shared"
    ]
    assert not wrong, f"tenants whose rows may not share a table are on the shared tier: {wrong}"


def test_tenants_fit_their_tier_limits():
    wrong = {
        tid: f"{t['storage_gb']} GB, {t['peak_qps']} qps over the {placement()[tid]['tier']} limit"
        for tid, t in tenants().items()
        if placement()[tid]["tier"] in ("shared", "schema") and exceeds(t, placement()[tid]["tier"])
    }
    assert not wrong, f"tenants over their tier's per-tenant limits: {wrong}"


def test_pooled_databases_stay_within_capacity():
    load: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for tid, t in tenants().items():
        db = placement()[tid]["database"]
        if placement()[tid]["tier"] != "dedicated":
            load[db][0] += t["storage_gb"]
            load[db][1] += t["peak_qps"]
            load[db][2] += 1
    over = {}
    for name, (gb, qps, count) in load.items():
        db = platform_databases().get(name)
        if db and (
            gb > db["max_storage_gb"] or qps > db["max_peak_qps"] or count > db["max_tenants"]
        ):
            over[name] = f"{gb:g} GB / {db['max_storage_gb']}, {qps:g} qps / {db['max_peak_qps']}"
    assert not over, f"databases over capacity: {over}"


def test_dedicated_databases_only_where_a_rule_requires_one():
    needless = [
        tid
        for tid, t in tenants().items()
        if placement()[tid]["tier"] == "dedicated"
        and "dedicated_database" not in t["compliance"]
        and not exceeds(t, "schema")
    ]
    assert not needless, f"dedicated databases no rule requires: {needless}"
