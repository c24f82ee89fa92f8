"""The results log: the versioned records a run writes as each sample finishes (`log`:
run.json, samples.jsonl, per-sample folders), the failure taxonomy of their statuses
(`taxonomy`), and merging the shards of one run (`merge`). Running writes it; reporting reads
only it.
"""
