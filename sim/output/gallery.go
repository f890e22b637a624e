package output

import (
	"encoding/csv"
	"io"
	"path/filepath"
	"strconv"

	"vigie/internal/csvcell"
	"vigie/metrics"
)

// Files written when a regime searches a scraped gallery or says where its
// face data go.
const (
	GalleryCSV   = "gallery.csv"
	DataFlowsCSV = "data_flows.csv"
)

// writeGalleries writes gallery.csv and data_flows.csv into dir when some
// regime carries those sections, and otherwise removes any left by an
// earlier run, so that every file there describes the same run.
func writeGalleries(dir string, res metrics.Results) error {
	var gallery, flows bool
	for _, r := range res.Regimes {
		gallery = gallery || r.Gallery != nil
		flows = flows || r.Data != nil
	}
	files := []struct {
		name  string
		keep  bool
		write func(io.Writer, metrics.Results) error
	}{{GalleryCSV, gallery, WriteGalleryCSV}, {DataFlowsCSV, flows, WriteDataFlowsCSV}}
	for _, f := range files {
		if err := writeOrRemove(filepath.Join(dir, f.name), f.keep, func(w io.Writer) error { return f.write(w, res) }); err != nil {
			return err
		}
	}
	return nil
}

// WriteGalleryCSV writes one row per scraped-gallery regime and group, then
// the regime's row for all groups (group "all"), tidy: one observation a
// row, one variable a column.
func WriteGalleryCSV(w io.Writer, res metrics.Results) error {
	cw := csv.NewWriter(w)
	header := []string{"regime", "group", "gallery_size", "days", "authorised", "population", "residents_held",
		"residents_held_without_legal_basis", "searches", "found_rank1", "found_top10", "identified_by_reviewer", "false_leads",
		"innocent_residents_investigated", "erasure_requested", "erasure_honoured"}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range res.Regimes {
		g := r.Gallery
		if g == nil {
			continue
		}
		head := []string{csvcell.Text(r.Name)}
		tail := []string{num(g.Size), strconv.Itoa(g.Days), strconv.FormatBool(g.Authorised)}
		for _, b := range g.ByGroup {
			without := 0
			if g.HeldWithoutBasis > 0 {
				without = b.ResidentsHeld
			}
			rec := append(append(append(head[:1:1], csvcell.Text(b.Group)), tail...), itoa(b.Population, b.ResidentsHeld, without,
				b.Searches, b.Rank1, b.Top10, b.Identified, b.FalseLeads, b.InnocentResidents)...)
			if err := cw.Write(append(rec, "NA", "NA")); err != nil {
				return err
			}
		}
		rec := append(append(append(head[:1:1], "all"), tail...), itoa(res.Scenario.Population, g.ResidentsHeld, g.HeldWithoutBasis,
			g.Searches, g.Rank1.Events, g.Top10.Events, g.Identified.Events, g.FalseLeads, g.InnocentResidents, g.ErasureRequested, g.ErasureHonoured)...)
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteDataFlowsCSV writes one row per regime and kind of face record held:
// who operates and supplies the system, on what basis, where the records
// are (hosting_country empty: the jurisdiction's own) and how many.
func WriteDataFlowsCSV(w io.Writer, res metrics.Results) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"regime", "operator", "supplier", "legal_basis", "transfer_basis", "kind", "hosting", "hosting_country", "count"}); err != nil {
		return err
	}
	for _, r := range res.Regimes {
		d := r.Data
		if d == nil {
			continue
		}
		for _, rec := range d.Records {
			row := []string{csvcell.Text(r.Name), csvcell.Text(d.Operator), csvcell.Text(d.Supplier), csvcell.Text(d.LegalBasis),
				csvcell.Text(d.TransferBasis), rec.Kind, rec.Hosting, csvcell.Text(rec.Country), strconv.Itoa(rec.Count)}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func itoa(vs ...int) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = strconv.Itoa(v)
	}
	return out
}

// sweepGalleryColumns are sweep.csv's columns for a scraped-gallery regime,
// after the metric columns; NA for a regime without a gallery. They let a
// sweep over the gallery's assumptions be read like any other.
var sweepGalleryColumns = []string{"gallery_searches", "gallery_expected_found_rank1", "gallery_expected_identified_by_reviewer",
	"gallery_expected_false_leads_per_search", "gallery_false_leads", "gallery_innocent_residents_investigated",
	"gallery_residents_held_without_legal_basis"}

func galleryCells(g *metrics.GalleryResult) []string {
	if g == nil {
		out := make([]string, len(sweepGalleryColumns))
		for i := range out {
			out[i] = "NA"
		}
		return out
	}
	return []string{strconv.Itoa(g.Searches), num(g.ExpectedRank1), num(g.ExpectedIdentified), num(g.ExpectedFalseLeads),
		strconv.Itoa(g.FalseLeads), strconv.Itoa(g.InnocentResidents), strconv.Itoa(g.HeldWithoutBasis)}
}

// galleryParquetColumns match sweepGalleryColumns, null for a regime
// without a gallery.
var galleryParquetColumns = []parquetColumn{
	galleryInt("gallery_searches", func(g *metrics.GalleryResult) int { return g.Searches }),
	galleryFloat("gallery_expected_found_rank1", func(g *metrics.GalleryResult) float64 { return g.ExpectedRank1 }),
	galleryFloat("gallery_expected_identified_by_reviewer", func(g *metrics.GalleryResult) float64 { return g.ExpectedIdentified }),
	galleryFloat("gallery_expected_false_leads_per_search", func(g *metrics.GalleryResult) float64 { return g.ExpectedFalseLeads }),
	galleryInt("gallery_false_leads", func(g *metrics.GalleryResult) int { return g.FalseLeads }),
	galleryInt("gallery_innocent_residents_investigated", func(g *metrics.GalleryResult) int { return g.InnocentResidents }),
	galleryInt("gallery_residents_held_without_legal_basis", func(g *metrics.GalleryResult) int { return g.HeldWithoutBasis }),
}

func galleryInt(name string, f func(g *metrics.GalleryResult) int) parquetColumn {
	return parquetColumn{name, tOptInt, func(c cell) any {
		if c.regime.Gallery == nil {
			return (*int64)(nil)
		}
		v := int64(f(c.regime.Gallery))
		return &v
	}}
}

func galleryFloat(name string, f func(g *metrics.GalleryResult) float64) parquetColumn {
	return parquetColumn{name, tOpt, func(c cell) any {
		if c.regime.Gallery == nil {
			return (*float64)(nil)
		}
		v := f(c.regime.Gallery)
		return &v
	}}
}
