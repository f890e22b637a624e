package sim_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"vigie/metrics"
	"vigie/scenarios"
)

// galleryScenario is a small city whose police search a scraped gallery,
// beside the same gallery searched for a category nobody is wanted for.
const galleryScenario = `name: gallery-small
seed: 11
population: {size: 2000, wanted: {serious: 0.01, minor: 0.02, missing: 0}}
regimes:
  - none
  - name: scrape
    recording: true
    watchlist: {categories: [], size: 0}
    scraped_gallery: {searches_per_day: 50, search_days: 10, erasure: {regulator_order: true, request_share: 0.5, honoured_share: 0.5}}
    data: {operator: police, supplier: Vendor, hosting: foreign-cloud, hosting_country: us, footage_hosting: police}
  - name: nobody
    recording: true
    watchlist: {categories: [], size: 0}
    scraped_gallery: {searches_per_day: 50, categories: [missing], collection_basis: a law}
`

// A gallery run's figures hold together: groups add up to the whole, shares
// are of the searches, residents held without basis are all of them unless
// a basis is named, erasures honoured are among those asked, and a gallery
// searched for a category nobody is in makes no search. The same seed gives
// the same bytes whatever the workers.
func TestGalleryRunHoldsTogether(t *testing.T) {
	sc, err := scenarios.LoadBytes("gallery-small.yaml", []byte(galleryScenario))
	if err != nil {
		t.Fatal(err)
	}
	cfg := sc.Config()
	a, _ := runBytes(t, cfg, 1, 1)
	b, _ := runBytes(t, cfg, 2, 3)
	if !bytes.Equal(a, b) {
		t.Fatal("a gallery run differs with the worker count")
	}
	var res metrics.Results
	if err := json.Unmarshal(a, &res); err != nil {
		t.Fatal(err)
	}
	by := map[string]metrics.RegimeResult{}
	for _, r := range res.Regimes {
		by[r.Name] = r
	}
	if by["none"].Gallery != nil || by["none"].Data != nil {
		t.Error("a regime without a gallery or data section reports one")
	}
	g := by["scrape"].Gallery
	if g == nil || g.Searches != 500 || g.SuspectsWithStill == 0 {
		t.Fatalf("scrape: %+v; want 500 searches of recorded suspects", g)
	}
	var held, searches, leads, innocent int
	for _, grp := range g.ByGroup {
		held, searches, leads, innocent = held+grp.ResidentsHeld, searches+grp.Searches, leads+grp.FalseLeads, innocent+grp.InnocentResidents
	}
	if held != g.ResidentsHeld || searches != g.Searches || leads != g.FalseLeads || innocent != g.InnocentResidents {
		t.Errorf("groups add up to held %d, searches %d, leads %d, innocent %d; the whole says %d, %d, %d, %d",
			held, searches, leads, innocent, g.ResidentsHeld, g.Searches, g.FalseLeads, g.InnocentResidents)
	}
	if g.ResidentsHeld == 0 || g.ResidentsHeld == res.Scenario.Population || g.HeldWithoutBasis != g.ResidentsHeld-g.ErasureHonoured {
		t.Errorf("held %d of %d, without basis %d", g.ResidentsHeld, res.Scenario.Population, g.HeldWithoutBasis)
	}
	if g.ErasureRequested == 0 || g.ErasureHonoured == 0 || g.ErasureHonoured >= g.ErasureRequested {
		t.Errorf("erasure asked %d, honoured %d; want some of half the held asking and about half honoured", g.ErasureRequested, g.ErasureHonoured)
	}
	if g.Rank1.Events > g.InGallery.Events || g.Identified.Events > g.Top10.Events+g.Searches-g.InGallery.Events || g.FalseLeads == 0 {
		t.Errorf("inconsistent shares: %+v", g)
	}
	d := by["scrape"].Data
	if d == nil || len(d.Records) != 3 || d.Records[0].Hosting != "police" || d.Records[1].Country != "us" ||
		d.Records[1].Count != g.ResidentsHeld-g.ErasureHonoured || d.Records[2].Count != g.Searches {
		t.Errorf("data flow: %+v", d)
	}
	n := by["nobody"].Gallery
	if n.Searches != 0 || n.FalseLeads != 0 || n.HeldWithoutBasis != 0 || n.ResidentsHeld != g.ResidentsHeld || n.ErasureRequested != 0 {
		t.Errorf("nobody: %+v; want no search, the same residents held, on a basis, no erasure order", n)
	}
}
