#!/usr/bin/env bash
# Generates, checks and validates the registry documentation in docs/ with
# tfplugindocs, entirely offline: the provider schema comes from a local
# build loaded through dev_overrides, never from a registry.
#
#   scripts/docs.sh generate TERRAFORM   rewrite docs/
#   scripts/docs.sh check TERRAFORM      fail if docs/ is not what generate would write
#   scripts/docs.sh validate TERRAFORM   run tfplugindocs validate
#
# TERRAFORM is the engine that exports the schema. The GNUmakefile always
# passes the same pinned version so the output never depends on which
# Terraform happens to be installed.
set -euo pipefail

mode=${1:?usage: docs.sh generate|check|validate TERRAFORM}
terraform_bin=${2:?usage: docs.sh generate|check|validate TERRAFORM}
case $terraform_bin in
*/*) terraform_bin=$(cd "$(dirname "$terraform_bin")" && pwd)/$(basename "$terraform_bin") ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/dev-overrides.sh
. "$root/scripts/dev-overrides.sh"
address=registry.terraform.io/$provider_source
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"

# export_schema writes the schema tfplugindocs reads to $work/schema.json.
# internal/cmd/docs-schema keys it by the short name "signalwire", as
# tfplugindocs expects for a provider outside the hashicorp namespace, and adds
# the resource identity schemas that Terraform 1.8.5 does not export.
export_schema() {
  mkdir -p "$work/bin" "$work/schema"
  go build -trimpath -o "$work/bin/terraform-provider-signalwire" .
  write_dev_overrides "$work/cli.tfrc" "$work/bin"
  write_required_providers "$work/schema/main.tf"
  (cd "$work/schema" && TF_CLI_CONFIG_FILE="$work/cli.tfrc" CHECKPOINT_DISABLE=1 \
    "$terraform_bin" providers schema -json) > "$work/raw.json" 2> "$work/schema.log" || {
    cat "$work/schema.log" >&2
    echo "docs: exporting the provider schema with $terraform_bin failed" >&2
    exit 1
  }
  go run ./internal/cmd/docs-schema -address "$address" -name signalwire < "$work/raw.json" > "$work/schema.json"
}

# generate_into DIR renders the docs of a copy of the inputs into DIR/docs,
# so the working tree is never touched until the result is complete.
generate_into() {
  local dir=$1
  mkdir -p "$dir"
  for input in examples templates; do
    [ -d "$input" ] && cp -R "$input" "$dir/"
  done
  go tool tfplugindocs generate --provider-dir "$dir" --provider-name signalwire \
    --rendered-provider-name SignalWire --providers-schema "$work/schema.json" > "$work/generate.log" 2>&1 || {
    cat "$work/generate.log" >&2
    exit 1
  }
}

case $mode in
generate)
  export_schema
  generate_into "$work/out"
  rm -rf docs
  cp -R "$work/out/docs" docs
  echo "docs: regenerated docs/"
  ;;
check)
  export_schema
  generate_into "$work/out"
  if ! diff -ru docs "$work/out/docs"; then
    echo "docs: docs/ is out of date with the schema, templates or examples; run 'make docs' and commit the result" >&2
    exit 1
  fi
  echo "docs: docs/ is current"
  ;;
validate)
  export_schema
  go tool tfplugindocs validate --provider-name signalwire --providers-schema "$work/schema.json" \
    > "$work/validate.log" 2>&1 || {
    cat "$work/validate.log" >&2
    echo "docs: tfplugindocs validate failed" >&2
    exit 1
  }
  echo "docs: tfplugindocs validate passed"
  ;;
*)
  echo "docs.sh: unknown mode $mode (generate, check or validate)" >&2
  exit 2
  ;;
esac
