package sim

import (
	"cmp"
	"math"
	"math/rand/v2"

	"vigie/city"
	"vigie/internal/detmath"
	"vigie/metrics"
	"vigie/policy"
)

// The scraped-gallery arithmetic. A still is searched against a gallery of
// N identities and returns a ranked list of at most L candidates:
//
//   - the right person, if held, is ranked first unless the search misses
//     at rank 1, with probability FNIR1(N) = f * m0 * (N/N0)^b, where m0 is
//     the rank-1 miss rate published for a reference gallery of N0
//     identities, b the growth exponent (an assumption) and f the still's
//     penalty against the reference's probes (an assumption);
//   - with impostor scores independent of each other, the right person is
//     among the first k when fewer than k impostors outscore them, about as
//     likely as being first among N/k: FNIRk(N) = FNIR1(N/k);
//   - each of the N non-mated comparisons scores above the threshold with
//     probability p, so about N*p false candidates qualify (Daugman's
//     P_N ~ N*P_1, as NPL saw a ten times larger watchlist give ten times
//     the false alerts); the list shows at most L of them.

// galleryMiss returns the chance that a held person is not among the first
// rank candidates of a search of a gallery of n identities.
func galleryMiss(g *policy.ScrapedGallery, n float64, rank int) float64 {
	eff := n / float64(max(rank, 1))
	m := g.StillMissFactor * g.Rank1MissAtReference * detmath.Pow(eff/g.ReferenceSize, g.MissGrowthExponent)
	return min(1, max(0, m))
}

// falseCandidates returns the expected non-mated candidates above the
// threshold in a search of n identities, before the list's length caps it;
// without a threshold every place on the list is filled.
func falseCandidates(g *policy.ScrapedGallery, n float64) float64 {
	if g.FalseMatchPerComparison <= 0 {
		return math.Inf(1)
	}
	return n * g.FalseMatchPerComparison
}

// poisson draws a Poisson count of mean mu, capped at limit.
func poisson(mu float64, limit int, rng *rand.Rand) int {
	switch {
	case math.IsInf(mu, 1) || mu > float64(limit)+10*math.Sqrt(float64(limit)+1)+10:
		return limit
	case mu > 30:
		return min(limit, max(0, int(math.Round(mu+math.Sqrt(mu)*rng.NormFloat64()))))
	}
	k, p, floor := 0, 1.0, detmath.Exp(-mu)
	for {
		p *= rng.Float64()
		if p <= floor || k >= limit {
			return k
		}
		k++
	}
}

// searchOutcome is one still searched and the investigator's pick.
type searchOutcome struct {
	held, rank1, top10, listed, identified, falseLead bool
}

// searchGallery draws one search: whether the right person is held, where
// the gallery ranks them, how many false candidates the list shows, and
// what the investigator picks.
func searchGallery(g *policy.ScrapedGallery, held bool, rng *rand.Rand) searchOutcome {
	o := searchOutcome{held: held}
	n, l := g.Size, g.ListLength
	if held {
		u := rng.Float64()
		o.rank1 = u >= galleryMiss(g, n, 1)
		o.top10 = u >= galleryMiss(g, n, min(10, l))
		o.listed = u >= galleryMiss(g, n, l)
	}
	slots := l
	if o.listed {
		slots--
	}
	wrong := poisson(falseCandidates(g, n), slots, rng)
	e := rng.Float64()
	switch {
	case o.listed && e >= g.ReviewerError:
		o.identified = true
	case o.listed:
		o.falseLead = wrong > 0 && e < g.ReviewerError*g.WrongPickShare
	default:
		o.falseLead = wrong > 0 && e < g.ReviewerError
	}
	return o
}

