/**
 * Dense linear algebra for closed-form models (EASE^R): the inverse of a symmetric positive-definite
 * matrix. With the optional native kernels (`native/blas`: OpenBLAS LAPACK spotrf + spotri, built by
 * `npm run setup`) it runs at BLAS speed on every core; without it, a Cholesky inverse in JavaScript (float64
 * accumulation) gives the same result about 20-50× slower (ML-100K's 1,682 movies: a few seconds).
 * `MAXELLA_NATIVE=0` disables the addon.
 */
import { loadNativeBlas } from './native.ts';

/** Whether `invertSpd` runs on the native LAPACK addon. */
export function hasNativeLinalg(): boolean {
  return loadNativeBlas()?.spdInverse !== undefined;
}

/**
 * Replaces the `n × n` symmetric positive-definite matrix `a` (row-major) by its inverse, in place.
 * Throws when `a` is not positive definite (e.g. a regularisation of 0 on a rank-deficient Gram matrix).
 */
export function invertSpd(a: Float32Array, n: number): Float32Array {
  if (a.length !== n * n) throw new RangeError(`invertSpd: expected ${n} × ${n} = ${n * n} elements, got ${a.length}`);
  const native = loadNativeBlas();
  const info = native?.spdInverse ? native.spdInverse(a, n) : choleskyInverse(a, n);
  if (info !== 0) throw new Error(`invertSpd: the matrix is not positive definite (leading minor ${info}); increase the regularisation`);
  return a;
}

/** Cholesky a = L·Lᵀ, then a⁻¹ = L⁻ᵀ·L⁻¹, in float64; returns 0 or the failing minor (1-based). */
function choleskyInverse(a: Float32Array, n: number): number {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const rowJ = j * n;
    let d = a[rowJ + j];
    for (let k = 0; k < j; k++) d -= l[rowJ + k] * l[rowJ + k];
    if (!(d > 0)) return j + 1;
    const ljj = Math.sqrt(d);
    l[rowJ + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const rowI = i * n;
      let s = a[rowI + j];
      for (let k = 0; k < j; k++) s -= l[rowI + k] * l[rowJ + k];
      l[rowI + j] = s / ljj;
    }
  }
  // inv(L), lower triangular, by forward substitution column by column (stored row-major in `m`).
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const rowI = i * n;
    m[rowI + i] = 1 / l[rowI + i];
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= l[rowI + k] * m[k * n + j];
      m[rowI + j] = s / l[rowI + i];
    }
  }
  // a⁻¹[i][j] = Σ_k m[k][i] · m[k][j] over k ≥ max(i, j).
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += m[k * n + i] * m[k * n + j];
      a[i * n + j] = s;
      a[j * n + i] = s;
    }
  }
  return 0;
}

/**
 * Solves A x = b in place for a symmetric positive-definite n×n `a` (row-major; overwritten by its
 * Cholesky factor) and writes x into `b`.
 */
export function choleskySolve(a: Float64Array, b: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= a[j * n + k] * a[j * n + k];
    if (d <= 0) throw new Error(`choleskySolve: matrix is not positive definite (pivot ${j} = ${d})`);
    const l = Math.sqrt(d);
    a[j * n + j] = l;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / l;
    }
  }
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= a[i * n + k] * b[k];
    b[i] = s / a[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= a[k * n + i] * b[k];
    b[i] = s / a[i * n + i];
  }
}
