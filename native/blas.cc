// The native compute kernels behind science/numerics/compute-native.ts: the system BLAS/LAPACK
// (OpenBLAS on Linux, Accelerate on macOS) on the caller's typed arrays, without copying.
// Every matrix is row-major. Errors (bad sizes, wrong array types) throw a JS RangeError/TypeError.
#include <napi.h>

#include "args.h"
#include "blas-threads.h"
#include "gemm-blocked.h"
#include "sgemm-engine.h"

#include <cmath>
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

void RegisterRandom(Napi::Env env, Napi::Object exports);       // random.cc
void RegisterElementwise(Napi::Env env, Napi::Object exports);  // elementwise.cc

#ifdef REPRO_ACCELERATE
// Accelerate's new LAPACK (ACCELERATE_NEW_LAPACK, macOS 13.3+): LAPACK 3.9 prototypes on
// __LAPACK_int (int; long under ACCELERATE_LAPACK_ILP64).
#include <Accelerate/Accelerate.h>
using lapack_int = __LAPACK_int;
#else
#include <cblas.h>
using lapack_int = int;
extern "C" {
void dsyevd_(const char* jobz, const char* uplo, const int* n, double* a, const int* lda, double* w, double* work,
             const int* lwork, int* iwork, const int* liwork, int* info);
void dpotrf_(const char* uplo, const int* n, double* a, const int* lda, int* info);
void dgelqf_(const int* m, const int* n, double* a, const int* lda, double* tau, double* work, const int* lwork, int* info);
void dorglq_(const int* m, const int* n, const int* k, double* a, const int* lda, const double* tau, double* work,
             const int* lwork, int* info);
}
#endif


namespace {

using repro::fail;
using repro::integer;
using repro::typed;

// gemm(transA, transB, m, n, k, alpha, A, B, beta, C): C ← α op(A) op(B) + β C, op(A) m×k, op(B) k×n.
template <typename T>
Napi::Value Gemm(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 10) return fail(env, "gemm expects 10 arguments"), env.Undefined();
  const bool ta = info[0].ToBoolean(), tb = info[1].ToBoolean();
  const int m = integer(info, 2), n = integer(info, 3), k = integer(info, 4);
  if (m < 0 || n < 0 || k < 0) return fail(env, "gemm: negative size"), env.Undefined();
  const T alpha = static_cast<T>(info[5].As<Napi::Number>().DoubleValue());
  const T beta = static_cast<T>(info[8].As<Napi::Number>().DoubleValue());
  T *A, *B, *C;
  if (!typed(info, 6, "A", size_t(m) * k, &A) || !typed(info, 7, "B", size_t(k) * n, &B) ||
      !typed(info, 9, "C", size_t(m) * n, &C))
    return env.Undefined();
  if (m == 0 || n == 0) return env.Undefined();
  repro::blockedGemm<T>(ta, tb, m, n, k, alpha, A, B, beta, C);  // same bytes on any number of threads
  return env.Undefined();
}

// dsyevd(n, A, w) → info. A symmetric n×n; on return row j of A is the unit eigenvector of w[j]
// (w ascending). Row-major A read as column-major is the same symmetric matrix, so no copy.
Napi::Value Dsyevd(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const int n = integer(info, 0);
  double *A, *w;
  if (n < 0 || !typed(info, 1, "A", size_t(n) * n, &A) || !typed(info, 2, "w", size_t(n), &w)) return env.Undefined();
  if (n == 0) return Napi::Number::New(env, 0);
  lapack_int infoCode = 0, lwork = -1, liwork = -1, iworkQuery = 0;
  double workQuery = 0;
  const lapack_int ln = n, lda = n;
  repro::singleThreadedBlas();
  dsyevd_("V", "U", &ln, A, &lda, w, &workQuery, &lwork, &iworkQuery, &liwork, &infoCode);
  if (infoCode != 0) return Napi::Number::New(env, double(infoCode));
  lwork = static_cast<lapack_int>(workQuery);
  liwork = iworkQuery;
  std::vector<double> work(lwork);
  std::vector<lapack_int> iwork(liwork);
  dsyevd_("V", "U", &ln, A, &lda, w, work.data(), &lwork, iwork.data(), &liwork, &infoCode);
  return Napi::Number::New(env, double(infoCode));
}

// dpotrf(n, A) → info. Row-major lower Cholesky factor L (S = LLᵀ) in the lower triangle of A;
// the strict upper triangle is left as it was. (Column-major upper factor U = Lᵀ: same bytes.)
Napi::Value Dpotrf(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const int n = integer(info, 0);
  double* A;
  if (n < 0 || !typed(info, 1, "A", size_t(n) * n, &A)) return env.Undefined();
  if (n == 0) return Napi::Number::New(env, 0);
  lapack_int infoCode = 0;
  const lapack_int ln = n, lda = n;
  repro::singleThreadedBlas();
  dpotrf_("U", &ln, A, &lda, &infoCode);
  return Napi::Number::New(env, double(infoCode));
}

