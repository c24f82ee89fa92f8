"""The run engine: requests in, finished runs out.

- `engine`: `run_benchmark` and `validate_suite`, the calls the CLI (and tests, notebooks)
  make; `hooks`: how progress comes back; `request`: a run's settings, checked and resumable
- `runner`: every sample of a run, concurrently, each written to the results log as it ends
- `sample`: one sample: sandbox, agent runtime, snapshot, grading, record
- `grading`: the graders on a snapshot, in fresh containers, and the composite score
- `grade`, `submission`: `archbench grade` of a workspace made elsewhere
- `validate`, `verdicts`: a task's reference, mutants and equivalents graded as evidence
"""
