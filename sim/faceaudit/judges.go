package faceaudit

import (
	"fmt"
	"image"
	"image/jpeg"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"

	"vigie/sim/recognition"
)

// Two independent networks judge identity: dlib's ResNet (face-api's
// FaceRecognitionNet, the one the pipeline uses) and MobileFaceNet (an
// ArcFace-style network trained on other data with another loss). The
// generator may be tuned against dlib; MobileFaceNet only checks that what
// dlib sees change is a change in the face. Each network's figures on the
// generated faces stand beside its figures on photographs: the faces of
// face-api.js's demo photographs, all different people, so they give
// impostor figures only.

// Network names as the report prints them.
const (
	Dlib          = "dlib"
	MobileFaceNet = "MobileFaceNet"
)

// IdentityStats are one network's identity figures on one set of faces.
type IdentityStats struct {
	Faces                    int     // faces embedded (one per identity counted for impostors)
	ImpostorMean, ImpostorSD float64 // over pairs of different identities
	ImpostN                  int
	GenuineMean              float64 // over pairs of captures of one identity
	GenuineN                 int
	FMR, FNMR                float64 // at the network's threshold
	Directions               float64 // participation ratio of the descriptor cloud
}

// JudgeFigures are one network's figures, generated beside photographed.
type JudgeFigures struct {
	Network                 string
	Threshold               float64
	Generated, Photographed IdentityStats
	// Gap is how far the generated impostor statistics lie from the
	// photographed ones: |mean difference| + |spread difference|, in the
	// network's distance units. 0 when no photographs were found.
	Gap float64
}

// ImpostorGap is |mean_g/mean_p - 1| + |sd_g/sd_p - 1| over impostor
// distances: how far the generated impostor statistics lie from the
// photographed ones, relative to the photographs' so that the two
// networks' figures (on different distance scales) compare. It is the
// distance the MobileFaceNet gate asks to halve.
func ImpostorGap(gen, photo IdentityStats) float64 {
	if photo.ImpostorMean == 0 || photo.ImpostorSD == 0 {
		return 0
	}
	return math.Abs(gen.ImpostorMean/photo.ImpostorMean-1) + math.Abs(gen.ImpostorSD/photo.ImpostorSD-1)
}

// MatchOperatingPoint calibrates a network's threshold on a set of
// impostor pairs that a reference network has also measured: it returns
// the distance that puts as many of the network's pairs below it as the
// reference's threshold puts of the reference's (the midpoint between the
// k-th and k+1-th smallest distances, k the reference's count). It fails
// when the reference matches none or all of the pairs, where the quantile
// is not pinned down.
func MatchOperatingPoint(ref []float64, refThreshold float64, dist []float64) (float64, int, error) {
	if len(ref) != len(dist) || len(ref) == 0 {
		return 0, 0, fmt.Errorf("calibration needs the same pairs measured by both networks (%d and %d)", len(ref), len(dist))
	}
	k := 0
	for _, d := range ref {
		if d < refThreshold {
			k++
		}
	}
	if k == 0 || k == len(ref) {
		return 0, k, fmt.Errorf("the reference threshold %.3f matches %d of %d pairs: no quantile to carry over", refThreshold, k, len(ref))
	}
	s := append([]float64(nil), dist...)
	sort.Float64s(s)
	return (s[k-1] + s[k]) / 2, k, nil
}

// ImpostorDistances lists the distances of every pair of descriptors, in
// pair order (0,1), (0,2), ..., (1,2), ...
func ImpostorDistances(desc [][]float32) []float64 {
	var out []float64
	for a := range desc {
		for b := a + 1; b < len(desc); b++ {
			out = append(out, euclid(desc[a], desc[b]))
		}
	}
	return out
}

// identityStats measures descriptors desc (identity ids[i] each). Impostor
// pairs take each identity's first descriptor; genuine pairs are every
// pair of one identity's descriptors.
func identityStats(desc [][]float32, ids []int, threshold float64) IdentityStats {
	s := IdentityStats{Faces: len(desc)}
	byID := map[int][]int{}
	var firsts []int
	for i, id := range ids {
		if len(byID[id]) == 0 {
			firsts = append(firsts, i)
		}
		byID[id] = append(byID[id], i)
	}
	var imp []float64
	fm := 0
	for a := 0; a < len(firsts); a++ {
		for b := a + 1; b < len(firsts); b++ {
			d := euclid(desc[firsts[a]], desc[firsts[b]])
			imp = append(imp, d)
			if d < threshold {
				fm++
			}
		}
	}
	s.ImpostN = len(imp)
	if len(imp) > 0 {
		s.ImpostorMean, s.ImpostorSD = stat.PopMeanStdDev(imp, nil)
		s.FMR = float64(fm) / float64(len(imp))
	}
	keys := make([]int, 0, len(byID))
	for id := range byID {
		keys = append(keys, id)
	}
	sort.Ints(keys)
	gen, fnm := 0.0, 0
	for _, id := range keys {
		m := byID[id]
		for a := 0; a < len(m); a++ {
			for b := a + 1; b < len(m); b++ {
				d := euclid(desc[m[a]], desc[m[b]])
				gen += d
				s.GenuineN++
				if d >= threshold {
					fnm++
				}
			}
		}
	}
	s.GenuineMean = ratio(gen, float64(s.GenuineN))
	s.FNMR = ratio(float64(fnm), float64(s.GenuineN))
	first := make([][]float32, len(firsts))
	for i, k := range firsts {
		first[i] = desc[k]
	}
	s.Directions = participationRatio(first)
	return s
}