// dtrsm(left, lower, trans, unitDiag, m, n, alpha, A, B): B ← α op(A)⁻¹ B (left) or α B op(A)⁻¹,
// B m×n, A triangular (m×m left, n×n right).
Napi::Value Dtrsm(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const bool left = info[0].ToBoolean(), lower = info[1].ToBoolean(), trans = info[2].ToBoolean(), unit = info[3].ToBoolean();
  const int m = integer(info, 4), n = integer(info, 5);
  const double alpha = info[6].As<Napi::Number>().DoubleValue();
  const int ka = left ? m : n;
  double *A, *B;
  if (m < 0 || n < 0 || !typed(info, 7, "A", size_t(ka) * ka, &A) || !typed(info, 8, "B", size_t(m) * n, &B))
    return env.Undefined();
  if (m == 0 || n == 0) return env.Undefined();
  repro::singleThreadedBlas();
  cblas_dtrsm(CblasRowMajor, left ? CblasLeft : CblasRight, lower ? CblasLower : CblasUpper, trans ? CblasTrans : CblasNoTrans,
              unit ? CblasUnit : CblasNonUnit, m, n, alpha, A, ka, B, n);
  return env.Undefined();
}

// qr(m, n, A, R) → info, m ≥ n: thin QR of row-major A (m×n). On return A holds Q (m×n,
// orthonormal columns) and R (n×n, row-major) the upper factor. Row-major A is column-major Aᵀ
// (n×m); its LQ factorisation Aᵀ = L Q′ gives A = Q′ᵀ Lᵀ, and Q′ (column-major n×m) is Q row-major.
Napi::Value Qr(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const int m = integer(info, 0), n = integer(info, 1);
  if (m < n || n < 0) return fail(env, "qr: needs m ≥ n ≥ 0"), env.Undefined();
  double *A, *R;
  if (!typed(info, 2, "A", size_t(m) * n, &A) || !typed(info, 3, "R", size_t(n) * n, &R)) return env.Undefined();
  if (n == 0) return Napi::Number::New(env, 0);
  std::vector<double> tau(n);
  lapack_int infoCode = 0, lwork = -1;
  double query = 0;
  const lapack_int ln = n, lm = m, lda = n;
  repro::singleThreadedBlas();
  dgelqf_(&ln, &lm, A, &lda, tau.data(), &query, &lwork, &infoCode);
  lwork = static_cast<lapack_int>(query);
  std::vector<double> work(std::max<lapack_int>(lwork, 1));
  dgelqf_(&ln, &lm, A, &lda, tau.data(), work.data(), &lwork, &infoCode);
  if (infoCode != 0) return Napi::Number::New(env, double(infoCode));
  // L is the lower triangle of the column-major n×n leading block: L(i,j) = A[j·n + i], R = Lᵀ.
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) R[i * n + j] = j >= i ? A[i * n + j] : 0.0;
  lwork = -1;
  dorglq_(&ln, &lm, &ln, A, &lda, tau.data(), &query, &lwork, &infoCode);
  lwork = static_cast<lapack_int>(query);
  work.assign(std::max<lapack_int>(lwork, 1), 0.0);
  dorglq_(&ln, &lm, &ln, A, &lda, tau.data(), work.data(), &lwork, &infoCode);
  return Napi::Number::New(env, double(infoCode));
}

// tanh on float32 by a [13/6] rational approximation (Eigen's fast tanh, max error ~1 ulp on
// |x| < 7.9, exactly ±1 beyond within fp32): branch-free, so it vectorises.
REPRO_CLONES void tanhLoop(const float* x, float* y, size_t len) {
  const float a1 = 4.89352455891786e-03f, a3 = 6.37261928875436e-04f, a5 = 1.48572235717979e-05f,
              a7 = 5.12229709037114e-08f, a9 = -8.60467152213735e-11f, a11 = 2.00018790482477e-13f,
              a13 = -2.76076847742355e-16f;
  const float b0 = 4.89352518554385e-03f, b2 = 2.26843463243900e-03f, b4 = 1.18534705686654e-04f,
              b6 = 1.19825839466702e-06f;
  for (size_t i = 0; i < len; i++) {
    float v = x[i];
    const bool tiny = std::fabs(v) < 0.0004f;
    v = v > 7.90531110763549805f ? 7.90531110763549805f : (v < -7.90531110763549805f ? -7.90531110763549805f : v);
    const float v2 = v * v;
    float p = a13;
    p = p * v2 + a11;
    p = p * v2 + a9;
    p = p * v2 + a7;
    p = p * v2 + a5;
    p = p * v2 + a3;
    p = p * v2 + a1;
    p = p * v;
    float q = b6;
    q = q * v2 + b4;
    q = q * v2 + b2;
    q = q * v2 + b0;
    y[i] = tiny ? x[i] : p / q;
  }
}

