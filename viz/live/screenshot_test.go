package live_test

import (
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"vigie/viz/live"
	"vigie/viz/live/livetest"
)

// TestScreenshotShowsTheCityAndTheAlerts runs the window on the known city
// under Xvfb, then checks the saved frame: a real picture (not blank or one
// colour), the panel drawn, and each known alert drawn in its colour where
// it happened.
func TestScreenshotShowsTheCityAndTheAlerts(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program and runs it under Xvfb")
	}
	xvfb, err := exec.LookPath("xvfb-run")
	if err != nil {
		t.Skip("xvfb-run is missing (Debian packages xvfb xauth; make test installs them)")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "fakewatch")
	build := exec.Command("go", "build", "-o", bin, "./testdata/fakewatch")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building fakewatch: %v\n%s", err, out)
	}
	shot := filepath.Join(dir, "live.png")
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	run := exec.CommandContext(ctx, xvfb, "-a", "-s", "-screen 0 1280x1024x24", bin, shot, "12")
	if out, err := run.CombinedOutput(); err != nil {
		t.Fatalf("running the view under Xvfb: %v\n%s", err, out)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	keepScreenshot(t, shot)

	if b := img.Bounds(); b.Dx() != live.WinW || b.Dy() != live.WinH {
		t.Fatalf("screenshot is %v, want %dx%d", b, live.WinW, live.WinH)
	}
	if n := distinctColours(img, image.Rect(live.MapX, live.MapY, live.MapX+live.MapSize, live.MapY+live.MapSize)); n < 12 {
		t.Errorf("the map shows only %d colours: blank or flat", n)
	}
	if n := darkPixels(img, image.Rect(live.PanelX, 0, live.WinW, live.WinH)); n < 300 {
		t.Errorf("the panel has %d dark pixels: no text drawn", n)
	}
	p := live.NewProjection(livetest.NewMap())
	for _, tt := range []struct {
		name string
		x, y float64
		want color.RGBA
	}{
		{"false alert", livetest.FalseAlert.X, livetest.FalseAlert.Y, live.ColFalse},
		{"true alert", livetest.TrueAlert.X, livetest.TrueAlert.Y, live.ColTrue},
	} {
		sx, sy := p.At(tt.x, tt.y)
		got := color.RGBAModel.Convert(img.At(int(sx), int(sy))).(color.RGBA)
		if !near(got, tt.want, 12) {
			t.Errorf("%s at (%g, %g) -> pixel (%d, %d) is %v, want %v", tt.name, tt.x, tt.y, int(sx), int(sy), got, tt.want)
		}
	}
	// Where nothing happened there is no alert colour.
	sx, sy := p.At(550, 150)
	if got := color.RGBAModel.Convert(img.At(int(sx), int(sy))).(color.RGBA); near(got, live.ColFalse, 40) || near(got, live.ColTrue, 40) {
		t.Errorf("pixel (%d, %d), away from any alert, has an alert colour %v", int(sx), int(sy), got)
	}
}

// keepScreenshot copies the picture to $VIGIE_SCREENSHOTS (or the system
// temp dir) so that a person can look at it.
func keepScreenshot(t *testing.T, path string) {
	dir := os.Getenv("VIGIE_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "vigie-screenshots")
	}
	b, err := os.ReadFile(path)
	if err == nil {
		err = os.MkdirAll(dir, 0o755)
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "live.png"), b, 0o644)
	}
	if err != nil {
		t.Logf("keeping the screenshot: %v", err)
		return
	}
	t.Logf("screenshot: %s", filepath.Join(dir, "live.png"))
}

func near(a, b color.RGBA, tol int) bool {
	d := func(x, y uint8) bool { return abs(int(x)-int(y)) <= tol }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func distinctColours(img image.Image, r image.Rectangle) int {
	seen := map[color.RGBA]bool{}
	for y := r.Min.Y; y < r.Max.Y; y += 3 {
		for x := r.Min.X; x < r.Max.X; x += 3 {
			seen[color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)] = true
		}
	}
	return len(seen)
}

func darkPixels(img image.Image, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			if int(c.R)+int(c.G)+int(c.B) < 200 {
				n++
			}
		}
	}
	return n
}
