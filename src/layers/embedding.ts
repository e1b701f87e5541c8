/**
 * Embedding tables with sparse gradients.
 *
 * The table is a plain `Float32Array` (inputDim × outputDim, row-major), never a tf.Variable:
 * `apply(ids)` gathers the rows in JS into a fresh tensor, and the gradient that reaches that tensor
 * (dy, batch × outputDim) is captured through `tf.customGrad` as a sparse gradient `{ ids, rows }`.
 * The optimizer then updates only those rows. This avoids `tf.gather`'s gradient (UnsortedSegmentSum,
 * missing on wasm) and never materialises a dense table-sized gradient.
 *
 * The mechanism: each table owns a dummy scalar variable, the *anchor*. `apply` is a customGrad op
 * whose only input is the anchor, so autodiff over the model's `trainableVariables()` (which lists
 * every anchor) calls our gradient function, which records dy and returns a zero for the anchor.
 */
import { tf } from '../engine/index.ts';
import { nativeArrayKernels } from '../engine/native.ts';
import type { Layer } from './layer.ts';
import { EMBEDDING_UNIFORM, initialValues, type Initializer } from './initializers.ts';
import type { Ragged } from '../features/columns.ts';
import { nextDefaultSeed } from './seeds.ts';

/** A sparse gradient for an embedding table: `rows` is ids.length × dim, ids unique after merging. */
export interface SparseGradient {
  ids: Int32Array;
  rows: Float32Array;
}

/** Options of `Embedding`. */
export interface EmbeddingConfig {
  /** Number of rows (vocabulary size including the OOV/mask slot 0). */
  inputDim: number;
  /** Embedding dimension. */
  outputDim: number;
  name?: string;
  /** Seed of the initialiser (defaults to a process-wide counter: pass one for reproducibility). */
  seed?: number;
  /** Defaults to Keras' uniform(-0.05, 0.05). */
  initializer?: Initializer;
}

let embeddingCount = 0;

/**
 * Returns `value` as the output of a custom-gradient op whose inputs are `anchors`: when autodiff
 * reaches it, `capture` receives dy (as a Float32Array) and every anchor gets a zero gradient.
 */
function sparseGradientOp(anchors: tf.Variable[], value: () => tf.Tensor2D, capture: (dy: Float32Array) => void): tf.Tensor2D {
  type CustomGradientFunc = Parameters<typeof tf.customGrad>[0];
  const op = tf.customGrad(((...inputs: tf.Tensor[]) => ({
    value: value(),
    gradFunc: (dy: tf.Tensor) => {
      capture(dy.dataSync() as Float32Array);
      return inputs.slice(0, anchors.length).map((a) => tf.zerosLike(a));
    },
  })) as unknown as CustomGradientFunc);
  return op(...anchors) as tf.Tensor2D;
}

/**
 * The rows of several tables side by side, batch × Σ outputDim: `tf.concat` of each table's
 * `apply(ids[t])`, gathered straight into one buffer (no concatenation, no split of the gradient,
 * which cost 7 % of a ranking step). Differentiable like `apply` (a sparse gradient per table).
 */
export function concatenatedRows(tables: Embedding[], ids: Int32Array[]): tf.Tensor2D {
  if (tables.length !== ids.length || tables.length === 0) throw new Error(`concatenatedRows: ${tables.length} tables for ${ids.length} id columns`);
  const batch = ids[0].length;
  const width = tables.reduce((w, t) => w + t.outputDim, 0);
  const values = new Float32Array(batch * width);
  let column = 0;
  tables.forEach((table, t) => {
    if (ids[t].length !== batch) throw new Error(`concatenatedRows: column ${t} has ${ids[t].length} ids, column 0 ${batch}`);
    table.lookupInto(ids[t], values.subarray(column), width);
    column += table.outputDim;
  });
  return sparseGradientOp(tables.map((t) => t.anchor), () => tf.tensor2d(values, [batch, width]), (dy) => {
    let offset = 0;
    tables.forEach((table, t) => {
      table.pushGradient(ids[t], dy.subarray(offset), width);
      offset += table.outputDim;
    });
  });
}

