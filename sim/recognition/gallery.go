package recognition

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"sort"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"

	"vigie/internal/parallel"
)

// Gallery is a watchlist of templates searched exactly: every probe is
// compared with every template, using ||p-g||^2 = ||p||^2 + ||g||^2 - 2 p.g
// so that the bulk of the work is one float32 matrix product, probes times
// templates. The product runs in an AVX-512 kernel where the CPU has one
// (templates stored in panels of 16, see gallery_kernel.go), else in gonum's
// BLAS (blas32.Gemm) on the same panels read back row by row.
// Add is not safe concurrently with searches; searches may run in parallel.
type Gallery struct {
	dim    int
	ids    []string
	panels []float32 // templates in panels of 16, dimension-major inside
	// half holds -||g||^2/2 per template, zero-padded like panels: the
	// kernels start each dot product from it, so a score is
	// s = p.g - ||g||^2/2 and the squared distance is ||p||^2 - 2s.
	half []float32
	// Workers caps the goroutines one search uses (0: GOMAXPROCS).
	Workers int
}

// Match is one gallery hit: the template's ID and its Euclidean distance.
type Match struct {
	ID       string
	Distance float32
}

// NewGallery makes an empty gallery of dim-long templates.
func NewGallery(dim int) *Gallery {
	if dim <= 0 {
		panic(fmt.Sprintf("recognition: gallery dimension %d must be positive", dim))
	}
	return &Gallery{dim: dim}
}

// Dim is the template length.
func (g *Gallery) Dim() int { return g.dim }

// Len is the number of templates.
func (g *Gallery) Len() int { return len(g.ids) }

// Grow reserves room for n more templates, avoiding copies while filling.
func (g *Gallery) Grow(n int) {
	if n > 0 && cap(g.ids)-len(g.ids) < n {
		rows := (len(g.ids) + n + panelGroup - 1) / panelGroup * panelGroup
		g.ids = append(make([]string, 0, len(g.ids)+n), g.ids...)
		g.half = append(make([]float32, 0, rows), g.half...)
		g.panels = append(make([]float32, 0, rows*g.dim), g.panels...)
	}
}

// Add appends a template. An identity may have several templates; its ID
// then appears once per template in results.
func (g *Gallery) Add(id string, desc []float32) error {
	if len(desc) != g.dim {
		return fmt.Errorf("gallery: template %q has %d values, want %d", id, len(desc), g.dim)
	}
	var n float32
	for _, v := range desc {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return fmt.Errorf("gallery: template %q has a non-finite value", id)
		}
		n += v * v
	}
	r := len(g.ids)
	if r%panelGroup == 0 { // room for the next 64 templates, zero-filled
		g.panels = append(g.panels, make([]float32, panelGroup*g.dim)...)
		g.half = append(g.half, make([]float32, panelGroup)...)
	}
	g.half[r] = -n / 2
	base := r / panelWidth * g.dim * panelWidth
	for d, v := range desc {
		g.panels[base+d*panelWidth+r%panelWidth] = v
	}
	g.ids = append(g.ids, id)
	return nil
}

// panelGroup is the storage unit: 4 panels of 16 templates, so that every
// kernel shape (1 probe x 4 panels, 4 probes x 2 panels) fits exactly.
const panelGroup = 4 * panelWidth

// Search returns the k templates nearest to probe, nearest first; equal
// distances are ordered by ID, then by insertion order.
func (g *Gallery) Search(probe []float32, k int) []Match {
	return g.SearchBatch([][]float32{probe}, k)[0]
}

// blockRows is how many templates one pass covers: 1024 x 128 float32 is
// 512 KB, so a block stays in the core's cache while every probe is scored
// against it and the top-k lists are updated.
const blockRows = 1024

