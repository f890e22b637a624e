//go:build !amd64

package recognition

var useAVX512 = false

func dotPanels(g, p []float32, nProbes, pstride, dim, panels int, out []float32) {
	dotPanelsGo(g, p, nProbes, pstride, dim, panels, out)
}
