// Package city builds Vigie's synthetic city from a seed: a street graph with
// districts, arterials and a centre; places of many kinds (homes, work,
// schools, transit hubs, markets, a stadium, places of worship, clinics, a
// public square); a population with age, sex, skin tone on the Monk scale and
// group labels; each citizen's plan for the day; and a camera network whose
// geometry turns a citizen walking past into capture conditions (face height
// in pixels, yaw, pitch, light, motion blur).
//
// Everything here is a pure function of the configuration and the seed: the
// simulation engine (package sim) moves citizens through what Build returns.
package city
