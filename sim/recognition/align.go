package recognition

import (
	"image"
	"image/color"
	"math"
)

// ChipSize is the side of the aligned face chip FaceRecognitionNet embeds.
const ChipSize = 150

// Point is a position in image pixels.
type Point struct {
	X, Y float64
}

// rgbPixels is an image as 8-bit RGB rows, the form every network input is
// cut from; converting once keeps image.Image's per-pixel interface calls
// out of the resampling loops.
type rgbPixels struct {
	w, h int
	pix  []uint8 // 3 bytes per pixel, row-major
}

// toRGB converts any image to rgbPixels, with fast paths for the types the
// standard decoders return. Alpha is dropped (face-api reads RGB only).
func toRGB(img image.Image) *rgbPixels {
	if p, ok := img.(*rgbPixels); ok {
		return p
	}
	b := img.Bounds()
	p := &rgbPixels{w: b.Dx(), h: b.Dy(), pix: make([]uint8, 3*b.Dx()*b.Dy())}
	switch src := img.(type) {
	case *image.RGBA:
		for y := 0; y < p.h; y++ {
			row := src.Pix[(y)*src.Stride:]
			for x := 0; x < p.w; x++ {
				copy(p.pix[3*(y*p.w+x):], row[4*x:4*x+3])
			}
		}
	case *image.YCbCr:
		for y := 0; y < p.h; y++ {
			for x := 0; x < p.w; x++ {
				c := src.YCbCrAt(b.Min.X+x, b.Min.Y+y)
				r, g, bb := color.YCbCrToRGB(c.Y, c.Cb, c.Cr)
				i := 3 * (y*p.w + x)
				p.pix[i], p.pix[i+1], p.pix[i+2] = r, g, bb
			}
		}
	default:
		for y := 0; y < p.h; y++ {
			for x := 0; x < p.w; x++ {
				r, g, bb, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
				i := 3 * (y*p.w + x)
				p.pix[i], p.pix[i+1], p.pix[i+2] = uint8(r>>8), uint8(g>>8), uint8(bb>>8)
			}
		}
	}
	return p
}

// Prepare converts img once into the RGB form every network input is cut
// from. Passing its result to Detect, Landmarks, AgeGenderAt and Align
// skips their own conversion, which for a 1920x1280 JPEG costs about as
// much as a tenth of a detection.
func Prepare(img image.Image) image.Image { return toRGB(img) }

// image.Image, so a converted image can be passed back into the API.
func (p *rgbPixels) ColorModel() color.Model { return color.RGBAModel }
func (p *rgbPixels) Bounds() image.Rectangle { return image.Rect(0, 0, p.w, p.h) }
func (p *rgbPixels) At(x, y int) color.Color {
	if x < 0 || y < 0 || x >= p.w || y >= p.h {
		return color.RGBA{}
	}
	i := 3 * (y*p.w + x)
	return color.RGBA{p.pix[i], p.pix[i+1], p.pix[i+2], 255}
}

// RGB returns the image as packed 8-bit RGB rows (width*height*3 bytes),
// the layout the face-api reference harness reads.
func RGB(img image.Image) (w, h int, pix []uint8) {
	p := toRGB(img)
	return p.w, p.h, p.pix
}

// pixelBox is an integer crop rectangle (x, y, width, height).
type pixelBox struct{ x, y, w, h int }

// clipAtImageBorders is face-api's Box.clipAtImageBorders: move the top-left
// corner into the image, keep the far edge, cap at the image, then floor.
func clipAtImageBorders(r Rect, w, h int) pixelBox {
	x, y := math.Max(r.X, 0), math.Max(r.Y, 0)
	cw := math.Min(r.Right()-x, float64(w)-x)
	ch := math.Min(r.Bottom()-y, float64(h)-y)
	return pixelBox{int(math.Floor(x)), int(math.Floor(y)), int(math.Floor(cw)), int(math.Floor(ch))}
}