func euclid(a, b []float32) float64 {
	s := 0.0
	for i := range a {
		d := float64(a[i]) - float64(b[i])
		s += d * d
	}
	return math.Sqrt(s)
}

// participationRatio is (sum l)^2 / sum l^2 over the eigenvalues l of the
// descriptors' covariance: how many directions the cloud spreads in. 0
// for fewer than 3 descriptors.
func participationRatio(desc [][]float32) float64 {
	if len(desc) < 3 {
		return 0
	}
	x := mat.NewDense(len(desc), len(desc[0]), nil)
	for i, d := range desc {
		for j, v := range d {
			x.Set(i, j, float64(v))
		}
	}
	var cov mat.SymDense
	stat.CovarianceMatrix(&cov, x, nil)
	var eig mat.EigenSym
	if !eig.Factorize(&cov, false) {
		return 0
	}
	sum, sumSq := 0.0, 0.0
	for _, l := range eig.Values(nil) {
		sum += l
		sumSq += l * l
	}
	return ratio(sum*sum, sumSq)
}

// PhotoFace is one face of a photograph with what the pipeline found.
type PhotoFace struct {
	Source    string
	Image     image.Image
	Landmarks [68]recognition.Point
}

// MinPhotoFacePx is the smallest detected face height a photograph
// contributes, so that small background faces do not count.
const MinPhotoFacePx = 60

// PhotoFaces detects and places landmarks on every face at least
// MinPhotoFacePx tall in face-api.js's demo photographs, which set-up
// unpacks into <models>/face-api/demo. It returns nil (no error) when the
// folder is missing. The photographs are only measured, never used by the
// generator.
func PhotoFaces(p *recognition.Pipeline) ([]PhotoFace, error) {
	paths, _ := filepath.Glob(filepath.Join(p.Dir(), "face-api", "demo", "sample*.jpg"))
	sort.Strings(paths)
	var out []PhotoFace
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		img, err := jpeg.Decode(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		img = recognition.Prepare(img)
		dets, err := p.Detect(img)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		for _, d := range dets {
			if d.Box.H < MinPhotoFacePx {
				continue
			}
			lm, err := p.Landmarks(img, d)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			out = append(out, PhotoFace{Source: filepath.Base(path), Image: img, Landmarks: lm})
		}
	}
	return out, nil
}

// Embedded holds both networks' descriptors of a set of aligned faces
// (Mobile is nil when the models folder lacks MobileFaceNet).
type Embedded struct {
	Dlib, Mobile [][]float32
}

// EmbedBoth aligns each face on its landmarks for each network and embeds it.
func EmbedBoth(p *recognition.Pipeline, imgs []image.Image, lms [][68]recognition.Point) (Embedded, error) {
	var e Embedded
	chips := make([]*image.RGBA, len(imgs))
	for i := range imgs {
		chips[i] = recognition.Align(imgs[i], lms[i])
	}
	d, err := p.Embed(chips)
	if err != nil {
		return e, err
	}
	for i := range d {
		e.Dlib = append(e.Dlib, d[i][:])
	}
	if !p.HasMobileFaceNet() {
		return e, nil
	}
	mchips := make([][]float32, len(imgs))
	for i := range imgs {
		mchips[i] = recognition.AlignMobileChip(imgs[i], lms[i])
	}
	m, err := p.EmbedMobile(mchips)
	if err != nil {
		return e, err
	}
	for i := range m {
		e.Mobile = append(e.Mobile, m[i][:])
	}
	return e, nil
}

// PhotoEmbedded embeds the demo photographs' faces with both networks.
func PhotoEmbedded(p *recognition.Pipeline) (Embedded, int, error) {
	photos, err := PhotoFaces(p)
	if err != nil || len(photos) == 0 {
		return Embedded{}, 0, err
	}
	imgs := make([]image.Image, len(photos))
	lms := make([][68]recognition.Point, len(photos))
	for i, ph := range photos {
		imgs[i], lms[i] = ph.Image, ph.Landmarks
	}
	e, err := EmbedBoth(p, imgs, lms)
	return e, len(photos), err
}

