"""cache-plan.yaml exists, parses and has the prompt's shape; every read endpoint is planned;
DESIGN.md is written; the data is untouched."""

import os
import sys

import jsonschema
import pytest

sys.path.insert(0, os.path.dirname(__file__))
from helpers import WS, data_hashes, entries, plan, reads, schema, sha256_of, writes


@pytest.mark.critical
def test_cache_plan_matches_the_schema():
    errors = sorted(jsonschema.Draft202012Validator(schema()).iter_errors(plan()), key=str)
    assert not errors, "cache-plan.yaml does not match the schema: " + "; ".join(
        f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in errors[:5]
    )


def test_every_read_endpoint_is_planned():
    assert set(entries()) == set(reads())


def test_invalidations_name_write_endpoints():
    unknown = {
        name: sorted(set(entry.get("invalidate_on") or []) - set(writes()))
        for name, entry in entries().items()
    }
    unknown = {name: bad for name, bad in unknown.items() if bad}
    assert not unknown, f"invalidate_on names endpoints that are not in writes.csv: {unknown}"


def test_data_files_are_unchanged():
    changed = [name for name, digest in data_hashes().items() if sha256_of(name) != digest]
    assert not changed, f"the task's data files must not be edited: {changed}"


def test_design_md_is_written():
    path = WS / "DESIGN.md"
    assert path.is_file(), "DESIGN.md is missing from the workspace"
    words = len(path.read_text(errors="replace").split())
    assert words >= 300, f"DESIGN.md has {words} words; the prompt asks for at least 300"
