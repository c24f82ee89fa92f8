"""Rule 3: each table is written by exactly one service, which lists it in owns_tables."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from helpers import placement, service_tables, table_writers


@pytest.mark.critical
def test_every_table_is_written_by_one_service():
    where = placement()
    shared = {
        table: sorted({where[m] for m in writers})
        for table, writers in table_writers().items()
        if len({where[m] for m in writers}) > 1
    }
    assert not shared, f"tables written by modules of two or more services: {shared}"


def test_each_table_is_listed_by_exactly_one_service():
    listed: dict[str, list[str]] = {}
    for service, tables in service_tables().items():
        for table in set(tables):
            listed.setdefault(table, []).append(service)
    twice = {t: sorted(s) for t, s in listed.items() if len(s) > 1}
    unlisted = sorted(set(table_writers()) - set(listed))
    assert not twice, f"tables in the owns_tables of two or more services: {twice}"
    assert not unlisted, f"tables in no service's owns_tables: {unlisted}"


def test_owns_tables_is_exactly_what_the_modules_write():
    where = placement()
    expected: dict[str, set[str]] = {service: set() for service in service_tables()}
    for table, writers in table_writers().items():
        for module in writers:
            expected[where[module]].add(table)
    wrong = {
        service: {
            "missing": sorted(expected[service] - set(tables)),
            "extra": sorted(set(tables) - expected[service]),
        }
        for service, tables in service_tables().items()
        if set(tables) != expected[service]
    }
    assert not wrong, f"owns_tables must be exactly the tables the service's modules write: {wrong}"
