package scenarios

import (
	"fmt"
	"strings"

	"vigie/policy"
	"vigie/sim/recognizer"
)

// fieldError is a value out of range, by path.
type fieldError struct {
	path string
	msg  string
}

type checker struct{ errs []fieldError }

func (c *checker) add(path, format string, args ...any) {
	c.errs = append(c.errs, fieldError{path, fmt.Sprintf(format, args...)})
}

// thresholdRanges are the score scales of the recognizers: published rates
// are similarity scores from 0 to 1; the dlib descriptor's distances, used
// by the recognizers that run the real pipeline, run from 0 to 2 (unit
// vectors). A regime's threshold is always a similarity; its group
// thresholds are on the recognizer's scale.
var thresholdRanges = map[recognizer.ScoreScale][2]float64{
	recognizer.Similarity: {0, 1},
	recognizer.Distance:   {0, 2},
}

// validate checks a resolved scenario: the schema's constraints, then the
// rules that tie fields together.
func validate(f *File) []fieldError {
	c := &checker{}
	for _, fe := range schemaErrors(f) {
		// An unknown built-in name is reported once, by resolveRegimes.
		if i, ok := regimeIndex(fe.path); ok && f.Regimes[i].Inline == nil {
			continue
		}
		c.errs = append(c.errs, fe)
	}
	checkPopulation(c, f)
	checkActivities(c, f)
	checkCity(c, f)
	checkCameras(c, f)
	checkRegimes(c, f)
	checkRecognizer(c, f)
	checkSweep(c, f)
	checkValidation(c, f)
	checkSchedules(c, f)
	return c.errs
}

func checkRecognizer(c *checker, f *File) {
	r := f.Recognizer
	if r.Faces.Source == "folder" {
		if r.Faces.Dir == "" {
			c.add("recognizer.faces.dir", "is missing; a folder source needs the folder of images")
		}
		if r.Faces.Labels == "" {
			c.add("recognizer.faces.labels", "is missing; a folder source needs a CSV with columns file, identity, group")
		}
	}
	checkProfile(c, "recognizer.profile", r.Profile)
	if r.Pipeline.Measure && r.Mode != recognizer.PublishedRates {
		c.add("recognizer.pipeline.measure", "is true with mode %s; the pipeline is measured beside a profile only with mode published-rates (mode %s reports the pipeline itself)", r.Mode, r.Mode)
	}
	ascending(c, "recognizer.bins.face_px", r.Bins.FacePx, 12, 400)
	ascending(c, "recognizer.bins.yaw_deg", r.Bins.YawDeg, 0, 90)
}

// checkProfile checks what ties a profile's fields together: ranges that
// run from low to high, and faces found before they are found well.
func checkProfile(c *checker, p string, pr recognizer.Profile) {
	ordered := func(path string, r [2]float64) {
		if r[0] > r[1] {
			c.add(path, "is [%g, %g]; a range runs [low, high]", r[0], r[1])
		}
	}
	ordered(p+".fmr_decade_range", pr.FMRDecadeRange)
	ordered(p+".female_fmr.range", pr.FemaleFMR.Range)
	for i, m := range pr.ToneFMR {
		ordered(fmt.Sprintf("%s.tone_fmr[%d].range", p, i), m.Range)
	}
	if pr.GoodFacePx <= pr.MinFacePx {
		c.add(p+".good_face_px", "is %g, not above min_face_px %g; recognition is at its best only on faces larger than the smallest found", pr.GoodFacePx, pr.MinFacePx)
	}
}

// ascending checks bin edges: strictly ascending, within [lo, hi].
func ascending(c *checker, path string, edges []float64, lo, hi float64) {
	for i, v := range edges {
		switch {
		case v < lo || v > hi:
			c.add(fmt.Sprintf("%s[%d]", path, i), "is %g; allowed: %g to %g", v, lo, hi)
		case i > 0 && v <= edges[i-1]:
			c.add(fmt.Sprintf("%s[%d]", path, i), "is %g, not above the edge before it (%g); edges must ascend", v, edges[i-1])
		}
	}
}

