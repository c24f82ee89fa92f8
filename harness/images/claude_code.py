"""The Claude Code image: the runtime image plus the Claude Code CLI and the model relay.

The CLI comes from PyPI's `claude-agent-sdk` wheel, which bundles it
(`claude_agent_sdk/_bundled/claude`); the wheel is pinned with its sha256 in
`claude-code.lock`, downloaded on the host like every other wheel, and only the CLI is copied
into the image. To move to a newer CLI, put the new version and its hash in the lock: the
image is tagged by the recipe's hash and rebuilt on the next run.
"""

import hashlib
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.agent.claude_code.exec_relay import relay_source
from harness.errors import ImageBuildError
from harness.images.build import Progress, _docker_build, _exists, download_wheels
from harness.images.recipes import child_tag, lock_text

BUNDLED = "claude_agent_sdk/_bundled/claude"
BUNDLED_VERSION = "claude_agent_sdk/_bundled/claude.version"
CLAUDE_CODE_DOCKERFILE = """\
FROM {parent}
COPY claude VERSION relay.py /opt/claude-code/
RUN HOME=/tmp /opt/claude-code/claude --version
"""
"""The files' modes are set in the build context: a `RUN chmod` would copy the 428 MB binary
into a second layer."""


@dataclass(frozen=True)
class ClaudeCodeInfo:
    """What a run records about the CLI: its version and the wheel it came from."""

    version: str
    wheel: str
    wheel_sha256: str


def _wheel(folder: Path) -> Path:
    wheels = sorted(folder.glob("claude_agent_sdk-*.whl"))
    if not wheels:
        raise ImageBuildError(f"{folder}: no claude-agent-sdk wheel was downloaded; check pip")
    return wheels[-1]


def wheel_info(wheel: Path) -> ClaudeCodeInfo:
    with zipfile.ZipFile(wheel) as z:
        version = z.read(BUNDLED_VERSION).decode().strip()
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    return ClaudeCodeInfo(version=version, wheel=wheel.name, wheel_sha256=digest)


def ensure_claude_code(
    client: Any, parent: str, cache_dir: Path, progress: Progress
) -> tuple[str, bool, ClaudeCodeInfo]:
    """The Claude Code image's tag (built if missing), whether it was built, and the CLI's info."""
    lock = lock_text("claude-code")
    dockerfile = CLAUDE_CODE_DOCKERFILE + "# relay\n" + relay_source()
    tag = child_tag("claude-code", parent, dockerfile, lock)
    wheels = cache_dir / "wheels" / "claude-code"
    download_wheels(lock, wheels, progress)
    wheel = _wheel(wheels)
    info = wheel_info(wheel)
    if _exists(client, tag):
        return tag, False, info
    with tempfile.TemporaryDirectory(prefix="archbench-ctx-") as tmp:
        ctx = Path(tmp)
        (ctx / "Dockerfile").write_text(CLAUDE_CODE_DOCKERFILE.format(parent=parent))
        (ctx / "relay.py").write_text(relay_source())
        (ctx / "VERSION").write_text(info.version + "\n")
        with zipfile.ZipFile(wheel) as z, z.open(BUNDLED) as src, open(ctx / "claude", "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
        (ctx / "claude").chmod(0o755)
        (ctx / "relay.py").chmod(0o644)
        (ctx / "VERSION").chmod(0o644)
        progress(f"building {tag} (Claude Code {info.version})")
        _docker_build(client, ctx, tag, progress)
    return tag, True, info
