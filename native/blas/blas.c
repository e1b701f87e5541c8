/*
 * maxella_blas: an optional N-API addon that runs OpenBLAS sgemm directly on the memory of the
 * tfjs wasm backend (the wasm heap is an ArrayBuffer; tensors live at byte offsets inside it), so
 * Maxella's BatchMatMul kernel avoids both the copy and the slow transposed path of tfjs-wasm.
 *
 *   sgemm(heap, transA, transB, M, N, K, offA, offB, offC, batch, strideA, strideB, strideC)
 *     C[i] = op(A[i]) · op(B[i]) for i < batch, row-major, offsets and strides in floats
 *     (a stride of 0 broadcasts one matrix over the batch). Throws on out-of-bounds arguments.
 *   setThreads(n), getThreads(): OpenBLAS' thread count.
 */
#include <node_api.h>
#include <cblas.h>
#include <stdint.h>
#include <stdbool.h>

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
  for (int64_t i = 0; i < batch; i++) {
    cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                (int)M, (int)N, (int)K, 1.0f,
                base + offA + i * strideA, ta ? (int)M : (int)K,
                base + offB + i * strideB, tb ? (int)K : (int)N,
                0.0f, base + offC + i * strideC, (int)N);
  }
  return NULL;
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
  return exports;
}