// expectedSearch returns the chances per search, before any draw, that the
// right person is ranked first, is in the first ten, is picked by the
// investigator, and that the search ends in a false lead, when a share
// held of the searched suspects are in the gallery: the arithmetic the
// draws of searchGallery follow.
func expectedSearch(g *policy.ScrapedGallery, held float64) (rank1, top10, identified, falseLead float64) {
	n, l := g.Size, g.ListLength
	listed := held * (1 - galleryMiss(g, n, l))
	someWrong := 1 - detmath.Exp(-falseCandidates(g, n))
	wrongBeside := someWrong
	if l < 2 {
		wrongBeside = 0
	}
	e := g.ReviewerError
	rank1 = held * (1 - galleryMiss(g, n, 1))
	top10 = held * (1 - galleryMiss(g, n, min(10, l)))
	identified = listed * (1 - e)
	falseLead = listed*e*g.WrongPickShare*wrongBeside + (1-listed)*e*someWrong
	return rank1, top10, identified, falseLead
}

// gallerySearches runs a scraped-gallery regime's searches over the days:
// stills of wanted people in its categories whom a camera recorded with an
// uncovered face, drawn with replacement. It returns nil for a regime
// without a gallery.
func (e *Engine) gallerySearches(w *world) *metrics.GalleryResult {
	g := w.rules.Regime.Gallery
	if g == nil {
		return nil
	}
	c := e.city
	days := cmp.Or(g.SearchDays, max(e.days, int(math.Ceil(e.cfg.Hours/24))))
	res := &metrics.GalleryResult{Size: g.Size, Days: days, Authorised: g.Authorised, CollectionBasis: g.CollectionBasis,
		Rank1Miss: galleryMiss(g, g.Size, 1), Top10Miss: galleryMiss(g, g.Size, min(10, g.ListLength)),
		FalseCandidates: math.Min(falseCandidates(g, g.Size), float64(g.ListLength)), RegulatorOrder: g.Erasure.RegulatorOrder}
	by := make([]metrics.GalleryGroup, len(e.groups))
	for k, name := range e.groups {
		by[k].Group = name
	}
	held := e.heldResidents(g)
	heldByGroup := make([][]int, len(e.groups))
	for i, cz := range c.Citizens {
		by[cz.Group].Population++
		if held[i] {
			by[cz.Group].ResidentsHeld++
			heldByGroup[cz.Group] = append(heldByGroup[cz.Group], i)
			res.ResidentsHeld++
		}
	}
	res.ErasureRequested, res.ErasureHonoured = e.erasures(g, held)
	if g.CollectionBasis == "" {
		res.HeldWithoutBasis = res.ResidentsHeld - res.ErasureHonoured
	}

	cats, _ := categorySet(g.Categories)
	var pool []int
	for i, cz := range c.Citizens {
		if cats[cz.Wanted] && w.stills[i] {
			pool = append(pool, i)
		}
	}
	res.SuspectsWithStill = len(pool)
	if len(pool) > 0 {
		heldShare := 0.0
		for _, s := range pool {
			heldShare += float64(b2i(held[s]))
		}
		res.HeldShareOfSuspects = heldShare / float64(len(pool))
		res.ExpectedRank1, res.ExpectedTop10, res.ExpectedIdentified, res.ExpectedFalseLeads = expectedSearch(g, res.HeldShareOfSuspects)
	}
	investigated := map[int]bool{}
	rng := city.Stream(e.cfg.Seed, "gallery/"+w.rules.Regime.Name)
	var inGallery, rank1, top10, identified int
	if len(pool) > 0 {
		res.Searches = int(math.Round(g.SearchesPerDay * float64(days)))
	}
	for range res.Searches {
		s := pool[rng.IntN(len(pool))]
		grp := &by[c.Citizens[s].Group]
		o := searchGallery(g, held[s], rng)
		grp.Searches++
		inGallery += b2i(o.held)
		rank1, grp.Rank1 = rank1+b2i(o.rank1), grp.Rank1+b2i(o.rank1)
		top10, grp.Top10 = top10+b2i(o.top10), grp.Top10+b2i(o.top10)
		identified, grp.Identified = identified+b2i(o.identified), grp.Identified+b2i(o.identified)
		if !o.falseLead {
			continue
		}
		grp.FalseLeads++
		res.FalseLeads++
		if rng.Float64() < g.LocalLeadShare {
			if v, ok := lookAlike(heldByGroup[c.Citizens[s].Group], s, rng); ok && !investigated[v] {
				investigated[v] = true
				by[c.Citizens[v].Group].InnocentResidents++
			}
		}
	}
	res.InnocentResidents = len(investigated)
	res.InGallery = metrics.NewRate(inGallery, res.Searches)
	res.Rank1 = metrics.NewRate(rank1, res.Searches)
	res.Top10 = metrics.NewRate(top10, res.Searches)
	res.Identified = metrics.NewRate(identified, res.Searches)
	if res.Searches > 0 {
		res.FalseLeadsPerSearch = float64(res.FalseLeads) / float64(res.Searches)
	}
	res.ByGroup = by
	return res
}

