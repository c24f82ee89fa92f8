import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from harness.agent.builtin.tools import ToolResult, ToolSession, run_tool
from harness.sandbox.fake import FakeSandbox

Call = Callable[[str, dict[str, Any]], ToolResult]


@pytest.fixture
def session() -> Iterator[ToolSession]:
    sandbox = FakeSandbox()
    yield ToolSession(sandbox=sandbox)
    asyncio.run(sandbox.close())


@pytest.fixture
def ws(session: ToolSession) -> Path:
    """The sandbox workspace on the host."""
    return Path(session.sandbox.workdir)


@pytest.fixture
def call(session: ToolSession) -> Call:
    """Run a tool by name in the session, synchronously."""

    def _call(name: str, args: dict[str, Any]) -> ToolResult:
        return asyncio.run(run_tool(session, name, args))

    return _call
