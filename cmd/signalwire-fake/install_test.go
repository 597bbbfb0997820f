package main

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/mod/module"
	modzip "golang.org/x/mod/zip"
)

const testVersion = "v0.0.0-test"

// TestGoInstallFromOutsideTheModule proves the one-command install the help
// and the docs give works for someone without a checkout. It publishes the
// working tree as testVersion to a module proxy on disk, then runs
// `go install importPath@testVersion` in an empty directory with an empty
// GOPATH, so nothing of this checkout can be used, and runs the binary.
func TestGoInstallFromOutsideTheModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command from a module proxy")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	root, modPath := moduleRoot(t, goBin)
	files := checkoutFiles(t, root)

	proxy := t.TempDir()
	publish(t, proxy, root, module.Version{Path: modPath, Version: testVersion}, files)
	hostCache := strings.TrimSpace(goOutput(t, root, goBin, "env", "GOMODCACHE"))
	gopath := t.TempDir()
	install := exec.Command(goBin, "install", importPath+"@"+testVersion)
	install.Dir = t.TempDir()
	install.Env = append(os.Environ(),
		"GOPATH="+gopath, "GOBIN=", "GOMODCACHE="+filepath.Join(gopath, "pkg", "mod"),
		// The module cache of this machine serves any dependency, so the
		// test needs no network; the module itself comes only from proxy.
		"GOPROXY="+fileURL(proxy)+","+fileURL(filepath.Join(hostCache, "cache", "download")),
		"GONOSUMDB="+modPath, "GOFLAGS=-mod=mod -modcacherw", "GOWORK=off", "GO111MODULE=on", "GOTOOLCHAIN=local")
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("go install %s@%s: %v\n%s", importPath, testVersion, err, out)
	}

	bin := filepath.Join(gopath, "bin", "signalwire-fake")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	if got, want := runBinary(t, bin, "-version"), "signalwire-fake "+testVersion+"\n"; got != want {
		t.Errorf("-version printed %q, want %q", got, want)
	}
	var help bytes.Buffer
	printUsage(&help)
	if got := runBinary(t, bin, "-h"); got != help.String() {
		t.Errorf("the installed command's -h differs from this checkout's:\n%s", got)
	}
}

// moduleRoot returns the directory and path of the module under test.
func moduleRoot(t *testing.T, goBin string) (dir, path string) {
	t.Helper()
	fields := strings.Fields(goOutput(t, ".", goBin, "list", "-m", "-f", "{{.Dir}} {{.Path}}"))
	if len(fields) != 2 {
		t.Fatalf("go list -m: %q", fields)
	}
	return fields[0], fields[1]
}

// checkoutFiles lists the files a commit of the working tree would hold:
// tracked and new files, less what .gitignore excludes (built binaries).
func checkoutFiles(t *testing.T, root string) []modzip.File {
	t.Helper()
	cmd := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("not a git checkout, so there is no working tree to publish: %v", err)
	}
	var files []modzip.File
	for _, rel := range strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00") {
		if _, err := os.Lstat(filepath.Join(root, rel)); err == nil { // deleted but not yet committed
			files = append(files, diskFile{root: root, rel: rel})
		}
	}
	return files
}

// publish writes version v of the module to dir in the GOPROXY protocol's
// layout: $module/@v/list, $version.info, .mod and .zip.
func publish(t *testing.T, dir, root string, v module.Version, files []modzip.File) {
	t.Helper()
	escaped, err := module.EscapePath(v.Path)
	if err != nil {
		t.Fatal(err)
	}
	vdir := filepath.Join(dir, filepath.FromSlash(escaped), "@v")
	if err := os.MkdirAll(vdir, 0o755); err != nil {
		t.Fatal(err)
	}
	zf, err := os.Create(filepath.Join(vdir, v.Version+".zip"))
	if err != nil {
		t.Fatal(err)
	}
	if err := modzip.Create(zf, v, files); err != nil {
		t.Fatal(err)
	}
	if err := zf.Close(); err != nil {
		t.Fatal(err)
	}
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"list":              []byte(v.Version + "\n"),
		v.Version + ".info": []byte(`{"Version":"` + v.Version + `","Time":"2026-01-01T00:00:00Z"}`),
		v.Version + ".mod":  gomod,
	} {
		if err := os.WriteFile(filepath.Join(vdir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// diskFile is a file of the working tree, as modzip.Create reads it.
type diskFile struct{ root, rel string }

func (f diskFile) Path() string                 { return filepath.ToSlash(f.rel) }
func (f diskFile) Lstat() (fs.FileInfo, error)  { return os.Lstat(filepath.Join(f.root, f.rel)) }
func (f diskFile) Open() (io.ReadCloser, error) { return os.Open(filepath.Join(f.root, f.rel)) }

// fileURL is a file:// GOPROXY entry for dir.
func fileURL(dir string) string {
	return "file://" + filepath.ToSlash(dir)
}

func goOutput(t *testing.T, dir, goBin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(goBin, args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go %s: %v", strings.Join(args, " "), err)
	}
	return string(out)
}

func runBinary(t *testing.T, bin string, args ...string) string {
	t.Helper()
	out, err := exec.Command(bin, args...).Output()
	if err != nil {
		t.Fatalf("%s %s: %v", bin, strings.Join(args, " "), err)
	}
	return string(out)
}