func checkPopulation(c *checker, f *File) {
	total := 0.0
	seen := map[string]bool{}
	for i, g := range f.Population.Groups {
		p := fmt.Sprintf("population.groups[%d]", i)
		total += g.Share
		if g.MonkMin > g.MonkMax {
			c.add(p+".monk_max", "is %d, below monk_min %d; allowed: monk_min to 10", g.MonkMax, g.MonkMin)
		}
		if seen[g.Name] {
			c.add(p+".name", "%q names two groups; group names must be unique", g.Name)
		}
		seen[g.Name] = true
	}
	if len(f.Population.Groups) > 0 && (total < 0.999 || total > 1.001) {
		c.add("population.groups", "shares add up to %g; they must add up to 1", total)
	}
	w := f.Population.Wanted
	if w.Serious+w.Minor+w.Missing > 1 {
		c.add("population.wanted", "shares add up to more than 1")
	}
}

func checkActivities(c *checker, f *File) {
	for i, s := range f.Activities.Sensitive {
		checkVisit(c, f, fmt.Sprintf("activities.sensitive[%d]", i), s.Kind, s.Hours)
	}
	for i, cr := range f.Activities.Crowds {
		checkVisit(c, f, fmt.Sprintf("activities.crowds[%d]", i), cr.Kind, cr.Hours)
	}
	if len(f.Activities.Sensitive) > 127 {
		c.add("activities.sensitive", "has %d kinds; allowed: at most 127", len(f.Activities.Sensitive))
	}
}

// checkVisit checks a kind of visit: its place kind exists and its window
// of start times lies in the day.
func checkVisit(c *checker, f *File, p, kind string, hours [2]float64) {
	if hours[0] < 0 || hours[1] > 24 || hours[0] > hours[1] {
		c.add(p+".hours", "is [%g, %g]; allowed: [from, to] with 0 <= from <= to <= 24", hours[0], hours[1])
	}
	if !hasPlaceKind(f, kind) {
		c.add(p+".kind", "%q is not a kind of place in the city; add it under city.places", kind)
	}
}

func hasPlaceKind(f *File, kind string) bool {
	switch kind {
	case "home", "work", "school":
		return true
	}
	for _, p := range f.City.Places {
		if p.Kind == kind && p.Count > 0 {
			return true
		}
	}
	return false
}

func checkCity(c *checker, f *File) {
	for i, p := range f.City.Places {
		if p.Where == "old_town" && f.City.OldTown.RadiusM <= 0 {
			c.add(fmt.Sprintf("city.places[%d].where", i), "is old_town, but the city has none; set city.old_town.radius_m")
		}
	}
	s := f.City.Sun
	if s.Sunrise >= s.Sunset {
		c.add("city.sun.sunset", "is %g, not after sunrise %g", s.Sunset, s.Sunrise)
	}
	if f.City.BlockM*2 > f.City.WidthM || f.City.BlockM*2 > f.City.HeightM {
		c.add("city.block_m", "is %g; allowed: at most half the city's width and height", f.City.BlockM)
	}
	nodes := (f.City.WidthM/f.City.BlockM + 1) * (f.City.HeightM/f.City.BlockM + 1)
	if nodes > 20000 {
		c.add("city.block_m", "makes %.0f intersections; allowed: at most 20000 (use larger blocks)", nodes)
	}
}

func checkCameras(c *checker, f *File) {
	for i, pl := range f.Cameras.Placement {
		p := fmt.Sprintf("cameras.placement[%d]", i)
		if pl.Strategy == "places" {
			for k, kind := range pl.Kinds {
				if !hasPlaceKind(f, kind) {
					c.add(fmt.Sprintf("%s.kinds[%d]", p, k), "%q is not a kind of place in the city", kind)
				}
			}
		}
		if pl.Strategy == "explicit" && len(pl.At) == 0 {
			c.add(p+".at", "lists no cameras; the explicit strategy needs at least one")
		}
		for k, at := range pl.At {
			if at.X < 0 || at.X > f.City.WidthM || at.Y < 0 || at.Y > f.City.HeightM {
				c.add(fmt.Sprintf("%s.at[%d]", p, k), "camera at (%g, %g) is outside the city; allowed: x 0 to %g, y 0 to %g",
					at.X, at.Y, f.City.WidthM, f.City.HeightM)
			}
		}
	}
}

