"""The side-by-side view for regressions: the prompt diff at the top, per task both sides'
scores and the checks that flipped, and per task a page with the two conversations next to
each other and the diff between the two final workspaces.
"""

import os
from collections import defaultdict
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path
from urllib.parse import quote

from harness.reports.comparability import run_differences
from harness.reports.view.checks import check_list, outcome
from harness.reports.view.conversation import render_conversation
from harness.reports.view.diff_html import diff_block, render_diff, render_left_out
from harness.reports.view.html import badge, number, page, pre, table, text
from harness.reports.view.records import RunView, read_grader, read_transcript, sample_slug
from harness.reports.view.tarread import read_workspace
from harness.reports.view.workspace import diff_trees
from harness.results.log import SCORED_STATUSES, AgentInfo, SampleRecord

FLIP_GRADERS = ("functional", "security")
PAIRS_SHOWN = 10
"""Pairs of a task shown in full (conversations, diff); the rest are listed with links."""


@dataclass(frozen=True)
class Side:
    """One arm of the comparison: a run's samples of one configuration, and its agent file."""

    view: RunView
    agent: AgentInfo
    label: str
    pages: Path
    """The folder of this run's sample pages (view/s)."""


@dataclass(frozen=True)
class Pair:
    base: SampleRecord | None
    cand: SampleRecord | None


@dataclass(frozen=True)
class Flip:
    check: str
    base: str
    cand: str
    message: str


def _by_task(samples: list[SampleRecord]) -> dict[str, list[SampleRecord]]:
    out: dict[str, list[SampleRecord]] = defaultdict(list)
    for s in sorted(samples, key=lambda s: s.epoch):
        out[s.task_id].append(s)
    return out


def pairs_by_task(base: Side, cand: Side) -> dict[str, list[Pair]]:
    """Each task's samples of both sides, matched in epoch order. Pure."""
    b, c = _by_task(base.view.samples), _by_task(cand.view.samples)
    return {
        task: [Pair(x, y) for x, y in zip_longest(b.get(task, []), c.get(task, []))]
        for task in sorted(set(b) | set(c))
    }


def _outcomes(side: Side, s: SampleRecord | None) -> dict[str, tuple[str, str]]:
    if s is None:
        return {}
    folder = side.view.folder(s)
    return {
        f"{g}::{c.get('name')}": (str(c.get("outcome")), str(c.get("message") or ""))
        for g in FLIP_GRADERS
        for c in check_list(read_grader(folder, g))
    }


def flips(base: Side, cand: Side, pair: Pair) -> list[Flip]:
    """Checks that passed on one side and not on the other (none when a side is missing);
    the message is the failing side's."""
    if pair.base is None or pair.cand is None:
        return []
    b, c = _outcomes(base, pair.base), _outcomes(cand, pair.cand)
    out = []
    for name in sorted(set(b) | set(c)):
        was, now = b.get(name, ("absent", "")), c.get(name, ("absent", ""))
        if (was[0] == "passed") != (now[0] == "passed"):
            message = now[1] if was[0] == "passed" else was[1]
            out.append(Flip(name, was[0], now[0], message))
    return sorted(out, key=lambda f: (f.cand == "passed", f.check))


def _mean(samples: list[SampleRecord]) -> float | None:
    scored = [s.score or 0.0 for s in samples if s.status in SCORED_STATUSES]
    return sum(scored) / len(scored) if scored else None


def _scores(samples: list[SampleRecord]) -> str:
    each = ", ".join(
        number(s.score, 2) if s.status in SCORED_STATUSES else s.status for s in samples
    )
    return f"<b>{number(_mean(samples))}</b> <small>({text(each)})</small>"


def _delta(b: float | None, c: float | None) -> str:
    if b is None or c is None:
        return "–"
    d = c - b
    cls = "delta-neg" if d < -1e-9 else "delta-pos" if d > 1e-9 else ""
    return f'<span class="{cls}">{d:+.3f}</span>'


def render_prompt_diff(lines: list[str]) -> str:
    if not lines:
        return "<p>The two agent files are the same.</p>"
    return diff_block(lines)


