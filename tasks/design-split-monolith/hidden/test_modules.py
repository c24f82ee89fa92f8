"""Rules 1 and 2: every module in exactly one service; 3 to 8 services with unique names."""

import os
import sys
from collections import Counter

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from helpers import modules, placement, service_modules, services


@pytest.mark.critical
def test_every_module_is_in_exactly_one_service():
    placement()  # fails the test, naming the modules, when one is in no service or in two


def test_services_name_only_known_modules():
    known = set(modules())
    unknown = sorted({m for mods in service_modules().values() for m in mods} - known)
    assert not unknown, f"services list modules that are not in data/modules.json: {unknown}"


def test_between_3_and_8_services_with_unique_names():
    names = [str(s.get("name")) for s in services()]
    repeated = sorted(n for n, count in Counter(names).items() if count > 1)
    assert not repeated, f"service names must be unique: {repeated}"
    assert 3 <= len(names) <= 8, f"{len(names)} services; the prompt asks for 3 to 8"