// SearchBatch is Search for many probes at once: each block of templates is
// read from memory once and scored against all probes (one matrix product
// per block). Results equal Search's, probe by probe, and do not depend on
// the number of workers. A probe of the wrong length panics.
func (g *Gallery) SearchBatch(probes [][]float32, k int) [][]Match {
	for i, p := range probes {
		if len(p) != g.dim {
			panic(fmt.Sprintf("recognition: probe %d has %d values, gallery templates %d", i, len(p), g.dim))
		}
	}
	k = min(k, g.Len())
	out := make([][]Match, len(probes))
	if k <= 0 || len(probes) == 0 {
		for i := range out {
			out[i] = []Match{}
		}
		return out
	}
	pm, pn := g.probeMatrix(probes)
	nBlocks := (g.Len() + blockRows - 1) / blockRows
	workers := g.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, nBlocks)
	// Worker w takes blocks w, w+workers, ... and keeps its own top-k lists;
	// merging sorts by (distance, ID, index), so the split cannot matter.
	local := make([][]topK, workers)
	parallel.For(context.Background(), workers, workers, func(_, w int) error {
		local[w] = g.scan(pm, pn, k, w, workers, nBlocks)
		return nil
	})
	for i := range probes {
		all := local[0][i]
		for w := 1; w < workers; w++ {
			for _, c := range local[w][i].items {
				all.push(c, g.ids)
			}
		}
		out[i] = all.sorted(g.ids)
	}
	return out
}

// probeMatrix packs probes row-major and their squared norms.
func (g *Gallery) probeMatrix(probes [][]float32) (blas32.General, []float32) {
	rows := len(probes)
	if rows > 1 {
		rows = (rows + 3) / 4 * 4 // the batch kernel takes probes by four
	}
	pm := blas32.General{Rows: rows, Cols: g.dim, Stride: g.dim, Data: make([]float32, rows*g.dim)}
	pn := make([]float32, len(probes)) // padding probes get no top-k list
	for i, p := range probes {
		copy(pm.Data[i*g.dim:], p)
		for _, v := range p {
			pn[i] += v * v
		}
	}
	return pm, pn
}

// scan scores blocks first, first+step, ... and returns per-probe top-k.
func (g *Gallery) scan(pm blas32.General, pn []float32, k, first, step, nBlocks int) []topK {
	tops := make([]topK, len(pn))
	for i := range tops {
		tops[i] = topK{k: k, items: make([]cand, 0, k)}
	}
	scores := make([]float32, pm.Rows*blockRows)
	var sc scratch
	for b := first; b < nBlocks; b += step {
		r0, r1 := b*blockRows, min((b+1)*blockRows, g.Len())
		n := r1 - r0
		g.dots(pm, r0, r1, scores, &sc)
		for i := range tops {
			tops[i].update(scores[i*blockRows:i*blockRows+n], pn[i], r0, g.ids)
		}
	}
	return tops
}

// update offers templates r0, r0+1, ... with scores s = p.g - ||g||^2/2 to
// the list; the squared distance is pn - 2s. Most templates are worse than
// the current k-th, so they are turned away by one compare against a bound
// set a little loose (by far more than float32 rounding): only candidates
// that pass it get their distance computed and compared exactly.
func (t *topK) update(scores []float32, pn float32, r0 int, ids []string) {
	lim := t.bound(pn)
	for j, v := range scores {
		if v < lim {
			continue
		}
		t.push(cand{d: pn - 2*v, idx: int32(r0 + j)}, ids)
		lim = t.bound(pn)
	}
}

// bound is the score below which a template cannot enter a full list:
// pn - 2s > worst, loosened by 1e-6 relative.
func (t *topK) bound(pn float32) float32 {
	if len(t.items) < t.k {
		return float32(math.Inf(-1))
	}
	worst := t.items[0].d
	slack := 1e-6*(abs32(pn)+abs32(worst)) + 1e-30
	return (pn-worst)/2 - slack
}

func abs32(v float32) float32 { return float32(math.Abs(float64(v))) }

// scratch is one worker's buffers.
type scratch struct {
	out  [4 * 32]float32
	rows []float32
}

