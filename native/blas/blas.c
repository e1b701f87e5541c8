/*
 * maxella_blas: an optional N-API addon that runs OpenBLAS sgemm and a few hot kernels directly on
 * the memory of the tfjs wasm backend (the wasm heap is an ArrayBuffer; tensors live at byte offsets
 * inside it), so Maxella's kernels avoid both the copies and the slow paths of tfjs-wasm.
 *
 *   sgemm(heap, transA, transB, M, N, K, offA, offB, offC, batch, strideA, strideB, strideC)
 *     C[i] = op(A[i]) · op(B[i]) for i < batch, row-major, offsets and strides in floats
 *     (a stride of 0 broadcasts one matrix over the batch; K = 1 is an outer product, without BLAS).
 *     Throws on out-of-bounds arguments.
 *   setThreads(n), getThreads(): OpenBLAS' thread count.
 *   exp(heap, offX, offY, n): y = exp(x) elementwise (vectorised).
 *   reduce(heap, op, offX, offY, outer, size, inner): x viewed as [outer, size, inner]; y[o, i] =
 *     sum (op 0) or max (op 1) over the middle axis.
 *   softmaxCrossEntropy(heap, offLogits, offLabels, offLoss, offGrad, rows, cols): per row i,
 *     loss[i] = Σⱼ yᵢⱼ · lseᵢ − Σⱼ yᵢⱼ xᵢⱼ (lse = log Σ exp x) and grad[i, j] = softmax(xᵢ)ⱼ · Σⱼ yᵢⱼ − yᵢⱼ,
 *     the gradient of loss[i] with respect to the logits: one pass over memory instead of ~15 ops.
 *   copy2d(heap, offSrc, srcStride, offDst, dstStride, rows, cols): copies a rows × cols block of
 *     4-byte elements between strided layouts (Concat and SplitV along any axis reduce to it).
 *   topk(heap, offX, offValues, offIndices, rows, n, k): the k largest of each row of x, best first,
 *     ties by lower index (tf.topk's order); a threshold guessed from every 8th value and one
 *     filtering pass (a streaming threshold filter with a 2k buffer cut by quickselect on short
 *     rows or a bad guess), rows split over OpenBLAS' thread count.
 *   spdInverse(a, n): replaces the n × n symmetric positive-definite matrix in Float32Array `a`
 *     (row-major) by its inverse (LAPACK spotrf + spotri, upper triangle mirrored); returns 0, or the
 *     LAPACK info > 0 when `a` is not positive definite (then `a` holds garbage). For EASE^R.
 *   binary(heap, op, offX, offY, offOut, n, period): out = x + − × y with y repeating every `period`
 *     elements (equal shapes, a bias row, a scalar); unary(heap, op, offX, offOut, n, alpha): relu, step.
 *
 * On plain typed arrays (embedding tables and optimizer slots live in JS memory, not on the heap):
 *   gatherRows(table, d, ids, out, stride), accumulateRows(ids, rows, d, slotOf, outIds, outRows, unique, stride) and
 *   optimizerRows(rule, param, grad, slot0, slot1, ids, d, h0..h3): embedding lookups, the sums of
 *   sparse gradients per id, and Adagrad / Adam / SGD updates of the touched rows (see each function).
 */
#include <node_api.h>
#include <cblas.h>
#include <stdint.h>
#include <stdbool.h>
#include <math.h>
#include <string.h>
#include <stdlib.h>
#include <pthread.h>

#define CHECK(call) do { if ((call) != napi_ok) { napi_throw_error(env, NULL, "maxella_blas: bad argument"); return NULL; } } while (0)

static bool fail(napi_env env, const char* message) {
  napi_throw_range_error(env, NULL, message);
  return false;
}

/* True when [offset, offset + span) lies inside a heap of `floats` floats. */
static bool inside(int64_t offset, int64_t span, int64_t floats) {
  return offset >= 0 && span >= 0 && offset + span <= floats;
}