// jsRound is JavaScript's Math.round: halves go up.
func jsRound(v float64) float64 { return math.Floor(v + 0.5) }

// cropSquareResize writes into dst (size*size*3 float32, HWC, 0..255) the
// crop c of src, padded with zeros to a square and resized bilinearly, as
// face-api's toBatchTensor does for a tensor input. centred pads both sides of
// the short axis (round(diff/2) after, the rest before); otherwise all the
// padding goes after, at the bottom or right.
func cropSquareResize(src *rgbPixels, c pixelBox, size int, centred bool, dst []float32) {
	side := max(c.w, c.h)
	diff := abs(c.w - c.h)
	before := 0
	if centred {
		before = diff - int(jsRound(float64(diff)*0.5))
	}
	offX, offY := 0, 0 // where the crop starts inside the padded square
	if c.h > c.w {
		offX = before
	} else {
		offY = before
	}
	at := func(sx, sy int, ch int) float32 {
		x, y := sx-offX, sy-offY
		if x < 0 || y < 0 || x >= c.w || y >= c.h {
			return 0
		}
		return float32(src.pix[3*((c.y+y)*src.w+c.x+x)+ch])
	}
	if side == size {
		for y := range size {
			for x := range size {
				for ch := range 3 {
					dst[3*(y*size+x)+ch] = at(x, y, ch)
				}
			}
		}
		return
	}
	resizeBilinear(at, side, size, dst)
}

