package recognition

import (
	"fmt"
	"math"
	"runtime"
	"sort"
	"sync"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
)

// Gallery is a watchlist of templates searched exactly: every probe is
// compared with every template, using ||p-g||^2 = ||p||^2 + ||g||^2 - 2 p.g
// so that the bulk of the work is one float32 matrix product (gonum BLAS).
// Add is not safe concurrently with searches; searches may run in parallel.
type Gallery struct {
	dim   int
	ids   []string
	data  []float32 // templates, row-major, len(ids) x dim
	norms []float32 // ||g||^2 per template
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
		g.ids = append(make([]string, 0, len(g.ids)+n), g.ids...)
		g.norms = append(make([]float32, 0, len(g.norms)+n), g.norms...)
		g.data = append(make([]float32, 0, len(g.data)+n*g.dim), g.data...)
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
	g.ids = append(g.ids, id)
	g.data = append(g.data, desc...)
	g.norms = append(g.norms, n)
	return nil
}

// Search returns the k templates nearest to probe, nearest first; equal
// distances are ordered by ID, then by insertion order.
func (g *Gallery) Search(probe []float32, k int) []Match {
	return g.SearchBatch([][]float32{probe}, k)[0]
}

// blockRows is how many templates one matrix product covers: 4096 x 128
// float32 is 2 MB, so a block's scores and rows stay in cache while the
// top-k lists are updated.
const blockRows = 4096

// SearchBatch is Search for many probes at once: each block of templates is
// read from memory once for all probes (one Gemm per block). The result does
// not depend on the number of workers.
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
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local[w] = g.scan(pm, pn, k, w, workers, nBlocks)
		}()
	}
	wg.Wait()
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
	pm := blas32.General{Rows: len(probes), Cols: g.dim, Stride: g.dim, Data: make([]float32, len(probes)*g.dim)}
	pn := make([]float32, len(probes))
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
	tops := make([]topK, pm.Rows)
	for i := range tops {
		tops[i] = topK{k: k, items: make([]cand, 0, k)}
	}
	scores := make([]float32, pm.Rows*blockRows)
	for b := first; b < nBlocks; b += step {
		r0, r1 := b*blockRows, min((b+1)*blockRows, g.Len())
		n := r1 - r0
		gb := blas32.General{Rows: n, Cols: g.dim, Stride: g.dim, Data: g.data[r0*g.dim : r1*g.dim]}
		s := blas32.General{Rows: pm.Rows, Cols: n, Stride: n, Data: scores[:pm.Rows*n]}
		blas32.Gemm(blas.NoTrans, blas.Trans, -2, pm, gb, 0, s)
		for i := range tops {
			row := s.Data[i*n : (i+1)*n]
			t := &tops[i]
			for j, v := range row {
				d := pn[i] + g.norms[r0+j] + v
				if len(t.items) == k && d > t.items[0].d {
					continue // the common case: worse than the current k-th
				}
				t.push(cand{d: d, idx: int32(r0 + j)}, g.ids)
			}
		}
	}
	return tops
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
