"""A minimal open design task folder for tests."""

from pathlib import Path

RUBRIC = """
deliverable = "DESIGN.md"

[[criterion]]
id = "first-limit"
question = "Does the plan name the resource that runs out first?"
evidence = "A sentence naming the first limit and the load at which it is reached."
offline_pattern = "first limit"

[[criterion]]
id = "rollback"
question = "Does the plan say how a failed step is rolled back?"
evidence = "A sentence describing the rollback of a step."
offline_pattern = "roll(ed)? back"
"""
TASK_TOML = """
id = "{id}"
title = "A design task"
category = "design"
difficulty = 2
kind = "design"

[service]
kind = "none"

[grading]
weights = {weights}
"""


def make_design_task(
    root: Path,
    task_id: str = "design-x",
    *,
    rubric: bool = True,
    weights: str = "{ functional = 0.6, design = 0.4 }",
) -> Path:
    folder = root / task_id
    for sub in ("workspace", "tests/visible", "hidden", "solution"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (folder / "prompt.md").write_text("Plan the capacity.\n")
    (folder / "task.toml").write_text(TASK_TOML.format(id=task_id, weights=weights))
    if rubric:
        (folder / "rubric.toml").write_text(RUBRIC)
    return folder
