// Package seeds is the one place where Vigie derives random numbers from a
// run's seed. Every component draws from a named stream, so adding a draw in
// one component never shifts another's numbers, and the same (seed, name,
// index) gives the same numbers on any machine and any core count.
//
// Two kinds of derivation cover every use:
//
//   - Stream: a generator of its own for a named component (the city's
//     streets, one regime's world, the eyes of one face), optionally
//     indexed (the k-th sample of a kind);
//   - Mix, Derive and Uniform: one value fixed by its keys alone, for draws
//     that must agree wherever they are made (the same citizen avoiding the
//     same leg in every regime's world) and for child seeds (identity i of
//     an experiment, the variant of one capture).
package seeds

import (
	"hash/fnv"
	"math/rand/v2"
)

// golden is 2^64 divided by the golden ratio, the usual odd constant for
// spreading consecutive keys over the 64-bit range.
const golden = 0x9E3779B97F4A7C15

// Stream returns the random stream of one named component under seed,
// indexed when a component needs several (index i of the same name is a
// different stream for every i).
func Stream(seed uint64, name string, index ...uint64) *rand.Rand {
	k := Name(name)
	for _, i := range index {
		k = k*golden + i + 1
	}
	return rand.New(rand.NewPCG(seed, k))
}

// Name is a stream name's 64-bit key (FNV-1a), for Mix and Derive.
func Name(name string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	return h.Sum64()
}

// Mix returns a 64-bit value determined by its keys alone: each key is
// folded in and scrambled by splitmix64's finaliser, so keys differing in
// one bit give unrelated values, and the order of the keys matters.
func Mix(keys ...uint64) uint64 {
	var h uint64 = golden
	for _, k := range keys {
		h ^= k
		h += golden
		h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9
		h = (h ^ (h >> 27)) * 0x94D049BB133111EB
		h ^= h >> 31
	}
	return h
}

// Derive returns the child seed of a named use under seed, indexed when
// there are several (identity i of an experiment).
func Derive(seed uint64, name string, index ...uint64) uint64 {
	h := Mix(seed, Name(name))
	for _, i := range index {
		h = Mix(h, i)
	}
	return h
}

// Uniform returns a number in [0, 1) determined by its keys alone.
func Uniform(keys ...uint64) float64 { return ToUnit(Mix(keys...)) }

// ToUnit maps 64 random bits to [0, 1) with the 53 bits a float64 holds.
func ToUnit(h uint64) float64 { return float64(h>>11) / (1 << 53) }
