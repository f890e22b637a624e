package recognition

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// pngHeader is a PNG holding only a signature and an IHDR chunk that
// declares w x h, 8-bit RGBA: what a decompression bomb needs to start.
func pngHeader(w, h uint32) []byte {
	var ihdr bytes.Buffer
	ihdr.WriteString("IHDR")
	binary.Write(&ihdr, binary.BigEndian, w)
	binary.Write(&ihdr, binary.BigEndian, h)
	ihdr.Write([]byte{8, 6, 0, 0, 0})
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	binary.Write(&b, binary.BigEndian, uint32(ihdr.Len()-4))
	b.Write(ihdr.Bytes())
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(ihdr.Bytes()))
	return b.Bytes()
}

// jpegHeader is a small real JPEG whose frame header is rewritten to
// declare w x h.
func jpegHeader(t testing.TB, w, h uint16) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 8, 8)), nil); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	i := bytes.Index(data, []byte{0xFF, 0xC0})
	if i < 0 {
		t.Fatal("no baseline frame header in the encoded JPEG")
	}
	binary.BigEndian.PutUint16(data[i+5:], h)
	binary.BigEndian.PutUint16(data[i+7:], w)
	return data
}

func smallPNG(t testing.TB, w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	img.Set(1, 1, color.White)
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A 74-byte PNG declaring 60000x60000 made `faces embed` and a folder run
// ask for 14.4 GB; JPEG headers can do the same. Each must be refused from
// its header, fast and without allocating the image.
func TestDecodeImageRefusesDecompressionBombs(t *testing.T) {
	cases := []struct {
		name string
		data []byte
	}{
		{"PNG 60000x60000", pngHeader(60000, 60000)},
		{"PNG 30000x2 (a side too long)", pngHeader(30000, 2)},
		{"PNG 8000x6000 (48 megapixels)", pngHeader(8000, 6000)},
		{"JPEG 60000x60000", jpegHeader(t, 60000, 60000)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			start := time.Now()
			_, err := DecodeImage(bytes.NewReader(c.data))
			took := time.Since(start)
			runtime.ReadMemStats(&m1)
			if !errors.Is(err, ErrImageTooLarge) {
				t.Fatalf("error %v, want ErrImageTooLarge", err)
			}
			if alloc := m1.TotalAlloc - m0.TotalAlloc; alloc > 1<<20 {
				t.Errorf("allocated %d bytes refusing it", alloc)
			}
			if took > 100*time.Millisecond {
				t.Errorf("took %v", took)
			}
		})
	}
	img, err := DecodeImage(bytes.NewReader(smallPNG(t, 64, 48)))
	if err != nil || img.Bounds().Dx() != 64 {
		t.Fatalf("a 64x48 PNG: %v", err)
	}
}

// A FIFO among the images blocked the labels check forever: opening one
// must fail at once.
func TestDecodeFileRefusesNonRegularFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "face.png")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := DecodeFile(fifo)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !bytes.Contains([]byte(err.Error()), []byte("named pipe")) {
			t.Errorf("error %v, want one naming a named pipe", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("opening a FIFO blocked")
	}
	if _, err := DecodeFile(dir); err == nil {
		t.Error("a folder decoded as an image")
	}
	good := filepath.Join(dir, "good.png")
	os.WriteFile(good, smallPNG(t, 10, 10), 0o644)
	if _, err := DecodeFile(good); err != nil {
		t.Error(err)
	}
}

// FuzzImageHeader checks that no header makes the size check or the
// decoders panic, and that nothing beyond the limits is ever decoded.
// Images declaring more than a megapixel are only checked, not decoded,
// to keep each run fast.
func FuzzImageHeader(f *testing.F) {
	f.Add(pngHeader(60000, 60000))
	f.Add(pngHeader(16, 16))
	f.Add(smallPNG(f, 16, 12))
	f.Add(jpegHeader(f, 8, 8))
	f.Add(jpegHeader(f, 60000, 60000))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return
		}
		tooLarge := CheckImageConfig(cfg) != nil
		if !tooLarge && int64(cfg.Width)*int64(cfg.Height) > 1_000_000 {
			return
		}
		img, err := DecodeImage(bytes.NewReader(data))
		if tooLarge && err == nil {
			t.Fatalf("decoded an image declaring %dx%d", cfg.Width, cfg.Height)
		}
		if err == nil && (img.Bounds().Dx() > MaxImageSide || img.Bounds().Dy() > MaxImageSide) {
			t.Fatalf("decoded %v", img.Bounds())
		}
	})
}
