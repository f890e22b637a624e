package faces

import "sync"

// buffers are one render's working memory: the visibility buffer, the
// transformed parts, the shadow map and the shaded frame, about 10 MB at
// 320x320. Allocating them afresh for every render cost as much as some of
// the drawing, in clearing and in garbage collection; renders take them
// from bufferPool and give them back, so that concurrent renders each have
// their own.
type buffers struct {
	fr    frame
	tp    []xformed
	texel [][3]float64 // shadow-map coordinates of one part's vertices
	sm    []float32    // shadow-map depths
	out   []float64    // shaded frame, linear RGB
	wall  []float64    // the wall's pattern (scene.wallGrid)
	// the wall's pattern along one row of grid cells (scene.wallRow)
	wallTop, wallBot []float64
	blur             blurBufs // blurred frames (finish)
}

var bufferPool = sync.Pool{New: func() any { return new(buffers) }}

func getBuffers() *buffers { return bufferPool.Get().(*buffers) }

// frame returns the visibility buffer of a w x h sample grid over region
// r, cleared.
func (b *buffers) frame(w, h int, r region) *frame {
	b.fr.reset(r)
	b.fr.fw, b.fr.fh = w, h
	return &b.fr
}

// parts returns room for n transformed parts, whose slices are reused.
func (b *buffers) parts(n int) []xformed {
	if cap(b.tp) < n {
		b.tp = append(b.tp[:cap(b.tp)], make([]xformed, n-cap(b.tp))...)
	}
	b.tp = b.tp[:n]
	return b.tp
}

// grow returns s with length n, reallocated only when too small; its
// contents are left for the caller to overwrite.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}
