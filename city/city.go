package city

import (
	"fmt"

	"vigie/internal/seeds"
)

// City is a built city: streets, places, citizens and their plans, cameras,
// and which cameras see which street segments.
type City struct {
	Width, Height float64
	Streets       *Streets
	Places        []Place
	Citizens      []Citizen
	Cameras       []Camera
	// Passes[d] lists the camera captures on directed edge d, by distance.
	Passes   [][]Pass
	Geometry Geometry
	Sun      Sun
	// Ties are the citizens' social circles.
	Ties *Ties

	byKind    map[string][]int32
	lineStops int
	legs      []Leg
	planStart []int32
}

// Spec is everything Build needs.
type Spec struct {
	Seed       uint64
	City       Config
	Population PopulationConfig
	Activities ActivityConfig
	Cameras    CameraConfig
}

// Build makes the city for a seed. The same Spec always gives the same city.
func Build(s Spec) (*City, error) {
	streets, err := buildStreets(s.City, seeds.Stream(s.Seed, "streets"))
	if err != nil {
		return nil, err
	}
	c := &City{Width: s.City.WidthM, Height: s.City.HeightM, Streets: streets, Sun: s.City.Sun}
	if err := c.placePlaces(s.City, s.Population.Size, seeds.Stream(s.Seed, "places")); err != nil {
		return nil, err
	}
	if err := c.populate(s.Population, seeds.Stream(s.Seed, "population")); err != nil {
		return nil, err
	}
	c.schedule(s.Activities, seeds.Stream(s.Seed, "schedules"))
	c.buildTies()
	if err := c.placeCameras(s.Cameras, seeds.Stream(s.Seed, "cameras")); err != nil {
		return nil, err
	}
	for i, cam := range c.Cameras {
		if cam.X < 0 || cam.Y < 0 || cam.X > c.Width || cam.Y > c.Height {
			return nil, fmt.Errorf("camera %d at (%g, %g) is outside the %gx%g m city", i, cam.X, cam.Y, c.Width, c.Height)
		}
	}
	c.Geometry = geometryOf(s.Cameras.Optics, s.Activities.WalkSpeedMS)
	c.coverStreets(c.Geometry)
	return c, nil
}
