package city

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Sex of a citizen as recorded for error-rate reporting.
type Sex uint8

// The two sexes that face-analysis evaluations report on.
const (
	Female Sex = iota
	Male
)

func (s Sex) String() string {
	if s == Female {
		return "female"
	}
	return "male"
}

// WantedCategory says whether, and why, a citizen is sought.
type WantedCategory uint8

// Wanted categories, as watchlists are composed of them.
const (
	NotWanted WantedCategory = iota
	WantedSerious
	WantedMinor
	Missing
)

// WantedCategoryNames are the names regimes use in watchlist compositions.
var WantedCategoryNames = map[string]WantedCategory{"serious": WantedSerious, "minor": WantedMinor, "missing": Missing}

// Citizen is one synthetic resident.
type Citizen struct {
	Age      uint8
	Sex      Sex
	MonkTone uint8 // 1 (lightest) to 10 (darkest)
	Group    uint8
	Wanted   WantedCategory
	Home     int32 // place index
	Work     int32 // place index of work or school, or -1
	// FaceSeed makes the citizen's generated face (see package city/faces).
	FaceSeed uint64
}

func (c *City) populate(cfg PopulationConfig, rng *rand.Rand) error {
	cum := make([]float64, len(cfg.Groups))
	total := 0.0
	for i, g := range cfg.Groups {
		total += g.Share
		cum[i] = total
	}
	if math.Abs(total-1) > 1e-6 {
		return fmt.Errorf("group shares add up to %g, not 1", total)
	}
	homes, works, schools := c.PlacesOf(KindHome), c.PlacesOf(KindWork), c.PlacesOf(KindSchool)
	c.Citizens = make([]Citizen, cfg.Size)
	for i := range c.Citizens {
		g := groupAt(cum, rng.Float64())
		grp := cfg.Groups[g]
		cz := Citizen{
			Age:      uint8(drawAge(rng)),
			Sex:      Male,
			MonkTone: uint8(grp.MonkMin + rng.IntN(grp.MonkMax-grp.MonkMin+1)),
			Group:    uint8(g),
			Home:     homes[rng.IntN(len(homes))],
			Work:     -1,
			FaceSeed: rng.Uint64(),
		}
		if rng.Float64() < cfg.ShareFemale {
			cz.Sex = Female
		}
		switch {
		case cz.Age >= 6 && cz.Age < 18:
			cz.Work = schools[rng.IntN(len(schools))]
		case cz.Age >= 18 && cz.Age < 65:
			cz.Work = works[rng.IntN(len(works))]
		}
		cz.Wanted = drawWanted(cfg.Wanted, cz.Age, rng)
		c.Citizens[i] = cz
	}
	return nil
}

// groupAt is the group whose cumulative share first exceeds u.
func groupAt(cum []float64, u float64) int {
	g := 0
	for g < len(cum)-1 && u >= cum[g] {
		g++
	}
	return g
}

// Person is who one draw from a population's distribution is.
type Person struct {
	Age      int
	Sex      Sex
	MonkTone int
}

// DrawPerson draws age, sex and skin tone from the distribution populate
// gives the city's citizens (group by share, a Monk tone uniform in the
// group's range, the age pyramid, sex by ShareFemale), for samples that
// should look like the population without building a city.
func (cfg PopulationConfig) DrawPerson(rng *rand.Rand) (Person, error) {
	if len(cfg.Groups) == 0 {
		return Person{}, fmt.Errorf("population has no groups")
	}
	cum := make([]float64, len(cfg.Groups))
	total := 0.0
	for i, g := range cfg.Groups {
		total += g.Share
		cum[i] = total
	}
	grp := cfg.Groups[groupAt(cum, rng.Float64()*total)]
	p := Person{Age: drawAge(rng), Sex: Male, MonkTone: grp.MonkMin + rng.IntN(grp.MonkMax-grp.MonkMin+1)}
	if rng.Float64() < cfg.ShareFemale {
		p.Sex = Female
	}
	return p, nil
}

// drawAge draws from a young urban age pyramid: roughly a quarter under 18
// and a tenth over 65, as in North African and southern European capitals.
func drawAge(rng *rand.Rand) int {
	u := rng.Float64()
	switch {
	case u < 0.25:
		return rng.IntN(18)
	case u < 0.90:
		return 18 + rng.IntN(47)
	default:
		return 65 + rng.IntN(26)
	}
}

// drawWanted makes adults wanted with the configured shares; missing persons
// may be any age.
func drawWanted(w Wanted, age uint8, rng *rand.Rand) WantedCategory {
	u := rng.Float64()
	if u < w.Missing {
		return Missing
	}
	if age < 18 {
		return NotWanted
	}
	u -= w.Missing
	switch {
	case u < w.Serious:
		return WantedSerious
	case u < w.Serious+w.Minor:
		return WantedMinor
	}
	return NotWanted
}
