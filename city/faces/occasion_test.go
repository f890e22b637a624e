package faces

import (
	"bytes"
	"testing"
)

// TestUsualLookIsTheZeroOccasion checks that NewIdentity is the zero
// occasion's face, and that an occasion's face is the same every time it
// is drawn.
func TestUsualLookIsTheZeroOccasion(t *testing.T) {
	a := Attributes{Age: 40, Sex: Male, MonkTone: 6}
	c, _ := Conditions("frontal")
	c.FacePx, c.FrameW, c.FrameH = 60, 96, 96
	usual, _ := Render(NewIdentity(7, a), c)
	zero, _ := Render(NewIdentityOn(7, a, Occasion{}), c)
	if !bytes.Equal(usual.Pix, zero.Pix) {
		t.Error("the zero occasion renders differently from NewIdentity")
	}
	on := Occasion{Day: 3, Years: -4}
	x, _ := Render(NewIdentityOn(7, a, on), c)
	y, _ := Render(NewIdentityOn(7, a, on), c)
	if !bytes.Equal(x.Pix, y.Pix) {
		t.Error("one occasion renders two different faces")
	}
	if bytes.Equal(x.Pix, usual.Pix) {
		t.Error("an occasion four years before renders the usual look")
	}
}

// TestOccasionsChangeTheDayNotThePerson draws many people on two days:
// what makes the person (the placement and size of their features, their
// appearance) stays; what a day changes (expression, glasses, make-up,
// hair, stubble) changes for some of them, in the shares vary aims at.
func TestOccasionsChangeTheDayNotThePerson(t *testing.T) {
	const n = 400
	var smiles, glassesDiffer, hairDiffers, stubbleDiffers, men int
	for i := 0; i < n; i++ {
		a := Attributes{Age: 20 + i%60, Sex: Sex(i % 2), MonkTone: 1 + i%10}
		d1 := on(uint64(i+1), a, Occasion{Day: 1})
		d2 := on(uint64(i+1), a, Occasion{Day: 2})
		if d1.eyeSep != d2.eyeSep || d1.noseW != d2.noseW || d1.chinY != d2.chinY || d1.ap != d2.ap || d1.iris != d2.iris {
			t.Fatalf("identity %d: the person's own features differ between days", i)
		}
		if d1.smile > 0 {
			smiles++
		}
		if d1.glasses != d2.glasses {
			glassesDiffer++
		}
		if d1.hairSeed != d2.hairSeed {
			hairDiffers++
		}
		if a.Sex == Male {
			men++
			if d1.stubble != d2.stubble {
				stubbleDiffers++
			}
		}
	}
	t.Logf("of %d people: %d smile on day 1, %d wear glasses one day and not the other, %d of %d men shaved differently",
		n, smiles, glassesDiffer, stubbleDiffers, men)
	if smiles < n/4 || smiles > n*2/3 {
		t.Errorf("%d of %d smile: want about 45%%", smiles, n)
	}
	if glassesDiffer == 0 || glassesDiffer > n/5 {
		t.Errorf("%d of %d wear glasses on one day only: want some, at most a fifth", glassesDiffer, n)
	}
	if hairDiffers != n {
		t.Errorf("hair worn the same way on both days by %d of %d", n-hairDiffers, n)
	}
	if stubbleDiffers < men/4 {
		t.Errorf("only %d of %d men shaved differently on two days", stubbleDiffers, men)
	}
	// a custody photograph: neutral, glasses and cap off
	for i := 0; i < n; i++ {
		p := on(uint64(i+1), Attributes{Age: 30, Sex: Sex(i % 2), MonkTone: 5}, Occasion{Day: 9, Custody: true})
		if p.smile != 0 || p.glasses || p.cap {
			t.Fatalf("identity %d: custody photograph with smile %.2f, glasses %v, cap %v", i, p.smile, p.glasses, p.cap)
		}
	}
}

// TestAppearanceDiffersBetweenPeople checks that people's appearances are
// drawn for each, within the bounds drawAppearance keeps.
func TestAppearanceDiffersBetweenPeople(t *testing.T) {
	seen := map[float64]bool{}
	for i := 0; i < 200; i++ {
		ap := on(uint64(i+1), Attributes{Age: 35, Sex: Sex(i % 2), MonkTone: 1 + i%10}, Occasion{}).ap
		seen[ap.browGap] = true
		if ap.irisSize < 0.36 || ap.irisSize > 0.5 || ap.browPeak < 0.35 || ap.browPeak > 0.85 || ap.nMoles > len(ap.moles) {
			t.Fatalf("identity %d: appearance out of bounds: %+v", i, ap)
		}
	}
	if len(seen) < 195 {
		t.Errorf("only %d different brow gaps among 200 people", len(seen))
	}
}

// on is the parameters of NewIdentityOn's face, without its mesh.
func on(seed uint64, a Attributes, occ Occasion) params {
	p, _ := paramsOn(seed, a, occ)
	return p
}
