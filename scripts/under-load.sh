#!/usr/bin/env bash
# Runs a command RUNS times in a row while busy loops keep every core of the
# machine loaded, then stops the loops. Fails on the first failing run.
#
#   scripts/under-load.sh RUNS COMMAND...
#
# The loops are bounded: each ends by itself after LOAD_SECONDS (default two
# hours) even if this script is killed before it can stop them.
set -euo pipefail

runs=${1:?usage: under-load.sh RUNS COMMAND...}
shift
[ $# -gt 0 ] || { echo "usage: under-load.sh RUNS COMMAND..." >&2; exit 2; }
cores=$(nproc)
loops=()
stop_loops() {
  for pid in "${loops[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait "${loops[@]}" 2>/dev/null || true
}
trap stop_loops EXIT
for _ in $(seq "$cores"); do
  timeout "${LOAD_SECONDS:-7200}" sh -c 'yes > /dev/null' &
  loops+=($!)
done
echo "== $cores busy loops started (load average $(cut -d' ' -f1-3 /proc/loadavg))"

for run in $(seq "$runs"); do
  start=$(date +%s)
  echo "== run $run of $runs under load: $*"
  "$@"
  echo "== run $run of $runs passed in $(($(date +%s) - start)) s (load average $(cut -d' ' -f1-3 /proc/loadavg))"
done
echo "== all $runs runs passed with $cores busy loops"
