package recognition

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"sort"
	"testing"
)

func randomGallery(r *rand.Rand, n, dim int) (*Gallery, [][]float32) {
	g := NewGallery(dim)
	g.Grow(n / 2) // part reserved, part grown by Add
	rows := make([][]float32, n)
	for i := range rows {
		rows[i] = randVec(r, dim)
		if err := g.Add(fmt.Sprintf("id%06d", r.IntN(n)), rows[i]); err != nil {
			panic(err)
		}
	}
	return g, rows
}

func randVec(r *rand.Rand, dim int) []float32 {
	v := make([]float32, dim)
	for i := range v {
		v[i] = float32(r.NormFloat64() * 0.1)
	}
	return v
}

// bruteForce ranks every template in float64 by (distance, ID, index).
func bruteForce(g *Gallery, rows [][]float32, probe []float32, k int) []Match {
	type hit struct {
		d   float64
		idx int
	}
	hits := make([]hit, len(rows))
	for i, row := range rows {
		var s float64
		for j := range row {
			d := float64(row[j]) - float64(probe[j])
			s += d * d
		}
		hits[i] = hit{math.Sqrt(s), i}
	}
	sort.Slice(hits, func(a, b int) bool {
		x, y := hits[a], hits[b]
		if x.d != y.d {
			return x.d < y.d
		}
		if g.ids[x.idx] != g.ids[y.idx] {
			return g.ids[x.idx] < g.ids[y.idx]
		}
		return x.idx < y.idx
	})
	out := make([]Match, min(k, len(hits)))
	for i := range out {
		out[i] = Match{g.ids[hits[i].idx], float32(hits[i].d)}
	}
	return out
}

// TestGalleryAgainstBruteForce runs with the AVX-512 kernel (where the CPU
// has it) and with the gonum BLAS path.
func TestGalleryAgainstBruteForce(t *testing.T) {
	defer func(v bool) { useAVX512 = v }(useAVX512)
	for _, fast := range []bool{useAVX512, false} {
		useAVX512 = fast
		t.Run(fmt.Sprintf("avx512=%v", fast), testGalleryAgainstBruteForce)
	}
}

func testGalleryAgainstBruteForce(t *testing.T) {
	cases := []struct{ n, dim, k, probes int }{
		{1, 4, 3, 2},
		{500, 128, 1, 5},
		{3000, 128, 10, 7},
		{2*blockRows + 17, 8, 50, 3}, // crosses block boundaries
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("n%d_dim%d_k%d", c.n, c.dim, c.k), func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(c.n), uint64(c.dim)))
			g, rows := randomGallery(r, c.n, c.dim)
			probes := make([][]float32, c.probes)
			for i := range probes {
				probes[i] = randVec(r, c.dim)
			}
			probes[0] = rows[c.n/2] // an exact hit
			got := g.SearchBatch(probes, c.k)
			for i, p := range probes {
				want := bruteForce(g, rows, p, c.k)
				if len(got[i]) != len(want) {
					t.Fatalf("probe %d: %d matches, want %d", i, len(got[i]), len(want))
				}
				for j := range want {
					if got[i][j].ID != want[j].ID || math.Abs(float64(got[i][j].Distance-want[j].Distance)) > 1e-3 {
						t.Fatalf("probe %d rank %d: got %+v, want %+v", i, j, got[i][j], want[j])
					}
				}
				if one := g.Search(p, c.k); !reflect.DeepEqual(one, got[i]) {
					t.Fatalf("probe %d: Search and SearchBatch differ", i)
				}
			}
			if got[0][0].Distance > 1e-3 {
				t.Errorf("exact hit at distance %g", got[0][0].Distance)
			}
		})
	}
}

func TestGalleryTiesByID(t *testing.T) {
	g := NewGallery(3)
	same := []float32{0.1, 0.2, 0.3}
	for _, id := range []string{"carol", "alice", "bob", "alice"} {
		if err := g.Add(id, same); err != nil {
			t.Fatal(err)
		}
	}
	if err := g.Add("zed", []float32{1, 1, 1}); err != nil {
		t.Fatal(err)
	}
	got := g.Search(same, 4)
	var ids []string
	for _, m := range got {
		ids = append(ids, m.ID)
	}
	if want := []string{"alice", "alice", "bob", "carol"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("ties ordered %v, want %v", ids, want)
	}
}

func TestGalleryWorkersSameResult(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	g, _ := randomGallery(r, 3*blockRows+5, 16)
	probes := [][]float32{randVec(r, 16), randVec(r, 16)}
	g.Workers = 1
	a := g.SearchBatch(probes, 20)
	g.Workers = 3
	if b := g.SearchBatch(probes, 20); !reflect.DeepEqual(a, b) {
		t.Fatal("results depend on the worker count")
	}
}

func TestGalleryEdges(t *testing.T) {
	g := NewGallery(2)
	if got := g.Search([]float32{0, 0}, 5); len(got) != 0 {
		t.Fatalf("empty gallery gave %v", got)
	}
	if err := g.Add("a", []float32{1}); err == nil {
		t.Error("short template accepted")
	}
	if err := g.Add("a", []float32{1, float32(math.NaN())}); err == nil {
		t.Error("NaN template accepted")
	}
	g.Add("a", []float32{1, 0})
	g.Add("b", []float32{0, 2})
	if got := g.Search([]float32{0, 0}, 10); len(got) != 2 || got[0].ID != "a" || got[1].Distance != 2 {
		t.Fatalf("k above size: %v", got)
	}
	if got := g.Search([]float32{0, 0}, 0); len(got) != 0 {
		t.Fatalf("k=0 gave %v", got)
	}
}
