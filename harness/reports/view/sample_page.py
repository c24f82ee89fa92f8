"""One sample's page: why it scored what it did. Header, failed checks, the workspace diff
against the starter, the conversation, probes, lint and the app log's tail.
"""

from dataclasses import dataclass

from harness.reports.view import checks
from harness.reports.view.conversation import render_conversation
from harness.reports.view.diff_html import render_diff, render_left_out
from harness.reports.view.html import badge, number, page, pre, text
from harness.reports.view.records import (
    GRADERS,
    RunView,
    read_grader,
    read_log_tail,
    read_transcript,
)
from harness.reports.view.tarread import Workspace, read_workspace
from harness.reports.view.workspace import Starter, TreeDiff, diff_trees
from harness.results.log import SampleRecord
from harness.results.taxonomy import POLICIES

SCORED_KIND = {"graded": "ok", "agent_limit": "warn", "startup_failed": "bad"}


@dataclass(frozen=True)
class PageLinks:
    root: str
    """Relative path from the page to the site's folder."""
    back: str = "index.html"
    prev: str = ""
    next: str = ""
    """File names of the neighbouring samples (same task first), '' at either end."""


def workspace_section(ws: Workspace, starter: Starter) -> str:
    notes = render_left_out(ws)
    if starter.files is None:
        files = {p: m for p, m in ws.files.items()}
        diff = TreeDiff(diff_trees({}, files).files, 0)
        why = (
            f"<p class='warn'>No diff: {text(starter.source)}; the files are shown as they are.</p>"
        )
        return why + notes + render_diff(diff)
    source = f"<p class='muted'>Against the starter in {text(starter.source)}</p>"
    warn = f"<p class='warn'>{text(starter.warning)}</p>" if starter.warning else ""
    return source + warn + notes + render_diff(diff_trees(starter.files, ws.files))


def _kv(rows: list[tuple[str, str]]) -> str:
    return "<dl class='kv'>" + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"


def header(view: RunView, s: SampleRecord) -> str:
    policy = POLICIES.get(s.status)
    status = badge(s.status, SCORED_KIND.get(s.status, "bad"))
    meaning = f" <small>{text(policy.meaning)} ({policy.kind})</small>" if policy else ""
    dims = " · ".join(
        f"{d} {number(getattr(s, d))}" for d in GRADERS if d != "design" or s.design is not None
    )
    missing = "; ".join(f"{k}: {v}" for k, v in sorted(s.missing.items()))
    rows = [
        ("task", f"<b>{text(s.task_id)}</b> epoch {s.epoch}"),
        ("agent / model", f"{text(s.agent)} / {text(s.model)}"),
        ("status", f"{status}{meaning} {text(s.reason, 4000)}"),
        ("agent ended", text(s.agent_outcome or "–")),
        (
            "score",
            f"<b>{number(s.score)}</b> · resolved {number(s.resolved)} · secure "
            f"{number(s.secure_resolved)}",
        ),
        ("dimensions", text(dims) + (f"<br><small>{text(missing)}</small>" if missing else "")),
        ("hidden checks", f"{s.checks_passed}/{s.checks_total} passed"),
        (
            "tokens",
            f"in {number(s.input_tokens)} · out {number(s.output_tokens)} · cache read "
            f"{number(s.cache_read_input_tokens)} · cache write "
            f"{number(s.cache_creation_input_tokens)}",
        ),
        ("cost", "–" if s.cost_usd is None else f"${s.cost_usd:.4f}"),
        (
            "turns",
            f"{s.turns} turns · {s.tool_calls} tool calls · {s.tool_errors} tool errors · "
            f"{s.attempts} attempt(s)",
        ),
        (
            "times",
            f"agent {s.agent_seconds:.1f} s · grading {s.grading_seconds:.1f} s · startup "
            f"{number(s.startup_seconds, 1)} s · total {s.total_seconds:.1f} s<br><small>"
            f"{text(s.started_at)} → {text(s.finished_at)}</small>",
        ),
    ]
    if len(view.runtimes) > 1:
        rows.insert(2, ("runtime", text(s.runtime)))
    return _kv(rows)


def _task_prompt(starter: Starter) -> str | None:
    path = starter.root / "prompt.md" if starter.root else None
    return path.read_text(errors="replace") if path and path.is_file() else None


Section = tuple[str, str, str]
"""A page section: heading (plain text), a note beside it (plain text), body (HTML)."""


def sections(view: RunView, s: SampleRecord, starter: Starter) -> list[Section]:
    """The sample's files, read and rendered, in the order a reader asks: what failed, what
    the agent wrote, how it got there, then the other graders and the app's log."""
    folder = view.folder(s)
    graders = {name: read_grader(folder, name) for name in GRADERS}
    extra = sorted(
        p.name[len("grader-") : -len(".json")]
        for p in folder.glob("grader-*.json")
        if p.name[len("grader-") : -len(".json")] not in graders
    )
    log, log_cut = read_log_tail(folder / "app.log")
    functional = graders["functional"]
    failed = [c for c in checks.check_list(functional) if c.get("outcome") != "passed"]
    transcript = read_transcript(folder / "transcript.jsonl")
    system = view.run.agent_of(s.agent).text
    return [
        ("Hidden checks", f"{len(failed)} not passed", checks.render_functional(functional)),
        ("Workspace", "", workspace_section(read_workspace(folder / "workspace.tar"), starter)),
        ("Conversation", "", render_conversation(transcript, system, _task_prompt(starter))),
        ("Security probes", "", checks.render_security(graders["security"])),
        ("Load probe", "", checks.render_load(graders["performance"])),
        ("Lint", "", checks.render_lint(graders["quality"])),
        *((("Design rubric", "", checks.render_design(graders["design"])),)
          if graders["design"] else ()),
        *((f"Grader {name}", "", checks.render_other(name, read_grader(folder, name) or {}))
          for name in extra),
        ("App log (tail)", f"{log_cut:,} earlier bytes not shown" if log_cut else "",
         pre(log, 70_000) if log else "<p class='muted'>no app.log</p>"),
    ]  # fmt: skip


def render_sample(view: RunView, s: SampleRecord, starter: Starter, links: PageLinks) -> str:
    around = ((links.prev, "← previous sample"), (links.next, "next sample →"))
    steps = [f'<a href="{name}">{label}</a>' for name, label in around if name]
    nav = (
        f'<nav><a href="{links.root}{links.back}">all samples</a> · run '
        f"{text(view.run.run_id)} · {' · '.join(steps)}</nav>"
    )
    body = "".join(
        f"<section><h2>{text(h)}{f' <small>{text(n)}</small>' if n else ''}</h2>{b}</section>"
        for h, n, b in sections(view, s, starter)
    )
    title = f"{s.task_id} #{s.epoch} {s.agent}/{s.model}"
    return page(
        title,
        f"{nav}<h1>{text(title)}</h1>{header(view, s)}{body}",
        root=links.root,
        scripts=["viewer.js"],
    )
