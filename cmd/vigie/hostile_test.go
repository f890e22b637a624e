package main

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"vigie/internal/testenv"
	"vigie/sim/recognition"
)

// Hostile inputs that exhausted memory or time before the limits: each now
// exits 2 within seconds with a message naming the limit.
func TestHostileInputsExitTwoFast(t *testing.T) {
	var bomb strings.Builder
	bomb.WriteString("name: bomb\nregimes: [none]\nsweep:\n  parameters:\n    - path: seed\n      values:\n")
	bomb.WriteString(`        - &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		bomb.WriteString("        - &" + n + " [" + strings.Repeat("*"+prev+",", 8) + "*" + prev + "]\n")
		prev = n
	}
	grid := "name: grid\nregimes: [mass]\nsweep:\n  parameters:\n"
	for _, p := range []string{"regimes.mass.threshold", "hours", "behaviour.heard_household", "behaviour.heard_group", "behaviour.heard_workplace", "behaviour.heard_neighbourhood", "behaviour.signage"} {
		grid += "    - {path: " + p + ", values: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]}\n"
	}
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"alias bomb", []string{"check", writeFile(t, "bomb.yaml", bomb.String())}, "MaxNodes"},
		{"200 KB of nested [", []string{"check", writeFile(t, "deep.yaml", "name: "+strings.Repeat("[", 200_000)+"\n")}, "deep.yaml:1:71: nests deeper than 64 levels"},
		{"a grid of 10^7 points", []string{"check", writeFile(t, "grid.yaml", grid)}, "MaxSweepPoints"},
		{"--workers 100000000", []string{"run", "--workers", "100000000", "--out", t.TempDir()}, "allowed: a whole number from 1 to 256"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			_, stderr, code := vigie(t, nil, c.args...)
			if code != 2 || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, c.want)
			}
			if took := time.Since(start); took > 10*time.Second {
				t.Errorf("took %v", took)
			}
		})
	}
}

// A 33-byte PNG declaring 60000x60000 made faces embed allocate 14.4 GB; a
// FIFO passed as an image blocked it. Both are refused at once, exit 2.
func TestFacesEmbedRefusesBombsAndFIFOs(t *testing.T) {
	if _, err := recognition.ModelDir(""); err != nil {
		testenv.MissingModels(t, "no models: %v", err)
	}
	var ihdr bytes.Buffer
	ihdr.WriteString("IHDR")
	binary.Write(&ihdr, binary.BigEndian, [2]uint32{60000, 60000})
	ihdr.Write([]byte{8, 6, 0, 0, 0})
	var bomb bytes.Buffer
	bomb.WriteString("\x89PNG\r\n\x1a\n")
	binary.Write(&bomb, binary.BigEndian, uint32(13))
	bomb.Write(ihdr.Bytes())
	binary.Write(&bomb, binary.BigEndian, crc32.ChecksumIEEE(ihdr.Bytes()))
	bombFile := writeFile(t, "bomb.png", bomb.String())
	fifo := filepath.Join(t.TempDir(), "face.png")
	cases := [][2]string{{bombFile, "declares 60000x60000 pixels; allowed: at most 20000 on a side"}}
	if syscall.Mkfifo(fifo, 0o644) == nil {
		cases = append(cases, [2]string{fifo, "named pipe (FIFO), not a regular file"})
	}
	for _, c := range cases {
		start := time.Now()
		_, stderr, code := vigie(t, nil, "faces", "embed", c[0])
		if code != 2 || !strings.Contains(stderr, c[1]) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", c[0], code, stderr, c[1])
		}
		if took := time.Since(start); took > 30*time.Second {
			t.Errorf("%s: took %v", c[0], took)
		}
	}
}
