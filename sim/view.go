package sim

import (
	"vigie/metrics"
)

// Position is where a citizen is, for viewers.
type Position struct {
	X, Y   float64
	Group  int
	Moving bool
}

// Counters are a regime's running totals, for viewers.
type Counters struct {
	FacesScanned, Alerts, TrueAlerts, FalseAlerts, Stops, FalseStops, Located int
}

// Positions appends every citizen's position in regime r's world to dst.
// It only reads the world; call it between steps.
func (e *Engine) Positions(r int, dst []Position) []Position {
	w := e.worlds[r]
	c := e.city
	for i := range w.agents {
		a := &w.agents[i]
		p := Position{Group: int(c.Citizens[i].Group)}
		n := c.Streets.Nodes[a.node]
		if a.edge < 0 {
			p.X, p.Y = n.X, n.Y
		} else {
			from, to := c.Streets.Ends(a.edge)
			fn, tn := c.Streets.Nodes[from], c.Streets.Nodes[to]
			f := a.pos / c.Streets.Edges[a.edge/2].Len
			p.X, p.Y, p.Moving = fn.X+(tn.X-fn.X)*f, fn.Y+(tn.Y-fn.Y)*f, true
		}
		dst = append(dst, p)
	}
	return dst
}

// AlertsSince returns regime r's alerts raised at or after a minute.
func (e *Engine) AlertsSince(r int, minute float64) []metrics.AlertPoint {
	return e.worlds[r].col.AlertsSince(minute)
}

// Counters returns regime r's running totals.
func (e *Engine) Counters(r int) Counters {
	w := e.worlds[r]
	return Counters(w.col.Running())
}
