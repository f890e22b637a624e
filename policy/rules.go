package policy

import (
	"fmt"
	"math"

	"vigie/city"
)

// Rules are a regime applied to a built city.
type Rules struct {
	Regime *Regime
	// LiveCamera[c] says whether camera c runs live identification.
	LiveCamera []bool
	// RecordingCamera[c] says whether camera c's footage is stored.
	RecordingCamera []bool
	// OnWatchlist[i] says whether citizen i is on the live watchlist.
	OnWatchlist []bool
	// Searchable[i] says whether a warrant may be granted to search for
	// citizen i in stored footage.
	Searchable []bool
	// Threshold[g] is group g's threshold.
	Threshold []float64
	// GlobalThreshold is the threshold of groups without their own.
	GlobalThreshold float64
	// WatchlistSize is the whole list, residents and fillers.
	WatchlistSize int
	// VisibleAt[p] counts the active cameras (live or recording) within
	// sight of place p, which weighs on how watched a visitor feels.
	VisibleAt []int
}

// visibleRadiusM is how far from a place a camera is noticed by visitors.
const visibleRadiusM = 250

// Compile applies a regime to a city whose groups are named groups.
func Compile(r *Regime, c *city.City, groups []string) (*Rules, error) {
	ru := &Rules{
		Regime:          r,
		LiveCamera:      make([]bool, len(c.Cameras)),
		RecordingCamera: make([]bool, len(c.Cameras)),
		OnWatchlist:     make([]bool, len(c.Citizens)),
		Searchable:      make([]bool, len(c.Citizens)),
		Threshold:       make([]float64, len(groups)),
		VisibleAt:       make([]int, len(c.Places)),
	}
	kinds := map[string]bool{}
	for _, k := range r.Live.PlaceKinds {
		kinds[k] = true
	}
	for i, cam := range c.Cameras {
		if r.Live.Enabled {
			ru.LiveCamera[i] = r.Live.AllCameras || (cam.Place >= 0 && kinds[c.Places[cam.Place].Kind])
		}
		ru.RecordingCamera[i] = r.Recording
	}
	live, err := categories(r.Watchlist.Categories)
	if err != nil {
		return nil, fmt.Errorf("regime %s watchlist: %w", r.Name, err)
	}
	search, err := categories(r.Retrospective.Categories)
	if err != nil {
		return nil, fmt.Errorf("regime %s retrospective: %w", r.Name, err)
	}
	residents := 0
	for i, cz := range c.Citizens {
		ru.OnWatchlist[i] = r.Live.Enabled && live[cz.Wanted]
		ru.Searchable[i] = r.Retrospective.Enabled && search[cz.Wanted]
		if ru.OnWatchlist[i] || ru.Searchable[i] {
			residents++
		}
	}
	ru.WatchlistSize = max(r.Watchlist.Size, residents)
	ru.SetGlobalThreshold(r.Threshold, groups)
	for name := range r.GroupThresholds {
		if !contains(groups, name) {
			return nil, fmt.Errorf("regime %s sets a threshold for group %q, which the population does not have (groups: %v)", r.Name, name, groups)
		}
	}
	for p, pl := range c.Places {
		for _, ci := range c.CamerasNear(pl.X, pl.Y, visibleRadiusM) {
			if ru.LiveCamera[ci] || ru.RecordingCamera[ci] {
				ru.VisibleAt[p]++
			}
		}
	}
	return ru, nil
}

func categories(names []string) (map[city.WantedCategory]bool, error) {
	m := map[city.WantedCategory]bool{}
	for _, n := range names {
		c, ok := city.WantedCategoryNames[n]
		if !ok {
			return nil, fmt.Errorf("unknown category %q (allowed: serious, minor, missing)", n)
		}
		m[c] = true
	}
	return m, nil
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// LiveAt says whether live identification runs at a minute of the day.
func (ru *Rules) LiveAt(minute float64) bool {
	r := ru.Regime
	if !r.Live.Enabled || minute < 60*r.Live.AuthorisationDelayHours {
		return false
	}
	if len(r.Live.Hours) == 0 {
		return true
	}
	h := math.Mod(minute/60, 24)
	for _, w := range r.Live.Hours {
		if h >= w[0] && h < w[1] {
			return true
		}
	}
	return false
}

// SetGlobalThreshold sets the threshold of every group that the regime
// gives no threshold of its own.
func (ru *Rules) SetGlobalThreshold(t float64, groups []string) {
	ru.GlobalThreshold = t
	for g, name := range groups {
		ru.Threshold[g] = t
		if gt, ok := ru.Regime.GroupThresholds[name]; ok {
			ru.Threshold[g] = gt
		}
	}
}
