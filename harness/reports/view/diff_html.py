"""A workspace diff as HTML: one folded block per added, changed or deleted file, lines
coloured by kind, with what the caps left out said beside it."""

from dataclasses import replace

from harness.reports.view.html import badge, fold, text
from harness.reports.view.tarread import Workspace
from harness.reports.view.workspace import FileDiff, TreeDiff

FILES_SHOWN = 300
PAGE_CHARS = 4_000_000
"""HTML characters of one workspace diff; later files are listed without their lines."""
LINE_CHARS = 2_000
KIND_CLASS = {"added": "ok", "changed": "warn", "deleted": "bad"}


def diff_block(lines: list[str]) -> str:
    """Diff lines in a <pre>, each coloured by its first character ('' when none)."""
    if not lines:
        return ""
    cls = {"+": "add", "-": "del", "@": "hunk"}
    body = "".join(
        f'<span class="{cls.get(x[:1], "ctx")}">{text(x, LINE_CHARS)}</span>' for x in lines
    )
    return f'<pre class="diff">{body}</pre>'


def render_file(f: FileDiff, *, open_: bool) -> str:
    add, dele = f.counts
    summary = (
        f"{badge(f.kind, KIND_CLASS[f.kind])} <code>{text(f.path, 500)}</code> "
        f"<small>+{add} −{dele}</small>"
        + (f' <small class="muted">{text(f.note, 500)}</small>' if f.note else "")
    )
    return fold(summary, diff_block(f.lines), open_=open_)


def render_diff(diff: TreeDiff, *, open_: bool = True) -> str:
    kinds = {k: sum(f.kind == k for f in diff.files) for k in ("added", "changed", "deleted")}
    head = (
        f"<p>{kinds['added']} added, {kinds['changed']} changed, {kinds['deleted']} deleted, "
        f"{diff.unchanged} unchanged</p>"
    )
    shown, size = [], 0
    for f in diff.files[:FILES_SHOWN]:
        if size > PAGE_CHARS and f.lines:
            f = replace(
                f, lines=[], note=f"not shown: the page's {PAGE_CHARS:,} characters are spent"
            )
        shown.append(render_file(f, open_=open_ and f.kind != "deleted"))
        size += len(shown[-1])
    rest = diff.files[FILES_SHOWN:]
    if rest:
        names = ", ".join(f.path for f in rest[:200])
        shown.append(
            f'<p class="warn">{len(rest):,} more files not shown: {text(names, 20_000)}</p>'
        )
    return head + "".join(shown)


def render_left_out(ws: Workspace) -> str:
    """What the archive reader did not show, and why."""
    items = [*ws.left_out, *([ws.error] if ws.error else [])]
    if not items:
        return ""
    lines = "".join(f"<li>{text(x, 2_000)}</li>" for x in items[:200])
    more = f"<li>{len(items) - 200:,} more</li>" if len(items) > 200 else ""
    return f'<div class="warn"><b>Left out of workspace.tar</b><ul>{lines}{more}</ul></div>'
