"""The deliverables exist and parse; deprecation.yaml has the prompt's shape; the data is
untouched; DESIGN.md is written."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from helpers import WS, data_hashes, plan, sha256_of


@pytest.mark.critical
def test_deprecation_plan_matches_the_schema():
    assert plan()["versioning"]["scheme"] in ("url", "header", "media-type")


def test_data_files_are_unchanged():
    changed = [name for name, digest in data_hashes().items() if sha256_of(name) != digest]
    assert not changed, f"the task's data files must not be edited: {changed}"


def test_design_md_is_written():
    path = WS / "DESIGN.md"
    assert path.is_file(), "DESIGN.md is missing from the workspace"
    words = len(path.read_text(errors="replace").split())
    assert words >= 300, f"DESIGN.md has {words} words; the prompt asks for at least 300"
