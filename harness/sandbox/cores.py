"""Which cores a load probe may take: the host's cores cut into disjoint probe slots, each an
app core and a generator core, with two cores left to everything else once the host has room
for more than one slot (2 to 5 cores: one slot; 6 or 7: two; 8: three). Pure but `host_cores`,
which reads ARCHBENCH_CORES (e.g. `0-7` or `0,2,4-5`) or else this process's CPU affinity.
"""

import os
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from harness.errors import InputError

LEFT_FOR_THE_REST = 2
"""Cores no probe slot takes, once the host has more than one slot's worth: gradings, agents
and archbench itself run there."""


class CoresError(InputError):
    """ARCHBENCH_CORES cannot be read."""


@dataclass(frozen=True)
class Slot:
    """The cores one probe runs on: its service on `app`, its load generator on `generator`."""

    app: int
    generator: int

    @property
    def cores(self) -> tuple[int, ...]:
        """Distinct cores, ascending (one core when the host has only one)."""
        return tuple(sorted({self.app, self.generator}))


def parse_cores(text: str) -> tuple[int, ...]:
    """`0-3,6` -> (0, 1, 2, 3, 6): distinct, ascending. Pure; CoresError when malformed."""
    cores: set[int] = set()
    for part in text.replace(" ", "").split(","):
        first, dash, last = part.partition("-")
        last = last if dash else first
        if not (first.isdigit() and last.isdigit() and int(first) <= int(last)):
            raise CoresError(
                f"ARCHBENCH_CORES={text!r}: write core ids and ranges such as 0-7 or 0,2,4-5"
            )
        cores.update(range(int(first), int(last) + 1))
    return tuple(sorted(cores))


def host_cores() -> tuple[int, ...]:
    """ARCHBENCH_CORES when set, else the cores this process may run on."""
    text = os.environ.get("ARCHBENCH_CORES", "").strip()
    return parse_cores(text) if text else tuple(sorted(os.sched_getaffinity(0)))


def probe_slots(cores: Sequence[int]) -> list[Slot]:
    """The disjoint slots of `cores`, in order: max(1, (n - 2) // 2) pairs from the lowest
    cores (one core: one slot on it). Pure."""
    ordered = sorted(set(cores))
    if len(ordered) < 2:
        return [Slot(ordered[0], ordered[0])] if ordered else []
    count = max(1, (len(ordered) - LEFT_FOR_THE_REST) // 2)
    return [Slot(ordered[2 * i], ordered[2 * i + 1]) for i in range(count)]


def free_slot(slots: Sequence[Slot], busy: Collection[int]) -> Slot | None:
    """The first slot none of whose cores is busy, or None. Pure."""
    return next((s for s in slots if not set(s.cores) & set(busy)), None)
