"""services.yaml exists, parses and has the prompt's shape; DESIGN.md is written; data untouched."""

import os
import sys

import jsonschema
import pytest

sys.path.insert(0, os.path.dirname(__file__))
from helpers import SCHEMA, WS, data_hashes, decomposition, sha256_of


@pytest.mark.critical
def test_services_yaml_matches_the_schema():
    errors = sorted(jsonschema.Draft202012Validator(SCHEMA).iter_errors(decomposition()), key=str)
    assert not errors, "services.yaml does not match the schema: " + "; ".join(
        f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in errors[:5]
    )


def test_data_files_are_unchanged():
    changed = [name for name, digest in data_hashes().items() if sha256_of(name) != digest]
    assert not changed, f"the task's data files must not be edited: {changed}"


def test_design_md_is_written():
    path = WS / "DESIGN.md"
    assert path.is_file(), "DESIGN.md is missing from the workspace"
    words = len(path.read_text(errors="replace").split())
    assert words >= 300, f"DESIGN.md has {words} words; the prompt asks for at least 300"
