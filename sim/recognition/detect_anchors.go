package recognition

import "math"

// ssdAnchorLayer is one feature map of SsdMobilenetv1 and its box shapes.
type ssdAnchorLayer struct {
	grid  int
	specs [][2]float64 // (scale, aspect ratio) per anchor of a cell
}

// ssdAnchorLayers describes the anchors face-api's SSD was trained with
// (TensorFlow Object Detection's multiple-grid generator): six square grids
// of 32, 16, 8, 4, 2 and 1 cells, scales from 0.2 to 0.95 in even steps; the
// lowest layer has three boxes per cell (0.1 square, 0.2 at 2:1 and 1:2),
// the others six (square, the square at the geometric mean with the next
// scale, 2:1, 1:2, 3:1, 1:3 with 0.3333 as written in the model's config).
func ssdAnchorLayers() []ssdAnchorLayer {
	const n, minScale, maxScale = 6, 0.2, 0.95
	scale := func(i int) float64 {
		if i >= n {
			return 1
		}
		return minScale + (maxScale-minScale)*float64(i)/float64(n-1)
	}
	layers := make([]ssdAnchorLayer, n)
	for i := range layers {
		layers[i].grid = 32 >> i
		s := scale(i)
		if i == 0 {
			layers[i].specs = [][2]float64{{0.1, 1}, {s, 2}, {s, 0.5}}
			continue
		}
		layers[i].specs = [][2]float64{{s, 1}, {math.Sqrt(s * scale(i+1)), 1}, {s, 2}, {s, 0.5}, {s, 3}, {s, 0.3333}}
	}
	return layers
}

// ssdAnchors generates the 5118 anchors as [ymin, xmin, ymax, xmax] rows,
// relative to the input, in the order the box predictors emit them (layer,
// then row, column, box). Each box is centred on its cell with height
// scale/sqrt(ratio) and width scale*sqrt(ratio).
func ssdAnchors() []float32 {
	var out []float32
	for _, l := range ssdAnchorLayers() {
		step := 1 / float64(l.grid)
		for y := range l.grid {
			for x := range l.grid {
				cy, cx := (float64(y)+0.5)*step, (float64(x)+0.5)*step
				for _, sp := range l.specs {
					h, w := sp[0]/math.Sqrt(sp[1]), sp[0]*math.Sqrt(sp[1])
					out = append(out, float32(cy-h/2), float32(cx-w/2), float32(cy+h/2), float32(cx+w/2))
				}
			}
		}
	}
	return out
}
