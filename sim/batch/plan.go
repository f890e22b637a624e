// Package batch runs many simulations as one piece of work that can be cut
// up, stopped and taken up again: a plan of points, each point a
// deterministic function of (scenario, point, seed) written atomically into
// its own folder under points/ with a completion marker. A local `vigie run`
// of a sweep, `vigie sweep run --index/--shard`, Slurm array tasks and
// Kubernetes indexed jobs all call Run, so they share one layout and one
// notion of done; Gather reads the folders back into the sweep's tables.
//
// The package knows nothing of scenario files (scenarios sits above sim):
// the caller expands the scenario into a Plan and hands Run a Job that
// simulates one point.
package batch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"vigie/internal/atomicfile"
)

// PlanFormat is the version of plan.json's layout.
const PlanFormat = 1

// File names inside a sweep folder and inside each point's folder.
const (
	PlanFile     = "plan.json"
	ScenarioFile = "scenario.yaml" // the scenario's source bytes, as hashed
	PointsDir    = "points"
	DoneFile     = "done.json"    // completion marker: written last
	ErrorFile    = "error.txt"    // the error of the last failed attempt
	RunningFile  = "running.json" // who is running the point now
)

// Plan is every point of a sweep with what it needs to be reproduced.
type Plan struct {
	Format       int    `json:"format"`
	VigieVersion string `json:"vigie_version"`
	// Scenario names the scenario and its sha256; its bytes are in
	// scenario.yaml beside plan.json.
	Scenario ScenarioRef `json:"scenario"`
	// SeedOverride is the --seed given when the plan was made, if any.
	SeedOverride *uint64 `json:"seed_override,omitempty"`
	Recognizer   string  `json:"recognizer"`
	// ModelSHA256 are the checksums of the model files the recognizer
	// loads; a point run with other models fails rather than mixing them.
	ModelSHA256 map[string]string `json:"model_sha256,omitempty"`
	// Parameters are the swept paths, in the order of Point.Values.
	Parameters []string `json:"parameters"`
	Points     []Point  `json:"points"`
}

// ScenarioRef names the scenario a plan was made from.
type ScenarioRef struct {
	Name   string `json:"name"`
	Source string `json:"source"`
	SHA256 string `json:"sha256"`
}

// Point is one unit of work: a grid point and a seed, or (Base) the
// scenario as written, which gives the run's full results and report.
type Point struct {
	Index  int    `json:"index"`
	Seed   uint64 `json:"seed"`
	Values []any  `json:"values"`
	Base   bool   `json:"base,omitempty"`
}

// Sweep returns the plan's grid points, without the base point.
func (p *Plan) Sweep() []Point {
	var out []Point
	for _, pt := range p.Points {
		if !pt.Base {
			out = append(out, pt)
		}
	}
	return out
}

// BaseIndex returns the index of the base point, or -1.
func (p *Plan) BaseIndex() int {
	for _, pt := range p.Points {
		if pt.Base {
			return pt.Index
		}
	}
	return -1
}

// ErrOtherPlan is returned by WritePlan when dir holds a different plan.
var ErrOtherPlan = errors.New("holds a plan for another scenario, seed or vigie version")

// WritePlan writes plan.json and scenario.yaml into dir. A folder that
// already holds the same plan is left as it is, finished points included,
// so planning again is harmless; one holding a different plan gives
// ErrOtherPlan and is not touched.
func WritePlan(dir string, p Plan, scenario []byte) error {
	p.Format = PlanFormat
	data, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	data = append(data, '\n')
	old, err := os.ReadFile(filepath.Join(dir, PlanFile))
	switch {
	case err == nil && bytes.Equal(old, data):
		return nil
	case err == nil:
		return fmt.Errorf("%s %w", dir, ErrOtherPlan)
	case !errors.Is(err, os.ErrNotExist):
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, PointsDir), 0o755); err != nil {
		return fmt.Errorf("creating the sweep folder: %w", err)
	}
	if err := atomicfile.Write(filepath.Join(dir, ScenarioFile), scenario); err != nil {
		return err
	}
	// plan.json last: a folder with a plan always has its scenario.
	return atomicfile.Write(filepath.Join(dir, PlanFile), data)
}

// ReadPlan reads a sweep folder's plan and scenario bytes.
func ReadPlan(dir string) (Plan, []byte, error) {
	var p Plan
	data, err := os.ReadFile(filepath.Join(dir, PlanFile))
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return p, nil, fmt.Errorf("%s has no %s: make one with `vigie sweep plan SCENARIO --out %s`", dir, PlanFile, dir)
		}
		return p, nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return p, nil, fmt.Errorf("%s: %w", filepath.Join(dir, PlanFile), err)
	}
	if p.Format != PlanFormat {
		return p, nil, fmt.Errorf("%s: format %d, this vigie reads format %d", filepath.Join(dir, PlanFile), p.Format, PlanFormat)
	}
	for i, pt := range p.Points {
		if pt.Index != i {
			return p, nil, fmt.Errorf("%s: point %d has index %d; points must be numbered from 0 in order", filepath.Join(dir, PlanFile), i, pt.Index)
		}
	}
	scenario, err := os.ReadFile(filepath.Join(dir, ScenarioFile))
	if err != nil {
		return p, nil, err
	}
	return p, scenario, nil
}

// PointDir is the folder of point i.
func PointDir(dir string, i int) string {
	return filepath.Join(dir, PointsDir, fmt.Sprintf("%06d", i))
}