static napi_value Sgemm(napi_env env, napi_callback_info info) {
  size_t argc = 13;
  napi_value argv[13];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc != 13) { napi_throw_type_error(env, NULL, "maxella_blas.sgemm: expected 13 arguments"); return NULL; }
  void* data;
  size_t bytes;
  CHECK(napi_get_arraybuffer_info(env, argv[0], &data, &bytes));
  int32_t ta, tb;
  int64_t v[11];
  CHECK(napi_get_value_int32(env, argv[1], &ta));
  CHECK(napi_get_value_int32(env, argv[2], &tb));
  for (int i = 0; i < 10; i++) CHECK(napi_get_value_int64(env, argv[3 + i], &v[i]));
  int64_t M = v[0], N = v[1], K = v[2], offA = v[3], offB = v[4], offC = v[5];
  int64_t batch = v[6], strideA = v[7], strideB = v[8], strideC = v[9];
  int64_t floats = (int64_t)(bytes / sizeof(float));
  if (M <= 0 || N <= 0 || K <= 0 || batch <= 0 || M > INT32_MAX || N > INT32_MAX || K > INT32_MAX) {
    fail(env, "maxella_blas.sgemm: M, N, K and batch must be positive 32-bit sizes");
    return NULL;
  }
  int64_t last = batch - 1;
  if (!inside(offA, last * strideA + M * K, floats) || !inside(offB, last * strideB + K * N, floats) ||
      !inside(offC, last * strideC + M * N, floats) || strideA < 0 || strideB < 0 || strideC < M * N) {
    fail(env, "maxella_blas.sgemm: a matrix lies outside the heap");
    return NULL;
  }
  float* base = (float*)data;
  if (K == 1) {                                         /* an outer product: sgemm is slow at K = 1 */
    for (int64_t i = 0; i < batch; i++) {
      const float *a = base + offA + i * strideA, *b = base + offB + i * strideB;  /* same layout transposed or not */
      float* c = base + offC + i * strideC;
      for (int64_t r = 0; r < M; r++)
        for (int64_t j = 0; j < N; j++) c[r * N + j] = a[r] * b[j];
    }
    return NULL;
  }
  for (int64_t i = 0; i < batch; i++) {
    cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                (int)M, (int)N, (int)K, 1.0f,
                base + offA + i * strideA, ta ? (int)M : (int)K,
                base + offB + i * strideB, tb ? (int)K : (int)N,
                0.0f, base + offC + i * strideC, (int)N);
  }
  return NULL;
}

/* Reads `count` int64 arguments starting at argv[first]; false (with a JS exception) on a bad one. */
static bool int64s(napi_env env, napi_value* argv, int first, int count, int64_t* out) {
  for (int i = 0; i < count; i++) {
    if (napi_get_value_int64(env, argv[first + i], &out[i]) != napi_ok) {
      napi_throw_type_error(env, NULL, "maxella_blas: expected a number");
      return false;
    }
  }
  return true;
}

/* The heap of argv[0] as floats; false (with a JS exception) when it is not an ArrayBuffer. */
static bool heap(napi_env env, napi_value value, float** base, int64_t* floats) {
  void* data;
  size_t bytes;
  if (napi_get_arraybuffer_info(env, value, &data, &bytes) != napi_ok) {
    napi_throw_type_error(env, NULL, "maxella_blas: expected the wasm heap (an ArrayBuffer)");
    return false;
  }
  *base = (float*)data;
  *floats = (int64_t)(bytes / sizeof(float));
  return true;
}

/* Reads the arguments (heap, then `count` integers) of a heap kernel; false (with a JS exception) otherwise. */
static bool heap_args(napi_env env, napi_callback_info info, size_t count, float** base, int64_t* floats, int64_t* v) {
  napi_value argv[8];
  size_t argc = 8;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != count + 1) {
    napi_throw_type_error(env, NULL, "maxella_blas: wrong number of arguments");
    return false;
  }
  return heap(env, argv[0], base, floats) && int64s(env, argv, 1, (int)count, v);
}

/*
 * expf without branches or calls, so loops over it vectorise: exp(x) = 2^n · exp(r) with
 * n = round(x / ln 2), r = x − n·ln 2 (in two parts), exp(r) by a degree-6 polynomial (Cephes'
 * coefficients, ≈ 1 ulp). Inputs are clamped to the float range: exp(x) = 0 below −87.3 (as the
 * smallest normal), +Inf above 88.7; NaN stays NaN.
 */
#pragma omp declare simd
static inline float fast_expf(float x) {
  const float hi = 88.7228391f, lo = -87.3365448f;
  float clamped = x > hi ? hi : (x < lo ? lo : x);
  float n = __builtin_roundf(clamped * 1.44269504088896341f);
  float r = clamped - n * 0.693359375f;
  r = r - n * -2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  union { int32_t i; float f; } scale = { .i = ((int32_t)n + 127) << 23 };
  float y = p * scale.f;
  y = x > hi ? INFINITY : (x < lo ? 0.0f : y);
  return x != x ? x : y;
}

static napi_value Exp(napi_env env, napi_callback_info info) {
  int64_t v[3], floats;
  float* base;
  if (!heap_args(env, info, 3, &base, &floats, v)) return NULL;
  if (!inside(v[0], v[2], floats) || !inside(v[1], v[2], floats)) { fail(env, "maxella_blas.exp: outside the heap"); return NULL; }
  const float* restrict x = base + v[0];
  float* restrict y = base + v[1];
  if (x == y) {
#pragma omp simd
    for (int64_t i = 0; i < v[2]; i++) y[i] = fast_expf(y[i]);
  } else {
#pragma omp simd
    for (int64_t i = 0; i < v[2]; i++) y[i] = fast_expf(x[i]);
  }
  return NULL;
}

