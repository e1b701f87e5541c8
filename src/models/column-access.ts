/** Typed access to a batch's columns with errors that name the column and what was wrong. */
import { tf } from '../engine/index.ts';
import { isRagged, type Columns, type Ragged } from '../features/columns.ts';

function describe(column: Columns['features'][string] | undefined): string {
  if (column === undefined) return 'nothing';
  if (isRagged(column)) return 'a ragged column';
  return column instanceof Int32Array ? 'Int32' : 'Float32';
}

/** The Float32 column `name` of `batch`. */
export function floatColumn(batch: Columns, name: string): Float32Array {
  const column = batch.features[name];
  if (!(column instanceof Float32Array)) throw new Error(`column "${name}" must be Float32, got ${describe(column)}`);
  return column;
}

/** The Ragged column `name` of `batch`. */
export function raggedColumn(batch: Columns, name: string): Ragged {
  const column = batch.features[name];
  if (column === undefined || !isRagged(column)) throw new Error(`column "${name}" must be ragged, got ${describe(column)}`);
  return column;
}

/** The Float32 column `name` as a rows × 1 label tensor. */
export function labelTensor(batch: Columns, name: string): tf.Tensor2D {
  return tf.tensor2d(floatColumn(batch, name), [batch.length, 1]);
}

/** The Int32 id column `name` of `batch`. */
export function idColumn(batch: Columns, name: string): Int32Array {
  const column = batch.features[name];
  if (!(column instanceof Int32Array)) throw new Error(`column "${name}" must be Int32 ids, got ${describe(column)}`);
  return column;
}
