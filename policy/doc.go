// Package policy turns a facial-recognition regime, as a scenario states it
// (which cameras run and when, who is on the watchlist, the match threshold,
// human review, what follows a confirmed alert, retention, signage,
// authorisation), into the rules the simulation applies to a built city.
//
// The five built-in regimes (none, targeted-live, eu-ai-act, retrospective,
// mass) are YAML files in package scenarios; this package knows only the
// shape of a regime and what it means.
package policy
