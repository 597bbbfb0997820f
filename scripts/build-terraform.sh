#!/usr/bin/env bash
# Builds Terraform VERSION from its module on the Go module proxy into OUT.
#
#   scripts/build-terraform.sh 1.13.3 bin/terraform-1.13.3
#
# Since 1.10, Terraform's go.mod replaces nested modules (the remote-state
# backends and internal/legacy) with directories that the module zip leaves
# out, so `go install github.com/hashicorp/terraform@v…` fails. This copies
# the module to a scratch directory, drops every replace whose directory is
# missing (with its require), removes the backends that lived there from the
# backend registry, and builds. Nothing outside those backends' tests imports
# them; the resulting binary lacks only the azurerm, consul, cos, gcs,
# kubernetes, oss, pg, s3 and oci state backends, which the tests never use.
set -euo pipefail

version=${1:?usage: build-terraform.sh VERSION OUT}
out=${2:?usage: build-terraform.sh VERSION OUT}
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
module=github.com/hashicorp/terraform

src=$(go mod download -json "$module@v$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$src" ] || { echo "build-terraform: could not download $module@v$version" >&2; exit 1; }

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cp -R "$src"/. "$work"
chmod -R u+w "$work"
cd "$work"

init=internal/backend/init/init.go
missing=()
# "replace M => ./dir" lines, alone or inside a replace block.
while read -r path dir; do
	[ -d "$dir" ] || missing+=("$path")
done < <(sed -n 's|^[[:space:]]*\(replace[[:space:]]\+\)\?\([^[:space:]]\+\)\([[:space:]]\+v[^[:space:]]*\)\?[[:space:]]*=>[[:space:]]*\(\.\.\?/[^[:space:]]*\)[[:space:]]*$|\2 \4|p' go.mod)

for path in "${missing[@]}"; do
	go mod edit -dropreplace="$path" -droprequire="$path"
	alias=$(sed -n "s|^[[:space:]]*\([A-Za-z0-9_]*\)[[:space:]]*\"$path\"$|\1|p" "$init")
	if [ -n "$alias" ]; then
		sed -i -e "\|\"$path\"$|d" -e "/[[:space:]]$alias\.New(/d" "$init"
	fi
done
echo "build-terraform: left out ${#missing[@]} nested modules the module zip lacks" >&2

go build -trimpath -ldflags "-X $module/version.dev=no" -o "$out" .
TF_CLI_CONFIG_FILE=/dev/null "$out" version | head -n 1
