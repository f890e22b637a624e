package main

import (
	"encoding/csv"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

func TestFacesSampleWritesImagesAndCSV(t *testing.T) {
	dir := t.TempDir()
	_, stderr, code := vigie(t, nil, "faces", "sample", "--n", "2", "--captures", "2", "--condition", "cctv-day", "--out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := os.Open(filepath.Join(dir, "faces.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 {
		t.Fatalf("%d rows, want header + 4", len(rows))
	}
	want := []string{"file", "identity", "seed", "age", "sex", "skin_tone", "face_px", "yaw", "pitch", "roll", "light"}
	for i, w := range want {
		if rows[0][i] != w {
			t.Errorf("column %d is %q, want %q", i, rows[0][i], w)
		}
	}
	if len(rows[0]) != 16+2*68 {
		t.Errorf("%d columns, want %d", len(rows[0]), 16+2*68)
	}
	for _, r := range rows[1:] {
		img, err := os.Open(filepath.Join(dir, r[0]))
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(img)
		img.Close()
		if err != nil || cfg.Width != 320 || cfg.Height != 320 {
			t.Errorf("%s: %v %dx%d", r[0], err, cfg.Width, cfg.Height)
		}
	}
}

func TestFacesSheet(t *testing.T) {
	out := filepath.Join(t.TempDir(), "sheet.png")
	if _, stderr, code := vigie(t, nil, "faces", "sheet", "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if cfg, err := png.DecodeConfig(f); err != nil || cfg.Width != 1280 || cfg.Height != 1280 {
		t.Errorf("sheet: %v %dx%d", err, cfg.Width, cfg.Height)
	}
}

func TestFacesGenBadInput(t *testing.T) {
	cases := [][]string{
		{"faces", "sample", "--n", "0", "--out", t.TempDir()},
		{"faces", "sample", "--n", "1"},
		{"faces", "sample", "--n", "1", "--condition", "moonlight", "--out", t.TempDir()},
		{"faces", "sheet"},
		{"faces", "audit", "--n", "3"},
	}
	for _, c := range cases {
		if _, _, code := vigie(t, nil, c...); code != 2 {
			t.Errorf("%v: exit %d, want 2", c, code)
		}
	}
}
