"""Cache keys: every parameter the answer depends on is in the key, and no two endpoints'
templates can produce the same key."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from helpers import entries, is_cached, key_placeholders, key_shape, reads


def test_keys_hold_every_parameter_the_answer_depends_on():
    lacking = {}
    for name, entry in entries().items():
        if is_cached(entry):
            missing = set(reads()[name].key_params) - key_placeholders(str(entry.get("key", "")))
            if missing:
                lacking[name] = sorted(missing)
    assert not lacking, f"keys that would serve one answer for different requests: {lacking}"


def test_keys_of_different_endpoints_cannot_collide():
    shapes: dict[str, str] = {}
    for name, entry in entries().items():
        if is_cached(entry):
            shape = key_shape(str(entry.get("key", "")))
            assert shape not in shapes, (
                f"endpoints {shapes.get(shape)} and {name} share the key shape {shape!r}"
            )
            shapes[shape] = name
