package dpia

import (
	"strings"
	"testing"

	"vigie/metrics"
)

// withFlows adds a scraped-gallery regime to the sample: its footage kept
// by the police at home, its gallery and stills hosted in a country, with
// or without legal bases. Only the records abroad count as transferred.
func withFlows(country, basis, transfer string) metrics.Results {
	r := sample()
	r.Regimes = append(r.Regimes, metrics.RegimeResult{Name: "scrape",
		Gallery: &metrics.GalleryResult{Searches: 365, Rank1: metrics.NewRate(280, 365), Identified: metrics.NewRate(140, 365),
			FalseLeads: 110, FalseLeadsPerSearch: 110.0 / 365, InnocentResidents: 100, ResidentsHeld: 13000, HeldWithoutBasis: 13000,
			RegulatorOrder: true, ErasureRequested: 130,
			SuspectsWithStill: 40, HeldShareOfSuspects: 0.8, ExpectedRank1: 0.767, ExpectedTop10: 0.77, ExpectedIdentified: 0.38, ExpectedFalseLeads: 0.31,
			ByGroup: []metrics.GalleryGroup{{Group: "a", Population: 20000, ResidentsHeld: 13000, Searches: 365, FalseLeads: 110, InnocentResidents: 100}}},
		Data: &metrics.DataFlow{Operator: "police", Supplier: "Vendor", Hosting: "foreign-cloud", Country: country, LegalBasis: basis,
			TransferBasis: transfer, Records: []metrics.DataRecords{{Kind: metrics.RecordsCamera, Hosting: "police", Count: 500},
				{Kind: metrics.RecordsScraped, Hosting: "foreign-cloud", Country: country, Count: 13000},
				{Kind: metrics.RecordsStills, Hosting: "foreign-cloud", Country: country, Count: 365}}}})
	return r
}

// The draft lists each transfer abroad with the basis it needs and flags
// processing that has no legal basis, in each language and jurisdiction.
func TestDraftFlagsMissingBasisAndTransfers(t *testing.T) {
	tests := []struct {
		name, lang, jurisdiction string
		res                      metrics.Results
		want, not                []string
	}{
		{"clearview in the EU", "en", "", withFlows("us", "", ""),
			[]string{"| scrape | police | Vendor | a foreign vendor's cloud | us | 13,865 | **none given** |",
				"holds 13,365 face records in a country outside the jurisdiction (us): a transfer abroad. **Flag: no basis is given for this transfer.**",
				"chapter V of the GDPR", "**Flag: no legal basis is given for the processing under “scrape”.**",
				"the faces of 13,000 residents (65.0% of the population) are held without consent or legal basis",
				"searches need no prior authorisation", "130 asked, 0 were erased", "| scrape | 365 | 76.7% | 77.0% | 38.0% | 0.31 | 100 | 13,000 |", "| a | 20,000 | 13,000 | 365 | 110 | 100 |"},
			[]string{"09-08", "No regime holds face records outside"}},
		{"in Morocco, in French", "fr", "ma", withFlows("us", "", "clauses types"),
			[]string{"un transfert à l'étranger. Base indiquée pour le transfert\u00a0: clauses types.", "n°\u00a009-08 (articles 43 et 44)",
				"**Alerte\u00a0: aucune base légale n'est indiquée", "13\u202f000 résidents"},
			[]string{"Flag", "none given"}},
		{"held at home with a basis", "en", "ma", withFlows("ma", "a law", ""),
			[]string{"No regime holds face records outside the jurisdiction.", "| a law |"},
			[]string{"a transfer abroad", "no legal basis is given for the processing"}},
		{"inside the EEA", "en", "eu", withFlows("fr", "a law", ""), []string{"No regime holds face records outside"}, []string{"a transfer abroad"}},
		{"no data section", "en", "", sample(), nil, []string{"Where the face data go", "Scraped face gallery"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			md, err := Markdown(tt.res, Options{Lang: tt.lang, Jurisdiction: tt.jurisdiction})
			if err != nil {
				t.Fatal(err)
			}
			text := string(md)
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("the draft lacks %q", w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(text, w) {
					t.Errorf("the draft holds %q", w)
				}
			}
		})
	}
}
