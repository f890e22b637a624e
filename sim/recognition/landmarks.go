package recognition

import (
	"fmt"
	"image"
	"math"
)

// Input side of FaceLandmark68Net and AgeGenderNet: the face crop padded to a
// centred square and resized to 112x112.
const faceNetInputSize = 112

// faceCrop is the integer region face-api cuts for a detection box: the box
// passed through relative coordinates (as FaceDetection stores it), clipped
// to the image and floored.
func faceCrop(box Rect, w, h int) pixelBox {
	return clipAtImageBorders(roundTrip(box, w, h), w, h)
}

// faceNetInput fills dst (112*112*3) with the crop, ready for
// FaceLandmark68Net or AgeGenderNet (which normalise inside the graph).
func faceNetInput(src *rgbPixels, c pixelBox, dst []float32) error {
	if c.w <= 0 || c.h <= 0 {
		return fmt.Errorf("face box %dx%d at (%d,%d) lies outside the %dx%d image", c.w, c.h, c.x, c.y, src.w, src.h)
	}
	cropSquareResize(src, c, faceNetInputSize, true, dst)
	return nil
}

// landmarksFromOutput turns FaceLandmark68Net's 136 outputs (x, y pairs,
// relative to the padded 112x112 square) into image pixels, as face-api's
// postProcess and shiftBy do: remove the padding, scale by the crop size,
// then shift by the (unfloored) detection box corner.
func landmarksFromOutput(out []float32, c pixelBox, shift Point) [68]Point {
	cw, ch := float64(c.w), float64(c.h)
	s := faceNetInputSize / math.Max(cw, ch)
	sw, sh := cw*s, ch*s
	padX, padY := 0.0, 0.0
	if sw < sh {
		padX = math.Abs(sw-sh) / 2
	}
	if sh < sw {
		padY = math.Abs(sw-sh) / 2
	}
	var lm [68]Point
	for i := range lm {
		rx := (float64(out[2*i])*faceNetInputSize - padX) / sw
		ry := (float64(out[2*i+1])*faceNetInputSize - padY) / sh
		lm[i] = Point{rx*cw + shift.X, ry*ch + shift.Y}
	}
	return lm
}

// Landmarks finds the 68 face points of one detection, in image pixels.
func (f *FaceNets) Landmarks(img image.Image, d Detection) ([68]Point, error) {
	lms, err := f.LandmarksAll(img, []Detection{d})
	if err != nil {
		return [68]Point{}, err
	}
	return lms[0], nil
}

// LandmarksAll runs FaceLandmark68Net once on all detections of an image.
// Each face is cut as face-api does (the box clipped and floored, padded to
// a centred square, resized to 112x112) and the points are mapped back.
func (f *FaceNets) LandmarksAll(img image.Image, ds []Detection) ([][68]Point, error) {
	if len(ds) == 0 {
		return nil, nil
	}
	src := toRGB(img)
	per := faceNetInputSize * faceNetInputSize * 3
	in := make([]float32, len(ds)*per)
	crops := make([]pixelBox, len(ds))
	for i, d := range ds {
		crops[i] = faceCrop(d.Box, src.w, src.h)
		if err := faceNetInput(src, crops[i], in[i*per:(i+1)*per]); err != nil {
			return nil, fmt.Errorf("landmarks of face %d: %w", i, err)
		}
	}
	out, err := f.landmarks.run(in, len(ds))
	if err != nil {
		return nil, err
	}
	lms := make([][68]Point, len(ds))
	for i, d := range ds {
		lms[i] = landmarksFromOutput(out[0][i*136:(i+1)*136], crops[i], Point{d.Box.X, d.Box.Y})
	}
	return lms, nil
}