// judges fills r.Judges from the faces' descriptors and the photographs'.
func (r *Report) judges(photos Embedded) {
	var ids []int
	var dl, mo [][]float32
	hasMobile := true
	for i := range r.Faces {
		f := &r.Faces[i]
		if !f.Found {
			continue
		}
		ids = append(ids, f.Identity)
		dl = append(dl, f.Desc[:])
		if f.Mobile == nil {
			hasMobile = false
		}
		mo = append(mo, f.Mobile)
	}
	photoIDs := make([]int, len(photos.Dlib))
	for i := range photoIDs {
		photoIDs[i] = i // every photographed face is a different person
	}
	add := func(name string, th float64, gen, photo [][]float32) {
		j := JudgeFigures{Network: name, Threshold: th, Generated: identityStats(gen, ids, th)}
		if len(photo) > 0 {
			j.Photographed = identityStats(photo, photoIDs, th)
			j.Gap = ImpostorGap(j.Generated, j.Photographed)
			// the participation ratio grows with the number of points
			// (n points span at most n-1 directions), so the generated
			// cloud's is taken on as many identities as there are photos
			j.Generated.Directions = participationRatio(firstOf(gen, ids, len(photo)))
		}
		r.Judges = append(r.Judges, j)
	}
	add(Dlib, Threshold, dl, photos.Dlib)
	if hasMobile && len(mo) > 0 {
		add(MobileFaceNet, recognition.MobileFaceNetThreshold, mo, photos.Mobile)
	}
}

// firstOf returns the first descriptor of each of the first n identities.
func firstOf(desc [][]float32, ids []int, n int) [][]float32 {
	seen := map[int]bool{}
	var out [][]float32
	for i, id := range ids {
		if !seen[id] && len(out) < n {
			seen[id] = true
			out = append(out, desc[i])
		}
	}
	return out
}

// writeJudges prints the two networks' figures side by side.
func (r *Report) writeJudges(b *strings.Builder) {
	if len(r.Judges) == 0 {
		return
	}
	ids := map[int]bool{}
	for i := range r.Faces {
		if r.Faces[i].Found {
			ids[r.Faces[i].Identity] = true
		}
	}
	fmt.Fprintf(b, "\nIdentity judged by two independent networks (generated: %d identities found, genuine pairs between their captures; photographs: %d faces of face-api.js's demo photographs, all different people, so no genuine pairs):\n", len(ids), r.PhotoFaces)
	fmt.Fprintf(b, "  %-30s", "")
	for _, j := range r.Judges {
		fmt.Fprintf(b, " %27s", fmt.Sprintf("%s (threshold %s)", j.Network, distFmt(j.Threshold, j.Threshold)))
	}
	fmt.Fprintf(b, "\n  %-30s", "")
	for range r.Judges {
		fmt.Fprintf(b, " %13s %13s", "generated", "photographs")
	}
	b.WriteString("\n")
	row := func(label string, f func(j JudgeFigures, s IdentityStats) string) {
		fmt.Fprintf(b, "  %-30s", label)
		for _, j := range r.Judges {
			ph := "n/a"
			if j.Photographed.Faces > 0 {
				ph = f(j, j.Photographed)
			}
			fmt.Fprintf(b, " %13s %13s", f(j, j.Generated), ph)
		}
		b.WriteString("\n")
	}
	row("impostor mean", func(j JudgeFigures, s IdentityStats) string {
		return orNA(s.ImpostN, distFmt(s.ImpostorMean, j.Threshold))
	})
	row("impostor spread (sd)", func(j JudgeFigures, s IdentityStats) string {
		return orNA(s.ImpostN, distFmt(s.ImpostorSD, j.Threshold))
	})
	row("genuine mean", func(j JudgeFigures, s IdentityStats) string {
		return orNA(s.GenuineN, distFmt(s.GenuineMean, j.Threshold))
	})
	row("FMR at threshold", func(_ JudgeFigures, s IdentityStats) string { return orNA(s.ImpostN, fmt.Sprintf("%.2f%%", 100*s.FMR)) })
	row("FNMR at threshold", func(_ JudgeFigures, s IdentityStats) string {
		return orNA(s.GenuineN, fmt.Sprintf("%.2f%%", 100*s.FNMR))
	})
	prLabel := "participation ratio"
	if r.PhotoFaces > 0 {
		prLabel = fmt.Sprintf("participation ratio (%d faces)", r.PhotoFaces)
	}
	row(prLabel, func(_ JudgeFigures, s IdentityStats) string {
		if s.Directions == 0 {
			return "n/a"
		}
		return fmt.Sprintf("%.1f", s.Directions)
	})
	fmt.Fprintf(b, "  %-30s", "impostor gap to photographs")
	for _, j := range r.Judges {
		g := "n/a"
		if j.Photographed.Faces > 0 {
			g = fmt.Sprintf("%.3f", j.Gap)
		}
		fmt.Fprintf(b, " %27s", g)
	}
	b.WriteString("\n  (gap: |generated/photographed impostor mean - 1| + |generated/photographed impostor sd - 1|; 0 is a match)\n")
	if len(r.Judges) == 1 {
		b.WriteString("  (MobileFaceNet is not in the models folder: run `make models`)\n")
	}
}

// distFmt prints a distance with as many decimals as the network's scale
// needs (MobileFaceNet's distances are about a hundredth of dlib's).
func distFmt(v, threshold float64) string {
	if threshold < 0.1 {
		return fmt.Sprintf("%.5f", v)
	}
	return fmt.Sprintf("%.3f", v)
}

func orNA(n int, s string) string {
	if n == 0 {
		return "n/a"
	}
	return s
}
