#!/usr/bin/env bash
# Make a completed results folder the nightly baseline that `scripts/nightly.sh compare` (and
# `archbench compare`) measures later runs against.
#
#   bash scripts/promote_baseline.sh RESULTS_DIR [BASELINE_DIR]   # default baselines/nightly
#
# The previous baseline is replaced whole; BASELINE_DIR/PROMOTED says which run it is and when
# it was promoted. Only a completed run that is not a single shard can be promoted (merge the
# shards first with `archbench merge`). In CI the nightly workflow keeps the baseline in the
# Actions cache: it promotes the first night's results itself, and a later night's when it is
# dispatched by hand with promote=true.
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: bash scripts/promote_baseline.sh RESULTS_DIR [BASELINE_DIR]" >&2
  exit 2
fi
results=${1%/}
baseline=${2:-baselines/nightly}

if [ ! -f "$results/run.json" ]; then
  echo "promote_baseline: $results/run.json not found; give a results/<run-id> folder" >&2
  exit 2
fi
problem=$(python3 - "$results/run.json" <<'EOF'
import json, sys
run = json.load(open(sys.argv[1]))
if run.get("shard"):
    print(f"it is shard {run['shard']}; merge the shards with archbench merge and promote that")
elif run.get("status") != "completed":
    print(f"its status is {run.get('status')}, not completed; promote a run that completed")
EOF
)
if [ -n "$problem" ]; then
  echo "promote_baseline: $results: $problem" >&2
  exit 2
fi

staging="$baseline.promoting"
rm -rf "$staging"
mkdir -p "$(dirname "$baseline")"
cp -a "$results" "$staging"
printf 'run %s\npromoted %s\nfrom %s\n' "$(basename "$results")" \
  "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$results" > "$staging/PROMOTED"
rm -rf "$baseline"
mv "$staging" "$baseline"
echo "baseline: $baseline is now run $(basename "$results")"
