"""The host-wide readers-writer lock: readers share, a writer waits for them and keeps new
readers out while it waits."""

import asyncio
import threading
from pathlib import Path

import pytest

from harness import hostlock


@pytest.fixture(autouse=True)
def lock_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARCHBENCH_LOCK_DIR", str(tmp_path))


def test_readers_share_and_a_writer_waits_for_them() -> None:
    events: list[str] = []

    async def reader(name: str, hold: float) -> None:
        async with hostlock.shared():
            events.append(f"{name} in")
            await asyncio.sleep(hold)
            events.append(f"{name} out")

    async def writer() -> None:
        await asyncio.sleep(0.05)
        async with hostlock.exclusive():
            events.append("writer in")
        events.append("writer out")

    async def late_reader() -> None:
        await asyncio.sleep(0.15)  # the writer is already waiting: it goes first
        await reader("late", 0.0)

    async def main() -> None:
        await asyncio.gather(reader("r1", 0.3), reader("r2", 0.3), writer(), late_reader())

    asyncio.run(main())
    assert events[:2] == ["r1 in", "r2 in"]
    assert events.index("writer in") > max(events.index("r1 out"), events.index("r2 out"))
    assert events.index("late in") > events.index("writer in")


def test_the_lock_is_released_when_the_body_raises() -> None:
    async def main() -> None:
        with pytest.raises(RuntimeError):
            async with hostlock.exclusive():
                raise RuntimeError("boom")
        async with asyncio.timeout(2):
            async with hostlock.exclusive():
                pass
            async with hostlock.shared():
                pass

    asyncio.run(main())


def test_a_thread_shares_with_readers_and_gives_up_when_stopped() -> None:
    stop = threading.Event()
    with hostlock.shared_in_thread(stop) as held:
        assert held  # nobody else holds it

    async def main() -> list[bool]:
        got: list[bool] = []

        def in_thread() -> None:
            with hostlock.shared_in_thread(stop) as held:
                got.append(held)

        async with hostlock.exclusive():
            waiting = asyncio.create_task(asyncio.to_thread(in_thread))
            await asyncio.sleep(0.2)
            assert got == []  # held off while a writer holds the lock
            stop.set()
            await asyncio.wait_for(waiting, 2)
        return got

    assert asyncio.run(main()) == [False]