static napi_value Reduce(napi_env env, napi_callback_info info) {
  int64_t v[6], floats;
  float* base;
  if (!heap_args(env, info, 6, &base, &floats, v)) return NULL;
  int64_t op = v[0], outer = v[3], size = v[4], inner = v[5];
  if (outer <= 0 || size <= 0 || inner <= 0 || !inside(v[1], outer * size * inner, floats) || !inside(v[2], outer * inner, floats)) {
    fail(env, "maxella_blas.reduce: bad sizes or outside the heap");
    return NULL;
  }
  for (int64_t o = 0; o < outer; o++) {
    const float* restrict x = base + v[1] + o * size * inner;
    float* restrict y = base + v[2] + o * inner;
    if (inner == 1) {
      float acc = op == 0 ? 0.0f : -INFINITY;
      int nan = 0;
      if (op == 0) {
#pragma omp simd reduction(+:acc)
        for (int64_t r = 0; r < size; r++) acc += x[r];
      } else {
#pragma omp simd reduction(max:acc) reduction(|:nan)
        for (int64_t r = 0; r < size; r++) { acc = x[r] > acc ? x[r] : acc; nan |= x[r] != x[r]; }
      }
      y[0] = nan ? NAN : acc;
    } else {
      memcpy(y, x, (size_t)inner * sizeof(float));
      for (int64_t r = 1; r < size; r++) {
        const float* restrict row = x + r * inner;
        if (op == 0) {
          for (int64_t i = 0; i < inner; i++) y[i] += row[i];
        } else {
          for (int64_t i = 0; i < inner; i++) y[i] = (row[i] > y[i] || isnan(row[i])) ? row[i] : y[i];
        }
      }
    }
  }
  return NULL;
}

static napi_value SoftmaxCrossEntropy(napi_env env, napi_callback_info info) {
  int64_t v[6], floats;
  float* base;
  if (!heap_args(env, info, 6, &base, &floats, v)) return NULL;
  int64_t rows = v[4], cols = v[5];
  if (rows <= 0 || cols <= 0 || !inside(v[0], rows * cols, floats) || !inside(v[1], rows * cols, floats) ||
      !inside(v[2], rows, floats) || !inside(v[3], rows * cols, floats)) {
    fail(env, "maxella_blas.softmaxCrossEntropy: bad sizes or outside the heap");
    return NULL;
  }
  for (int64_t r = 0; r < rows; r++) {
    const float* restrict x = base + v[0] + r * cols;
    const float* restrict y = base + v[1] + r * cols;
    float* restrict g = base + v[3] + r * cols;
    float m = -INFINITY, total = 0, labelSum = 0, labelDot = 0;
#pragma omp simd reduction(max:m)
    for (int64_t c = 0; c < cols; c++) m = x[c] > m ? x[c] : m;
#pragma omp simd reduction(+:total, labelSum, labelDot)
    for (int64_t c = 0; c < cols; c++) {
      float e = fast_expf(x[c] - m);
      g[c] = e;
      total += e;
      labelSum += y[c];
      labelDot += y[c] * x[c];
    }
    double lse = (double)m + log((double)total);
    float scale = labelSum / total;
#pragma omp simd
    for (int64_t c = 0; c < cols; c++) g[c] = g[c] * scale - y[c];
    base[v[2] + r] = (float)((double)labelSum * lse - (double)labelDot);
  }
  return NULL;
}

static napi_value Copy2d(napi_env env, napi_callback_info info) {
  int64_t v[6], floats;
  float* base;
  if (!heap_args(env, info, 6, &base, &floats, v)) return NULL;
  int64_t src = v[0], srcStride = v[1], dst = v[2], dstStride = v[3], rows = v[4], cols = v[5];
  if (rows <= 0 || cols <= 0 || srcStride < cols || dstStride < cols ||
      !inside(src, (rows - 1) * srcStride + cols, floats) || !inside(dst, (rows - 1) * dstStride + cols, floats)) {
    fail(env, "maxella_blas.copy2d: bad sizes or outside the heap");
    return NULL;
  }
  for (int64_t r = 0; r < rows; r++) memcpy(base + dst + r * dstStride, base + src + r * srcStride, (size_t)cols * sizeof(float));
  return NULL;
}

/*
 * binary(heap, op, offX, offY, offOut, n, period): out[i] = x[i] op y[i mod period] for i < n, with
 * op 0 add, 1 subtract, 2 multiply, 3 relu gradient (x·step(y): x where y > 0, else 0·x, NaN where y
 * is NaN); period n is an equal-shaped y, the row length a row vector (a bias), 1 a scalar. n must
 * be a multiple of period.
 */