// resizeBilinear resamples a side*side image (read through at) to size*size
// with TensorFlow's legacy coordinates (align_corners=false,
// half_pixel_centers=false): output pixel i reads input position i*side/size.
func resizeBilinear(at func(x, y, ch int) float32, side, size int, dst []float32) {
	ratio := float64(side) / float64(size)
	for y := range size {
		fy := float64(y) * ratio
		y0 := int(math.Floor(fy))
		y1 := min(y0+1, side-1)
		dy := float32(fy - float64(y0))
		for x := range size {
			fx := float64(x) * ratio
			x0 := int(math.Floor(fx))
			x1 := min(x0+1, side-1)
			dx := float32(fx - float64(x0))
			for ch := range 3 {
				tl, tr := at(x0, y0, ch), at(x1, y0, ch)
				bl, br := at(x0, y1, ch), at(x1, y1, ch)
				top := tl + (tr-tl)*dx
				bottom := bl + (br-bl)*dx
				dst[3*(y*size+x)+ch] = top + (bottom-top)*dy
			}
		}
	}
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// centre is the mean of points, summed in order as face-api does.
func centre(pts []Point) Point {
	var s Point
	for _, p := range pts {
		s.X += p.X
		s.Y += p.Y
	}
	return Point{s.X / float64(len(pts)), s.Y / float64(len(pts))}
}

// dlibRect is the square face-api cuts for FaceRecognitionNet
// (FaceLandmarks.align with useDlibAlignment): its side is the mean
// eye-to-mouth distance over 0.45, placed so the centre of the eyes and mouth
// sits at 50% across and 43% down, then clipped to the image (w x h).
//
// Near the left or top border face-api moves the square's corner to 0 and
// caps its width at dims.w + x (height at dims.h + y), where dims are the
// landmarks' "image" dimensions. In face-api.js those are the dimensions of
// the detection crop the landmarks were read from, not the photograph's
// (FaceLandmarks.shiftBy keeps them), so a face a few pixels from the left
// edge gets a narrower crop, padded back to a square: AlignDetected passes
// them. Align, for landmarks that come from no detection, passes the image's.
func dlibRect(lm *[68]Point, dims pixelBox, w, h int) pixelBox {
	le, re, mouth := centre(lm[36:42]), centre(lm[42:48]), centre(lm[48:68])
	dist := func(p Point) float64 { return math.Hypot(mouth.X-p.X, mouth.Y-p.Y) }
	size := math.Floor((dist(le) + dist(re)) / 2 / 0.45)
	ref := centre([]Point{le, re, mouth})
	x := math.Floor(math.Max(0, ref.X-0.5*size))
	y := math.Floor(math.Max(0, ref.Y-0.43*size))
	r := Rect{X: x, Y: y, W: math.Min(size, float64(dims.w)+x), H: math.Min(size, float64(dims.h)+y)}
	return clipAtImageBorders(r, w, h)
}

// AlignedRect is face-api's alignedRect: the landmarks' bounding box grown by
// 20% of its size (10% each side). AgeGenderNet reads this region.
func AlignedRect(lm *[68]Point) Rect {
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := 0.0, 0.0 // face-api starts the maxima at 0, not -Inf
	for _, p := range lm {
		minX, minY = math.Min(minX, p.X), math.Min(minY, p.Y)
		maxX, maxY = math.Max(maxX, p.X), math.Max(maxY, p.Y)
	}
	w, h := maxX-minX, maxY-minY
	return Rect{X: minX - w*0.2/2, Y: minY - h*0.2/2, W: w + w*0.2, H: h + h*0.2}
}

// roundTrip reproduces face-api passing a pixel box through relative
// coordinates and back (FaceDetection stores boxes relative to the image and
// forSize rescales them), so the later floor sees the same float.
func roundTrip(r Rect, w, h int) Rect {
	fw, fh := float64(w), float64(h)
	return r.scale(1/fw, 1/fh).scale(fw, fh)
}

// AlignChip returns the float chip FaceRecognitionNet embeds, exactly as
// face-api.js computes it: the dlib-aligned square cut from the image,
// padded to a square if clipped at a border, resized to 150x150. Layout is
// HWC RGB, values 0..255. For landmarks found on a detection, use
// AlignChipDetected, which also matches face-api at the image's borders.
func AlignChip(img image.Image, lm [68]Point) []float32 {
	src := toRGB(img)
	return alignChip(src, &lm, pixelBox{w: src.w, h: src.h})
}

// AlignChipDetected is AlignChip for landmarks that Landmarks or
// LandmarksAll found on detection d: the square is sized as face-api.js
// sizes it, from d's crop, which differs from AlignChip only for a face
// whose square starts closer to the left (top) border than the square's
// side less the crop's width (height): a fraction of a face's width.
func AlignChipDetected(img image.Image, d Detection, lm [68]Point) []float32 {
	src := toRGB(img)
	return alignChip(src, &lm, faceCrop(d.Box, src.w, src.h))
}

func alignChip(src *rgbPixels, lm *[68]Point, dims pixelBox) []float32 {
	dst := make([]float32, ChipSize*ChipSize*3)
	c := dlibRect(lm, dims, src.w, src.h)
	if c.w <= 0 || c.h <= 0 {
		return dst
	}
	cropSquareResize(src, c, ChipSize, true, dst)
	return dst
}

// Align returns the 150x150 chip of AlignChip as an image, each value
// rounded to the nearest 8-bit level (descriptors move by under 0.01 for
// it). When aligning several faces of one photo, pass Prepare(img).
func Align(img image.Image, lm [68]Point) *image.RGBA {
	return chipImage(AlignChip(img, lm), ChipSize)
}

// AlignDetected is Align for landmarks found on detection d (see
// AlignChipDetected): what the pipeline uses on photographs.
func AlignDetected(img image.Image, d Detection, lm [68]Point) *image.RGBA {
	return chipImage(AlignChipDetected(img, d, lm), ChipSize)
}

// chipImage packs an HWC float chip into an opaque RGBA image.
func chipImage(chip []float32, size int) *image.RGBA {
	out := image.NewRGBA(image.Rect(0, 0, size, size))
	for i := range size * size {
		for ch := range 3 {
			v := math.Round(float64(chip[3*i+ch]))
			out.Pix[4*i+ch] = uint8(math.Max(0, math.Min(255, v)))
		}
		out.Pix[4*i+3] = 255
	}
	return out
}
