// Package recognizer owns every way a sighting becomes a search result,
// behind the typed Mode: the deployed-system profiles and the
// published-rates recognizer drawn from them, the calibrated recognizer
// (a profile's level, the open pipeline's shape), the registry the
// pipeline modes join (package sim/facerec registers fitted, cached, exact
// and the calibrated mode's measurer when it is linked in), the one
// threshold search (Bisect), the threshold slope fit, and the replay of
// published deployment logs through a profile.
//
// It imports no ONNX Runtime and nothing of the engine: package sim builds
// on it, and so does the WebAssembly explorer.
package recognizer
