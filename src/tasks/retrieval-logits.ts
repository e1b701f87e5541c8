/**
 * The logit transforms of TFRS' Retrieval task (`tfrs.layers.loss`), on an in-batch `[Q × C]` score
 * matrix whose positive for query i is candidate i. Masks are built in JS from ids and scores (they
 * carry no gradient), so no gather (whose gradient is slow or missing on wasm/cpu) is needed.
 */
import { tf } from '../engine/index.ts';

/** TFRS' MIN_FLOAT: float32 min / 100, the logit that removes an entry from the softmax. */
export const MIN_FLOAT = -3.4028234663852886e38 / 100;

/** SamplingProbabilityCorrection: scores − log p(candidate) (logQ correction). */
export function correctSamplingProbability(scores: tf.Tensor2D, probabilities: Float32Array): tf.Tensor2D {
  const numCandidates = scores.shape[1];
  if (probabilities.length !== numCandidates) {
    throw new Error(`Retrieval: ${probabilities.length} candidate sampling probabilities for ${numCandidates} candidates`);
  }
  if (probabilities.some((p) => !(p > 0))) throw new Error('Retrieval: candidate sampling probabilities must be > 0');
  return tf.tidy(() => tf.sub(scores, tf.log(tf.tensor1d(probabilities))));
}

/** The `[Q × C]` 0/1 mask of entries to remove, as a MIN_FLOAT additive tensor. */
function removalTensor(numQueries: number, numCandidates: number, remove: (q: number, c: number) => boolean): tf.Tensor2D {
  const values = new Float32Array(numQueries * numCandidates);
  for (let q = 0; q < numQueries; q++) for (let c = 0; c < numCandidates; c++) if (remove(q, c)) values[q * numCandidates + c] = MIN_FLOAT;
  return tf.tensor2d(values, [numQueries, numCandidates]);
}

/** RemoveAccidentalHits: negatives with the same id as the row's positive get MIN_FLOAT added. */
export function removeAccidentalHits(scores: tf.Tensor2D, candidateIds: Int32Array): tf.Tensor2D {
  const [numQueries, numCandidates] = scores.shape;
  if (candidateIds.length !== numCandidates) throw new Error(`Retrieval: ${candidateIds.length} candidate ids for ${numCandidates} candidates`);
  return tf.tidy(() => tf.add(scores, removalTensor(numQueries, numCandidates, (q, c) => c !== q && candidateIds[c] === candidateIds[q])));
}

/**
 * HardNegativeMining: keep the positive and the `numHardNegatives` highest-scoring negatives of each
 * row. Instead of gathering a `[Q × (k + 1)]` matrix, the other negatives get MIN_FLOAT, which gives
 * the same softmax cross-entropy. Non-positive or ≥ C − 1 keeps every negative.
 */
export function mineHardNegatives(scores: tf.Tensor2D, numHardNegatives: number): tf.Tensor2D {
  const [numQueries, numCandidates] = scores.shape;
  if (numHardNegatives <= 0 || numHardNegatives >= numCandidates - 1) return tf.clone(scores);
  const values = scores.dataSync();
  const kept = new Uint8Array(numQueries * numCandidates);
  for (let q = 0; q < numQueries; q++) {
    const row = values.subarray(q * numCandidates, (q + 1) * numCandidates);
    const negatives = Array.from({ length: numCandidates }, (_, c) => c).filter((c) => c !== q);
    negatives.sort((a, b) => row[b] - row[a] || a - b);
    for (const c of negatives.slice(0, numHardNegatives)) kept[q * numCandidates + c] = 1;
  }
  return tf.tidy(() => tf.add(scores, removalTensor(numQueries, numCandidates, (q, c) => c !== q && !kept[q * numCandidates + c])));
}
