"""A design task's sample page shows the rubric: each criterion, its verdict and its quote,
and the judge; the quote is untrusted text and is escaped."""

from pathlib import Path

from view_fixtures import functional, make_run, sample, write_sample

from harness.reports.view import build_view
from harness.reports.view.records import sample_slug

DESIGN = {
    "status": "ok",
    "score": 0.5,
    "reason": "",
    "details": {"judge": "anthropic/judge-model", "samples": 3, "usage": {}, "answers": {}},
    "checks": [
        {"name": "first-limit: Does the plan name the first limit?", "outcome": "passed",
         "message": '"The first limit is the primary <script>alert(1)</script> at 11,800 rps."'},
        {"name": "rollback: Does the plan say how to roll back?", "outcome": "failed",
         "message": "no: 3 yes answer(s) quoted text not in the document"},
    ],
}  # fmt: skip


def test_the_design_rubric_is_shown_with_quotes_and_the_judge(tmp_path: Path) -> None:
    s = sample(design=0.5, score=0.8)
    run_dir = make_run(tmp_path, [])
    write_sample(run_dir, s, graders={"functional": functional(), "design": DESIGN})

    build_view(run_dir)
    html = (run_dir / "view" / "s" / f"{sample_slug(s)}.html").read_text()

    assert "Design rubric" in html and "design 0.500" in html
    assert "judge anthropic/judge-model, 3 sample(s) per criterion" in html
    assert "first-limit: Does the plan name the first limit?" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert html.index("rollback:") < html.index("first-limit:")  # failures first
    assert "quoted text not in the document" in html


def test_samples_of_service_tasks_show_no_design_section(tmp_path: Path) -> None:
    s = sample()
    run_dir = make_run(tmp_path, [])
    write_sample(run_dir, s)
    build_view(run_dir)
    html = (run_dir / "view" / "s" / f"{sample_slug(s)}.html").read_text()
    assert "Design rubric" not in html and "design " not in html.split("<h2")[0]
