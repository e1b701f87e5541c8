/*
 * maxella_linalg: an optional N-API addon with the dense linear algebra that closed-form models need,
 * from OpenBLAS' LAPACK (no copies: it works on the Float32Array's own memory).
 *
 *   spdInverse(a, n): replaces the n × n symmetric positive-definite matrix `a` (row-major Float32Array)
 *     by its inverse (LAPACK spotrf + spotri, then the upper triangle mirrored). Returns 0, or the
 *     LAPACK info > 0 when `a` is not positive definite (then `a` holds garbage).
 *   setThreads(n): OpenBLAS' thread count.
 */
#include <node_api.h>
#include <stdint.h>

extern void spotrf_(const char* uplo, const int* n, float* a, const int* lda, int* info);
extern void spotri_(const char* uplo, const int* n, float* a, const int* lda, int* info);
extern void openblas_set_num_threads(int n);

#define CHECK(call) do { if ((call) != napi_ok) { napi_throw_error(env, NULL, "maxella_linalg: bad argument"); return NULL; } } while (0)

static napi_value SpdInverse(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc != 2) { napi_throw_type_error(env, NULL, "maxella_linalg.spdInverse(a, n)"); return NULL; }
  napi_typedarray_type type;
  size_t length;
  void* data;
  CHECK(napi_get_typedarray_info(env, argv[0], &type, &length, &data, NULL, NULL));
  int32_t n;
  CHECK(napi_get_value_int32(env, argv[1], &n));
  if (type != napi_float32_array || n < 1 || (int64_t)n * n != (int64_t)length) {
    napi_throw_range_error(env, NULL, "maxella_linalg.spdInverse: a must be a Float32Array of n * n elements");
    return NULL;
  }
  float* a = (float*)data;
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
  if (n < 1) { napi_throw_range_error(env, NULL, "maxella_linalg.setThreads: n must be >= 1"); return NULL; }
  openblas_set_num_threads(n);
  return NULL;
}

static void define(napi_env env, napi_value exports, const char* name, napi_callback fn) {
  napi_value value;
  napi_create_function(env, name, NAPI_AUTO_LENGTH, fn, NULL, &value);
  napi_set_named_property(env, exports, name, value);
}

NAPI_MODULE_INIT() {
  define(env, exports, "spdInverse", SpdInverse);
  define(env, exports, "setThreads", SetThreads);
  return exports;
}
