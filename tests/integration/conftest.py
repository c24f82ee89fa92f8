"""Runs shared by several integration modules: each costs minutes, so it is made once per
session. `oracle_noop_run` is the README path (`archbench run` as a user runs it, with a canary
API key in the environment); `mutant_run` is the same tasks written by the `mutant` model."""

from pathlib import Path
from typing import Any

import pytest

from integration.runs import run_archbench


@pytest.fixture(scope="session")
def run_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("results")


@pytest.fixture(scope="session")
def oracle_noop_run(run_root: Path, images: Any) -> Path:
    return run_archbench(run_root, "e2e", "oracle", "noop")


@pytest.fixture(scope="session")
def mutant_run(run_root: Path, images: Any) -> Path:
    return run_archbench(run_root, "mutant", "mutant")
