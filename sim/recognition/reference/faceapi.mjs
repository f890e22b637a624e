// Reference harness: runs face-api.js itself (tfjs + the wasm backend) on
// images the Go test hands over, so the Go pipeline can be checked against
// the implementation it reproduces.
//
// Usage:
//   node faceapi.mjs run   <job.json>   full pipeline on raw RGB images
//   node faceapi.mjs bench <job.json>   descriptors per second on 150x150 chips
//
// job.json (written by the Go side):
//   { "modelDir": "...", "outDir": "...",
//     "images": [ { "name": "sample1", "width": W, "height": H, "rgb": "path" } ],
//     "chips":  [ "path to 150*150*3 float32 little-endian file", ... ],
//     "seconds": 2 }
// Images are raw 8-bit RGB, row-major, decoded by Go so that both sides see
// the same pixels (Node has no JPEG decoder without native add-ons).
//
// "run" writes <outDir>/result.json and, for every face, the exact float
// tensor face-api feeds FaceRecognitionNet as <outDir>/<name>_<i>.f32.
// "bench" prints one JSON line with descriptors per second at batch 1 and 16.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..', '..');

// Node's fetch refuses file:// URLs, and the wasm backend fetches its
// binaries; answer those URLs from disk and pass everything else through.
const platformFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : input.url;
  if (url.startsWith('file://')) {
    const body = fs.readFileSync(fileURLToPath(url));
    return new Response(body, { status: 200, headers: { 'Content-Type': 'application/wasm' } });
  }
  return platformFetch(input, init);
};

const tf = require('@tensorflow/tfjs');
const wasm = require('@tensorflow/tfjs-backend-wasm');
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');

const CHIP = 150;

async function init(modelDir) {
  const dist = path.join(root, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
  const files = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];
  const map = {};
  for (const f of files) map[f] = pathToFileURL(path.join(dist, f)).href;
  wasm.setWasmPaths(map);
  await tf.setBackend('wasm');
  await tf.ready();
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(modelDir);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(modelDir);
  await faceapi.nets.faceRecognitionNet.loadFromDisk(modelDir);
  await faceapi.nets.ageGenderNet.loadFromDisk(modelDir);
}

function readImage(img) {
  const buf = fs.readFileSync(img.rgb);
  if (buf.length !== img.width * img.height * 3) {
    throw new Error(`${img.rgb}: ${buf.length} bytes, want ${img.width}x${img.height}x3`);
  }
  return tf.tensor3d(new Int32Array(buf), [img.height, img.width, 3], 'int32');
}

const box = (b) => ({ x: b.x, y: b.y, width: b.width, height: b.height });

// The chip face-api embeds: the dlib-aligned rect cut from the image, padded
// to a square and resized to 150x150, exactly as computeFaceDescriptor does.
async function chipTensor(image, rect) {
  const [face] = await faceapi.extractFaceTensors(image, [rect]);
  const chip = new faceapi.NetInput([face]).toBatchTensor(CHIP, true);
  face.dispose();
  return chip;
}

async function run(job) {
  const results = [];
  for (const img of job.images) {
    const image = readImage(img);
    const options = new faceapi.SsdMobilenetv1Options({ minConfidence: job.minConfidence || 0.5, maxResults: 100 });
    const faces = await faceapi.detectAllFaces(image, options).withFaceLandmarks().withFaceDescriptors().withAgeAndGender();
    faces.sort((a, b) => b.detection.score - a.detection.score);
    const out = [];
    for (let i = 0; i < faces.length; i++) {
      const f = faces[i];
      const dlib = f.landmarks.align(null, { useDlibAlignment: true });
      const chip = await chipTensor(image, dlib);
      const chipData = chip.dataSync();
      const chipFile = path.join(job.outDir, `${img.name}_${i}.f32`);
      fs.writeFileSync(chipFile, Buffer.from(chipData.buffer, chipData.byteOffset, chipData.byteLength));
      const fromChip = await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(chip);
      chip.dispose();
      out.push({
        score: f.detection.score,
        box: box(f.detection.box),
        landmarks: f.landmarks.positions.map((p) => [p.x, p.y]),
        alignedRect: box(f.alignedRect.box),
        dlibRect: box(dlib),
        descriptor: Array.from(f.descriptor),
        chip: chipFile,
        chipDescriptor: Array.from(fromChip),
        age: f.age,
        gender: f.gender,
        genderProbability: f.genderProbability,
      });
    }
    image.dispose();
    results.push({ name: img.name, width: img.width, height: img.height, faces: out });
  }
  const meta = { faceapi: faceapi.version, tfjs: tf.version_core, backend: tf.getBackend() };
  fs.writeFileSync(path.join(job.outDir, 'result.json'), JSON.stringify({ meta, images: results }));
}

function readChip(file) {
  const buf = fs.readFileSync(file);
  if (buf.length !== CHIP * CHIP * 3 * 4) throw new Error(`${file}: ${buf.length} bytes, want 150x150x3 float32`);
  const f32 = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
  return tf.tensor3d(f32, [CHIP, CHIP, 3], 'float32');
}

// Descriptors per second over at least `seconds` of work after one warm-up call.
async function rate(net, chips, batch, seconds) {
  const pick = (k) => Array.from({ length: batch }, (_, j) => chips[(k + j) % chips.length]);
  await net.computeFaceDescriptor(batch === 1 ? chips[0] : pick(0));
  let done = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    await net.computeFaceDescriptor(batch === 1 ? chips[done % chips.length] : pick(done));
    done += batch;
  }
  return done / ((performance.now() - t0) / 1000);
}

async function bench(job) {
  const chips = job.chips.map(readChip);
  const net = faceapi.nets.faceRecognitionNet;
  const seconds = job.seconds || 2;
  const b1 = await rate(net, chips, 1, seconds);
  const b16 = await rate(net, chips, 16, seconds);
  console.log(JSON.stringify({ backend: tf.getBackend(), threads: wasm.getThreadsCount(), batch1PerSec: b1, batch16PerSec: b16 }));
}

async function main() {
  const [mode, jobFile] = process.argv.slice(2);
  if (!['run', 'bench'].includes(mode) || !jobFile) {
    throw new Error('usage: node faceapi.mjs run|bench <job.json>');
  }
  const job = JSON.parse(fs.readFileSync(jobFile, 'utf8'));
  await init(job.modelDir);
  if (mode === 'run') await run(job);
  else await bench(job);
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
