"""The offline judge: proves the plumbing without a model. It answers from each criterion's
`offline_pattern` (a yes quoting the line it matched) or from a fixed table of answers; it judges
nothing, and reports say so."""

import re
from dataclasses import dataclass, field

from harness.judge.base import JudgeAnswer


@dataclass
class ScriptedJudge:
    patterns: dict[str, str] = field(default_factory=dict)
    """question -> regex (from the rubric's offline_pattern)."""
    table: dict[str, JudgeAnswer] = field(default_factory=dict)
    """question -> a fixed answer (tests: invented quotes, malformed answers)."""
    calls: int = 0

    @property
    def judge_id(self) -> str:
        return "scripted"

    async def answer(self, *, question: str, evidence: str, deliverable: str) -> JudgeAnswer:
        self.calls += 1
        if question in self.table:
            return self.table[question]
        pattern = self.patterns.get(question, "")
        found = re.search(pattern, deliverable, re.IGNORECASE | re.MULTILINE) if pattern else None
        if found is None:
            return JudgeAnswer(False, "")
        start = deliverable.rfind("\n", 0, found.start()) + 1
        end = deliverable.find("\n", found.end())
        return JudgeAnswer(True, deliverable[start : end if end >= 0 else None].strip())
