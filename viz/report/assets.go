package report

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// EChartsEnv names the environment variable that points at echarts.min.js.
const EChartsEnv = "VIGIE_ECHARTS"

// echartsRel is where scripts/echarts.sh leaves the library, relative to the
// repository root.
var echartsRel = filepath.Join(".cache", "echarts", "echarts.min.js")

// FindECharts returns the path of echarts.min.js: $VIGIE_ECHARTS when set,
// else .cache/echarts/echarts.min.js in the working directory or one of its
// parents, else next to the executable or its parent folder.
func FindECharts() (string, error) {
	if p := os.Getenv(EChartsEnv); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%s=%s: %w (run make setup, or point %s at echarts.min.js)", EChartsEnv, p, err, EChartsEnv)
		}
		return p, nil
	}
	var starts []string
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	if exe, err := os.Executable(); err == nil {
		starts = append(starts, filepath.Dir(exe))
	}
	for _, dir := range starts {
		for {
			p := filepath.Join(dir, echartsRel)
			if _, err := os.Stat(p); err == nil {
				return p, nil
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	return "", errors.New("the ECharts library (" + echartsRel + ") is missing: run make setup (scripts/echarts.sh), or set " + EChartsEnv + " to echarts.min.js")
}

// loadECharts reads the library and makes it safe to inline in a <script>
// element: a "</script" inside it would end the element early.
func loadECharts(path string) (string, error) {
	if path == "" {
		p, err := FindECharts()
		if err != nil {
			return "", err
		}
		path = p
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("reading the ECharts library: %w (run make setup)", err)
	}
	js := string(b)
	if !strings.Contains(js, "echarts") {
		return "", fmt.Errorf("%s does not look like echarts.min.js (run make setup)", path)
	}
	return strings.ReplaceAll(js, "</script", `<\/script`), nil
}