static napi_value Binary(napi_env env, napi_callback_info info) {
  int64_t v[6], floats;
  float* base;
  if (!heap_args(env, info, 6, &base, &floats, v)) return NULL;
  const int64_t op = v[0], n = v[4], period = v[5];
  if (op < 0 || op > 3 || n <= 0 || period <= 0 || n % period != 0 || !inside(v[1], n, floats) || !inside(v[2], period, floats) || !inside(v[3], n, floats)) {
    fail(env, "maxella_blas.binary: bad op or sizes, or outside the heap");
    return NULL;
  }
  const float *x = base + v[1], *y = base + v[2];
  float* out = base + v[3];
  for (int64_t start = 0; start < n; start += period) {
    const float* xs = x + start;
    float* os = out + start;
    if (op == 0) for (int64_t j = 0; j < period; j++) os[j] = xs[j] + y[j];
    else if (op == 1) for (int64_t j = 0; j < period; j++) os[j] = xs[j] - y[j];
    else if (op == 2) for (int64_t j = 0; j < period; j++) os[j] = xs[j] * y[j];
    else for (int64_t j = 0; j < period; j++) os[j] = y[j] > 0 ? xs[j] : (y[j] != y[j] ? y[j] : 0 * xs[j]);
  }
  return NULL;
}

/* unary(heap, op, offX, offOut, n, alpha): op 0 relu (x < 0 ? 0 : x), op 1 step (x > 0 ? 1 : alpha; NaN stays NaN). */
static napi_value Unary(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  int64_t v[4], floats;
  double alpha;
  float* base;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc != 6 || !heap(env, argv[0], &base, &floats) || !int64s(env, argv, 1, 4, v)) return NULL;
  CHECK(napi_get_value_double(env, argv[5], &alpha));
  const int64_t op = v[0], n = v[3];
  if (op < 0 || op > 1 || n <= 0 || !inside(v[1], n, floats) || !inside(v[2], n, floats)) {
    fail(env, "maxella_blas.unary: bad op or sizes, or outside the heap");
    return NULL;
  }
  const float* x = base + v[1];
  float* out = base + v[2];
  const float a = (float)alpha;
  if (op == 0) for (int64_t i = 0; i < n; i++) out[i] = x[i] < 0 ? 0 : x[i];
  else for (int64_t i = 0; i < n; i++) out[i] = x[i] > 0 ? 1 : (x[i] != x[i] ? x[i] : a);
  return NULL;
}

/* One (value, column) candidate of a row's top k. */
typedef struct { float v; int32_t i; } Entry;

/* True when a ranks above b: a higher value, or an equal value at a lower index (tf.topk's order). */
static inline bool better(Entry a, Entry b) {
  return a.v > b.v || (a.v == b.v && a.i < b.i);
}

/* Reorders e[0..n) so that its best k come first (in no particular order): quickselect. */
static void select_best(Entry* e, int64_t n, int64_t k) {
  int64_t lo = 0, hi = n - 1;
  while (lo < hi) {
    int64_t mid = lo + (hi - lo) / 2;                   /* median of three as the pivot */
    if (better(e[mid], e[lo])) { Entry t = e[mid]; e[mid] = e[lo]; e[lo] = t; }
    if (better(e[hi], e[lo])) { Entry t = e[hi]; e[hi] = e[lo]; e[lo] = t; }
    if (better(e[hi], e[mid])) { Entry t = e[hi]; e[hi] = e[mid]; e[mid] = t; }
    Entry pivot = e[mid];
    int64_t a = lo, b = hi;
    while (a <= b) {                                    /* Hoare partition: better ones to the left */
      while (better(e[a], pivot)) a++;
      while (better(pivot, e[b])) b--;
      if (a <= b) { Entry t = e[a]; e[a] = e[b]; e[b] = t; a++; b--; }
    }
    if (k - 1 <= b) hi = b; else if (k - 1 >= a) lo = a; else return;
  }
}

/* Sorts e[0..n) best first: halves split by quickselect until 16 entries or fewer, then insertion sort. */
static void sort_best(Entry* e, int64_t n) {
  while (n > 16) {
    select_best(e, n, n / 2);                           /* e[0..n/2) now rank above e[n/2..n) */
    sort_best(e + n / 2, n - n / 2);
    n /= 2;
  }
  for (int64_t i = 1; i < n; i++) {
    Entry x = e[i];
    int64_t j = i;
    for (; j > 0 && better(x, e[j - 1]); j--) e[j] = e[j - 1];
    e[j] = x;
  }
}

