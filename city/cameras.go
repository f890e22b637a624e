package city

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/spatial/kdtree"
)

// Camera is a fixed camera looking along a heading.
type Camera struct {
	X, Y       float64
	HeadingDeg float64
	// Node is the intersection the camera stands at (-1 for explicit cameras).
	Node int32
	// Place is the place the camera watches, or -1.
	Place int32
}

// Pass is where, on a directed street segment, a walker is best seen by a
// camera, and how they are seen there.
type Pass struct {
	Camera int32
	// S is the distance along the directed edge of the capture point.
	S float64
	// Conditions other than light, which depends on the time of day.
	FacePx   float32
	YawDeg   float32
	PitchDeg float32
	// BlurPxPerMS is motion blur per millisecond of exposure at walking speed.
	BlurPxPerMS float32
}

// faceHeightM is the chin-to-crown height of an adult head, which is what
// detectors' boxes roughly span.
const faceHeightM = 0.22

// eyeHeightM is the height of a walker's face above the ground.
const eyeHeightM = 1.6

// maxYawDeg is the largest head yaw at which a face is still captured; past
// it the camera sees the side or back of the head.
const maxYawDeg = 75

// sampleStepM is the spacing of the points tested along a street.
const sampleStepM = 1.0

func (c *City) placeCameras(cfg CameraConfig, rng *rand.Rand) error {
	for _, p := range cfg.Placement {
		if err := c.placeBy(p, rng); err != nil {
			return err
		}
	}
	return nil
}

func (c *City) placeBy(p Placement, rng *rand.Rand) error {
	switch p.Strategy {
	case "transit_hubs":
		return c.camerasAtPlaces([]string{KindTransitHub}, p.Count, rng)
	case "places":
		return c.camerasAtPlaces(p.Kinds, p.Count, rng)
	case "arterials":
		var arts []int32
		for i, n := range c.Streets.Nodes {
			if n.Arterial {
				arts = append(arts, int32(i))
			}
		}
		for k := 0; k < p.Count; k++ {
			c.cameraAtNode(arts[rng.IntN(len(arts))], -1, rng)
		}
	case "random":
		for k := 0; k < p.Count; k++ {
			c.cameraAtNode(int32(rng.IntN(len(c.Streets.Nodes))), -1, rng)
		}
	case "explicit":
		for _, a := range p.At {
			c.Cameras = append(c.Cameras, Camera{X: a.X, Y: a.Y, HeadingDeg: a.HeadingDeg, Node: -1, Place: -1})
		}
	default:
		return fmt.Errorf("unknown camera placement strategy %q", p.Strategy)
	}
	return nil
}

func (c *City) camerasAtPlaces(kinds []string, perPlace int, rng *rand.Rand) error {
	for _, k := range kinds {
		places := c.PlacesOf(k)
		if len(places) == 0 {
			return fmt.Errorf("cameras asked for at %q places, but the city has none", k)
		}
		for _, pl := range places {
			for n := 0; n < perPlace; n++ {
				c.cameraAtNode(c.Places[pl].Node, pl, rng)
			}
		}
	}
	return nil
}

// cameraAtNode mounts a camera at an intersection, set back a few metres
// and looking down one of the streets that meet there, so that it sees the
// faces of people walking towards the intersection.
func (c *City) cameraAtNode(node, place int32, rng *rand.Rand) {
	n := c.Streets.Nodes[node]
	out := c.Streets.Out[node]
	de := out[rng.IntN(len(out))]
	_, to := c.Streets.Ends(de)
	t := c.Streets.Nodes[to]
	heading := math.Atan2(t.Y-n.Y, t.X-n.X)
	side := heading + math.Pi/2
	off := 3 + rng.Float64()*3
	x, y := n.X+off*math.Cos(side), n.Y+off*math.Sin(side)
	if x < 0 || y < 0 || x > c.Width || y > c.Height {
		// On the city's edge, mount it on the inner side of the street.
		x, y = n.X-off*math.Cos(side), n.Y-off*math.Sin(side)
	}
	c.Cameras = append(c.Cameras, Camera{
		X:          clamp(x, 0, c.Width),
		Y:          clamp(y, 0, c.Height),
		HeadingDeg: heading * 180 / math.Pi,
		Node:       node,
		Place:      place,
	})
}

// Geometry holds the values that turn camera positions into face sizes.
type Geometry struct {
	FocalPx   float64
	HalfFOV   float64
	RangeM    float64
	MountM    float64
	WalkSpeed float64
}

func geometryOf(o Optics, walk float64) Geometry {
	half := o.HFOVDeg / 2 * math.Pi / 180
	return Geometry{FocalPx: float64(o.WidthPx) / 2 / math.Tan(half), HalfFOV: half, RangeM: o.RangeM, MountM: o.MountHeightM, WalkSpeed: walk}
}

