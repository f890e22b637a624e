package convert

import (
	"strings"
	"testing"
)

func TestSamePads(t *testing.T) {
	tests := []struct {
		in, k, stride       int
		begin, end, outWant int
	}{
		{512, 3, 2, 0, 1, 256}, // odd padding goes after, as in TF
		{256, 3, 1, 1, 1, 256},
		{16, 1, 1, 0, 0, 16},
		{2, 3, 2, 0, 1, 1},
		{56, 1, 2, 0, 0, 28}, // 1x1 stride 2 needs none
		{7, 3, 2, 1, 1, 4},
	}
	for _, tc := range tests {
		b, e, o := samePads(tc.in, tc.k, tc.stride)
		if b != tc.begin || e != tc.end || o != tc.outWant {
			t.Errorf("samePads(%d,%d,%d) = %d,%d,%d, want %d,%d,%d", tc.in, tc.k, tc.stride, b, e, o, tc.begin, tc.end, tc.outWant)
		}
	}
}

func TestHWIOToOIHW(t *testing.T) {
	// kh=1, kw=2, in=2, out=3: TF index ((y*kw+x)*in+i)*out+o.
	d := []float32{
		0, 1, 2, // x0 i0 o0..2
		3, 4, 5, // x0 i1
		6, 7, 8, // x1 i0
		9, 10, 11, // x1 i1
	}
	got := hwioToOIHW(d, 1, 2, 2, 3)
	// ONNX index ((o*in+i)*kh+y)*kw+x.
	want := []float32{0, 6, 3, 9, 1, 7, 4, 10, 2, 8, 5, 11}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}

// TestBuildErrorsNameTheWeight checks that a missing or misshapen weight
// gives an error naming the network and the weight, not a panic.
func TestBuildErrorsNameTheWeight(t *testing.T) {
	tests := []struct {
		name  string
		build func(map[string]tfTensor) error
		w     map[string]tfTensor
		want  string
	}{
		{"ssd empty", func(w map[string]tfTensor) error { _, err := buildSSD(w); return err },
			map[string]tfTensor{}, `ssd_mobilenetv1: weight "MobilenetV1/Conv2d_0_pointwise/weights" is missing`},
		{"landmarks wrong shape", func(w map[string]tfTensor) error { _, err := buildLandmarks68(w); return err },
			map[string]tfTensor{"dense0/conv0/filters": {Shape: []int{3, 3, 4, 32}, Data: make([]float32, 3*3*4*32)}},
			`face_landmark_68: filter "dense0/conv0/filters" has shape [3 3 4 32] for 3 input channels`},
		{"age gender missing bias", func(w map[string]tfTensor) error { _, err := buildAgeGender(w); return err },
			map[string]tfTensor{"entry_flow/conv_in/filters": {Shape: []int{3, 3, 3, 32}, Data: make([]float32, 3*3*3*32)}},
			`age_gender: weight "entry_flow/conv_in/bias" is missing`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.build(tc.w)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

// TestFaceNetsBuild converts the three networks from the real weights twice
// and checks the bytes are the same and the sizes plausible.
func TestFaceNetsBuild(t *testing.T) {
	src := faceAPIWeights(t)
	for _, c := range []struct {
		name     string
		minBytes int
	}{
		{SSDName, 20_000_000}, // ~5.5M float parameters + anchors
		{LandmarksName, 1_000_000},
		{AgeGenderName, 1_000_000},
	} {
		a, err := Convert(src, t.TempDir(), c.name)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Convert(src, t.TempDir(), c.name)
		if err != nil {
			t.Fatal(err)
		}
		if a[0].SHA256 != b[0].SHA256 {
			t.Errorf("%s: conversion not deterministic", c.name)
		}
		if err := checkPinned(a[0]); err != nil {
			t.Error(err)
		}
		if a[0].Bytes < c.minBytes {
			t.Errorf("%s: only %d bytes", c.name, a[0].Bytes)
		}
	}
}
