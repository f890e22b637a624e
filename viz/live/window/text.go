package window

import (
	"image"
	"image/color"
	"image/draw"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// The panel's text is drawn on the CPU with the Go fonts (golang.org/x/image)
// and uploaded once a frame: a few dozen short lines cost little, and it
// needs no font library beyond what the module already has.

type faces struct {
	regular, bold, title font.Face
}

var (
	facesOnce sync.Once
	fontFaces faces
	facesErr  error
)

func loadFaces() (faces, error) {
	facesOnce.Do(func() {
		reg, err := opentype.Parse(goregular.TTF)
		if err != nil {
			facesErr = err
			return
		}
		bold, err := opentype.Parse(gobold.TTF)
		if err != nil {
			facesErr = err
			return
		}
		mk := func(f *opentype.Font, size float64) font.Face {
			face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
			if err != nil && facesErr == nil {
				facesErr = err
			}
			return face
		}
		fontFaces = faces{regular: mk(reg, 15), bold: mk(bold, 15), title: mk(bold, 22)}
	})
	return fontFaces, facesErr
}

// canvas is an RGBA picture with a text cursor helper.
type canvas struct {
	img *image.RGBA
}

func newCanvas(w, h int) *canvas { return &canvas{img: image.NewRGBA(image.Rect(0, 0, w, h))} }

func (c *canvas) fill(r image.Rectangle, col color.Color) {
	draw.Draw(c.img, r, image.NewUniform(col), image.Point{}, draw.Src)
}

// text draws s with its baseline at (x, y) and returns the x after it.
func (c *canvas) text(face font.Face, x, y int, col color.Color, s string) int {
	d := font.Drawer{Dst: c.img, Src: image.NewUniform(col), Face: face, Dot: fixed.P(x, y)}
	d.DrawString(s)
	return d.Dot.X.Round()
}

// textRight draws s ending at x.
func (c *canvas) textRight(face font.Face, x, y int, col color.Color, s string) {
	w := font.MeasureString(face, s).Round()
	c.text(face, x-w, y, col, s)
}