func checkRegimes(c *checker, f *File) {
	rng := thresholdRanges[f.Recognizer.Mode.Scale()]
	names := map[string]bool{}
	groups := map[string]bool{}
	for _, g := range f.Population.Groups {
		groups[g.Name] = true
	}
	for i, ref := range f.Regimes {
		r := ref.Inline
		p := fmt.Sprintf("regimes[%d]", i)
		if r == nil {
			continue
		}
		if ref.Builtin == "" {
			p += ""
		}
		if names[r.Name] {
			c.add(p, "regime %q appears twice; names must be unique", r.Name)
		}
		names[r.Name] = true
		c.rangeFIn(p, ".threshold", ref, r.Threshold, thresholdRanges[recognizer.Similarity], string(recognizer.PublishedRates))
		for _, g := range sortedKeys(r.GroupThresholds) {
			c.rangeFIn(p, ".group_thresholds."+g, ref, r.GroupThresholds[g], rng, string(f.Recognizer.Mode))
			if !groups[g] {
				c.add(p+".group_thresholds."+g, "names no group of the population")
			}
		}
		for k, w := range r.Live.Hours {
			if w[0] < 0 || w[1] > 24 || w[0] >= w[1] {
				c.add(fmt.Sprintf("%s.live.hours[%d]", p, k), "is [%g, %g]; allowed: [from, to) with 0 <= from < to <= 24", w[0], w[1])
			}
		}
		if r.Live.Enabled && !r.Live.AllCameras && len(r.Live.PlaceKinds) == 0 {
			c.add(p+".live", "is enabled on no cameras; set all_cameras or place_kinds")
		}
		for _, cat := range append(append([]string{}, r.Watchlist.Categories...), r.Retrospective.Categories...) {
			if cat != "serious" && cat != "minor" && cat != "missing" {
				c.add(p+".watchlist.categories", "%q is not a category; allowed: serious, minor, missing", cat)
			}
		}
		checkGallery(c, p, r)
	}
}

// checkGallery checks what ties a scraped gallery's fields together (its
// stills come from recorded cameras, its age bands start at 0 and ascend)
// and that a data section says where the data are held.
func checkGallery(c *checker, p string, r *policy.Regime) {
	if r.Data != nil && r.Data.Hosting == "" {
		c.add(p+".data.hosting", "is missing; allowed: %s", strings.Join(policy.HostingPlaces, ", "))
	}
	g := r.Gallery
	if g == nil {
		return
	}
	p += ".scraped_gallery"
	if !r.Recording {
		c.add(p, "searches stills from the city's cameras, so the regime needs recording: true")
	}
	for _, cat := range g.Categories {
		if cat != "serious" && cat != "minor" && cat != "missing" {
			c.add(p+".categories", "%q is not a category; allowed: serious, minor, missing", cat)
		}
	}
	for k, b := range g.PublicPhotoShare {
		switch {
		case k == 0 && b.FromAge != 0:
			c.add(p+".public_photo_share[0].from_age", "is %d; the first band must start at 0", b.FromAge)
		case k > 0 && b.FromAge <= g.PublicPhotoShare[k-1].FromAge:
			c.add(fmt.Sprintf("%s.public_photo_share[%d].from_age", p, k), "is %d; bands must ascend (previous starts at %d)", b.FromAge, g.PublicPhotoShare[k-1].FromAge)
		}
	}
}

// rangeFIn checks a threshold against its recognizer's scale. For a built-in
// regime the error points at the regime's name in the list.
func (c *checker) rangeFIn(p, field string, ref RegimeRef, v float64, rng [2]float64, mode string) {
	if v >= rng[0] && v <= rng[1] {
		return
	}
	path := p + field
	if ref.Builtin != "" {
		path = p
	}
	c.add(path, "threshold %g is outside the %s recognizer's scale; allowed: %g to %g", v, mode, rng[0], rng[1])
}

