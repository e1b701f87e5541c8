/**
 * Trains the demo's two-tower model in Node and saves it as an artifact the page loads with
 * `fetchArtifact` ("Load model"): weights, config and the encoder's vocabularies, checksummed.
 *
 *   node --conditions=maxella-source --import tsx examples/browser/export-model.ts <ml-100k folder> <artifact folder> [epochs]
 */
import { fileURLToPath } from 'node:url';
import { readMovieLens } from 'maxella/data';
import { initEngine } from 'maxella';
import { saveArtifact } from 'maxella/models';
import { demoEncoder, demoModel } from './model.ts';

/** Trains on every rating of the release in `dataDir` and saves the model to `artifactDir`; returns the last epoch's loss. */
export async function exportDemoModel(dataDir: string, artifactDir: string, epochs = 3): Promise<number> {
  await initEngine();
  const ds = await readMovieLens(dataDir);
  const encoder = demoEncoder().adapt(ds, Int32Array.from({ length: ds.ratings.length }, (_, i) => i));
  const model = demoModel(encoder);
  const history = await model.fit(encoder.encode(ds), { epochs, batchSize: 2048, seed: 42 });
  await saveArtifact(artifactDir, model, { extras: { encoder: encoder.toJSON() } });
  return history.history.loss.at(-1) ?? NaN;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dataDir, artifactDir, epochs] = process.argv.slice(2);
  if (!dataDir || !artifactDir) {
    console.error('usage: export-model.ts <ml-100k folder> <artifact folder> [epochs]');
    process.exit(2);
  }
  const loss = await exportDemoModel(dataDir, artifactDir, epochs ? Number(epochs) : undefined);
  console.log(`saved ${artifactDir} (final loss ${loss.toFixed(1)})`);
}