// arcsin on float32 (Cephes asinf: max relative error ~2.5e-7 on [-1, 1]), branch-free.
REPRO_CLONES void asinLoop(const float* x, float* y, size_t len) {
  for (size_t i = 0; i < len; i++) {
    const float v = x[i];
    const float a = std::fabs(v);
    const bool big = a > 0.5f;
    const float z = big ? 0.5f * (1.0f - a) : a * a;
    const float s = big ? std::sqrt(z) : a;
    float p = 4.2163199048e-2f;
    p = p * z + 2.4181311049e-2f;
    p = p * z + 4.5470025998e-2f;
    p = p * z + 7.4953002686e-2f;
    p = p * z + 1.6666752422e-1f;
    p = p * z * s + s;
    const float r = big ? 1.5707963267948966f - 2.0f * p : p;
    y[i] = v < 0 ? -r : r;
  }
}

// a ← (1 − s²) ⊙ a: the tanh derivative applied from tanh's output s.
REPRO_CLONES void tanhGradLoop(const float* s, float* a, size_t len) {
  for (size_t i = 0; i < len; i++) a[i] *= 1.0f - s[i] * s[i];
}

template <void (*loop)(const float*, float*, size_t)>
Napi::Value Elementwise(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  float* x;
  if (!typed(info, 0, "x", 0, &x)) return env.Undefined();
  const size_t len = info[0].As<Napi::Float32Array>().ElementLength();
  float* y;
  if (!typed(info, 1, "out", len, &y)) return env.Undefined();
  loop(x, y, len);
  return env.Undefined();
}

Napi::Value SetThreads(const Napi::CallbackInfo& info) {
#ifndef REPRO_ACCELERATE
  openblas_set_num_threads(std::max(1, integer(info, 0)));
#endif
  // Accelerate has no such call: compute-native.ts sets VECLIB_MAXIMUM_THREADS=1 before loading.
  return info.Env().Undefined();
}

#ifdef REPRO_ACCELERATE
// vecLib reads VECLIB_MAXIMUM_THREADS once, when it loads with this addon: that cap is its thread
// count as far as anyone can tell (0: unset, Accelerate decides). Read at Init, as vecLib did.
int veclibMaxThreads = 0;
#endif

Napi::Value GetThreads(const Napi::CallbackInfo& info) {
#ifdef REPRO_ACCELERATE
  return Napi::Number::New(info.Env(), veclibMaxThreads);
#else
  return Napi::Number::New(info.Env(), openblas_get_num_threads());
#endif
}

// { library, corename, config }: which BLAS and which kernel set it picked on this CPU.
Napi::Value Info(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object o = Napi::Object::New(env);
#ifdef REPRO_ACCELERATE
  // Accelerate picks its kernels itself and names neither them nor a version.
  o.Set("library", "Accelerate");
  o.Set("corename", "");
  o.Set("config", sizeof(lapack_int) == 8 ? "new LAPACK, ILP64" : "new LAPACK, LP64");
#else
  o.Set("library", "OpenBLAS");
  o.Set("corename", openblas_get_corename());
  o.Set("config", openblas_get_config());
#endif
  return o;
}

// Bumped whenever an export is added or changes meaning; compute-native.ts refuses an addon
// built from other sources (a checkout updated without `npm run build:native`).
constexpr int kApiVersion = 8;  // 2: blocked threaded gemm, sparse law 4 (mask); 3: P1 Gram kernels; 4: dense sparse sampling;
                                // 5: sgemm engines (oneDNN); 6: ziggurat normals (rngZigguratInit), no normal cache;
                                // 7: S1 standardisation kernels; 8: maskRows (F6's gather)

Napi::Object Init(Napi::Env env, Napi::Object exports) {
#ifdef REPRO_ACCELERATE
  if (const char* v = std::getenv("VECLIB_MAXIMUM_THREADS")) veclibMaxThreads = std::max(0, std::atoi(v));
#endif
  exports.Set("apiVersion", Napi::Number::New(env, kApiVersion));
  RegisterRandom(env, exports);
  RegisterElementwise(env, exports);
  exports.Set("sgemm", Napi::Function::New(env, Gemm<float>));
  exports.Set("dgemm", Napi::Function::New(env, Gemm<double>));
  exports.Set("dsyevd", Napi::Function::New(env, Dsyevd));
  exports.Set("dpotrf", Napi::Function::New(env, Dpotrf));
  exports.Set("dtrsm", Napi::Function::New(env, Dtrsm));
  exports.Set("qr", Napi::Function::New(env, Qr));
  exports.Set("tanh", Napi::Function::New(env, Elementwise<tanhLoop>));
  exports.Set("asin", Napi::Function::New(env, Elementwise<asinLoop>));
  exports.Set("tanhGrad", Napi::Function::New(env, Elementwise<tanhGradLoop>));
  exports.Set("setThreads", Napi::Function::New(env, SetThreads));
  exports.Set("getThreads", Napi::Function::New(env, GetThreads));
  exports.Set("info", Napi::Function::New(env, Info));
  repro::registerBlockedGemm(env, exports);
  repro::registerSgemmEngine(env, exports);
  return exports;
}

}  // namespace

NODE_API_MODULE(repro_blas, Init)
