/**
 * Bundles the browser demo with esbuild into `examples/browser/dist/`: `main.js` (the page's module,
 * Maxella and TensorFlow.js included), `index.html`, and the wasm backend's binaries under `wasm/`.
 *
 *   node --import tsx examples/browser/build.ts
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { wasmLoader } from 'esbuild-plugin-wasm';

const here = dirname(fileURLToPath(import.meta.url));
/** Where the built demo goes. */
export const DEMO_DIST = join(here, 'dist');

/** Builds the demo into `outDir` and returns the bundle's size in bytes. */
export async function buildDemo(outDir = DEMO_DIST): Promise<number> {
  mkdirSync(join(outDir, 'wasm'), { recursive: true });
  const result = await build({
    entryPoints: [join(here, 'main.ts')],
    outfile: join(outDir, 'main.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    // In a checkout `maxella/browser` resolves to the TypeScript sources (see package.json exports).
    conditions: ['maxella-source'],
    plugins: [wasmLoader({ mode: 'embedded' })], // farmhash-modern's wasm (feature hashing)
    minify: true,
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
  });
  copyFileSync(join(here, 'index.html'), join(outDir, 'index.html'));
  const wasmDist = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
  for (const file of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
    copyFileSync(join(wasmDist, file), join(outDir, 'wasm', file));
  }
  return result.metafile.outputs[join(outDir, 'main.js').slice(process.cwd().length + 1)]?.bytes ?? 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bytes = await buildDemo();
  console.log(`built ${DEMO_DIST}${bytes ? ` (main.js ${(bytes / 1e6).toFixed(1)} MB)` : ''}`);
}
