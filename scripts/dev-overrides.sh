# shellcheck shell=bash
# Sourced by the scripts that run Terraform or OpenTofu against a local build
# of the provider, so the CLI configuration that loads it is written once.

# provider_source is the provider's source address, as configurations name it.
provider_source=seed177019bb/signalwire

# write_dev_overrides FILE DIR writes a CLI configuration to FILE that loads
# the provider from DIR through dev_overrides: no registry, no `init` needed.
# Terraform and OpenTofu expand provider_source to different registry hosts,
# so both are overridden and one file serves every engine.
write_dev_overrides() {
  local file=$1 dir=$2
  cat > "$file" <<CFG
provider_installation {
  dev_overrides {
    "registry.terraform.io/$provider_source" = "$dir"
    "registry.opentofu.org/$provider_source" = "$dir"
  }
  direct {}
}
CFG
}

# write_required_providers FILE writes a terraform block requiring the
# provider, for a directory whose configuration leaves it out.
write_required_providers() {
  cat > "$1" <<CFG
terraform {
  required_providers {
    signalwire = {
      source = "$provider_source"
    }
  }
}
CFG
}
