#!/usr/bin/env bash
# Runs this directory's `terraform test` suite against signalwire-fake, as a
# CI job would: starts the fake on a free port, exports the provider's
# variables, seeds the conference the tests expect, hangs up the call that
# has left, runs the tests and stops the fake. Arguments go to
# `terraform test`.
#
#   TERRAFORM        the engine (default terraform; TERRAFORM=tofu for OpenTofu)
#   SIGNALWIRE_FAKE  the fake (default signalwire-fake, as `go install` puts it)
#   SKIP_INIT=1      skip `terraform init`, for a provider loaded through
#                    dev_overrides, which init would look up in the registry
set -euo pipefail

terraform=${TERRAFORM:-terraform}
fake=${SIGNALWIRE_FAKE:-signalwire-fake}
for tool in "$terraform" "$fake" curl; do
  command -v "$tool" > /dev/null || { echo "run-tests.sh: $tool not found" >&2; exit 1; }
done
cd "$(dirname "$0")"

# Test credentials that only the fake accepts; never a real space's.
export SIGNALWIRE_PROJECT_ID=0f8a2b6c-3d4e-4f50-8a6b-7c8d9e0f1a2b
export SIGNALWIRE_API_TOKEN=PTtest-not-a-secret
work=$(mktemp -d)
fake_pid=""
cleanup() {
  if [ -n "$fake_pid" ]; then
    kill "$fake_pid" 2> /dev/null || true
    wait "$fake_pid" 2> /dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# Port 0 picks a free port. The fake prints the variables to export once it
# is listening; reading them through a pipe waits exactly that long.
mkfifo "$work/banner"
"$fake" -addr 127.0.0.1:0 > "$work/banner" 2> "$work/fake.log" &
fake_pid=$!
exec 3< "$work/banner"
SIGNALWIRE_SPACE_URL=""
while read -r line <&3; do
  case $line in
  "export SIGNALWIRE_SPACE_URL="*)
    SIGNALWIRE_SPACE_URL=${line#*=}
    break
    ;;
  esac
done
[ -n "$SIGNALWIRE_SPACE_URL" ] || { cat "$work/fake.log" >&2; echo "run-tests.sh: signalwire-fake did not start" >&2; exit 1; }
export SIGNALWIRE_SPACE_URL
echo "signalwire-fake at $SIGNALWIRE_SPACE_URL"

# The admin API needs no credentials.
admin=$SIGNALWIRE_SPACE_URL/__fake
curl -fsS -X POST --data-binary @seed.json "$admin/seed" > /dev/null
# A trainee who has already left the training when the tests run.
curl -fsS -X POST "$admin/hangup?conference_sid=7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d&call_sid=c0ffee00-0000-4000-8000-000000000006"

if [ "${SKIP_INIT:-}" != 1 ]; then
  "$terraform" init -input=false > "$work/init.log" 2>&1 || { cat "$work/init.log" >&2; exit 1; }
fi
status=0
"$terraform" test "$@" || status=$?

echo "signalwire-fake request log: $(curl -fsS "$admin/requests" | grep -o '"by_method":{[^}]*}')"
exit "$status"
