package recognition

// The gallery's inner loop: dot products of probes with panels of 16
// templates stored dimension-major (panel[d*16+lane]), so one vector load
// holds component d of 16 templates. Every dot product is accumulated in
// the same order (d = 0, 1, ...) whichever kernel or worker computes it, so
// results do not depend on batch size or worker count. The assembly kernels
// (AVX-512, amd64) use fused multiply-adds; without AVX-512 the gallery
// uses gonum's Gemm instead, whose last bits may differ.

const panelWidth = 16

// dotPanelsGo is the reference the assembly kernels are tested against:
// out[i*nRows+r] = init[r] + probe i . template r for nProbes probes (stride
// pstride) and nRows = 16*panels templates from consecutive panels at g.
func dotPanelsGo(g, init, p []float32, nProbes, pstride, dim, panels int, out []float32) {
	nRows := panels * panelWidth
	var acc [panelWidth]float32
	for i := range nProbes {
		probe := p[i*pstride : i*pstride+dim]
		for q := range panels {
			panel := g[q*dim*panelWidth : (q+1)*dim*panelWidth]
			copy(acc[:], init[q*panelWidth:])
			for d, pv := range probe {
				row := panel[d*panelWidth : (d+1)*panelWidth]
				for l := range acc {
					acc[l] += float32(pv * row[l]) // the conversion forbids fusing
				}
			}
			copy(out[i*nRows+q*panelWidth:], acc[:])
		}
	}
}
