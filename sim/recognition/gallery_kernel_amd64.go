package recognition

// cpuHasAVX512 reports AVX-512F support by the CPU and the OS (ZMM state
// enabled in XCR0).
func cpuHasAVX512() bool

//go:noescape
func dotP4R32AVX512(gal, init, probe *float32, pstride, dim uintptr, out *float32)

//go:noescape
func dotP1R64AVX512(gal, init, probe *float32, dim uintptr, out *float32)

var useAVX512 = cpuHasAVX512()

// dotPanels computes out[i*nRows+r] = init[r] + probe i . template r
// (nRows = 16*panels) with the fastest kernel available. The fast paths need 4
// probes and 2 panels, or 1 probe and 4 panels.
func dotPanels(g, init, p []float32, nProbes, pstride, dim, panels int, out []float32) {
	switch {
	case useAVX512 && nProbes == 4 && panels == 2 && dim > 0:
		_ = g[2*dim*panelWidth-1]
		_ = p[3*pstride+dim-1]
		_ = out[4*32-1]
		_ = init[32-1]
		dotP4R32AVX512(&g[0], &init[0], &p[0], uintptr(pstride), uintptr(dim), &out[0])
	case useAVX512 && nProbes == 1 && panels == 4 && dim > 0:
		_ = g[4*dim*panelWidth-1]
		_ = p[dim-1]
		_ = out[64-1]
		_ = init[64-1]
		dotP1R64AVX512(&g[0], &init[0], &p[0], uintptr(dim), &out[0])
	default:
		dotPanelsGo(g, init, p, nProbes, pstride, dim, panels, out)
	}
}
