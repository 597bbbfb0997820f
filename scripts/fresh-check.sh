#!/usr/bin/env bash
# Proves the README's two commands on a machine that has never seen the
# project: clones HEAD into a temporary directory and runs `make demo`, then
# `make test`, there with empty GOMODCACHE, GOCACHE and GOPATH, printing each
# one's wall time. Only committed work is checked. The logs stay in the
# printed directory when a command fails; FRESH_KEEP=1 keeps them always.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "$(git -C "$root" status --porcelain --untracked-files=no)" ]; then
  echo "fresh-check: uncommitted changes are not part of the check (it clones HEAD)" >&2
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/signalwire-fresh.XXXXXX")
export GOPATH="$tmp/gopath" GOMODCACHE="$tmp/gopath/pkg/mod" GOCACHE="$tmp/gocache"
unset GOBIN GOFLAGS
cleanup() {
  status=$?
  if [ "$status" -eq 0 ] && [ -z "${FRESH_KEEP:-}" ]; then
    go clean -modcache 2>/dev/null || true
    rm -rf "$tmp"
  else
    echo "fresh-check: logs and the clone are in $tmp" >&2
  fi
}
trap cleanup EXIT

git clone --quiet --no-hardlinks "$root" "$tmp/repo"
cd "$tmp/repo"
echo "== fresh-check of $(git log -1 --format='%h %s') in $tmp/repo"
echo "== empty caches: GOMODCACHE=$GOMODCACHE GOCACHE=$GOCACHE"

declare -A took
for target in demo test; do
  start=$(date +%s)
  echo "== make $target (log: $tmp/make-$target.log)"
  if ! make "$target" > "$tmp/make-$target.log" 2>&1; then
    tail -n 40 "$tmp/make-$target.log" >&2
    echo "fresh-check: make $target FAILED after $(($(date +%s) - start)) s" >&2
    exit 1
  fi
  secs=$(($(date +%s) - start))
  took[$target]=$(printf '%dm%02ds' $((secs / 60)) $((secs % 60)))
  echo "== make $target passed in ${took[$target]}"
  grep -E '^(ok|FAIL|--- FAIL)' "$tmp/make-$target.log" | sed 's/^/   /' || true
done
echo "fresh-check: passed on a clean clone with empty Go caches: make demo ${took[demo]}, make test ${took[test]} ($(nproc) cores)"