// coverStreets finds, for every directed street segment, the cameras that
// see a walker on it and where. A k-d tree of camera positions keeps this to
// the cameras near each segment.
func (c *City) coverStreets(g Geometry) {
	c.Passes = make([][]Pass, 2*len(c.Streets.Edges))
	if len(c.Cameras) == 0 {
		return
	}
	pts := make(kdtree.Points, len(c.Cameras))
	for i, cam := range c.Cameras {
		pts[i] = kdtree.Point{cam.X, cam.Y, float64(i)}
	}
	tree := kdtree.New(camPoints(pts), false)
	for e, ed := range c.Streets.Edges {
		a, b := c.Streets.Nodes[ed.A], c.Streets.Nodes[ed.B]
		mid := camPoint{(a.X + b.X) / 2, (a.Y + b.Y) / 2, -1}
		keep := kdtree.NewDistKeeper(sq(g.RangeM + ed.Len/2))
		tree.NearestSet(keep, mid)
		var cams []int
		for _, h := range keep.Heap {
			if h.Comparable != nil {
				cams = append(cams, int(h.Comparable.(camPoint)[2]))
			}
		}
		sort.Ints(cams) // the heap's order is not the cameras' order
		for _, ci := range cams {
			for dir := 0; dir < 2; dir++ {
				if p, ok := c.bestPass(g, int32(ci), DirEdge(e, dir == 1)); ok {
					c.Passes[DirEdge(e, dir == 1)] = append(c.Passes[DirEdge(e, dir == 1)], p)
				}
			}
		}
	}
	for d := range c.Passes {
		ps := c.Passes[d]
		sort.SliceStable(ps, func(i, j int) bool { return ps[i].S < ps[j].S })
	}
}

// bestPass samples a directed segment and returns the point where camera ci
// sees a walker's face largest and most frontal, if it sees it at all.
func (c *City) bestPass(g Geometry, ci int32, de int32) (Pass, bool) {
	cam := c.Cameras[ci]
	from, to := c.Streets.Ends(de)
	a, b := c.Streets.Nodes[from], c.Streets.Nodes[to]
	length := math.Hypot(b.X-a.X, b.Y-a.Y)
	wx, wy := (b.X-a.X)/length, (b.Y-a.Y)/length
	hx, hy := math.Cos(cam.HeadingDeg*math.Pi/180), math.Sin(cam.HeadingDeg*math.Pi/180)
	best, bestQ := Pass{}, 0.0
	for s := 0.0; s <= length; s += sampleStepM {
		qx, qy := a.X+wx*s-cam.X, a.Y+wy*s-cam.Y
		d := math.Hypot(qx, qy)
		if d < 1 || d > g.RangeM {
			continue
		}
		// Inside the camera's horizontal field of view?
		if math.Acos(clamp((qx*hx+qy*hy)/d, -1, 1)) > g.HalfFOV {
			continue
		}
		// Yaw: the angle between where the walker faces and the camera.
		yaw := math.Acos(clamp(-(qx*wx+qy*wy)/d, -1, 1)) * 180 / math.Pi
		if yaw > maxYawDeg {
			continue
		}
		slant := math.Hypot(d, g.MountM-eyeHeightM)
		facePx := g.FocalPx * faceHeightM / slant
		q := facePx * math.Cos(yaw*math.Pi/180)
		if q > bestQ {
			// Motion blur: the walker's speed across the image plane.
			across := g.WalkSpeed * math.Sin(yaw*math.Pi/180) * g.FocalPx / slant
			best = Pass{Camera: ci, S: s, FacePx: float32(facePx), YawDeg: float32(yaw),
				PitchDeg:    float32(math.Atan2(g.MountM-eyeHeightM, d) * 180 / math.Pi),
				BlurPxPerMS: float32(across / 1000)}
			bestQ = q
		}
	}
	return best, bestQ > 0
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }
func sq(v float64) float64            { return v * v }

// camPoint is a camera position for the k-d tree: x, y and the camera index.
type camPoint [3]float64

func (p camPoint) Compare(c kdtree.Comparable, d kdtree.Dim) float64 { return p[d] - c.(camPoint)[d] }
func (p camPoint) Dims() int                                         { return 2 }
func (p camPoint) Distance(c kdtree.Comparable) float64 {
	q := c.(camPoint)
	return sq(p[0]-q[0]) + sq(p[1]-q[1])
}

// camPoints adapts camera points to kdtree.Interface.
type camPoints kdtree.Points

func (p camPoints) Index(i int) kdtree.Comparable { return camPoint{p[i][0], p[i][1], p[i][2]} }
func (p camPoints) Len() int                      { return len(p) }
func (p camPoints) Pivot(d kdtree.Dim) int {
	return kdtree.Partition(camPlane{p, d}, kdtree.MedianOfMedians(camPlane{p, d}))
}
func (p camPoints) Slice(start, end int) kdtree.Interface { return p[start:end] }

type camPlane struct {
	camPoints
	kdtree.Dim
}

func (p camPlane) Less(i, j int) bool { return p.camPoints[i][p.Dim] < p.camPoints[j][p.Dim] }
func (p camPlane) Slice(start, end int) kdtree.SortSlicer {
	return camPlane{p.camPoints[start:end], p.Dim}
}
func (p camPlane) Swap(i, j int) { p.camPoints[i], p.camPoints[j] = p.camPoints[j], p.camPoints[i] }

// CamerasNear returns the cameras within radius metres of (x, y), in index order.
func (c *City) CamerasNear(x, y, radius float64) []int32 {
	var out []int32
	for i, cam := range c.Cameras {
		if math.Hypot(cam.X-x, cam.Y-y) <= radius {
			out = append(out, int32(i))
		}
	}
	return out
}
