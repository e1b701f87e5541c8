/**
 * TFRS "Deep & Cross Network (DCN)" tutorial (dcn) in Maxella, on the MovieLens rating task.
 *
 *   node --conditions=maxella-source --import tsx examples/dcn.ts [--data <folder or spec>] [--quick] [--epochs <n>]
 *
 * Six categorical features are embedded (32-d each) and concatenated into x0; a DCN-v2 cross layer
 * learns explicit feature crosses, a 192-192 deep network follows, and a Dense(1) predicts the
 * rating. It is compared with the same model without the cross layer (a DNN), then the cross
 * layer's kernel is summarised as the tutorial's feature-importance matrix.
 */
import { availableFeatures, MovieLensEncoder, type MovieLensFeature } from 'maxella/features';
import { DcnModel, type DcnStructure } from 'maxella/models';
import { Adam } from 'maxella/train';
import { epochLogger, exampleOptions, loadExampleData, printMetrics, trainTestSplit } from './common.ts';

const options = exampleOptions(8);
const ds = await loadExampleData(options);
const { train, test } = trainTestSplit(ds, options);

// The tutorial's features (user_occupation_label stands for user_occupation_text), when the data has them.
const wanted: MovieLensFeature[] = ['movie_id', 'user_id', 'user_zip_code', 'user_occupation_label', 'bucketized_user_age', 'user_gender'];
const features = wanted.filter((f) => availableFeatures(ds).includes(f));
const encoder = new MovieLensEncoder({ features: [...features, 'user_rating'] }).adapt(ds, train);
const trainColumns = encoder.encode(ds, train);
const testColumns = encoder.encode(ds, test);

/** Builds, trains (Adam 0.01, batch 8192, as the tutorial) and evaluates one DCN variant. */
async function run(title: string, structure: DcnStructure, projectionDim?: number) {
  console.log(`\n${title}`);
  const model = new DcnModel({
    features: features.map((name) => ({ name, vocabularySize: encoder.vocabularySize(name) })),
    embeddingDim: 32,
    structure,
    crossLayers: 1,
    projectionDim,
    deepLayers: [192, 192],
    label: 'user_rating',
    seed: 7,
  });
  model.compile({ optimizer: new Adam({ learningRate: 0.01 }) });
  await model.fit(trainColumns, { epochs: options.epochs, batchSize: options.quick ? 1024 : 8192, seed: 42, callbacks: [epochLogger()] });
  printMetrics('Test set:', model.evaluate(testColumns, { batchSize: 4096 }));
  return model;
}

const dcn = await run('DCN (cross layer → deep 192-192):', 'stacked');
await run('DCN low-rank (projection_dim=20):', 'stacked', 20);
await run('DNN (deep 192-192, no cross layer):', 'deep');

// ## Model understanding: the Frobenius norm of each (feature i, feature j) block of the first cross
// layer's kernel. A large entry means the model learned a strong interaction between i and j.
const { features: names, norms } = dcn.featureImportance();
console.log('\nFeature-importance matrix of the cross layer (rows × columns = features):');
const width = Math.max(...names.map((n) => n.length));
console.log(`${''.padEnd(width)}  ${names.map((_, j) => `[${j}]`.padStart(7)).join('')}`);
names.forEach((name, i) => console.log(`${name.padEnd(width)}  ${norms[i].map((v) => v.toFixed(3).padStart(7)).join('')}   [${i}]`));
