package report

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"vigie/metrics"
)

// needBrowser skips a test when the set-up it needs is missing (make test
// installs both: make setup fetches ECharts, test-deps installs Chromium),
// and under -short, whose quick loop starts no browser.
func needBrowser(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("starts headless Chromium")
	}
	if _, err := FindECharts(); err != nil {
		t.Skip(err)
	}
	if _, err := FindChromium(); err != nil {
		t.Skip(err)
	}
}

// screenshotDir is where the browser tests leave their pictures:
// $VIGIE_SCREENSHOTS when set, else a folder under the system's temp dir.
func screenshotDir(t *testing.T) string {
	dir := os.Getenv("VIGIE_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "vigie-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// pageWatch records what a page does that it must not: console errors,
// uncaught exceptions, and requests for anything but the page itself.
type pageWatch struct {
	mu       sync.Mutex
	page     string
	problems []string
}

func (w *pageWatch) listen(ev any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	switch e := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
			var parts []string
			for _, a := range e.Args {
				parts = append(parts, string(a.Value)+a.Description)
			}
			w.problems = append(w.problems, "console error: "+strings.Join(parts, " "))
		}
	case *runtime.EventExceptionThrown:
		msg := e.ExceptionDetails.Text
		if e.ExceptionDetails.Exception != nil {
			msg += " " + e.ExceptionDetails.Exception.Description
		}
		w.problems = append(w.problems, "exception: "+msg)
	case *log.EventEntryAdded:
		if e.Entry.Level == log.EntryLevelError {
			w.problems = append(w.problems, "browser log error: "+e.Entry.Text+" "+e.Entry.URL)
		}
	case *network.EventRequestWillBeSent:
		if u := e.Request.URL; u != w.page && !strings.HasPrefix(u, "data:") {
			w.problems = append(w.problems, "network request: "+u)
		}
	}
}

func (w *pageWatch) report(t *testing.T) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, p := range w.problems {
		t.Error(p)
	}
}

// chartCheckJS returns, for each chart, whether its canvas shows more than
// a couple of colours (a blank or failed chart is one flat colour).
const chartCheckJS = `Array.from(document.querySelectorAll('.chart')).map(function (el) {
  var c = el.querySelector('canvas');
  if (!c || c.width === 0 || c.height === 0) { return el.id + ': no canvas'; }
  var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  var seen = {}, n = 0;
  for (var i = 0; i < d.length; i += 4 * 7) {
    var k = d[i] + ',' + d[i + 1] + ',' + d[i + 2];
    if (!seen[k]) { seen[k] = true; n++; }
  }
  return el.id + ': ' + n + ' colours';
})`

// showEveryTipJS opens a tooltip on every chart's series, so that user text
// in tooltips is rendered too (an injected <img> would make a request).
const showEveryTipJS = `(function () {
  var n = 0;
  document.querySelectorAll('.chart').forEach(function (el) {
    var c = echarts.getInstanceByDom(el);
    c.getOption().series.forEach(function (s, i) {
      c.dispatchAction({type: 'showTip', seriesIndex: i, dataIndex: 0});
      n++;
    });
  });
  return n;
})()`