// dots fills scores[i*blockRows + r-r0] with probe i . template r minus
// ||template r||^2/2 for every
// probe row of pm and templates r0 <= r < r1 (r0 a multiple of blockRows).
func (g *Gallery) dots(pm blas32.General, r0, r1 int, scores []float32, sc *scratch) {
	if !useAVX512 {
		g.dotsBLAS(pm, r0, r1, scores, sc)
		return
	}
	dim, size := g.dim, g.dim*panelWidth
	// Panels q0..q1 cover the block; q1 is rounded to whole panel groups,
	// which storage always holds (zero templates score 0 and are ignored).
	q0, q1 := r0/panelWidth, (r1+panelGroup-1)/panelGroup*panelGroup/panelWidth
	if pm.Rows == 1 {
		for q := q0; q < q1; q += 4 {
			dotPanels(g.panels[q*size:], g.half[q*panelWidth:], pm.Data, 1, dim, dim, 4, sc.out[:64])
			copy(scores[q*panelWidth-r0:], sc.out[:64])
		}
		return
	}
	for i := 0; i < pm.Rows; i += 4 {
		for q := q0; q < q1; q += 2 {
			dotPanels(g.panels[q*size:], g.half[q*panelWidth:], pm.Data[i*dim:], 4, dim, dim, 2, sc.out[:])
			for k := range 4 {
				copy(scores[(i+k)*blockRows+q*panelWidth-r0:][:32], sc.out[k*32:(k+1)*32])
			}
		}
	}
}

// dotsBLAS is dots with gonum's float32 Gemm, for CPUs without AVX-512:
// the block's templates are read back row-major first.
func (g *Gallery) dotsBLAS(pm blas32.General, r0, r1 int, scores []float32, sc *scratch) {
	n, dim := r1-r0, g.dim
	if cap(sc.rows) < n*dim {
		sc.rows = make([]float32, blockRows*dim)
	}
	rows := sc.rows[:n*dim]
	for r := r0; r < r1; r++ {
		panel := g.panels[r/panelWidth*dim*panelWidth:]
		for d := range dim {
			rows[(r-r0)*dim+d] = panel[d*panelWidth+r%panelWidth]
		}
	}
	for i := range pm.Rows { // start from -||g||^2/2, as the kernels do
		copy(scores[i*blockRows:i*blockRows+n], g.half[r0:r1])
	}
	gb := blas32.General{Rows: n, Cols: dim, Stride: dim, Data: rows}
	s := blas32.General{Rows: pm.Rows, Cols: n, Stride: blockRows, Data: scores}
	blas32.Gemm(blas.NoTrans, blas.Trans, 1, pm, gb, 1, s)
}

// cand is a candidate: squared distance and template index.
type cand struct {
	d   float32
	idx int32
}

// less orders candidates: nearer first, then by ID, then by index.
func less(a, b cand, ids []string) bool {
	if a.d != b.d {
		return a.d < b.d
	}
	if ids[a.idx] != ids[b.idx] {
		return ids[a.idx] < ids[b.idx]
	}
	return a.idx < b.idx
}

// topK keeps the k best candidates in a max-heap (the worst at items[0]).
type topK struct {
	k     int
	items []cand
}

func (t *topK) push(c cand, ids []string) {
	h := t.items
	if len(h) < t.k {
		h = append(h, c)
		for i := len(h) - 1; i > 0; {
			p := (i - 1) / 2
			if !less(h[p], h[i], ids) {
				break
			}
			h[p], h[i] = h[i], h[p]
			i = p
		}
		t.items = h
		return
	}
	if !less(c, h[0], ids) {
		return
	}
	h[0] = c
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(h) && less(h[m], h[l], ids) {
			m = l
		}
		if r < len(h) && less(h[m], h[r], ids) {
			m = r
		}
		if m == i {
			break
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}

func (t *topK) sorted(ids []string) []Match {
	c := append([]cand(nil), t.items...)
	sort.Slice(c, func(i, j int) bool { return less(c[i], c[j], ids) })
	out := make([]Match, len(c))
	for i, x := range c {
		// Rounding can make a tiny squared distance negative.
		out[i] = Match{ID: ids[x.idx], Distance: float32(math.Sqrt(float64(max(x.d, 0))))}
	}
	return out
}