/** `Embedding({ inputDim, outputDim })`: maps Int32 ids in [0, inputDim) to rows of a table. */
export class Embedding implements Layer {
  readonly name: string;
  readonly inputDim: number;
  readonly outputDim: number;
  readonly seed: number;
  /** The weights, inputDim × outputDim row-major. Optimizers update it in place. */
  readonly table: Float32Array;
  /** The dummy scalar that routes autodiff into this table's gradient capture (see file comment). */
  readonly anchor: tf.Variable;
  private readonly initializer: Initializer;
  /** Recorded gradients: row i of a part at rows[i · stride …]. */
  private pending: (SparseGradient & { stride: number })[] = [];
  private slotOf: Int32Array | undefined;
  /** `takeGradient`'s output arrays, reused; `used` rows of them were written by the last call. */
  private scratch: { ids: Int32Array; rows: Float32Array; used: number } | undefined;

  constructor(config: EmbeddingConfig) {
    const { inputDim, outputDim } = config;
    if (!Number.isInteger(inputDim) || inputDim < 1) throw new Error(`Embedding: inputDim must be a positive integer, got ${inputDim}`);
    if (!Number.isInteger(outputDim) || outputDim < 1) throw new Error(`Embedding: outputDim must be a positive integer, got ${outputDim}`);
    this.name = config.name ?? `embedding_${++embeddingCount}`;
    this.inputDim = inputDim;
    this.outputDim = outputDim;
    this.seed = config.seed ?? nextDefaultSeed();
    this.initializer = config.initializer ?? EMBEDDING_UNIFORM;
    this.table = initialValues(this.initializer, inputDim * outputDim, inputDim, outputDim, this.seed);
    this.anchor = tf.variable(tf.scalar(0), true);
  }

  /** Rows for `ids` as a batch × outputDim tensor; differentiable (sparse gradient). */
  apply(ids: Int32Array): tf.Tensor2D {
    const rows = this.lookup(ids);
    return sparseGradientOp([this.anchor], () => tf.tensor2d(rows, [ids.length, this.outputDim]), (dy) => this.pushGradient(ids, dy));
  }

  /** Rows for `ids` as a fresh Float32Array (ids.length × outputDim), no gradient. */
  lookup(ids: Int32Array): Float32Array {
    return this.lookupInto(ids, new Float32Array(ids.length * this.outputDim), this.outputDim);
  }

  /** Writes row `ids[i]` to `out[i · stride …]` (stride ≥ outputDim: a column block of a wider matrix); returns `out`. */
  lookupInto(ids: Int32Array, out: Float32Array, stride: number): Float32Array {
    const d = this.outputDim;
    const native = nativeArrayKernels();
    if (native) {
      const bad = native.gatherRows(this.table, d, ids, out, stride);
      if (bad >= 0) throw this.outside(ids[bad], bad);
      return out;
    }
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (!(id >= 0 && id < this.inputDim)) throw this.outside(id, i);
      out.set(this.table.subarray(id * d, id * d + d), i * stride);
    }
    return out;
  }

  private outside(id: number, position: number): Error {
    return new Error(`Embedding '${this.name}': id ${id} at position ${position} is outside [0, ${this.inputDim})`);
  }

  /**
   * Records a gradient for rows `ids`: row i of it at `rows[i · stride …]` (stride default outputDim);
   * used by apply, bags and `concatenatedRows`. The table keeps `rows` as given (callers pass a fresh
   * array: dy's `dataSync()` copy, a bag's own buffer) and copies `ids`, which may be the caller's input.
   */
  pushGradient(ids: Int32Array, rows: Float32Array, stride = this.outputDim): void {
    if (stride < this.outputDim || (ids.length > 0 && rows.length < (ids.length - 1) * stride + this.outputDim)) {
      throw new Error(`Embedding '${this.name}': a gradient of ${ids.length} rows (stride ${stride}) needs more than ${rows.length} values`);
    }
    this.pending.push({ ids: ids.slice(), rows, stride });
  }

  /** Discards recorded gradients (a step that failed, or a forward pass outside training). */
  clearGradients(): void {
    this.pending = [];
  }

  /**
   * The gradients recorded since the last call, duplicates summed (ids unique, in first-seen
   * order), or undefined when none. Clears the record. The arrays are this table's scratch, valid
   * until its next `takeGradient` (the optimizer consumes them at once; a fresh 1 MB array per
   * table and step cost 6 % of a bench ranking step).
   */
  takeGradient(): SparseGradient | undefined {
    const parts = this.pending;
    this.pending = [];
    if (parts.length === 0) return undefined;
    const d = this.outputDim;
    const slotOf = (this.slotOf ??= new Int32Array(this.inputDim).fill(-1));
    const total = parts.reduce((n, p) => n + p.ids.length, 0);
    if (!this.scratch || this.scratch.ids.length < total) {
      this.scratch = { ids: new Int32Array(total), rows: new Float32Array(total * d), used: 0 };
    } else {
      this.scratch.rows.fill(0, 0, this.scratch.used * d); // only the previous call's rows were written
    }
    const { ids, rows } = this.scratch;
    let unique = 0;
    const native = nativeArrayKernels();
    for (const part of parts) {
      if (native) {
        unique = native.accumulateRows(part.ids, part.rows, d, slotOf, ids, rows, unique, part.stride);
        if (unique < 0) {
          slotOf.fill(-1);
          this.scratch = undefined; // partly written
          throw new Error(`Embedding '${this.name}': a gradient names an id outside [0, ${this.inputDim})`);
        }
        continue;
      }
      for (let i = 0; i < part.ids.length; i++) {
        const id = part.ids[i];
        let slot = slotOf[id];
        if (slot < 0) {
          slot = slotOf[id] = unique++;
          ids[slot] = id;
        }
        const src = i * part.stride;
        const dst = slot * d;
        for (let k = 0; k < d; k++) rows[dst + k] += part.rows[src + k];
      }
    }
    for (let s = 0; s < unique; s++) slotOf[ids[s]] = -1;
    this.scratch.used = unique;
    return { ids: ids.subarray(0, unique), rows: rows.subarray(0, unique * d) };
  }

  variables(): tf.Variable[] {
    return [];
  }

  embeddings(): Embedding[] {
    return [this];
  }

  getConfig(): EmbeddingConfig {
    return { inputDim: this.inputDim, outputDim: this.outputDim, name: this.name, seed: this.seed, initializer: this.initializer };
  }
}