/* The rows [first, last) of a top-k call; `buffer` holds `cap` entries (see TopK). NaN ranks below every number. */
typedef struct {
  const float* x; float* values; int32_t* indices; int64_t first, last, n, k, cap; Entry* buffer;
} TopKRows;

/* Values tested as a whole before one by one: a block with none that can enter is skipped. */
#define TOPK_BLOCK 16
/* Every TOPK_STRIDE-th value is sampled to guess a threshold (rows of at least 8k values). */
#define TOPK_STRIDE 8

/*
 * One row, streaming: keep every value above the running threshold in a buffer of 2k; when it
 * fills, cut it to its best k (quickselect) and raise the threshold to the k-th best. Leaves the
 * best k first in `buf`.
 */
static void topk_stream(const float* x, int64_t n, int64_t k, Entry* buf) {
  const int64_t cap = 2 * k;
  int64_t size = 0;
  float threshold = -INFINITY;
  bool full = false;                                    /* a threshold exists once k were kept */
  for (int64_t c = 0; c < n; c++) {
    float v = x[c] == x[c] ? x[c] : -INFINITY;
    if (full && !(v > threshold)) continue;             /* equal values at a higher index never enter */
    buf[size].v = v;
    buf[size++].i = (int32_t)c;
    if (size == cap) {
      select_best(buf, size, k);
      size = k;
      Entry worst = buf[0];
      for (int64_t j = 1; j < k; j++) if (better(worst, buf[j])) worst = buf[j];
      threshold = worst.v;
      full = true;
    }
  }
  if (size > k) select_best(buf, size, k);
}

/*
 * One row, sampled: a threshold t is guessed from every 8th value (a rank that leaves ~1.5k values
 * at or above it), then one pass keeps the values ≥ t, skipping blocks with none. The best k are
 * among them whenever at least k were kept (ties included: every value ≥ the k-th best is ≥ t).
 * Returns false (nothing decided) when fewer than k or more than `cap` were kept.
 */
static bool topk_sampled(const float* x, int64_t n, int64_t k, Entry* buf, int64_t cap) {
  const int64_t samples = n / TOPK_STRIDE;
  int64_t rank = (3 * k) / (2 * TOPK_STRIDE) + 2;
  if (rank > samples) return false;
  for (int64_t s = 0; s < samples; s++) {
    float v = x[s * TOPK_STRIDE];
    buf[s].v = v == v ? v : -INFINITY;
    buf[s].i = (int32_t)(s * TOPK_STRIDE);
  }
  select_best(buf, samples, rank);
  float t = buf[0].v;
  for (int64_t j = 1; j < rank; j++) if (buf[j].v < t) t = buf[j].v;
  if (!(t > -INFINITY)) return false;
  int64_t size = 0;
  for (int64_t c = 0; c < n;) {
    if (c + TOPK_BLOCK <= n) {
      int any = 0;
      for (int j = 0; j < TOPK_BLOCK; j++) any |= x[c + j] >= t;   /* NaN is never ≥ t */
      if (!any) { c += TOPK_BLOCK; continue; }
    }
    const int64_t end = c + TOPK_BLOCK <= n ? c + TOPK_BLOCK : n;
    for (; c < end; c++) {
      if (!(x[c] >= t)) continue;
      if (size == cap) return false;
      buf[size].v = x[c];
      buf[size++].i = (int32_t)c;
    }
  }
  if (size < k) return false;
  select_best(buf, size, k);
  return true;
}

/* The best k of each row, sorted: sampled where the row is long enough, else (or on a bad guess) streamed. */
static void* topk_rows(void* arg) {
  TopKRows* t = (TopKRows*)arg;
  const int64_t n = t->n, k = t->k;
  Entry* buf = t->buffer;
  for (int64_t r = t->first; r < t->last; r++) {
    const float* x = t->x + r * n;
    if (!(n >= TOPK_STRIDE * k && topk_sampled(x, n, k, buf, t->cap))) topk_stream(x, n, k, buf);
    sort_best(buf, k);
    for (int64_t j = 0; j < k; j++) {
      t->values[r * k + j] = x[buf[j].i];                /* the input's value (NaN stays NaN) */
      t->indices[r * k + j] = buf[j].i;
    }
  }
  return NULL;
}

#define TOPK_MAX_THREADS 16