// lookAlike draws the resident a false lead falls on: a held resident of
// the suspect's own group other than the suspect (look-alikes a search
// ranks high tend to share the probe's demographics: an assumption).
func lookAlike(held []int, suspect int, rng *rand.Rand) (int, bool) {
	if len(held) == 0 || (len(held) == 1 && held[0] == suspect) {
		return 0, false
	}
	for {
		if v := held[rng.IntN(len(held))]; v != suspect {
			return v, true
		}
	}
}

// heldResidents draws, once per resident and the same in every regime with
// the same shares, whether the gallery holds their face.
func (e *Engine) heldResidents(g *policy.ScrapedGallery) []bool {
	held := make([]bool, len(e.city.Citizens))
	for i, cz := range e.city.Citizens {
		held[i] = uniform(e.cfg.Seed, 0x6a11e7, uint64(i)) < g.ShareAt(int(cz.Age))
	}
	return held
}

// erasures draws the residents held who ask to be erased, when a
// regulator's order gives them the right to, and those the owner erases.
func (e *Engine) erasures(g *policy.ScrapedGallery, held []bool) (requested, honoured int) {
	if !g.Erasure.RegulatorOrder {
		return 0, 0
	}
	for i, h := range held {
		if !h || uniform(e.cfg.Seed, 0xe7a5e, uint64(i)) >= g.Erasure.RequestShare {
			continue
		}
		requested++
		if uniform(e.cfg.Seed, 0x40b0e, uint64(i)) < g.Erasure.HonouredShare {
			honoured++
		}
	}
	return requested, honoured
}

// dataFlow counts the face records a regime holds where its data section
// says they are held; nil when the regime has none.
func dataFlow(r *policy.Regime, res *metrics.RegimeResult) *metrics.DataFlow {
	d := r.Data
	if d == nil {
		return nil
	}
	out := &metrics.DataFlow{Operator: d.Operator, Supplier: d.Supplier, Hosting: cmp.Or(d.Hosting, policy.HostPolice),
		Country: d.HostingCountry, LegalBasis: d.LegalBasis, TransferBasis: d.TransferBasis}
	footage := metrics.DataRecords{Kind: metrics.RecordsCamera, Hosting: out.Hosting, Country: out.Country, Count: res.Metrics.RecordsRetained}
	if d.FootageHosting != "" {
		footage.Hosting, footage.Country = d.FootageHosting, d.FootageCountry
	}
	out.Records = append(out.Records, footage)
	if gl := res.Gallery; gl != nil {
		out.Records = append(out.Records,
			metrics.DataRecords{Kind: metrics.RecordsScraped, Hosting: out.Hosting, Country: out.Country, Count: gl.ResidentsHeld - gl.ErasureHonoured},
			metrics.DataRecords{Kind: metrics.RecordsStills, Hosting: out.Hosting, Country: out.Country, Count: gl.Searches})
	}
	return out
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// categorySet reads wanted-category names (validated when the scenario is
// loaded).
func categorySet(names []string) (map[city.WantedCategory]bool, bool) {
	m := map[city.WantedCategory]bool{}
	for _, n := range names {
		c, ok := city.WantedCategoryNames[n]
		if !ok {
			return m, false
		}
		m[c] = true
	}
	return m, true
}
