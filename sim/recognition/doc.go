// Package recognition is Vigie's real face-recognition pipeline: detect ->
// landmarks -> align -> embed -> 1:N search. The networks are face-api.js's,
// converted to ONNX at set-up (package convert) and run by ONNX Runtime; the
// watchlist search is an exact matrix product.
//
// Open finds the models folder, checks every file against its manifest and
// creates each session once; a Pipeline is safe for concurrent use.
package recognition
