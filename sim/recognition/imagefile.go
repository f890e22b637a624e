package recognition

import (
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // the pipeline reads JPEG and PNG photographs
	_ "image/png"
	"io"

	"vigie/internal/regularfile"
)

// Limits on the images the pipeline decodes. A PNG or JPEG header declares
// its size in a few bytes, and the decoders allocate the whole image before
// reading a pixel: a 74-byte PNG declaring 60000x60000 asked for 14.4 GB.
// Headers are checked against these before anything is decoded.
const (
	// MaxImagePixels is 40 megapixels, above any phone or press camera's
	// photograph (a 45-megapixel camera's images are over it: scale them).
	MaxImagePixels = 40_000_000
	// MaxImageSide bounds either side, for panoramas within the pixel limit.
	MaxImageSide = 20_000
)

// ErrImageTooLarge is the error of an image whose header declares more
// than the limits.
var ErrImageTooLarge = errors.New("image too large")

// CheckImageConfig checks an image's declared size against the limits.
func CheckImageConfig(cfg image.Config) error {
	switch {
	case cfg.Width <= 0 || cfg.Height <= 0:
		return fmt.Errorf("declares %dx%d pixels; allowed: a non-empty image", cfg.Width, cfg.Height)
	case cfg.Width > MaxImageSide || cfg.Height > MaxImageSide:
		return fmt.Errorf("%w: declares %dx%d pixels; allowed: at most %d on a side (MaxImageSide); scale it down", ErrImageTooLarge, cfg.Width, cfg.Height, MaxImageSide)
	case int64(cfg.Width)*int64(cfg.Height) > MaxImagePixels:
		return fmt.Errorf("%w: declares %dx%d pixels (%.1f megapixels); allowed: at most %d megapixels (MaxImagePixels); scale it down",
			ErrImageTooLarge, cfg.Width, cfg.Height, float64(cfg.Width)*float64(cfg.Height)/1e6, MaxImagePixels/1_000_000)
	}
	return nil
}

// DecodeImage decodes a PNG or JPEG after checking its header's declared
// size, so a decompression bomb is refused before any allocation.
func DecodeImage(r io.ReadSeeker) (image.Image, error) {
	cfg, _, err := image.DecodeConfig(r)
	if err != nil {
		return nil, err
	}
	if err := CheckImageConfig(cfg); err != nil {
		return nil, err
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	img, _, err := image.Decode(r)
	return img, err
}

// DecodeFile decodes the image at path: a regular file (symbolic links
// followed; a FIFO is refused rather than waited on), its declared size
// within the limits.
func DecodeFile(path string) (image.Image, error) {
	f, err := regularfile.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return DecodeImage(f)
}
