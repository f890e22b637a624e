package report

import (
	"strings"
	"testing"

	"vigie/metrics"
	"vigie/viz/i18n"
)

// galleryRegime is a scraped-gallery regime with the given searches, hits,
// picks, false leads, innocent residents and residents held.
func galleryRegime(name string, searches, rank1, picked, leads, innocent, held int, basis bool) metrics.RegimeResult {
	r := regime(name, []string{"a", "b", "c"}, 0, 0, 0, 0, 0)
	r.Live = false
	g := &metrics.GalleryResult{Searches: searches, Rank1: metrics.NewRate(rank1, searches), Identified: metrics.NewRate(picked, searches),
		FalseLeads: leads, InnocentResidents: innocent, ResidentsHeld: held}
	if searches > 0 {
		// The expected chances here are the drawn shares, and the held
		// share of suspects a little above the rank-1 share.
		g.SuspectsWithStill, g.HeldShareOfSuspects = 10, float64(rank1)/float64(searches)+0.01
		g.FalseLeadsPerSearch = float64(leads) / float64(searches)
		g.ExpectedRank1, g.ExpectedIdentified, g.ExpectedFalseLeads = g.Rank1.Value, g.Identified.Value, g.FalseLeadsPerSearch
	}
	if !basis {
		g.HeldWithoutBasis = held
	}
	r.Gallery = g
	return r
}

// TestGalleryCaptions feeds the scraped-gallery caption its degenerate
// cases, in English and French: no search, nothing held, one regime, a
// tie, and two regimes that differ.
func TestGalleryCaptions(t *testing.T) {
	tests := []struct {
		name string
		rs   []metrics.RegimeResult
		want []string
		not  []string
		fr   []string
	}{
		{"no search and no one held", []metrics.RegimeResult{galleryRegime("idle", 0, 0, 0, 0, 0, 0, false)},
			[]string{"Under “idle”, no search was made: no wanted person in its categories passed a camera", "It holds no resident's face."}, []string{"0%", "fewest", "most"},
			[]string{"aucune recherche n'a été faite", "Elle ne détient le visage d'aucun résident."}},
		{"one regime", []metrics.RegimeResult{regime("none", []string{"a"}, 0, 0, 0, 0, 0), galleryRegime("scrape", 200, 150, 80, 60, 1, 1400, false)},
			[]string{"a search ranks the right person first 75% of the time (the gallery holds 76% of the suspects)", "picks the right person 40% of the time",
				"30% of searches end in a false lead. Over 200 searches, 1 innocent resident was investigated.", "1,400 residents (70% of the population) without consent or legal basis"},
			[]string{"fewest", "most"},
			[]string{"dans 75 % des cas", "Sur 200 recherches, 1 résident innocent a été visé", "1 400 résidents (70 % de la population)"}},
		{"a tie", []metrics.RegimeResult{galleryRegime("left", 100, 50, 40, 20, 0, 500, true), galleryRegime("right", 100, 60, 30, 20, 2, 500, true)},
			[]string{"no innocent resident was investigated", "“left” and “right” gave the same number of false leads per search (0.20)", "It holds the faces of 500 residents (25% of the population)."},
			[]string{"fewest", "without consent"},
			[]string{"« left » et « right » ont donné le même nombre", "aucun résident innocent n'a été visé"}},
		{"suspects recorded but no search", []metrics.RegimeResult{func() metrics.RegimeResult {
			r := galleryRegime("paused", 0, 0, 0, 0, 0, 10, false)
			r.Gallery.SuspectsWithStill = 4
			return r
		}()}, []string{"Under “paused”, no search was made.", "It holds the faces of 10 residents (1% of the population) without consent"}, []string{"passed a camera"},
			[]string{"Sous le régime « paused », aucune recherche n'a été faite."}},
		{"two that differ, one idle", []metrics.RegimeResult{galleryRegime("wide", 100, 50, 40, 30, 25, 500, false),
			galleryRegime("narrow", 10, 6, 5, 1, 1, 500, false), galleryRegime("idle", 0, 0, 0, 0, 0, 500, false)},
			[]string{"Most false leads per search: “wide” (0.30); fewest: “narrow” (0.10)."}, []string{"“idle” (0"},
			[]string{"Le plus de fausses pistes par recherche : « wide » (0,30) ; le moins : « narrow » (0,10)."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := degenerate(tt.rs...)
			res.Scenario.Population = 2000
			en := english.galleryCaption(res)
			checkSense(t, "gallery", en)
			for _, p := range tt.want {
				if !strings.Contains(en, p) {
					t.Errorf("%q lacks %q", en, p)
				}
			}
			for _, p := range tt.not {
				if strings.Contains(en, p) {
					t.Errorf("%q holds %q", en, p)
				}
			}
			fr := tongue{i18n.MustNew("fr")}.galleryCaption(res)
			checkFrench(t, "gallery", fr)
			for _, p := range tt.fr {
				if !strings.Contains(plainSpaces(fr), p) {
					t.Errorf("fr %q lacks %q", fr, p)
				}
			}
			found := false
			for _, f := range Figures(res, Options{}) {
				found = found || f.ID == "gallery" && f.Caption == en
			}
			if !found {
				t.Errorf("the report has no gallery figure with this caption")
			}
		})
	}
}