static napi_value TopK(napi_env env, napi_callback_info info) {
  int64_t v[6], floats;
  float* base;
  if (!heap_args(env, info, 6, &base, &floats, v)) return NULL;
  int64_t rows = v[3], n = v[4], k = v[5];
  if (rows <= 0 || n <= 0 || k <= 0 || k > n || n > INT32_MAX || !inside(v[0], rows * n, floats) ||
      !inside(v[1], rows * k, floats) || !inside(v[2], rows * k, floats)) {
    fail(env, "maxella_blas.topk: bad sizes or outside the heap");
    return NULL;
  }
  /* Rows split over OpenBLAS' thread count when there is enough work to pay for the threads. */
  int64_t threads = openblas_get_num_threads();
  if (threads > TOPK_MAX_THREADS) threads = TOPK_MAX_THREADS;
  if (threads > rows) threads = rows;
  if (rows * n < (1 << 18)) threads = 1;
  /* Per thread: 2k entries for streaming, n/8 for the sample, 4k for the sampled pass. */
  const int64_t cap = 4 * k > n / TOPK_STRIDE ? 4 * k : n / TOPK_STRIDE;
  Entry* buffers = malloc((size_t)(threads * cap) * sizeof(Entry));
  if (!buffers) { napi_throw_error(env, NULL, "maxella_blas.topk: out of memory"); return NULL; }
  TopKRows parts[TOPK_MAX_THREADS];
  pthread_t ids[TOPK_MAX_THREADS];
  int64_t started = 0;
  for (int64_t p = 0; p < threads; p++) {
    parts[p] = (TopKRows){ base + v[0], base + v[1], (int32_t*)(base + v[2]), rows * p / threads, rows * (p + 1) / threads, n, k, cap, buffers + p * cap };
    if (p > 0 && pthread_create(&ids[p], NULL, topk_rows, &parts[p]) == 0) started |= (int64_t)1 << p;
  }
  topk_rows(&parts[0]);
  for (int64_t p = 1; p < threads; p++) {
    if (started & ((int64_t)1 << p)) pthread_join(ids[p], NULL);
    else topk_rows(&parts[p]);                          /* no thread: do its rows here */
  }
  free(buffers);
  return NULL;
}

/* The data of a typed array argument of the given type and its element count; false (with a JS exception) otherwise. */
static bool typed(napi_env env, napi_value value, napi_typedarray_type want, void** data, int64_t* length, const char* what) {
  bool is = false;
  napi_typedarray_type type;
  size_t n;
  if (napi_is_typedarray(env, value, &is) != napi_ok || !is ||
      napi_get_typedarray_info(env, value, &type, &n, data, NULL, NULL) != napi_ok || type != want) {
    napi_throw_type_error(env, NULL, what);
    return false;
  }
  *length = (int64_t)n;
  return true;
}

static napi_value int32Result(napi_env env, int64_t value) {
  napi_value out;
  napi_create_int32(env, (int32_t)value, &out);
  return out;
}

/*
 * gatherRows(table, d, ids, out, stride = d): row ids[i] of table goes to out[i·stride …]; a stride
 * over d writes one column block of a wider row-major matrix (several tables side by side). Returns
 * -1, or the first position of an id outside the table.
 */
static napi_value GatherRows(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  float *table, *out;
  int32_t* ids;
  int64_t tableLength, idCount, outLength, d, stride;
  if ((argc != 4 && argc != 5) || !typed(env, argv[0], napi_float32_array, (void**)&table, &tableLength, "maxella_blas.gatherRows: table must be a Float32Array") ||
      !int64s(env, argv, 1, 1, &d) || !typed(env, argv[2], napi_int32_array, (void**)&ids, &idCount, "maxella_blas.gatherRows: ids must be an Int32Array") ||
      !typed(env, argv[3], napi_float32_array, (void**)&out, &outLength, "maxella_blas.gatherRows: out must be a Float32Array")) return NULL;
  stride = d;
  if (argc == 5 && !int64s(env, argv, 4, 1, &stride)) return NULL;
  if (d <= 0 || tableLength % d != 0 || stride < d || (idCount > 0 && outLength < (idCount - 1) * stride + d) || (stride == d && outLength != idCount * d)) {
    fail(env, "maxella_blas.gatherRows: bad sizes");
    return NULL;
  }
  const int64_t rows = tableLength / d;
  for (int64_t i = 0; i < idCount; i++) {
    const int64_t id = ids[i];
    if (id < 0 || id >= rows) return int32Result(env, i);
    memcpy(out + i * stride, table + id * d, (size_t)d * sizeof(float));
  }
  return int32Result(env, -1);
}

/*
 * accumulateRows(ids, rows, d, slotOf, outIds, outRows, unique, stride = d): adds each row of `rows`
 * (row i at rows[i·stride …], d floats) into the row of outRows that its id owns, in first-seen order
 * (slotOf[id] is that row, or -1 before the id is seen; set here). Returns the new number of unique
 * ids, or -1 when an id lies outside slotOf.
 */
