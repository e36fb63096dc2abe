// Fused elementwise kernels of the training steps (science/numerics/elementwise.ts has the same
// arithmetic in JS: fp64 intermediates, fp32 stores, the same order of operations, so both
// backends give the same bits). One thread: results never depend on a thread count.
#include <napi.h>

#include "args.h"

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace {

using repro::length;
using repro::num;
using repro::typed;

// The two n×n Float32Array arguments of a Gram-matrix pass (info[0], info[1]; n is info[2]).
bool squarePair(const Napi::CallbackInfo& info, const char* kernel, const char* a, const char* b, float** A, float** B, int64_t* n) {
  *n = info[2].As<Napi::Number>().Int64Value();
  if (*n < 0) return repro::fail(info.Env(), std::string(kernel) + ": n must be ≥ 0");
  const size_t nn = static_cast<size_t>(*n * *n);
  return typed(info, 0, a, nn, A) && typed(info, 1, b, nn, B);
}

// The vectorised loops (no reductions: a vector sum would change the order of the additions).
REPRO_CLONES void signLoop(const float* x, float* out, size_t n) {
  for (size_t i = 0; i < n; i++) out[i] = x[i] >= 0.0f ? 1.0f : -1.0f;
}
REPRO_CLONES void clipLoop(const float* G, float* Gc, size_t n, double lo, double hi) {
  for (size_t i = 0; i < n; i++) {
    const double g = G[i];
    Gc[i] = static_cast<float>(g > hi ? hi : g < lo ? lo : g);
  }
}
REPRO_CLONES void arcsinPrimeLoop(float* P, const float* Gc, size_t n) {
  for (size_t i = 0; i < n; i++) {
    const double g = Gc[i];
    P[i] = static_cast<float>(P[i] / std::sqrt(1 - g * g));
  }
}

// sign(x, out): out[i] = x[i] >= 0 ? 1 : −1 (sign(0) := +1; NaN → −1 as in JS).
Napi::Value Sign(const Napi::CallbackInfo& info) {
  float* x;
  float* out;
  size_t n = info[0].IsTypedArray() ? length(info, 0) : 0;
  if (!typed(info, 0, "x", 0, &x) || !typed(info, 1, "out", n, &out)) return info.Env().Undefined();
  signLoop(x, out, n);
  return info.Env().Undefined();
}

// adam(x, g, m, v, lr, beta1, beta2, eps, c1, c2): bias-corrected Adam step in place, as JS computes it.
Napi::Value Adam(const Napi::CallbackInfo& info) {
  float *x, *g, *m, *v;
  size_t n = info[0].IsTypedArray() ? length(info, 0) : 0;
  if (!typed(info, 0, "x", 0, &x) || !typed(info, 1, "g", n, &g) || !typed(info, 2, "m", n, &m) || !typed(info, 3, "v", n, &v))
    return info.Env().Undefined();
  const double lr = num(info, 4), b1 = num(info, 5), b2 = num(info, 6), eps = num(info, 7), c1 = num(info, 8),
               c2 = num(info, 9);
  const double a1 = 1 - b1, a2 = 1 - b2;
  for (size_t i = 0; i < n; i++) {
    const double gi = g[i];
    // The fp64 moments drive the update; only their stores are rounded (as `mi = (m[i] = …)` in JS).
    const double mi = b1 * m[i] + a1 * gi;
    const double vi = b2 * v[i] + a2 * gi * gi;
    m[i] = static_cast<float>(mi);
    v[i] = static_cast<float>(vi);
    x[i] = static_cast<float>(x[i] - (lr * mi * c1) / (std::sqrt(vi * c2) + eps));
  }
  return info.Env().Undefined();
}

// normalizeColumns(W, rows, cols): each column of the row-major rows×cols W to unit norm (fp64 sums, row order).
Napi::Value NormalizeColumns(const Napi::CallbackInfo& info) {
  const int64_t rows = info[1].As<Napi::Number>().Int64Value(), cols = info[2].As<Napi::Number>().Int64Value();
  float* W;
  if (rows < 0 || cols < 0) {
    Napi::RangeError::New(info.Env(), "normalizeColumns: rows and cols must be ≥ 0").ThrowAsJavaScriptException();
    return info.Env().Undefined();
  }
  if (!typed(info, 0, "W", static_cast<size_t>(rows * cols), &W)) return info.Env().Undefined();
  std::vector<double> norm(static_cast<size_t>(cols), 0.0);
  for (int64_t j = 0; j < rows; j++) {
    const float* w = W + j * cols;
    for (int64_t i = 0; i < cols; i++) norm[i] += static_cast<double>(w[i]) * w[i];
  }
  for (int64_t i = 0; i < cols; i++) norm[i] = 1 / std::sqrt(norm[i]);
  for (int64_t j = 0; j < rows; j++) {
    float* w = W + j * cols;
    for (int64_t i = 0; i < cols; i++) w[i] = static_cast<float>(w[i] * norm[i]);
  }
  return info.Env().Undefined();
}

// The P1 projected-GD step's passes over its n×n Gram matrices (science/p1/projected-gd.ts).

// clipGram(G, Gc, n, clip): Gc = G clipped to [−1 + clip, 1 − clip], diagonal 0.
Napi::Value ClipGram(const Napi::CallbackInfo& info) {
  float *G, *Gc;
  int64_t n;
  if (!squarePair(info, "clipGram", "G", "Gc", &G, &Gc, &n)) return info.Env().Undefined();
  const size_t nn = static_cast<size_t>(n * n);
  const double clip = num(info, 3), lo = -1 + clip, hi = 1 - clip;
  clipLoop(G, Gc, nn, lo, hi);
  for (int64_t i = 0; i < n; i++) Gc[i * (n + 1)] = 0.0f;
  return info.Env().Undefined();
}

// maxAbs(A): max |A[i]| (0 when empty, NaN if any entry is NaN).
Napi::Value MaxAbs(const Napi::CallbackInfo& info) {
  float* A;
  size_t n = info[0].IsTypedArray() ? length(info, 0) : 0;
  if (!typed(info, 0, "A", 0, &A)) return info.Env().Undefined();
  float m = 0.0f;
  for (size_t i = 0; i < n; i++) {
    const float a = std::fabs(A[i]);
    if (a != a) return Napi::Number::New(info.Env(), NAN);
    if (a > m) m = a;
  }
  return Napi::Number::New(info.Env(), m);
}

// arcsinPrimeScale(P, Gc, n): P[i] ← P[i]/√(1 − Gc[i]²) off the diagonal, 0 on it.
Napi::Value ArcsinPrimeScale(const Napi::CallbackInfo& info) {
  float *P, *Gc;
  int64_t n;
  if (!squarePair(info, "arcsinPrimeScale", "P", "Gc", &P, &Gc, &n)) return info.Env().Undefined();
  const size_t nn = static_cast<size_t>(n * n);
  arcsinPrimeLoop(P, Gc, nn);
  for (int64_t i = 0; i < n; i++) P[i * (n + 1)] = 0.0f;
  return info.Env().Undefined();
}

// sphereStep(W, g, s, WS, n, d, eta): per row ŵ ← normalise(ŵ + η(g − ⟨g, ŵ⟩ŵ)), then WS = Ŵ·diag(s).
Napi::Value SphereStep(const Napi::CallbackInfo& info) {
  const int64_t n = info[4].As<Napi::Number>().Int64Value(), d = info[5].As<Napi::Number>().Int64Value();
  float *W, *g, *s, *WS;
  if (n < 0 || d < 0) {
    Napi::RangeError::New(info.Env(), "sphereStep: n and d must be ≥ 0").ThrowAsJavaScriptException();
    return info.Env().Undefined();
  }
  const size_t nd = static_cast<size_t>(n * d);
  if (!typed(info, 0, "W", nd, &W) || !typed(info, 1, "g", nd, &g) || !typed(info, 2, "s", static_cast<size_t>(d), &s) ||
      !typed(info, 3, "WS", nd, &WS))
    return info.Env().Undefined();
  const double eta = num(info, 6);
  for (int64_t i = 0; i < n; i++) {
    float* w = W + i * d;
    const float* gi = g + i * d;
    float* ws = WS + i * d;
    double dot = 0;
    for (int64_t j = 0; j < d; j++) dot += static_cast<double>(gi[j]) * w[j];
    double sq = 0;
    for (int64_t j = 0; j < d; j++) {
      const double wj = w[j];
      const float v = static_cast<float>(wj + eta * (gi[j] - dot * wj));
      w[j] = v;
      sq += static_cast<double>(v) * v;
    }
    const double inv = 1 / std::sqrt(sq);
    for (int64_t j = 0; j < d; j++) {
      const float v = static_cast<float>(w[j] * inv);
      w[j] = v;
      ws[j] = static_cast<float>(static_cast<double>(v) * s[j]);
    }
  }
  return info.Env().Undefined();
}

// The arguments of a per-column scaling pass (P1 S1): rows = info[r], cols = info[r + 1] (both
// ≥ 0), two rows×cols Float32Arrays at info[a], info[b] and the per-column Float64Array at info[v].
struct ColumnPass {
  int64_t rows, cols;
  float *a, *b;
  double* inv;
};
bool columnPass(const Napi::CallbackInfo& info, const char* kernel, int r, int a, const char* aName, int v, int b, const char* bName,
                ColumnPass* p) {
  p->rows = info[r].As<Napi::Number>().Int64Value();
  p->cols = info[r + 1].As<Napi::Number>().Int64Value();
  if (p->rows < 0 || p->cols < 0) return repro::fail(info.Env(), std::string(kernel) + ": rows and cols must be ≥ 0");
  const size_t rc = static_cast<size_t>(p->rows * p->cols);
  return typed(info, a, aName, rc, &p->a) && typed(info, v, "inv", static_cast<size_t>(p->cols), &p->inv) &&
         typed(info, b, bName, rc, &p->b);
}

// columnStandardize(z, rows, cols, tau, inv, out): per column mean and population variance (fp64,
// row order), inv[j] = 1/((√var + 1e-8)·τ), out = z·diag(inv).
Napi::Value ColumnStandardize(const Napi::CallbackInfo& info) {
  ColumnPass p;
  if (!columnPass(info, "columnStandardize", 1, 0, "z", 4, 5, "out", &p)) return info.Env().Undefined();
  const auto [rows, cols, z, out, inv] = p;
  const double tau = num(info, 3);
  std::vector<double> mean(static_cast<size_t>(cols), 0.0);
  for (int64_t r = 0, o = 0; r < rows; r++)
    for (int64_t j = 0; j < cols; j++, o++) mean[j] += z[o];
  for (int64_t j = 0; j < cols; j++) mean[j] /= static_cast<double>(rows);
  for (int64_t j = 0; j < cols; j++) inv[j] = 0.0;
  for (int64_t r = 0, o = 0; r < rows; r++)
    for (int64_t j = 0; j < cols; j++, o++) {
      const double c = z[o] - mean[j];
      inv[j] += c * c;
    }
  for (int64_t j = 0; j < cols; j++) inv[j] = 1 / ((std::sqrt(inv[j] / static_cast<double>(rows)) + 1e-8) * tau);
  for (int64_t o = 0; o < rows * cols; o += cols)
    for (int64_t j = 0; j < cols; j++) out[o + j] = static_cast<float>(z[o + j] * inv[j]);
  return info.Env().Undefined();
}

// tanhScaledBackward(c, inv, g, rows, cols): g ← g·(1 − c²)·inv[j], left to right as in JS.
Napi::Value TanhScaledBackward(const Napi::CallbackInfo& info) {
  ColumnPass p;
  if (!columnPass(info, "tanhScaledBackward", 3, 0, "c", 1, 2, "g", &p)) return info.Env().Undefined();
  const auto [rows, cols, c, g, inv] = p;
  for (int64_t o = 0; o < rows * cols; o += cols)
    for (int64_t j = 0; j < cols; j++) {
      const double cj = c[o + j];
      g[o + j] = static_cast<float>(static_cast<double>(g[o + j]) * (1 - cj * cj) * inv[j]);
    }
  return info.Env().Undefined();
}

// maskRows(out, X, rowsAt, k): out[o·k + j] ← out[o·k + j]·X[rowsAt[o] + j] + 0 (fp64 product, stored in
// out's type), out a Float32Array or Float64Array. The rows are random rows of a large X (F6's
// 60000 × 200 training images, 96 MB): each row's cache lines are prefetched one row ahead, which
// halves the time the gather waits on memory.
template <typename T>
void maskRowsLoop(T* out, const double* X, const int32_t* rowsAt, size_t m, int64_t k) {
  for (size_t o = 0; o < m; o++) {
    if (o + 1 < m)
      for (int64_t c = 0; c < k; c += 8) __builtin_prefetch(X + rowsAt[o + 1] + c);
    const double* x = X + rowsAt[o];
    T* y = out + o * k;
    for (int64_t j = 0; j < k; j++) y[j] = static_cast<T>(static_cast<double>(y[j]) * x[j] + 0.0);
  }
}

Napi::Value MaskRows(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  double* X;
  if (!info[2].IsTypedArray() || info[2].As<Napi::TypedArray>().TypedArrayType() != napi_int32_array)
    return repro::fail(env, "maskRows: rowsAt must be an Int32Array"), env.Undefined();
  if (!typed(info, 1, "X", 0, &X)) return env.Undefined();
  const auto rowsAt = info[2].As<Napi::Int32Array>();
  const size_t m = rowsAt.ElementLength(), xLen = length(info, 1);
  const int64_t k = info[3].As<Napi::Number>().Int64Value();
  if (k < 0) return repro::fail(env, "maskRows: k must be ≥ 0"), env.Undefined();
  for (size_t o = 0; o < m; o++) {
    const int64_t r = rowsAt[o];
    if (r < 0 || r + k > static_cast<int64_t>(xLen))
      return repro::fail(env, "maskRows: row offset " + std::to_string(r) + " + k = " + std::to_string(k) + " is outside X (" +
                                  std::to_string(xLen) + " values)"),
             env.Undefined();
  }
  const size_t need = m * static_cast<size_t>(k);
  if (info[0].IsTypedArray() && info[0].As<Napi::TypedArray>().TypedArrayType() == napi_float64_array) {
    double* out;
    if (typed(info, 0, "out", need, &out)) maskRowsLoop(out, X, rowsAt.Data(), m, k);
  } else {
    float* out;
    if (typed(info, 0, "out", need, &out)) maskRowsLoop(out, X, rowsAt.Data(), m, k);
  }
  return env.Undefined();
}

}  // namespace

void RegisterElementwise(Napi::Env env, Napi::Object exports) {
  exports.Set("sign", Napi::Function::New(env, Sign));
  exports.Set("adam", Napi::Function::New(env, Adam));
  exports.Set("normalizeColumns", Napi::Function::New(env, NormalizeColumns));
  exports.Set("clipGram", Napi::Function::New(env, ClipGram));
  exports.Set("maxAbs", Napi::Function::New(env, MaxAbs));
  exports.Set("arcsinPrimeScale", Napi::Function::New(env, ArcsinPrimeScale));
  exports.Set("sphereStep", Napi::Function::New(env, SphereStep));
  exports.Set("columnStandardize", Napi::Function::New(env, ColumnStandardize));
  exports.Set("tanhScaledBackward", Napi::Function::New(env, TanhScaledBackward));
  exports.Set("maskRows", Napi::Function::New(env, MaskRows));
}
