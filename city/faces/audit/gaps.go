package audit

// knownGaps are the gates the generator does not reach yet despite tuning;
// their tests skip with the measured figure rather than being loosened.
// Measured with `vigie faces audit --n 500` (500 identities x 2 captures,
// seed 1) on the generator as committed: detection (worst band 99.0%), sex
// (90.4%; women 86.1%, men 94.6%), age (MAE 9.0 years), skin and the three
// condition sweeps hold.
//
//   - landmarks: mean error 9.3% of the inter-ocular distance (target 8%;
//     women 7.7%, men 10.9%; jaw 12.6%, eyes 5.7%). The gate divides by
//     the eye-centre distance; over the outer eye corners, 300-W's
//     normalisation, the same error is 6.7%, and we keep the stricter one. The detector's box ends about 0.1 IOD above
//     the generator's chin and the landmark network follows the box, so the
//     chin and lower jaw points sit 0.13-0.19 IOD too high; widening eye
//     spacing, raising nose and mouth a little and starting the jaw contour
//     above the eye line (as the 68-point convention does) brought it down
//     from 12.8%. Men's larger error goes with a taller detector box (it
//     starts about 0.15 IOD higher on their uncovered foreheads); beards,
//     jaw width or squareness, a shorter chin, brow ridge, hairline, hair
//     length, a neck shadow and frontal light do not explain it.
//   - identity: FNMR 0.2% (genuine mean 0.184) but FMR 58.0% (impostor mean
//     0.582, real photos ~0.71): the descriptor sees the synthetic faces as
//     too alike. Moving the mean face with the descriptor in the loop (eyes,
//     nose, chin) lifted the impostor mean from 0.544 (FMR 75.8%). Spreading
//     the parameters further saturates (0.606 at 2.5x, breaking the
//     landmarks). TestIdentityProbes shows why, on aligned chips of 40
//     generated faces and the 22 demo photographs (0.593 and 0.709 as
//     drawn): scaling each chip's difference from its set's mean chip by
//     0.5 or 2 gives 0.537 or 0.592 (photographs 0.684 or 0.687), so the
//     descriptor reads the pattern of differences, not their contrast;
//     swapping the sets' mean chips (0.602 generated variation on the
//     photographic mean, 0.630 the reverse) says both the base look and
//     the kind of variation fall short
//     of photographs. Lighting, hair, skin grain and low-frequency relief
//     move it little.
var knownGaps = map[string]bool{
	"landmarks": true,
	"identity":  true,
}
