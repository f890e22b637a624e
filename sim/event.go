package sim

import "vigie/city"

// EventKind names what happened.
type EventKind uint8

// The events of a run, in the order a sighting can lead through them.
const (
	EvSighting  EventKind = iota // a face passed an active camera
	EvAlert                      // the search returned a candidate above threshold
	EvReview                     // an operator judged the alert
	EvStop                       // officers stopped the person
	EvLocated                    // a wanted person was found
	EvSearch                     // a retrospective search over stored footage
	EvSkipVisit                  // a citizen gave up a sensitive visit
)

var eventNames = [...]string{"sighting", "alert", "review", "stop", "located", "search", "skip_visit"}

func (k EventKind) String() string { return eventNames[k] }

// Event is one recorded event. Fields that do not apply are -1 or zero.
// A city of a million records millions of sightings a day, so an event
// keeps only what events.csv writes, in 32 bytes.
type Event struct {
	Minute  float64
	Citizen int32
	Camera  int32
	// FacePx and YawDeg are a sighting's face height and head yaw, as the
	// camera pass gives them (in float32, so nothing is lost).
	FacePx, YawDeg float32
	Kind           EventKind
	Light          city.Light
	// Detected, Alert and Correct describe a sighting's search; Confirmed a
	// review; Correct on a stop says whether the right person was stopped.
	Detected, Alert, Correct, Confirmed bool
}
