package report

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// EChartsEnv names the environment variable that points at echarts.min.js,
// for a build made without `make assets`.
const EChartsEnv = "VIGIE_ECHARTS"

// echartsSHA256 is the sha256 of echarts.min.js from the npm package
// echarts@5.4.3, as scripts/echarts.sh pins it: the library the report
// inlines runs in every reader's browser, so a copy found anywhere but an
// explicit Options.ECharts must be this one.
const echartsSHA256 = "1156429a16a38cb8604dcc6518c19406d4226142d908f8edd2e3531443c54d19"

// embedded holds assets/echarts.min.js when `make assets` put it there
// before the build (assets/README.md keeps the pattern valid without it).
//
//go:embed assets
var embedded embed.FS

const embeddedName = "assets/echarts.min.js"

// FindECharts says where the report's ECharts library comes from: built into
// the binary, else $VIGIE_ECHARTS, else the checkout's
// .cache/echarts/echarts.min.js when vigie is <checkout>/bin/vigie. It never
// looks in the working directory, so a report is the same whichever folder
// vigie runs from.
func FindECharts() (string, error) {
	_, from, err := echartsLibrary()
	return from, err
}

// echartsLibrary returns the library's bytes and where they came from, after
// checking them against the pinned sha256.
func echartsLibrary() ([]byte, string, error) {
	if b, err := fs.ReadFile(embedded, embeddedName); err == nil {
		return b, "built into vigie", checkECharts(b, "the ECharts library built into vigie")
	}
	p := os.Getenv(EChartsEnv)
	if p == "" {
		p = besideExecutable()
	}
	if p == "" {
		return nil, "", errors.New("this vigie was built without the ECharts library: build it with make build (make assets copies the library into viz/report/assets before go build), or set " + EChartsEnv + " to echarts.min.js from echarts@5.4.3")
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, "", fmt.Errorf("%s=%s: %w (run make assets, or point %s at echarts.min.js)", EChartsEnv, p, err, EChartsEnv)
	}
	return b, p, checkECharts(b, p)
}

// besideExecutable is <bin>/../.cache/echarts/echarts.min.js, where
// scripts/echarts.sh leaves the library, when it exists; else "".
func besideExecutable() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	if real, err := filepath.EvalSymlinks(exe); err == nil {
		exe = real
	}
	p := filepath.Join(filepath.Dir(filepath.Dir(exe)), ".cache", "echarts", "echarts.min.js")
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

func checkECharts(b []byte, what string) error {
	sum := sha256.Sum256(b)
	if got := hex.EncodeToString(sum[:]); got != echartsSHA256 {
		return fmt.Errorf("%s has sha256 %s, not echarts.min.js from echarts@5.4.3 (%s): run make assets", what, got, echartsSHA256)
	}
	return nil
}

// loadECharts reads the library (path when given, else as FindECharts
// says) and makes it safe to inline in a <script> element: a "</script"
// inside it would end the element early.
func loadECharts(path string) (string, error) {
	var b []byte
	var err error
	if path == "" {
		b, _, err = echartsLibrary()
	} else if b, err = os.ReadFile(path); err != nil {
		err = fmt.Errorf("reading the ECharts library: %w (run make assets)", err)
	}
	if err != nil {
		return "", err
	}
	js := string(b)
	if !strings.Contains(js, "echarts") {
		return "", fmt.Errorf("%s does not look like echarts.min.js (run make assets)", path)
	}
	return strings.ReplaceAll(js, "</script", `<\/script`), nil
}
