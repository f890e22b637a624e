package sim

import (
	"math"
	"testing"

	"vigie/city"
	"vigie/metrics"
	"vigie/policy"
)

// TestGalleryArithmeticMatchesPublishedFigures checks the scraped-gallery
// model against the figures it cites, each within its interval:
//
//   - at NIST's 12-million mugshot gallery, Clearview's algorithm found
//     99.85% at rank 1 (NIST FRVT 1:N, Nov 2021, press summaries): the model's
//     miss rate must round to 0.15%, and the drawn searches' rank-1 share
//     must hold 99.85% inside its 95% Wilson interval;
//   - NPL 2023 measured 1 false alert in 6,000 passers-by against 10,000
//     names and 1 in 60,000 against 1,000 at the same threshold: the false
//     candidates per search at those sizes must fall within a tenth of both
//     (the 1,000 figure is not used to set the rate, so it tests the
//     linear scaling);
//   - White et al. 2015 saw over 50% errors on candidate lists: with the
//     right person listed, the investigator's picks must be right on
//     1 - 0.5 of lists, within the drawn interval.
func TestGalleryArithmeticMatchesPublishedFigures(t *testing.T) {
	g := policy.DefaultScrapedGallery()
	if m := galleryMiss(&g, 12e6, 1); math.Abs(m-0.0015) > 0.00005 {
		t.Errorf("rank-1 miss at 12 million = %.5f, NIST published 0.0015", m)
	}
	for _, c := range []struct {
		n, perSearch float64
	}{{10000, 1.0 / 6000}, {1000, 1.0 / 60000}} {
		if got := falseCandidates(&g, c.n); math.Abs(got-c.perSearch) > c.perSearch/10 {
			t.Errorf("false candidates per search at %g names = %.3g, NPL published %.3g", c.n, got, c.perSearch)
		}
	}

	ref := g
	ref.Size = 12e6
	rng := city.Stream(1, "gallery-test")
	const n = 20000
	var rank1, listed, right int
	for range n {
		o := searchGallery(&ref, true, rng)
		rank1 += b2i(o.rank1)
		listed += b2i(o.listed)
		right += b2i(o.identified)
	}
	if lo, hi := metrics.Wilson(rank1, n); 0.9985 < lo || 0.9985 > hi {
		t.Errorf("drawn rank-1 share %d/%d, interval [%.4f, %.4f], misses NIST's 99.85%%", rank1, n, lo, hi)
	}
	if lo, hi := metrics.Wilson(right, listed); 1-g.ReviewerError < lo || 1-g.ReviewerError > hi {
		t.Errorf("investigator right on %d of %d listed, interval [%.3f, %.3f], misses White et al.'s %.2f", right, listed, lo, hi, 1-g.ReviewerError)
	}
}

// TestGalleryGrowsHarderWithSize checks the shape the model claims: misses
// rise with the gallery (more at rank 1 than in the first ten), false
// candidates rise tenfold with a tenfold gallery, and the list caps them.
func TestGalleryGrowsHarderWithSize(t *testing.T) {
	g := policy.DefaultScrapedGallery()
	prev := 0.0
	for _, n := range []float64{1e6, 1e7, 1e8, 1e9, 1e10} {
		m1, m10 := galleryMiss(&g, n, 1), galleryMiss(&g, n, 10)
		if m1 <= prev || m10 >= m1 {
			t.Errorf("at %g: rank-1 miss %.5f (previous size %.5f), top-10 miss %.5f", n, m1, prev, m10)
		}
		prev = m1
	}
	if r := falseCandidates(&g, 1e10) / falseCandidates(&g, 1e9); math.Abs(r-10) > 1e-9 {
		t.Errorf("false candidates grew %gx for a tenfold gallery, want 10x", r)
	}
	rng := city.Stream(2, "gallery-test")
	for range 200 {
		o := searchGallery(&g, false, rng)
		if o.rank1 || o.listed || o.identified {
			t.Fatalf("a person not held was found: %+v", o)
		}
	}
	none := g
	none.ReviewerError = 0
	for range 200 {
		if o := searchGallery(&none, false, rng); o.falseLead {
			t.Fatalf("an investigator who never errs followed a false lead")
		}
	}
	if got := poisson(math.Inf(1), 9, rng); got != 9 {
		t.Errorf("a list without threshold shows %d false candidates, want all 9 places", got)
	}
}

func TestShareAtReadsAgeBands(t *testing.T) {
	g := policy.DefaultScrapedGallery()
	for _, c := range []struct {
		age  int
		want float64
	}{{5, 0.5}, {18, 0.84}, {29, 0.84}, {30, 0.81}, {64, 0.73}, {90, 0.45}} {
		if got := g.ShareAt(c.age); got != c.want {
			t.Errorf("ShareAt(%d) = %g, want %g", c.age, got, c.want)
		}
	}
}

// TestGalleryDrawsFollowTheExpectedArithmetic checks that searches drawn one by
// one scatter around expectedSearch's chances: each expected share lies
// inside the drawn share's 95% Wilson interval.
func TestGalleryDrawsFollowTheExpectedArithmetic(t *testing.T) {
	g := policy.DefaultScrapedGallery()
	short := g
	short.ListLength, short.FalseMatchPerComparison = 1, 1e-10
	for _, c := range []struct {
		name string
		g    policy.ScrapedGallery
		held float64
	}{{"default", g, 0.77}, {"one candidate, sparse false matches", short, 0.5}} {
		rng := city.Stream(3, "gallery-expected", uint64(len(c.name)))
		const n = 20000
		var rank1, top10, picked, leads int
		for range n {
			o := searchGallery(&c.g, rng.Float64() < c.held, rng)
			rank1, top10, picked, leads = rank1+b2i(o.rank1), top10+b2i(o.top10), picked+b2i(o.identified), leads+b2i(o.falseLead)
		}
		e1, e10, ep, el := expectedSearch(&c.g, c.held)
		for _, x := range []struct {
			what   string
			k      int
			expect float64
		}{{"rank 1", rank1, e1}, {"top 10", top10, e10}, {"picked", picked, ep}, {"false lead", leads, el}} {
			if lo, hi := metrics.Wilson(x.k, n); x.expect < lo || x.expect > hi {
				t.Errorf("%s: %s drawn %d/%d [%.4f, %.4f], expected %.4f", c.name, x.what, x.k, n, lo, hi, x.expect)
			}
		}
	}
}
