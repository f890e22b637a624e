// Package live shows a running simulation in a window: the street map,
// citizens moving (coloured by group on demand), cameras with their fields of
// view, alerts flashing where they happen (true and false in different
// colours), and a panel of running counters for every regime.
//
// The view only observes: it drives the simulation step by step through the
// Source interface (which *sim.Engine satisfies) and reads positions, alerts
// and counters between steps. The state it keeps (View) is plain Go that
// tests can drive without a display; the ebiten game around it draws that
// state and turns keys into actions, in the style of ebiten's examples:
// Update changes state, Draw only reads it.
//
// With Config.Frames set, the view runs that many frames without a person
// and saves the last one as a PNG; this works under Xvfb and is how tests
// see it.
package live
