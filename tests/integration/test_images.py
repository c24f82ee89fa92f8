"""Images are built once and reused: a second ensure builds nothing."""

from pathlib import Path
from typing import Any

import pytest

from harness.images import ensure_images

pytestmark = pytest.mark.docker


def test_second_ensure_builds_nothing(docker_client: Any, images: Any) -> None:
    messages: list[str] = []
    again = ensure_images(docker_client, cache_dir=Path(".cache"), progress=messages.append)
    assert again.built == ()
    assert again.ids == images.ids
    assert messages == []


def test_images_carry_the_archbench_label(docker_client: Any, images: Any) -> None:
    for tag in (images.base, images.runtime, images.prober):
        assert docker_client.images.get(tag).labels.get("archbench") == "1"


def test_runtime_image_has_no_grader_material(docker_client: Any, images: Any) -> None:
    out = docker_client.containers.run(
        images.runtime,
        ["bash", "-c", "ls / /opt; ls /opt/venv/lib/python3.11/site-packages"],
        remove=True,
        network_mode="none",
        labels={"archbench": "1"},
    ).decode()
    assert "grader" not in out.split() and "hidden" not in out.split()
    assert "graders" not in out and "archbench" not in out.lower()