/** Options of `EmbeddingBag`: an `Embedding`'s, or an existing table to share. */
export type EmbeddingBagConfig = EmbeddingConfig | { table: Embedding; name?: string };

/**
 * Mean of the embeddings of the non-zero ids of each row of a `Ragged` column (id 0 = mask, never
 * read or updated), like Keras `Embedding(mask_zero=True)` + `GlobalAveragePooling1D`. A row with
 * only padding gives a zero vector (Keras would give NaN).
 */
export class EmbeddingBag implements Layer {
  readonly name: string;
  /** The underlying table (its row 0 is the mask and stays untouched). */
  readonly table: Embedding;

  constructor(config: EmbeddingBagConfig) {
    this.table = 'table' in config ? config.table : new Embedding(config);
    this.name = config.name ?? `${this.table.name}_bag`;
  }

  get outputDim(): number {
    return this.table.outputDim;
  }

  /** Mean-pooled rows, batch × outputDim, differentiable (sparse gradient into the table). */
  apply(column: Ragged): tf.Tensor2D {
    const { width, values } = column;
    const batch = values.length / width;
    const d = this.table.outputDim;
    const weights = new Float32Array(batch); // 1 / (number of non-mask ids) per row
    for (let r = 0; r < batch; r++) {
      let count = 0;
      for (let j = 0; j < width; j++) if (values[r * width + j] !== 0) count++;
      weights[r] = count > 0 ? 1 / count : 0;
    }
    const pooled = new Float32Array(batch * d);
    const all = this.table.lookup(values);
    for (let r = 0; r < batch; r++) {
      for (let j = 0; j < width; j++) {
        if (values[r * width + j] === 0) continue;
        const src = (r * width + j) * d;
        for (let k = 0; k < d; k++) pooled[r * d + k] += all[src + k] * weights[r];
      }
    }
    return sparseGradientOp([this.table.anchor], () => tf.tensor2d(pooled, [batch, d]), (dy) =>
      this.pushBagGradient(values, width, weights, dy),
    );
  }

  private pushBagGradient(values: Int32Array, width: number, weights: Float32Array, dy: Float32Array): void {
    const d = this.table.outputDim;
    let n = 0;
    for (let i = 0; i < values.length; i++) if (values[i] !== 0) n++;
    const ids = new Int32Array(n);
    const rows = new Float32Array(n * d);
    let at = 0;
    for (let i = 0; i < values.length; i++) {
      if (values[i] === 0) continue;
      const r = Math.floor(i / width);
      ids[at] = values[i];
      for (let k = 0; k < d; k++) rows[at * d + k] = dy[r * d + k] * weights[r];
      at++;
    }
    this.table.pushGradient(ids, rows);
  }

  variables(): tf.Variable[] {
    return [];
  }

  embeddings(): Embedding[] {
    return [this.table];
  }

  getConfig(): object {
    return { name: this.name, table: this.table.getConfig() };
  }
}
