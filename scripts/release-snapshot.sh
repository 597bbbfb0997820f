#!/usr/bin/env bash
# Proves the release configuration produces its archives: runs a snapshot
# release of .goreleaser.yml narrowed to this machine's platform (a full one
# builds every platform twice, far too slow for `make test`), unsigned, into
# a temporary directory, then checks the provider's zip, the fake's archive,
# the checksum file listing both, and that the archived fake runs.
#
#   scripts/release-snapshot.sh GORELEASER
set -euo pipefail

goreleaser=${1:?usage: release-snapshot.sh GORELEASER}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
goos=$(go env GOOS)
goarch=$(go env GOARCH)

# The first build's goos and goarch lists (the fake's build shares them
# through a YAML anchor) become this platform only.
awk -v os="$goos" -v arch="$goarch" '
  /^    goos:$/   { print; print "      - " os; skip = 1; next }
  /^    goarch:$/ { print; print "      - " arch; skip = 1; next }
  skip && /^      - / { next }
  { skip = 0; print }
' .goreleaser.yml > "$work/goreleaser.yml"
echo "dist: $work/dist" >> "$work/goreleaser.yml"

"$goreleaser" release --config "$work/goreleaser.yml" --snapshot --clean --skip=sign --parallelism 1 \
  > "$work/release.log" 2>&1 || {
  cat "$work/release.log" >&2
  echo "release-snapshot: goreleaser release --snapshot failed" >&2
  exit 1
}

dist=$work/dist
ext=tar.gz
[ "$goos" = windows ] && ext=zip
failed=0
for pattern in "terraform-provider-signalwire_*_${goos}_${goarch}.zip" \
  "signalwire-fake_*_${goos}_${goarch}.$ext" "terraform-provider-signalwire_*_SHA256SUMS"; do
  # shellcheck disable=SC2086 # the pattern is meant to glob
  set -- "$dist"/$pattern
  if [ -f "$1" ]; then
    echo "  ok      $(basename "$1")"
  else
    echo "  MISSING $pattern" >&2
    failed=1
  fi
done
[ "$failed" -eq 0 ] || { ls "$dist" >&2; exit 1; }

# The registry manifest is uploaded as an extra file, so it is only listed.
sums=$(cat "$dist"/terraform-provider-signalwire_*_SHA256SUMS)
for pattern in "terraform-provider-signalwire_*_${goos}_${goarch}.zip" "signalwire-fake_*_${goos}_${goarch}.$ext" \
  "terraform-provider-signalwire_*_manifest.json"; do
  grep -q "  ${pattern//\*/[^ ]*}\$" <<<"$sums" || { echo "SHA256SUMS lists nothing like $pattern" >&2; exit 1; }
done

mkdir "$work/fake"
if [ "$ext" = zip ]; then
  (cd "$work/fake" && unzip -q "$dist"/signalwire-fake_*.zip)
else
  tar -xzf "$dist"/signalwire-fake_*.tar.gz -C "$work/fake"
fi
"$work/fake/signalwire-fake" -version
echo "release-snapshot: the release configuration produces the provider's and the fake's archives"
