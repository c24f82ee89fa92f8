"""events.yaml exists, parses and matches the prompt's schema; DESIGN.md is written."""

import os
import sys

import jsonschema
import pytest

sys.path.insert(0, os.path.dirname(__file__))
from helpers import WS, load_json_schema, spec


@pytest.mark.critical
def test_events_yaml_matches_the_schema():
    validator = jsonschema.Draft202012Validator(load_json_schema())
    errors = sorted(validator.iter_errors(spec()), key=str)
    assert not errors, "events.yaml does not match the schema: " + "; ".join(
        f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in errors[:5]
    )


def test_design_md_is_written():
    path = WS / "DESIGN.md"
    assert path.is_file(), "DESIGN.md is missing from the workspace"
    words = len(path.read_text(errors="replace").split())
    assert words >= 300, f"DESIGN.md has {words} words; the prompt asks for at least 300"
