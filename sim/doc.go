// Package sim is Vigie's engine. It builds the city, applies each policy
// regime to it, and moves the citizens through their day in discrete time
// steps. A citizen passing an active camera becomes a sighting with capture
// conditions; a recognizer (package recognizer) turns the sighting into a search result against
// the regime's watchlist; alerts go through human review to stops; every
// event is recorded and tallied by package metrics.
//
// The engine is a deterministic function of (configuration, seed): each
// regime runs in its own world with its own random streams, so running the
// worlds on several cores, or one step at a time for the live view, gives
// the same results byte for byte.
package sim
