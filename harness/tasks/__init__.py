"""Task specs: `task.toml` loaded into immutable, strictly validated models (`spec`), the
load and security probe specs (`probespec`), design rubrics (`rubric`), and mutants and
equivalents as patches against the reference (`patches`). Pure data and its checks: no
Docker, no model.
"""
