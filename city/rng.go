package city

import (
	"hash/fnv"
	"math/rand/v2"
)

// Stream returns an independent random stream for one named component, so
// that adding a draw in one component never shifts another's numbers.
func Stream(seed uint64, component string, index ...uint64) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(component))
	k := h.Sum64()
	for _, i := range index {
		k = k*0x9E3779B97F4A7C15 + i + 1
	}
	return rand.New(rand.NewPCG(seed, k))
}
