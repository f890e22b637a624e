package recognition

import (
	"fmt"
	"image"
	"math"
	"slices"

	"vigie/sim/recognition/convert"
)

// SSD input side: face-api resizes every image (padded to a square at the
// bottom or right) to 512x512 before SsdMobilenetv1.
const ssdInputSize = 512

// Rect is an axis-aligned box in image pixels: top-left corner and size.
type Rect struct {
	X, Y, W, H float64
}

// Right and Bottom are the far edges (X+W, Y+H).
func (r Rect) Right() float64  { return r.X + r.W }
func (r Rect) Bottom() float64 { return r.Y + r.H }

// IoU is the area of the intersection over the area of the union; 0 when
// either box is empty.
func (r Rect) IoU(o Rect) float64 {
	if r.W <= 0 || r.H <= 0 || o.W <= 0 || o.H <= 0 {
		return 0
	}
	iw := math.Min(r.Right(), o.Right()) - math.Max(r.X, o.X)
	ih := math.Min(r.Bottom(), o.Bottom()) - math.Max(r.Y, o.Y)
	if iw <= 0 || ih <= 0 {
		return 0
	}
	inter := iw * ih
	return inter / (r.W*r.H + o.W*o.H - inter)
}

// Detection is one face found by Detect: its box in image pixels and the
// detector's confidence in [0, 1].
type Detection struct {
	Box   Rect
	Score float64
}

// DetectOptions are SsdMobilenetv1's post-processing settings; the zero value
// is not valid, start from DefaultDetectOptions.
type DetectOptions struct {
	// MinConfidence drops boxes scoring at or below it (face-api: 0.5).
	MinConfidence float64
	// IoUThreshold suppresses a box overlapping a better one by more (0.5).
	IoUThreshold float64
	// MaxResults caps the number of faces returned (100).
	MaxResults int
}

// DefaultDetectOptions are face-api.js's defaults for SsdMobilenetv1.
func DefaultDetectOptions() DetectOptions {
	return DetectOptions{MinConfidence: 0.5, IoUThreshold: 0.5, MaxResults: 100}
}

// Validate says what is wrong with out-of-range options.
func (o DetectOptions) Validate() error {
	switch {
	case !(o.MinConfidence > 0 && o.MinConfidence < 1):
		return fmt.Errorf("detect options: MinConfidence %v must be in (0, 1)", o.MinConfidence)
	case !(o.IoUThreshold > 0 && o.IoUThreshold <= 1):
		return fmt.Errorf("detect options: IoUThreshold %v must be in (0, 1]", o.IoUThreshold)
	case o.MaxResults < 1:
		return fmt.Errorf("detect options: MaxResults %d must be at least 1", o.MaxResults)
	}
	return nil
}

// ssdBox is a box as SSD outputs it: [ymin, xmin, ymax, xmax], relative to
// the padded 512x512 input.
type ssdBox [4]float64

// decodeBoxes turns SSD box encodings into boxes, given the anchors (both
// [ymin, xmin, ymax, xmax]-shaped rows): the centre moves by a tenth of the
// anchor size per unit and the size scales by exp(e/5), the variances
// (0.1, 0.1, 0.2, 0.2) the model was trained with.
func decodeBoxes(anchors, enc []float32) []ssdBox {
	n := len(anchors) / 4
	out := make([]ssdBox, n)
	for i := range n {
		a, e := anchors[4*i:4*i+4], enc[4*i:4*i+4]
		h, w := float64(a[2]-a[0]), float64(a[3]-a[1])
		cy, cx := float64(a[0])+h/2, float64(a[1])+w/2
		halfH := math.Exp(float64(e[2])/5) * h / 2
		halfW := math.Exp(float64(e[3])/5) * w / 2
		y := float64(e[0])/10*h + cy
		x := float64(e[1])/10*w + cx
		out[i] = ssdBox{y - halfH, x - halfW, y + halfH, x + halfW}
	}
	return out
}

// iou is face-api's IoU on SSD boxes, which tolerates swapped corners.
func (b ssdBox) iou(o ssdBox) float64 {
	ymin, xmin := math.Min(b[0], b[2]), math.Min(b[1], b[3])
	ymax, xmax := math.Max(b[0], b[2]), math.Max(b[1], b[3])
	oymin, oxmin := math.Min(o[0], o[2]), math.Min(o[1], o[3])
	oymax, oxmax := math.Max(o[0], o[2]), math.Max(o[1], o[3])
	area := (ymax - ymin) * (xmax - xmin)
	oarea := (oymax - oymin) * (oxmax - oxmin)
	if area <= 0 || oarea <= 0 {
		return 0
	}
	ih := math.Max(math.Min(ymax, oymax)-math.Max(ymin, oymin), 0)
	iw := math.Max(math.Min(xmax, oxmax)-math.Max(xmin, oxmin), 0)
	inter := ih * iw
	return inter / (area + oarea - inter)
}

