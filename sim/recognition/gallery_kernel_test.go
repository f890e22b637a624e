package recognition

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestKernelsAgainstGo checks the kernels dotPanels dispatches to against
// the plain Go loop, and that the one-probe and four-probe shapes give the
// same bits for the same pair (Search and SearchBatch must agree).
func TestKernelsAgainstGo(t *testing.T) {
	if !useAVX512 {
		t.Log("no AVX-512 here: dotPanels runs the Go loop")
	}
	r := rand.New(rand.NewPCG(9, 9))
	for _, dim := range []int{1, 7, 128} {
		g := randVec(r, 4*panelWidth*dim)
		p := randVec(r, 4*dim+3) // stride dim+1 below
		pstride := dim + 1
		init := randVec(r, 64)
		four := make([]float32, 4*32)
		dotPanels(g, init, p, 4, pstride, dim, 2, four)
		want := make([]float32, 4*32)
		dotPanelsGo(g, init, p, 4, pstride, dim, 2, want)
		for i := range want {
			if math.Abs(float64(four[i]-want[i])) > 1e-5 {
				t.Fatalf("dim %d: 4x32 kernel value %d = %g, Go %g", dim, i, four[i], want[i])
			}
		}
		for k := range 4 {
			one := make([]float32, 64)
			dotPanels(g, init, p[k*pstride:], 1, dim, dim, 4, one)
			for j := range 32 {
				if one[j] != four[k*32+j] {
					t.Fatalf("dim %d probe %d row %d: 1-probe kernel %g, 4-probe %g", dim, k, j, one[j], four[k*32+j])
				}
			}
		}
	}
}
