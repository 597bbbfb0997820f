#!/usr/bin/env bash
# Runs examples/demo against the fake API: apply, show what the fake now
# holds, prove a second plan is empty, destroy. Called by `make demo`.
set -euo pipefail

terraform_bin=$1
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
fake_pid=""
cleanup() {
  [ -n "$fake_pid" ] && kill "$fake_pid" 2>/dev/null && wait "$fake_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=scripts/dev-overrides.sh
. "$root/scripts/dev-overrides.sh"
write_dev_overrides "$work/cli.tfrc" "$root/bin"
export TF_CLI_CONFIG_FILE="$work/cli.tfrc"
export TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

export SIGNALWIRE_SPACE_URL SIGNALWIRE_PROJECT_ID SIGNALWIRE_API_TOKEN
SIGNALWIRE_PROJECT_ID=0f8a2b6c-3d4e-4f50-8a6b-7c8d9e0f1a2b
SIGNALWIRE_API_TOKEN=PTdemo-$(date +%s%N)
"$root/bin/signalwire-fake" -addr 127.0.0.1:0 -seed "$root/examples/demo/seed.json" \
  -ready-file "$work/ready" > "$work/fake.log" 2>&1 &
fake_pid=$!
for _ in $(seq 100); do [ -s "$work/ready" ] && break; sleep 0.1; done
[ -s "$work/ready" ] || { cat "$work/fake.log"; echo "the fake API did not start" >&2; exit 1; }
SIGNALWIRE_SPACE_URL=$(cat "$work/ready")

cp "$root/examples/demo/main.tf" "$work/"
cd "$work"
tf() { "$terraform_bin" "$@"; }

echo "== $(tf version | head -n 1), fake API at $SIGNALWIRE_SPACE_URL"
echo "== terraform apply"
tf apply -auto-approve -input=false -no-color

echo "== the participants as the fake API now holds them"
participants=$(curl -fsS "$SIGNALWIRE_SPACE_URL/__fake/participants?conference_sid=5d0c3b8e-2f4a-4c61-9a7e-1b2c3d4e5f60")
if command -v jq >/dev/null; then jq -c ".[]" <<<"$participants"; else echo "$participants"; fi
echo

echo "== a second plan"
set +e
tf plan -detailed-exitcode -input=false -no-color
code=$?
set -e
if [ "$code" -ne 0 ]; then
  echo "the second plan was not empty (exit code $code)" >&2
  exit 1
fi

echo "== terraform destroy"
tf destroy -auto-approve -input=false -no-color
echo "== demo finished: applied, read back, no drift, destroyed"
