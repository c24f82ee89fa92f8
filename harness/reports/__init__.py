"""Everything built from the results log, without Docker: report.md/html and samples.csv
(`report*`, `html_report`), statistics on top of `harness.stats` (`report_stats`),
`compare` with its verdicts and comparability checks, `power`, `history`, and the static
viewer (`view`). Reads only harness.results (and task files for diffs); runs nothing.
"""