static napi_value AccumulateRows(napi_env env, napi_callback_info info) {
  size_t argc = 8;
  napi_value argv[8];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  int32_t *ids, *slotOf, *outIds;
  float *rows, *outRows;
  int64_t idCount, rowsLength, vocabulary, outIdsLength, outRowsLength, d, unique, stride;
  if ((argc != 7 && argc != 8) || !typed(env, argv[0], napi_int32_array, (void**)&ids, &idCount, "maxella_blas.accumulateRows: ids must be an Int32Array") ||
      !typed(env, argv[1], napi_float32_array, (void**)&rows, &rowsLength, "maxella_blas.accumulateRows: rows must be a Float32Array") ||
      !int64s(env, argv, 2, 1, &d) ||
      !typed(env, argv[3], napi_int32_array, (void**)&slotOf, &vocabulary, "maxella_blas.accumulateRows: slotOf must be an Int32Array") ||
      !typed(env, argv[4], napi_int32_array, (void**)&outIds, &outIdsLength, "maxella_blas.accumulateRows: outIds must be an Int32Array") ||
      !typed(env, argv[5], napi_float32_array, (void**)&outRows, &outRowsLength, "maxella_blas.accumulateRows: outRows must be a Float32Array") ||
      !int64s(env, argv, 6, 1, &unique)) return NULL;
  stride = d;
  if (argc == 8 && !int64s(env, argv, 7, 1, &stride)) return NULL;
  if (d <= 0 || stride < d || (idCount > 0 && rowsLength < (idCount - 1) * stride + d) || outRowsLength != outIdsLength * d || unique < 0 || unique + idCount > outIdsLength) {
    fail(env, "maxella_blas.accumulateRows: bad sizes");
    return NULL;
  }
  for (int64_t i = 0; i < idCount; i++) {
    const int64_t id = ids[i];
    if (id < 0 || id >= vocabulary) return int32Result(env, -1);
    int64_t slot = slotOf[id];
    if (slot < 0 || slot >= unique) {
      slot = unique++;
      slotOf[id] = (int32_t)slot;
      outIds[slot] = (int32_t)id;
    }
    float* dst = outRows + slot * d;
    const float* src = rows + i * stride;
    for (int64_t k = 0; k < d; k++) dst[k] += src[k];
  }
  return int32Result(env, unique);
}

/*
 * optimizerRows(rule, param, grad, slot0, slot1, ids, d, h0, h1, h2, h3): one optimizer update of the
 * rows `ids` of param (ids null: all of param, in order), grad holding one row per id, slots shaped
 * like param. The rules of src/train/optimizers.ts, in float32:
 *   0 Adagrad (lr, ε):          acc += g²; w -= lr·g / (√acc + ε)
 *   1 Adam (step, β1, β2, ε):   m = β1·m + (1-β1)·g; v = β2·v + (1-β2)·g²; w -= step·m / (√v + ε)
 *   2 SGD (lr):                 w -= lr·g
 *   3 SGD with momentum (lr, μ): u = μ·u - lr·g; w += u
 */
static napi_value OptimizerRows(napi_env env, napi_callback_info info) {
  size_t argc = 11;
  napi_value argv[11];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  int32_t rule;
  float *param, *grad, *s0 = NULL, *s1 = NULL;
  int32_t* ids = NULL;
  int64_t paramLength, gradLength, s0Length = 0, s1Length = 0, idCount = 0, d;
  double h[4];
  napi_valuetype kind;
  if (argc != 11 || napi_get_value_int32(env, argv[0], &rule) != napi_ok || rule < 0 || rule > 3) {
    napi_throw_type_error(env, NULL, "maxella_blas.optimizerRows: expected a rule 0..3 and 10 more arguments");
    return NULL;
  }
  if (!typed(env, argv[1], napi_float32_array, (void**)&param, &paramLength, "maxella_blas.optimizerRows: param must be a Float32Array") ||
      !typed(env, argv[2], napi_float32_array, (void**)&grad, &gradLength, "maxella_blas.optimizerRows: grad must be a Float32Array")) return NULL;
  if (rule != 2 && !typed(env, argv[3], napi_float32_array, (void**)&s0, &s0Length, "maxella_blas.optimizerRows: slot0 must be a Float32Array")) return NULL;
  if (rule == 1 && !typed(env, argv[4], napi_float32_array, (void**)&s1, &s1Length, "maxella_blas.optimizerRows: slot1 must be a Float32Array")) return NULL;
  CHECK(napi_typeof(env, argv[5], &kind));
  if (kind != napi_null && !typed(env, argv[5], napi_int32_array, (void**)&ids, &idCount, "maxella_blas.optimizerRows: ids must be an Int32Array or null")) return NULL;
  if (!int64s(env, argv, 6, 1, &d)) return NULL;
  for (int i = 0; i < 4; i++) CHECK(napi_get_value_double(env, argv[7 + i], &h[i]));
  if (!ids) { d = paramLength; idCount = 1; }
  if (d <= 0 || paramLength % d != 0 || gradLength < idCount * d || (s0 && s0Length != paramLength) || (s1 && s1Length != paramLength)) {
    fail(env, "maxella_blas.optimizerRows: bad sizes");
    return NULL;
  }
  const int64_t rows = paramLength / d;
  const float a = (float)h[0], b = (float)h[1], c = (float)h[2], e = (float)h[3];
  for (int64_t r = 0; r < idCount; r++) {
    const int64_t id = ids ? ids[r] : 0;
    if (id < 0 || id >= rows) { fail(env, "maxella_blas.optimizerRows: an id lies outside param"); return NULL; }
    float* w = param + id * d;
    const float* g = grad + r * d;
    if (rule == 0) {
      float* acc = s0 + id * d;
      for (int64_t k = 0; k < d; k++) { acc[k] += g[k] * g[k]; w[k] -= a * g[k] / (sqrtf(acc[k]) + b); }
    } else if (rule == 1) {
      float *m = s0 + id * d, *v = s1 + id * d;
      for (int64_t k = 0; k < d; k++) {
        m[k] = b * m[k] + (1 - b) * g[k];
        v[k] = c * v[k] + (1 - c) * g[k] * g[k];
        w[k] -= a * m[k] / (sqrtf(v[k]) + e);
      }
    } else if (rule == 2) {
      for (int64_t k = 0; k < d; k++) w[k] -= a * g[k];
    } else {
      float* u = s0 + id * d;
      for (int64_t k = 0; k < d; k++) { u[k] = b * u[k] - a * g[k]; w[k] += u[k]; }
    }
  }
  return NULL;
}

