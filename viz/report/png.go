// Pictures drive a Chromium; the explorer page's engine (GOOS=js) has none.
//go:build !js

package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/chromedp/chromedp"

	"vigie/internal/atomicfile"
	"vigie/metrics"
)

// ChromiumEnv names the environment variable that points at a Chromium or
// Chrome binary; without it the usual names are looked up on PATH.
const ChromiumEnv = "VIGIE_CHROMIUM"

// FindChromium returns the path of a headless-capable Chromium.
func FindChromium() (string, error) {
	if p := os.Getenv(ChromiumEnv); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%s=%s: %w", ChromiumEnv, p, err)
		}
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("pictures need headless Chromium, which is missing: install the Debian package chromium " +
		"(apt-get install chromium, or bash scripts/system-deps.sh test), or set " + ChromiumEnv)
}

// Browser starts headless Chromium with the network cut off: a proxy that
// answers nothing and a resolver that finds no host, so no request can
// leave. It returns a chromedp context and a func that stops the browser and
// removes its profile.
func Browser(ctx context.Context) (context.Context, context.CancelFunc, error) {
	bin, err := FindChromium()
	if err != nil {
		return nil, nil, err
	}
	profile, err := os.MkdirTemp("", "vigie-chromium-")
	if err != nil {
		return nil, nil, err
	}
	flags := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("font-render-hinting", "none"),
		chromedp.Flag("proxy-server", "http://127.0.0.1:9"),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, flags...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	stop := func() {
		cancelBrowser()
		cancelAlloc()
		// Chromium's children may still write to the profile for a moment.
		for range 50 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	return bctx, stop, nil
}

// FileURL turns a local path into a file:// URL.
func FileURL(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String(), nil
}

// WaitDrawn waits until every chart on the page has finished drawing.
func WaitDrawn(timeout time.Duration) chromedp.Action[bool] {
	return chromedp.Poll[bool](`window.vigieCharts && window.vigieCharts.drawn === window.vigieCharts.total`,
		chromedp.WithPollingTimeout(timeout))
}

// pictureWidth is the PNG page's width in CSS pixels; pictures are taken at
// twice that for print.
const (
	pictureWidth = 1200
	pictureScale = 2
)

// WritePNGs writes each chart as dir/<id>.png, rendered by headless
// Chromium from the same chart definitions as the report, and returns the
// files written.
func WritePNGs(ctx context.Context, dir string, res metrics.Results, o Options) ([]string, error) {
	if err := CheckLang(o.Lang); err != nil {
		return nil, err
	}
	js, err := loadECharts(o.ECharts)
	if err != nil {
		return nil, err
	}
	figs := Figures(res, o)
	bctx, stop, err := Browser(ctx)
	if err != nil {
		return nil, err
	}
	defer stop()
	tmp, err := os.MkdirTemp("", "vigie-png-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var written []string
	for _, f := range figs {
		f.Width = 0 // a picture uses the whole card
		page := filepath.Join(tmp, f.ID+".html")
		if err := writeSingle(page, res, f, js, o.tongue()); err != nil {
			return written, err
		}
		png, err := shoot(bctx, page, f.ID)
		if err != nil {
			return written, fmt.Errorf("picture of chart %s: %w", f.ID, err)
		}
		out := filepath.Join(dir, f.ID+".png")
		if err := atomicfile.Write(out, png); err != nil {
			return written, err
		}
		written = append(written, out)
	}
	return written, nil
}

// writeSingle writes a page with one figure card, sized for a picture.
func writeSingle(path string, res metrics.Results, f Figure, js string, in tongue) error {
	figs, err := figuresForPage([]Figure{f})
	if err != nil {
		return err
	}
	d := pageData{Lang: in.Lang(), Dir: in.Dir(), Res: res, Figures: figs, ECharts: template.JS(js), Single: true}
	tmpl, err := pageTemplate(in)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, d); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

func shoot(ctx context.Context, page, id string) ([]byte, error) {
	u, err := FileURL(page)
	if err != nil {
		return nil, err
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(pictureWidth, 800, chromedp.EmulateScale(pictureScale)),
		chromedp.Navigate(u)); err != nil {
		return nil, err
	}
	if _, err := chromedp.Run(ctx, WaitDrawn(20*time.Second)); err != nil {
		return nil, fmt.Errorf("the chart did not finish drawing: %w", err)
	}
	return chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS("#fig-"+id)))
}
