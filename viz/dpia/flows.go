package dpia

import (
	"vigie/metrics"
	"vigie/viz/i18n"
)

// flowView is one regime's data section: who runs and supplies it, where
// its face records are held, and on what basis.
type flowView struct {
	Name, Operator, Supplier, Hosting, Country, Records, Basis string
}

// galleryView is a scraped-gallery regime's searches and what holding the
// gallery costs residents.
type galleryView struct {
	Name, Searches, Rank1, Top10, Identified, LeadsPerSearch, Innocent, Held string
	Groups                                                                   []galleryGroupView
}

// galleryGroupView is one group's share of a gallery's searches and costs.
type galleryGroupView struct {
	Name, Population, Held, Searches, FalseLeads, Innocent string
}

// flowsView fills the section on where face data go: the data table, the
// transfers abroad with the basis each needs, the scraped galleries, and
// the flags for processing that has no legal basis.
func flowsView(v *pageView, r metrics.Results, p *i18n.Printer, o Options) {
	n := func(x int) string { return p.Count(x) }
	for _, rg := range r.Regimes {
		name := esc(rg.Name)
		if d := rg.Data; d != nil {
			total, away := 0, 0
			for _, rec := range d.Records {
				total += rec.Count
				if abroad(rec.Country, o.Jurisdiction) {
					away += rec.Count
				}
			}
			fv := flowView{Name: name, Operator: esc(d.Operator), Supplier: esc(d.Supplier), Hosting: hostingLabel(p, d.Hosting),
				Country: p.T("dpia.flows.domestic"), Records: n(total), Basis: esc(d.LegalBasis)}
			if d.Country != "" {
				fv.Country = esc(d.Country)
			}
			if d.LegalBasis == "" {
				fv.Basis = p.T("dpia.flows.none_given")
				v.Flags = append(v.Flags, p.T("dpia.flows.flag_processing", name))
			}
			v.Flows = append(v.Flows, fv)
			if away > 0 {
				v.Transfers = append(v.Transfers, transferSentence(p, name, n(away), esc(d.Country), d.TransferBasis))
			}
		}
		if g := rg.Gallery; g != nil {
			gv := galleryView{Name: name, Searches: n(g.Searches),
				Rank1: p.Percent(g.ExpectedRank1, 1), Top10: p.Percent(g.ExpectedTop10, 1), Identified: p.Percent(g.ExpectedIdentified, 1),
				LeadsPerSearch: p.Decimal(g.ExpectedFalseLeads, 2), Innocent: n(g.InnocentResidents), Held: n(g.ResidentsHeld - g.ErasureHonoured)}
			for _, b := range g.ByGroup {
				gv.Groups = append(gv.Groups, galleryGroupView{Name: esc(b.Group), Population: n(b.Population), Held: n(b.ResidentsHeld),
					Searches: n(b.Searches), FalseLeads: n(b.FalseLeads), Innocent: n(b.InnocentResidents)})
			}
			v.Galleries = append(v.Galleries, gv)
			v.GalleryNotes = append(v.GalleryNotes, galleryNotes(p, name, g, r.Scenario.Population)...)
		}
	}
}

// galleryNotes are a gallery's computed sentences: the flag for faces held
// without a basis, searches without authorisation, and erasure.
func galleryNotes(p *i18n.Printer, name string, g *metrics.GalleryResult, population int) []string {
	var out []string
	if g.HeldWithoutBasis > 0 {
		share := float64(g.HeldWithoutBasis) / float64(max(1, population))
		out = append(out, p.T("dpia.gallery.flag_collection", name, p.Count(g.HeldWithoutBasis), p.Percent(share, 1)))
	}
	if !g.Authorised {
		out = append(out, p.T("dpia.gallery.flag_unauthorised", name))
	}
	switch {
	case !g.RegulatorOrder:
		out = append(out, p.T("dpia.gallery.erasure_no_order", name))
	case g.ErasureRequested == 0:
		out = append(out, p.T("dpia.gallery.erasure_none_asked", name))
	default:
		out = append(out, p.T("dpia.gallery.erasure", name, p.Count(g.ErasureRequested), p.Count(g.ErasureHonoured)))
	}
	return out
}

// transferSentence says where a regime sends its face records abroad and
// what the transfer needs; with no basis given it is a flag.
func transferSentence(p *i18n.Printer, name, records, country, basis string) string {
	s := p.T("dpia.flows.transfer", name, records, country)
	if basis == "" {
		return s + " " + p.T("dpia.flows.transfer_no_basis")
	}
	return s + " " + p.T("dpia.flows.transfer_basis", esc(basis))
}

// eea lists the countries of the European Economic Area, within which the
// GDPR sees no transfer abroad.
var eea = map[string]bool{"at": true, "be": true, "bg": true, "hr": true, "cy": true, "cz": true, "dk": true, "ee": true, "fi": true,
	"fr": true, "de": true, "gr": true, "hu": true, "ie": true, "it": true, "lv": true, "lt": true, "lu": true, "mt": true, "nl": true,
	"pl": true, "pt": true, "ro": true, "sk": true, "si": true, "es": true, "se": true, "is": true, "li": true, "no": true}

// abroad says whether data held in a country leave the jurisdiction: for
// Morocco any other country, for the EU one outside the EEA.
func abroad(country, jurisdiction string) bool {
	if country == "" {
		return false
	}
	if jurisdiction == "ma" {
		return country != "ma"
	}
	return !eea[country]
}

func hostingLabel(p *i18n.Printer, h string) string {
	switch h {
	case "city":
		return p.T("dpia.flows.host_city")
	case "national-provider":
		return p.T("dpia.flows.host_national")
	case "foreign-cloud":
		return p.T("dpia.flows.host_foreign")
	}
	return p.T("dpia.flows.host_police")
}
