// Package metrics turns a simulation's events into the figures Vigie reports:
// error rates per regime and per demographic group with 95% intervals, the
// security outcomes (wanted persons located, time to locate), the liberty
// costs (innocent people stopped, records retained, sensitive visits lost),
// and the results document that every other output is drawn from.
//
// It follows the habits of NIST FRVT/FRTE and ISO/IEC 19795-10: every rate
// carries its numerator, denominator and interval, and field figures are
// given per face scanned, per alert and per person passing a camera.
// It depends on no other Vigie package.
package metrics
