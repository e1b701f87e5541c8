/**
 * The common layer interface. Maxella layers are small classes over `tf.Variable`s (not tf.layers):
 * a layer owns its weights, its `apply(...)` is a plain function of tensors, and a model collects
 * the weights of its layers for the optimizer and for artifacts.
 */
import { tf } from '../engine/index.ts';
import type { Embedding } from './embedding.ts';

/** What every layer exposes to models, optimizers and artifacts. */
export interface Layer {
  /** A readable name (unique within a model by convention, not enforced). */
  readonly name: string;
  /** Dense trainable variables, in a stable order (empty before a lazily built layer is built). */
  variables(): tf.Variable[];
  /** Embedding tables (sparsely updated, not tf.Variables), in a stable order. */
  embeddings(): Embedding[];
  /** Regularization penalties (e.g. L2 on kernels) to add to the loss; none when absent. */
  regularizationLoss?(): tf.Scalar | undefined;
  /** Re-imposes weight constraints (e.g. max-norm); the model calls it after every update. */
  applyConstraints?(): void;
  /** A JSON-serialisable description sufficient to rebuild the layer. */
  getConfig(): object;
}

/** Collects variables, embeddings and regularization penalties of many layers, in order. */
export function collectVariables(layers: readonly Layer[]): tf.Variable[] {
  return layers.flatMap((l) => l.variables());
}

/** The embedding tables of `layers` without duplicates (a table shared by two layers counts once). */
export function collectEmbeddings(layers: readonly Layer[]): Embedding[] {
  return [...new Set(layers.flatMap((l) => l.embeddings()))];
}

/** The sum of the defined losses, or undefined when there are none. */
export function sumLosses(losses: (tf.Scalar | undefined)[]): tf.Scalar | undefined {
  const defined = losses.filter((l): l is tf.Scalar => l !== undefined);
  if (defined.length === 0) return undefined;
  return defined.reduce((a, b) => tf.add(a, b));
}
