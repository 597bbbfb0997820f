package provider

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain makes acceptance runs self-contained: the CLI config the
// environment names may not exist (which breaks OpenTofu's version parsing),
// and terraform-plugin-testing must never try to download a CLI.
func TestMain(m *testing.M) {
	if err := prepareAccEnv(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

func prepareAccEnv() error {
	if os.Getenv("TF_ACC") == "" {
		return nil
	}
	if cfg := os.Getenv("TF_CLI_CONFIG_FILE"); cfg == "" || !fileExists(cfg) {
		dir, err := os.MkdirTemp("", "signalwire-acc-cli")
		if err != nil {
			return err
		}
		cfg = filepath.Join(dir, "cli.tfrc")
		if err := os.WriteFile(cfg, []byte("# acceptance tests use no CLI settings\n"), 0o600); err != nil {
			return err
		}
		os.Setenv("TF_CLI_CONFIG_FILE", cfg)
	}
	if os.Getenv("TF_ACC_TERRAFORM_PATH") == "" {
		bin, err := findEngine()
		if err != nil {
			return err
		}
		os.Setenv("TF_ACC_TERRAFORM_PATH", bin)
	}
	// OpenTofu resolves unqualified provider names against its own registry.
	if strings.Contains(filepath.Base(os.Getenv("TF_ACC_TERRAFORM_PATH")), "tofu") {
		setDefault("TF_ACC_PROVIDER_NAMESPACE", "hashicorp")
		setDefault("TF_ACC_PROVIDER_HOST", "registry.opentofu.org")
	}
	return nil
}

// findEngine prefers the terraform on PATH, then the engines make tools builds.
func findEngine() (string, error) {
	if p, err := exec.LookPath("terraform"); err == nil {
		return p, nil
	}
	for _, name := range []string{"terraform-1.13.3", "terraform-1.8.5", "tofu-1.12.6"} {
		p, err := filepath.Abs(filepath.Join("..", "..", "bin", name))
		if err == nil && fileExists(p) {
			return p, nil
		}
	}
	return "", fmt.Errorf("TF_ACC is set but no terraform or tofu was found: put one on PATH, " +
		"run `make tools`, or set TF_ACC_TERRAFORM_PATH")
}

func setDefault(key, value string) {
	if os.Getenv(key) == "" {
		os.Setenv(key, value)
	}
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}
