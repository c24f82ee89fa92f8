"""The grader files of one sample as HTML: every hidden check (failures first, critical ones
marked), the security probes, the load probe against its SLO and the lint findings.
"""

from typing import Any

from harness.reports.view.html import as_json, badge, fold, number, pre, table, text

MESSAGE_CHARS = 6_000
OUTCOME_ORDER = {"failed": 0, "error": 1, "skipped": 2, "passed": 3}
OUTCOME_KIND = {"passed": "ok", "failed": "bad", "error": "bad", "skipped": "warn"}


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def check_list(grader: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The grader file's checks that are objects, worst first (critical before the rest)."""
    raw = (grader or {}).get("checks")
    checks = [c for c in raw if isinstance(c, dict)] if isinstance(raw, list) else []
    return sorted(
        checks,
        key=lambda c: (
            OUTCOME_ORDER.get(str(c.get("outcome")), 1),
            not c.get("critical"),
            str(c.get("name")),
        ),
    )


def outcome(value: Any) -> str:
    v = str(value)
    return badge(v, OUTCOME_KIND.get(v, "warn"))


def grader_line(name: str, g: dict[str, Any] | None) -> str:
    """status, score, reason and duration of one grader."""
    if g is None:
        return f'<p class="muted">{text(name)}: no grader file</p>'
    status = str(g.get("status", ""))
    kind = {"ok": "ok", "skipped": "warn"}.get(status, "bad")
    score = g.get("score")
    return (
        f"<p>{badge(status or 'unknown', kind)} score "
        f"{number(score) if isinstance(score, float | int) else '–'} "
        f"{text(g.get('reason', ''), 2000)}</p>"
    )


def render_functional(g: dict[str, Any] | None) -> str:
    checks = check_list(g)
    rows = [
        [
            outcome(c.get("outcome")),
            text(c.get("name", ""), 500)
            + (" " + badge("critical", "crit") if c.get("critical") else ""),
            pre(c.get("message", ""), MESSAGE_CHARS) if c.get("message") else "",
        ]
        for c in checks
    ]
    out = grader_line("functional", g) + (
        table(["outcome", "check", "message"], rows) if rows else ""
    )
    output = _dict((g or {}).get("details")).get("output")
    if output:
        out += fold("pytest output (tail)", pre(output))
    return out


def render_security(g: dict[str, Any] | None) -> str:
    rows = [
        [
            outcome(c.get("outcome")),
            text(c.get("probe", ""), 100),
            text(f"CWE-{c['cwe']}" if c.get("cwe") else "", 40),
            text(c.get("name", ""), 500)
            + (
                " " + badge("exploit: zeroes security", "crit") if c.get("exploit_critical") else ""
            ),
            pre(c.get("message", ""), MESSAGE_CHARS) if c.get("message") else "",
        ]
        for c in check_list(g)
    ]
    head = ["outcome", "probe", "CWE", "what was tried", "what came back"]
    return grader_line("security", g) + (table(head, rows) if rows else "")


def _ms(stats: dict[str, Any], key: str) -> str:
    v = stats.get(key)
    return f"{v * 1000:.1f} ms" if isinstance(v, float | int) else "–"


def _rate(v: Any) -> str:
    return f"{v:.1f}/s" if isinstance(v, float | int) else "–"


def render_load(g: dict[str, Any] | None) -> str:
    details = _dict((g or {}).get("details"))
    slo = _dict(details.get("slo"))
    out = grader_line("performance", g)
    if slo:
        out += (
            f"<p>SLO: p99 ≤ {text(slo.get('p99_ms', '–'), 40)} ms and errors ≤ "
            f"{text(slo.get('max_error_rate', '–'), 40)} at {_rate(slo.get('rate'))} "
            f"({text(slo.get('source', ''), 100)})</p>"
        )
    rows = []
    for level in ("full", "half"):
        s = details.get(level)
        if isinstance(s, dict):
            rows.append(
                [
                    text(level),
                    _rate(s.get("offered_rate")),
                    _rate(s.get("achieved_rate")),
                    *(_ms(s, k) for k in ("p50", "p95", "p99", "max")),
                    text(f"{s.get('errors', '–')}/{s.get('requests', '–')}", 60),
                ]
            )
    head = ["rate", "offered", "achieved", "p50", "p95", "p99", "max", "errors/requests"]
    return out + (table(head, rows) if rows else "") + _probe_notes(details)


def _probe_notes(details: dict[str, Any]) -> str:
    """How the probe stopped (sequential: measured seconds, why) and how long it waited for
    the machine (host lock: cores, quiet, contended)."""
    notes = []
    stop = _dict(_dict(details.get("stop")).get("full"))
    if stop:
        notes.append(
            f"stopped: {text(stop.get('reason', '–'), 300)} after "
            f"{text(stop.get('measured_s', '–'), 20)} s measured, "
            f"{text(stop.get('looks', '–'), 20)} looks"
            + (" (sequential)" if stop.get("sequential") else " (full window)")
        )
    host = _dict(details.get("host"))
    if host:
        notes.append(
            f"waited {text(host.get('cores_wait_s', '–'), 20)} s for cores and "
            f"{text(host.get('quiet_wait_s', '–'), 20)} s for quiet"
            + ("; measured on a contended machine" if host.get("contended") else "")
        )
    return "".join(f"<p>{n}</p>" for n in notes)


def render_lint(g: dict[str, Any] | None) -> str:
    details = _dict((g or {}).get("details"))
    out = grader_line("quality", g)
    if details:
        out += (
            f"<p>{text(details.get('loc', '–'), 40)} lines; ruff findings per 1,000 lines "
            f"{text(details.get('per_kloc', '–'), 40)} (reference "
            f"{text(details.get('reference_per_kloc', '–'), 40)}); mypy errors "
            f"{text(details.get('mypy_errors', '–'), 40)}</p>"
        )
    rules = details.get("rules")
    if isinstance(rules, dict) and rules:
        ref = _dict(details.get("reference_rules"))
        rows = [
            [text(k, 100), text(v, 40), text(ref.get(k, 0), 40)]
            for k, v in list(rules.items())[:200]
        ]
        out += table(["rule", "findings", "reference"], rows)
    return out


def render_design(g: dict[str, Any] | None) -> str:
    """Each rubric criterion with its verdict and the quote it rests on, and the judge."""
    details = _dict((g or {}).get("details"))
    rows = [
        [outcome(c.get("outcome")), text(c.get("name", ""), 500), text(c.get("message", ""), 2000)]
        for c in check_list(g)
    ]
    judge = (
        f"<p>judge {text(details.get('judge', '–'), 200)}, "
        f"{text(details.get('samples', '–'), 20)} sample(s) per criterion, majority; a yes "
        "counts only with a quote found verbatim in the document</p>"
    )
    return (
        grader_line("design", g)
        + (judge if details else "")
        + (table(["verdict", "criterion", "quote or why not"], rows) if rows else "")
    )


def render_other(name: str, g: dict[str, Any]) -> str:
    return grader_line(name, g) + fold("grader file", as_json(g))
