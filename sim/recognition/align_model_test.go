package recognition

import (
	"image"
	"testing"

	"vigie/internal/testenv"
)

// TestSimilarityAlignmentKeepsIdentity embeds every face of sample1.jpg
// (three different women, one head strongly tilted) aligned both ways: each
// face's similarity-aligned descriptor must be closer to its own face-api
// aligned descriptor than to any other face's. (They need not be under the
// 0.6 threshold: face-api keeps the tilt, the similarity chip removes it.)
func TestSimilarityAlignmentKeepsIdentity(t *testing.T) {
	p := openTest(t)
	if p.FaceNets == nil {
		testenv.MissingModels(t, "detector models absent")
	}
	img := demoPhoto(t, "sample1.jpg")
	ds, err := p.Detect(img)
	if err != nil {
		t.Fatal(err)
	}
	lms, err := p.LandmarksAll(img, ds)
	if err != nil {
		t.Fatal(err)
	}
	var chips []*image.RGBA
	for _, lm := range lms {
		chips = append(chips, Align(img, lm), AlignSimilarity(img, lm))
	}
	desc, err := p.Embed(chips)
	if err != nil {
		t.Fatal(err)
	}
	for i := range lms {
		same := Distance(desc[2*i], desc[2*i+1])
		for j := range lms {
			if j == i {
				continue
			}
			if other := Distance(desc[2*i+1], desc[2*j]); other <= same {
				t.Errorf("face %d: similarity chip %.3f from face %d, %.3f from its own", i, other, j, same)
			}
		}
		t.Logf("face %d: alignments %.3f apart", i, same)
	}
}
