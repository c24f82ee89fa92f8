"""The Judge interface and what one answer is."""

from dataclasses import dataclass, field
from typing import Protocol

from harness.models.base import Usage


@dataclass(frozen=True)
class JudgeAnswer:
    """One judge sample's answer to one criterion: yes/no, and the quote it rests on."""

    met: bool
    quote: str
    usage: Usage = field(default_factory=Usage)
    note: str = ""
    """Why the judge could not answer (a malformed reply), empty otherwise."""


class Judge(Protocol):
    @property
    def judge_id(self) -> str:
        """What judged: 'scripted' or the model id; recorded in run.json."""
        ...

    async def answer(self, *, question: str, evidence: str, deliverable: str) -> JudgeAnswer:
        """Answer one criterion about `deliverable`. Raises harness.errors.ModelAPIError when
        the model API failed after its retries."""
        ...