extern void spotrf_(const char* uplo, const int* n, float* a, const int* lda, int* info);
extern void spotri_(const char* uplo, const int* n, float* a, const int* lda, int* info);

static napi_value SpdInverse(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc != 2) { napi_throw_type_error(env, NULL, "maxella_blas.spdInverse(a, n)"); return NULL; }
  float* a;
  int64_t length;
  if (!typed(env, argv[0], napi_float32_array, (void**)&a, &length, "maxella_blas.spdInverse: a must be a Float32Array")) return NULL;
  int32_t n;
  CHECK(napi_get_value_int32(env, argv[1], &n));
  if (n < 1 || (int64_t)n * n != length) {
    napi_throw_range_error(env, NULL, "maxella_blas.spdInverse: a must be a Float32Array of n * n elements");
    return NULL;
  }
  /* Row-major `a` is column-major `a` transposed; symmetric, so 'L' here is the row-major upper triangle. */
  int lapackInfo = 0;
  spotrf_("L", &n, a, &n, &lapackInfo);
  if (lapackInfo == 0) spotri_("L", &n, a, &n, &lapackInfo);
  if (lapackInfo == 0) {
    for (int64_t i = 0; i < n; i++)
      for (int64_t j = i + 1; j < n; j++) a[j * n + i] = a[i * n + j];
  }
  napi_value out;
  CHECK(napi_create_int32(env, lapackInfo, &out));
  return out;
}

static napi_value SetThreads(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  int32_t n;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  CHECK(napi_get_value_int32(env, argv[0], &n));
  if (n < 1) { napi_throw_range_error(env, NULL, "maxella_blas.setThreads: n must be >= 1"); return NULL; }
  openblas_set_num_threads(n);
  return NULL;
}

static napi_value GetThreads(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value out;
  CHECK(napi_create_int32(env, openblas_get_num_threads(), &out));
  return out;
}

static void define(napi_env env, napi_value exports, const char* name, napi_callback fn) {
  napi_value value;
  napi_create_function(env, name, NAPI_AUTO_LENGTH, fn, NULL, &value);
  napi_set_named_property(env, exports, name, value);
}

NAPI_MODULE_INIT() {
  define(env, exports, "sgemm", Sgemm);
  define(env, exports, "setThreads", SetThreads);
  define(env, exports, "getThreads", GetThreads);
  define(env, exports, "exp", Exp);
  define(env, exports, "reduce", Reduce);
  define(env, exports, "softmaxCrossEntropy", SoftmaxCrossEntropy);
  define(env, exports, "copy2d", Copy2d);
  define(env, exports, "topk", TopK);
  define(env, exports, "spdInverse", SpdInverse);
  define(env, exports, "binary", Binary);
  define(env, exports, "unary", Unary);
  define(env, exports, "gatherRows", GatherRows);
  define(env, exports, "accumulateRows", AccumulateRows);
  define(env, exports, "optimizerRows", OptimizerRows);
  return exports;
}
