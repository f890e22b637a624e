package output

import (
	"encoding/csv"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"

	"vigie/internal/csvcell"

	"vigie/internal/atomicfile"
	"vigie/metrics"
)

// Files written when the recognizer ran the real pipeline and reported
// what it measured (results.json's "recognizer").
const (
	FitsCSV       = "fits.csv"
	GroupRatesCSV = "group_rates.csv"
)

// writeRecognizer writes fits.csv and group_rates.csv into dir when the
// results carry a recognizer report, and otherwise removes any left by an
// earlier run into the same folder, so that every file there describes the
// same run.
func writeRecognizer(dir string, rep *metrics.RecognizerReport) error {
	files := []struct {
		name  string
		write func(io.Writer, *metrics.RecognizerReport) error
	}{{FitsCSV, WriteFitsCSV}, {GroupRatesCSV, WriteGroupRatesCSV}}
	for _, f := range files {
		if err := writeOrRemove(filepath.Join(dir, f.name), rep != nil, func(w io.Writer) error { return f.write(w, rep) }); err != nil {
			return err
		}
	}
	return nil
}

// writeOrRemove writes a table that this run has, and removes one that an
// earlier run into the same folder left and this run has not, so the
// folder's files are always one run's set.
func writeOrRemove(path string, keep bool, write func(io.Writer) error) error {
	if !keep {
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	}
	return atomicfile.WriteFunc(path, write)
}

// num formats a float for the CSV files; NaN and infinities read as NA, as
// pandas and R expect.
func num(v float64) string {
	if v != v || v > 1e308 || v < -1e308 {
		return "NA"
	}
	return strconv.FormatFloat(v, 'g', 8, 64)
}

// paramNames lists every parameter name the fits use, sorted, so that each
// becomes one column whatever the family.
func paramNames(fits []metrics.ScoreFit) []string {
	seen := map[string]bool{}
	for _, f := range fits {
		for _, d := range []metrics.DistFit{f.Genuine, f.Impostor} {
			for k := range d.Params {
				seen[k] = true
			}
		}
	}
	names := make([]string, 0, len(seen))
	for k := range seen {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// WriteFitsCSV writes one row per group, condition bin and distribution
// (genuine or impostor): the fitted family, the sample's size and moments,
// the Kolmogorov-Smirnov D and p-value, the share of captures detected in
// the cell, and one param_<name> column per parameter any family uses (NA
// where a family has no such parameter).
func WriteFitsCSV(w io.Writer, rep *metrics.RecognizerReport) error {
	params := paramNames(rep.Fits)
	cw := csv.NewWriter(w)
	header := []string{"recognizer", "face_source", "group", "bin", "distribution", "family", "n", "mean", "sd", "ks_d", "ks_p",
		"detected", "captures", "detected_share", "detected_ci_low", "detected_ci_high"}
	for _, p := range params {
		header = append(header, "param_"+p)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, f := range rep.Fits {
		for _, d := range []struct {
			name string
			fit  metrics.DistFit
		}{{"genuine", f.Genuine}, {"impostor", f.Impostor}} {
			fam := d.fit.Family
			if fam == "" {
				fam = "NA"
			}
			rec := []string{csvcell.Text(rep.Mode), csvcell.Text(rep.FaceSource), csvcell.Text(f.Group), csvcell.Text(f.Bin), d.name, fam, strconv.Itoa(d.fit.N),
				num(d.fit.Mean), num(d.fit.SD), num(d.fit.KS), num(d.fit.KSP),
				strconv.Itoa(f.Detected.Events), strconv.Itoa(f.Detected.Trials), num(f.Detected.Value),
				num(f.Detected.CI[0]), num(f.Detected.CI[1])}
			for _, p := range params {
				v, ok := d.fit.Params[p]
				if !ok {
					rec = append(rec, "NA")
					continue
				}
				rec = append(rec, num(v))
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteGroupRatesCSV writes one row per regime and group: the threshold on
// the recognizer's scale, the false match rate the pipeline measured with
// its counts and 95% interval, the fit's identification rates, and what
// the published-rates model gives for the same group.
func WriteGroupRatesCSV(w io.Writer, rep *metrics.RecognizerReport) error {
	cw := csv.NewWriter(w)
	header := []string{"recognizer", "face_source", "regime", "group", "scale", "threshold",
		"false_matches", "impostor_pairs", "fmr", "fmr_ci_low", "fmr_ci_high", "fpir", "fnir",
		"published_fmr", "published_fpir"}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, g := range rep.Groups {
		rec := []string{csvcell.Text(rep.Mode), csvcell.Text(rep.FaceSource), csvcell.Text(g.Regime), csvcell.Text(g.Group), rep.Scale, num(g.Threshold),
			strconv.Itoa(g.FMR.Events), strconv.Itoa(g.FMR.Trials), num(g.FMR.Value), num(g.FMR.CI[0]), num(g.FMR.CI[1]),
			num(g.FPIR), num(g.FNIR), num(g.PublishedFMR), num(g.PublishedFPIR)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
