"""The HTML report renders in a real headless browser (Debian's chromium): it loads with no
console errors, its plots are drawn, and a screenshot lands in the run folder."""

import shutil
import subprocess
from pathlib import Path

import pytest
from test_report import RUN, SAMPLES, sample

from harness.report import write_report
from harness.results import ResultsWriter

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM, "chromium is not installed: apt-get install chromium (.ci/run does)"
    return subprocess.run(
        [
            CHROMIUM,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def report(tmp_path: Path) -> Path:
    writer = ResultsWriter(tmp_path / "run")
    writer.write_run(RUN)
    for record in [*SAMPLES, sample("books", "claude", score=0.7, cost=1.5)]:
        writer.append_sample(record)
    return write_report(writer.run_dir).html


def test_html_report_renders_with_plots_and_no_console_errors(report: Path) -> None:
    proc = chromium("--dump-dom", report.as_uri())

    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = proc.stdout
    assert 'data-rendered="ok"' in dom
    assert 'data-plots="3"' in dom
    assert 'data-marks="0"' not in dom
    for plot in ("category-scores", "task-heatmap", "cost-vs-score"):
        assert f'id="{plot}"' in dom
    console = [line for line in proc.stderr.splitlines() if "CONSOLE" in line]
    assert [line for line in console if "rror" in line or "Uncaught" in line] == []


def test_screenshot_is_saved_in_the_run_folder(report: Path) -> None:
    shot = report.parent / "report.png"

    proc = chromium(f"--screenshot={shot}", "--window-size=1280,1600", report.as_uri())

    assert proc.returncode == 0, proc.stderr[-2000:]
    assert shot.stat().st_size > 10_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_html_escapes_task_text(tmp_path: Path) -> None:
    writer = ResultsWriter(tmp_path / "run")
    writer.write_run(RUN)
    writer.append_sample(sample("<script>alert(1)</script>", "oracle", score=1.0))

    text = write_report(writer.run_dir).html.read_text()

    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
