package main

import (
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestWatchWithoutADisplayExits2(t *testing.T) {
	_, stderr, code := vigie(t, []string{"DISPLAY=", "WAYLAND_DISPLAY="}, "watch")
	if code != 2 || !strings.Contains(stderr, "xvfb-run") {
		t.Errorf("exit %d, stderr %q; want 2 and advice to use xvfb-run", code, stderr)
	}
}

// TestWatchSavesAFrame runs vigie watch on a small city under Xvfb for a
// few frames and checks the saved frame is the window's size.
func TestWatchSavesAFrame(t *testing.T) {
	if testing.Short() {
		t.Skip("builds vigie-watch and runs it under Xvfb")
	}
	xvfb, err := exec.LookPath("xvfb-run")
	if err != nil {
		t.Skip("xvfb-run is missing (Debian packages xvfb xauth; make test installs them)")
	}
	// vigie finds vigie-watch next to itself.
	build := exec.Command("go", "build", "-o", filepath.Join(filepath.Dir(vigieBin), watchProgram), "../vigie-watch")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building vigie-watch: %v\n%s", err, out)
	}
	shot := filepath.Join(t.TempDir(), "frame.png")
	cmd := exec.Command(xvfb, "-a", "-s", "-screen 0 1280x1024x24", vigieBin, "watch", writeFile(t, "small.yaml", small),
		"--frames", "5", "--speed", "4", "--screenshot", shot)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("vigie watch: %v\n%s", err, out)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil || cfg.Width != 1280 || cfg.Height != 800 {
		t.Errorf("frame: %+v, %v; want a 1280x800 PNG", cfg, err)
	}
	bad := exec.Command(xvfb, "-a", vigieBin, "watch", "--speed", "0")
	out, err := bad.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 || !strings.Contains(string(out), "--speed") {
		t.Errorf("bad --speed: %v, output %q; want exit 2 naming --speed", err, out)
	}
}
