/**
 * Columnar feature tables: what preprocessing produces and what models consume.
 *
 * A `Columns` table holds one typed array per feature, all of the same length (rows). Multi-valued
 * features (genres, title tokens) are `Ragged`: a fixed `width` per row, row-major, padded with 0
 * (the mask id). Training slices rows out of a table with `takeRows`.
 */

/** A multi-valued feature padded to `width` ids per row (0 = mask / padding). */
export interface Ragged {
  width: number;
  values: Int32Array;
}

/** One feature column. */
export type Column = Int32Array | Float32Array | Ragged;

/** A table of feature columns with `length` rows. */
export interface Columns {
  length: number;
  features: Record<string, Column>;
}

/** True when `c` is a `Ragged` column. */
export function isRagged(c: Column): c is Ragged {
  return !ArrayBuffer.isView(c);
}

/** A new table with the given rows of `table` (in the order given). */
export function takeRows(table: Columns, rows: ArrayLike<number>): Columns {
  const n = rows.length;
  const features: Record<string, Column> = {};
  for (const [name, col] of Object.entries(table.features)) {
    if (isRagged(col)) {
      const w = col.width;
      const values = new Int32Array(n * w);
      const src = col.values;
      for (let i = 0, dst = 0; i < n; i++) {
        for (let j = 0, from = rows[i] * w; j < w; j++) values[dst++] = src[from + j];
      }
      features[name] = { width: w, values };
    } else {
      const out = new (col.constructor as Int32ArrayConstructor | Float32ArrayConstructor)(n);
      for (let i = 0; i < n; i++) out[i] = col[rows[i]];
      features[name] = out;
    }
  }
  return { length: n, features };
}

/** `r` cut or padded (with 0) to `width` ids per row. */
export function resizeRagged(r: Ragged, width: number): Ragged {
  if (r.width === width) return r;
  const rows = r.values.length / r.width;
  const values = new Int32Array(rows * width);
  const keep = Math.min(width, r.width);
  for (let i = 0; i < rows; i++) values.set(r.values.subarray(i * r.width, i * r.width + keep), i * width);
  return { width, values };
}
