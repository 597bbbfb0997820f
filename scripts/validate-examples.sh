#!/usr/bin/env bash
# Checks every example under examples/: formatted, and valid against the
# provider built from this checkout (loaded through dev_overrides, so no
# registry and no `terraform init`).
#
#   scripts/validate-examples.sh TERRAFORM...
#
# Each directory is validated on its own. Where a resource directory holds
# import examples (import-by-*.tf), each is validated together with the
# directory's other files but apart from the other import examples, since
# tfplugindocs shows them as alternatives for the same resource.
set -euo pipefail

[ $# -gt 0 ] || { echo "usage: validate-examples.sh TERRAFORM..." >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
engines=()
for engine in "$@"; do
  case $engine in
  */*) engine=$(cd "$(dirname "$engine")" && pwd)/$(basename "$engine") ;;
  esac
  engines+=("$engine")
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"

mkdir -p "$work/bin"
go build -trimpath -o "$work/bin/terraform-provider-signalwire" .
# shellcheck source=scripts/dev-overrides.sh
. "$root/scripts/dev-overrides.sh"
write_dev_overrides "$work/cli.tfrc" "$work/bin"
export TF_CLI_CONFIG_FILE="$work/cli.tfrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1

# version_at_least ENGINE MAJOR.MINOR
version_at_least() {
  local have
  have=$("$1" version -json | sed -n 's/.*"terraform_version": *"\([^"]*\)".*/\1/p')
  [ "$(printf '%s\n%s\n' "$2" "$have" | sort -V | head -n 1)" = "$2" ]
}

# validate ENGINE LABEL FILE... copies the files into a fresh directory and
# runs validate there.
validate() {
  local engine=$1 label=$2
  shift 2
  local dir
  dir=$(mktemp -d "$work/example.XXXXXX")
  cp "$@" "$dir/"
  # Resource and data source examples leave out the terraform block, as the
  # registry docs do; supply the provider's source address for them.
  if ! grep -q required_providers "$dir"/*.tf; then
    write_required_providers "$dir/zz_required_providers.tf"
  fi
  if out=$(cd "$dir" && "$engine" validate -no-color 2>&1); then
    echo "  ok      $label"
  else
    echo "  FAILED  $label"
    sed 's/^/          /' <<<"$out"
    failed=1
  fi
}

failed=0
mapfile -t dirs < <(find examples -name '*.tf' -not -path '*/.terraform/*' -exec dirname {} \; | sort -u)
for engine in "${engines[@]}"; do
  echo "== examples on $("$engine" version | head -n 1)"
  if ! "$engine" fmt -check -recursive -diff examples/; then
    echo "examples/ is not formatted: run 'terraform fmt -recursive examples/'" >&2
    failed=1
  fi
  for dir in "${dirs[@]}"; do
    base=()
    imports=()
    for f in "$dir"/*; do
      [ -f "$f" ] || continue
      case $(basename "$f") in
      import-by-*.tf) imports+=("$f") ;;
      *.tfstate | *.tfstate.* | .terraform.lock.hcl) ;;
      *) base+=("$f") ;;
      esac
    done
    validate "$engine" "$dir" "${base[@]}"
    for f in "${imports[@]}"; do
      if [ "$(basename "$f")" = import-by-identity.tf ] && ! version_at_least "$engine" 1.12; then
        echo "  skipped $f (import blocks with identity need Terraform 1.12 or later)"
        continue
      fi
      validate "$engine" "$dir + $(basename "$f")" "${base[@]}" "$f"
    done
  done
done
if [ "$failed" -ne 0 ]; then
  echo "some examples failed: see above" >&2
  exit 1
fi
echo "examples: all formatted and valid"
