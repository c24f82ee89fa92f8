#!/usr/bin/env bash
# The nightly workflow's commands (.github/workflows/nightly.yml), kept here so a test can run
# them end to end and a maintainer can run them by hand.
#
#   bash scripts/nightly.sh shard I N      # run shard I of N: results/$RUN_ID-shard-I
#   bash scripts/nightly.sh merge DIR      # merge the shard folders in DIR into results/$RUN_ID
#   bash scripts/nightly.sh compare        # compare results/$RUN_ID with the baseline
#
# Environment: RUN_ID (required); MODEL (shard; default oracle), EPOCHS (shard; default 3);
# BASELINE_DIR (default baselines/nightly), DELTA (default 0.10), PROMOTE=true to make tonight's
# run the baseline without comparing; ARCHBENCH (default .venv/bin/archbench);
# GITHUB_STEP_SUMMARY and GITHUB_OUTPUT when set (in GitHub Actions).
#
# compare: with no baseline yet (the first night, or the cached one expired), tonight's run
# becomes the baseline, it says so and exits 0, and GITHUB_OUTPUT gets promoted=true (the
# workflow then saves the baseline). Otherwise it exits as archbench compare does, except that
# INCONCLUSIVE (3) is reported and passes: 0 PASS, 1 REGRESSION, 2 bad input or a baseline
# that is not like for like (promote tonight's run then: dispatch the workflow with promote).
set -euo pipefail

ARCHBENCH=${ARCHBENCH:-.venv/bin/archbench}
BASELINE_DIR=${BASELINE_DIR:-baselines/nightly}
here=$(cd "$(dirname "$0")" && pwd)

die() { echo "nightly: $*" >&2; exit 2; }

summary() {
  # stdin to the log, and to the job summary when there is one
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then tee -a "$GITHUB_STEP_SUMMARY"; else cat; fi
}

output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "$1" >> "$GITHUB_OUTPUT"; fi
}

shard() {
  [ $# = 2 ] || die "usage: nightly.sh shard I N"
  [[ $1 =~ ^[0-9]+$ && $2 =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ] && [ "$1" -le "$2" ] ||
    die "shard $1 of $2: give I and N with 1 <= I <= N"
  "$ARCHBENCH" run --model "${MODEL:-oracle}" --epochs "${EPOCHS:-3}" --shard "$1/$2" \
    --run-id "$RUN_ID-shard-$1" --calibrate
}

merge() {
  [ $# = 1 ] || die "usage: nightly.sh merge DIR (the folder holding one folder per shard)"
  local shards=("${1%/}"/*/)
  [ -d "${shards[0]}" ] || die "$1: holds no shard folders; download the shard artifacts first"
  "$ARCHBENCH" merge "${shards[@]}" --out "results/$RUN_ID"
  "$ARCHBENCH" report "results/$RUN_ID"
}

promote() {
  bash "$here/promote_baseline.sh" "results/$RUN_ID" "$BASELINE_DIR"
  output "promoted=true"
}

compare() {
  [ $# = 0 ] || die "usage: nightly.sh compare"
  local candidate="results/$RUN_ID"
  [ -f "$candidate/run.json" ] || die "$candidate/run.json not found; run merge first"
  if [ "${PROMOTE:-false}" = true ]; then
    promote
    echo "Promoted on request: $RUN_ID is the nightly baseline; nothing compared." | summary
    return 0
  fi
  if [ ! -f "$BASELINE_DIR/run.json" ]; then
    promote
    echo "No baseline at $BASELINE_DIR: $RUN_ID becomes the nightly baseline (first night, or" \
      "the stored one expired); nothing compared. Later nights compare with it." | summary
    return 0
  fi
  local code=0
  "$ARCHBENCH" compare "$BASELINE_DIR" "$candidate" --delta "${DELTA:-0.10}" \
    > "$candidate/compare.md" 2>&1 || code=$?
  summary < "$candidate/compare.md"
  case $code in
    0 | 3) return 0 ;;
    2) echo "The baseline ($(sed -n 's/^run //p' "$BASELINE_DIR/PROMOTED" 2>/dev/null ||
         echo "$BASELINE_DIR")) cannot be compared with $RUN_ID (see above). If the change is" \
         "intended, make tonight's run the baseline: dispatch the nightly workflow with" \
         "promote=true, or bash scripts/promote_baseline.sh $candidate." | summary
       return 2 ;;
    *) return "$code" ;;
  esac
}

[ $# -ge 1 ] || die "usage: nightly.sh shard I N | merge DIR | compare"
[ -n "${RUN_ID:-}" ] || die "RUN_ID is not set; export RUN_ID=nightly-<id>"
command=$1
shift
case $command in
  shard | merge | compare) "$command" "$@" ;;
  *) die "unknown command $command; use shard, merge or compare" ;;
esac
