"""placement.yaml has the prompt's shape and names every tenant; the data is untouched;
DESIGN.md is written."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from helpers import WS, data_hashes, placement, sha256_of, tenants


@pytest.mark.critical
def test_placement_matches_the_schema_and_places_every_tenant():
    assert set(tenants()) <= set(placement())


def test_data_files_are_unchanged():
    changed = [name for name, digest in data_hashes().items() if sha256_of(name) != digest]
    assert not changed, f"the task's data files must not be edited: {changed}"


def test_design_md_is_written():
    path = WS / "DESIGN.md"
    assert path.is_file(), "DESIGN.md is missing from the workspace"
    words = len(path.read_text(errors="replace").split())
    assert words >= 300, f"DESIGN.md has {words} words; the prompt asks for at least 300"
