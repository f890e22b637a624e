package recognition

import (
	"math"
	"testing"
)

func TestDecodeBoxes(t *testing.T) {
	anchor := []float32{0.2, 0.4, 0.6, 0.6} // ymin xmin ymax xmax: h 0.4, w 0.2
	tests := []struct {
		name string
		enc  []float32
		want ssdBox
	}{
		{"zero encoding is the anchor", []float32{0, 0, 0, 0}, ssdBox{0.2, 0.4, 0.6, 0.6}},
		{"ty=10 moves down one anchor height", []float32{10, 0, 0, 0}, ssdBox{0.6, 0.4, 1.0, 0.6}},
		{"tx=-5 moves left half a width", []float32{0, -5, 0, 0}, ssdBox{0.2, 0.3, 0.6, 0.5}},
		{"th=5 scales height by e", []float32{0, 0, 5, 0}, ssdBox{0.4 - 0.2*math.E, 0.4, 0.4 + 0.2*math.E, 0.6}},
		{"tw=-5 scales width by 1/e", []float32{0, 0, 0, -5}, ssdBox{0.2, 0.5 - 0.1/math.E, 0.6, 0.5 + 0.1/math.E}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := decodeBoxes(anchor, tc.enc)[0]
			for i := range got {
				if math.Abs(got[i]-tc.want[i]) > 1e-6 {
					t.Fatalf("got %v, want %v", got, tc.want)
				}
			}
		})
	}
}

func TestNonMaxSuppression(t *testing.T) {
	boxes := []ssdBox{
		{0, 0, 1, 1},         // 0
		{0, 0.1, 1, 1.1},     // 1: IoU with 0 = 0.9/1.1 = 0.82
		{0, 0.6, 1, 1.6},     // 2: IoU with 0 = 0.4/1.6 = 0.25; with 1 = 0.5/1.5
		{2, 2, 3, 3},         // 3: disjoint
		{2, 2, 2, 3},         // 4: empty box never suppresses nor is suppressed
		{0.1, 0.1, 0.9, 0.9}, // 5: inside 0, IoU 0.64
	}
	tests := []struct {
		name     string
		scores   []float32
		maxOut   int
		minScore float64
		want     []int
	}{
		{"best of overlapping pair wins", []float32{0.9, 0.95, 0.1, 0.1, 0.1, 0.1}, 100, 0.5, []int{1}},
		{"low overlap kept, falling score order", []float32{0.9, 0.2, 0.8, 0.7, 0.6, 0.55}, 100, 0.5, []int{0, 2, 3, 4}},
		{"max results caps", []float32{0.9, 0.2, 0.8, 0.7, 0.6, 0.1}, 2, 0.5, []int{0, 2}},
		{"score at threshold is dropped", []float32{0.5, 0.2, 0.2, 0.51, 0.2, 0.2}, 100, 0.5, []int{3}},
		{"ties keep index order", []float32{0.7, 0.1, 0.1, 0.7, 0.1, 0.7}, 100, 0.5, []int{0, 3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := nonMaxSuppression(boxes, tc.scores, tc.maxOut, 0.5, tc.minScore)
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("got %v, want %v", got, tc.want)
				}
			}
		})
	}
}

func TestSSDDetectionsMapsToImagePixels(t *testing.T) {
	tests := []struct {
		name string
		w, h int
		box  ssdBox
		want Rect
	}{
		// 1024x512 is padded at the bottom to 1024x1024: the image fills the
		// top half of the SSD input, so relative y doubles.
		{"landscape", 1024, 512, ssdBox{0, 0, 0.25, 0.5}, Rect{0, 0, 512, 256}},
		{"portrait", 300, 600, ssdBox{0.5, 0.25, 1, 0.5}, Rect{150, 300, 150, 300}},
		{"clipped to the image", 512, 512, ssdBox{-0.1, 0.9, 0.5, 1.2}, Rect{460.8, 0, 51.2, 256}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := ssdDetections([]ssdBox{tc.box}, []float32{0.75}, []int{0}, tc.w, tc.h)[0]
			g := [4]float64{d.Box.X, d.Box.Y, d.Box.W, d.Box.H}
			w := [4]float64{tc.want.X, tc.want.Y, tc.want.W, tc.want.H}
			for i := range g {
				if math.Abs(g[i]-w[i]) > 1e-9 {
					t.Fatalf("got %+v, want %+v", d.Box, tc.want)
				}
			}
			if d.Score != 0.75 {
				t.Fatalf("score %v, want 0.75", d.Score)
			}
		})
	}
}

func TestRectIoU(t *testing.T) {
	tests := []struct {
		a, b Rect
		want float64
	}{
		{Rect{0, 0, 2, 2}, Rect{0, 0, 2, 2}, 1},
		{Rect{0, 0, 2, 2}, Rect{1, 0, 2, 2}, 2.0 / 6},
		{Rect{0, 0, 2, 2}, Rect{2, 0, 2, 2}, 0},
		{Rect{0, 0, 0, 2}, Rect{0, 0, 2, 2}, 0},
	}
	for _, tc := range tests {
		if got := tc.a.IoU(tc.b); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("%v IoU %v = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestDetectOptionsValidate(t *testing.T) {
	bad := []DetectOptions{
		{MinConfidence: 0, IoUThreshold: 0.5, MaxResults: 1},
		{MinConfidence: 1, IoUThreshold: 0.5, MaxResults: 1},
		{MinConfidence: 0.5, IoUThreshold: 0, MaxResults: 1},
		{MinConfidence: 0.5, IoUThreshold: 0.5, MaxResults: 0},
	}
	for _, o := range bad {
		if o.Validate() == nil {
			t.Errorf("%+v: no error", o)
		}
	}
	if err := DefaultDetectOptions().Validate(); err != nil {
		t.Fatal(err)
	}
}