// openReport writes res's report into a temporary folder and opens it in
// headless Chromium at a window size, with the network cut off; it returns
// the tab and the watch on its console and requests. Everything it starts
// ends with the test.
func openReport(t *testing.T, res metrics.Results, o Options, name string, width, height int64) (context.Context, *pageWatch) {
	t.Helper()
	page := filepath.Join(t.TempDir(), name)
	if err := Write(page, res, o); err != nil {
		t.Fatal(err)
	}
	pageURL, err := FileURL(page)
	if err != nil {
		t.Fatal(err)
	}
	watch := &pageWatch{page: pageURL}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	t.Cleanup(cancel)
	bctx, stop, err := Browser(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	tctx, cancelTab := chromedp.NewContext(bctx, chromedp.WithListener(watch.listen))
	t.Cleanup(cancelTab)
	if err := chromedp.Do(tctx, chromedp.EmulateViewport(width, height), chromedp.Navigate(pageURL)); err != nil {
		t.Fatal(err)
	}
	return tctx, watch
}

// TestReportOpensOffline opens report.html in headless Chromium with the
// network cut off and checks that every chart drew, with no console error
// and no request leaving the page.
func TestReportOpensOffline(t *testing.T) {
	needBrowser(t)
	tctx, watch := openReport(t, withPipeline(sampleResults(true)), Options{}, "report.html", 1100, 900)
	if _, err := chromedp.Run(tctx, WaitDrawn(30*time.Second)); err != nil {
		drawn, _ := chromedp.Run(tctx, chromedp.Evaluate[any](`window.vigieCharts`))
		t.Fatalf("charts did not all draw: %v (state %v)", err, drawn)
	}
	checks, err := chromedp.Run(tctx, chromedp.Evaluate[[]string](chartCheckJS))
	if err != nil {
		t.Fatal(err)
	}
	if len(checks) != 7 {
		t.Errorf("found %d charts, want 7: %v", len(checks), checks)
	}
	for _, c := range checks {
		var id string
		var n int
		if _, err := fmt.Sscanf(strings.Replace(c, ":", " ", 1), "%s %d colours", &id, &n); err != nil || n < 4 {
			t.Errorf("chart looks blank: %s", c)
		}
	}
	tips, err := chromedp.Run(tctx, chromedp.Evaluate[int](showEveryTipJS))
	if err != nil || tips == 0 {
		t.Errorf("showing tooltips: %d, %v", tips, err)
	}
	title, err := chromedp.Run(tctx, chromedp.Evaluate[string](`document.querySelector('h1').textContent`))
	if err != nil || !strings.Contains(title, evilScenario) {
		t.Errorf("the scenario name is not shown as text in the heading: %q, %v", title, err)
	}
	shot, err := chromedp.Run(tctx, chromedp.FullScreenshot(90))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(screenshotDir(t), "report.jpg")
	if err := os.WriteFile(out, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", out)
	time.Sleep(200 * time.Millisecond) // let late events arrive
	watch.report(t)
}

// TestWritePNGs renders every chart as a picture and checks each is the
// expected size and not one flat colour.
func TestWritePNGs(t *testing.T) {
	needBrowser(t)
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	dir := screenshotDir(t)
	files, err := WritePNGs(ctx, dir, withPipeline(sampleResults(false)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 7 {
		t.Fatalf("wrote %d pictures, want 7", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if w := img.Bounds().Dx(); w != pictureWidth*pictureScale {
			t.Errorf("%s is %d pixels wide, want %d", f, w, pictureWidth*pictureScale)
		}
		if n := colours(img, 64); n < 8 {
			t.Errorf("%s shows only %d colours", f, n)
		}
	}
}

// colours counts distinct colours on a sparse grid of the picture.
func colours(img image.Image, step int) int {
	seen := map[[3]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += step / 4 {
		for x := b.Min.X; x < b.Max.X; x += step / 4 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[[3]uint32{r >> 8, g >> 8, bl >> 8}] = true
		}
	}
	return len(seen)
}

// firstScreenJS returns what a reader sees before scrolling: the heading,
// and each summary line that starts inside the window.
const firstScreenJS = `(function () {
  var h = window.innerHeight, out = [];
  var h1 = document.querySelector('h1');
  if (h1 && h1.getBoundingClientRect().top < h) { out.push('h1: ' + h1.textContent); }
  document.querySelectorAll('.findings li').forEach(function (li) {
    if (li.getBoundingClientRect().top < h) { out.push(li.textContent); }
  });
  return out;
})()`

// TestDefaultFirstScreen opens the report of the run issue 19 reported
// (four regimes find nobody; mass raises two alerts, both false) at a
// laptop's window size and checks what a reader sees first: the heading and
// summary lines that read right, every chart drawn, no console error.
func TestDefaultFirstScreen(t *testing.T) {
	needBrowser(t)
	res := withPipeline(issue19Run())
	tctx, watch := openReport(t, res, Options{}, "report.html", 1280, 800)
	if _, err := chromedp.Run(tctx, WaitDrawn(30*time.Second)); err != nil {
		t.Fatalf("charts did not all draw: %v", err)
	}
	seen, err := chromedp.Run(tctx, chromedp.Evaluate[[]string](firstScreenJS))
	if err != nil {
		t.Fatal(err)
	}
	want := english.summary(res, Options{})
	if len(seen) < 3 || !strings.HasPrefix(seen[0], "h1: ") {
		t.Fatalf("the first screen shows %q, want the heading and at least two summary lines", seen)
	}
	for i, line := range seen[1:] {
		if line != want[i] {
			t.Errorf("summary line %d on screen is %q, want %q", i+1, line, want[i])
		}
		checkSense(t, "first screen", line)
	}
	for _, w := range []string{"both alerts pointed at the wrong person", "No regime located any wanted person"} {
		if !strings.Contains(strings.Join(seen, " "), w) {
			t.Errorf("the first screen lacks %q: %q", w, seen)
		}
	}
	checks, err := chromedp.Run(tctx, chromedp.Evaluate[[]string](chartCheckJS))
	if err != nil {
		t.Fatal(err)
	}
	if len(checks) != len(Figures(res, Options{})) {
		t.Errorf("found %d charts, want %d", len(checks), len(Figures(res, Options{})))
	}
	for _, c := range checks {
		var id string
		var n int
		if _, err := fmt.Sscanf(strings.Replace(c, ":", " ", 1), "%s %d colours", &id, &n); err != nil || n < 4 {
			t.Errorf("chart looks blank: %s", c)
		}
	}
	shot, err := chromedp.Run(tctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(screenshotDir(t), "report-first-screen.png")
	if err := os.WriteFile(out, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("first screen: %s; it shows %q", out, seen)
	time.Sleep(200 * time.Millisecond)
	watch.report(t)
}

// TestFrenchReportOpensOffline opens the French report in headless Chromium
// with the network cut off, checks that every chart drew with no console
// error and no request, that the page says it is French, and that no
// catalogue key is missing from what it shows; it leaves a screenshot.
func TestFrenchReportOpensOffline(t *testing.T) {
	needBrowser(t)
	res := withPipeline(issue19Run())
	tctx, watch := openReport(t, res, Options{Lang: "fr"}, "rapport.html", 1100, 900)
	if _, err := chromedp.Run(tctx, WaitDrawn(30*time.Second)); err != nil {
		t.Fatalf("charts did not all draw: %v", err)
	}
	checks, err := chromedp.Run(tctx, chromedp.Evaluate[[]string](chartCheckJS))
	if err != nil {
		t.Fatal(err)
	}
	if len(checks) != len(Figures(res, Options{Lang: "fr"})) {
		t.Errorf("found %d charts, want %d: %v", len(checks), len(Figures(res, Options{Lang: "fr"})), checks)
	}
	for _, c := range checks {
		var id string
		var n int
		if _, err := fmt.Sscanf(strings.Replace(c, ":", " ", 1), "%s %d colours", &id, &n); err != nil || n < 4 {
			t.Errorf("chart looks blank: %s", c)
		}
	}
	lang, err := chromedp.Run(tctx, chromedp.Evaluate[string](`document.documentElement.lang`))
	if err != nil || lang != "fr" {
		t.Errorf("<html lang> is %q, want fr (%v)", lang, err)
	}
	text, err := chromedp.Run(tctx, chromedp.Evaluate[string](`document.body.innerText`))
	if err != nil {
		t.Fatal(err)
	}
	if m := regexp.MustCompile(`\[[a-z_]+\.[a-z_.]+\]`).FindString(text); m != "" {
		t.Errorf("the French report shows a missing catalogue key: %s", m)
	}
	for _, w := range []string{"Synthèse", "Méthode", "les deux alertes désignaient la mauvaise personne"} {
		if !strings.Contains(text, w) {
			t.Errorf("the French report lacks %q", w)
		}
	}
	for _, w := range []string{"Summary", "Charts", "What the real pipeline measured", "Under “"} {
		if strings.Contains(text, w) {
			t.Errorf("the French report still says %q", w)
		}
	}
	shot, err := chromedp.Run(tctx, chromedp.FullScreenshot(90))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(screenshotDir(t), "rapport-fr.jpg")
	if err := os.WriteFile(out, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", out)
	time.Sleep(200 * time.Millisecond)
	watch.report(t)
}
