// Package facerec holds the recognizers that put the real pipeline into the
// city: faces (Vigie's generated citizens, or a folder a researcher brings)
// seen under each sighting's capture conditions go through the face-api.js
// networks run by ONNX Runtime (package sim/recognition).
//
//   - fitted runs a sample of the population through the pipeline, fits
//     genuine and impostor distance distributions per group and condition
//     bin, and draws each search outcome from them, so cities of a million
//     and watchlists of a hundred thousand stay cheap;
//   - exact and cached run sightings through the pipeline themselves.
//
// All of them score by dlib descriptor distance (recognizer.Distance): lower is
// stricter.
package facerec
