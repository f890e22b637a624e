//go:build !amd64

package recognition

var useAVX512 = false

func dotPanels(g, init, p []float32, nProbes, pstride, dim, panels int, out []float32) {
	dotPanelsGo(g, init, p, nProbes, pstride, dim, panels, out)
}