def render_compare_index(
    base: Side, cand: Side, prompt: list[str], task_href: dict[str, str]
) -> str:
    pairs = pairs_by_task(base, cand)
    rows = []
    for task, ps in pairs.items():
        b = [p.base for p in ps if p.base]
        c = [p.cand for p in ps if p.cand]
        flipped = [f for p in ps for f in flips(base, cand, p)]
        worse = [f for f in flipped if f.cand != "passed"]
        rows.append(
            (
                (_mean(c) or 0.0) - (_mean(b) or 0.0),
                [
                    f'<a href="{task_href[task]}">{text(task)}</a>',
                    _scores(b) if b else "–",
                    _scores(c) if c else "–",
                    _delta(_mean(b), _mean(c)),
                    f"{len(worse)} now failing, {len(flipped) - len(worse)} now passing"
                    + (
                        f"<br><small>{text(', '.join(f.check for f in worse[:3]))}</small>"
                        if worse
                        else ""
                    ),
                ],
            )
        )
    rows.sort(key=lambda r: r[0])
    head = [
        "task",
        f"base: {text(base.label)}",
        f"candidate: {text(cand.label)}",
        "change",
        "checks that flipped",
    ]
    unlike = run_differences(base.view.run, cand.view.run, pairs).summary()
    warn = f"<p class='warn'>Not like for like: {text(unlike)}</p>" if unlike else ""
    body = (
        f"<h1>Side by side</h1><ul><li>base: {text(base.label)}</li><li>candidate: "
        f"{text(cand.label)}</li></ul>{warn}<h2>Agent file diff</h2>{render_prompt_diff(prompt)}"
        "<h2>Per task</h2><p class='muted'>Worst change first.</p>"
        + table(head, [r for _, r in rows])
    )
    return page(
        f"archbench view: {base.label} vs {cand.label}", body, root="../", scripts=["viewer.js"]
    )


def _sample_head(side: Side, s: SampleRecord | None, here: Path) -> str:
    if s is None:
        return f"<p class='muted'>{text(side.label)}: no sample</p>"
    href = _relative(side.pages / f"{sample_slug(s)}.html", here)
    kind = "ok" if s.resolved else "bad"
    return (
        f"<p><b>{text(side.label)}</b> epoch {s.epoch}: {badge(s.status, kind)} score "
        f"<b>{number(s.score)}</b> · checks {s.checks_passed}/{s.checks_total} · "
        f'<a href="{href}">full page</a><br><small>{text(s.reason, 500)}</small></p>'
    )


def _relative(target: Path, here: Path) -> str:
    """A relative link, quoted (the folders' names are the user's)."""
    return quote(Path(os.path.relpath(target.resolve(), here.resolve())).as_posix())


def _flip_table(fl: list[Flip]) -> str:
    if not fl:
        return "<p>No check changed outcome.</p>"
    rows = [
        [
            text(f.check, 500),
            outcome(f.base),
            outcome(f.cand),
            pre(f.message, 4000) if f.message else "",
        ]
        for f in fl
    ]
    return table(["check", "base", "candidate", "message (failing side)"], rows)


def _workspaces(base: Side, cand: Side, pair: Pair) -> str:
    if pair.base is None or pair.cand is None:
        return "<p class='muted'>Only one side has a sample.</p>"
    old = read_workspace(base.view.folder(pair.base) / "workspace.tar")
    new = read_workspace(cand.view.folder(pair.cand) / "workspace.tar")
    return (
        render_left_out(old) + render_left_out(new) + render_diff(diff_trees(old.files, new.files))
    )


def _conversation(side: Side, s: SampleRecord | None) -> str:
    if s is None:
        return ""
    t = read_transcript(side.view.folder(s) / "transcript.jsonl")
    return render_conversation(t, None, None)


def render_compare_task(base: Side, cand: Side, task: str, pairs: list[Pair], here: Path) -> str:
    parts = [
        '<nav><a href="../index.html">← all tasks</a></nav>',
        f"<h1>{text(task)}: base vs candidate</h1>",
    ]
    ordered = sorted(pairs, key=_change)
    if len(ordered) > PAIRS_SHOWN:
        rest = [
            [_sample_head(base, p.base, here), _sample_head(cand, p.cand, here)]
            for p in ordered[PAIRS_SHOWN:]
        ]
        parts.append(
            f"<p>{len(ordered)} pairs: the {PAIRS_SHOWN} with the largest drop in full, the "
            "rest at the end.</p>"
        )
    for i, p in enumerate(ordered[:PAIRS_SHOWN], start=1):
        parts.append(
            f"<h2>Pair {i}</h2><div class='pair'><div>{_sample_head(base, p.base, here)}</div>"
            f"<div>{_sample_head(cand, p.cand, here)}</div></div>"
            f"<h3>Checks that flipped</h3>{_flip_table(flips(base, cand, p))}"
            f"<h3>Final workspaces (base → candidate)</h3>{_workspaces(base, cand, p)}"
            f"<h3>Conversations</h3><div class='pair'><div>{_conversation(base, p.base)}</div>"
            f"<div>{_conversation(cand, p.cand)}</div></div>"
        )
    if len(ordered) > PAIRS_SHOWN:
        parts.append("<h2>The other pairs</h2>" + table(["base", "candidate"], rest))
    return page(f"{task}: base vs candidate", "".join(parts), root="../../", scripts=["viewer.js"])


def _change(p: Pair) -> float:
    """Candidate minus base score of a pair (a missing side sorts last)."""
    if p.base is None or p.cand is None:
        return 2.0
    return (p.cand.score or 0.0) - (p.base.score or 0.0)
