package recognition

import (
	"fmt"
	"image"
)

// AgeGenderResult is AgeGenderNet's estimate for one face.
type AgeGenderResult struct {
	// Age is the regressed age in years.
	Age float64
	// Gender is "male" or "female", whichever has probability above 0.5.
	Gender string
	// Probability is the probability of Gender (0.5 to 1).
	Probability float64
}

// ageGenderFrom reads face-api's decision from the softmax pair
// (male, female).
func ageGenderFrom(age, pMale float32) AgeGenderResult {
	if pMale > 0.5 {
		return AgeGenderResult{Age: float64(age), Gender: "male", Probability: float64(pMale)}
	}
	return AgeGenderResult{Age: float64(age), Gender: "female", Probability: 1 - float64(pMale)}
}

// AgeGender estimates age and gender from a face image taken whole as the
// face crop (an aligned chip or a generated face): it is padded to a
// centred square and resized to 112x112. Used to audit generated faces.
func (f *FaceNets) AgeGender(chip image.Image) (age float64, gender string, probability float64, err error) {
	src := toRGB(chip)
	rs, err := f.ageGenderCrops(src, []pixelBox{{0, 0, src.w, src.h}})
	if err != nil {
		return 0, "", 0, err
	}
	return rs[0].Age, rs[0].Gender, rs[0].Probability, nil
}

// AgeGenderAt estimates age and gender for faces of a photo from their
// landmarks, reading the region face-api.js uses (the landmarks' box grown
// by 20%, see AlignedRect), in one batch.
func (f *FaceNets) AgeGenderAt(img image.Image, lms [][68]Point) ([]AgeGenderResult, error) {
	if len(lms) == 0 {
		return nil, nil
	}
	src := toRGB(img)
	crops := make([]pixelBox, len(lms))
	for i := range lms {
		crops[i] = clipAtImageBorders(roundTrip(AlignedRect(&lms[i]), src.w, src.h), src.w, src.h)
	}
	return f.ageGenderCrops(src, crops)
}

func (f *FaceNets) ageGenderCrops(src *rgbPixels, crops []pixelBox) ([]AgeGenderResult, error) {
	per := faceNetInputSize * faceNetInputSize * 3
	in := make([]float32, len(crops)*per)
	for i, c := range crops {
		if err := faceNetInput(src, c, in[i*per:(i+1)*per]); err != nil {
			return nil, fmt.Errorf("age and gender of face %d: %w", i, err)
		}
	}
	out, err := f.ageGender.run(in, len(crops))
	if err != nil {
		return nil, err
	}
	rs := make([]AgeGenderResult, len(crops))
	for i := range rs {
		rs[i] = ageGenderFrom(out[0][i], out[1][2*i])
	}
	return rs, nil
}