// nonMaxSuppression is face-api's greedy NMS: candidates above minScore in
// falling score order (ties keep index order), each kept unless it overlaps
// an already kept box by more than iouThreshold. It returns kept indices in
// the order they were kept.
func nonMaxSuppression(boxes []ssdBox, scores []float32, maxOut int, iouThreshold, minScore float64) []int {
	var cand []int
	for i, s := range scores {
		if float64(s) > minScore {
			cand = append(cand, i)
		}
	}
	slices.SortStableFunc(cand, func(a, b int) int {
		switch {
		case scores[a] > scores[b]:
			return -1
		case scores[a] < scores[b]:
			return 1
		}
		return 0
	})
	maxOut = min(maxOut, len(boxes))
	var kept []int
	for _, c := range cand {
		if len(kept) >= maxOut {
			break
		}
		if !suppressed(boxes, kept, c, iouThreshold) {
			kept = append(kept, c)
		}
	}
	return kept
}

// suppressed reports whether box c overlaps a kept box by more than the
// threshold.
func suppressed(boxes []ssdBox, kept []int, c int, iouThreshold float64) bool {
	for j := len(kept) - 1; j >= 0; j-- {
		if boxes[c].iou(boxes[kept[j]]) > iouThreshold {
			return true
		}
	}
	return false
}

// ssdDetections maps kept SSD boxes back to image pixels for an image of
// width w and height h, clipping them to the image as face-api does. The
// padded square's side is max(w, h); the arithmetic follows face-api's
// (relative box, then scaled by the image size) so boxes agree to the bit
// pattern where possible.
func ssdDetections(boxes []ssdBox, scores []float32, kept []int, w, h int) []Detection {
	side := float64(max(w, h))
	scale := ssdInputSize / side
	// face-api rounds the resized image size before dividing by it.
	padX := ssdInputSize / math.Round(float64(w)*scale)
	padY := ssdInputSize / math.Round(float64(h)*scale)
	out := make([]Detection, 0, len(kept))
	for _, k := range kept {
		b := boxes[k]
		top, bottom := math.Max(0, b[0])*padY, math.Min(1, b[2])*padY
		left, right := math.Max(0, b[1])*padX, math.Min(1, b[3])*padX
		rel := Rect{X: left, Y: top, W: right - left, H: bottom - top}
		out = append(out, Detection{Box: rel.scale(float64(w), float64(h)), Score: float64(scores[k])})
	}
	return out
}

// scale multiplies x and width by sx, y and height by sy.
func (r Rect) scale(sx, sy float64) Rect {
	return Rect{X: r.X * sx, Y: r.Y * sy, W: r.W * sx, H: r.H * sy}
}

// Detect finds faces in img with SsdMobilenetv1, as face-api.js's
// detectAllFaces does: the image is padded to a square at the bottom/right,
// resized to 512x512, scored, decoded against the anchors and thinned by
// non-max suppression under f.Options. Faces come best first.
func (f *FaceNets) Detect(img image.Image) ([]Detection, error) {
	ds, err := f.DetectBatch([]image.Image{img})
	if err != nil {
		return nil, err
	}
	return ds[0], nil
}

// DetectBatch runs Detect on several images in one network run (faster
// per image when there are many), returning each image's faces.
func (f *FaceNets) DetectBatch(imgs []image.Image) ([][]Detection, error) {
	if err := f.Options.Validate(); err != nil {
		return nil, err
	}
	if len(imgs) == 0 {
		return nil, nil
	}
	const per = ssdInputSize * ssdInputSize * 3
	in := make([]float32, len(imgs)*per)
	sizes := make([][2]int, len(imgs))
	for i, img := range imgs {
		src := toRGB(img)
		if src.w == 0 || src.h == 0 {
			return nil, fmt.Errorf("detect: image %d is empty (%dx%d)", i, src.w, src.h)
		}
		sizes[i] = [2]int{src.w, src.h}
		cropSquareResize(src, pixelBox{0, 0, src.w, src.h}, ssdInputSize, false, in[i*per:(i+1)*per])
	}
	out, err := f.ssd.run(in, len(imgs))
	if err != nil {
		return nil, err
	}
	const n = convert.SSDNumAnchors
	anchors := out[2]
	o := f.Options
	res := make([][]Detection, len(imgs))
	for i := range imgs {
		boxes := decodeBoxes(anchors, out[0][i*4*n:(i+1)*4*n])
		scores := out[1][i*n : (i+1)*n]
		kept := nonMaxSuppression(boxes, scores, o.MaxResults, o.IoUThreshold, o.MinConfidence)
		res[i] = ssdDetections(boxes, scores, kept, sizes[i][0], sizes[i][1])
	}
	return res, nil
}
