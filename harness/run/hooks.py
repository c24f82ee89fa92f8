"""What the engine tells its caller while it works: notices, image-build progress, and an
observer for the samples. The CLI draws them; tests and notebooks take the quiet default."""

import contextlib
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from harness.images import ImageSet, ensure_images
from harness.run.runner import RunConfig, RunObserver
from harness.sandbox.docker_env import connect


class RunHooks:
    """Progress from the engine. Default: ignore everything."""

    def notice(self, message: str) -> None:
        """One line worth showing the user (resuming, tools an agent file names that a
        runtime lacks, the cost bound)."""

    def progress(self, message: str) -> None:
        """A step worth a log line (checking or building images, validating a task)."""

    def images(self, build: Callable[[], ImageSet]) -> ImageSet:
        """Run `build` (the CLI wraps it in a status line)."""
        return build()

    def observe(self, config: RunConfig) -> AbstractContextManager[RunObserver]:
        """The observer that sees every sample while the run goes on."""
        return contextlib.nullcontext(RunObserver())


def open_images(hooks: RunHooks, cache_dir: Path = Path(".cache")) -> ImageSet:
    """The images every command needs, built when missing; DockerUnavailableError (exit 2)
    when there is no engine to build them with."""
    client = connect()
    return hooks.images(lambda: ensure_images(client, cache_dir=cache_dir, progress=hooks.progress))
