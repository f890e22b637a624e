package report

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEmbeddedECharts: a build made by make build carries the pinned
// library, so reports need nothing from the working directory.
func TestEmbeddedECharts(t *testing.T) {
	if _, err := fs.Stat(embedded, embeddedName); err != nil {
		t.Skip("ECharts is not embedded in this build: run make assets first (it copies the library into viz/report/assets)")
	}
	from, err := FindECharts()
	if err != nil || from != "built into vigie" {
		t.Fatalf("FindECharts = %q, %v", from, err)
	}
	t.Chdir(t.TempDir())
	js, err := loadECharts("")
	if err != nil || !strings.Contains(js, "echarts") {
		t.Fatalf("loading the embedded library from an empty folder: %v", err)
	}
}

// TestEChartsFromEnvironmentIsChecked: without an embedded library, a file
// named by VIGIE_ECHARTS must be the pinned one.
func TestEChartsFromEnvironmentIsChecked(t *testing.T) {
	if _, err := fs.Stat(embedded, embeddedName); err == nil {
		t.Skip("the embedded library takes precedence in this build")
	}
	p := filepath.Join(t.TempDir(), "echarts.min.js")
	if err := os.WriteFile(p, []byte("var echarts = {/* planted */};"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(EChartsEnv, p)
	if _, err := loadECharts(""); err == nil || !strings.Contains(err.Error(), "sha256") {
		t.Fatalf("a library that is not the pinned one was accepted: %v", err)
	}
	t.Setenv(EChartsEnv, "")
	if _, err := loadECharts(""); err == nil || !strings.Contains(err.Error(), "make build") {
		t.Fatalf("no library and an unclear error: %v", err)
	}
}

func TestCheckECharts(t *testing.T) {
	if err := checkECharts([]byte("echarts"), "x"); err == nil {
		t.Fatal("a changed library passed the pin")
	}
}
