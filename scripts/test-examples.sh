#!/usr/bin/env bash
# Runs the `terraform test` suite of examples/testing on each engine, as the
# "Testing your configuration" guide tells a user to: in a copy of the
# directory, with the fake and the provider built from this checkout (the
# provider through dev_overrides rather than the registry). Each engine runs
# the mock provider file alone, with no credentials and no fake, then the
# whole suite through the directory's run-tests.sh.
#
#   scripts/test-examples.sh ENGINE...
set -euo pipefail

[ $# -gt 0 ] || { echo "usage: test-examples.sh ENGINE..." >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"

mkdir -p "$work/bin"
go build -trimpath -o "$work/bin/terraform-provider-signalwire" .
go build -trimpath -o "$work/bin/signalwire-fake" ./cmd/signalwire-fake
# shellcheck source=scripts/dev-overrides.sh
. "$root/scripts/dev-overrides.sh"
write_dev_overrides "$work/cli.tfrc" "$work/bin"
export TF_CLI_CONFIG_FILE="$work/cli.tfrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1

failed=0
for engine in "$@"; do
  case $engine in
  */*) engine=$(cd "$(dirname "$engine")" && pwd)/$(basename "$engine") ;;
  esac
  echo "== examples/testing on $("$engine" version | head -n 1)"
  dir=$(mktemp -d "$work/testing.XXXXXX")
  cp -R examples/testing/. "$dir"
  if ! (cd "$dir" && env -u SIGNALWIRE_SPACE_URL -u SIGNALWIRE_SPACE -u SIGNALWIRE_PROJECT_ID -u SIGNALWIRE_API_TOKEN \
    "$engine" test -no-color -filter=tests/mock_provider.tftest.hcl); then
    failed=1
  fi
  # No init: dev_overrides supplies the provider, and init would look it up
  # in the registry.
  if ! SKIP_INIT=1 TERRAFORM="$engine" SIGNALWIRE_FAKE="$work/bin/signalwire-fake" "$dir/run-tests.sh" -no-color; then
    failed=1
  fi
done
if [ "$failed" -ne 0 ]; then
  echo "examples/testing failed: see above" >&2
  exit 1
fi
echo "examples/testing: green on every engine"