func checkSweep(c *checker, f *File) {
	if f.Sweep == nil {
		return
	}
	if sweepPoints(f.Sweep) > MaxSweepPoints {
		c.add("sweep.parameters", "makes more than %d runs (the values of each parameter multiplied, times the seeds); allowed: at most %d (MaxSweepPoints); split the sweep into several scenarios", MaxSweepPoints, MaxSweepPoints)
		return
	}
	for i, sp := range f.Sweep.Parameters {
		p := fmt.Sprintf("sweep.parameters[%d]", i)
		if len(sp.Values) == 0 || sp.Path == "" {
			continue // the schema reports it
		}
		if _, err := applyParameter(f, sp.Path, sp.Values[0]); err != nil {
			c.add(p+".path", "%v", err)
		}
	}
}

// regimeIndex returns i for the path regimes[i].
func regimeIndex(path string) (int, bool) {
	var i int
	if n, err := fmt.Sscanf(path, "regimes[%d]", &i); n == 1 && err == nil && path == fmt.Sprintf("regimes[%d]", i) {
		return i, true
	}
	return 0, false
}

func checkValidation(c *checker, f *File) {
	if f.Validation == nil {
		return
	}
	names := map[string]bool{}
	for _, r := range f.Regimes {
		if r.Inline != nil {
			names[r.Inline.Name] = true
		}
	}
	for i, fig := range f.Validation.Figures {
		p := fmt.Sprintf("validation.figures[%d]", i)
		if !names[fig.Regime] {
			c.add(p+".regime", "%q is not a regime of this scenario", fig.Regime)
		}
		if fig.Over != "" && !names[fig.Over] {
			c.add(p+".over", "%q is not a regime of this scenario", fig.Over)
		}
	}
}

// sweepPoints is the number of runs a sweep makes, saturating just above
// MaxSweepPoints so that a huge grid cannot overflow.
func sweepPoints(sw *Sweep) int {
	n := max(1, len(sw.Seeds))
	for _, p := range sw.Parameters {
		n *= len(p.Values)
		if n > MaxSweepPoints {
			return MaxSweepPoints + 1
		}
	}
	return n
}

// checkSchedules checks the worlds whose regime changes on given days: a
// name of its own, regimes of the scenario, days within the run and
// ascending. The schema checks the rest.
func checkSchedules(c *checker, f *File) {
	names := map[string]bool{}
	var known []string
	for _, r := range f.Regimes {
		if r.Inline != nil {
			names[r.Inline.Name] = true
			known = append(known, r.Inline.Name)
		}
	}
	allowed := strings.Join(known, ", ")
	taken := map[string]bool{}
	for i, s := range f.Schedules {
		p := fmt.Sprintf("schedules[%d]", i)
		if names[s.Name] || taken[s.Name] {
			c.add(p+".name", "%q is already the name of a regime or schedule; a schedule's name must be its own", s.Name)
		}
		taken[s.Name] = true
		if s.Start != "" && !names[s.Start] {
			c.add(p+".start", "%q is not a regime of this scenario; allowed: %s", s.Start, allowed)
		}
		if f.Days < 2 {
			c.add(p, "changes regime on given days, but the run lasts %d day; set days: to 2 or more", f.Days)
		}
		last := 1
		for k, ch := range s.Changes {
			q := fmt.Sprintf("%s.changes[%d]", p, k)
			if ch.Regime != "" && !names[ch.Regime] {
				c.add(q+".regime", "%q is not a regime of this scenario; allowed: %s", ch.Regime, allowed)
			}
			if f.Days >= 2 && (ch.Day <= last || ch.Day > f.Days) {
				c.add(q+".day", "is %d; allowed: after day %d (the first day is 1, changes in ascending order) and no later than day %d (days:)", ch.Day, last, f.Days)
			}
			last = max(last, ch.Day)
		}
	}
}
