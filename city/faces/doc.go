// Package faces generates the synthetic faces of Vigie's citizens, so that the
// real recognition pipeline can be run on people who do not exist.
//
// A face is a deterministic function of a seed and a few attributes (age, sex,
// skin tone on the Monk scale): NewIdentity draws several dozen independent
// shape and appearance parameters, builds a parametric 3D head (skull profile,
// jaw, nose, eye sockets, lips, ears, hair, neck and clothing) and colours its
// skin with a two-layer melanin and haemoglobin model. Render draws that head
// as a camera sees it under a Capture (size, pose, light, blur, noise,
// exposure, JPEG, occluders) with a software rasterizer, and returns the
// image with the ground truth the generator knows: the face box and the 68
// landmarks in face-api / iBUG order.
//
// Same inputs give the same bytes; Render is safe to call from several
// goroutines at once. No real person's photograph is used anywhere.
package faces
