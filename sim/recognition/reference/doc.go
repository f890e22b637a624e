// Package reference checks Vigie's recognition pipeline against face-api.js
// itself. faceapi.mjs runs face-api.js 1.7.15 under Node.js (tfjs 4.22 with
// the wasm backend, installed by `npm ci` from the repository's
// package-lock.json) on images the Go test decodes and hands over as raw
// RGB; the test runs the Go pipeline on the same pixels and compares boxes,
// landmarks, descriptors and age/gender. The harness also benchmarks
// face-api.js's descriptors per second for side-by-side comparison with the
// Go embedder.
package reference
